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
                if from <= date && date <= to {
                    DateRelation::Agree(0.5)
                } else if date < from.add_days(-3).unwrap_or(from) || date > to.add_days(3).unwrap_or(to) {
                    DateRelation::Conflict
                } else {
                    DateRelation::Unknown
                }
            }
            (Window { from: f1, to: t1 }, Window { from: f2, to: t2 }) => {
                if f1 <= t2 && f2 <= t1 {
                    DateRelation::Agree(0.3)
                } else {
                    DateRelation::Unknown
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

    #[test]
    fn weekday_and_arithmetic() {
        let d = Date::new(2020, 12, 22).unwrap();
        assert_eq!(d.weekday(), 2);
        assert_eq!(d.add_days(10).unwrap().to_string(), "2021-01-01");
        assert_eq!(d.days_until(Date::new(2020, 12, 20).unwrap()), -2);
    }
}
