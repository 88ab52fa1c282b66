//! The public API's promises: thread safety, typed errors, nothing lost, order independence.

use event_dedup::{Error, Lang, Matcher, Report};

fn report(id: &str, lang: Lang, published: &str, text: &str) -> Report {
    Report::builder(id, text).lang(lang).published(published).unwrap().build().unwrap()
}

fn sample() -> Vec<Report> {
    vec![
        report("a", Lang::En, "2020-11-07", "Vladimir Putin and Emmanuel Macron spoke by phone today about Nagorno-Karabakh and Libya."),
        report("b", Lang::It, "2020-11-07", "Putin e Macron hanno avuto oggi un colloquio telefonico sul Nagorno-Karabakh e sulla Libia."),
        report("c", Lang::Sl, "2020-11-16", "Putin in Macron sta se danes po telefonu pogovarjala o Gorskem Karabahu in beguncih."),
        report("d", Lang::Vi, "2020-11-16", "Tổng thống Putin và Tổng thống Macron hôm nay điện đàm về Nagorno-Karabakh và người tị nạn."),
        report(
            "e",
            Lang::En,
            "2021-08-19",
            "Italian Prime Minister Mario Draghi spoke by phone with Vladimir Putin today about Afghanistan.",
        ),
    ]
}

#[test]
fn matcher_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Matcher>();
    assert_send_sync::<event_dedup::Fingerprint>();
    assert_send_sync::<event_dedup::Clustering>();
}

#[test]
fn a_matcher_is_shared_across_threads() {
    let matcher = Matcher::new().unwrap();
    let reports = sample();
    let alone = matcher.cluster(&reports).unwrap();
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..2).map(|_| s.spawn(|| matcher.cluster(&reports).unwrap())).collect();
        for h in handles {
            assert_eq!(h.join().unwrap(), alone);
        }
    });
}

#[test]
fn every_report_lands_in_exactly_one_cluster_whatever_the_order() {
    let matcher = Matcher::new().unwrap();
    let mut reports = sample();
    let first = matcher.cluster(&reports).unwrap();
    let total: usize = first.clusters().iter().map(|c| c.members.len()).sum();
    assert_eq!(total, reports.len());
    for r in &reports {
        assert!(first.cluster_of(r.id()).is_some());
    }
    reports.reverse();
    assert_eq!(matcher.cluster(&reports).unwrap(), first);
    reports.rotate_left(2);
    assert_eq!(matcher.cluster(&reports).unwrap(), first);
    // Two calls of the same leaders nine days apart stay apart; each call's reports merge.
    assert_eq!(first.cluster_of("a").unwrap().members, ["a", "b"]);
    assert_eq!(first.cluster_of("c").unwrap().members, ["c", "d"]);
    assert_eq!(first.cluster_of("e").unwrap().members, ["e"]);
}

#[test]
fn duplicate_ids_are_a_typed_error() {
    let mut reports = sample();
    reports.push(reports[0].clone());
    match Matcher::new().unwrap().cluster(&reports) {
        Err(Error::DuplicateId(id)) => assert_eq!(id, "a"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn invalid_settings_are_typed_errors() {
    assert!(matches!(Matcher::builder().threshold(0.0).build(), Err(Error::InvalidSetting { name: "threshold", .. })));
    assert!(matches!(Matcher::builder().threshold(f32::NAN).build(), Err(Error::InvalidSetting { .. })));
    assert!(matches!(Matcher::builder().weights(-1.0, 1.0, 1.0, 1.0).build(), Err(Error::InvalidSetting { name: "weights", .. })));
    assert!(matches!(Matcher::builder().weights(0.0, 0.0, 0.0, 0.0).build(), Err(Error::InvalidSetting { .. })));
    assert!(matches!(Matcher::builder().add_concepts("mine.txt", "broken line").build(), Err(Error::InvalidData { line: 1, .. })));
}

#[test]
fn explanations_name_the_conflict() {
    let matcher = Matcher::new().unwrap();
    let r = sample();
    let m = matcher.explain(&r[0], &r[2]);
    assert!(!m.same_event);
    assert!(m.explanation.to_string().contains("different days"), "{}", m.explanation);
    let m = matcher.explain(&r[0], &r[1]);
    assert!(m.same_event, "{}", m.explanation);
    assert!(m.explanation.shared_topics.iter().any(|t| t == "nagorno_karabakh"), "{:?}", m.explanation);
}

#[test]
fn empty_input_gives_an_empty_clustering() {
    let c = Matcher::new().unwrap().cluster(&[]).unwrap();
    assert_eq!(c.clusters().len(), 0);
}

#[test]
fn language_is_detected_when_not_given() {
    let matcher = Matcher::new().unwrap();
    for (text, lang) in [
        ("Il presidente russo e il suo omologo francese hanno avuto un colloquio telefonico.", Lang::It),
        ("The Russian president and his French counterpart held a phone call on Saturday.", Lang::En),
        ("Tổng thống Nga và người đồng cấp Pháp đã điện đàm về tình hình Ukraine.", Lang::Vi),
        ("Ruski predsednik in njegov francoski kolega sta se pogovarjala po telefonu.", Lang::Sl),
    ] {
        let r = Report::builder("x", text).build().unwrap();
        assert_eq!(matcher.fingerprint(&r).lang(), lang, "{text}");
    }
}

#[test]
fn a_report_that_fits_two_contacts_equally_stays_alone_and_says_so() {
    use event_dedup::{Lang, Matcher, Report};
    let matcher = Matcher::new().unwrap();
    let report = |id: &str, text: &str| Report::builder(id, text).lang(Lang::En).build().unwrap();
    let reports = [
        report("morning", "Emmanuel Macron and Vladimir Putin spoke by phone on the morning of 20 February 2022 about Ukraine and Donbas."),
        report("evening", "Emmanuel Macron and Vladimir Putin spoke by phone on the evening of 20 February 2022 about Ukraine and Donbas."),
        report("either", "Emmanuel Macron and Vladimir Putin spoke by phone on 20 February 2022 about Ukraine and Donbas."),
    ];
    let clustering = matcher.cluster(&reports).unwrap();
    // The morning and the evening call are two contacts; the third report says neither.
    assert_ne!(clustering.cluster_of("morning").unwrap().id, clustering.cluster_of("evening").unwrap().id);
    assert_eq!(clustering.cluster_of("either").unwrap().members, ["either"]);
    let undecided = clustering.undecided_of("either").expect("it says why it stays alone");
    assert_eq!(undecided.candidates.len(), 2);
    assert!(undecided.to_string().contains("about equally"), "{undecided}");

    // Undated, it is as torn between two calls on different days.
    let reports = [
        report("feb20", "Emmanuel Macron and Vladimir Putin spoke by phone on 20 February 2022 about Ukraine and Donbas."),
        report("feb21", "Emmanuel Macron and Vladimir Putin spoke by phone on 21 February 2022 about Ukraine and Donbas."),
        report("undated", "Emmanuel Macron and Vladimir Putin spoke by phone about Ukraine and Donbas."),
    ];
    let clustering = matcher.cluster(&reports).unwrap();
    assert_eq!(clustering.cluster_of("undated").unwrap().members, ["undated"]);
    assert!(clustering.undecided_of("undated").is_some());
}
