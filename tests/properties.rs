//! Property tests of the invariants: nothing lost, order independence, duplicates join, clusters
//! are stable under re-clustering, and no input panics.

use std::collections::BTreeSet;

use event_dedup::{Lang, Matcher, Report};
use proptest::prelude::*;

/// Sentences that combine into plausible (and implausible) reports.
const PIECES: &[&str] = &[
    "Vladimir Putin and Emmanuel Macron spoke by phone today about Nagorno-Karabakh.",
    "Putin e Macron hanno avuto ieri un colloquio telefonico sulla Libia.",
    "Tổng thống Nga Vladimir Putin và Tổng thống Pháp Emmanuel Macron hôm nay đã điện đàm về Ukraine.",
    "Ruski predsednik Vladimir Putin in francoski predsednik Emmanuel Macron sta se danes pogovarjala po telefonu.",
    "Joe Biden met Xi Jinping on November 14, 2022 in Bali.",
    "Il 7 febbraio Macron era volato al Cremlino.",
    "Recep Tayyip Erdogan ha sentito oggi Volodymyr Zelensky sul grano.",
    "MOSCOW, December 22. /TASS/. The leaders discussed the ceasefire.",
    "Olaf Scholz in Si Džinping sta se v petek sestala v Pekingu.",
    "- Related headline (Aug 9, 2019)",
    "",
    "¡¿ 31. februarja 30/2 2+2 14,4",
];

fn report(id: usize, pieces: &[usize], lang: Option<Lang>, day: Option<u32>) -> Report {
    let text: Vec<&str> = pieces.iter().map(|&p| PIECES[p % PIECES.len()]).collect();
    let mut b = Report::builder(format!("r{id:03}"), text.join(" "));
    if let Some(l) = lang {
        b = b.lang(l);
    }
    if let Some(d) = day {
        b = b.published(&format!("2020-11-{:02}", 1 + d % 28)).unwrap();
    }
    b.build().unwrap()
}

fn reports() -> impl Strategy<Value = Vec<Report>> {
    let one = (
        prop::collection::vec(0..PIECES.len(), 0..4),
        prop::option::of(prop::sample::select(Lang::ALL.to_vec())),
        prop::option::of(0u32..30),
    );
    prop::collection::vec(one, 0..24).prop_map(|v| v.into_iter().enumerate().map(|(i, (p, l, d))| report(i, &p, l, d)).collect())
}

fn partition(matcher: &Matcher, reports: &[Report]) -> BTreeSet<Vec<String>> {
    matcher.cluster(reports).unwrap().clusters().iter().map(|c| c.members.clone()).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn every_report_appears_exactly_once(reports in reports()) {
        let matcher = Matcher::new().unwrap();
        let clustering = matcher.cluster(&reports).unwrap();
        let mut seen: Vec<&str> = clustering.clusters().iter().flat_map(|c| c.members.iter().map(String::as_str)).collect();
        seen.sort_unstable();
        let mut ids: Vec<&str> = reports.iter().map(Report::id).collect();
        ids.sort_unstable();
        prop_assert_eq!(seen, ids);
    }

    #[test]
    fn order_does_not_matter(mut reports in reports(), seed in any::<u64>()) {
        let matcher = Matcher::new().unwrap();
        let before = matcher.cluster(&reports).unwrap();
        // A deterministic shuffle from the seed.
        let n = reports.len();
        for i in (1..n).rev() {
            let j = (seed.wrapping_mul(6364136223846793005).wrapping_add(i as u64) % (i as u64 + 1)) as usize;
            reports.swap(i, j);
        }
        prop_assert_eq!(matcher.cluster(&reports).unwrap(), before);
    }

    #[test]
    fn an_exact_duplicate_joins_its_cluster(mut reports in reports(), pick in any::<prop::sample::Index>()) {
        prop_assume!(!reports.is_empty());
        let original = reports[pick.index(reports.len())].clone();
        let mut b = Report::builder("duplicate", original.text());
        if let Some(l) = original.lang() { b = b.lang(l); }
        if let Some(p) = original.published() { b = b.published_date(p); }
        reports.push(b.build().unwrap());
        let clustering = Matcher::new().unwrap().cluster(&reports).unwrap();
        let cluster = clustering.cluster_of("duplicate").unwrap();
        prop_assert!(cluster.members.iter().any(|m| m == original.id()), "{:?}", cluster.members);
    }

    #[test]
    fn clustering_a_cluster_again_changes_nothing(reports in reports()) {
        let matcher = Matcher::new().unwrap();
        for members in partition(&matcher, &reports) {
            let subset: Vec<Report> = reports.iter().filter(|r| members.iter().any(|m| m == r.id())).cloned().collect();
            let again = partition(&matcher, &subset);
            prop_assert_eq!(again.len(), 1, "{:?} split into {:?}", members, again);
        }
    }

    #[test]
    fn arbitrary_unicode_never_panics(text in "\\PC{0,300}", title in prop::option::of("\\PC{0,40}"), junk in "[\\u{0}-\\u{1f}\\u{202e}\\u{300}-\\u{36f}\\u{600}-\\u{6ff}]{0,60}", long in 0usize..3) {
        let matcher = Matcher::new().unwrap();
        let mut text = format!("{text}{junk}");
        if long > 0 {
            text.push_str(&"x".repeat(5_000 * long));
        }
        let mut b = Report::builder("a", text.clone());
        if let Some(t) = title { b = b.title(t); }
        let a = b.build().unwrap();
        let b = Report::builder("b", text.chars().rev().collect::<String>()).lang(Lang::Vi).build().unwrap();
        let f = matcher.fingerprint(&a);
        let _ = matcher.compare(&f, &matcher.fingerprint(&b));
        let _ = matcher.find_dates(&text, None, Lang::Sl, None);
        let _ = matcher.recognise(&text, Lang::It);
        prop_assert_eq!(matcher.cluster(&[a, b]).unwrap().report_count(), 2);
    }
}

/// Found by `an_exact_duplicate_joins_its_cluster`: a report left alone because it fits two events
/// about equally keeps its exact duplicate with it (batch and streaming).
#[test]
fn an_undecided_report_keeps_its_exact_duplicate() {
    let matcher = Matcher::new().unwrap();
    let bali = "Joe Biden met Xi Jinping on November 14, 2022 in Bali.";
    let texts = [
        format!("Ruski predsednik Vladimir Putin in francoski predsednik Emmanuel Macron sta se danes pogovarjala po telefonu. {bali} Olaf Scholz in Si Džinping sta se v petek sestala v Pekingu."),
        format!("Vladimir Putin and Emmanuel Macron spoke by phone today about Nagorno-Karabakh. {bali}"),
        format!("Putin e Macron hanno avuto ieri un colloquio telefonico sulla Libia. {bali}"),
        format!("Putin e Macron hanno avuto ieri un colloquio telefonico sulla Libia. {bali}"),
    ];
    let reports: Vec<Report> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let b = Report::builder(format!("r{i}"), t.as_str());
            let b = if i == 1 { b.published("2020-11-01").unwrap() } else { b };
            b.build().unwrap()
        })
        .collect();
    let clustering = matcher.cluster(&reports).unwrap();
    assert!(clustering.undecided_of("r2").is_some(), "{:?}", clustering.undecided());
    assert_eq!(clustering.cluster_of("r2").unwrap().members, ["r2", "r3"]);
    let mut index = event_dedup::EventIndex::new(&matcher);
    for r in &reports {
        index.insert(&matcher, r).unwrap();
    }
    assert_eq!(index.event_of("r2"), index.event_of("r3"));
    assert_ne!(index.event_of("r2"), index.event_of("r0"));
}
