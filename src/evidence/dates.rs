//! The event's date: where each date expression stands (title, dateline, lead, background,
//! future, page furniture), how it is weighed, and which day the report is about.

use std::collections::BTreeSet;

use super::date_forms::{self, Mention, Said};
use super::Part;
use crate::date::{Date, DateSource, DateValue, EventDate};
use crate::knowledge::{Entity, Knowledge};
use crate::lang::cues::{Cues, Word};
use crate::lang::Lang;
use crate::text::{Token, TokenKind};

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
}

/// A scored candidate for the event date.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Candidate {
    pub value: DateValue,
    pub source: DateSource,
    pub score: f32,
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
    match (published, value.day()) {
        (Some(p), Some(d)) if d < p.add_days(-10)? => score -= 4.0,
        (None, Some(d)) if latest_year.is_some_and(|y| d.year() < y) => score -= 3.0,
        _ => {}
    }
    Some(score)
}

/// Picks the event date among scored candidates: the value with the highest total score, where
/// mentions of the same day (a weekday and a date, a dateline and a relative word) add up. With no
/// convincing candidate, the published day stands in, marked [`DateSource::Published`].
pub(crate) fn choose(candidates: &[Candidate], published: Option<Date>) -> Option<EventDate> {
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
        None => published.map(|p| EventDate { value: DateValue::Day { date: p }, source: DateSource::Published, confidence: 0.2 }),
    }
}

/// How much a further mention of the chosen day adds, relative to its own weight.
const REPEAT_SHARE: f32 = 0.25;

pub(crate) fn is_list_item(tokens: &[Token], first: usize) -> bool {
    let t = &tokens[first];
    matches!(t.kind, TokenKind::Punct('-' | '•' | '*' | '–' | '—' | '·'))
        || (t.number().is_some()
            && tokens.get(first + 1).is_some_and(|n| n.is_punct('.') || n.is_punct(')'))
            && tokens.get(first + 2).is_some_and(|n| n.line == t.line))
}

fn placement(part: &Part, m: &Mention) -> Placement {
    let t = &part.tokens;
    let sentence = t[m.start].sentence;
    let line = t[m.start].line;
    let line_start = (0..=m.start).rev().take_while(|&i| t[i].line == line).last().unwrap_or(m.start);
    let dateline = !part.in_title
        && line <= 8
        && m.start - line_start <= 4
        && (m.start == line_start || t[m.start - 1].is_punct(',') || part.tokens.lower(m.start - 1) == "date")
        && t.get(m.end).is_some_and(|n| {
            matches!(n.kind, TokenKind::Punct('–' | '-' | '—' | '(' | '.' | '/' | ':'))
                || t.get(m.end).is_some_and(|n| n.number().is_some())
        });
    let before_window = m.start.saturating_sub(8);
    let background = part.words.iter().any(|&(s, e, w)| {
        (w == Word::Background && s >= before_window && e <= m.start && t[s].sentence == sentence)
            || (w == Word::BackgroundAfter && s >= m.end && s <= m.end + 4 && t[s].sentence == sentence)
    });
    let future = part.words.iter().any(|&(s, e, w)| {
        w == Word::Future && t[s].sentence == sentence && (e <= m.start && s + 4 >= m.start || s >= m.end && s <= m.end + 3)
    });
    let near_kind_cue = part.words_in_sentence(sentence).any(|(_, _, w)| matches!(w, Word::Kind(_)));
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

/// All date expressions of a report, with their roles, and the event date chosen from them.
/// Days before `not_before` (the latest past world event the report mentions) are not candidates.
pub(crate) fn extract_dates(
    parts: &[Part],
    lang: Lang,
    published: Option<Date>,
    not_before: Option<Date>,
) -> (Vec<DateMention>, Option<EventDate>) {
    let mut all = Vec::new();
    let mut years = BTreeSet::new();
    for part in parts {
        all.push(date_forms::mentions(&part.tokens, &part.words, Cues::of(lang).day_first));
        for (i, t) in part.tokens.iter().enumerate() {
            if let Some(n) = t.number().filter(|_| t.chars == 4 && !part.noise(i)) {
                if (1990..=2100).contains(&n) {
                    years.insert(n as i32);
                }
            }
        }
    }
    let years: Vec<i32> = years.into_iter().collect();
    let latest_year = years.last().copied();
    let mut candidates = Vec::new();
    let mut found = Vec::new();
    for (part, ms) in parts.iter().zip(&all) {
        let places: Vec<Placement> = ms.iter().map(|m| placement(part, m)).collect();
        for (k, m) in ms.iter().enumerate() {
            let mut place = places[k];
            let sentence = part.tokens[m.start].sentence;
            // A sentence about something planned dates its announcement, not an event:
            // "they will meet next Thursday, June 8, the Elysee said today".
            if matches!(m.said, Said::Relative(_) | Said::RelativeAdjective(_) | Said::Weekday { .. }) && !place.future {
                place.future = ms.iter().zip(&places).any(|(o, p)| p.future && part.tokens[o.start].sentence == sentence);
            }
            // A weekday said nearby fixes a missing year ("MOSCOW, December 22. /TASS/. … said Tuesday").
            let weekday_hint = ms.iter().find_map(|o| match o.said {
                Said::Weekday { weekday, .. } if o.start + WEEKDAY_HINT_BEFORE >= m.start && o.start <= m.end + WEEKDAY_HINT_AFTER => {
                    Some(weekday)
                }
                _ => None,
            });
            let resolved = date_forms::resolve(m.said, published, &years, weekday_hint);
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
            candidates.push(Candidate { value, source, score });
        }
    }
    let event = choose(&candidates, published);
    if let Some(e) = event.filter(|e| e.source != DateSource::Published) {
        for f in found.iter_mut().filter(|f| f.role == DateRole::Other) {
            if f.value.is_some_and(|v| same_day(v, e.value)) {
                f.role = DateRole::Event;
            }
        }
    }
    (found, event)
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
    let bound = super::timeline::not_before(&parts, lang, knowledge, published);
    extract_dates(&parts, lang, published, bound.map(|b| b.0))
}

pub(crate) fn reference_day(date: Option<&EventDate>, published: Option<Date>, parts: &[Part]) -> Option<Date> {
    if let Some(d) = date.and_then(|d| d.value.day()) {
        return Some(d);
    }
    if published.is_some() {
        return published;
    }
    let latest = parts
        .iter()
        .flat_map(|p| p.tokens.iter())
        .filter_map(|t| t.number().filter(|n| t.chars == 4 && (1990..=2100).contains(n)))
        .max()?;
    Date::new(latest as i32, 7, 1)
}
