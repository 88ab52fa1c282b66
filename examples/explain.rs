//! Explains the decision on two reports of a JSON Lines file.
//!
//! ```text
//! cargo run --release --example explain -- FILE.jsonl ID_A ID_B
//! ```

use std::fs::File;
use std::io::BufReader;
use std::process::ExitCode;

use event_dedup::{Matcher, Report};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [path, a, b] = args.as_slice() else {
        eprintln!("usage: explain FILE.jsonl ID_A ID_B");
        return ExitCode::FAILURE;
    };
    let result = (|| -> Result<String, event_dedup::Error> {
        let reports: Vec<Report> = event_dedup::read_jsonl(BufReader::new(File::open(path)?)).collect::<Result<_, _>>()?;
        let find = |id: &str| reports.iter().find(|r| r.id() == id);
        let (Some(ra), Some(rb)) = (find(a), find(b)) else {
            return Ok(format!("no report with id {a} or {b} in {path}"));
        };
        let m = Matcher::new()?.explain(ra, rb);
        let e = &m.explanation;
        Ok(format!(
            "score {:.3} (same event: {})\n  date {:.2}, participants {:.2}, kind {:.2}, topics {:.2}\n  {}",
            m.score, m.same_event, e.date_score, e.participant_score, e.kind_score, e.topic_score, e
        ))
    })();
    match result {
        Ok(text) => {
            println!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("explain: {e}");
            ExitCode::FAILURE
        }
    }
}
