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

/// Principals and kind of short news leads: `tests/data/principals.json`.
#[test]
fn principals_and_kind_of_contact() {
    // Measured (237 cases): 232 exact principals, 233 with no mentioned leader among them, 3 kinds
    // wrong. The bars sit just below, so a regression fails.
    principals_table("principals.json", 0.95, 0.97, 0.03);
}

/// Tables written by helpers who had seen neither the code nor the first table, kept as
/// regression tests at just below what they measure today (exact principals, leads with no
/// mentioned leader among the principals; tests/data/fresh/README.md says how each was written).
#[test]
fn principals_and_kind_of_contact_fresh() {
    // fresh: 94/118 and 101; fresh3: 123/152 and 130; fresh4: 71/80 and 71; fresh5: 61/80 and 68.
    principals_table("principals_fresh.json", 0.77, 0.84, 0.03);
    principals_table("principals_fresh3.json", 0.79, 0.84, 0.06);
    principals_table("principals_fresh4.json", 0.85, 0.86, 0.06);
    principals_table("principals_fresh5.json", 0.73, 0.82, 0.06);
}

/// Runs a table of who took part and how; fails below the given shares.
fn principals_table(name: &str, min_exact: f64, min_mentioned_out: f64, max_kind_wrong: f64) {
    let matcher = Matcher::new().unwrap();
    let cases = table(name);
    let mut failures = Vec::new();
    let (mut principals_ok, mut mentioned_ok, mut kind_ok, mut kind_wrong) = (0, 0, 0, 0);
    for case in &cases {
        let text = case["text"].as_str().unwrap();
        let report = event_dedup::Report::builder("t", text).lang(lang(case)).published_date(published(case).unwrap()).build().unwrap();
        let f = matcher.fingerprint(&report);
        let ids = |key: &str| -> Vec<String> { case[key].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect() };
        let (want, mentioned) = (ids("principals"), ids("mentioned"));
        let got = f.participants().to_vec();
        let kind = f.kind().map(|k| k.name().replace(" ", "_"));
        let want_kind = case["kind"].as_str().map(str::to_string);
        principals_ok += usize::from(got == want);
        mentioned_ok += usize::from(!mentioned.iter().any(|m| got.contains(m)));
        // Unknown is better than wrong: a kind the lead does not give may stay unknown. A
        // multilateral contact read by its medium (a three-way call as a phone call) is not wrong:
        // scoring treats the two as compatible.
        let compatible = kind == want_kind || want_kind.as_deref() == Some("multilateral");
        kind_ok += usize::from(kind == want_kind);
        kind_wrong += usize::from(kind.is_some() && !compatible);
        if got != want || (kind.is_some() && !compatible) {
            failures.push(format!("  [{}] {text:?}: got {got:?} {kind:?}, want {want:?} {want_kind:?}", lang(case)));
        }
    }
    let n = cases.len() as f64;
    eprintln!(
        "{name}: principals {principals_ok}/{} ({:.3}); mentioned kept out {mentioned_ok}; kind right {kind_ok}, wrong {kind_wrong}\n{}",
        cases.len(),
        principals_ok as f64 / n,
        failures.join("\n")
    );
    assert!(cases.len() >= 80, "{name}: {} cases", cases.len());
    assert!(principals_ok as f64 / n >= min_exact, "{name}: principals exact {principals_ok}/{}", cases.len());
    assert!(mentioned_ok as f64 / n >= min_mentioned_out, "{name}: mentioned kept out {mentioned_ok}/{}", cases.len());
    assert!(kind_wrong as f64 / n <= max_kind_wrong, "{name}: kinds wrong {kind_wrong}/{}", cases.len());
}

/// A report's event date as the table writes it: the day, `--MM-DD`, or `FROM..TO` for a window.
fn show_event(f: &event_dedup::Fingerprint) -> Option<String> {
    f.event_date().map(|d| show(d.value))
}

#[test]
fn event_windows_furniture_times_and_years() {
    let matcher = Matcher::new().unwrap();
    let mut per_item: std::collections::BTreeMap<(String, Lang), usize> = Default::default();
    check("event_windows.json", 96, 24, |case| {
        let item = case["item"].as_str().unwrap().to_string();
        *per_item.entry((item.clone(), lang(case))).or_default() += 1;
        let mut b = event_dedup::Report::builder("t", case["text"].as_str().unwrap()).lang(lang(case));
        if let Some(t) = case["title"].as_str() {
            b = b.title(t);
        }
        if let Some(p) = case["published"].as_str() {
            b = b.published(p).unwrap();
        }
        let f = matcher.fingerprint(&b.build().unwrap());
        let mut wrong = Vec::new();
        let (got, want) = (show_event(&f), case["date"].as_str().map(str::to_string));
        if got != want {
            wrong.push(format!("date {got:?}, want {want:?}"));
        }
        let (got, want) = (f.day_part().map(|p| p.to_string()), case["day_part"].as_str().map(str::to_string));
        if got != want {
            wrong.push(format!("part of day {got:?}, want {want:?}"));
        }
        let (got, want) = (f.day_order().map(|o| o.to_string()), case["day_order"].as_str().map(str::to_string));
        if got != want {
            wrong.push(format!("order {got:?}, want {want:?}"));
        }
        if let Some(want) = case["participants"].as_array() {
            let want: Vec<&str> = want.iter().filter_map(Value::as_str).collect();
            if f.participants() != want.as_slice() {
                wrong.push(format!("participants {:?}, want {want:?}", f.participants()));
            }
        }
        let text = case["text"].as_str().unwrap();
        (!wrong.is_empty())
            .then(|| format!("  [{item} {}] {:?}: {}", lang(case), text.chars().take(80).collect::<String>(), wrong.join("; ")))
    });
    for item in ["window", "furniture", "time", "year"] {
        for l in Lang::ALL {
            let n = per_item.get(&(item.to_string(), l)).copied().unwrap_or(0);
            assert!(n >= 6, "{item}: {n} cases in {l}, want at least 6");
        }
    }
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
