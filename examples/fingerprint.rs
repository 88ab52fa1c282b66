//! Prints the fingerprint of each report in a JSON Lines file: what the analysis found.
//!
//! ```text
//! cargo run --release --example fingerprint -- FILE.jsonl [ID ...]
//! ```

use std::fs::File;
use std::io::BufReader;
use std::process::ExitCode;

use event_dedup::Matcher;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: fingerprint FILE.jsonl [ID ...]");
        return ExitCode::FAILURE;
    };
    let wanted = &args[1..];
    let result = (|| -> Result<(), event_dedup::Error> {
        let matcher = Matcher::new()?;
        for report in event_dedup::read_jsonl(BufReader::new(File::open(path)?)) {
            let report = report?;
            if !wanted.is_empty() && !wanted.iter().any(|w| w == report.id()) {
                continue;
            }
            let f = matcher.fingerprint(&report);
            let date =
                f.event_date().map_or("unknown".to_string(), |d| format!("{} ({}, confidence {:.2})", d.value, d.source, d.confidence));
            println!("{} [{}]", f.id(), f.lang());
            println!("  date:         {date}");
            let (mentions, _) = matcher.find_dates(report.text(), report.title(), f.lang(), report.published());
            let mentions: Vec<String> = mentions
                .iter()
                .map(|m| format!("{:?} {} ({:?})", m.text, m.value.map_or("?".to_string(), |v| v.to_string()), m.role))
                .collect();
            println!("  mentions:     {}", mentions.join("; "));
            if f.day_part().is_some() || f.day_order().is_some() {
                let part = f.day_part().map_or("-".to_string(), |p| p.to_string());
                let order = f.day_order().map_or("-".to_string(), |o| o.to_string());
                println!("  in the day:   {part}; {order}");
            }
            println!("  participants: {}", f.participants().join(", "));
            for p in matcher.participants(&report) {
                let role = if p.principal { "took part" } else { "mentioned" };
                println!("    {:<12} {role}: {:?}, {}", p.id, p.words, p.reason);
            }
            println!("  kind:         {}", f.kind().map_or("unknown", |k| k.name()));
            println!("  concepts:     {}", f.concepts().collect::<Vec<_>>().join(", "));
            println!("  names:        {}", f.cognates().collect::<Vec<_>>().join(", "));
            if let (Some(day), Some(event)) = (f.not_before(), f.not_before_event()) {
                println!("  not before:   {day} ({event} mentioned as past)");
            }
        }
        Ok(())
    })();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("fingerprint: {e}");
            ExitCode::FAILURE
        }
    }
}
