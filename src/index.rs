//! Streaming: insert reports one at a time and get back their event.

use std::collections::{BTreeSet, VecDeque};

use crate::blocking::Blocker;
use crate::cluster::agglomerate;
use crate::date::DateValue;
use crate::error::Error;
use crate::evidence::Fingerprint;
use crate::hash::{FxMap, KeyedMap};
use crate::matcher::Matcher;
use crate::report::Report;
use crate::score::{quick, Weights};

/// The event a report was put in by [`EventIndex::insert`].
#[derive(Debug, Clone, PartialEq)]
pub struct Assignment {
    /// The event's number, stable while the event lives in the index.
    pub event: u64,
    /// Whether the report started a new event.
    pub new_event: bool,
    /// Ids of the reports of the event now in the index, sorted.
    pub members: Vec<String>,
    /// Confidence, 0–1: the mean score of the event's merges, or for a lone report how clearly it
    /// stands apart from its candidates.
    pub confidence: f32,
}

#[derive(Debug, Clone)]
struct Entry {
    fp: Fingerprint,
    event: u64,
    /// Reports it is linked to (scores reach the threshold), by slot.
    links: Vec<usize>,
}

/// A streaming index of events: insert one report at a time; each insertion re-clusters only the
/// reports linked to the new one, with the same algorithm as batch clustering, so inserting a whole
/// corpus, in any order, gives the clusters of [`Matcher::cluster`]. An earlier report's event can
/// change when a new report links two events, exactly as it would in batch.
///
/// With a window of `n` days, reports whose day is more than `n` days older than the newest day seen
/// are evicted; an event lives while it has a report inside the window.
///
/// ```
/// use event_dedup::{EventIndex, Lang, Matcher, Report};
/// let matcher = Matcher::new()?;
/// let mut index = EventIndex::new(&matcher);
/// let a = Report::builder("a", "Putin e Macron si sono sentiti oggi al telefono sulla Libia.").lang(Lang::It).published("2020-06-26")?.build()?;
/// let b = Report::builder("b", "Putin and Macron spoke by phone today about Libya.").lang(Lang::En).published("2020-06-26")?.build()?;
/// let first = index.insert(&matcher, &a)?;
/// let second = index.insert(&matcher, &b)?;
/// assert!(first.new_event && !second.new_event);
/// assert_eq!(second.event, first.event);
/// # Ok::<(), event_dedup::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct EventIndex {
    weights: Weights,
    window_days: Option<u32>,
    slots: Vec<Option<Entry>>,
    free: Vec<usize>,
    by_id: KeyedMap<String, usize>,
    blocker: Blocker,
    by_day: BTreeSet<(i64, usize)>,
    next_event: u64,
    newest_day: Option<i64>,
}

/// The day a report counts as, for eviction: its event day, else its published day.
fn day_of(fp: &Fingerprint) -> Option<i64> {
    let epoch = crate::date::Date::new(1970, 1, 1)?;
    match fp.date.map(|d| d.value) {
        Some(DateValue::Day { date }) | Some(DateValue::Window { to: date, .. }) => Some(epoch.days_until(date)),
        _ => fp.published.map(|p| epoch.days_until(p)),
    }
}

impl EventIndex {
    /// An empty index with the matcher's settings and no eviction.
    pub fn new(matcher: &Matcher) -> EventIndex {
        EventIndex {
            weights: matcher.weights(),
            window_days: None,
            slots: Vec::new(),
            free: Vec::new(),
            by_id: KeyedMap::default(),
            blocker: Blocker::default(),
            by_day: BTreeSet::new(),
            next_event: 0,
            newest_day: None,
        }
    }

    /// An empty index that evicts reports more than `days` days older than the newest day seen.
    /// `days` must be at least 1.
    pub fn with_window(matcher: &Matcher, days: u32) -> Result<EventIndex, Error> {
        if days == 0 {
            return Err(Error::InvalidSetting { name: "window", reason: "the window must be at least one day".into() });
        }
        let mut index = EventIndex::new(matcher);
        index.window_days = Some(days);
        Ok(index)
    }

    /// Number of reports in the index.
    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    /// Whether the index holds no report.
    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }

    /// The event of a report in the index.
    pub fn event_of(&self, id: &str) -> Option<u64> {
        self.by_id.get(id).and_then(|&s| self.slots[s].as_ref()).map(|e| e.event)
    }

    /// The events in the index, each as its sorted report ids, ordered by first id.
    pub fn events(&self) -> Vec<Vec<String>> {
        let mut by_event: FxMap<u64, Vec<String>> = FxMap::default();
        for e in self.slots.iter().flatten() {
            by_event.entry(e.event).or_default().push(e.fp.id.clone());
        }
        let mut events: Vec<Vec<String>> = by_event.into_values().collect();
        events.iter_mut().for_each(|m| m.sort());
        events.sort();
        events
    }

    /// Analyses a report and inserts it.
    pub fn insert(&mut self, matcher: &Matcher, report: &Report) -> Result<Assignment, Error> {
        self.insert_fingerprint(matcher.fingerprint(report))
    }

    /// Inserts a fingerprint; fails if a report with its id is already in the index.
    pub fn insert_fingerprint(&mut self, fp: Fingerprint) -> Result<Assignment, Error> {
        if self.by_id.contains_key(&fp.id) {
            return Err(Error::DuplicateId(fp.id));
        }
        let slot = self.free.pop().unwrap_or_else(|| {
            self.slots.push(None);
            self.slots.len() - 1
        });
        let id = fp.id.clone();
        let best = self.store(slot, fp, u64::MAX);
        let confidence = self.recluster(slot, best);
        let event = self.slots[slot].as_ref().expect("just inserted").event;
        let members = self.members_of(event);
        let new_event = members.len() == 1;
        self.evict();
        // Eviction never removes the report just inserted unless it is itself older than the window.
        let members = if self.by_id.contains_key(&id) { members } else { vec![id] };
        Ok(Assignment { event, new_event, members, confidence })
    }

    /// Puts `fp` in `slot` with its event, linked to the reports it matches; returns its best
    /// score against any candidate.
    fn store(&mut self, slot: usize, fp: Fingerprint, event: u64) -> f32 {
        let mut best = 0.0f32;
        let mut links = Vec::new();
        for other in self.blocker.candidates(&fp, slot) {
            let Some(o) = self.slots[other].as_mut() else { continue };
            let q = quick(&fp, &o.fp, &self.weights);
            best = best.max(q.score);
            if q.same_event {
                links.push(other);
                o.links.push(slot);
            }
        }
        self.blocker.add(slot, &fp);
        self.by_id.insert(fp.id.clone(), slot);
        if let Some(d) = day_of(&fp) {
            self.by_day.insert((d, slot));
            self.newest_day = Some(self.newest_day.map_or(d, |n| n.max(d)));
        }
        self.slots[slot] = Some(Entry { fp, event, links });
        best
    }

    fn members_of(&self, event: u64) -> Vec<String> {
        let mut m: Vec<String> = self.slots.iter().flatten().filter(|e| e.event == event).map(|e| e.fp.id.clone()).collect();
        m.sort();
        m
    }

    /// Re-clusters the link component of `start`; returns the confidence of its event.
    fn recluster(&mut self, start: usize, best_other: f32) -> f32 {
        let mut component = vec![start];
        let mut seen: BTreeSet<usize> = BTreeSet::from([start]);
        let mut queue = VecDeque::from([start]);
        while let Some(s) = queue.pop_front() {
            let links = self.slots[s].as_ref().map(|e| e.links.clone()).unwrap_or_default();
            for t in links {
                if seen.insert(t) {
                    component.push(t);
                    queue.push_back(t);
                }
            }
        }
        // The batch algorithm's order: by id.
        component.sort_by(|a, b| self.fp(*a).id.cmp(&self.fp(*b).id));
        let position: FxMap<usize, usize> = component.iter().enumerate().map(|(i, &s)| (s, i)).collect();
        let fps: Vec<&Fingerprint> = component.iter().map(|&s| self.fp(s)).collect();
        let mut links = Vec::new();
        for (i, &s) in component.iter().enumerate() {
            for &t in &self.slots[s].as_ref().expect("live").links {
                let j = position[&t];
                if i < j {
                    links.push((i, j, quick(fps[i], fps[j], &self.weights).score));
                }
            }
        }
        let (mut groups, merges, _undecided) = agglomerate(&fps, links, &self.weights);
        let mut confidence = (1.0 - best_other).clamp(0.0, 1.0);
        let mut assignments = Vec::new();
        for (root, root_merges) in merges.iter().enumerate() {
            if groups.find(root) != root {
                continue;
            }
            let members: Vec<usize> = groups.members[root].iter().map(|&i| component[i]).collect();
            let event = members.iter().map(|&s| self.slots[s].as_ref().expect("live").event).filter(|&e| e != u64::MAX).min();
            let event = event.unwrap_or_else(|| {
                self.next_event += 1;
                self.next_event - 1
            });
            if members.contains(&start) && !root_merges.is_empty() {
                confidence = root_merges.iter().map(|m| m.score).sum::<f32>() / root_merges.len() as f32;
            }
            assignments.push((members, event));
        }
        // Two groups may both claim the smallest old event when an event splits: the group with the
        // smallest member id keeps it, the other gets a new number.
        let mut taken: BTreeSet<u64> = BTreeSet::new();
        for (members, event) in assignments {
            let event = if taken.insert(event) {
                event
            } else {
                self.next_event += 1;
                self.next_event - 1
            };
            for s in members {
                self.slots[s].as_mut().expect("live").event = event;
            }
        }
        confidence
    }

    fn fp(&self, slot: usize) -> &Fingerprint {
        &self.slots[slot].as_ref().expect("live slot").fp
    }

    fn evict(&mut self) {
        let (Some(window), Some(newest)) = (self.window_days, self.newest_day) else { return };
        let cutoff = newest - i64::from(window);
        while let Some(&(day, slot)) = self.by_day.first() {
            if day >= cutoff {
                break;
            }
            self.by_day.pop_first();
            self.remove(slot);
        }
    }

    fn remove(&mut self, slot: usize) {
        let Some(entry) = self.slots[slot].take() else { return };
        self.blocker.remove(slot, &entry.fp);
        self.by_id.remove(&entry.fp.id);
        for other in entry.links {
            if let Some(o) = self.slots[other].as_mut() {
                o.links.retain(|&s| s != slot);
            }
        }
        self.free.push(slot);
    }
}

#[cfg(feature = "serde")]
mod snapshot {
    //! Saving and restoring: a header line with the format, its version, the body's length and a
    //! checksum, then the body as JSON. A truncated or altered snapshot is refused.

    use std::io::{Read, Write};

    use super::*;

    const MAGIC: &str = "event-dedup-index";
    const VERSION: u32 = 1;

    #[derive(serde::Serialize, serde::Deserialize)]
    struct Body {
        weights: Weights,
        window_days: Option<u32>,
        next_event: u64,
        newest_day: Option<i64>,
        reports: Vec<(Fingerprint, u64)>,
    }

    /// FNV-1a, 64 bits: enough to tell a damaged file from a good one.
    fn checksum(bytes: &[u8]) -> u64 {
        bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
    }

    fn invalid(reason: impl Into<String>) -> Error {
        Error::InvalidSnapshot(reason.into())
    }

    impl EventIndex {
        /// Writes the whole index. Restoring it with [`EventIndex::load`] gives back the same index.
        pub fn save<W: Write>(&self, mut out: W) -> Result<(), Error> {
            let mut live: Vec<(usize, &Entry)> = self.slots.iter().enumerate().filter_map(|(s, e)| e.as_ref().map(|e| (s, e))).collect();
            live.sort_by(|a, b| a.1.fp.id.cmp(&b.1.fp.id));
            let body = Body {
                weights: self.weights,
                window_days: self.window_days,
                next_event: self.next_event,
                newest_day: self.newest_day,
                reports: live.into_iter().map(|(_, e)| (e.fp.clone(), e.event)).collect(),
            };
            let json = serde_json::to_vec(&body).map_err(|e| invalid(e.to_string()))?;
            writeln!(out, "{MAGIC} {VERSION} {} {:016x}", json.len(), checksum(&json))?;
            out.write_all(&json)?;
            out.flush()?;
            Ok(())
        }

        /// Reads an index written by [`EventIndex::save`]. A snapshot that is truncated, altered
        /// or of another format is an [`Error::InvalidSnapshot`], never a wrong index.
        pub fn load<R: Read>(mut input: R) -> Result<EventIndex, Error> {
            let mut bytes = Vec::new();
            input.read_to_end(&mut bytes)?;
            let newline = bytes.iter().position(|&b| b == b'\n').ok_or_else(|| invalid("no header line"))?;
            let header = std::str::from_utf8(&bytes[..newline]).map_err(|_| invalid("the header is not text"))?;
            let fields: Vec<&str> = header.split(' ').collect();
            let [magic, version, len, sum] = fields.as_slice() else { return Err(invalid("malformed header")) };
            if *magic != MAGIC {
                return Err(invalid("not an event-dedup index"));
            }
            if version.parse::<u32>().ok() != Some(VERSION) {
                return Err(invalid(format!("unsupported version {version}")));
            }
            let body = &bytes[newline + 1..];
            let len: usize = len.parse().map_err(|_| invalid("malformed length"))?;
            if body.len() != len {
                return Err(invalid(format!("expected {len} bytes after the header, found {} (truncated?)", body.len())));
            }
            if format!("{:016x}", checksum(body)) != *sum {
                return Err(invalid("checksum mismatch: the snapshot was altered or damaged"));
            }
            let body: Body = serde_json::from_slice(body).map_err(|e| invalid(e.to_string()))?;
            let mut index = EventIndex {
                weights: body.weights,
                window_days: body.window_days,
                slots: Vec::with_capacity(body.reports.len()),
                free: Vec::new(),
                by_id: KeyedMap::default(),
                blocker: Blocker::default(),
                by_day: BTreeSet::new(),
                next_event: body.next_event,
                newest_day: body.newest_day,
            };
            for (fp, event) in body.reports {
                if index.by_id.contains_key(&fp.id) {
                    return Err(invalid(format!("report {:?} appears twice", fp.id)));
                }
                index.slots.push(None);
                index.store(index.slots.len() - 1, fp, event);
            }
            Ok(index)
        }
    }
}
