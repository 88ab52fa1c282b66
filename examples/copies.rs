//! A labelled corpus copied N times, as a new user tries scale: each copy is a distinct report (its
//! own id, a line added to its text), so nothing is an exact duplicate, and every event has N times
//! as many reports. Clusters the copies and checks that every copy lands with the copies of the
//! reports its original was clustered with (the clusters of the corpus itself).
//!
//! ```text
//! cargo run --release --example copies -- FILE.jsonl N [--stream] [--runs R]
//! ```
//!
//! `--stream` inserts the copies one at a time into an `EventIndex` (in file order, copy after
//! copy) instead of clustering them in one batch. The last line is a JSON object:
//! `{"reports", "copies", "largest_event", "seconds", "analyse_s", "cluster_s", "same_as_x1"}`
//! (medians over the runs).

use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::BufReader;
use std::time::Instant;

use event_dedup::{EventIndex, Matcher, Report};

/// The `k`-th copy of a report: id `ID~k`, the same title, published date and language, and one
/// line added at the end of the text.
pub fn copy(report: &Report, k: usize) -> Report {
    let mut builder = Report::builder(format!("{}~{k}", report.id()), format!("{}\n\n({k})", report.text()));
    if let Some(t) = report.title() {
        builder = builder.title(t);
    }
    if let Some(l) = report.lang() {
        builder = builder.lang(l);
    }
    if let Some(p) = report.published() {
        builder = builder.published_date(p);
    }
    if let Some(s) = report.source() {
        builder = builder.source(s);
    }
    builder.build().expect("a copy of a valid report is valid")
}

/// The original id of a copy.
pub fn original(id: &str) -> &str {
    id.rsplit_once('~').map_or(id, |(o, _)| o)
}

/// Whether the copies' clusters are the corpus clusters, copied: two copies share a cluster exactly
/// when their originals do. `x1` and `xn` are partitions (sets of member ids).
pub fn same_as_originals(x1: &[Vec<String>], xn: &[Vec<String>]) -> bool {
    let of: BTreeMap<&str, usize> = x1.iter().enumerate().flat_map(|(i, c)| c.iter().map(move |m| (m.as_str(), i))).collect();
    let mut seen = BTreeSet::new();
    for cluster in xn {
        let origins: BTreeSet<usize> = cluster.iter().map(|m| of[original(m)]).collect();
        // One corpus cluster per copied cluster, and each corpus cluster in one copied cluster.
        if origins.len() != 1 || !seen.insert(*origins.iter().next().unwrap_or(&0)) {
            return false;
        }
    }
    seen.len() == x1.len()
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(path), Some(n)) = (args.first(), args.get(1).and_then(|n| n.parse::<usize>().ok())) else {
        return Err("usage: copies FILE.jsonl N [--stream] [--runs R]".into());
    };
    let stream = args.iter().any(|a| a == "--stream");
    let runs = args.iter().position(|a| a == "--runs").and_then(|i| args.get(i + 1)).and_then(|r| r.parse().ok()).unwrap_or(1usize);
    let reports: Vec<Report> = event_dedup::read_jsonl(BufReader::new(File::open(path)?)).collect::<Result<_, _>>()?;
    let matcher = Matcher::new()?;
    let mut x1: Vec<Vec<String>> = matcher.cluster(&reports)?.clusters().iter().map(|c| c.members.clone()).collect();
    x1.sort();
    let copies: Vec<Report> = (0..n).flat_map(|k| reports.iter().map(move |r| copy(r, k))).collect();
    let (mut total, mut analyse, mut cluster) = (Vec::new(), Vec::new(), Vec::new());
    let mut partition = Vec::new();
    for _ in 0..runs {
        let start = Instant::now();
        let fps = matcher.fingerprints(&copies);
        let analysed = start.elapsed().as_secs_f64();
        let clustered = Instant::now();
        partition = if stream {
            let mut index = EventIndex::new(&matcher);
            for f in fps {
                index.insert_fingerprint(f)?;
            }
            index.events()
        } else {
            let mut p: Vec<Vec<String>> = matcher.cluster_fingerprints(fps)?.clusters().iter().map(|c| c.members.clone()).collect();
            p.sort();
            p
        };
        cluster.push(clustered.elapsed().as_secs_f64());
        analyse.push(analysed);
        total.push(start.elapsed().as_secs_f64());
    }
    let same = same_as_originals(&x1, &partition);
    if !same {
        // Show where the copies part from their originals' clusters.
        let of: BTreeMap<&str, usize> = x1.iter().enumerate().flat_map(|(i, c)| c.iter().map(move |m| (m.as_str(), i))).collect();
        let mut shown = 0;
        for cluster in &partition {
            let mut origins: BTreeMap<usize, usize> = BTreeMap::new();
            cluster.iter().for_each(|m| *origins.entry(of[original(m)]).or_default() += 1);
            let whole = origins.iter().all(|(&o, &k)| k == x1[o].len() * n);
            if (origins.len() > 1 || !whole) && shown < 8 {
                shown += 1;
                let parts: Vec<String> = origins.iter().map(|(&o, &n)| format!("{n} of {:?}", x1[o])).collect();
                eprintln!("cluster of {}: {}", cluster.len(), parts.join("; "));
            }
        }
    }
    let largest = partition.iter().map(Vec::len).max().unwrap_or(0);
    eprintln!(
        "{} reports ({n} copies of {}), largest event {largest}: {:.3} s (analysis {:.3} s, {} {:.3} s); same clusters as the corpus: {same}",
        copies.len(),
        reports.len(),
        median(total.clone()),
        median(analyse.clone()),
        if stream { "streaming" } else { "clustering" },
        median(cluster.clone())
    );
    println!(
        "{{\"reports\": {}, \"copies\": {n}, \"largest_event\": {largest}, \"seconds\": {:.4}, \"analyse_s\": {:.4}, \"cluster_s\": {:.4}, \"same_as_x1\": {same}}}",
        copies.len(),
        median(total),
        median(analyse),
        median(cluster)
    );
    Ok(())
}
