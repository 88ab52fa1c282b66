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
use crate::knowledge::{Entity, Knowledge};
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
        // The lexicon keys of every token, punctuation too; no not-past phrase needs a capital.
        let keys: Vec<&str> = part.keys.iter().map(|k| &*k.1).collect();
        let mut cues: Vec<(usize, usize)> =
            knowledge.not_past(lang).find(&keys, &part.caps, &part.breaks).iter().map(|m| (m.start, m.end)).collect();
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

#[cfg(test)]
mod tests {
    use crate::date::{Date, DateSource, DateValue};
    use crate::evidence::analyse;
    use crate::knowledge::Knowledge;
    use crate::lang::Lang;
    use crate::report::Report;
    use crate::score::{compare, Conflict, Weights};

    fn day(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn report(id: &str, text: &str, published: Option<&str>) -> Report {
        let mut b = Report::builder(id, text).lang(Lang::En);
        if let Some(p) = published {
            b = b.published_date(day(p));
        }
        b.build().unwrap()
    }

    #[test]
    fn a_report_after_an_event_conflicts_with_a_contact_before_it() {
        let k = Knowledge::embedded().unwrap();
        let after = analyse(
            &report("after", "Putin and Erdogan spoke by phone about the explosion on the Crimean bridge and the grain deal.", None),
            &k,
        );
        assert_eq!(after.not_before(), Some(day("2022-10-08")));
        assert_eq!(after.not_before_event(), Some("crimean_bridge_attack"));
        let before = analyse(
            &report("before", "Putin and Erdogan spoke by phone on 30 September 2022 about the grain deal.", Some("2022-09-30")),
            &k,
        );
        let m = compare(&after, &before, &Weights::default());
        assert!(!m.same_event);
        assert_eq!(
            m.explanation.conflict,
            Some(Conflict::Timeline { event: "crimean_bridge_attack".into(), happened: day("2022-10-08"), other_day: day("2022-09-30") })
        );
        assert_eq!(
            m.explanation.to_string(),
            "not the same event: one report mentions crimean_bridge_attack (2022-10-08) as past, the other is about 2022-09-30 or earlier"
        );
        // The same contact a few days later is not ruled out, in either order.
        let later =
            analyse(&report("later", "Putin and Erdogan spoke by phone on 11 October 2022 about the grain deal.", Some("2022-10-11")), &k);
        assert_eq!(compare(&after, &later, &Weights::default()).explanation.conflict, None);
        assert_eq!(compare(&later, &after, &Weights::default()).explanation.conflict, None);
        assert!(compare(&before, &after, &Weights::default()).explanation.conflict.is_some());
    }

    #[test]
    fn a_day_of_tolerance_for_time_zones() {
        let k = Knowledge::embedded().unwrap();
        let after = analyse(&report("a", "Putin and Erdogan discussed the explosion on the Crimean bridge.", None), &k);
        let eve = analyse(&report("b", "Putin and Erdogan spoke by phone on 7 October 2022.", Some("2022-10-07")), &k);
        assert_eq!(compare(&after, &eve, &Weights::default()).explanation.conflict, None);
    }

    #[test]
    fn impossible_candidate_days_are_excluded() {
        let k = Knowledge::embedded().unwrap();
        // "5 October" cannot be the day of a call that discusses the explosion of 8 October as past.
        let f = analyse(
            &report("x", "Putin and Erdogan spoke on 5 October about the explosion on the Crimean bridge.", Some("2022-10-12")),
            &k,
        );
        let date = f.event_date().unwrap();
        assert_eq!(date.source, DateSource::Published);
        // With the 5th excluded, the text fixes no day: the window of its publication.
        assert_eq!(date.value, DateValue::Window { from: day("2022-10-11"), to: day("2022-10-12") });
    }

    #[test]
    fn planned_feared_and_unseen_events_give_no_bound() {
        let k = Knowledge::embedded().unwrap();
        for (text, published) in [
            ("Ahead of the Alaska summit, Trump and Putin spoke by phone.", Some("2025-08-12")),
            ("Scholz said a full-scale invasion would bring sanctions.", Some("2022-01-20")),
            ("Macron and Putin discussed the Alaska summit.", Some("2025-08-10")),
        ] {
            let f = analyse(&report("x", text, published), &k);
            assert_eq!(f.not_before(), None, "{text}");
        }
        let f = analyse(&report("x", "Macron and Putin discussed the Alaska summit.", Some("2025-08-18")), &k);
        assert_eq!(f.not_before(), Some(day("2025-08-15")));
    }
}
