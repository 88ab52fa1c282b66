//! Benchmarks per pipeline stage, on the embedded demo corpus: analysis and date extraction
//! (throughput in bytes), pairwise scoring, and clustering. Each loop asserts an invariant so a broken build cannot
//! look fast.

use criterion::{black_box, criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use event_dedup::{read_jsonl, Matcher, Report};

const DEMO: &str = include_str!("../examples/data/demo.jsonl");

fn reports() -> Vec<Report> {
    read_jsonl(DEMO.as_bytes()).collect::<Result<_, _>>().expect("demo corpus parses")
}

fn analysis(c: &mut Criterion) {
    let matcher = Matcher::new().unwrap();
    let reports = reports();
    let bytes: usize = reports.iter().map(|r| r.text().len() + r.title().map_or(0, str::len)).sum();
    let mut group = c.benchmark_group("analysis");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("fingerprint demo corpus", |b| {
        b.iter(|| {
            for r in &reports {
                let f = matcher.fingerprint(black_box(r));
                assert!(!f.participants().is_empty());
            }
        })
    });
    group.finish();
}

fn dates(c: &mut Criterion) {
    let matcher = Matcher::new().unwrap();
    let reports = reports();
    let bytes: usize = reports.iter().map(|r| r.text().len()).sum();
    let mut group = c.benchmark_group("dates");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("find_dates demo corpus", |b| {
        b.iter(|| {
            for r in &reports {
                let (_, event) = matcher.find_dates(black_box(r.text()), None, r.lang().unwrap(), r.published());
                assert!(event.is_some());
            }
        })
    });
    group.finish();
}

fn scoring(c: &mut Criterion) {
    let matcher = Matcher::new().unwrap();
    let fps: Vec<_> = reports().iter().map(|r| matcher.fingerprint(r)).collect();
    let mut group = c.benchmark_group("scoring");
    group.throughput(Throughput::Elements((fps.len() * fps.len()) as u64));
    group.bench_function("all pairs of demo fingerprints", |b| {
        b.iter(|| {
            let mut same = 0;
            for x in &fps {
                for y in &fps {
                    same += usize::from(matcher.compare(black_box(x), black_box(y)).same_event);
                }
            }
            // 3 events of 4 reports: 3 × 4 × 4 ordered pairs, self-pairs included.
            assert_eq!(same, 48);
        })
    });
    group.finish();
}

fn clustering(c: &mut Criterion) {
    let matcher = Matcher::new().unwrap();
    let fps: Vec<_> = reports().iter().map(|r| matcher.fingerprint(r)).collect();
    let mut group = c.benchmark_group("clustering");
    group.throughput(Throughput::Elements(fps.len() as u64));
    group.bench_function("cluster demo fingerprints", |b| {
        b.iter_batched(
            || fps.clone(),
            |fps| {
                let clustering = matcher.cluster_fingerprints(fps).unwrap();
                assert_eq!(clustering.clusters().len(), 3);
            },
            BatchSize::SmallInput,
        )
    });
    group.finish();
}

/// Hostile sizes: a 10 MB report and a report of one 1 MB token. Analysis reads at most
/// `max_text_bytes` (256 KiB by default) of a text, so both take bounded time.
fn huge_inputs(c: &mut Criterion) {
    let matcher = Matcher::new().unwrap();
    let lead = "Vladimir Putin and Emmanuel Macron spoke by phone today about Libya. ";
    let dump = format!("{lead}{}", "Home | World | Politics | Sport | Culture | Login ".repeat(10_000_000 / 50));
    let token = "x".repeat(1_000_000);
    let big = Report::builder("dump", dump).lang(event_dedup::Lang::En).published("2020-06-26").unwrap().build().unwrap();
    let long = Report::builder("token", token).lang(event_dedup::Lang::It).build().unwrap();
    let mut group = c.benchmark_group("huge inputs");
    group.sample_size(10);
    group.bench_function("10 MB report", |b| {
        b.iter(|| {
            let f = matcher.fingerprint(black_box(&big));
            assert_eq!(f.participants(), ["macron", "putin"]);
        })
    });
    group.bench_function("one 1 MB token", |b| {
        b.iter(|| {
            let f = matcher.fingerprint(black_box(&long));
            assert!(f.participants().is_empty());
        })
    });
    group.finish();
}

criterion_group!(benches, analysis, dates, scoring, clustering, huge_inputs);
criterion_main!(benches);
