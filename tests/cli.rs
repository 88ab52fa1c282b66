//! The `event-dedup` binary, run as a user would: help, flags, exit codes, formats, explain,
//! language detection, streaming with a window and a snapshot.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use common::{read_labelled, shared};
use event_dedup::Matcher;
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_event-dedup");

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    if let Some(bytes) = stdin {
        child.stdin.take().unwrap().write_all(bytes).unwrap();
    }
    child.wait_with_output().unwrap()
}

fn ok(args: &[&str], stdin: Option<&[u8]>) -> String {
    let out = run(args, stdin);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn lines(text: &str) -> Vec<Value> {
    text.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn dev() -> PathBuf {
    shared("corpus/dev.jsonl")
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("event-dedup-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

#[test]
fn every_subcommand_has_help_and_unknown_flags_are_refused() {
    for sub in [vec![], vec!["cluster"], vec!["explain"], vec!["dates"], vec!["fingerprint"], vec!["stream"]] {
        let mut args = sub.clone();
        args.push("--help");
        let text = ok(&args, None);
        assert!(text.contains("Usage: event-dedup"), "{sub:?}");
        assert!(text.contains("Exit codes"), "{sub:?}");
        let mut args = sub.clone();
        args.push("--csv");
        let out = run(&args, None);
        assert_eq!(out.status.code(), Some(2), "{sub:?}: an unknown flag is a usage error");
        assert!(String::from_utf8_lossy(&out.stderr).contains("--csv"));
    }
    assert_eq!(run(&["cluster", "--threshold", "1.5", path(&dev())], None).status.code(), Some(2));
    assert_eq!(run(&["stream", "--window", "0"], None).status.code(), Some(2));
}

#[test]
fn cluster_writes_one_line_per_report_with_the_library_clusters_and_rounded_confidences() {
    let out = ok(&["cluster", path(&dev())], None);
    let rows = lines(&out);
    let (reports, _) = read_labelled(&dev());
    assert_eq!(rows.len(), reports.len());
    let clustering = Matcher::new().unwrap().cluster(&reports).unwrap();
    for (row, report) in rows.iter().zip(&reports) {
        assert_eq!(row["id"], report.id(), "input order");
        assert_eq!(row["cluster"], clustering.cluster_of(report.id()).unwrap().id.as_str());
        let confidence = row["confidence"].to_string();
        assert!(confidence.split('.').nth(1).is_none_or(|d| d.len() <= 3), "rounded: {confidence}");
    }
    // Standard input gives the same.
    let bytes = std::fs::read(dev()).unwrap();
    assert_eq!(ok(&["cluster", "-"], Some(&bytes)), out);
    assert_eq!(ok(&["cluster"], Some(&bytes)), out);
}

#[test]
fn events_carry_summary_members_and_the_reason_of_each_merge() {
    let (reports, _) = read_labelled(&dev());
    let clustering = Matcher::new().unwrap().cluster(&reports).unwrap();
    let events = lines(&ok(&["cluster", "--format", "events", path(&dev())], None));
    assert_eq!(events.len(), clustering.clusters().len());
    for (e, c) in events.iter().zip(clustering.clusters()) {
        assert_eq!(e["cluster"], c.id.as_str());
        assert_eq!(e["members"].as_array().unwrap().len(), c.members.len());
        let merges = e["merges"].as_array().unwrap();
        assert_eq!(merges.len(), c.members.len() - 1, "{}", c.id);
        for m in merges {
            assert!(m["reason"].as_str().unwrap().contains("participants"), "{m}");
        }
        assert!(!e["languages"].as_array().unwrap().is_empty());
        assert!(e["members"][0]["first_line"].as_str().is_some_and(|s| !s.is_empty()));
    }
    // The output file option writes the same.
    let file = temp("events.jsonl");
    ok(&["cluster", "-f", "events", "-o", path(&file), path(&dev())], None);
    assert_eq!(lines(&std::fs::read_to_string(&file).unwrap()), events);
}

#[test]
fn csv_in_and_out() {
    let (reports, _) = read_labelled(&dev());
    let file = temp("dev.csv");
    let mut w = csv::Writer::from_path(&file).unwrap();
    w.write_record(["id", "title", "text", "lang", "published"]).unwrap();
    for r in &reports {
        let published = r.published().map(|d| d.to_string()).unwrap_or_default();
        w.write_record([r.id(), r.title().unwrap_or(""), r.text(), r.lang().unwrap().code(), &published]).unwrap();
    }
    w.flush().unwrap();
    drop(w);
    let from_csv = ok(&["cluster", path(&file)], None);
    assert_eq!(from_csv, ok(&["cluster", path(&dev())], None), "CSV input clusters as JSON Lines");
    let bytes = std::fs::read(&file).unwrap();
    assert_eq!(ok(&["cluster", "-"], Some(&bytes)), from_csv, "CSV on standard input is recognised");

    let out = ok(&["cluster", "--format", "csv", path(&dev())], None);
    let mut r = csv::Reader::from_reader(out.as_bytes());
    let headers: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(headers[..3], ["id", "cluster", "event_date"]);
    assert_eq!(r.records().count(), reports.len());
}

#[test]
fn bad_input_has_its_own_exit_code_and_line_number() {
    let input = b"{\"id\":\"a\",\"text\":\"Putin and Macron spoke by phone.\",\"lang\":\"en\"}\n{\"id\":\"b\"}\n";
    let out = run(&["cluster", "-"], Some(input));
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 2"), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stdout.is_empty());
    let out = run(&["cluster", "--skip-invalid", "-"], Some(input));
    assert!(out.status.success());
    assert_eq!(lines(&String::from_utf8(out.stdout).unwrap()).len(), 1);
    let out = run(&["cluster", "/no/such/file.jsonl"], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot open /no/such/file.jsonl"));
}

#[test]
fn a_text_in_no_supported_language_is_an_error_not_a_guess() {
    let french = "{\"id\":\"fr\",\"text\":\"Vladimir Poutine et Emmanuel Macron se sont entretenus samedi au téléphone sur le Haut-Karabakh et la Libye.\"}\n";
    let out = run(&["cluster", "-"], Some(french.as_bytes()));
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("none of the supported languages") && err.contains("French"), "{err}");
    // Given a language, it is analysed as asked.
    let forced = french.replace("\"text\"", "\"lang\":\"it\",\"text\"");
    assert!(run(&["cluster", "-"], Some(forced.as_bytes())).status.success());
    // An Italian text without a language is detected.
    let italian =
        "{\"id\":\"it\",\"text\":\"Vladimir Putin ha avuto una conversazione telefonica con il presidente francese Emmanuel Macron.\"}\n";
    assert_eq!(lines(&ok(&["cluster", "-"], Some(italian.as_bytes())))[0]["lang"], "it");
}

/// Writes JSON lines of English reports `(id, text, published)` to a temporary file.
fn reports_file(name: &str, reports: &[(&str, &str, Option<&str>)]) -> PathBuf {
    let file = temp(name);
    let lines: Vec<String> = reports
        .iter()
        .map(|(id, text, published)| serde_json::json!({"id": id, "lang": "en", "text": text, "published": published}).to_string())
        .collect();
    std::fs::write(&file, lines.join("\n")).unwrap();
    file
}

#[test]
fn explain_tells_what_kept_a_matching_pair_apart() {
    // b has no day of its own and fits c (9 November) clearly better than a (7 November): it joins
    // c, and a, which matches b on its own, is kept apart by its conflict with c.
    let about = "Vladimir Putin and Emmanuel Macron spoke by phone about Libya, the ceasefire in Nagorno-Karabakh, refugees and the Russian peacekeepers.";
    let file = reports_file(
        "apart.jsonl",
        &[
            ("a", "On November 7, 2020 Vladimir Putin and Emmanuel Macron spoke by phone about the ceasefire in Nagorno-Karabakh.", None),
            ("b", about, None),
            ("c", &format!("On November 9, 2020 {about}"), None),
        ],
    );
    let out = ok(&["explain", path(&file), "a", "b"], None);
    assert!(out.contains("same event: true") && out.contains("in two clusters"), "{out}");
    assert!(out.contains("kept apart: a (of the first one's cluster) and c (of the second one's)"), "{out}");
    assert!(out.contains("different days (2020-11-07 vs 2020-11-09)"), "{out}");
    let json: Value = serde_json::from_str(&ok(&["explain", "--json", path(&file), "a", "b"], None)).unwrap();
    assert_eq!(json["same_event"], true);
    assert_eq!(json["same_cluster"], false);
    assert!(json["kept_apart"].as_str().unwrap().contains("different days"));
    let score = json["score"].to_string();
    assert!(score.split('.').nth(1).is_none_or(|d| d.len() <= 3), "rounded: {score}");

    // When b fits both about equally, it is left alone, and explain says so.
    let file = reports_file(
        "undecided.jsonl",
        &[("a", &format!("On November 7, 2020 {about}"), None), ("b", about, None), ("c", &format!("On November 9, 2020 {about}"), None)],
    );
    let out = ok(&["explain", path(&file), "a", "b"], None);
    assert!(out.contains("b is left alone: fits"), "{out}");
    assert_eq!(run(&["explain", path(&file), "a", "nope"], None).status.code(), Some(3));
}

#[test]
fn explain_tells_both_days_when_they_differ() {
    let file = reports_file(
        "days.jsonl",
        &[
            (
                "a",
                "MOSCOW, November 7. /TASS/. Vladimir Putin and Emmanuel Macron discussed Libya and Nagorno-Karabakh by phone.",
                Some("2020-11-07"),
            ),
            ("b", "Vladimir Putin and Emmanuel Macron discussed Libya and Nagorno-Karabakh by phone.", Some("2020-11-08")),
        ],
    );
    let days: Vec<String> = lines(&ok(&["fingerprint", "--json", path(&file)], None))
        .iter()
        .map(|f| f["event_date"]["value"].as_str().unwrap().to_string())
        .collect();
    assert_ne!(days[0], days[1]);
    let out = ok(&["explain", path(&file), "a", "b"], None);
    assert!(out.contains("same event: true"), "{out}");
    assert!(out.contains(&format!("{} (dateline) and {} (published date)", days[0], days[1])), "both days: {out}");
}

#[test]
fn dates_and_fingerprint_inspect_reports() {
    let demo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/data/demo.jsonl");
    let out = ok(&["dates", path(&demo), "--id", "demo-en-1"], None);
    assert!(out.starts_with("demo-en-1 [en]") && out.contains("event date: 2022-09-13"), "{out}");
    let out = lines(&ok(&["fingerprint", "--json", path(&demo)], None));
    assert_eq!(out.len(), 12);
    assert_eq!(out[0]["participants"], serde_json::json!(["putin", "scholz"]));
    assert_eq!(run(&["fingerprint", path(&demo), "--id", "missing"], None).status.code(), Some(3));
}

#[test]
fn html_is_one_self_contained_page_with_a_card_per_event() {
    let (reports, _) = read_labelled(&dev());
    let clusters = Matcher::new().unwrap().cluster(&reports).unwrap().clusters().len();
    let page = ok(&["cluster", "--format", "html", path(&dev())], None);
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert_eq!(page.matches("<article class=\"event\"").count(), clusters);
    for asset in ["<link", " src=", "@import", "url("] {
        assert!(!page.contains(asset), "no external asset ({asset})");
    }
    assert!(page.contains("id=\"leader\"") && page.contains("id=\"lang\""));
}

#[test]
fn stream_assigns_as_lines_come_keeps_a_window_and_restores_a_snapshot() {
    let text = std::fs::read_to_string(dev()).unwrap();
    let all: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let whole = lines(&ok(&["stream"], Some(text.as_bytes())));
    assert_eq!(whole.len(), all.len());
    assert!(whole[0]["new_event"].as_bool().unwrap());
    assert!(whole.iter().all(|a| a["members"].as_array().is_some() && a.get("participants").is_some()));

    // Half, save, restore, the other half: the same final assignments.
    let snapshot = temp("index.snapshot");
    std::fs::remove_file(&snapshot).ok();
    let (first, rest) = all.split_at(50);
    ok(&["stream", "--snapshot", path(&snapshot)], Some(first.join("\n").as_bytes()));
    assert!(snapshot.exists());
    let second = lines(&ok(&["stream", "--snapshot", path(&snapshot)], Some(rest.join("\n").as_bytes())));
    assert_eq!(second, whole[50..], "a restored index goes on as the one that never stopped");

    // With a window, an older report is refused and said so.
    let call = |id: &str, day: &str| {
        format!("{{\"id\":\"{id}\",\"lang\":\"en\",\"published\":\"{day}\",\"text\":\"Vladimir Putin and Emmanuel Macron spoke by phone today about Libya.\"}}\n")
    };
    let input = [call("new", "2020-11-20"), call("old", "2020-11-07")].concat();
    let out = lines(&ok(&["stream", "--window", "7"], Some(input.as_bytes())));
    assert_eq!(out[1]["status"], "outside_window");
    assert_eq!(out[1]["window_start"], "2020-11-13");
    // A bad line is reported, the rest goes on, and the exit code says so.
    let input = [call("a", "2020-11-20"), "{oops\n".to_string(), call("b", "2020-11-20")].concat();
    let out = run(&["stream"], Some(input.as_bytes()));
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(lines(&String::from_utf8(out.stdout).unwrap()).len(), 2);
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 2"));
}

#[test]
fn the_hostile_corpus_is_clustered_or_refused_line_by_line() {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/hostile.jsonl");
    let total = std::fs::read(&file).unwrap().split(|&b| b == b'\n').filter(|l| !l.iter().all(u8::is_ascii_whitespace)).count();
    let out = run(&["cluster", "--skip-invalid", path(&file)], None);
    assert!(out.status.success());
    let clustered = String::from_utf8(out.stdout).unwrap().lines().count();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let skipped = stderr.lines().filter(|l| l.starts_with("skipped ")).count();
    assert_eq!(clustered + skipped, total, "every line clustered or skipped, once");
    // Junk without a language (empty bodies, navigation pages, control characters) is refused, not guessed.
    assert!(stderr.contains("there is no word to tell the language from"));
    assert!(stderr.contains("no common word of any of them"));
    assert_eq!(run(&["cluster", path(&file)], None).status.code(), Some(3));
}
