//! The HTML report in a real browser: headless Chromium opens the report of the dev corpus, its
//! script applies a filter from the URL's fragment, and the DOM it dumps is checked: one event
//! card per cluster, and the filters show exactly the events of the chosen leader or language.
//!
//! Skips with a message when no Chromium is installed, unless `EVENT_DEDUP_REQUIRE_BROWSER` is set
//! (CI sets it, after installing Debian's `chromium`). `CHROMIUM` names another binary.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::shared;
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_event-dedup");

fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|p| p.is_file())
}

/// The page's DOM after its scripts ran, opened at `fragment`.
fn dump_dom(chromium: &Path, page: &Path, fragment: &str, profile: &Path) -> String {
    let url = format!("file://{}#{fragment}", page.display());
    let out = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--virtual-time-budget=5000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(&url)
        .output()
        .expect("chromium runs");
    assert!(out.status.success(), "chromium failed on {url}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// The opening tags of the event cards in a dumped DOM.
fn cards(dom: &str) -> Vec<&str> {
    dom.match_indices("<article ")
        .map(|(i, _)| &dom[i..i + dom[i..].find('>').unwrap()])
        .filter(|tag| tag.contains("class=\"event\""))
        .collect()
}

fn attribute<'a>(tag: &'a str, name: &str) -> &'a str {
    let start = tag.find(&format!(" {name}=\"")).unwrap_or_else(|| panic!("{name} in {tag}")) + name.len() + 3;
    &tag[start..start + tag[start..].find('"').unwrap()]
}

fn shown(dom: &str) -> usize {
    let body = &dom[dom.find("<body").unwrap()..];
    let body = &body[..body.find('>').unwrap()];
    attribute(body, "data-shown").parse().unwrap()
}

#[test]
fn the_html_report_of_the_dev_corpus_works_in_chromium() {
    let Some(chromium) = chromium() else {
        if std::env::var_os("EVENT_DEDUP_REQUIRE_BROWSER").is_some() {
            panic!("EVENT_DEDUP_REQUIRE_BROWSER is set but no chromium is installed (apt-get install chromium)");
        }
        // Straight to standard error, past the test harness's capture, so the skip is seen.
        use std::io::Write;
        let _ = writeln!(std::io::stderr(), "SKIPPED the browser test: no chromium on PATH (apt-get install chromium, or set CHROMIUM)");
        return;
    };
    let dir = std::env::temp_dir().join(format!("event-dedup-browser-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let page = dir.join("dev.html");
    let dev = shared("corpus/dev.jsonl");
    let status = Command::new(BIN).args(["cluster", "--format", "html", "-o"]).arg(&page).arg(&dev).status().unwrap();
    assert!(status.success());
    // The clusters, from the tool's own per-event output.
    let events = Command::new(BIN).args(["cluster", "--format", "events"]).arg(&dev).output().unwrap();
    let events: Vec<Value> = String::from_utf8(events.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(events.len() > 10);
    let has = |e: &Value, field: &str, x: &str| e[field].as_array().unwrap().iter().any(|v| v == x);

    // Every cluster is a card, all shown without a filter.
    let dom = dump_dom(&chromium, &page, "", &dir.join("profile-all"));
    let all = cards(&dom);
    assert_eq!(all.len(), events.len(), "one event card per cluster");
    assert!(all.iter().all(|tag| !tag.contains("hidden")));
    assert_eq!(shown(&dom), events.len());
    let mut ids: Vec<&str> = all.iter().map(|tag| attribute(tag, "data-cluster")).collect();
    ids.sort_unstable();
    let mut expected: Vec<&str> = events.iter().map(|e| e["cluster"].as_str().unwrap()).collect();
    expected.sort_unstable();
    assert_eq!(ids, expected);

    // A leader filter shows exactly that leader's events; a language filter, those with a report
    // in that language; both together, the events with both.
    for (fragment, keep) in [
        ("leader=putin", Box::new(|e: &Value| has(e, "participants", "putin")) as Box<dyn Fn(&Value) -> bool>),
        ("lang=vi", Box::new(|e: &Value| has(e, "languages", "vi"))),
        ("leader=macron&lang=sl", Box::new(|e: &Value| has(e, "participants", "macron") && has(e, "languages", "sl"))),
    ] {
        let dom = dump_dom(&chromium, &page, fragment, &dir.join(format!("profile-{}", fragment.replace(['=', '&'], "-"))));
        let visible: Vec<&str> =
            cards(&dom).into_iter().filter(|tag| !tag.contains(" hidden")).map(|tag| attribute(tag, "data-cluster")).collect();
        let mut want: Vec<&str> = events.iter().filter(|e| keep(e)).map(|e| e["cluster"].as_str().unwrap()).collect();
        want.sort_unstable();
        let mut got = visible.clone();
        got.sort_unstable();
        assert!(!want.is_empty() && want.len() < events.len(), "{fragment}: a filter that filters");
        assert_eq!(got, want, "{fragment}");
        assert_eq!(shown(&dom), want.len(), "{fragment}: the count shown");
    }
    std::fs::remove_dir_all(&dir).ok();
}
