//! Numbers with units: "a 30-day ceasefire", "70 minutes", "$350 billion", "1,000 prisoners".
//!
//! A quantity is a specific detail: two reports of one contact share it, two reports of different
//! contacts rarely do. Each becomes a topic key `qty:VALUE UNIT` that is the same in every language
//! (`qty:70 minute` for "70 minutes", "70 minuti", "70 phút", "70 minut"), weighed like a place.
//! A number counts only with a unit, a scale word or a concept noun after it, so years, dates, clock
//! times, ordinals and list numbers are not quantities.

use std::sync::{Arc, OnceLock};

use super::Part;
use crate::knowledge::{phrase_keys, Entity, Knowledge};
use crate::lang::cues::Word;
use crate::lang::{module, Lang, LangData};
use crate::text::phrase::PhraseTable;
use crate::text::TokenKind;

const UNITS: &str = include_str!("../../data/units.txt");

/// Weight of a quantity of at least [`SMALL`]: as specific as a place.
pub(crate) const QUANTITY_WEIGHT: f32 = 2.0;
/// Weight of a small quantity ("two hours", "3 days"): such numbers coincide more often by chance.
pub(crate) const SMALL_QUANTITY_WEIGHT: f32 = 1.0;
const SMALL: f64 = 10.0;

/// What a unit word is.
#[derive(Debug, Clone, PartialEq)]
enum Unit {
    Scale(f64),
    Named(Box<str>),
}

/// What a form of `data/units.txt` is used as, from its mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Use {
    /// Unmarked: a quantity's unit and, in a `span.N` row, a unit of elapsed time.
    Both,
    /// `@span`: only a unit of elapsed time.
    Span,
    /// `@one`: only a unit of elapsed time that means one unit by itself.
    One,
    /// `@quantity`: only a quantity's unit.
    Quantity,
}

/// One unit of `data/units.txt`.
struct UnitRow {
    unit: Unit,
    /// `span.N`: a unit of elapsed time of N days.
    span: Option<u32>,
    /// The forms of each language (in [`Lang::index`] order) with their use.
    forms: [Vec<(&'static str, Use)>; 4],
}

/// The rows of `data/units.txt`, parsed once.
fn rows() -> &'static [UnitRow] {
    static ROWS: OnceLock<Vec<UnitRow>> = OnceLock::new();
    ROWS.get_or_init(|| {
        let mut rows = Vec::new();
        for line in UNITS.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
            let cells: Vec<&'static str> = line.split('|').map(str::trim).collect();
            let [head, langs @ ..] = cells.as_slice() else { continue };
            let mut head = head.split_whitespace();
            let id = head.next().unwrap_or("");
            let span = head.next().map(|s| {
                s.strip_prefix("span.").and_then(|n| n.parse().ok()).expect("data/units.txt: `span.N` with a number of days after the unit")
            });
            let unit = match id.strip_prefix("scale.") {
                Some(n) => Unit::Scale(n.parse().expect("data/units.txt: scale.N with a number")),
                None => Unit::Named(id.into()),
            };
            let mut forms: [Vec<(&'static str, Use)>; 4] = Default::default();
            for (lang, cell) in [Lang::En, Lang::It, Lang::Vi, Lang::Sl].into_iter().zip(langs) {
                for form in cell.split(';').map(str::trim).filter(|f| !f.is_empty()) {
                    let marked = [("@span", Use::Span), ("@one", Use::One), ("@quantity", Use::Quantity)]
                        .into_iter()
                        .find_map(|(mark, use_)| form.strip_suffix(mark).map(|f| (f.trim_end(), use_)));
                    forms[lang.index()].push(marked.unwrap_or((form, Use::Both)));
                }
            }
            rows.push(UnitRow { unit, span, forms });
        }
        rows
    })
}

fn tables() -> &'static [PhraseTable<Unit>; 4] {
    static TABLES: OnceLock<[PhraseTable<Unit>; 4]> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut tables: [PhraseTable<Unit>; 4] = Default::default();
        for row in rows() {
            for lang in [Lang::En, Lang::It, Lang::Vi, Lang::Sl] {
                for &(form, _) in row.forms[lang.index()].iter().filter(|f| matches!(f.1, Use::Both | Use::Quantity)) {
                    tables[lang.index()].insert(phrase_keys(lang, form), row.unit.clone(), false);
                }
            }
        }
        tables
    })
}

/// The units of elapsed time of `lang` ("days" in "six days ago"), from the `span.N` rows of
/// `data/units.txt`: each form with its number of days and whether it means one unit by itself.
/// The forms that need a number come first, row by row, then those that do not.
pub(crate) fn span_units(lang: Lang) -> Vec<(&'static str, u32, bool)> {
    let spans = || rows().iter().filter_map(|r| Some((r, r.span?)));
    let need_number = spans().flat_map(|(r, days)| {
        r.forms[lang.index()].iter().filter(|f| matches!(f.1, Use::Both | Use::Span)).map(move |&(form, _)| (form, days, false))
    });
    let alone =
        spans().flat_map(|(r, days)| r.forms[lang.index()].iter().filter(|f| f.1 == Use::One).map(move |&(form, _)| (form, days, true)));
    need_number.chain(alone).collect()
}

/// Words before a number that make it a clock time ("at 13", `lúc 13 giờ`, `alle 13`, `ob 13. uri`):
/// `clock_word` in `data/lang/xx.txt`, lower-cased.
fn clock_word(lang: Lang, lower: &str) -> bool {
    static WORDS: OnceLock<[Vec<String>; 4]> = OnceLock::new();
    let words = WORDS.get_or_init(|| {
        Lang::ALL.map(|lang| {
            // The embedded files are checked by a unit test; a broken one has no clock words.
            let data = LangData::parse(lang.code(), module(lang).data()).unwrap_or_default();
            data.get("clock_word").iter().map(|w| w.to_lowercase()).collect()
        })
    });
    words[lang.index()].iter().any(|w| w == lower)
}

/// The quantities of one part, as `(key, weight)`.
pub(crate) fn quantities(part: &Part, lang: Lang, knowledge: &Knowledge) -> Vec<(Arc<str>, f32)> {
    let t = &part.tokens;
    let n = t.len();
    let glued = |i: usize| i > 0 && i < n && !t[i].space_before && t[i].sentence == t[i - 1].sentence;
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        if t[i].kind != TokenKind::Number || part.noise(i) {
            i += 1;
            continue;
        }
        let start = i;
        // Digits in groups: `1,000`, `1.000`, `2.5`, `2,5`; a group of three digits is thousands.
        let mut digits = t.text(i).to_string();
        let mut fraction = String::new();
        i += 1;
        while i + 1 < n
            && (t[i].is_punct(',') || t[i].is_punct('.'))
            && glued(i)
            && t[i + 1].kind == TokenKind::Number
            && glued(i + 1)
            && fraction.is_empty()
        {
            let group = t.text(i + 1);
            if group.len() == 3 {
                digits.push_str(group);
            } else {
                fraction = group.to_string();
            }
            i += 2;
        }
        let end = i;
        // Part of a date, a time or a score (`13/5`, `14:15`, `2-1`), or a list number: not a quantity.
        let joined = |k: usize| k < n && (t[k].is_punct('/') || t[k].is_punct(':')) && glued(k);
        if (start > 0 && (joined(start - 1) || t[start - 1].kind == TokenKind::Number))
            || joined(end)
            || (start > 0 && clock_word(lang, t.lower(start - 1)))
            || part
                .words_ending_at(start)
                .any(|&(_, _, w)| matches!(w, Word::DayIntro | Word::MonthIntro | Word::YearIntro | Word::Month(_) | Word::Weekday(_)))
        {
            continue;
        }
        let Ok(mut value) = format!("{digits}.{}", if fraction.is_empty() { "0" } else { &fraction }).parse::<f64>() else {
            continue;
        };
        let currency = start > 0 && matches!(t[start - 1].kind, TokenKind::Punct('$' | '€' | '£'));
        let mut j = end;
        // "30-day": a hyphen glued on both sides joins number and unit.
        if j + 1 < n && t[j].is_punct('-') && glued(j) && glued(j + 1) {
            j += 1;
        }
        let mut scaled = false;
        let mut unit: Option<Box<str>> = None;
        let keys: Vec<&str> = (j..n.min(j + 4)).take_while(|&k| t[k].is_word()).map(|k| &*part.keys[k].1).collect();
        let mut k = 0;
        while k < keys.len() {
            let found = tables()[lang.index()].find(&keys[k..], &vec![true; keys.len() - k], &vec![false; keys.len() - k]);
            let Some(m) = found.into_iter().find(|m| m.start == 0) else { break };
            match m.value {
                Unit::Scale(s) if !scaled && unit.is_none() => {
                    value *= s;
                    scaled = true;
                }
                Unit::Named(u) if unit.is_none() => unit = Some(u.clone()),
                _ => break,
            }
            k += m.end;
        }
        // A unit word followed by a number is a date part (`ngày 13 tháng 5 năm 2023`), not a unit.
        if unit.is_some() && j + k < n && t[j + k].kind == TokenKind::Number {
            continue;
        }
        if unit.is_none() && j + k < n && t[j + k].is_punct('%') && glued(j + k) {
            unit = Some("percent".into());
        }
        // A bare four-digit number that could be a year ("the 2014 sanctions") is no quantity
        // unless a unit says what it counts.
        let year_like = end == start + 1 && !scaled && t.text(start).len() == 4 && (1000.0..=2100.0).contains(&value);
        if unit.is_none() && !year_like {
            // A noun of the concept lexicon right after the number: "1,000 prisoners".
            let at = j + k;
            unit = part.entities.iter().find(|(s, _, _)| *s == at).and_then(|&(_, _, e)| match e {
                Entity::Concept(c) => Some(knowledge.concepts[c as usize].id.to_string().into_boxed_str()),
                _ => None,
            });
        }
        if unit.is_none() && currency {
            unit = Some(
                match t[start - 1].kind {
                    TokenKind::Punct('€') => "euro",
                    TokenKind::Punct('£') => "pound",
                    _ => "dollar",
                }
                .into(),
            );
        }
        if unit.is_none() && !scaled {
            continue;
        }
        let shown = if value.fract() == 0.0 && value < 1e18 { format!("{}", value as u64) } else { format!("{value:.2}") };
        let key = match &unit {
            Some(u) => format!("qty:{shown} {u}"),
            None => format!("qty:{shown}"),
        };
        let weight = if value < SMALL { SMALL_QUANTITY_WEIGHT } else { QUANTITY_WEIGHT };
        out.push((Arc::from(key), weight));
    }
    out
}
