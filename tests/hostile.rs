//! The dedup example on a hostile corpus (`tests/data/hostile.jsonl`, made by
//! `tools/generate_hostile.py`): fail fast by default, or skip and report every bad line and cluster
//! the valid reports exactly as without the bad lines.

#[allow(dead_code)]
#[path = "../examples/dedup.rs"]
mod dedup;

use std::collections::BTreeSet;
use std::path::PathBuf;

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name)
}

fn expected() -> (usize, Vec<usize>) {
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(data("hostile_expected.json")).unwrap()).unwrap();
    let invalid = v["invalid_lines"].as_array().unwrap().iter().map(|n| n.as_u64().unwrap() as usize).collect();
    (v["valid"].as_u64().unwrap() as usize, invalid)
}

fn run(args: &[&str]) -> (Result<(), String>, String, String) {
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let result = dedup::run(&args, &mut out, &mut err);
    (result, String::from_utf8(out).unwrap(), String::from_utf8(err).unwrap())
}

#[test]
fn the_corpus_is_hostile_enough() {
    let (valid, invalid) = expected();
    assert!(valid + invalid.len() >= 200);
    assert!(invalid.len() >= 50);
}

#[test]
fn by_default_the_first_bad_line_stops_the_run() {
    let (_, invalid) = expected();
    let path = data("hostile.jsonl");
    let (result, out, _) = run(&[path.to_str().unwrap()]);
    let message = result.unwrap_err();
    assert!(message.contains(&format!("line {}:", invalid[0])), "{message}");
    assert!(out.is_empty(), "nothing is written before the input is known to be good");
}

#[test]
fn with_skip_invalid_every_bad_line_is_reported_and_every_good_one_clustered() {
    let (valid, invalid) = expected();
    let path = data("hostile.jsonl");
    let (result, out, err) = run(&[path.to_str().unwrap(), "--skip-invalid"]);
    result.unwrap();
    let reported: Vec<usize> =
        err.lines().filter_map(|l| l.split(": line ").nth(1)).map(|rest| rest.split(':').next().unwrap().parse().unwrap()).collect();
    assert_eq!(reported, invalid, "every bad line, in order, once");
    let ids: Vec<String> =
        out.lines().map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].as_str().unwrap().to_string()).collect();
    assert_eq!(ids.len(), valid);
    assert_eq!(ids.iter().collect::<BTreeSet<_>>().len(), valid, "each valid report exactly once");

    // The same clusters as on the valid lines alone.
    let text = std::fs::read(&path).unwrap();
    let clean: Vec<&[u8]> =
        text.split(|&b| b == b'\n').enumerate().filter(|(i, l)| !l.is_empty() && !invalid.contains(&(i + 1))).map(|(_, l)| l).collect();
    let clean_path = std::env::temp_dir().join(format!("event-dedup-clean-{}.jsonl", std::process::id()));
    std::fs::write(&clean_path, clean.join(&b'\n')).unwrap();
    let (clean_result, clean_out, _) = run(&[clean_path.to_str().unwrap()]);
    std::fs::remove_file(&clean_path).ok();
    clean_result.unwrap();
    assert_eq!(out, clean_out);
}

#[test]
fn an_unreadable_file_is_a_clear_error() {
    let (result, _, _) = run(&["/no/such/file.jsonl"]);
    assert!(result.unwrap_err().contains("cannot open /no/such/file.jsonl"));
}
