//! Candidate blocking: which reports could be one event, found through an inverted index instead
//! of comparing all pairs.
//!
//! Every fingerprint is stored under a few *emit* keys and looks others up under a few *probe*
//! keys; two reports are candidates when one's probe keys meet the other's emit keys. The relation
//! is symmetric by construction, so a batch run and a stream of insertions see the same pairs.

use crate::analysis::Fingerprint;
use crate::date::{Date, DateValue};
use crate::hash::FxMap;

/// A blocking key: a tag and two numbers (interned participant set or person, day or month-day).
type Key = (u8, u32, i64);

const SET_DAY: u8 = 0;
const SET_MONTH_DAY: u8 = 1;
const SET_UNDATED: u8 = 2;
const SET: u8 = 3;
const PERSON_DAY: u8 = 4;
const ANY_DAY: u8 = 5;
const ALL: u8 = 6;

/// An inverted index from blocking keys to fingerprint slots.
#[derive(Debug, Default, Clone)]
pub(crate) struct Blocker {
    names: FxMap<String, u32>,
    emit: FxMap<Key, Vec<usize>>,
    probe: FxMap<Key, Vec<usize>>,
}

fn epoch_day(d: Date) -> i64 {
    Date::new(1970, 1, 1).map_or(0, |e| e.days_until(d))
}

impl Blocker {
    fn intern(&mut self, name: &str) -> u32 {
        let next = self.names.len() as u32;
        *self.names.entry(name.to_string()).or_insert(next)
    }

    /// `(emit, probe)` keys of a fingerprint.
    fn keys(&mut self, f: &Fingerprint) -> (Vec<Key>, Vec<Key>) {
        let set = self.intern(&f.principals.join("+"));
        let people: Vec<u32> = f.principals.iter().map(|p| self.intern(p)).collect();
        let mut emit = vec![(SET, set, 0), (ALL, 0, 0)];
        let mut probe = Vec::new();
        let date = match f.date.map(|d| d.value) {
            Some(DateValue::Day { date }) | Some(DateValue::Window { from: date, .. }) => Some((epoch_day(date), date.month(), date.day())),
            _ => None,
        };
        match (date, f.date.map(|d| d.value)) {
            (Some((day, month, dom)), _) => {
                let md = i64::from(month * 32 + dom);
                emit.extend([(SET_DAY, set, day), (SET_MONTH_DAY, set, md), (ANY_DAY, 0, day)]);
                emit.extend(people.iter().map(|&p| (PERSON_DAY, p, day)));
                if people.is_empty() {
                    probe.extend((day - 1..=day + 1).map(|d| (ANY_DAY, 0, d)));
                } else {
                    probe.extend((day - 1..=day + 1).map(|d| (SET_DAY, set, d)));
                    probe.extend([(SET_MONTH_DAY, set, md), (SET_UNDATED, set, 0)]);
                    if let [only] = people.as_slice() {
                        probe.extend((day - 1..=day + 1).map(|d| (PERSON_DAY, *only, d)));
                    }
                }
            }
            (None, Some(DateValue::DayMonth { month, day })) => {
                let md = i64::from(month * 32 + day);
                emit.push((SET_MONTH_DAY, set, md));
                probe.push(if people.is_empty() { (ALL, 0, 0) } else { (SET_MONTH_DAY, set, md) });
                if !people.is_empty() {
                    probe.push((SET_UNDATED, set, 0));
                }
            }
            _ => {
                emit.push((SET_UNDATED, set, 0));
                probe.push(if people.is_empty() { (ALL, 0, 0) } else { (SET, set, 0) });
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
pub(crate) fn candidate_pairs(fps: &[Fingerprint]) -> Vec<(usize, usize)> {
    let mut blocker = Blocker::default();
    for (i, f) in fps.iter().enumerate() {
        blocker.add(i, f);
    }
    let mut pairs = Vec::new();
    for (i, f) in fps.iter().enumerate() {
        pairs.extend(blocker.candidates(f, i).into_iter().filter(|&j| j > i).map(|j| (i, j)));
    }
    pairs
}
