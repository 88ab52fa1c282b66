//! Replays every input kept in `fuzz/regressions/` through the fuzz harness.

#[path = "../fuzz/harness.rs"]
mod harness;

#[test]
fn every_kept_fuzz_input_passes() {
    let matcher = event_dedup::Matcher::new().unwrap();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            continue;
        }
        harness::check(&matcher, &std::fs::read(&path).unwrap());
        count += 1;
    }
    assert!(count >= 3, "the seeds are there");
}
