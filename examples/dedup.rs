//! Clusters reports from a JSON Lines file and writes one JSON line per input report.
//!
//! ```text
//! cargo run --release --example dedup -- FILE.jsonl [--eval] [--skip-invalid] [--threshold T]
//! ```
//!
//! Input: the corpus format (`id`, `text`, optional `title`, `lang`, `published`, `source`).
//! Output, on stdout: `{"id", "cluster", "event_date", "participants", "kind", "confidence"}` (plus
//! `event_window`, `day_part`, `day_order` and `undecided` when they apply) for
//! every input report, in input order; `event_date` is the day when the text fixes it, else null,
//! with `event_window: [from, to]` when the publication bounds the day; `day_part` and `day_order`
//! when the report says which contact of the day it describes. With `--eval`, reports that carry a gold `event` field are
//! scored (pairwise and B-cubed precision, recall, F1) on stderr; `event` is read for nothing else.
//! A malformed line stops the run with its line number and a non-zero exit, unless
//! `--skip-invalid` is given: then each bad line is reported on stderr and the rest clustered.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::process::ExitCode;

use event_dedup::{Matcher, Report};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args, &mut std::io::stdout().lock(), &mut std::io::stderr().lock()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("dedup: {message}");
            ExitCode::FAILURE
        }
    }
}

struct Input {
    reports: Vec<Report>,
    gold: Vec<(String, String)>,
}

fn read(path: &str, skip_invalid: bool, err: &mut impl Write) -> Result<Input, String> {
    let file = File::open(path).map_err(|e| format!("cannot open {path}: {e}"))?;
    let mut reports = Vec::new();
    let mut gold = Vec::new();
    let mut ids = HashSet::new();
    for (i, bytes) in BufReader::new(file).split(b'\n').enumerate() {
        let bytes = bytes.map_err(|e| format!("{path}: cannot read line {}: {e}", i + 1))?;
        // A line that is not UTF-8 is one more invalid line, not the end of the input.
        let line = String::from_utf8(bytes).unwrap_or_else(|_| "\u{0}not UTF-8".to_string());
        if line.trim().is_empty() {
            continue;
        }
        let parsed = event_dedup::read_jsonl(line.as_bytes()).next().map(|r| {
            r.and_then(|report| {
                if ids.insert(report.id().to_string()) {
                    Ok(report)
                } else {
                    Err(event_dedup::Error::InvalidLine {
                        line: 1,
                        reason: format!("duplicate id {:?}: an earlier line has it", report.id()),
                    })
                }
            })
        });
        match parsed {
            Some(Ok(report)) => {
                // The gold label is only ever used by --eval.
                if let Ok(serde_json::Value::Object(map)) = serde_json::from_str::<serde_json::Value>(&line) {
                    if let Some(serde_json::Value::String(event)) = map.get("event") {
                        gold.push((report.id().to_string(), event.clone()));
                    }
                }
                reports.push(report);
            }
            Some(Err(e)) => {
                let reason = if line.starts_with('\u{0}') {
                    "the line is not valid UTF-8".to_string()
                } else {
                    e.to_string().trim_start_matches("line 1: ").to_string()
                };
                let message = format!("{path}: line {}: {reason}", i + 1);
                if skip_invalid {
                    writeln!(err, "skipped {message}").map_err(|e| e.to_string())?;
                } else {
                    return Err(message);
                }
            }
            None => {}
        }
    }
    Ok(Input { reports, gold })
}

fn pairs_f1(pred: &HashMap<&str, &str>, gold: &HashMap<&str, &str>) -> (f64, f64, f64, f64, f64, f64) {
    let ids: Vec<&str> = gold.keys().copied().collect();
    let (mut both, mut in_pred, mut in_gold) = (0u64, 0u64, 0u64);
    for (x, a) in ids.iter().enumerate() {
        for b in &ids[x + 1..] {
            let p = pred[a] == pred[b];
            let g = gold[a] == gold[b];
            both += u64::from(p && g);
            in_pred += u64::from(p);
            in_gold += u64::from(g);
        }
    }
    let pp = if in_pred == 0 { 1.0 } else { both as f64 / in_pred as f64 };
    let pr = if in_gold == 0 { 1.0 } else { both as f64 / in_gold as f64 };
    let (mut bp, mut br) = (0.0, 0.0);
    for a in &ids {
        let same_pred: Vec<&&str> = ids.iter().filter(|b| pred[*b] == pred[a]).collect();
        let same_gold = ids.iter().filter(|b| gold[*b] == gold[a]).count();
        let both = same_pred.iter().filter(|b| gold[**b] == gold[a]).count();
        bp += both as f64 / same_pred.len() as f64;
        br += both as f64 / same_gold as f64;
    }
    let n = ids.len().max(1) as f64;
    (pp, pr, f1(pp, pr), bp / n, br / n, f1(bp / n, br / n))
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// The whole job: `args` as on the command line, clusters to `out`, notes and scores to `err`.
pub fn run(args: &[String], out: &mut impl Write, err: &mut impl Write) -> Result<(), String> {
    let eval = args.iter().any(|a| a == "--eval");
    let skip_invalid = args.iter().any(|a| a == "--skip-invalid");
    let files: Vec<&String> = args
        .iter()
        .enumerate()
        .filter(|(i, a)| !a.starts_with("--") && (*i == 0 || args[i - 1] != "--threshold"))
        .map(|(_, a)| a)
        .collect();
    let [path] = files.as_slice() else {
        return Err("usage: dedup FILE.jsonl [--eval] [--skip-invalid] [--threshold T]".into());
    };
    let input = read(path, skip_invalid, err)?;
    let mut builder = Matcher::builder();
    if let Some(i) = args.iter().position(|a| a == "--threshold") {
        let value = args.get(i + 1).and_then(|v| v.parse().ok()).ok_or("--threshold takes a number in (0, 1]")?;
        builder = builder.threshold(value);
    }
    let matcher = builder.build().map_err(|e| e.to_string())?;
    let fingerprints: Vec<_> = input.reports.iter().map(|r| matcher.fingerprint(r)).collect();
    let clustering = matcher.cluster_fingerprints(fingerprints.clone()).map_err(|e| e.to_string())?;
    for f in &fingerprints {
        let cluster = clustering.cluster_of(f.id()).ok_or_else(|| format!("report {} lost", f.id()))?;
        // The day only when the text fixes it; otherwise the window of days the publication bounds.
        let mut line = serde_json::json!({
            "id": f.id(),
            "cluster": cluster.id,
            "event_date": f.event_day().map(|d| d.to_string()),
            "participants": f.participants(),
            "kind": f.kind().map(|k| k.name()),
            "confidence": (f64::from(cluster.confidence) * 1000.0).round() / 1000.0,
        });
        if let Some((from, to)) = f.event_window() {
            line["event_window"] = serde_json::json!([from.to_string(), to.to_string()]);
        }
        if let Some(part) = f.day_part() {
            line["day_part"] = serde_json::Value::String(part.to_string());
        }
        if let Some(order) = f.day_order() {
            line["day_order"] = serde_json::Value::String(order.to_string());
        }
        if let Some(undecided) = clustering.undecided_of(f.id()) {
            line["undecided"] = serde_json::Value::String(undecided.to_string());
        }
        writeln!(out, "{line}").map_err(|e| e.to_string())?;
    }
    if eval {
        let pred: HashMap<&str, &str> =
            input.reports.iter().map(|r| (r.id(), clustering.cluster_of(r.id()).map_or("", |c| c.id.as_str()))).collect();
        let gold: HashMap<&str, &str> = input.gold.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        if gold.is_empty() {
            return Err("--eval: no report has a gold `event` field".into());
        }
        let pred: HashMap<&str, &str> = pred.into_iter().filter(|(id, _)| gold.contains_key(id)).collect();
        let (pp, pr, pf, bp, br, bf) = pairs_f1(&pred, &gold);
        let events: BTreeMap<&str, ()> = gold.values().map(|e| (*e, ())).collect();
        let report = format!(
            "reports {} gold events {} predicted clusters {}\npairwise  P {pp:.4} R {pr:.4} F1 {pf:.4}\nb-cubed   P {bp:.4} R {br:.4} F1 {bf:.4}",
            gold.len(),
            events.len(),
            clustering.clusters().len()
        );
        writeln!(err, "{report}").map_err(|e| e.to_string())?;
    }
    Ok(())
}
