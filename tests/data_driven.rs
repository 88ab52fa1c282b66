//! Data-driven tests: tables of cases under `tests/data/`, run by one binary.

use std::collections::BTreeSet;

use event_dedup::{Date, DateSource, DateValue, Lang, Matcher};
use serde_json::Value;

fn table(name: &str) -> Vec<Value> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let v: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    v["cases"].as_array().expect("a `cases` array").clone()
}

fn lang(case: &Value) -> Lang {
    case["lang"].as_str().unwrap().parse().unwrap()
}

fn published(case: &Value) -> Option<Date> {
    case["published"].as_str().map(|p| Date::parse(p).unwrap())
}

/// `YYYY-MM-DD`, `--MM-DD` for a day without a year, `..` for a window.
fn show(v: DateValue) -> String {
    match v {
        DateValue::DayMonth { month, day } => format!("--{month:02}-{day:02}"),
        other => other.to_string(),
    }
}

/// Runs every case, collects the failures, and fails once with all of them.
fn check(name: &str, minimum: usize, per_lang: usize, mut run: impl FnMut(&Value) -> Option<String>) {
    let cases = table(name);
    assert!(cases.len() >= minimum, "{name}: {} cases, want at least {minimum}", cases.len());
    for l in Lang::ALL {
        let n = cases.iter().filter(|c| lang(c) == l).count();
        assert!(n >= per_lang, "{name}: {n} cases in {l}, want at least {per_lang}");
    }
    let failures: Vec<String> = cases.iter().filter_map(&mut run).collect();
    assert!(failures.is_empty(), "{name}: {} of {} cases fail:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

#[test]
fn date_expressions() {
    let matcher = Matcher::new().unwrap();
    check("date_expressions.json", 300, 60, |case| {
        let text = case["text"].as_str().unwrap();
        let (mentions, _) = matcher.find_dates(text, None, lang(case), published(case));
        let values: BTreeSet<String> = mentions.iter().filter_map(|m| m.value).map(show).collect();
        let want: BTreeSet<String> = case["expect"].as_str().map(str::to_string).into_iter().collect();
        (values != want).then(|| format!("  [{}] {:?} published {:?}: got {values:?}, want {want:?}", lang(case), text, case["published"]))
    });
}

#[test]
fn event_dates_of_snippets() {
    let matcher = Matcher::new().unwrap();
    check("event_date_snippets.json", 60, 12, |case| {
        let text = case["text"].as_str().unwrap();
        let title = case["title"].as_str();
        let (_, event) = matcher.find_dates(text, title, lang(case), published(case));
        // A date that only repeats the published day is not a date the text tells.
        let got = event.filter(|e| e.source != DateSource::Published).map(|e| show(e.value));
        let want = case["expect"].as_str().map(str::to_string);
        (got != want).then(|| format!("  [{}] {:?}: got {got:?}, want {want:?}", lang(case), &text[..text.len().min(70)]))
    });
}

#[test]
fn lexicon_phrases() {
    let matcher = Matcher::new().unwrap();
    check("lexicon_phrases.json", 400, 90, |case| {
        let text = case["text"].as_str().unwrap();
        let got: Vec<String> = matcher.recognise(text, lang(case)).into_iter().map(|r| r.id).collect();
        let want: Vec<String> = case["expect"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect();
        (got != want).then(|| format!("  [{}] {text:?}: got {got:?}, want {want:?}", lang(case)))
    });
}

#[test]
fn office_titles_resolve_by_date() {
    let matcher = Matcher::new().unwrap();
    check("office_titles.json", 32, 8, |case| {
        let text = case["text"].as_str().unwrap();
        let report = event_dedup::Report::builder("t", text).lang(lang(case)).published_date(published(case).unwrap()).build().unwrap();
        let got = matcher.fingerprint(&report).participants().to_vec();
        let want: Vec<String> = case["expect"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect();
        (got != want).then(|| format!("  [{}] {text:?} {}: got {got:?}, want {want:?}", lang(case), case["published"]))
    });
}

#[test]
fn specificity_and_timeline_bounds() {
    let matcher = Matcher::new().unwrap();
    check("specificity.json", 40, 8, |case| {
        let text = case["text"].as_str().unwrap();
        let mut builder = event_dedup::Report::builder("t", text).lang(lang(case));
        if let Some(p) = published(case) {
            builder = builder.published_date(p);
        }
        let fp = matcher.fingerprint(&builder.build().unwrap());
        let weights: Vec<(String, f32)> = fp.weighted_concepts().map(|(c, w)| (c.to_string(), w)).collect();
        let weight = |id: &str| weights.iter().find(|(c, _)| c == id).map(|(_, w)| *w);
        let mut wrong = Vec::new();
        for (key, ok) in [("specific", (|w: f32| w >= 1.5) as fn(f32) -> bool), ("generic", |w: f32| w <= 0.5)] {
            for id in case[key].as_array().unwrap().iter().map(|v| v.as_str().unwrap()) {
                match weight(id) {
                    Some(w) if ok(w) => {}
                    got => wrong.push(format!("{key} {id}: weight {got:?}")),
                }
            }
        }
        let bound = fp.not_before().map(|d| d.to_string());
        if bound.as_deref() != case["not_before"].as_str() {
            wrong.push(format!("not_before {bound:?}, want {}", case["not_before"]));
        }
        (!wrong.is_empty()).then(|| format!("  [{}] {text:?}: {} (concepts {weights:?})", lang(case), wrong.join("; ")))
    });
}
