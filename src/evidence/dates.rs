//! The event's date: where each date expression stands (title, dateline, lead, background,
//! future, page furniture), how it is weighed, and which day the report is about.

use std::collections::BTreeSet;

use super::date_forms::{self, Mention, Said};
use super::Part;
use crate::date::{Date, DateSource, DateValue, DayOrder, DayPart, EventDate, LocalTime};
use crate::knowledge::{Entity, Knowledge};
use crate::lang::cues::{Cues, Time, Word};
use crate::lang::Lang;
use crate::text::TokenKind;

/// Where a mention stands in the report, for weighing it as the event date.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Placement {
    pub in_title: bool,
    pub dateline: bool,
    /// Sentence index within the body (0 = lead).
    pub sentence: u32,
    pub background: bool,
    pub future: bool,
    pub near_kind_cue: bool,
    /// Whether two or more people are named in the same sentence (who met, and when).
    pub near_people: bool,
    pub noise: bool,
    /// The day is said on the reader's clock in its small hours ("rạng sáng 19/8 (giờ Việt
    /// Nam)"): the event's own day, where it took place, may be the day before.
    pub home_time: bool,
    /// The day is said on the clock of the place of the event ("15/8 theo giờ địa phương").
    pub local_time: bool,
}

/// How many tokens after a date a clock marker ("giờ Việt Nam", "local time") may stand.
const CLOCK_MARKER_REACH: usize = 6;

/// A scored candidate for the event date.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Candidate {
    pub value: DateValue,
    pub source: DateSource,
    pub score: f32,
    /// Said on the reader's clock: see [`Placement::home_time`].
    pub home_time: bool,
}

/// Weighs one mention as the event date. Higher is more likely the event's own day.
pub(crate) fn weigh(said: Said, place: Placement, value: DateValue, published: Option<Date>, latest_year: Option<i32>) -> Option<f32> {
    if place.noise {
        return None;
    }
    if let (Some(p), Some(d)) = (published, value.day()) {
        if d > p.add_days(1)? {
            return None;
        }
    }
    let mut score = 0.0;
    if place.in_title {
        score += 3.0;
    }
    if place.dateline {
        score += 5.0;
    }
    if !place.in_title {
        score += match place.sentence {
            0 => 3.0,
            1 => 2.0,
            2 => 1.0,
            _ => 0.0,
        };
    }
    if place.near_kind_cue {
        score += 1.0;
    }
    if place.near_people {
        score += 1.0;
    }
    score += match said {
        Said::Relative(0) | Said::Relative(-1) => 1.5,
        Said::Relative(_) => 0.5,
        // A named weekday is as specific as "today"; "today's" as an adjective ("today's era",
        // `današnji čas`) is weaker, and comes as `relative_adjective` in the language data.
        Said::Weekday { .. } => 1.5,
        Said::Absolute { .. } => 1.0,
        Said::RelativeAdjective(_) => 0.0,
    };
    if place.background {
        score -= 6.0;
    }
    if place.future {
        score -= 5.0;
    }
    // Of a day said on two clocks, the event's own is the one of its place.
    if place.local_time {
        score += 2.0;
    }
    if place.home_time {
        score -= 1.0;
    }
    match (published, value.day()) {
        (Some(p), Some(d)) if d < p.add_days(-10)? => score -= 4.0,
        (None, Some(d)) if latest_year.is_some_and(|y| d.year() < y) => score -= 3.0,
        _ => {}
    }
    Some(score)
}

/// Picks the event date among scored candidates: the value with the highest total score, where
/// mentions of the same day (a weekday and a date, a dateline and a relative word) add up. With no
/// convincing candidate, the days shortly before publication stand in: a window from `back` days
/// before the published day to that day, marked [`DateSource::Published`].
pub(crate) fn choose(candidates: &[Candidate], published: Option<Date>, back: i64) -> Option<EventDate> {
    let mut totals: Vec<(DateValue, DateSource, f32, f32)> = Vec::new();
    for c in candidates.iter().filter(|c| c.score > 0.0) {
        let same = |v: &DateValue| match (v, &c.value) {
            (DateValue::Day { date }, DateValue::DayMonth { month, day })
            | (DateValue::DayMonth { month, day }, DateValue::Day { date }) => date.month() == *month && date.day() == *day,
            (a, b) => a == b,
        };
        match totals.iter_mut().find(|t| same(&t.0)) {
            Some(t) => {
                // The best mention counts in full, the others a little: a background sentence
                // that repeats its day ("last Saturday (30/4)") must not outweigh the lead.
                t.2 += REPEAT_SHARE * c.score.min(t.3);
                if c.score > t.3 {
                    t.2 += (1.0 - REPEAT_SHARE) * (c.score - t.3);
                    t.1 = c.source;
                    t.3 = c.score;
                }
                if let DateValue::Day { .. } = c.value {
                    t.0 = c.value;
                }
            }
            None => totals.push((c.value, c.source, c.score, c.score)),
        }
    }
    // Ties go to the later day, then to the more precise value: deterministic whatever the order.
    totals.sort_by(|a, b| b.2.total_cmp(&a.2).then_with(|| format!("{}", b.0).cmp(&format!("{}", a.0))));
    let best = totals.first().filter(|t| t.2 >= 3.0);
    match best {
        Some(&(value, source, score, _)) => Some(EventDate { value, source, confidence: (score / 10.0).min(1.0) }),
        None => published.map(|p| EventDate { value: window_before(p, back), source: DateSource::Published, confidence: 0.2 }),
    }
}

/// A dateline gives the day the dispatch was filed; a weekday, relative word or date of the lead
/// that names one of the days before it gives the event's ("Washington, 19. avgusta – … v
/// ponedeljek"): that day wins.
fn filed_before(e: &mut EventDate, candidates: &[Candidate]) {
    if e.source != DateSource::Dateline {
        return;
    }
    let Some(filed) = e.value.day() else { return };
    let earlier = candidates
        .iter()
        .filter(|c| c.source != DateSource::Dateline && c.score >= FILED_BEFORE_MIN_SCORE)
        .filter_map(|c| c.value.day().map(|d| (d, c)))
        .filter(|(d, _)| *d < filed && filed.add_days(-FILED_WITHIN_DAYS).is_some_and(|from| *d >= from))
        .max_by(|a, b| a.1.score.total_cmp(&b.1.score).then(a.0.cmp(&b.0)));
    // The lead may also say the dateline's day as strongly ("on Thursday afternoon"): it stands.
    let confirmed =
        |score: f32| candidates.iter().any(|c| c.source != DateSource::Dateline && c.score >= score && c.value.day() == Some(filed));
    if let Some((day, c)) = earlier.filter(|(_, c)| !confirmed(c.score)) {
        e.value = DateValue::Day { date: day };
        e.source = c.source;
    }
}

/// How strong a lead mention must be to move the event from its dateline's day, and how many
/// days back it may move it.
const FILED_BEFORE_MIN_SCORE: f32 = 4.0;
const FILED_WITHIN_DAYS: i64 = 6;

/// The days from `back` days before `p` to `p`.
fn window_before(p: Date, back: i64) -> DateValue {
    DateValue::Window { from: p.add_days(-back.max(1)).unwrap_or(p), to: p }
}

/// How much a further mention of the chosen day adds, relative to its own weight.
const REPEAT_SHARE: f32 = 0.25;

/// Whether a clock marker (`wanted`: [`Word::HomeTime`] or [`Word::LocalTime`]) starts within
/// `reach` tokens after token `end` in its sentence.
fn clock_marker_after(part: &Part, end: usize, reach: usize, wanted: Word) -> bool {
    let sentence = part.tokens[end.saturating_sub(1)].sentence;
    part.words_in_sentence(sentence).any(|&(s, _, w)| w == wanted && s >= end && s <= end + reach)
}

fn placement(part: &Part, m: &Mention) -> Placement {
    let t = &part.tokens;
    let sentence = t[m.start].sentence;
    let line = t[m.start].line;
    let line_start = (0..=m.start).rev().take_while(|&i| t[i].line == line).last().unwrap_or(m.start);
    let dateline = !part.in_title
        && line <= 8
        && m.start - line_start <= 4
        && (m.start == line_start
            || t[m.start - 1].is_punct(',')
            || part.tokens.lower(m.start - 1) == "date"
            // "MOSKVA, ngày 8/7 -": a word that introduces the day stands between.
            || m.start >= 2 && t[m.start - 2].is_punct(',') && part.words.iter().any(|&(s, e, w)| w == Word::DayIntro && e == m.start && s + 1 == m.start))
        && t.get(m.end).is_some_and(|n| {
            matches!(n.kind, TokenKind::Punct('–' | '-' | '—' | '(' | '.' | '/' | ':'))
                || t.get(m.end).is_some_and(|n| n.number().is_some())
        });
    let before_window = m.start.saturating_sub(8);
    let background = part.words_in_sentence(sentence).any(|&(s, e, w)| {
        (w == Word::Background && s >= before_window && e <= m.start) || (w == Word::BackgroundAfter && s >= m.end && s <= m.end + 4)
    });
    let future = part.words_in_sentence(sentence).any(|&(s, e, w)| {
        let after = s >= m.end && s <= m.end + 3;
        w == Word::Future && (e <= m.start && s + 4 >= m.start || after) || w == Word::FutureAfter && s == m.end
    });
    let near_kind_cue = part.words_in_sentence(sentence).any(|(_, _, w)| w.is_contact());
    let clock = |wanted: Word| clock_marker_after(part, m.end, CLOCK_MARKER_REACH, wanted);
    // Only the small hours on the reader's clock may be the day before where the event was:
    // "rạng sáng 19/8 (giờ Việt Nam)", not "20 giờ ngày 2/7 (giờ Việt Nam)".
    let small_hours = part.times.iter().any(|&(s, e, time)| {
        matches!(time, Time::Part(1 | 4)) && t[s].sentence == sentence && e <= m.start + 1 && s + CLOCK_MARKER_REACH >= m.start
    });
    let people = part.entities.iter().filter(|(s, _, e)| t[*s].sentence == sentence && matches!(e, Entity::Person(_))).count();
    Placement {
        in_title: part.in_title,
        dateline,
        sentence,
        background,
        future,
        near_kind_cue,
        near_people: people >= 2,
        noise: part.noise(m.start),
        home_time: small_hours && clock(Word::HomeTime),
        local_time: clock(Word::LocalTime),
    }
}

/// What a date expression is to the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum DateRole {
    /// The day of the event the report is about.
    Event,
    /// An earlier or other event (a previous call, a treaty's date).
    Background,
    /// Something planned.
    Future,
    /// Not part of the report: a list of related headlines, a navigation block.
    Noise,
    /// None of the above could be decided.
    Other,
}

/// A date expression found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct DateMention {
    /// The expression as written (tokens joined by spaces).
    pub text: String,
    /// What it resolves to; `None` when it cannot be resolved (a weekday with no published date).
    pub value: Option<DateValue>,
    /// Its role.
    pub role: DateRole,
    /// Whether it is in the title rather than the body.
    pub in_title: bool,
}

/// What a report's dates are read against: its publication (day, and local time when known) and
/// what the knowledge base says of the people it names.
#[derive(Clone, Copy)]
pub(crate) struct DateContext<'a> {
    pub published: Option<Date>,
    pub time: Option<LocalTime>,
    pub knowledge: &'a Knowledge,
    /// The latest past world event the report mentions: days before it are not candidates.
    pub not_before: Option<Date>,
}

/// How far (in tokens) a planned date's clause reaches to the relative word that dates its announcement.
const PLANNED_CLAUSE_REACH: usize = 12;

/// Before this local hour, a report's "today" may be an evening event of the day before
/// elsewhere (an evening in Washington is the next morning in Europe and Asia).
const EARLY_HOUR: u8 = 10;
/// From this local hour of publication, the next day has begun in East Asia.
const LATE_HOUR: u8 = 18;

/// All date expressions of a report, with their roles, and the event date chosen from them.
pub(crate) fn extract_dates(parts: &[Part], lang: Lang, cx: DateContext<'_>) -> (Vec<DateMention>, Option<EventDate>) {
    let published = cx.published;
    let not_before = cx.not_before;
    let mut all = Vec::new();
    let mut years = BTreeSet::new();
    let mut recent = 1;
    for part in parts {
        all.push(date_forms::mentions(&part.tokens, &part.words, Cues::of(lang).day_first));
        for (i, t) in part.tokens.iter().enumerate() {
            if let Some(n) = t.number().filter(|_| t.chars == 4 && !part.noise(i)) {
                if (1990..=2100).contains(&n) {
                    years.insert(n as i32);
                }
            }
        }
        // "Recently" widens the window when it is said of the event: in the title or the lead,
        // away from background words ("after this week's summit" is another event's).
        for &(s, _, w) in &part.words {
            if let Word::Recent(n) = w {
                let sentence = part.tokens[s].sentence;
                let lead = part.in_title || sentence <= 1;
                let aside = part.words_in_sentence(sentence).any(|&(_, _, w)| w == Word::Background || w == Word::BackgroundAfter);
                if lead && !aside && !part.noise(s) {
                    recent = recent.max(n);
                }
            }
        }
    }
    let years: Vec<i32> = years.into_iter().collect();
    let latest_year = years.last().copied();
    let named = named_people(parts);
    // A dispatch's "today" is the day of its dateline ("MOSCOW, July 8 - … today"), which may be
    // the day before publication far away: relative words count from it.
    // Where each mention stands, once.
    let places: Vec<Vec<Placement>> = parts.iter().zip(&all).map(|(part, ms)| ms.iter().map(|m| placement(part, m)).collect()).collect();
    let dateline_day = published.and_then(|p| {
        all.iter().zip(&places).find_map(|(ms, places)| {
            ms.iter().zip(places).filter(|(m, place)| matches!(m.said, Said::Absolute { .. }) && place.dateline).find_map(|(m, _)| {
                let (v, _) = date_forms::resolve(m.said, Some(p), &years, None)?;
                v.day().filter(|d| *d <= p && *d >= p.add_days(-1).unwrap_or(p))
            })
        })
    });
    let mut candidates = Vec::new();
    let mut found = Vec::new();
    for ((part, ms), places) in parts.iter().zip(&all).zip(&places) {
        for (k, m) in ms.iter().enumerate() {
            let mut place = places[k];
            let sentence = part.tokens[m.start].sentence;
            // A clause about something planned dates its announcement, not an event: "they will
            // meet next Thursday, June 8, the Elysee said today". Only the neighbouring clause:
            // "the ultimatum, a ceasefire from tomorrow, was issued yesterday in Kyiv" is dated.
            if matches!(m.said, Said::Relative(_) | Said::RelativeAdjective(_) | Said::Weekday { .. }) && !place.future {
                place.future = ms.iter().zip(places.iter()).any(|(o, p)| {
                    p.future && part.tokens[o.start].sentence == sentence && o.start.abs_diff(m.start) <= PLANNED_CLAUSE_REACH
                });
            }
            // A weekday said nearby fixes a missing year ("MOSCOW, December 22. /TASS/. … said Tuesday").
            let weekday_hint = ms.iter().find_map(|o| match o.said {
                Said::Weekday { weekday, .. } if o.start + WEEKDAY_HINT_BEFORE >= m.start && o.start <= m.end + WEEKDAY_HINT_AFTER => {
                    Some(weekday)
                }
                _ => None,
            });
            let resolved = match m.said {
                // With no year and no published date, the year is one in which the leaders the
                // report names held office together (and, when a weekday is said, one in which
                // the day fell on it); with several such years, day and month only.
                Said::Absolute { year: None, month, day } if published.is_none() && !named.is_empty() => {
                    let value = match year_from_offices(month, day, weekday_hint, &named, cx.knowledge) {
                        Some(y) => Date::new(y, month, day).map(|date| DateValue::Day { date }),
                        None => Some(DateValue::DayMonth { month, day }),
                    };
                    value.map(|v| (v, DateSource::Explicit))
                }
                Said::Relative(_) | Said::RelativeAdjective(_) if dateline_day.is_some() => {
                    date_forms::resolve(m.said, dateline_day, &years, weekday_hint)
                }
                _ => date_forms::resolve(m.said, published, &years, weekday_hint),
            };
            // A weekday that is tomorrow in a report stamped late in the evening is a day that has
            // already begun further east ("Kim and Moon met on Friday", stamped Thursday 22:00 in
            // New York): not the same weekday six days back.
            let resolved = match (m.said, resolved, published, cx.time) {
                (Said::Weekday { .. }, Some((DateValue::Day { date }, source)), Some(p), Some(time))
                    if time.hour >= LATE_HOUR && !place.future && p.add_days(-6) == Some(date) =>
                {
                    p.add_days(1).map(|date| (DateValue::Day { date }, source))
                }
                _ => resolved,
            };
            if resolved.is_some_and(|(v, _)| historical(v, published, latest_year)) {
                place.background = true;
            }
            let role = if place.noise {
                DateRole::Noise
            } else if place.background {
                DateRole::Background
            } else if place.future {
                DateRole::Future
            } else {
                DateRole::Other
            };
            let text = part.tokens.join(m.start, m.end);
            found.push(DateMention { text, value: resolved.map(|r| r.0), role, in_title: part.in_title });
            let Some((value, source)) = resolved else { continue };
            if not_before.is_some_and(|nb| impossible(value, nb)) {
                continue;
            }
            let Some(mut score) = weigh(m.said, place, value, published, latest_year) else { continue };
            let source = if place.dateline { DateSource::Dateline } else { source };
            if let DateValue::DayMonth { .. } = value {
                score -= 0.5;
            }
            candidates.push(Candidate { value, source, score, home_time: place.home_time });
        }
    }
    let mut event = choose(&candidates, published, recent);
    if let Some(e) = event.as_mut() {
        filed_before(e, &candidates);
        // A day said only on the reader's clock: the event's own may be the day before.
        let only_home = candidates.iter().filter(|c| c.score > 0.0 && same_day(c.value, e.value)).all(|c| c.home_time);
        if let (true, Some(day)) = (only_home, e.value.day()) {
            e.value = window_before(day, 1);
        }
    }
    if let (Some(e), Some(p), Some(time)) = (event.as_mut(), published, cx.time) {
        // "Today" in a report stamped early in the morning, with nothing else in the text to say
        // the day (no date, dateline or weekday), may be the evening before in another time zone.
        let only_relative = !candidates.iter().any(|c| c.source != DateSource::Relative && c.score > 0.0 && same_day(c.value, e.value));
        if time.hour < EARLY_HOUR && e.source == DateSource::Relative && e.value.day() == Some(p) && only_relative {
            e.value = window_before(p, 1);
            e.confidence = e.confidence.min(0.3);
        }
    }
    if let Some(e) = event.filter(|e| e.source != DateSource::Published && e.value.day().is_some()) {
        for f in found.iter_mut().filter(|f| f.role == DateRole::Other) {
            if f.value.is_some_and(|v| same_day(v, e.value)) {
                f.role = DateRole::Event;
            }
        }
    }
    (found, event)
}

/// Whether a day lies so long before the report's own time that it can only be an earlier event
/// (a treaty, a war, a founding), whatever its year: more than a year before publication or, with
/// no published date, a decade or more before the latest year the report writes.
fn historical(value: DateValue, published: Option<Date>, latest_year: Option<i32>) -> bool {
    let Some(d) = value.day() else { return false };
    match published {
        Some(p) => p.add_days(-HISTORICAL_DAYS).is_some_and(|limit| d < limit),
        None => latest_year.is_some_and(|y| d.year() + HISTORICAL_YEARS <= y),
    }
}

const HISTORICAL_DAYS: i64 = 366;
const HISTORICAL_YEARS: i32 = 10;
/// The part of the day and the order within the day of the contact, from cue words (a part of
/// the day in the title or the lead, the first two sentences; an order anywhere, in a sentence
/// about no other time), away from background and future cues and outside page furniture. When a sentence names two different parts of the day ("after a morning in Irpin,
/// they met in the afternoon"), the one nearest the kind of contact is the contact's; without a
/// kind cue, such a sentence decides nothing. A sentence that counts contacts ("they spoke twice:
/// first …, then …") decides no order. The first sentence that decides wins.
pub(crate) fn time_of_day(parts: &[Part]) -> (Option<DayPart>, Option<DayOrder>) {
    let (mut day_part, mut order) = (None, None);
    for part in parts {
        let t = &part.tokens;
        let mut by_sentence: Vec<(u32, Vec<(usize, Time)>)> = Vec::new();
        for &(s, e, time) in &part.times {
            let sentence = t[s].sentence;
            let aside = other_time(part, sentence, Some((s, e)));
            // A part of the day counts in the title and the lead; an order ("the second call of
            // the day") names its contact wherever it is said, in a sentence about no other
            // time ("the third call since the invasion", "he was to speak with Biden later in
            // the day"); an order without its day needs a day in its sentence.
            let lead = part.in_title || sentence <= 1;
            let dated =
                || part.words_in_sentence(sentence).any(|(_, _, w)| matches!(w, Word::Relative(_) | Word::Weekday(_) | Word::Month(_)));
            let time = match time {
                // After the first sentence, "later that day" tells of another contact ("he spoke
                // with Biden later the same day").
                Time::Part(_) if !lead => continue,
                Time::Order(9) | Time::PlainOrder(9) if !part.in_title && sentence > 0 => continue,
                Time::Order(_) | Time::PlainOrder(_) if other_time(part, sentence, None) => continue,
                Time::PlainOrder(_) if !dated() => continue,
                Time::PlainOrder(n) => Time::Order(n),
                other => other,
            };
            // The small hours on the reader's clock are not the event's part of its day.
            let home_clock = || clock_marker_after(part, e, 2 * CLOCK_MARKER_REACH, Word::HomeTime);
            if part.noise(s) || aside || matches!(time, Time::Part(_)) && home_clock() {
                continue;
            }
            match by_sentence.last_mut() {
                Some((n, list)) if *n == sentence => list.push((s, time)),
                _ => by_sentence.push((sentence, vec![(s, time)])),
            }
        }
        for (sentence, times) in by_sentence {
            // Only the report's own contact is placed in the day: "after the blast the previous
            // evening", "cuộc gặp này đã bị hủy sau vụ nổ … tối 17/10" place other things.
            let kinds: Vec<usize> = part
                .words_in_sentence(sentence)
                .filter(|&&(s, _, w)| w.is_contact() && !crate::evidence::people::bound_elsewhere(part, s, false))
                .map(|w| w.0)
                .collect();
            let nearest_kind = |i: usize| kinds.iter().map(|&k| k.abs_diff(i)).min().unwrap_or(usize::MAX);
            let pick = |of: &dyn Fn(Time) -> Option<u8>| -> Option<u8> {
                let said: Vec<(usize, u8)> = times.iter().filter_map(|&(i, t)| of(t).map(|v| (i, v))).collect();
                let distinct: BTreeSet<u8> = said.iter().map(|s| s.1).collect();
                match distinct.len() {
                    0 => None,
                    1 => said.first().map(|s| s.1),
                    _ if kinds.is_empty() => None,
                    _ => said.iter().min_by_key(|s| nearest_kind(s.0)).map(|s| s.1),
                }
            };
            if day_part.is_none() && !kinds.is_empty() {
                day_part = pick(&|t| if let Time::Part(p) = t { Some(p) } else { None }).and_then(DayPart::from_index);
            }
            let counts = times.iter().any(|&(_, t)| t == Time::Order(0));
            if order.is_none() && !counts {
                order = pick(&|t| if let Time::Order(o) = t { Some(o) } else { None }).and_then(DayOrder::from_index);
            }
        }
    }
    (day_part, order)
}

/// How many tokens before a part-of-day cue a background or future word takes it over.
const TIME_CUE_REACH: usize = 5;

/// Whether a background or future word in `sentence` makes a time cue another contact's: with
/// `near` (the cue's tokens), only a word just before it or right after it; without, any.
fn other_time(part: &Part, sentence: u32, near: Option<(usize, usize)>) -> bool {
    part.words_in_sentence(sentence).any(|&(ws, we, w)| {
        matches!(w, Word::Background | Word::BackgroundAfter | Word::Future)
            && near.is_none_or(|(s, e)| we <= s && ws + TIME_CUE_REACH >= s || ws >= e && ws <= e + 2)
    })
}

/// The people a report names (not by title), outside page furniture, each once.
fn named_people(parts: &[Part]) -> Vec<Named> {
    let mut named: Vec<Named> = parts
        .iter()
        .flat_map(|p| {
            p.entities.iter().filter(|(s, _, _)| !p.noise(*s)).filter_map(|&(s, _, e)| match e {
                Entity::Person(person) => Some(Named { person, in_lead: p.in_title || p.tokens[s].sentence < LEAD_SENTENCES }),
                _ => None,
            })
        })
        .collect();
    // One entry a person, in the lead if any of their mentions is.
    named.sort_unstable_by_key(|n| (n.person, !n.in_lead));
    named.dedup_by_key(|n| n.person);
    named
}

/// A leader named in a report, and whether the title or the lead names them.
#[derive(Clone, Copy)]
struct Named {
    person: u32,
    in_lead: bool,
}

/// The sentences of the body that make its lead: people named there are the report's own.
const LEAD_SENTENCES: u32 = 2;

/// How many of `named` held an office on `day`: first those of the title and lead, then all. The
/// lead's people decide: a background paragraph about the leaders of another decade must not
/// move the year of the lead's contact there.
fn in_office(named: &[Named], day: Date, knowledge: &Knowledge) -> (usize, usize) {
    let serving = |lead_only: bool| named.iter().filter(|n| (n.in_lead || !lead_only) && knowledge.person_in_office(n.person, day)).count();
    (serving(true), serving(false))
}

/// The one year in which most of the `named` leaders held office together on `month`/`day`
/// (and, with `weekday`, in which that day fell on it); `None` when several years remain or no
/// named leader held office then.
fn year_from_offices(month: u32, day: u32, weekday: Option<u32>, named: &[Named], knowledge: &Knowledge) -> Option<i32> {
    let years = years_of_offices(month, day, weekday, named, knowledge);
    match years.as_slice() {
        [only] => Some(*only),
        _ => None,
    }
}

/// The years in which most of the `named` leaders held office together on `month`/`day` (with
/// `weekday`, only those in which the day fell on it, when any does).
fn years_of_offices(month: u32, day: u32, weekday: Option<u32>, named: &[Named], knowledge: &Knowledge) -> Vec<i32> {
    // Nothing after the last change of office the knowledge records: it knows no later world.
    let horizon = knowledge.horizon;
    let (first, last) = knowledge.office_years;
    let days: Vec<(Date, (usize, usize))> = (first..=last)
        .filter_map(|y| Date::new(y, month, day))
        .filter(|d| horizon.is_none_or(|h| *d <= h))
        .map(|d| (d, in_office(named, d, knowledge)))
        .collect();
    let most = days.iter().map(|d| d.1).max().unwrap_or((0, 0));
    if most.1 == 0 {
        return Vec::new();
    }
    let together: Vec<Date> = days.iter().filter(|d| d.1 == most).map(|d| d.0).collect();
    let on_weekday: Vec<Date> = together.iter().copied().filter(|d| weekday.is_some_and(|w| d.weekday() == w)).collect();
    let chosen = if on_weekday.is_empty() { together } else { on_weekday };
    chosen.into_iter().map(Date::year).collect()
}

/// Whether a date lies wholly before a report's timeline bound.
fn impossible(value: DateValue, not_before: Date) -> bool {
    match value {
        DateValue::Day { date } | DateValue::Window { to: date, .. } => super::timeline::too_early(date, not_before),
        _ => false,
    }
}

/// How far (in tokens) a weekday may stand from a date whose year it fixes.
const WEEKDAY_HINT_BEFORE: usize = 6;
const WEEKDAY_HINT_AFTER: usize = 40;

/// Whether two values name the same day (a day-and-month matches any year).
fn same_day(a: DateValue, b: DateValue) -> bool {
    match (a, b) {
        (DateValue::Day { date }, DateValue::DayMonth { month, day }) | (DateValue::DayMonth { month, day }, DateValue::Day { date }) => {
            date.month() == month && date.day() == day
        }
        (a, b) => a == b,
    }
}

/// Finds the date expressions of a text, resolved against `published`, with their roles.
pub(crate) fn find_dates(
    text: &str,
    title: Option<&str>,
    lang: Lang,
    published: Option<Date>,
    knowledge: &Knowledge,
) -> (Vec<DateMention>, Option<EventDate>) {
    let mut parts = Vec::with_capacity(2);
    if let Some(title) = title {
        parts.push(Part::new(title, lang, knowledge, true));
    }
    parts.push(Part::new(text, lang, knowledge, false));
    let not_before = super::timeline::not_before(&parts, lang, knowledge, published).map(|b| b.0);
    extract_dates(&parts, lang, DateContext { published, time: None, knowledge, not_before })
}

/// The day office titles are resolved on ("the French president"): the event's day, else the
/// published day, else a day on which the leaders the report names held office together (the
/// latest such), else a year written in the title or lead outside a background phrase. A year
/// written anywhere else is never a reason by itself (a background "1997").
pub(crate) fn reference_day(date: Option<&EventDate>, published: Option<Date>, parts: &[Part], knowledge: &Knowledge) -> Option<Date> {
    if let Some(d) = date.and_then(|d| d.value.day()) {
        return Some(d);
    }
    if published.is_some() {
        return published;
    }
    let named = named_people(parts);
    let (month, day) = match date.map(|d| d.value) {
        Some(DateValue::DayMonth { month, day }) => (month, day),
        _ => (7, 1),
    };
    if let Some(y) = years_of_offices(month, day, None, &named, knowledge).last() {
        return Date::new(*y, month, day);
    }
    let lead_year = parts
        .iter()
        .flat_map(|p| {
            (0..p.tokens.len())
                .filter(move |&i| {
                    let t = &p.tokens[i];
                    (p.in_title || t.sentence <= 1)
                        && !p.noise(i)
                        && !p
                            .words
                            .iter()
                            .any(|&(s, e, w)| w == Word::Background && e <= i && s + 8 >= i && p.tokens[s].sentence == t.sentence)
                })
                .filter_map(move |i| p.tokens[i].number().filter(|n| p.tokens[i].chars == 4 && (1990..=2100).contains(n)))
        })
        .max()?;
    Date::new(lead_year as i32, month, day).or_else(|| Date::new(lead_year as i32, 7, 1))
}
