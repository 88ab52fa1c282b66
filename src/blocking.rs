//! Candidate blocking: which reports could be one event, found through an inverted index instead
//! of comparing all pairs.
//!
//! Every fingerprint is stored under a few *emit* keys and looks others up under a few *probe*
//! keys; two reports are candidates when one's probe keys meet the other's emit keys. The relation
//! is symmetric by construction, so a batch run and a stream of insertions see the same pairs.

use crate::date::{Date, DateValue};
use crate::evidence::Fingerprint;
use crate::hash::{FxMap, KeyedMap};

/// A blocking key: a tag and two numbers (interned participant set or person, day or month-day).
type Key = (u8, u32, i64);

const SET_DAY: u8 = 0;
/// Day and month of a report that has no year.
const SET_MONTH_DAY: u8 = 1;
/// Day and month of a fully dated report: only reports without a year look here, so two dated
/// reports from different years never meet.
const SET_MONTH_DAY_DATED: u8 = 7;
const PERSON_DAY: u8 = 4;
const ANY_DAY: u8 = 5;
const ALL: u8 = 6;
const SET_CONCEPT: u8 = 2;
/// A concept of a report with no date at all: reports with a day and month but no year meet
/// undated ones through it (dated ones they meet through the day and month).
const SET_CONCEPT_UNDATED: u8 = 8;
/// The hash of the title and text: exact duplicates always meet.
const CONTENT: u8 = 9;

/// An inverted index from blocking keys to fingerprint slots.
#[derive(Debug, Default, Clone)]
pub(crate) struct Blocker {
    /// Interned participant sets and concept ids (user knowledge can add any string).
    names: KeyedMap<String, u32>,
    emit: FxMap<Key, Vec<usize>>,
    probe: FxMap<Key, Vec<usize>>,
}

fn epoch_day(d: Date) -> i64 {
    Date::new(1970, 1, 1).map_or(0, |e| e.days_until(d))
}

impl Blocker {
    fn intern(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.names.get(name) {
            return id;
        }
        let id = self.names.len() as u32;
        self.names.insert(name.to_string(), id);
        id
    }

    /// `(emit, probe)` keys of a fingerprint.
    fn keys(&mut self, f: &Fingerprint) -> (Vec<Key>, Vec<Key>) {
        let set = self.intern(&f.principals.join("+"));
        let people: Vec<u32> = f.principals.iter().map(|p| self.intern(p)).collect();
        let content = (CONTENT, 0, f.content as i64);
        let mut emit = vec![(ALL, 0, 0), content];
        let mut probe = vec![content];
        // A report without a full date can only match through shared topics (its date adds too
        // little to reach the threshold otherwise): it meets the reports of its participants that
        // share one of its concepts. Countries are left out: the commonest and weakest topics.
        let topics: Vec<i64> = f.concepts.iter().filter(|c| !c.0.starts_with("country:")).map(|c| i64::from(self.intern(&c.0))).collect();
        emit.extend(topics.iter().map(|&c| (SET_CONCEPT, set, c)));
        let date = match f.date.map(|d| d.value) {
            Some(DateValue::Day { date }) | Some(DateValue::Window { from: date, .. }) => Some((epoch_day(date), date.month(), date.day())),
            _ => None,
        };
        match (date, f.date.map(|d| d.value)) {
            (Some((day, month, dom)), _) => {
                let md = i64::from(month * 32 + dom);
                emit.extend([(SET_DAY, set, day), (SET_MONTH_DAY_DATED, set, md), (ANY_DAY, 0, day)]);
                emit.extend(people.iter().map(|&p| (PERSON_DAY, p, day)));
                if people.is_empty() {
                    probe.extend((day - 1..=day + 1).map(|d| (ANY_DAY, 0, d)));
                } else {
                    probe.extend((day - 1..=day + 1).map(|d| (SET_DAY, set, d)));
                    probe.push((SET_MONTH_DAY, set, md));
                    if let [only] = people.as_slice() {
                        probe.extend((day - 1..=day + 1).map(|d| (PERSON_DAY, *only, d)));
                    }
                }
            }
            (None, Some(DateValue::DayMonth { month, day })) => {
                let md = i64::from(month * 32 + day);
                emit.push((SET_MONTH_DAY, set, md));
                if people.is_empty() {
                    probe.push((ALL, 0, 0));
                } else {
                    probe.extend([(SET_MONTH_DAY, set, md), (SET_MONTH_DAY_DATED, set, md)]);
                    probe.extend(topics.iter().map(|&c| (SET_CONCEPT_UNDATED, set, c)));
                }
            }
            _ => {
                emit.extend(topics.iter().map(|&c| (SET_CONCEPT_UNDATED, set, c)));
                if people.is_empty() {
                    probe.push((ALL, 0, 0));
                } else {
                    probe.extend(topics.iter().map(|&c| (SET_CONCEPT, set, c)));
                }
            }
        }
        (emit, probe)
    }

    /// Stores `slot` under its keys.
    pub(crate) fn add(&mut self, slot: usize, f: &Fingerprint) {
        let (emit, probe) = self.keys(f);
        for k in emit {
            self.emit.entry(k).or_default().push(slot);
        }
        for k in probe {
            self.probe.entry(k).or_default().push(slot);
        }
    }

    /// Removes `slot` (stored with fingerprint `f`).
    pub(crate) fn remove(&mut self, slot: usize, f: &Fingerprint) {
        let (emit, probe) = self.keys(f);
        for (map, keys) in [(&mut self.emit, emit), (&mut self.probe, probe)] {
            for k in keys {
                if let Some(list) = map.get_mut(&k) {
                    list.retain(|&s| s != slot);
                    if list.is_empty() {
                        map.remove(&k);
                    }
                }
            }
        }
    }

    /// Slots that are candidates for `f` (which need not be stored), sorted, without `exclude`.
    pub(crate) fn candidates(&mut self, f: &Fingerprint, exclude: usize) -> Vec<usize> {
        let (emit, probe) = self.keys(f);
        let mut out: Vec<usize> = Vec::new();
        for k in &probe {
            out.extend(self.emit.get(k).into_iter().flatten());
        }
        for k in &emit {
            out.extend(self.probe.get(k).into_iter().flatten());
        }
        out.retain(|&s| s != exclude);
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// Candidate pairs `(i, j)`, `i < j`, sorted, of a batch of fingerprints.
///
/// A dated report meets reports of the same participants on the same day or the next (a published
/// date stands one day off at most) and those with the same day and month but no year; a report
/// naming one participant also meets reports that include that person on those days. A report with
/// a day and month but no year also meets undated reports of its participants that share one of its
/// concepts; an undated report meets every report of its participants that shares one of its
/// concepts (countries aside). Undated reports are the one cost that grows faster than the input:
/// each meets the reports of its participants that share a topic. A report naming nobody meets every report of its days, or everyone when it has no
/// date either. Cost grows with the size of these blocks, not with the square of the input.
pub(crate) fn candidate_pairs(fps: &[Fingerprint]) -> Vec<(usize, usize)> {
    // Every pair is found from the side whose probe keys meet the other's emit keys, so a batch
    // needs one direction only, and each report's keys once.
    let mut blocker = Blocker::default();
    let keys: Vec<(Vec<Key>, Vec<Key>)> = fps.iter().map(|f| blocker.keys(f)).collect();
    let mut emit: FxMap<Key, Vec<usize>> = FxMap::default();
    for (i, (e, _)) in keys.iter().enumerate() {
        for k in e {
            emit.entry(*k).or_default().push(i);
        }
    }
    let mut pairs = Vec::new();
    for (i, (_, probe)) in keys.iter().enumerate() {
        for k in probe {
            for &j in emit.get(k).into_iter().flatten() {
                if j != i {
                    pairs.push((i.min(j), i.max(j)));
                }
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}
