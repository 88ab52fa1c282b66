//! Batch clustering: candidate pairs by blocking on participants, then agglomeration that never
//! puts two incompatible reports in one cluster, whatever links them.

use std::collections::BTreeMap;

use crate::blocking::candidate_pairs;
use crate::hash::FxMap;

use crate::date::DateValue;
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
    of_report: FxMap<String, usize>,
}

impl Clustering {
    /// The clusters, ordered by their first member id.
    pub fn clusters(&self) -> &[Cluster] {
        &self.clusters
    }
    /// The cluster of a report.
    pub fn cluster_of(&self, report_id: &str) -> Option<&Cluster> {
        self.of_report.get(report_id).map(|&i| &self.clusters[i])
    }
    /// Number of input reports.
    pub fn report_count(&self) -> usize {
        self.of_report.len()
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

fn summarise(fps: &[&Fingerprint]) -> EventSummary {
    let mut dates: Vec<(DateValue, f32)> = Vec::new();
    let mut people: BTreeMap<&str, usize> = BTreeMap::new();
    let mut kinds: BTreeMap<EventKind, usize> = BTreeMap::new();
    let mut topics: BTreeMap<&str, usize> = BTreeMap::new();
    for f in fps {
        if let Some(d) = &f.date {
            // Exact days outrank partial ones.
            let bonus = if d.value.day().is_some() { 1.0 } else { 0.0 };
            match dates.iter_mut().find(|x| x.0 == d.value) {
                Some(x) => x.1 += d.confidence + bonus,
                None => dates.push((d.value, d.confidence + bonus)),
            }
        }
        for p in &f.principals {
            *people.entry(p).or_default() += 1;
        }
        if let Some(k) = f.kind {
            *kinds.entry(k).or_default() += 1;
        }
        for c in f.concepts() {
            *topics.entry(c).or_default() += 1;
        }
    }
    dates.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.to_string().cmp(&b.0.to_string())));
    let most = people.values().copied().max().unwrap_or(0);
    let participants = people.iter().filter(|(_, &n)| 2 * n >= most).map(|(p, _)| p.to_string()).collect();
    let kind = kinds.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map(|(k, _)| *k);
    let mut topics: Vec<(&str, usize)> = topics.into_iter().collect();
    topics.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    EventSummary {
        date: dates.first().map(|d| d.0),
        participants,
        kind,
        topics: topics.into_iter().take(8).map(|t| t.0.to_string()).collect(),
    }
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

/// Merges linked reports, strongest link first, never across a conflict between any two members
/// and only when the two groups agree on average. `fps` are sorted by id and `links` index them.
/// The outcome on one connected component of the links does not depend on any other component,
/// which is what lets the streaming index re-cluster only the component a new report touches.
pub(crate) fn agglomerate<F: std::borrow::Borrow<Fingerprint>>(
    fps: &[F],
    mut links: Vec<(usize, usize, f32)>,
    w: &Weights,
) -> (Groups, Vec<Vec<Merge>>) {
    let n = fps.len();
    links.sort_by(|a, b| b.2.total_cmp(&a.2).then((a.0, a.1).cmp(&(b.0, b.1))));
    let mut groups = Groups::new(n);
    let mut merges: Vec<Vec<Merge>> = (0..n).map(|_| Vec::new()).collect();
    for (i, j, _) in links {
        let (gi, gj) = (groups.find(i), groups.find(j));
        if gi == gj {
            continue;
        }
        // No member of one group may conflict with a member of the other, and the groups must
        // agree on average: a strong link between two reports does not glue their neighbours.
        let mut total = 0.0;
        let mut count = 0.0;
        let mut compatible = true;
        'outer: for &x in &groups.members[gi] {
            for &y in &groups.members[gj] {
                let c = quick(fps[x].borrow(), fps[y].borrow(), w);
                if c.conflict {
                    compatible = false;
                    break 'outer;
                }
                total += c.score;
                count += 1.0;
            }
        }
        if !compatible || total / count < w.threshold * AVERAGE_LINK_FRACTION {
            continue;
        }
        groups.union(gi, gj);
        let root = groups.find(gi);
        let other = if root == gi { gj } else { gi };
        let moved = std::mem::take(&mut merges[other]);
        merges[root].extend(moved);
        // Explanations are built for the merges only, not for every candidate pair.
        let m = compare(fps[i].borrow(), fps[j].borrow(), w);
        merges[root].push(Merge {
            a: fps[i].borrow().id.clone(),
            b: fps[j].borrow().id.clone(),
            score: m.score,
            explanation: m.explanation,
        });
    }
    (groups, merges)
}

/// Clusters fingerprints. Ids must be unique.
pub(crate) fn cluster(mut fps: Vec<Fingerprint>, w: &Weights) -> Result<Clustering, Error> {
    fps.sort_by(|a, b| a.id.cmp(&b.id));
    if let Some(pair) = fps.windows(2).find(|p| p[0].id == p[1].id) {
        return Err(Error::DuplicateId(pair[0].id.clone()));
    }
    let n = fps.len();
    let mut best_other = vec![0.0f32; n];
    let pairs = candidate_pairs(&fps);
    let score = |&(i, j): &(usize, usize)| (i, j, quick(&fps[i], &fps[j], w));
    #[cfg(feature = "parallel")]
    let scored: Vec<(usize, usize, Quick)> = {
        use rayon::prelude::*;
        pairs.par_iter().map(score).collect()
    };
    #[cfg(not(feature = "parallel"))]
    let scored: Vec<(usize, usize, Quick)> = pairs.iter().map(score).collect();
    drop(pairs);
    let mut links = Vec::new();
    for (i, j, q) in scored {
        best_other[i] = best_other[i].max(q.score);
        best_other[j] = best_other[j].max(q.score);
        if q.same_event {
            links.push((i, j, q.score));
        }
    }
    let (mut groups, mut merges) = agglomerate(&fps, links, w);
    let mut clusters = Vec::new();
    let mut of_report = FxMap::default();
    of_report.reserve(n);
    let mut names: FxMap<String, usize> = FxMap::default();
    for root in 0..n {
        if groups.find(root) != root {
            continue;
        }
        let mut members = groups.members[root].clone();
        members.sort_unstable();
        let member_fps: Vec<&Fingerprint> = members.iter().map(|&i| &fps[i]).collect();
        let summary = summarise(&member_fps);
        let mut cluster_merges = std::mem::take(&mut merges[root]);
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
        for &i in &members {
            of_report.insert(fps[i].id.clone(), clusters.len());
        }
        clusters.push(Cluster {
            id,
            members: members.iter().map(|&i| fps[i].id.clone()).collect(),
            summary,
            confidence,
            merges: cluster_merges,
        });
    }
    Ok(Clustering { clusters, of_report })
}

/// A merge needs the two groups' mean pairwise score to reach this share of the threshold.
const AVERAGE_LINK_FRACTION: f32 = 0.8;
