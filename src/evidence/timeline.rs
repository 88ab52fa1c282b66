//! The earliest day a report can be about, from the dated world events it mentions as past.
//!
//! "After the attack on the Crimean bridge" cannot be written before 8 October 2022. Each concept
//! of `data/timeline.txt` carries the day of its event; a report that mentions the event as having
//! happened is about that day or later. Only mentions the report treats as past count: a mention
//! with a word of planning, hope, fear or condition near it in its sentence ("ahead of the Alaska
//! summit", "a possible invasion", "if the grain deal ends") does not, nor one in a block of
//! related headlines, nor an event later than the report's own published day (which it cannot
//! have seen happen). The bound is the report's own: it is read from its text alone.

use super::Part;
use crate::date::Date;
use crate::knowledge::{cached_keys, Entity, Knowledge};
use crate::lang::cues::Word;
use crate::lang::Lang;

/// How far before a mention (in tokens) a not-past word reaches.
const BEFORE: usize = 8;
/// How far after a mention a not-past word reaches ("the summit in Alaska will …").
const AFTER: usize = 4;

/// A day's tolerance for time zones: an event late on one day is the next day elsewhere.
pub(crate) const TOLERANCE_DAYS: i64 = 1;

/// Whether `day` is impossible for a report bound to events on or after `not_before`.
pub(crate) fn too_early(day: Date, not_before: Date) -> bool {
    day.add_days(TOLERANCE_DAYS).is_some_and(|d| d < not_before)
}

/// The latest dated event the report mentions as past, with its concept index.
pub(crate) fn not_before(parts: &[Part], lang: Lang, knowledge: &Knowledge, published: Option<Date>) -> Option<(Date, u32)> {
    let mut best: Option<(Date, u32)> = None;
    for part in parts {
        let dated: Vec<(usize, usize, u32, Date)> = part
            .entities
            .iter()
            .filter_map(|&(s, e, ent)| match ent {
                Entity::Concept(c) => knowledge.concepts[c as usize].happened.map(|d| (s, e, c, d)),
                _ => None,
            })
            .filter(|&(s, ..)| !part.noise(s))
            .collect();
        if dated.is_empty() {
            continue;
        }
        let t = &part.tokens;
        let keys: Vec<std::rc::Rc<str>> = (0..t.len()).map(|i| cached_keys(lang, t.lower(i)).1).collect();
        let key_refs: Vec<&str> = keys.iter().map(|k| &**k).collect();
        let caps = vec![false; t.len()];
        let breaks: Vec<bool> = (0..t.len()).map(|i| i > 0 && t[i].sentence != t[i - 1].sentence).collect();
        let mut cues: Vec<(usize, usize)> =
            knowledge.not_past(lang).find(&key_refs, &caps, &breaks).iter().map(|m| (m.start, m.end)).collect();
        cues.extend(part.words.iter().filter(|w| w.2 == Word::Future).map(|w| (w.0, w.1)));
        for (s, e, c, day) in dated {
            let sentence = t[s].sentence;
            let not_past =
                cues.iter().any(|&(cs, ce)| t[cs].sentence == sentence && ((ce <= s && cs + BEFORE >= s) || (cs >= e && cs <= e + AFTER)));
            let unseen = published.is_some_and(|p| too_early(p, day));
            if !not_past && !unseen && best.is_none_or(|(b, _)| day > b) {
                best = Some((day, c));
            }
        }
    }
    best
}
