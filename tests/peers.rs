//! A peer's date suite: the day-granular cases of Python dateparser's own tests in our four
//! languages (`../shared/peers/dateparser/cases.jsonl`, described in the README beside it).
//!
//! A case is found when one of the mentions `Matcher::find_dates` lists for its text, resolved
//! against its `published` day, is the `expected` day; a case with `expected: null` (an impossible
//! date such as `31 June 2015`) is found when no mention resolves to a day. Every case counts the
//! same: none is skipped or special-cased, so the share is the share of the whole file.
//!
//! What is knowingly left unfound (the test prints the misses): six `no_year` cases whose day lies
//! after the base date — `10 December` read on 2015-02-15, `July 13th` and `July 14th` on
//! 2000-01-01, `February 1st` on 2017-01-03, `29 Feb` on 2020-01-01 and on 1702-03-01. dateparser
//! takes the base date's year (or, for 29 February, the next leap year) even into the future; the
//! crate takes the most recent such day not after shortly past publication (2014-12-10,
//! 1999-07-13, 2016-02-01, 2016-02-29, 1696-02-29 …), which is what a news report means by a day
//! without a year. Either answer is defensible; the crate keeps its own, and the bar below is
//! still 95% of all 149 cases (at most seven misses), none left out of the count.

mod common;

use common::shared;
use event_dedup::{Date, DateRole, DateValue, Lang, Matcher};
use serde_json::Value;

/// The share of cases that must be found.
const BAR: f64 = 0.95;

#[test]
fn dateparser_cases_are_found() {
    let path = shared("peers/dateparser/cases.jsonl");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let matcher = Matcher::new().unwrap();
    let mut total = 0;
    let mut misses = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let case: Value = serde_json::from_str(line).unwrap();
        let lang: Lang = case["lang"].as_str().unwrap().parse().unwrap();
        let published = case["published"].as_str().map(|p| Date::parse(p).unwrap());
        let expected = case["expected"].as_str().map(|e| Date::parse(e).unwrap());
        let body = case["text"].as_str().unwrap();
        let (mentions, _) = matcher.find_dates(body, None, lang, published);
        let days: Vec<Date> = mentions.iter().filter_map(|m| m.value.as_ref().and_then(DateValue::day)).collect();
        let found = match expected {
            Some(e) => days.contains(&e),
            None => days.is_empty(),
        };
        total += 1;
        if !found {
            let got: Vec<String> = mentions.iter().map(|m| format!("{:?} → {:?}", m.text, m.value.map(|v| v.to_string()))).collect();
            misses.push(format!(
                "  {} [{lang}] {body:?} published {:?}: want {:?}, got [{}] {}",
                case["id"].as_str().unwrap_or("?"),
                case["published"].as_str().unwrap_or("-"),
                expected.map(|e| e.to_string()),
                got.join("; "),
                case["flags"],
            ));
        }
    }
    let share = (total - misses.len()) as f64 / total as f64;
    eprintln!("dateparser peer suite: {} of {total} found ({:.1}%)", total - misses.len(), 100.0 * share);
    for m in &misses {
        eprintln!("{m}");
    }
    assert!(share >= BAR, "dateparser peer suite: {:.1}% found, want at least {:.0}%", 100.0 * share, 100.0 * BAR);
}

/// The suite's historical dates (`12 jan 1876`, `2 ottobre 1935`) must be found. In a report, such
/// a day is an earlier event: its role (background) keeps it from the event's date, whatever its
/// year. Sentences of our own, one per language, where the old day stands first and prominent.
#[test]
fn historical_dates_are_found_as_background() {
    let matcher = Matcher::new().unwrap();
    let cases = [
        (
            Lang::En,
            Some("2020-05-09"),
            "9 May 1945. Seventy-five years on, Putin and Macron spoke by phone today.",
            "1945-05-09",
            Some("2020-05-09"),
        ),
        (
            Lang::It,
            Some("2022-10-29"),
            "28 ottobre 1922. Un secolo dopo, Meloni e Macron si sono sentiti ieri al telefono.",
            "1922-10-28",
            Some("2022-10-28"),
        ),
        (
            Lang::Vi,
            Some("2020-09-02"),
            "Ngày 2/9/1945, Chủ tịch Hồ Chí Minh đọc Tuyên ngôn Độc lập. Hôm nay, hai nhà lãnh đạo đã điện đàm.",
            "1945-09-02",
            Some("2020-09-02"),
        ),
        (
            Lang::Sl,
            Some("2020-05-09"),
            "Vojna v Evropi se je končala 9. maja 1945. Putin in Macron sta danes telefonirala.",
            "1945-05-09",
            Some("2020-05-09"),
        ),
        // No published date: the report's own latest year tells how old the day is.
        (
            Lang::En,
            None,
            "PARIS, 2 September 2019 - Macron and Duda spoke by phone, 80 years after 1 September 1939.",
            "1939-09-01",
            Some("2019-09-02"),
        ),
    ];
    for (lang, published, text, old, event) in cases {
        let (mentions, chosen) = matcher.find_dates(text, None, lang, published.map(|p| Date::parse(p).unwrap()));
        let found = mentions.iter().find(|m| m.value.is_some_and(|v| v.to_string() == old));
        let found = found.unwrap_or_else(|| panic!("[{lang}] {text:?}: {old} not found among {mentions:?}"));
        assert_eq!(found.role, DateRole::Background, "[{lang}] {text:?}");
        assert_eq!(chosen.map(|e| e.value.to_string()).as_deref(), event, "[{lang}] {text:?}");
    }
}
