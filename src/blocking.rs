//! Candidate blocking: which reports could be one event, found through an inverted index instead
//! of comparing all pairs.
//!
//! Every fingerprint is stored under a few *emit* keys and looks others up under a few *probe*
//! keys; two reports are candidates when one's probe keys meet the other's emit keys. The relation
//! is symmetric by construction, so a batch run and a stream of insertions see the same pairs.
//!
//! **Crowded keys.** One event with thousands of reports puts thousands of reports with the same
//! hard facts (participants, day, kind: [`Hard`]) under its keys; meeting all of them would cost
//! the square of the event's size. Under each key, reports are grouped by their hard facts; a
//! group of more than [`CROWD`] reports is *crowded*, and a key with a crowded group is capped:
//! - its *pivots* are the [`PIVOTS`] reports of each group with the smallest ids;
//! - a report of a crowded group that is not a pivot meets only the pivots of the other side;
//! - every other report meets the other side's pivots and every report of its groups that are
//!   not crowded.
//!
//! Reports with equal hard facts score alike, and those of one event meet one another through
//! the pivots, so the event stays linked with a bounded number of pairs per report. A key with
//! no crowded group (every key of the labelled corpora, and of uniform synthetic data) gives
//! every pair, as before. The streaming index picks the pivots among the reports it holds; batch
//! among the whole input: they differ only when a report with a smaller id than a pivot's comes
//! later (see `EventIndex`).

use std::hash::{Hash, Hasher};

use crate::date::{Date, DateValue};
use crate::evidence::Fingerprint;
use crate::hash::{FxHasher, FxMap, KeyedMap};
use crate::score::Hard;

/// A group of reports with the same hard facts under one key is crowded beyond this many. The
/// largest group of the dev corpus has 7 reports (the hostile corpus has a group of 157 reports
/// that name nobody and carry no date, which link to nothing either way).
pub(crate) const CROWD: usize = 16;
/// Reports of each group that everyone under a crowded key meets.
pub(crate) const PIVOTS: usize = 4;

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
    emit: FxMap<Key, Posting>,
    probe: FxMap<Key, Posting>,
}

/// The slots under one key, grouped by hard facts.
#[derive(Debug, Default, Clone)]
struct Posting {
    groups: Vec<Group>,
}

/// The slots under one key with the same hard facts.
#[derive(Debug, Clone)]
struct Group {
    /// FxHash of the hard facts (equality is checked on a member's fingerprint).
    hash: u64,
    slots: Vec<usize>,
    /// The slots with the smallest ids, sorted by id (`usize::MAX` for none).
    pivots: [usize; PIVOTS],
}

/// Where a report stands under a key: a pivot, a member of a group that is not crowded, or one
/// of the many of a crowded group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Standing {
    Pivot,
    Open,
    Crowded,
}

fn hard_hash(hard: &Hard<'_>) -> u64 {
    let mut h = FxHasher::default();
    hard.hash(&mut h);
    h.finish()
}

impl Group {
    fn new(hash: u64) -> Group {
        Group { hash, slots: Vec::new(), pivots: [usize::MAX; PIVOTS] }
    }

    fn add<'a>(&mut self, slot: usize, of: &dyn Fn(usize) -> &'a Fingerprint) {
        self.slots.push(slot);
        let id = &of(slot).id;
        if let Some(at) = self.pivots.iter().position(|&p| p == usize::MAX || *id < of(p).id) {
            self.pivots[at..].rotate_right(1);
            self.pivots[at] = slot;
        }
    }

    fn remove<'a>(&mut self, slot: usize, of: &dyn Fn(usize) -> &'a Fingerprint) {
        if let Some(at) = self.slots.iter().position(|&s| s == slot) {
            self.slots.swap_remove(at);
        }
        if self.pivots.contains(&slot) {
            let mut by_id: Vec<usize> = self.slots.clone();
            by_id.sort_by(|&a, &b| of(a).id.cmp(&of(b).id));
            self.pivots = [usize::MAX; PIVOTS];
            for (p, s) in self.pivots.iter_mut().zip(by_id) {
                *p = s;
            }
        }
    }

    /// Where a report with `id`, added to this group, would stand.
    fn standing<'a>(&self, id: &str, of: &dyn Fn(usize) -> &'a Fingerprint) -> Standing {
        if self.pivots.iter().any(|&p| p == usize::MAX || *id < *of(p).id) {
            Standing::Pivot
        } else if self.slots.len() < CROWD {
            Standing::Open
        } else {
            Standing::Crowded
        }
    }

    fn pivots(&self) -> impl Iterator<Item = usize> + '_ {
        self.pivots.iter().copied().filter(|&p| p != usize::MAX)
    }
}

impl Posting {
    fn group<'a>(&self, hard: &Hard<'_>, hash: u64, of: &dyn Fn(usize) -> &'a Fingerprint) -> Option<&Group> {
        self.groups.iter().find(|g| g.hash == hash && g.slots.first().is_some_and(|&s| of(s).hard().identity() == *hard))
    }

    fn crowded(&self) -> bool {
        self.groups.iter().any(|g| g.slots.len() > CROWD)
    }

    /// Where `f` stands among the reports here, as if it were one of them.
    fn standing<'a>(&self, f: &Fingerprint, hash: u64, of: &dyn Fn(usize) -> &'a Fingerprint) -> Standing {
        match self.group(&f.hard().identity(), hash, of) {
            Some(g) => g.standing(&f.id, of),
            None => Standing::Pivot,
        }
    }

    /// Everyone.
    fn all(&self, out: &mut Vec<usize>) {
        self.groups.iter().for_each(|g| out.extend_from_slice(&g.slots));
    }

    /// The pivots and the members of groups that are not crowded.
    fn open(&self, out: &mut Vec<usize>) {
        for g in &self.groups {
            if g.slots.len() <= CROWD {
                out.extend_from_slice(&g.slots);
            } else {
                out.extend(g.pivots());
            }
        }
    }

    /// The pivots.
    fn pivots(&self, out: &mut Vec<usize>) {
        self.groups.iter().for_each(|g| out.extend(g.pivots()));
    }

    fn add<'a>(&mut self, slot: usize, f: &Fingerprint, hash: u64, of: &dyn Fn(usize) -> &'a Fingerprint) {
        let hard = f.hard().identity();
        let at = self.groups.iter().position(|g| g.hash == hash && g.slots.first().is_some_and(|&s| of(s).hard().identity() == hard));
        let at = at.unwrap_or_else(|| {
            self.groups.push(Group::new(hash));
            self.groups.len() - 1
        });
        self.groups[at].add(slot, of);
    }

    fn remove<'a>(&mut self, slot: usize, of: &dyn Fn(usize) -> &'a Fingerprint) {
        if let Some(at) = self.groups.iter().position(|g| g.slots.contains(&slot)) {
            self.groups[at].remove(slot, of);
            if self.groups[at].slots.is_empty() {
                self.groups.remove(at);
            }
        }
    }
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
        // A report naming three or more leaders also meets the reports that name all of them but
        // one (scoring then weighs the one more leader as weak evidence, not as a conflict).
        let subsets: Vec<u32> = if f.principals.len() >= 3 {
            (0..f.principals.len())
                .map(|skip| {
                    let rest: Vec<&str> = f.principals.iter().enumerate().filter(|(k, _)| *k != skip).map(|(_, p)| p.as_str()).collect();
                    self.intern(&rest.join("+"))
                })
                .collect()
        } else {
            Vec::new()
        };
        let people: Vec<u32> = f.principals.iter().map(|p| self.intern(p)).collect();
        let content = (CONTENT, 0, f.content as i64);
        let mut emit = vec![(ALL, 0, 0), content];
        let mut probe = vec![content];
        // A report without a full date can only match through shared topics (its date adds too
        // little to reach the threshold otherwise): it meets the reports of its participants that
        // share one of its concepts. Countries are left out: the commonest and weakest topics.
        let topics: Vec<i64> = f.concepts.iter().filter(|c| !c.0.starts_with("country:")).map(|c| i64::from(self.intern(&c.0))).collect();
        emit.extend(topics.iter().map(|&c| (SET_CONCEPT, set, c)));
        // A day, or every day of a window (a report that does not fix its day meets the reports
        // of each day its window holds).
        let days: Vec<crate::date::Date> = match f.date.map(|d| d.value) {
            Some(DateValue::Day { date }) => vec![date],
            Some(DateValue::Window { from, to }) => {
                (0..=from.days_until(to).clamp(0, MAX_WINDOW_DAYS)).filter_map(|i| from.add_days(i)).collect()
            }
            _ => Vec::new(),
        };
        match (days.is_empty(), f.date.map(|d| d.value)) {
            (false, _) => {
                for date in days {
                    let (day, month, dom) = (epoch_day(date), date.month(), date.day());
                    let md = i64::from(month * 32 + dom);
                    emit.extend([(SET_DAY, set, day), (SET_MONTH_DAY_DATED, set, md), (ANY_DAY, 0, day)]);
                    emit.extend(subsets.iter().map(|&sub| (SET_DAY, sub, day)));
                    emit.extend(people.iter().map(|&p| (PERSON_DAY, p, day)));
                    if people.is_empty() {
                        probe.extend((day - 1..=day + 1).map(|d| (ANY_DAY, 0, d)));
                    } else {
                        probe.extend((day - 1..=day + 1).map(|d| (SET_DAY, set, d)));
                        probe.extend(subsets.iter().flat_map(|&sub| (day - 1..=day + 1).map(move |d| (SET_DAY, sub, d))));
                        probe.push((SET_MONTH_DAY, set, md));
                        if let [only] = people.as_slice() {
                            probe.extend((day - 1..=day + 1).map(|d| (PERSON_DAY, *only, d)));
                        }
                    }
                }
                emit.sort_unstable();
                emit.dedup();
                probe.sort_unstable();
                probe.dedup();
            }
            (true, Some(DateValue::DayMonth { month, day })) => {
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

    /// Stores `slot` under its keys. `of` gives the fingerprints of the slots already stored (and
    /// of `slot`).
    pub(crate) fn add<'a>(&mut self, slot: usize, f: &Fingerprint, of: &dyn Fn(usize) -> &'a Fingerprint) {
        let (emit, probe) = self.keys(f);
        let hash = hard_hash(&f.hard().identity());
        for k in emit {
            self.emit.entry(k).or_default().add(slot, f, hash, of);
        }
        for k in probe {
            self.probe.entry(k).or_default().add(slot, f, hash, of);
        }
    }

    /// Removes `slot` (stored with fingerprint `f`).
    pub(crate) fn remove<'a>(&mut self, slot: usize, f: &Fingerprint, of: &dyn Fn(usize) -> &'a Fingerprint) {
        let (emit, probe) = self.keys(f);
        for (map, keys) in [(&mut self.emit, emit), (&mut self.probe, probe)] {
            for k in keys {
                if let Some(posting) = map.get_mut(&k) {
                    posting.remove(slot, of);
                    if posting.groups.is_empty() {
                        map.remove(&k);
                    }
                }
            }
        }
    }

    /// Slots that are candidates for `f` (which need not be stored), sorted, without `exclude`:
    /// as [`candidate_pairs`] would pair them, crowded keys included.
    pub(crate) fn candidates<'a>(&mut self, f: &Fingerprint, exclude: usize, of: &dyn Fn(usize) -> &'a Fingerprint) -> Vec<usize> {
        let (emit, probe) = self.keys(f);
        let hash = hard_hash(&f.hard().identity());
        let mut out: Vec<usize> = Vec::new();
        // `f` probes: it meets the emitters.
        for k in &probe {
            let Some(e) = self.emit.get(k) else { continue };
            if !e.crowded() {
                e.all(&mut out);
            } else if self.probe.get(k).map_or(Standing::Pivot, |p| p.standing(f, hash, of)) == Standing::Crowded {
                e.pivots(&mut out);
            } else {
                e.open(&mut out);
            }
        }
        // `f` emits: the probers meet it.
        for k in &emit {
            let Some(p) = self.probe.get(k) else { continue };
            let e = self.emit.get(k);
            let standing = e.map_or(Standing::Pivot, |e| e.standing(f, hash, of));
            if !e.is_some_and(Posting::crowded) && standing != Standing::Crowded {
                p.all(&mut out);
                continue;
            }
            match standing {
                Standing::Pivot => p.all(&mut out),
                Standing::Open => p.open(&mut out),
                Standing::Crowded => {}
            }
        }
        out.retain(|&s| s != exclude);
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// The most days of a window that blocking spreads a report over.
const MAX_WINDOW_DAYS: i64 = 8;

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
///
/// Crowded keys (see the module) are capped: each report meets a bounded number of reports of a
/// crowded group, so one large event costs about its size, not its square.
/// `progress` sees how many reports have been looked up, of all.
pub(crate) fn candidate_pairs(fps: &[Fingerprint], progress: &mut dyn FnMut(usize, usize)) -> Vec<(usize, usize)> {
    // Every pair is found from the side whose probe keys meet the other's emit keys, so a batch
    // needs one direction only, and each report's keys once.
    let mut blocker = Blocker::default();
    let keys: Vec<(Vec<Key>, Vec<Key>)> = fps.iter().map(|f| blocker.keys(f)).collect();
    let mut classes: KeyedMap<Hard<'_>, u32> = KeyedMap::default();
    let class: Vec<u32> = fps
        .iter()
        .map(|f| {
            let next = classes.len() as u32;
            *classes.entry(f.hard().identity()).or_insert(next)
        })
        .collect();
    drop(classes);
    let mut emit: FxMap<Key, Vec<usize>> = FxMap::default();
    for (i, (e, _)) in keys.iter().enumerate() {
        for k in e {
            emit.entry(*k).or_default().push(i);
        }
    }
    // Keys with a crowded group of emitters, and where each of their probers stands.
    let mut capped: FxMap<Key, Capped> = FxMap::default();
    for (k, list) in &emit {
        if list.len() > CROWD {
            if let Some(c) = Capped::of(list, &class) {
                capped.insert(*k, c);
            }
        }
    }
    let mut probers: FxMap<Key, Vec<usize>> = FxMap::default();
    if !capped.is_empty() {
        for (i, (_, probe)) in keys.iter().enumerate() {
            for k in probe {
                if capped.contains_key(k) {
                    probers.entry(*k).or_default().push(i);
                }
            }
        }
    }
    let crowded_probers: FxMap<Key, Vec<usize>> = probers.into_iter().map(|(k, list)| (k, crowded_members(&list, &class))).collect();
    let mut pairs = Vec::new();
    let step = keys.len().div_ceil(100).max(1);
    for (i, (_, probe)) in keys.iter().enumerate() {
        if i % step == 0 {
            progress(i, keys.len());
        }
        for k in probe {
            let list = match capped.get(k) {
                None => emit.get(k).map(Vec::as_slice),
                Some(c) if crowded_probers.get(k).is_some_and(|crowded| crowded.binary_search(&i).is_ok()) => Some(c.pivots.as_slice()),
                Some(c) => Some(c.open.as_slice()),
            };
            for &j in list.into_iter().flatten() {
                if j != i {
                    pairs.push((i.min(j), i.max(j)));
                }
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    progress(keys.len(), keys.len());
    pairs
}

/// The emitters of a crowded key that its probers meet: the pivots, and the open ones (pivots and
/// the members of groups that are not crowded). Positions are in id order.
struct Capped {
    pivots: Vec<usize>,
    open: Vec<usize>,
}

impl Capped {
    /// `None` when no group of `list` is crowded.
    fn of(list: &[usize], class: &[u32]) -> Option<Capped> {
        let mut count: FxMap<u32, usize> = FxMap::default();
        list.iter().for_each(|&i| *count.entry(class[i]).or_default() += 1);
        if count.values().all(|&n| n <= CROWD) {
            return None;
        }
        let mut seen: FxMap<u32, usize> = FxMap::default();
        let (mut pivots, mut open) = (Vec::new(), Vec::new());
        for &i in list {
            let k = seen.entry(class[i]).or_default();
            *k += 1;
            if *k <= PIVOTS {
                pivots.push(i);
                open.push(i);
            } else if count[&class[i]] <= CROWD {
                open.push(i);
            }
        }
        Some(Capped { pivots, open })
    }
}

/// The members of `list` (positions in id order) that stand in a crowded group: not pivots, in a
/// group of more than [`CROWD`]. Sorted.
fn crowded_members(list: &[usize], class: &[u32]) -> Vec<usize> {
    let mut count: FxMap<u32, usize> = FxMap::default();
    list.iter().for_each(|&i| *count.entry(class[i]).or_default() += 1);
    let mut seen: FxMap<u32, usize> = FxMap::default();
    list.iter()
        .copied()
        .filter(|&i| {
            let k = seen.entry(class[i]).or_default();
            *k += 1;
            *k > PIVOTS && count[&class[i]] > CROWD
        })
        .collect()
}
