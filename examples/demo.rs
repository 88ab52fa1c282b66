//! The main job on embedded data: clusters a small multilingual demo corpus and explains it.
//!
//! ```text
//! cargo run --release --example demo
//! ```
//!
//! The corpus (`examples/data/demo.jsonl`, written for this crate) has twelve reports in English,
//! Italian, Vietnamese and Slovenian about three events: two different phone calls between Olaf
//! Scholz and Vladimir Putin (13 September and 2 December 2022) and the Biden–Xi meeting in
//! Woodside, California (15 November 2023).

use event_dedup::{read_jsonl, DateValue, Matcher, Report};

const DEMO: &str = include_str!("data/demo.jsonl");

fn main() -> Result<(), event_dedup::Error> {
    let reports: Vec<Report> = read_jsonl(DEMO.as_bytes()).collect::<Result<_, _>>()?;
    let matcher = Matcher::new()?;
    println!("{} reports in {} languages; {} phrases known to the matcher.\n", reports.len(), 4, matcher.lexicon_size());

    // Step 1: every report becomes a fingerprint: date, participants, kind, topics.
    for report in &reports {
        let f = matcher.fingerprint(report);
        let date = f.event_date().map_or("unknown".into(), |d| format!("{} ({})", d.value, d.source));
        let kind = f.kind().map_or("unknown", |k| k.name());
        println!("{:<10} [{}] {date:<28} {:<20} {kind}", f.id(), f.lang(), f.participants().join("+"));
    }

    // Step 2: cluster. Each cluster is one event, with a summary and the reasons for each merge.
    let clustering = matcher.cluster(&reports)?;
    println!("\n{} events:", clustering.clusters().len());
    for cluster in clustering.clusters() {
        let s = &cluster.summary;
        let date = s.date.map_or("unknown".to_string(), |d: DateValue| d.to_string());
        let who: Vec<&str> = s.participants.iter().map(|p| matcher.person_name(p).unwrap_or(p)).collect();
        println!("\n== {} (confidence {:.2})", cluster.id, cluster.confidence);
        println!("   {date}: {} ({})", who.join(" and "), s.kind.map_or("contact", |k| k.name()));
        println!("   topics: {}", s.topics.join(", "));
        println!("   reports: {}", cluster.members.join(", "));
        for m in &cluster.merges {
            println!("   merged {} + {} ({:.2}): {}", m.a, m.b, m.score, m.explanation);
        }
    }

    // Step 3: why two calls between the same leaders are not one event.
    let (sept, dec) = (&reports[0], &reports[4]);
    println!("\nWhy {} and {} stay apart: {}", sept.id(), dec.id(), matcher.explain(sept, dec).explanation);
    Ok(())
}
