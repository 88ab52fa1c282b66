//! Why two reports that match on their own ended in two clusters.

use std::fmt;

use crate::cluster::{Clustering, Undecided, AVERAGE_LINK_FRACTION};
use crate::evidence::Fingerprint;
use crate::hash::FxMap;
use crate::score::{compare, quick, Conflict, Weights};

/// Why two reports whose own score reaches the threshold are in two clusters
/// ([`Matcher::why_apart`](crate::Matcher::why_apart)).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum KeptApart {
    /// A report of the first one's cluster and a report of the second one's cannot be one event;
    /// a cluster never holds two such reports.
    Conflict {
        /// A member of the first report's cluster (possibly the report itself).
        member: String,
        /// A member of the second report's cluster (possibly the report itself).
        other: String,
        /// What rules that pair out.
        conflict: Conflict,
    },
    /// The two clusters agree too little on average: a strong link between two reports does not
    /// glue their clusters.
    WeakAverage {
        /// The mean score over every pair of members of the two clusters.
        mean: f32,
        /// What a merge needs.
        needed: f32,
    },
    /// One of the two does not tell its day (or its time of day) and fits several contacts about equally.
    Undecided(Undecided),
    /// One of the two has no day (or no time of day) of its own and fits another contact of the
    /// same participants better: it joined that one.
    FitsElsewhere {
        /// The report without a day of its own.
        report: String,
    },
}

impl fmt::Display for KeptApart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeptApart::Conflict { member, other, conflict } => {
                write!(
                    f,
                    "kept apart: {member} (of the first one's cluster) and {other} (of the second one's) cannot be one event: {conflict}"
                )
            }
            KeptApart::WeakAverage { mean, needed } => {
                write!(f, "kept apart: their clusters agree only {mean:.2} on average, a merge needs {needed:.2}")
            }
            KeptApart::Undecided(u) => write!(f, "kept apart: {} is {u}", u.report),
            KeptApart::FitsElsewhere { report } => {
                write!(f, "kept apart: {report} does not tell its day or time of day, and fits another contact of the same leaders better")
            }
        }
    }
}

/// See [`Matcher::why_apart`](crate::Matcher::why_apart).
pub(crate) fn why_apart(clustering: &Clustering, fingerprints: &[Fingerprint], a: &str, b: &str, w: &Weights) -> Option<KeptApart> {
    let by_id: FxMap<&str, &Fingerprint> = fingerprints.iter().map(|f| (f.id(), f)).collect();
    let (fa, fb) = (by_id.get(a)?, by_id.get(b)?);
    let (ca, cb) = (clustering.cluster_of(a)?, clustering.cluster_of(b)?);
    if ca.id == cb.id || !compare(fa, fb, w).same_event {
        return None;
    }
    // The pairs nearest the two reports first: the reports themselves, then their clusters.
    let members = |ids: &[String], own: &str| -> Option<Vec<&Fingerprint>> {
        let mut v: Vec<&Fingerprint> = Vec::with_capacity(ids.len());
        v.push(by_id.get(own)?);
        for id in ids.iter().filter(|id| *id != own) {
            v.push(by_id.get(id.as_str())?);
        }
        Some(v)
    };
    let (ma, mb) = (members(&ca.members, a)?, members(&cb.members, b)?);
    let mut total = 0.0;
    for x in &ma {
        for y in &mb {
            let q = quick(x, y, w);
            if q.conflict {
                let conflict = compare(x, y, w).explanation.conflict?;
                return Some(KeptApart::Conflict { member: x.id().to_string(), other: y.id().to_string(), conflict });
            }
            total += q.score;
        }
    }
    if let Some(u) = clustering.undecided_of(a).or_else(|| clustering.undecided_of(b)) {
        return Some(KeptApart::Undecided(u.clone()));
    }
    let mean = total / (ma.len() * mb.len()) as f32;
    let needed = w.threshold * AVERAGE_LINK_FRACTION;
    if mean < needed {
        return Some(KeptApart::WeakAverage { mean, needed });
    }
    // The one that was singled out among several contacts: no day of its own, else no time of day.
    let undated = |f: &Fingerprint| f.event_day().is_none() || f.event_date().is_some_and(|d| d.source == crate::DateSource::Published);
    let untimed = |f: &Fingerprint| f.day_part().is_none() && f.day_order().is_none();
    let report = if undated(fa) || !undated(fb) && untimed(fa) { a } else { b };
    Some(KeptApart::FitsElsewhere { report: report.to_string() })
}
