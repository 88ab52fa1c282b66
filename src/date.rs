//! Calendar dates and the event date of a report.

use std::fmt;

use chrono::{Datelike, NaiveDate};

use crate::error::Error;

/// A calendar day (proleptic Gregorian), independent of any date library.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "String", into = "String"))]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

impl Date {
    /// The date `year-month-day`, or `None` if no such day exists (`2021-02-29`, month 13 …).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        NaiveDate::from_ymd_opt(year, month, day).map(Date::from_naive)
    }

    /// Reads `YYYY-MM-DD`, or the date part of an RFC 3339 timestamp (`2020-11-07T18:30:00+03:00`).
    pub fn parse(text: &str) -> Result<Date, Error> {
        let trimmed = text.trim();
        let invalid = || Error::InvalidDate { value: text.to_string() };
        let day_part = trimmed.get(..10).ok_or_else(invalid)?;
        if trimmed.len() > 10 {
            chrono::DateTime::parse_from_rfc3339(trimmed).map_err(|_| invalid())?;
        }
        NaiveDate::parse_from_str(day_part, "%Y-%m-%d").map(Date::from_naive).map_err(|_| invalid())
    }

    /// Reads `YYYY-MM-DD` or an RFC 3339 timestamp, keeping the timestamp's local time and UTC
    /// offset: the day is the local day of the stamp (`2020-11-08T06:10:00+07:00` is the 8th in
    /// Hanoi, still the 7th in Washington).
    pub fn parse_stamp(text: &str) -> Result<(Date, Option<LocalTime>), Error> {
        let date = Date::parse(text)?;
        let trimmed = text.trim();
        if trimmed.len() <= 10 {
            return Ok((date, None));
        }
        let stamp = chrono::DateTime::parse_from_rfc3339(trimmed).map_err(|_| Error::InvalidDate { value: text.to_string() })?;
        use chrono::Timelike;
        let time = LocalTime {
            hour: stamp.hour() as u8,
            minute: stamp.minute() as u8,
            offset_minutes: (stamp.offset().local_minus_utc() / 60) as i16,
        };
        Ok((date, Some(time)))
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }
    /// The month, 1–12.
    pub fn month(self) -> u32 {
        u32::from(self.month)
    }
    /// The day of the month, 1–31.
    pub fn day(self) -> u32 {
        u32::from(self.day)
    }
    /// Day of the week, 1 = Monday … 7 = Sunday.
    pub fn weekday(self) -> u32 {
        self.naive().weekday().number_from_monday()
    }
    /// The date `days` days later (earlier when negative); `None` outside the supported range.
    pub fn add_days(self, days: i64) -> Option<Date> {
        self.naive().checked_add_signed(chrono::Duration::days(days)).map(Date::from_naive)
    }
    /// Signed number of days from `self` to `other`.
    pub fn days_until(self, other: Date) -> i64 {
        (other.naive() - self.naive()).num_days()
    }

    pub(crate) fn naive(self) -> NaiveDate {
        // Invariant: a Date is only ever made from a valid NaiveDate.
        NaiveDate::from_ymd_opt(self.year, self.month(), self.day()).unwrap_or(NaiveDate::MIN)
    }
    pub(crate) fn from_naive(d: NaiveDate) -> Date {
        Date { year: d.year(), month: d.month() as u8, day: d.day() as u8 }
    }
}

/// The local time of day and UTC offset of a publication timestamp.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct LocalTime {
    /// Hour of the local day, 0–23.
    pub hour: u8,
    /// Minute, 0–59.
    pub minute: u8,
    /// Offset from UTC in minutes (`+07:00` is 420).
    pub offset_minutes: i16,
}

impl fmt::Display for LocalTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.offset_minutes < 0 { '-' } else { '+' };
        let off = self.offset_minutes.unsigned_abs();
        write!(f, "{:02}:{:02}{sign}{:02}:{:02}", self.hour, self.minute, off / 60, off % 60)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl TryFrom<String> for Date {
    type Error = Error;
    fn try_from(s: String) -> Result<Date, Error> {
        Date::parse(&s)
    }
}

impl From<Date> for String {
    fn from(d: Date) -> String {
        d.to_string()
    }
}

/// What is known of the day an event happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "type", rename_all = "snake_case"))]
#[non_exhaustive]
pub enum DateValue {
    /// A known day.
    Day {
        /// The day.
        date: Date,
    },
    /// Day and month are known, the year is not ("on 26 June" with nothing to fix the year).
    DayMonth {
        /// Month, 1–12.
        month: u32,
        /// Day of the month.
        day: u32,
    },
    /// The event happened on one of the days in `from..=to` (for example: shortly before publication).
    Window {
        /// First possible day.
        from: Date,
        /// Last possible day.
        to: Date,
    },
}

impl DateValue {
    /// The exact day, if it is known.
    pub fn day(&self) -> Option<Date> {
        match *self {
            DateValue::Day { date } => Some(date),
            _ => None,
        }
    }

    /// The first and last possible day: the day itself, or the window's bounds; `None` for a day
    /// and month without a year.
    pub fn span(&self) -> Option<(Date, Date)> {
        match *self {
            DateValue::Day { date } => Some((date, date)),
            DateValue::Window { from, to } => Some((from, to)),
            DateValue::DayMonth { .. } => None,
        }
    }
}

impl fmt::Display for DateValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateValue::Day { date } => write!(f, "{date}"),
            DateValue::DayMonth { month, day } => write!(f, "????-{month:02}-{day:02}"),
            DateValue::Window { from, to } => write!(f, "{from}..{to}"),
        }
    }
}

/// The part of the day a contact took place in, as a report says it ("in serata", "tối cùng ngày").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum DayPart {
    /// Morning (`stamattina`, `zjutraj`, `buổi sáng`).
    Morning,
    /// Afternoon (`nel pomeriggio`, `popoldne`, `chiều`).
    Afternoon,
    /// Evening (`in serata`, `zvečer`, `tối`).
    Evening,
    /// Night (`nella notte`, `ponoči`, `đêm`).
    Night,
}

impl DayPart {
    pub(crate) fn from_index(n: u8) -> Option<DayPart> {
        Some(match n {
            1 => DayPart::Morning,
            2 => DayPart::Afternoon,
            3 => DayPart::Evening,
            4 => DayPart::Night,
            _ => return None,
        })
    }
    /// Whether two reports' parts of the day cannot be one contact: morning and evening, or
    /// afternoon and night. Neighbouring parts can be one contact seen from two time zones
    /// (a call at 17:00 in Paris is at 19:00 in Moscow).
    pub fn excludes(self, other: DayPart) -> bool {
        (self as i32 - other as i32).abs() == 2
    }
}

impl fmt::Display for DayPart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DayPart::Morning => "morning",
            DayPart::Afternoon => "afternoon",
            DayPart::Evening => "evening",
            DayPart::Night => "night",
        })
    }
}

/// Which of a day's contacts a report describes ("for the second time today", "per la seconda volta").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum DayOrder {
    /// The n-th contact of the day (1 = the first).
    Nth(u8),
    /// A later one: not the first ("later in the day").
    Later,
}

impl DayOrder {
    pub(crate) fn from_index(n: u8) -> Option<DayOrder> {
        match n {
            1..=5 => Some(DayOrder::Nth(n)),
            9 => Some(DayOrder::Later),
            _ => None,
        }
    }
    /// Whether two reports' orders cannot be one contact (the first and the second, or the
    /// first and a later one).
    pub fn excludes(self, other: DayOrder) -> bool {
        match (self, other) {
            (DayOrder::Nth(a), DayOrder::Nth(b)) => a != b,
            (DayOrder::Later, DayOrder::Nth(n)) | (DayOrder::Nth(n), DayOrder::Later) => n == 1,
            (DayOrder::Later, DayOrder::Later) => false,
        }
    }
}

impl fmt::Display for DayOrder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DayOrder::Nth(1) => f.write_str("first of the day"),
            DayOrder::Nth(2) => f.write_str("second of the day"),
            DayOrder::Nth(3) => f.write_str("third of the day"),
            DayOrder::Nth(n) => write!(f, "contact {n} of the day"),
            DayOrder::Later => f.write_str("a later contact of the day"),
        }
    }
}

/// Where an event date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum DateSource {
    /// A dateline at the top of the report (`MOSCOW, December 22. /TASS/.`).
    Dateline,
    /// A date written out in the text (`7 novembre 2020`, `ngày 26/6`).
    Explicit,
    /// A relative word resolved against the published date (`oggi`, `hôm qua`).
    Relative,
    /// A weekday resolved against the published date (`on Saturday`, `v torek`).
    Weekday,
    /// Nothing in the text: the published date bounds the event.
    Published,
}

impl fmt::Display for DateSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DateSource::Dateline => "dateline",
            DateSource::Explicit => "explicit date",
            DateSource::Relative => "relative word",
            DateSource::Weekday => "weekday",
            DateSource::Published => "published date",
        })
    }
}

/// The event date of a report: a value, where it came from, and how sure the extraction is (0–1).
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct EventDate {
    /// What is known of the day.
    pub value: DateValue,
    /// Where it came from.
    pub source: DateSource,
    /// Confidence, 0–1.
    pub confidence: f32,
}

/// How two event dates relate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum DateRelation {
    /// Same day (or same day and month), with a strength in (0, 1].
    Agree(f32),
    /// Nothing decides.
    Unknown,
    /// Confidently different days.
    Conflict,
}

impl EventDate {
    pub(crate) fn relation(&self, other: &EventDate) -> DateRelation {
        use DateValue::*;
        let soft = self.source == DateSource::Published || other.source == DateSource::Published;
        match (self.value, other.value) {
            (Day { date: a }, Day { date: b }) => {
                let gap = a.days_until(b).abs();
                if gap == 0 {
                    DateRelation::Agree(if soft { 0.7 } else { 1.0 })
                } else if soft && gap <= 1 {
                    DateRelation::Agree(0.4)
                } else {
                    DateRelation::Conflict
                }
            }
            (Day { date }, DayMonth { month, day }) | (DayMonth { month, day }, Day { date }) => {
                if date.month() == month && date.day() == day {
                    DateRelation::Agree(0.8)
                } else if soft {
                    DateRelation::Unknown
                } else {
                    DateRelation::Conflict
                }
            }
            (DayMonth { month: m1, day: d1 }, DayMonth { month: m2, day: d2 }) => {
                if (m1, d1) == (m2, d2) {
                    DateRelation::Agree(0.8)
                } else {
                    DateRelation::Conflict
                }
            }
            (Window { from, to }, Day { date }) | (Day { date }, Window { from, to }) => {
                // Every day inside the window is possible; a day just outside it is undecided
                // (the window bounds what the text says, not the calendar); further is another day.
                if from <= date && date <= to {
                    DateRelation::Agree(window_strength(from, to))
                } else if gap_outside(from, to, date) <= 1 {
                    DateRelation::Unknown
                } else {
                    DateRelation::Conflict
                }
            }
            (Window { from: f1, to: t1 }, Window { from: f2, to: t2 }) => {
                if f1 <= t2 && f2 <= t1 {
                    // Two reports published the same day without a day in their text agree as
                    // much as two published days did; overlapping windows less.
                    let same = f1 == f2 && t1 == t2;
                    DateRelation::Agree(if same { window_strength(f1, t1) } else { 0.4 })
                } else if gap_outside(f1, t1, f2).min(gap_outside(f1, t1, t2)) <= 1 {
                    DateRelation::Unknown
                } else {
                    DateRelation::Conflict
                }
            }
            (Window { from, to }, DayMonth { month, day }) | (DayMonth { month, day }, Window { from, to }) => {
                let inside = (0..=from.days_until(to)).filter_map(|i| from.add_days(i)).any(|d| d.month() == month && d.day() == day);
                if inside {
                    DateRelation::Agree(0.4)
                } else {
                    DateRelation::Unknown
                }
            }
        }
    }
}

/// How much a day inside a window agrees with it: less the wider the window.
fn window_strength(from: Date, to: Date) -> f32 {
    match from.days_until(to) {
        ..=1 => 0.6,
        2..=3 => 0.45,
        _ => 0.35,
    }
}

/// Days from the window `from..=to` to `date` (0 inside).
fn gap_outside(from: Date, to: Date, date: Date) -> i64 {
    if date < from {
        date.days_until(from)
    } else if date > to {
        to.days_until(date)
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_days_and_timestamps() {
        assert_eq!(Date::parse("2020-11-07").unwrap(), Date::new(2020, 11, 7).unwrap());
        assert_eq!(Date::parse("2020-11-07T18:30:00+03:00").unwrap().day(), 7);
        assert!(Date::parse("2020-02-30").is_err());
        assert!(Date::parse("yesterday").is_err());
        assert!(Date::parse("2020-11-07Tgarbage").is_err());
    }

    fn day(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn event(value: DateValue, source: DateSource) -> EventDate {
        EventDate { value, source, confidence: 0.5 }
    }

    #[test]
    fn a_window_agrees_with_its_days_and_conflicts_with_days_clearly_outside() {
        let window = event(DateValue::Window { from: day("2025-05-18"), to: day("2025-05-19") }, DateSource::Published);
        let on = |d: &str| event(DateValue::Day { date: day(d) }, DateSource::Explicit);
        assert!(matches!(window.relation(&on("2025-05-18")), DateRelation::Agree(_)));
        assert!(matches!(on("2025-05-19").relation(&window), DateRelation::Agree(_)));
        assert_eq!(window.relation(&on("2025-05-20")), DateRelation::Unknown);
        assert_eq!(window.relation(&on("2025-05-17")), DateRelation::Unknown);
        assert_eq!(window.relation(&on("2025-05-16")), DateRelation::Conflict);
        assert_eq!(window.relation(&on("2025-05-22")), DateRelation::Conflict);
        // Two reports published the same day agree; a wide window agrees less with its days.
        assert!(matches!(window.relation(&window), DateRelation::Agree(s) if s >= 0.6));
        let wide = event(DateValue::Window { from: day("2025-05-12"), to: day("2025-05-19") }, DateSource::Published);
        let (DateRelation::Agree(narrow), DateRelation::Agree(broad)) =
            (window.relation(&on("2025-05-19")), wide.relation(&on("2025-05-19")))
        else {
            panic!("both agree")
        };
        assert!(broad < narrow);
        let later = event(DateValue::Window { from: day("2025-05-22"), to: day("2025-05-23") }, DateSource::Published);
        assert_eq!(window.relation(&later), DateRelation::Conflict);
        let month_day = event(DateValue::DayMonth { month: 5, day: 18 }, DateSource::Explicit);
        assert!(matches!(window.relation(&month_day), DateRelation::Agree(_)));
    }

    #[test]
    fn parts_of_the_day_and_orders_exclude_only_what_cannot_be_one_contact() {
        use DayPart::*;
        assert!(Morning.excludes(Evening) && Evening.excludes(Morning) && Afternoon.excludes(Night));
        assert!(!Afternoon.excludes(Evening) && !Evening.excludes(Night) && !Morning.excludes(Morning));
        assert!(DayOrder::Nth(1).excludes(DayOrder::Nth(2)) && DayOrder::Nth(1).excludes(DayOrder::Later));
        assert!(!DayOrder::Nth(2).excludes(DayOrder::Later) && !DayOrder::Nth(2).excludes(DayOrder::Nth(2)));
    }

    #[test]
    fn stamps_keep_their_local_time_and_offset() {
        let (d, t) = Date::parse_stamp("2020-11-08T06:10:00+07:00").unwrap();
        assert_eq!(d.to_string(), "2020-11-08");
        assert_eq!(t, Some(LocalTime { hour: 6, minute: 10, offset_minutes: 420 }));
        assert_eq!(t.unwrap().to_string(), "06:10+07:00");
        assert_eq!(Date::parse_stamp("2020-11-08").unwrap().1, None);
        assert!(Date::parse_stamp("2020-11-08T99:00").is_err());
    }

    #[test]
    fn weekday_and_arithmetic() {
        let d = Date::new(2020, 12, 22).unwrap();
        assert_eq!(d.weekday(), 2);
        assert_eq!(d.add_days(10).unwrap().to_string(), "2021-01-01");
        assert_eq!(d.days_until(Date::new(2020, 12, 20).unwrap()), -2);
    }
}
