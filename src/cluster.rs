//! Batch clustering: candidate pairs by blocking on participants, then agglomeration that never
//! puts two incompatible reports in one cluster, whatever links them.

use std::collections::BTreeMap;

use crate::blocking::candidate_pairs;
use crate::hash::{FxMap, FxSet, KeyedMap};
use crate::profile::Profile;

use crate::date::{DateSource, DateValue};
use crate::error::Error;
use crate::evidence::kind::EventKind;
use crate::evidence::Fingerprint;
use crate::score::{compare, quick, Explanation, Quick, Weights};

/// What a cluster of reports says happened.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct EventSummary {
    /// The event's day, as far as the members tell.
    pub date: Option<DateValue>,
    /// Leaders who took part (person ids).
    pub participants: Vec<String>,
    /// Kind of contact.
    pub kind: Option<EventKind>,
    /// The concepts most members discuss, most common first.
    pub topics: Vec<String>,
}

/// Why two reports were merged.
#[derive(Debug, Clone, PartialEq)]
pub struct Merge {
    /// One report's id.
    pub a: String,
    /// The other report's id.
    pub b: String,
    /// Their score.
    pub score: f32,
    /// The pair's explanation.
    pub explanation: Explanation,
}

/// One event: the reports that describe it.
#[derive(Debug, Clone, PartialEq)]
pub struct Cluster {
    /// A readable id made from the summary (`2020-11-07_macron-putin_phone-call`), unique in the clustering.
    pub id: String,
    /// Member report ids, sorted.
    pub members: Vec<String>,
    /// What happened.
    pub summary: EventSummary,
    /// Confidence, 0–1: the mean score of the merges, or for a lone report how clearly it stands apart.
    pub confidence: f32,
    /// The merges that built the cluster, strongest first.
    pub merges: Vec<Merge>,
}

/// The result of clustering: every input report in exactly one cluster.
#[derive(Debug, Clone, PartialEq)]
pub struct Clustering {
    clusters: Vec<Cluster>,
    undecided: Vec<Undecided>,
    /// Every report as (cluster, member) positions, sorted by report id: a lookup is a binary
    /// search, with no hashing of ids that come from the input.
    of_report: Vec<(u32, u32)>,
}

/// A report without a day of its own that fits two or more events about equally: it stays alone
/// (with its copies, if any: reports with the same title and text, or with the same evidence), and
/// this says which events it fits.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Undecided {
    /// The report left alone.
    pub report: String,
    /// The events it fits, best first.
    pub candidates: Vec<Candidate>,
}

/// An event an undecided report fits: its day, the member the report fits best, and the score.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Candidate {
    /// The event's day or window, when its member has one.
    pub date: Option<DateValue>,
    /// The member of the event the report fits best.
    pub member: String,
    /// The score of that fit.
    pub score: f32,
}

impl std::fmt::Display for Undecided {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "left alone: fits ")?;
        for (k, Candidate { date: day, member, score }) in self.candidates.iter().enumerate() {
            if k > 0 {
                write!(f, " and ")?;
            }
            let day = day.map_or("an undated contact".to_string(), |d| format!("the contact of {d}"));
            write!(f, "{day} ({member}, {score:.2})")?;
        }
        write!(f, " about equally")
    }
}

impl Clustering {
    /// The clusters, ordered by their first member id.
    pub fn clusters(&self) -> &[Cluster] {
        &self.clusters
    }
    /// The cluster of a report.
    pub fn cluster_of(&self, report_id: &str) -> Option<&Cluster> {
        let id = |&(c, m): &(u32, u32)| self.clusters[c as usize].members[m as usize].as_str();
        let at = self.of_report.binary_search_by(|p| id(p).cmp(report_id)).ok()?;
        Some(&self.clusters[self.of_report[at].0 as usize])
    }
    /// Reports without a day of their own that fit several events of the same participants about
    /// equally, and were left on their own rather than merged with a guess.
    pub fn undecided(&self) -> &[Undecided] {
        &self.undecided
    }
    /// Whether `report_id` was left alone because it fits several events about equally.
    pub fn undecided_of(&self, report_id: &str) -> Option<&Undecided> {
        self.undecided.iter().find(|u| u.report == report_id)
    }
    /// Number of input reports.
    pub fn report_count(&self) -> usize {
        self.of_report.len()
    }
}

/// A stage of batch clustering, in the order they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Stage {
    /// Analysing reports into fingerprints (counted in reports).
    Analysis,
    /// Finding candidate pairs through the blocking keys (reports).
    Blocking,
    /// Scoring the candidate pairs (pairs).
    Scoring,
    /// Merging linked reports into events (links).
    Clustering,
    /// Summarising and naming the events (reports).
    Summaries,
}

/// How far a batch run has come: `done` of `total` units of `stage`, as passed to the callback of
/// [`Matcher::cluster_with_progress`](crate::Matcher::cluster_with_progress). Each stage reports
/// about a hundred times, from 0 to `total`, on the calling thread.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Progress {
    /// The stage running.
    pub stage: Stage,
    /// Units done.
    pub done: usize,
    /// Units in this stage.
    pub total: usize,
}

impl Progress {
    /// The share of the stage done, 0–1 (1 for an empty stage).
    pub fn fraction(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.done as f64 / self.total as f64
        }
    }
}

/// Sends `done` of `total` for `stage` to `progress`, when it is a hundredth further or the end.
fn tick(progress: &mut dyn FnMut(Progress), stage: Stage, done: usize, total: usize) {
    let step = total.div_ceil(100).max(1);
    if done % step == 0 || done == total {
        progress(Progress { stage, done, total });
    }
}

pub(crate) struct Groups {
    parent: Vec<usize>,
    pub(crate) members: Vec<Vec<usize>>,
}

impl Groups {
    fn new(n: usize) -> Groups {
        Groups { parent: (0..n).collect(), members: (0..n).map(|i| vec![i]).collect() }
    }
    pub(crate) fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }
    fn union(&mut self, a: usize, b: usize) {
        let (keep, gone) = if a < b { (a, b) } else { (b, a) };
        self.parent[gone] = keep;
        let moved = std::mem::take(&mut self.members[gone]);
        self.members[keep].extend(moved);
    }
}

/// What an event's summary is read from: the weight of each date value, and how many reports
/// name each leader, kind and concept. The streaming index keeps one for each settled event, up to
/// date as reports join, leave and events merge, so a summary costs the distinct values, not the
/// reports; batch clustering makes one per cluster. Keys are `&str` borrowed from fingerprints
/// (batch) or owned `String`s (the index).
#[derive(Debug, Clone)]
pub(crate) struct Tally<K> {
    /// Each date value, its weight (confidence, plus one for an exact day) and how many reports give it.
    dates: Vec<(DateValue, f32, usize)>,
    people: BTreeMap<K, usize>,
    kinds: BTreeMap<EventKind, usize>,
    topics: BTreeMap<K, usize>,
}

impl<K> Default for Tally<K> {
    fn default() -> Self {
        Tally { dates: Vec::new(), people: BTreeMap::new(), kinds: BTreeMap::new(), topics: BTreeMap::new() }
    }
}

/// How much a report's date weighs for the summary: exact days outrank partial ones.
fn date_weight(d: &crate::date::EventDate) -> f32 {
    let bonus = if d.value.day().is_some() { 1.0 } else { 0.0 };
    d.confidence + bonus
}

impl<K: Ord + std::borrow::Borrow<str>> Tally<K> {
    /// Counts a report in.
    pub(crate) fn add<'a>(&mut self, f: &'a Fingerprint)
    where
        K: From<&'a str>,
    {
        if let Some(d) = &f.date {
            match self.dates.iter_mut().find(|x| x.0 == d.value) {
                Some(x) => {
                    x.1 += date_weight(d);
                    x.2 += 1;
                }
                None => self.dates.push((d.value, date_weight(d), 1)),
            }
        }
        for p in &f.principals {
            *self.people.entry(K::from(p.as_str())).or_default() += 1;
        }
        if let Some(k) = f.kind {
            *self.kinds.entry(k).or_default() += 1;
        }
        for c in f.concepts() {
            *self.topics.entry(K::from(c)).or_default() += 1;
        }
    }

    /// Counts a report out (it was counted in).
    pub(crate) fn remove(&mut self, f: &Fingerprint) {
        fn less<Q: Ord + ?Sized, K: Ord + std::borrow::Borrow<Q>>(map: &mut BTreeMap<K, usize>, key: &Q) {
            if let Some(n) = map.get_mut(key) {
                *n -= 1;
                if *n == 0 {
                    map.remove(key);
                }
            }
        }
        if let Some(d) = &f.date {
            if let Some(k) = self.dates.iter().position(|x| x.0 == d.value) {
                self.dates[k].1 -= date_weight(d);
                self.dates[k].2 -= 1;
                if self.dates[k].2 == 0 {
                    self.dates.remove(k);
                }
            }
        }
        for p in &f.principals {
            less(&mut self.people, p.as_str());
        }
        if let Some(k) = f.kind {
            less(&mut self.kinds, &k);
        }
        for c in f.concepts() {
            less(&mut self.topics, c);
        }
    }

    /// Counts in the reports of another tally.
    pub(crate) fn absorb(&mut self, other: Tally<K>) {
        for (value, weight, count) in other.dates {
            match self.dates.iter_mut().find(|x| x.0 == value) {
                Some(x) => {
                    x.1 += weight;
                    x.2 += count;
                }
                None => self.dates.push((value, weight, count)),
            }
        }
        for (p, n) in other.people {
            *self.people.entry(p).or_default() += n;
        }
        for (k, n) in other.kinds {
            *self.kinds.entry(k).or_default() += n;
        }
        for (c, n) in other.topics {
            *self.topics.entry(c).or_default() += n;
        }
    }

    /// The summary: the heaviest date, the leaders named by at least half as many reports as the
    /// most named, the commonest kind, the eight commonest concepts.
    pub(crate) fn summary(&self) -> EventSummary {
        let mut dates: Vec<(DateValue, f32)> = self.dates.iter().map(|d| (d.0, d.1)).collect();
        dates.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.to_string().cmp(&b.0.to_string())));
        let most = self.people.values().copied().max().unwrap_or(0);
        let participants = self.people.iter().filter(|(_, &n)| 2 * n >= most).map(|(p, _)| p.borrow().to_string()).collect();
        let kind = self.kinds.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map(|(k, _)| *k);
        let mut topics: Vec<(&str, usize)> = self.topics.iter().map(|(c, &n)| (c.borrow(), n)).collect();
        topics.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        EventSummary {
            date: dates.first().map(|d| d.0),
            participants,
            kind,
            topics: topics.into_iter().take(8).map(|t| t.0.to_string()).collect(),
        }
    }
}

/// The summary of a cluster's members.
pub(crate) fn summarise(fps: &[&Fingerprint]) -> EventSummary {
    let mut tally: Tally<&str> = Tally::default();
    fps.iter().for_each(|f| tally.add(f));
    tally.summary()
}

fn cluster_name(s: &EventSummary) -> String {
    let date = match s.date {
        Some(DateValue::Day { date }) => date.to_string(),
        Some(DateValue::DayMonth { month, day }) => format!("xxxx-{month:02}-{day:02}"),
        _ => "undated".into(),
    };
    let who = if s.participants.is_empty() { "unknown".to_string() } else { s.participants.join("-") };
    let kind = s.kind.map_or("contact".to_string(), |k| k.name().replace(' ', "-"));
    format!("{date}_{who}_{kind}")
}

/// A link between two reports (positions) with its score.
pub(crate) type Link = (usize, usize, f32);

/// Merges linked reports, strongest link first (returning, by root, the links merged on), never across a conflict between any two members
/// and only when the two groups agree on average. `fps` are sorted by id and `links` index them.
/// The outcome on one connected component of the links does not depend on any other component,
/// which is what lets the streaming index re-cluster only the component a new report touches.
///
/// Two small groups (at most [`EXACT_PAIRS`] pairs of members) are compared pair by pair. Larger
/// ones are compared through their [`Profile`]s: the conflict check stays exact (it runs over
/// the classes of hard facts), the mean score is exact in its hard-fact part and estimated from
/// samples in its topic part. So a merge costs a bounded amount of work, however large the groups.
///
/// `progress` sees how many links have been weighed, of all.
pub(crate) fn agglomerate<F: std::borrow::Borrow<Fingerprint>>(
    fps: &[F],
    mut links: Vec<(usize, usize, f32)>,
    w: &Weights,
    progress: &mut dyn FnMut(usize, usize),
) -> (Groups, Vec<Vec<Link>>, Vec<Undecided>) {
    let n = fps.len();
    let (kept, undecided) = single_out_undated(fps, links, w);
    links = kept;
    links.sort_by(|a, b| b.2.total_cmp(&a.2).then((a.0, a.1).cmp(&(b.0, b.1))));
    let of = |i: usize| fps[i].borrow();
    let mut groups = Groups::new(n);
    let mut merges: Vec<Vec<Link>> = (0..n).map(|_| Vec::new()).collect();
    // Profiles of the groups that needed one, by root; built on first need, then kept up to date.
    let mut profiles: FxMap<usize, Profile> = FxMap::default();
    // Pairs of groups already refused, by root and size: a group changes only by growing, so the
    // same roots and sizes are the same groups and the same answer.
    let mut refused: FxSet<(usize, usize, usize, usize)> = FxSet::default();
    let total = links.len();
    let step = total.div_ceil(100).max(1);
    for (done, (i, j, score)) in links.into_iter().enumerate() {
        if done % step == 0 {
            progress(done, total);
        }
        let (gi, gj) = (groups.find(i), groups.find(j));
        if gi == gj {
            continue;
        }
        let (si, sj) = (groups.members[gi].len(), groups.members[gj].len());
        let key = if gi < gj { (gi, gj, si, sj) } else { (gj, gi, sj, si) };
        if refused.contains(&key) {
            continue;
        }
        let agree = if si * sj <= EXACT_PAIRS {
            // No member of one group may conflict with a member of the other, and the groups must
            // agree on average: a strong link between two reports does not glue their neighbours.
            let mut total = 0.0;
            let mut count = 0.0;
            let mut compatible = true;
            'outer: for &x in &groups.members[gi] {
                for &y in &groups.members[gj] {
                    let c = quick(of(x), of(y), w);
                    if c.conflict {
                        compatible = false;
                        break 'outer;
                    }
                    total += c.score;
                    count += 1.0;
                }
            }
            compatible && total / count >= w.threshold * AVERAGE_LINK_FRACTION
        } else {
            for g in [gi, gj] {
                profiles.entry(g).or_insert_with(|| Profile::of_members(&groups.members[g], &of));
            }
            let (a, b) = (&profiles[&gi], &profiles[&gj]);
            let bar = w.threshold * AVERAGE_LINK_FRACTION;
            a.compare(b, &of, w, bar).is_some_and(|mean| mean >= bar)
        };
        if !agree {
            refused.insert(key);
            continue;
        }
        let profile = (profiles.contains_key(&gi) || profiles.contains_key(&gj)).then(|| {
            let mut a = profiles.remove(&gi).unwrap_or_else(|| Profile::of_members(&groups.members[gi], &of));
            let b = profiles.remove(&gj).unwrap_or_else(|| Profile::of_members(&groups.members[gj], &of));
            a.absorb(b, &of);
            a
        });
        groups.union(gi, gj);
        let root = groups.find(gi);
        let other = if root == gi { gj } else { gi };
        let moved = std::mem::take(&mut merges[other]);
        merges[root].extend(moved);
        if let Some(p) = profile {
            profiles.insert(root, p);
        }
        merges[root].push((i, j, score));
    }
    progress(total, total);
    (groups, merges, undecided)
}

/// Clusters fingerprints. Ids must be unique.
/// `progress` sees each stage from blocking on.
pub(crate) fn cluster(mut fps: Vec<Fingerprint>, w: &Weights, progress: &mut dyn FnMut(Progress)) -> Result<Clustering, Error> {
    fps.sort_by(|a, b| a.id.cmp(&b.id));
    if let Some(pair) = fps.windows(2).find(|p| p[0].id == p[1].id) {
        return Err(Error::DuplicateId(pair[0].id.clone()));
    }
    let n = fps.len();
    let mut best_other = vec![0.0f32; n];
    let pairs = candidate_pairs(&fps, &mut |done, total| progress(Progress { stage: Stage::Blocking, done, total }));
    // Scored in chunks: progress between them, and no second list as long as the pairs.
    let score = |&(i, j): &(usize, usize)| (i, j, quick(&fps[i], &fps[j], w));
    let chunk = (pairs.len() / 100).max(4096);
    let mut links = Vec::new();
    for (k, part) in pairs.chunks(chunk).enumerate() {
        progress(Progress { stage: Stage::Scoring, done: k * chunk, total: pairs.len() });
        #[cfg(feature = "parallel")]
        let scored: Vec<(usize, usize, Quick)> = {
            use rayon::prelude::*;
            part.par_iter().map(score).collect()
        };
        #[cfg(not(feature = "parallel"))]
        let scored: Vec<(usize, usize, Quick)> = part.iter().map(score).collect();
        for (i, j, q) in scored {
            best_other[i] = best_other[i].max(q.score);
            best_other[j] = best_other[j].max(q.score);
            if q.same_event {
                links.push((i, j, q.score));
            }
        }
    }
    progress(Progress { stage: Stage::Scoring, done: pairs.len(), total: pairs.len() });
    drop(pairs);
    let (mut groups, mut merges, undecided) =
        agglomerate(&fps, links, w, &mut |done, total| progress(Progress { stage: Stage::Clustering, done, total }));
    let mut clusters = Vec::new();
    let mut of_report = vec![(0u32, 0u32); n];
    let mut names: KeyedMap<String, usize> = KeyedMap::default();
    for root in 0..n {
        tick(progress, Stage::Summaries, root, n);
        if groups.find(root) != root {
            continue;
        }
        let mut members = groups.members[root].clone();
        members.sort_unstable();
        let member_fps: Vec<&Fingerprint> = members.iter().map(|&i| &fps[i]).collect();
        let summary = summarise(&member_fps);
        // Explanations are built for the merges only, not for every candidate pair.
        let mut cluster_merges: Vec<Merge> = std::mem::take(&mut merges[root])
            .into_iter()
            .map(|(i, j, _)| {
                let m = compare(&fps[i], &fps[j], w);
                Merge { a: fps[i].id.clone(), b: fps[j].id.clone(), score: m.score, explanation: m.explanation }
            })
            .collect();
        cluster_merges.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| (&a.a, &a.b).cmp(&(&b.a, &b.b))));
        let confidence = if cluster_merges.is_empty() {
            (1.0 - best_other[root]).clamp(0.0, 1.0)
        } else {
            cluster_merges.iter().map(|m| m.score).sum::<f32>() / cluster_merges.len() as f32
        };
        let base = cluster_name(&summary);
        let seen = names.entry(base.clone()).or_default();
        *seen += 1;
        let id = if *seen == 1 { base } else { format!("{base}_{seen}") };
        for (m, &i) in members.iter().enumerate() {
            // `fps` are sorted by id, so position `i` is the report's place in id order.
            of_report[i] = (clusters.len() as u32, m as u32);
        }
        clusters.push(Cluster {
            id,
            members: members.iter().map(|&i| fps[i].id.clone()).collect(),
            summary,
            confidence,
            merges: cluster_merges,
        });
    }
    progress(Progress { stage: Stage::Summaries, done: n, total: n });
    Ok(Clustering { clusters, undecided, of_report })
}

/// Whether two reports are copies of one: the same title and text, or the same evidence (every
/// hard fact, concept and name), so that they score alike against any other report.
pub(crate) fn same_evidence(a: &Fingerprint, b: &Fingerprint) -> bool {
    a.content == b.content || (a.hard() == b.hard() && a.concepts == b.concepts && a.cognates == b.cognates)
}

/// Whether a report's own text fixes its day (or its day and month): a report dated only by its
/// publication, or not at all, does not.
pub(crate) fn fixes_day(f: &Fingerprint) -> bool {
    f.date
        .as_ref()
        .is_some_and(|d| d.source != DateSource::Published && matches!(d.value, DateValue::Day { .. } | DateValue::DayMonth { .. }))
}

/// A report without a day of its own (undated, or dated only by a window of publication) joins an
/// event only when its evidence singles that event out among the same participants' other
/// contacts. Its links to reports with a day or a window are grouped into candidate events
/// (partners linked to each other are one event); when the best two candidates score
/// within [`SINGLE_OUT_MARGIN`], all those links are dropped and the report is [`Undecided`];
/// otherwise only the links to the best candidate are kept.
fn single_out_undated<F: std::borrow::Borrow<Fingerprint>>(
    fps: &[F],
    links: Vec<(usize, usize, f32)>,
    w: &Weights,
) -> (Vec<(usize, usize, f32)>, Vec<Undecided>) {
    let fixed: Vec<bool> = fps.iter().map(|f| fixes_day(f.borrow())).collect();
    let dated: Vec<bool> = fps.iter().map(|f| f.borrow().date.is_some()).collect();
    let timed: Vec<bool> = fps.iter().map(|f| f.borrow().day_part.is_some() || f.borrow().day_order.is_some()).collect();
    // Each report without a day of its own, or with a day but not its time in the day while a
    // partner has one, with its links to partners that have a day or a window.
    let mut partners: BTreeMap<usize, Vec<(usize, f32)>> = BTreeMap::new();
    for &(i, j, score) in &links {
        for (u, p) in [(i, j), (j, i)] {
            if dated[p] && (!fixed[u] || !timed[u] && timed[p]) {
                partners.entry(u).or_default().push((p, score));
            }
        }
    }
    if partners.values().all(|p| p.len() < 2) {
        return (links, Vec::new());
    }
    // Links among the dated partners, as a set and as adjacency lists.
    let involved: FxSet<usize> = partners.values().flatten().map(|p| p.0).collect();
    let mut among: FxSet<(usize, usize)> = FxSet::default();
    let mut adjacent: FxMap<usize, Vec<usize>> = FxMap::default();
    for l in &links {
        if involved.contains(&l.0) && involved.contains(&l.1) {
            among.insert((l.0.min(l.1), l.0.max(l.1)));
            adjacent.entry(l.0).or_default().push(l.1);
            adjacent.entry(l.1).or_default().push(l.0);
        }
    }
    let mut dropped: FxSet<(usize, usize)> = FxSet::default();
    // The reports left alone, with their candidate events.
    let mut undecided: Vec<(usize, Undecided)> = Vec::new();
    for (&u, ps) in &partners {
        if ps.len() < 2 {
            continue;
        }
        // Candidate events: the partners, joined where they link to each other. Each partner's
        // links are read from the shorter of its adjacency list and the partner list, so a
        // partner linked to thousands costs no more than the partners.
        let index: FxMap<usize, usize> = ps.iter().enumerate().map(|(k, p)| (p.0, k)).collect();
        let mut groups = Groups::new(ps.len());
        for (x, &(a, _)) in ps.iter().enumerate() {
            let near = adjacent.get(&a).map_or(&[][..], Vec::as_slice);
            let join = |y: usize, groups: &mut Groups| {
                let (gx, gy) = (groups.find(x), groups.find(y));
                if gx != gy {
                    groups.union(gx, gy);
                }
            };
            if near.len() <= ps.len() {
                for b in near {
                    if let Some(&y) = index.get(b) {
                        join(y, &mut groups);
                    }
                }
            } else {
                for (y, &(b, _)) in ps.iter().enumerate() {
                    if among.contains(&(a.min(b), a.max(b))) {
                        join(y, &mut groups);
                    }
                }
            }
        }
        let mut best: BTreeMap<usize, (f32, usize)> = BTreeMap::new();
        for (k, &(p, score)) in ps.iter().enumerate() {
            let g = groups.find(k);
            let e = best.entry(g).or_insert((score, p));
            if score > e.0 || score == e.0 && p < e.1 {
                *e = (score, p);
            }
        }
        if best.len() < 2 {
            continue;
        }
        let mut ranked: Vec<(usize, f32, usize)> = best.into_iter().map(|(g, (score, p))| (g, score, p)).collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.2.cmp(&b.2)));
        let winner = ranked[0].0;
        // A report with its own day is torn only between contacts known to be different (the
        // morning and the evening call of one day), not between two parts of one event.
        let different = || quick(fps[ranked[0].2].borrow(), fps[ranked[1].2].borrow(), w).conflict;
        let ambiguous = ranked[0].1 - ranked[1].1 < SINGLE_OUT_MARGIN && (!fixed[u] || different());
        if fixed[u] && !ambiguous {
            continue;
        }
        for (k, &(p, _)) in ps.iter().enumerate() {
            if ambiguous || groups.find(k) != winner {
                dropped.insert((u.min(p), u.max(p)));
            }
        }
        if ambiguous {
            let candidates = ranked
                .iter()
                .filter(|r| ranked[0].1 - r.1 < SINGLE_OUT_MARGIN)
                .map(|&(_, score, p)| {
                    let f = fps[p].borrow();
                    Candidate { date: f.date.map(|d| d.value), member: f.id.clone(), score }
                })
                .collect();
            undecided.push((u, Undecided { report: fps[u].borrow().id.clone(), candidates }));
        }
    }
    // An undecided report stays alone: joining other undated reports would be the same guess. Its
    // copies (the same evidence: a wire story with another footer, or the same title and text) are
    // the same report and stay with it.
    let alone: FxSet<usize> = undecided.iter().map(|&(u, _)| u).collect();
    let duplicates = |l: &(usize, usize, f32)| same_evidence(fps[l.0].borrow(), fps[l.1].borrow());
    let kept = links
        .into_iter()
        .filter(|l| !dropped.contains(&(l.0.min(l.1), l.0.max(l.1))) && (!alone.contains(&l.0) && !alone.contains(&l.1) || duplicates(l)))
        .collect();
    (kept, undecided.into_iter().map(|(_, u)| u).collect())
}

/// How much better than the next candidate event an undated report must fit the best one to join it.
pub(crate) const SINGLE_OUT_MARGIN: f32 = 0.08;

/// A merge needs the two groups' mean pairwise score to reach this share of the threshold.
pub(crate) const AVERAGE_LINK_FRACTION: f32 = 0.8;

/// Up to this many pairs of members, two groups are compared pair by pair; beyond, through their
/// profiles. The labelled corpora cluster pair by pair (their largest merge compares 77 pairs, in
/// the hostile corpus); building a group of a few hundred reports costs about `EXACT_PAIRS²/2`
/// pair scores before its profile takes over.
pub(crate) const EXACT_PAIRS: usize = 96;
