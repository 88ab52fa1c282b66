//! Fuzzes analysis, scoring, date search, clustering and the streaming index.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

#[path = "../harness.rs"]
mod harness;

fuzz_target!(|data: &[u8]| {
    static MATCHER: OnceLock<event_dedup::Matcher> = OnceLock::new();
    let matcher = MATCHER.get_or_init(|| event_dedup::Matcher::new().expect("embedded knowledge"));
    harness::check(matcher, data);
});
