//! The fuzz harness, shared by `fuzz_targets/analyse_cluster.rs` (libFuzzer) and by the library's
//! `tests/fuzz_regressions.rs`, which replays every input kept in `fuzz/regressions/`.
//!
//! The input is split on 0xFF bytes into reports; the first byte of each picks its language and
//! whether it has a title and a published date. Everything is analysed, compared, searched for
//! dates and phrases, clustered in batch and streamed; every report must come out exactly once.

use event_dedup::{Date, EventIndex, Lang, Matcher, Report};

pub fn check(matcher: &Matcher, data: &[u8]) {
    let mut reports = Vec::new();
    for (i, chunk) in data.split(|&b| b == 0xff).take(16).enumerate() {
        let (head, body) = chunk.split_first().unwrap_or((&0, &[]));
        let text = String::from_utf8_lossy(body).into_owned();
        let lang = [None, Some(Lang::En), Some(Lang::It), Some(Lang::Sl), Some(Lang::Vi)][usize::from(head % 5)];
        let mut b = Report::builder(format!("r{i}"), text.clone());
        if let Some(l) = lang {
            b = b.lang(l);
        }
        if head & 0x10 != 0 {
            b = b.title(text.chars().take(40).collect::<String>());
        }
        if head & 0x20 != 0 {
            let day = Date::new(2015 + i32::from(head % 11), 1 + u32::from(head % 12), 1 + u32::from(head % 28)).expect("a valid day");
            b = b.published_date(day);
        }
        let report = b.build().expect("ids are not empty");
        let _ = matcher.find_dates(report.text(), report.title(), lang.unwrap_or(Lang::En), report.published());
        let _ = matcher.recognise(report.text(), lang.unwrap_or(Lang::It));
        reports.push(report);
    }
    let fps: Vec<_> = reports.iter().map(|r| matcher.fingerprint(r)).collect();
    for pair in fps.windows(2) {
        let m = matcher.compare(&pair[0], &pair[1]);
        assert!((0.0..=1.0).contains(&m.score), "score {}", m.score);
    }
    let clustering = matcher.cluster(&reports).expect("distinct ids");
    assert_eq!(clustering.report_count(), reports.len());
    let total: usize = clustering.clusters().iter().map(|c| c.members.len()).sum();
    assert_eq!(total, reports.len());
    let mut index = EventIndex::new(matcher);
    for r in &reports {
        index.insert(matcher, r).expect("distinct ids");
    }
    assert_eq!(index.len(), reports.len());
}
