//! Scale run on synthetic reports: analysis throughput, clustering time, memory, and quality.
//!
//! ```text
//! cargo run --release --features parallel,synthetic --example scale -- --reports 1000000 [--heavy [--largest N]] [--seed S] [--stream]
//! ```
//!
//! `--heavy` draws heavy-tailed event sizes (`Sizes::HeavyTailed`, the largest event `--largest`
//! reports, 20,000 by default) instead of one to six reports per event.
//!
//! Reports are generated in chunks (their text is dropped once analysed: memory holds the
//! fingerprints). The last line is a JSON object:
//! `{"reports", "largest_event", "analyse_mb_per_s", "cluster_s", "stages", "reports_per_s", "peak_rss_mb", ...}`
//! (`stages`: seconds of blocking, scoring, clustering and summaries).
//!
//! `--stream` inserts the reports one at a time into an `EventIndex` instead, then inserts 11,000
//! more into the full index and times each: 1,000 held back from the largest event and the 10,000
//! reports generated after the others. The JSON line then has `build_s` and the percentiles of
//! those insertions (`insert_p50_ms`, `insert_p99_ms`, `insert_max_ms`, and `largest_p99_ms` for
//! the insertions into the largest event).

use std::collections::HashMap;
use std::time::Instant;

use event_dedup::synthetic::{Generator, Sizes};
use event_dedup::{EventIndex, Fingerprint, Matcher, Stage};

const CHUNK: usize = 20_000;

fn rss_kb(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status.lines().find(|l| l.starts_with(field)).and_then(|l| l.split_whitespace().nth(1)).and_then(|v| v.parse().ok()).unwrap_or(0)
}

fn arg(name: &str, default: u64) -> Result<u64, String> {
    let args: Vec<String> = std::env::args().collect();
    match args.iter().position(|a| a == name) {
        Some(i) => args.get(i + 1).and_then(|v| v.parse().ok()).ok_or(format!("{name} takes a number")),
        None => Ok(default),
    }
}

/// Pairwise precision/recall and B-cubed F1 from the (predicted, gold) contingency table.
fn quality(pred: &[usize], gold: &[u32]) -> (f64, f64, f64) {
    let pairs = |n: u64| n * n.saturating_sub(1) / 2;
    let mut cells: HashMap<(usize, u32), u64> = HashMap::new();
    let mut p_size: HashMap<usize, u64> = HashMap::new();
    let mut g_size: HashMap<u32, u64> = HashMap::new();
    for (&p, &g) in pred.iter().zip(gold) {
        *cells.entry((p, g)).or_default() += 1;
        *p_size.entry(p).or_default() += 1;
        *g_size.entry(g).or_default() += 1;
    }
    let both: u64 = cells.values().map(|&n| pairs(n)).sum();
    let in_pred: u64 = p_size.values().map(|&n| pairs(n)).sum();
    let in_gold: u64 = g_size.values().map(|&n| pairs(n)).sum();
    let (mut bp, mut br) = (0.0, 0.0);
    for (&(p, g), &n) in &cells {
        bp += (n * n) as f64 / p_size[&p] as f64;
        br += (n * n) as f64 / g_size[&g] as f64;
    }
    let total = pred.len() as f64;
    let (bp, br) = (bp / total, br / total);
    let precision = if in_pred == 0 { 1.0 } else { both as f64 / in_pred as f64 };
    let recall = if in_gold == 0 { 1.0 } else { both as f64 / in_gold as f64 };
    (precision, recall, 2.0 * bp * br / (bp + br))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let n = arg("--reports", 100_000)? as usize;
    let seed = arg("--seed", 2020)?;
    let heavy = std::env::args().any(|a| a == "--heavy");
    let stream = std::env::args().any(|a| a == "--stream");
    // Streaming inserts 10,000 reports more into the full index.
    let generated = if stream { n + HELD_NEW } else { n };
    let sizes = if heavy { Sizes::HeavyTailed { largest: arg("--largest", 20_000)? as usize } } else { Sizes::Uniform };
    let matcher = Matcher::new()?;
    let mut generator = Generator::new(seed)?.with_sizes(sizes);
    let baseline_kb = rss_kb("VmRSS:");
    let threads = std::thread::available_parallelism().map_or(1, |t| t.get());
    let (mut fingerprints, mut gold) = (Vec::with_capacity(generated), Vec::with_capacity(generated));
    let (mut bytes, mut analyse_s, mut largest_chunk_text) = (0usize, 0.0f64, 0usize);
    while fingerprints.len() < generated {
        let chunk = generator.reports(CHUNK.min(generated - fingerprints.len()));
        let text: usize = chunk.iter().map(|(r, _)| r.text().len()).sum();
        largest_chunk_text = largest_chunk_text.max(text);
        bytes += text;
        let reports: Vec<_> = chunk.iter().map(|(r, _)| r.clone()).collect();
        gold.extend(chunk.iter().map(|(_, e)| e.trim_start_matches("ev").parse::<u32>().unwrap_or(0)));
        drop(chunk);
        let start = Instant::now();
        fingerprints.extend(matcher.fingerprints(&reports));
        analyse_s += start.elapsed().as_secs_f64();
    }
    // One core, on a sample: the per-core figure, whatever the thread pool does.
    let sample: Vec<_> = Generator::new(seed + 1)?.reports(5_000).into_iter().map(|(r, _)| r).collect();
    let sample_bytes: usize = sample.iter().map(|r| r.text().len()).sum();
    // Warm, as in a running pipeline: the per-thread word cache has seen the vocabulary once.
    sample.iter().take(1_000).for_each(|r| drop(matcher.fingerprint(r)));
    let start = Instant::now();
    let sample_fps: Vec<_> = sample.iter().map(|r| matcher.fingerprint(r)).collect();
    let one_core_mb_per_s = sample_bytes as f64 / 1e6 / start.elapsed().as_secs_f64();
    drop((sample, sample_fps));
    let ids: Vec<String> = fingerprints.iter().map(|f| f.id().to_string()).collect();
    let mut by_participants = [0usize; 4];
    let mut undated = 0;
    for f in &fingerprints {
        by_participants[f.participants().len().min(3)] += 1;
        undated += usize::from(f.event_date().is_none());
    }
    eprintln!(
        "participants found: none {}, one {}, two {}, more {}; no event date {undated}",
        by_participants[0], by_participants[1], by_participants[2], by_participants[3]
    );
    if stream {
        return streaming(&matcher, fingerprints, &gold, baseline_kb, analyse_s);
    }
    let start = Instant::now();
    // The end of each stage, from the progress reports.
    let mut ends: Vec<(Stage, f64)> = Vec::new();
    let clustering = matcher.cluster_fingerprints_with_progress(fingerprints, |p| {
        if p.done == p.total {
            ends.push((p.stage, start.elapsed().as_secs_f64()));
        }
    })?;
    let cluster_s = start.elapsed().as_secs_f64();
    let mut stages = Vec::new();
    let mut last = 0.0;
    for (stage, end) in ends {
        stages.push(format!("\"{stage:?}\": {:.3}", end - last).to_lowercase());
        last = end;
    }
    let index: HashMap<&str, usize> =
        clustering.clusters().iter().enumerate().flat_map(|(i, c)| c.members.iter().map(move |m| (m.as_str(), i))).collect();
    let pred: Vec<usize> = ids.iter().map(|id| index[id.as_str()]).collect();
    let (precision, recall, bcubed_f1) = quality(&pred, &gold);
    let mut gold_sizes: HashMap<u32, usize> = HashMap::new();
    gold.iter().for_each(|&g| *gold_sizes.entry(g).or_default() += 1);
    let largest_event = gold_sizes.values().copied().max().unwrap_or(0);
    let peak_kb = rss_kb("VmHWM:");
    let beyond_text = (peak_kb.saturating_sub(baseline_kb) * 1024).saturating_sub(largest_chunk_text as u64 * 2);
    let mb_per_s = bytes as f64 / 1e6 / analyse_s;
    eprintln!(
        "{n} reports ({} events, the largest {largest_event} reports), {:.1} MB of text, {threads} threads: analysis {analyse_s:.1} s ({mb_per_s:.1} MB/s; one core {one_core_mb_per_s:.1} MB/s); clustering {cluster_s:.2} s; \
         {} clusters; pairwise P {precision:.4} R {recall:.4}; B-cubed F1 {bcubed_f1:.4}; peak RSS {} MB; {:.0} bytes per report beyond the text",
        gold_sizes.len(),
        bytes as f64 / 1e6,
        clustering.clusters().len(),
        peak_kb / 1024,
        beyond_text as f64 / n as f64
    );
    println!(
        "{{\"reports\": {n}, \"largest_event\": {largest_event}, \"analyse_mb_per_s\": {mb_per_s:.2}, \"analyse_mb_per_s_one_core\": {one_core_mb_per_s:.2}, \"threads\": {threads}, \"cluster_s\": {cluster_s:.3}, \"stages\": {{{}}}, \
         \"reports_per_s\": {:.0}, \"peak_rss_mb\": {}, \"bytes_per_report_beyond_text\": {:.0}, \"pairwise_precision\": {precision:.4}, \"pairwise_recall\": {recall:.4}, \"bcubed_f1\": {bcubed_f1:.4}}}",
        stages.join(", "),
        n as f64 / (analyse_s + cluster_s),
        peak_kb / 1024,
        beyond_text as f64 / n as f64
    );
    Ok(())
}

/// Reports generated after the others and inserted into the full index, timed.
const HELD_NEW: usize = 10_000;
/// Reports of the largest event held back and inserted into the full index, timed.
const HELD_LARGEST: usize = 1_000;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted.get(((sorted.len() as f64 * p) as usize).min(sorted.len().saturating_sub(1))).copied().unwrap_or(0.0)
}

/// Builds an index of all but the held-back reports, then times inserting those.
fn streaming(
    matcher: &Matcher,
    fingerprints: Vec<Fingerprint>,
    gold: &[u32],
    baseline_kb: u64,
    analyse_s: f64,
) -> Result<(), Box<dyn std::error::Error>> {
    let n = fingerprints.len() - HELD_NEW;
    let mut sizes: HashMap<u32, usize> = HashMap::new();
    gold[..n].iter().for_each(|&g| *sizes.entry(g).or_default() += 1);
    let (largest, largest_size) = sizes.iter().map(|(&g, &s)| (g, s)).max_by_key(|&(g, s)| (s, std::cmp::Reverse(g))).unwrap_or((0, 0));
    // Every k-th report of the largest event, and the reports generated last, are held back.
    let every = (largest_size / HELD_LARGEST).max(1);
    let mut seen = 0;
    let held: Vec<bool> = gold
        .iter()
        .enumerate()
        .map(|(i, &g)| {
            if i >= n {
                return true;
            }
            if g != largest {
                return false;
            }
            seen += 1;
            seen % every == 0 && seen / every <= HELD_LARGEST
        })
        .collect();
    let ids: Vec<String> = fingerprints.iter().map(|f| f.id().to_string()).collect();
    let (mut build, mut later) = (Vec::new(), Vec::new());
    for ((f, &h), &g) in fingerprints.into_iter().zip(&held).zip(gold) {
        if h {
            later.push((f, g == largest));
        } else {
            build.push(f);
        }
    }
    let built = build.len();
    let start = Instant::now();
    let mut index = EventIndex::new(matcher);
    let mut build_times = Vec::with_capacity(built);
    for f in build {
        let t = Instant::now();
        index.insert_fingerprint(f)?;
        build_times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    let build_s = start.elapsed().as_secs_f64();
    let largest_now = index.events().iter().map(Vec::len).max().unwrap_or(0);
    let (mut all, mut into_largest) = (Vec::new(), Vec::new());
    for (f, in_largest) in later {
        let t = Instant::now();
        index.insert_fingerprint(f)?;
        let ms = t.elapsed().as_secs_f64() * 1e3;
        all.push(ms);
        if in_largest {
            into_largest.push(ms);
        }
    }
    for v in [&mut all, &mut into_largest, &mut build_times] {
        v.sort_by(f64::total_cmp);
    }
    let peak_kb = rss_kb("VmHWM:");
    let pred: Vec<usize> = ids.iter().map(|id| index.event_of(id).unwrap_or(u64::MAX) as usize).collect();
    let (precision, recall, bcubed_f1) = quality(&pred, gold);
    eprintln!(
        "index of {built} reports (largest event {largest_now} reports) built in {build_s:.1} s (insertions p50 {:.3} ms, p99 {:.3} ms);          then {} insertions into it: p50 {:.3} ms, p99 {:.3} ms, max {:.2} ms; {} into the largest event: p99 {:.3} ms; peak RSS {} MB; \
         pairwise P {precision:.4} R {recall:.4}; B-cubed F1 {bcubed_f1:.4}",
        percentile(&build_times, 0.5),
        percentile(&build_times, 0.99),
        all.len(),
        percentile(&all, 0.5),
        percentile(&all, 0.99),
        all.last().copied().unwrap_or(0.0),
        into_largest.len(),
        percentile(&into_largest, 0.99),
        peak_kb / 1024
    );
    println!(
        "{{\"reports\": {built}, \"largest_event\": {largest_now}, \"analyse_s\": {analyse_s:.1}, \"build_s\": {build_s:.2}, \"build_p99_ms\": {:.3}, \"inserted\": {}, \"insert_p50_ms\": {:.3}, \"insert_p99_ms\": {:.3}, \"insert_max_ms\": {:.2}, \"largest_p99_ms\": {:.3}, \"peak_rss_mb\": {}, \"bytes_per_report\": {:.0}, \"pairwise_precision\": {precision:.4}, \"pairwise_recall\": {recall:.4}, \"bcubed_f1\": {bcubed_f1:.4}}}",
        percentile(&build_times, 0.99),
        all.len(),
        percentile(&all, 0.5),
        percentile(&all, 0.99),
        all.last().copied().unwrap_or(0.0),
        percentile(&into_largest, 0.99),
        peak_kb / 1024,
        (peak_kb.saturating_sub(baseline_kb) * 1024) as f64 / index.len() as f64
    );
    Ok(())
}
