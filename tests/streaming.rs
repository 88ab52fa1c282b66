//! The streaming index: same clusters as batch, whatever the order; snapshots that restore exactly
//! and refuse damage; eviction by window.

mod common;

use std::collections::BTreeSet;

use common::{read_labelled, shared};
use event_dedup::{Error, EventIndex, Lang, Matcher, Report};

fn batch_partition(matcher: &Matcher, reports: &[Report]) -> Vec<Vec<String>> {
    let mut p: Vec<Vec<String>> = matcher.cluster(reports).unwrap().clusters().iter().map(|c| c.members.clone()).collect();
    p.sort();
    p
}

/// The valid reports of a JSON Lines file, the first of each id (the hostile corpus has bad lines
/// and repeated ids on purpose).
fn valid_reports(path: &std::path::Path) -> Vec<Report> {
    let bytes = std::fs::read(path).unwrap();
    let mut ids = BTreeSet::new();
    bytes
        .split(|&b| b == b'\n')
        .filter_map(|line| event_dedup::read_jsonl(line).next().and_then(Result::ok))
        .filter(|r| ids.insert(r.id().to_string()))
        .collect()
}

#[test]
fn inserting_a_corpus_in_any_order_gives_the_batch_clusters() {
    let matcher = Matcher::new().unwrap();
    let here = |p: &str| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(p);
    let files = [
        shared("corpus/dev.jsonl"),
        shared("corpus/dev2.jsonl"),
        shared("seeds/seeds.jsonl"),
        here("tests/data/hostile.jsonl"),
        here("tests/data/knowledge_reports.jsonl"),
        here("tests/data/fresh/dates.jsonl"),
        here("tests/data/fresh/lookalikes.jsonl"),
        here("tests/data/fresh/lookalikes2.jsonl"),
    ];
    for file in files {
        let mut reports = valid_reports(&file);
        let file = file.display();
        let batch = batch_partition(&matcher, &reports);
        for round in 0..3 {
            let mut index = EventIndex::new(&matcher);
            for r in &reports {
                index.insert(&matcher, r).unwrap();
            }
            assert_eq!(index.len(), reports.len());
            assert_eq!(index.events(), batch, "{file}, order {round}");
            reports.reverse();
            if round == 1 {
                let third = reports.len() / 3;
                reports.rotate_left(third);
            }
        }
    }
}

#[test]
fn a_snapshot_restores_exactly_and_the_index_goes_on_the_same() {
    let matcher = Matcher::new().unwrap();
    let (reports, _) = read_labelled(&shared("corpus/dev.jsonl"));
    let (first, rest) = reports.split_at(60);
    let mut index = EventIndex::new(&matcher);
    for r in first {
        index.insert(&matcher, r).unwrap();
    }
    let mut saved = Vec::new();
    index.save(&mut saved).unwrap();
    let mut restored = EventIndex::load(saved.as_slice()).unwrap();
    let mut saved_again = Vec::new();
    restored.save(&mut saved_again).unwrap();
    assert_eq!(saved, saved_again, "save → load → save is byte-identical");
    assert_eq!(restored.events(), index.events());
    for r in rest {
        let a = index.insert(&matcher, r).unwrap();
        let b = restored.insert(&matcher, r).unwrap();
        assert_eq!(a, b, "{}", r.id());
    }
    assert_eq!(restored.events(), batch_partition(&matcher, &reports));
}

#[test]
fn damaged_snapshots_are_refused_with_a_clear_error() {
    let matcher = Matcher::new().unwrap();
    let (reports, _) = read_labelled(&shared("seeds/seeds.jsonl"));
    let mut index = EventIndex::new(&matcher);
    for r in &reports {
        index.insert(&matcher, r).unwrap();
    }
    let mut saved = Vec::new();
    index.save(&mut saved).unwrap();
    let mut cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty", Vec::new()),
        ("truncated in the header", saved[..10].to_vec()),
        ("truncated in the body", saved[..saved.len() - 7].to_vec()),
        ("not a snapshot", b"{\"reports\": []}\n{}".to_vec()),
    ];
    let mut flipped = saved.clone();
    let at = flipped.len() - 40;
    flipped[at] ^= 0x01;
    cases.push(("one bit flipped", flipped));
    let mut longer = saved.clone();
    longer.extend_from_slice(b" ");
    cases.push(("bytes appended", longer));
    for (what, bytes) in cases {
        match EventIndex::load(bytes.as_slice()) {
            Err(Error::InvalidSnapshot(reason)) => eprintln!("{what}: {reason}"),
            other => panic!("{what}: {other:?}"),
        }
    }
}

fn call(id: &str, day: &str, topic: &str) -> Report {
    let text = format!("Vladimir Putin and Emmanuel Macron spoke by phone today about {topic}.");
    Report::builder(id, text).lang(Lang::En).published(day).unwrap().build().unwrap()
}

#[test]
fn reports_older_than_the_window_are_evicted() {
    let matcher = Matcher::new().unwrap();
    assert!(matches!(EventIndex::with_window(&matcher, 0), Err(Error::InvalidSetting { name: "window", .. })));
    let mut index = EventIndex::with_window(&matcher, 10).unwrap();
    let a = index.insert(&matcher, &call("a", "2020-11-07", "Nagorno-Karabakh and Libya")).unwrap();
    let b = index.insert(&matcher, &call("b", "2020-11-07", "Nagorno-Karabakh and the ceasefire")).unwrap();
    assert_eq!(a.event, b.event);
    assert_eq!(b.size, 2);
    assert_eq!(index.members(b.event).unwrap(), ["a", "b"]);
    let c = index.insert(&matcher, &call("c", "2020-11-16", "Nagorno-Karabakh and refugees")).unwrap();
    assert!(c.new_event);
    assert_eq!(index.len(), 3);
    index.insert(&matcher, &call("d", "2020-11-20", "the coronavirus")).unwrap();
    // 2020-11-07 is more than 10 days before 2020-11-20; 2020-11-16 is not.
    assert_eq!(index.len(), 2);
    assert_eq!(index.event_of("a"), None);
    let ids: BTreeSet<String> = index.events().into_iter().flatten().collect();
    assert_eq!(ids, BTreeSet::from(["c".to_string(), "d".to_string()]));
}

#[test]
fn a_duplicate_id_is_refused() {
    let matcher = Matcher::new().unwrap();
    let mut index = EventIndex::new(&matcher);
    index.insert(&matcher, &call("a", "2020-11-07", "Libya")).unwrap();
    assert!(matches!(index.insert(&matcher, &call("a", "2020-11-07", "Libya")), Err(Error::DuplicateId(_))));
    assert_eq!(index.len(), 1);
}

#[test]
fn a_report_older_than_the_window_is_refused_not_made_a_new_event() {
    let matcher = Matcher::new().unwrap();
    let mut index = EventIndex::with_window(&matcher, 7).unwrap();
    index.insert(&matcher, &call("new", "2020-11-20", "the coronavirus")).unwrap();
    let old = index.insert(&matcher, &call("old", "2020-11-07", "Nagorno-Karabakh"));
    match old {
        Err(Error::OutsideWindow { id, day, window_start }) => {
            assert_eq!(id, "old");
            assert_eq!(day.to_string(), "2020-11-07");
            assert_eq!(window_start.to_string(), "2020-11-13");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(index.len(), 1);
    assert_eq!(index.event_of("old"), None);
    // Inside the window it is inserted as usual.
    assert!(index.insert(&matcher, &call("late", "2020-11-14", "Nagorno-Karabakh")).is_ok());
}

#[test]
fn events_carry_the_summary_of_batch_clusters() {
    let matcher = Matcher::new().unwrap();
    let (reports, _) = read_labelled(&shared("corpus/dev.jsonl"));
    let mut index = EventIndex::new(&matcher);
    for r in &reports {
        let a = index.insert(&matcher, r).unwrap();
        assert_eq!(Some(&a.summary), index.summary(a.event).as_ref());
    }
    let batch = matcher.cluster(&reports).unwrap();
    for cluster in batch.clusters() {
        let event = index.event_of(&cluster.members[0]).unwrap();
        assert_eq!(index.summary(event).unwrap(), cluster.summary, "{}", cluster.id);
    }
}
