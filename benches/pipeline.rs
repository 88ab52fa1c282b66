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

criterion_group!(benches, analysis, dates, scoring, clustering);
criterion_main!(benches);
