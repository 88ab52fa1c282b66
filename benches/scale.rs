//! Benchmarks per stage on synthetic reports (feature `synthetic`): analysis on one core
//! (throughput in bytes), pairwise scoring, and clustering of 20,000 fingerprints. Each loop
//! asserts an invariant.

use criterion::{black_box, criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use event_dedup::synthetic::Generator;
use event_dedup::{Matcher, Report};

fn reports(n: usize) -> Vec<Report> {
    Generator::new(2020).expect("generator").reports(n).into_iter().map(|(r, _)| r).collect()
}

fn analysis(c: &mut Criterion) {
    let matcher = Matcher::new().unwrap();
    let reports = reports(2000);
    let bytes: usize = reports.iter().map(|r| r.text().len()).sum();
    let mut group = c.benchmark_group("synthetic analysis");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(20);
    group.bench_function("fingerprint 2000 reports, one core", |b| {
        b.iter(|| {
            let two = reports.iter().map(|r| matcher.fingerprint(black_box(r))).filter(|f| f.participants().len() == 2).count();
            assert!(two * 10 >= reports.len() * 9, "most reports name both leaders");
        })
    });
    group.finish();
}

fn scoring(c: &mut Criterion) {
    let matcher = Matcher::new().unwrap();
    let fps: Vec<_> = reports(1000).iter().map(|r| matcher.fingerprint(r)).collect();
    let mut group = c.benchmark_group("synthetic scoring");
    group.throughput(Throughput::Elements((fps.len() - 1) as u64));
    group.bench_function("adjacent pairs", |b| {
        b.iter(|| {
            let same = fps.windows(2).filter(|w| matcher.compare(black_box(&w[0]), black_box(&w[1])).same_event).count();
            assert!(same > 0 && same < fps.len());
        })
    });
    group.finish();
}

fn clustering(c: &mut Criterion) {
    let matcher = Matcher::new().unwrap();
    let reports = reports(20_000);
    let fps = matcher.fingerprints(&reports);
    let mut group = c.benchmark_group("synthetic clustering");
    group.throughput(Throughput::Elements(fps.len() as u64));
    group.sample_size(10);
    group.bench_function("cluster 20000 fingerprints", |b| {
        b.iter_batched(
            || fps.clone(),
            |fps| {
                let n = fps.len();
                let clustering = matcher.cluster_fingerprints(fps).unwrap();
                assert_eq!(clustering.report_count(), n);
                assert!(clustering.clusters().len() < n / 2);
            },
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

criterion_group!(benches, analysis, scoring, clustering);
criterion_main!(benches);
