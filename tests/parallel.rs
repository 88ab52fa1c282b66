//! With the `parallel` feature, results do not depend on the number of threads.
#![cfg(all(feature = "parallel", feature = "synthetic"))]

use event_dedup::synthetic::Generator;
use event_dedup::Matcher;

#[test]
fn one_thread_or_four_give_the_same_fingerprints_and_clusters() {
    let matcher = Matcher::new().unwrap();
    let reports: Vec<_> = Generator::new(11).unwrap().reports(3000).into_iter().map(|(r, _)| r).collect();
    let run = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        pool.install(|| {
            let fps = matcher.fingerprints(&reports);
            let clustering = matcher.cluster_fingerprints(fps.clone()).unwrap();
            (fps, clustering)
        })
    };
    let (fps_1, clusters_1) = run(1);
    let (fps_4, clusters_4) = run(4);
    assert_eq!(fps_1, fps_4);
    assert_eq!(clusters_1, clusters_4);
    assert!(clusters_1.clusters().len() < reports.len(), "duplicates across languages are merged");
}
