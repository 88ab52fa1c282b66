//! Benchmarks per stage on synthetic reports with heavy-tailed event sizes (feature `synthetic`):
//! analysis on one core (throughput in bytes), pairwise scoring, batch clustering of 20,000
//! fingerprints (heavy-tailed, the largest event 2,000 reports; and one to six reports per event,
//! as before), the dev corpus copied 10 and 100 times, and streaming insertion into an index
//! holding 20,000 reports. Each loop asserts an invariant. The scale example gives the time of
//! each stage of a batch run at a million reports.

use criterion::{black_box, criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use event_dedup::synthetic::{Generator, Sizes};
use event_dedup::{EventIndex, Fingerprint, Matcher, Report};

const HEAVY: Sizes = Sizes::HeavyTailed { largest: 2_000 };

fn reports(n: usize, sizes: Sizes) -> Vec<Report> {
    Generator::new(2020).expect("generator").with_sizes(sizes).reports(n).into_iter().map(|(r, _)| r).collect()
}

fn analysis(c: &mut Criterion) {
    let matcher = Matcher::new().unwrap();
    let reports = reports(2000, HEAVY);
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
    let fps: Vec<_> = reports(1000, Sizes::Uniform).iter().map(|r| matcher.fingerprint(r)).collect();
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

fn cluster(c: &mut Criterion, group: &str, name: &str, matcher: &Matcher, fps: &[Fingerprint], largest: usize) {
    let mut group = c.benchmark_group(group);
    group.throughput(Throughput::Elements(fps.len() as u64));
    group.sample_size(10);
    group.bench_function(name, |b| {
        b.iter_batched(
            || fps.to_vec(),
            |fps| {
                let n = fps.len();
                let clustering = matcher.cluster_fingerprints(fps).unwrap();
                assert_eq!(clustering.report_count(), n);
                assert!(clustering.clusters().iter().map(|c| c.members.len()).max().unwrap_or(0) >= largest);
            },
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

fn clustering(c: &mut Criterion) {
    let matcher = Matcher::new().unwrap();
    let heavy = matcher.fingerprints(&reports(20_000, HEAVY));
    cluster(c, "synthetic clustering", "cluster 20000 fingerprints, heavy-tailed", &matcher, &heavy, 1_000);
    let uniform = matcher.fingerprints(&reports(20_000, Sizes::Uniform));
    cluster(c, "synthetic clustering", "cluster 20000 fingerprints, 1-6 per event", &matcher, &uniform, 2);
}

/// The dev corpus copied `n` times (each copy its own id and a line added to its text).
fn copies(matcher: &Matcher, n: usize) -> Vec<Fingerprint> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/dev.jsonl");
    let text = std::fs::read_to_string(path).expect("../shared/corpus/dev.jsonl");
    let reports: Vec<Report> = event_dedup::read_jsonl(text.as_bytes()).collect::<Result<_, _>>().unwrap();
    let copies: Vec<Report> = (0..n)
        .flat_map(|k| {
            reports.iter().map(move |r| {
                let mut b = Report::builder(format!("{}~{k}", r.id()), format!("{}\n\n({k})", r.text()));
                if let Some(t) = r.title() {
                    b = b.title(t);
                }
                if let Some(l) = r.lang() {
                    b = b.lang(l);
                }
                if let Some(p) = r.published() {
                    b = b.published_date(p);
                }
                b.build().unwrap()
            })
        })
        .collect();
    matcher.fingerprints(&copies)
}

fn dev_copies(c: &mut Criterion) {
    let matcher = Matcher::new().unwrap();
    for n in [10, 100] {
        let fps = copies(&matcher, n);
        cluster(c, "dev corpus copied", &format!("cluster dev x{n}"), &matcher, &fps, 4 * n);
    }
}

fn streaming(c: &mut Criterion) {
    let matcher = Matcher::new().unwrap();
    let mut fps = matcher.fingerprints(&reports(21_000, HEAVY));
    let more = fps.split_off(20_000);
    let mut index = EventIndex::new(&matcher);
    for f in fps {
        index.insert_fingerprint(f).unwrap();
    }
    let mut group = c.benchmark_group("streaming");
    group.throughput(Throughput::Elements(more.len() as u64));
    group.sample_size(10);
    group.bench_function("insert 1000 into an index of 20000, heavy-tailed", |b| {
        b.iter_batched(
            || (index.clone(), more.clone()),
            |(mut index, more)| {
                for f in more {
                    index.insert_fingerprint(f).unwrap();
                }
                assert_eq!(index.len(), 21_000);
            },
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

criterion_group!(benches, analysis, scoring, clustering, dev_copies, streaming);
criterion_main!(benches);
