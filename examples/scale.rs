//! Scale run on synthetic reports: analysis throughput, clustering time, memory, and quality.
//!
//! ```text
//! cargo run --release --features parallel,synthetic --example scale -- --reports 1000000 [--heavy [--largest N]] [--seed S]
//! ```
//!
//! `--heavy` draws heavy-tailed event sizes (`Sizes::HeavyTailed`, the largest event `--largest`
//! reports, 20,000 by default) instead of one to six reports per event.
//!
//! Reports are generated in chunks (their text is dropped once analysed: memory holds the
//! fingerprints). The last line is a JSON object:
//! `{"reports", "largest_event", "analyse_mb_per_s", "cluster_s", "reports_per_s", "peak_rss_mb", ...}`.

use std::collections::HashMap;
use std::time::Instant;

use event_dedup::synthetic::{Generator, Sizes};
use event_dedup::Matcher;

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
    let sizes = if heavy { Sizes::HeavyTailed { largest: arg("--largest", 20_000)? as usize } } else { Sizes::Uniform };
    let matcher = Matcher::new()?;
    let mut generator = Generator::new(seed)?.with_sizes(sizes);
    let baseline_kb = rss_kb("VmRSS:");
    let threads = std::thread::available_parallelism().map_or(1, |t| t.get());
    let (mut fingerprints, mut gold) = (Vec::with_capacity(n), Vec::with_capacity(n));
    let (mut bytes, mut analyse_s, mut largest_chunk_text) = (0usize, 0.0f64, 0usize);
    while fingerprints.len() < n {
        let chunk = generator.reports(CHUNK.min(n - fingerprints.len()));
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
    let start = Instant::now();
    let clustering = matcher.cluster_fingerprints(fingerprints)?;
    let cluster_s = start.elapsed().as_secs_f64();
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
        "{{\"reports\": {n}, \"largest_event\": {largest_event}, \"analyse_mb_per_s\": {mb_per_s:.2}, \"analyse_mb_per_s_one_core\": {one_core_mb_per_s:.2}, \"threads\": {threads}, \"cluster_s\": {cluster_s:.3}, \
         \"reports_per_s\": {:.0}, \"peak_rss_mb\": {}, \"bytes_per_report_beyond_text\": {:.0}, \"pairwise_precision\": {precision:.4}, \"pairwise_recall\": {recall:.4}, \"bcubed_f1\": {bcubed_f1:.4}}}",
        n as f64 / (analyse_s + cluster_s),
        peak_kb / 1024,
        beyond_text as f64 / n as f64
    );
    Ok(())
}
