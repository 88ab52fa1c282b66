//! Events with hundreds of reports: the dev corpus copied 100 times (10,900 reports, up to 500 per
//! event) clusters as the dev corpus, in batch and streamed, and a batch run reports its progress.

mod common;

#[allow(dead_code)]
#[path = "../examples/copies.rs"]
mod copies;

use common::{read_labelled, shared};
use event_dedup::{EventIndex, Matcher, Report, Stage};

fn partition(matcher: &Matcher, reports: &[Report]) -> Vec<Vec<String>> {
    let mut p: Vec<Vec<String>> = matcher.cluster(reports).unwrap().clusters().iter().map(|c| c.members.clone()).collect();
    p.sort();
    p
}

#[test]
fn dev_copied_100_times_clusters_as_dev_in_batch_and_streamed() {
    let matcher = Matcher::new().unwrap();
    let (reports, _) = read_labelled(&shared("corpus/dev.jsonl"));
    let x1 = partition(&matcher, &reports);
    let many: Vec<Report> = (0..100).flat_map(|k| reports.iter().map(move |r| copies::copy(r, k))).collect();
    let fingerprints = matcher.fingerprints(&many);
    let mut batch: Vec<Vec<String>> =
        matcher.cluster_fingerprints(fingerprints.clone()).unwrap().clusters().iter().map(|c| c.members.clone()).collect();
    batch.sort();
    assert!(batch.iter().any(|c| c.len() >= 400), "events of hundreds of reports");
    assert!(copies::same_as_originals(&x1, &batch), "batch: every copy with the copies of its original's cluster mates");
    let mut index = EventIndex::new(&matcher);
    for f in fingerprints {
        index.insert_fingerprint(f).unwrap();
    }
    assert!(copies::same_as_originals(&x1, &index.events()), "streamed: every copy with the copies of its original's cluster mates");
}

#[test]
fn a_batch_run_reports_each_stage_in_order() {
    let matcher = Matcher::new().unwrap();
    let (reports, _) = read_labelled(&shared("corpus/dev.jsonl"));
    let mut seen: Vec<(Stage, usize, usize)> = Vec::new();
    let with = matcher.cluster_with_progress(&reports, |p| seen.push((p.stage, p.done, p.total))).unwrap();
    assert_eq!(with, matcher.cluster(&reports).unwrap(), "the same clusters");
    let stages: Vec<Stage> = seen.iter().map(|s| s.0).fold(Vec::new(), |mut v, s| {
        if v.last() != Some(&s) {
            v.push(s);
        }
        v
    });
    assert_eq!(stages, [Stage::Analysis, Stage::Blocking, Stage::Scoring, Stage::Clustering, Stage::Summaries]);
    for stage in stages {
        let of: Vec<&(Stage, usize, usize)> = seen.iter().filter(|s| s.0 == stage).collect();
        assert!(of.windows(2).all(|w| w[0].1 <= w[1].1 && w[1].1 <= w[1].2), "{stage:?}: done grows up to total");
        assert_eq!(of.last().map(|s| s.1 == s.2), Some(true), "{stage:?} ends done");
        assert!(of.len() <= 110, "{stage:?}: about a hundred calls at most, not {}", of.len());
    }
    assert_eq!(seen[0], (Stage::Analysis, 0, reports.len()));
}
