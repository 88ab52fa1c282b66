//! Pairwise scoring of fingerprints, with an explanation a person can read.

use std::fmt;

use crate::date::{Date, DateRelation, DateSource, DateValue, DayOrder, DayPart, EventDate};
use crate::evidence::kind::EventKind;
use crate::evidence::{Fingerprint, COGNATE_SEP};

/// Weights of the score's components and the decision threshold; set through the builder.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) struct Weights {
    pub date: f32,
    pub participants: f32,
    pub kind: f32,
    pub topics: f32,
    pub threshold: f32,
}

impl Default for Weights {
    fn default() -> Self {
        Weights { date: 0.35, participants: 0.25, kind: 0.1, topics: 0.3, threshold: 0.55 }
    }
}

/// Why two reports cannot be the same event.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Conflict {
    /// The events happened on different days.
    Dates(String, String),
    /// Different leaders took part.
    Participants(Vec<String>, Vec<String>),
    /// One is a phone call, the other a meeting (or another pair of kinds).
    Kinds(EventKind, EventKind),
    /// Different contacts of one day: the reports' parts of the day or orders within the day
    /// exclude each other (the morning call and the evening call; the first and the second).
    TimesOfDay(String, String),
    /// One report mentions a dated world event as past (`data/timeline.txt`); the other report's
    /// event lies before it.
    Timeline {
        /// The concept of the world event (`crimean_bridge_attack`).
        event: String,
        /// The day it happened.
        happened: Date,
        /// The latest day the other report's event can be on.
        other_day: Date,
    },
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Conflict::Dates(a, b) => write!(f, "different days ({a} vs {b})"),
            Conflict::Participants(a, b) => write!(f, "different participants ({} vs {})", a.join("+"), b.join("+")),
            Conflict::Kinds(a, b) => write!(f, "different kinds of contact ({a} vs {b})"),
            Conflict::TimesOfDay(a, b) => write!(f, "different contacts of the day ({a} vs {b})"),
            Conflict::Timeline { event, happened, other_day } => {
                write!(f, "one report mentions {event} ({happened}) as past, the other is about {other_day} or earlier")
            }
        }
    }
}

/// The parts of a pairwise decision.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Explanation {
    /// The two reports' event dates.
    pub dates: (Option<EventDate>, Option<EventDate>),
    /// Date agreement, 0–1 (0.3 when nothing decides).
    pub date_score: f32,
    /// Participants of both (principals), when they agree.
    pub participants: Vec<String>,
    /// Participant agreement, 0–1.
    pub participant_score: f32,
    /// The kind, when both agree.
    pub kind: Option<EventKind>,
    /// Kind agreement, 0–1.
    pub kind_score: f32,
    /// Concepts both discuss, most specific first.
    pub shared_topics: Vec<String>,
    /// Names the lexicon lacks that both mention (cognate keys).
    pub shared_names: Vec<String>,
    /// Topic overlap, 0–1.
    pub topic_score: f32,
    /// The two reports' parts of the day, when they say.
    pub day_parts: (Option<DayPart>, Option<DayPart>),
    /// The two reports' orders within the day, when they say.
    pub day_orders: (Option<DayOrder>, Option<DayOrder>),
    /// What rules the pair out, if anything.
    pub conflict: Option<Conflict>,
    /// Which words made each principal, per report ("a: putin from \"Vladimir Putin\" …"); filled
    /// by [`crate::Matcher::explain`], which has the texts, and empty when only fingerprints are compared.
    pub principal_words: Vec<String>,
}

/// The decision on a pair of reports.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    /// Score in [0, 1]; 0 when a conflict rules the pair out.
    pub score: f32,
    /// Whether the score reaches the matcher's threshold.
    pub same_event: bool,
    /// Why.
    pub explanation: Explanation,
}

fn describe_date(d: &Option<EventDate>) -> String {
    match d {
        Some(d) => format!("{} ({})", d.value, d.source),
        None => "unknown".into(),
    }
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(c) = &self.conflict {
            return write!(f, "not the same event: {c}");
        }
        let (a, b) = &self.dates;
        match (a, b) {
            (Some(x), Some(y)) if self.date_score > 0.3 && x.value == y.value => {
                write!(f, "same day {} ({} vs {})", x.value, x.source, y.source)?
            }
            // Days that agree without being equal (a day and a window, a published day a day
            // off, a day without its year): both are told.
            (Some(x), Some(y)) if self.date_score > 0.3 => {
                write!(f, "compatible days {} ({}) and {} ({})", x.value, x.source, y.value, y.source)?
            }
            _ => write!(f, "dates undecided ({} vs {})", describe_date(a), describe_date(b))?,
        }
        if !self.participants.is_empty() {
            write!(f, "; participants {}", self.participants.join("+"))?;
        }
        match self.day_parts {
            (Some(a), Some(b)) if a == b => write!(f, "; both in the {a}")?,
            (Some(a), Some(b)) => write!(f, "; {a} vs {b}")?,
            (Some(a), None) | (None, Some(a)) => write!(f, "; one says {a}")?,
            (None, None) => {}
        }
        match self.day_orders {
            (Some(a), Some(b)) if a == b => write!(f, "; both the {a}")?,
            (Some(a), Some(b)) => write!(f, "; {a} vs {b}")?,
            (Some(a), None) | (None, Some(a)) => write!(f, "; one says the {a}")?,
            (None, None) => {}
        }
        match self.kind {
            Some(k) => write!(f, "; both {k}")?,
            None => write!(f, "; kind undecided")?,
        }
        if !self.shared_topics.is_empty() {
            write!(f, "; shared topics: {}", self.shared_topics.join(", "))?;
        }
        if !self.shared_names.is_empty() {
            write!(f, "; shared names: {}", self.shared_names.join(", "))?;
        }
        if !self.principal_words.is_empty() {
            write!(f, "; who: {}", self.principal_words.join("; "))?;
        }
        Ok(())
    }
}

const COGNATE_WEIGHT: f32 = 0.5;
// Names are counted by bytes in `topic_total`.
const _: () = assert!(COGNATE_SEP.is_ascii());

/// Whether two cognate keys name the same thing: equal, or close spellings of a long name.
fn cognate(a: &str, b: &str) -> bool {
    a == b || (a.len() >= 6 && b.len() >= 6 && a.get(..4) == b.get(..4) && strsim::jaro_winkler(a, b) >= 0.93)
}

/// Total topic weight of a fingerprint.
fn topic_total(f: &Fingerprint) -> f32 {
    // The names, counted without splitting: a name starts where a byte that is not the separator
    // follows the separator or the start.
    let bytes = f.cognates.as_bytes();
    let sep = COGNATE_SEP as u8;
    let names = bytes.iter().enumerate().filter(|&(i, &b)| b != sep && (i == 0 || bytes[i - 1] == sep)).count();
    f.concepts.iter().map(|c| c.1).sum::<f32>() + names as f32 * COGNATE_WEIGHT
}

/// Topic overlap in [0, 1], relative to the shorter report (a brief report covers a subset of a
/// long one). `on_shared` sees each shared concept or name, for explanations.
pub(crate) fn topic_overlap(a: &Fingerprint, b: &Fingerprint, mut on_shared: impl FnMut(Shared<'_>)) -> f32 {
    let (ta, tb) = (topic_total(a), topic_total(b));
    if ta == 0.0 || tb == 0.0 {
        return 0.0;
    }
    let mut weight = 0.0;
    let (mut i, mut j) = (0, 0);
    while i < a.concepts.len() && j < b.concepts.len() {
        match a.concepts[i].0.cmp(&b.concepts[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                weight += a.concepts[i].1;
                on_shared(Shared::Concept(&a.concepts[i].0, a.concepts[i].1));
                i += 1;
                j += 1;
            }
        }
    }
    if !b.cognates.is_empty() {
        // The names are sorted: those of `b` that can match `x` share its first four bytes.
        let names: Vec<&str> = b.cognates().collect();
        for x in a.cognates() {
            let found = match x.get(..4) {
                Some(prefix) => {
                    let start = names.partition_point(|y| *y < prefix);
                    names[start..].iter().take_while(|y| y.starts_with(prefix)).any(|y| cognate(x, y))
                }
                None => names.iter().any(|y| cognate(x, y)),
            };
            if found {
                weight += COGNATE_WEIGHT;
                on_shared(Shared::Name(x));
            }
        }
    }
    (weight / ta.min(tb).max(3.0)).min(1.0)
}

pub(crate) enum Shared<'a> {
    Concept(&'a str, f32),
    Name(&'a str),
}

/// The hard facts of a report: everything a conflict can come from, and everything the score reads
/// besides topics. Two reports with equal hard facts are alike for [`parts`], so an event keeps
/// only the distinct hard facts of its members (see `crate::profile`). A new hard fact is a field
/// here and its rule in [`parts`]: nothing else needs to know of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Hard<'a> {
    /// The event date's value, and its source as date relations read it: `Published` (a soft
    /// date, only the day of publication) or `Explicit` for every other source. (A test checks that
    /// relations read no more of the source.)
    pub date: Option<(DateValue, DateSource)>,
    /// The published day (it bounds the latest day of the event, for the timeline).
    pub published: Option<Date>,
    /// The principals, sorted.
    pub principals: &'a [String],
    /// The kind of contact, and whether the report is sure of it.
    pub kind: Option<EventKind>,
    pub kind_confident: bool,
    /// The part of the day and the order within the day, when the report says.
    pub day_part: Option<DayPart>,
    pub day_order: Option<DayOrder>,
    /// The day of the latest dated world event the report mentions as past.
    pub not_before: Option<Date>,
}

impl Hard<'_> {
    /// What tells one contact from another: the hard facts less those that only qualify them
    /// (the published day, how sure the kind is, the timeline bound). Blocking groups reports by it (see
    /// `crate::blocking`). A new hard fact is part of it unless it is blanked here.
    pub(crate) fn identity(&self) -> Self {
        Hard { published: None, kind_confident: false, not_before: None, ..*self }
    }
}

impl Fingerprint {
    /// The report's hard facts.
    pub(crate) fn hard(&self) -> Hard<'_> {
        Hard {
            date: self.date.map(|d| (d.value, softness(d.source))),
            published: self.published,
            principals: &self.principals,
            kind: self.kind,
            kind_confident: self.kind_confident,
            day_part: self.day_part,
            day_order: self.day_order,
            not_before: self.not_before.as_ref().map(|b| b.0),
        }
    }
}

/// A date's source as date relations read it: only whether it is the published day.
fn softness(source: DateSource) -> DateSource {
    if source == DateSource::Published {
        DateSource::Published
    } else {
        DateSource::Explicit
    }
}

/// The latest day a report's event can be on: its event day (or the end of its window), and never
/// after its published day.
fn latest_day(f: &Hard<'_>) -> Option<Date> {
    let from_date = f.date.and_then(|d| match d.0 {
        DateValue::Day { date } | DateValue::Window { to: date, .. } => Some(date),
        _ => None,
    });
    match (from_date, f.published) {
        (Some(d), Some(p)) => Some(d.min(p)),
        (d, p) => d.or(p),
    }
}

/// Whether `b`'s event lies before the world event `a` mentions as past (a day's tolerance).
fn before_bound(a: &Hard<'_>, b: &Hard<'_>) -> Option<(Date, Date)> {
    let bound = a.not_before?;
    let day = latest_day(b)?;
    crate::evidence::timeline::too_early(day, bound).then_some((bound, day))
}

/// The numeric parts of a comparison, computed without allocating.
pub(crate) struct Parts {
    date: f32,
    date_conflict: bool,
    participants: f32,
    participants_conflict: bool,
    kind: f32,
    kind_conflict: bool,
    /// The parts of the day or the orders within the day exclude each other.
    time_conflict: bool,
    /// The timeline conflict, if any: whether the first report is the one bound by a world event
    /// it mentions as past, that event's day, and the other report's latest day.
    timeline: Option<(bool, Date, Date)>,
}

/// Whether `big` is `small` and exactly one more person, `small` naming at least two.
fn one_more(big: &[String], small: &[String]) -> bool {
    small.len() >= 2 && big.len() == small.len() + 1 && small.iter().all(|p| big.contains(p))
}

/// Whether `a` and `b` may be two accounts of one group contact: both name three or more leaders,
/// and one names all the other's but at most one ("Macron, Scholz and Draghi in Kyiv" beside
/// "Macron, Draghi and Iohannis with Zelensky"). Reports of a summit or a joint visit list
/// different subsets of its members; two different group contacts the same day that share all
/// but one member are rare. A pair is never a group: a bilateral beside a group meeting stays
/// apart.
fn same_group(a: &[String], b: &[String]) -> bool {
    let shared = a.iter().filter(|p| b.contains(p)).count();
    a.len().min(b.len()) >= 3 && shared + 1 >= a.len().min(b.len())
}

/// The parts of the score that come from the hard facts, and their conflicts.
pub(crate) fn parts(a: &Hard<'_>, b: &Hard<'_>) -> Parts {
    let (date, date_conflict) = match (a.date, b.date) {
        (Some((va, sa)), Some((vb, sb))) => {
            let event = |value, source| EventDate { value, source, confidence: 1.0 };
            match event(va, sa).relation(&event(vb, sb)) {
                DateRelation::Agree(s) => (s, false),
                DateRelation::Unknown => (0.3, false),
                DateRelation::Conflict => (0.0, true),
            }
        }
        _ => (0.3, false),
    };
    let (pa, pb) = (a.principals, b.principals);
    let (participants, participants_conflict) = if pa.is_empty() || pb.is_empty() {
        (0.2, false)
    } else if pa == pb {
        (1.0, false)
    } else if pa.len().min(pb.len()) == 1 && pa.iter().filter(|p| pb.contains(p)).count() == 1 {
        (0.5, false)
    } else if one_more(pa, pb) || one_more(pb, pa) || same_group(pa, pb) {
        // One report names one more leader than the other, who names two or more: often a leader
        // the shorter report left out, sometimes a bilateral beside a group meeting — weak evidence.
        (0.5, false)
    } else {
        (0.0, true)
    };
    let (kind, kind_conflict) = match (a.kind, b.kind) {
        (Some(x), Some(y)) if x == y => (1.0, false),
        // "Multilateral" says how many took part, the others how: a three-way call is both.
        (Some(EventKind::Multilateral), Some(_)) | (Some(_), Some(EventKind::Multilateral)) => (0.5, false),
        (Some(_), Some(_)) => (0.0, a.kind_confident && b.kind_confident),
        _ => (0.4, false),
    };
    let parts_exclude = matches!((a.day_part, b.day_part), (Some(x), Some(y)) if x.excludes(y));
    let orders_exclude = matches!((a.day_order, b.day_order), (Some(x), Some(y)) if x.excludes(y));
    let time_conflict = parts_exclude || orders_exclude;
    let timeline =
        before_bound(a, b).map(|(bound, day)| (true, bound, day)).or_else(|| before_bound(b, a).map(|(bound, day)| (false, bound, day)));
    Parts { date, date_conflict, participants, participants_conflict, kind, kind_conflict, time_conflict, timeline }
}

/// How a report places its contact in the day, for a conflict message.
fn describe_time(part: Option<DayPart>, order: Option<DayOrder>) -> String {
    match (part, order) {
        (Some(p), Some(o)) => format!("{p}, {o}"),
        (Some(p), None) => p.to_string(),
        (None, Some(o)) => o.to_string(),
        (None, None) => "unsaid".into(),
    }
}

impl Parts {
    pub(crate) fn conflict(&self) -> bool {
        self.date_conflict || self.participants_conflict || self.kind_conflict || self.time_conflict || self.timeline.is_some()
    }
    /// The score without its topic part: what two reports' hard facts alone give.
    pub(crate) fn structure(&self, w: &Weights) -> f32 {
        w.date * self.date + w.participants * self.participants + w.kind * self.kind
    }
    fn score(&self, topics: f32, w: &Weights) -> f32 {
        if self.conflict() {
            0.0
        } else {
            self.structure(w) + w.topics * topics
        }
    }
}

/// A pair's score and verdicts, without an explanation: what clustering needs for every candidate.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Quick {
    pub score: f32,
    pub same_event: bool,
    pub conflict: bool,
}

/// Scores a pair without building its explanation; the score equals [`compare`]'s.
pub(crate) fn quick(a: &Fingerprint, b: &Fingerprint, w: &Weights) -> Quick {
    if a.content == b.content {
        return Quick { score: 1.0, same_event: true, conflict: false };
    }
    let p = parts(&a.hard(), &b.hard());
    if p.conflict() {
        return Quick { score: 0.0, same_event: false, conflict: true };
    }
    let score = p.score(topic_overlap(a, b, |_| {}), w);
    Quick { score, same_event: score >= w.threshold, conflict: false }
}

/// The timeline conflict of a pair, if any, for the explanation (from the pair's [`Parts`]).
fn timeline_conflict(a: &Fingerprint, b: &Fingerprint, p: &Parts) -> Option<Conflict> {
    let (first, happened, other_day) = p.timeline?;
    let bounded = if first { a } else { b };
    let event = bounded.not_before.as_ref().map(|x| x.1.to_string()).unwrap_or_default();
    Some(Conflict::Timeline { event, happened, other_day })
}

/// Scores a pair of fingerprints and explains the score.
pub(crate) fn compare(a: &Fingerprint, b: &Fingerprint, w: &Weights) -> Match {
    let p = parts(&a.hard(), &b.hard());
    let mut shared: Vec<(String, f32)> = Vec::new();
    let mut shared_names = Vec::new();
    let topic_score = topic_overlap(a, b, |s| match s {
        Shared::Concept(c, weight) => shared.push((c.to_string(), weight)),
        Shared::Name(n) => shared_names.push(n.to_string()),
    });
    shared.sort_by(|x, y| y.1.total_cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
    let conflict = match (&a.date, &b.date) {
        (Some(x), Some(y)) if p.date_conflict => Some(Conflict::Dates(x.value.to_string(), y.value.to_string())),
        _ if p.participants_conflict => Some(Conflict::Participants(a.principals.clone(), b.principals.clone())),
        _ => match (a.kind, b.kind) {
            (Some(x), Some(y)) if p.kind_conflict => Some(Conflict::Kinds(x, y)),
            _ if p.time_conflict => {
                Some(Conflict::TimesOfDay(describe_time(a.day_part, a.day_order), describe_time(b.day_part, b.day_order)))
            }
            _ => timeline_conflict(a, b, &p),
        },
    };
    // The same title and text is the same report, whatever else could be read from it.
    let (score, conflict) = if a.content == b.content { (1.0, None) } else { (p.score(topic_score, w), conflict) };
    let common: Vec<String> = a.principals.iter().filter(|x| b.principals.contains(x)).cloned().collect();
    Match {
        score,
        same_event: conflict.is_none() && score >= w.threshold,
        explanation: Explanation {
            dates: (a.date, b.date),
            date_score: p.date,
            participants: if p.participants_conflict { Vec::new() } else { common },
            participant_score: p.participants,
            kind: if p.kind == 1.0 { a.kind } else { None },
            kind_score: p.kind,
            shared_topics: shared.into_iter().map(|s| s.0).collect(),
            shared_names,
            topic_score,
            day_parts: (a.day_part, b.day_part),
            day_orders: (a.day_order, b.day_order),
            conflict,
            principal_words: Vec::new(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people(ids: &[&str]) -> Vec<String> {
        ids.iter().map(|s| s.to_string()).collect()
    }

    /// Reports of one group contact list different subsets of it; a pair beside a group, or two
    /// groups sharing less than all but one member, stay apart.
    #[test]
    fn group_subsets_are_weak_evidence_and_pairs_are_not_groups() {
        let group = |a: &[&str], b: &[&str]| same_group(&people(a), &people(b));
        assert!(group(&["draghi", "macron", "zelensky"], &["macron", "scholz", "zelensky"]));
        assert!(group(&["macron", "merz", "zelensky"], &["macron", "merz", "starmer", "tusk", "zelensky"]));
        assert!(group(&["a", "b", "c", "d"], &["a", "b", "c", "e"]));
        assert!(!group(&["macron", "zelensky"], &["macron", "scholz", "zelensky"]), "a pair is never a group");
        assert!(!group(&["a", "b", "c"], &["a", "d", "e"]), "one shared member of three");
        assert!(!group(&["a", "b", "c", "d"], &["a", "b", "e", "f"]), "two shared members of four");
    }

    /// `Hard` keeps of a date's source only whether it is the published day, and no confidence:
    /// date relations must read no more, or reports with equal hard facts could score differently.
    #[test]
    fn date_relations_read_only_whether_a_source_is_the_published_day() {
        use DateSource::*;
        let day = |s: &str| DateValue::Day { date: Date::parse(s).unwrap() };
        let window = |a: &str, b: &str| DateValue::Window { from: Date::parse(a).unwrap(), to: Date::parse(b).unwrap() };
        let values = [
            day("2020-11-07"),
            day("2020-11-08"),
            day("2020-11-10"),
            DateValue::DayMonth { month: 11, day: 7 },
            DateValue::DayMonth { month: 11, day: 8 },
            window("2020-11-06", "2020-11-08"),
            window("2020-11-09", "2020-11-12"),
        ];
        let sources = [Dateline, Explicit, Relative, Weekday, Published];
        for &a in &values {
            for &b in &values {
                for &sa in &sources {
                    for &sb in &sources {
                        // As `parts` builds them: the source as read, confidence 1.
                        let full = EventDate { value: a, source: sa, confidence: 0.3 }.relation(&EventDate {
                            value: b,
                            source: sb,
                            confidence: 0.8,
                        });
                        let event = |value, source| EventDate { value, source, confidence: 1.0 };
                        let read = event(a, softness(sa)).relation(&event(b, softness(sb)));
                        assert_eq!(full, read, "{a} ({sa}) vs {b} ({sb})");
                    }
                }
            }
        }
    }
    use crate::evidence::analyse;
    use crate::knowledge::Knowledge;
    use crate::lang::Lang;
    use crate::report::Report;

    fn fp(k: &Knowledge, id: &str, text: &str) -> Fingerprint {
        analyse(&Report::builder(id, text).lang(Lang::It).published("2022-02-04").unwrap().build().unwrap(), k)
    }

    #[test]
    fn the_morning_call_and_the_evening_call_are_two_contacts() {
        let k = Knowledge::embedded().unwrap();
        let w = Weights::default();
        let morning = fp(&k, "a", "Vladimir Putin ed Emmanuel Macron si sono sentiti ieri mattina al telefono sull'Ucraina.");
        let evening = fp(&k, "b", "Vladimir Putin ed Emmanuel Macron si sono sentiti ieri in serata al telefono sull'Ucraina.");
        let unsaid = fp(&k, "c", "Vladimir Putin ed Emmanuel Macron si sono sentiti ieri al telefono sull'Ucraina.");
        assert_eq!((morning.day_part, evening.day_part, unsaid.day_part), (Some(DayPart::Morning), Some(DayPart::Evening), None));
        let m = compare(&morning, &evening, &w);
        assert!(matches!(m.explanation.conflict, Some(Conflict::TimesOfDay(..))), "{:?}", m.explanation.conflict);
        assert!(!m.same_event && quick(&morning, &evening, &w).conflict);
        assert!(m.explanation.to_string().contains("different contacts of the day (morning vs evening)"), "{}", m.explanation);
        for other in [&morning, &evening] {
            let m = compare(&unsaid, other, &w);
            assert_eq!(m.explanation.conflict, None);
            assert!(m.same_event, "{}", m.explanation);
        }
        let second = fp(&k, "d", "Vladimir Putin ed Emmanuel Macron si sono sentiti ieri per la seconda volta al telefono sull'Ucraina.");
        let first = fp(&k, "e", "Vladimir Putin ed Emmanuel Macron ieri hanno avuto la prima delle due telefonate sull'Ucraina.");
        assert_eq!((first.day_order, second.day_order), (Some(DayOrder::Nth(1)), Some(DayOrder::Nth(2))));
        assert!(matches!(compare(&first, &second, &w).explanation.conflict, Some(Conflict::TimesOfDay(..))));
    }
}
