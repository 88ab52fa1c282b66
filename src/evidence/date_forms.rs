//! Date forms in text: absolute dates (`7 novembre 2020`, `2020-11-07`, `26/6`, `Dec. 22`),
//! relative words and weekdays, and their resolution against the published date.
//! A new date form is added here, with its words in `data/lang/xx.txt`.

use crate::date::{Date, DateSource, DateValue};
use crate::lang::cues::Word;
use crate::text::{Token, TokenKind, Tokens};

/// What a date expression says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Said {
    Absolute {
        year: Option<i32>,
        month: u32,
        day: u32,
    },
    Relative(i64),
    /// An adjective such as `današnji` (today's): the same day, weaker evidence.
    RelativeAdjective(i64),
    Weekday {
        weekday: u32,
        last: bool,
    },
}

/// A date expression found in a report.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Mention {
    pub start: usize,
    pub end: usize,
    pub said: Said,
}

fn year_of(n: u32, digits: usize) -> Option<i32> {
    match digits {
        4 if (1900..=2100).contains(&n) => Some(n as i32),
        2 => Some(2000 + n as i32),
        _ => None,
    }
}

fn valid(month: u32, day: u32) -> bool {
    (1..=12).contains(&month) && (1..=31).contains(&day) && Date::new(2020, month, day).is_some()
}

/// Finds date expressions in tokens. `words` are the cue words found by [`Calendar::find`].
pub(crate) fn mentions(tokens: &Tokens, words: &[(usize, usize, Word)], day_first: bool) -> Vec<Mention> {
    let mut word_at: Vec<Option<(usize, Word)>> = vec![None; tokens.len()];
    for &(s, e, w) in words {
        if word_at[s].is_none() || matches!(w, Word::Month(_) | Word::Weekday(_) | Word::Relative(_) | Word::RelativeAdjective(_)) {
            word_at[s] = Some((e, w));
        }
    }
    let num = |i: usize| tokens.get(i).and_then(Token::number);
    let digits = |i: usize| tokens.get(i).filter(|t| t.kind == TokenKind::Number).map_or(0, |t| t.chars as usize);
    let punct = |i: usize, c: char| tokens.get(i).is_some_and(|t| t.is_punct(c));
    let month_at = |i: usize| match word_at.get(i).copied().flatten() {
        Some((e, Word::Month(m))) => Some((e, m)),
        _ => None,
    };
    let year_after = |i: usize| -> Option<(usize, i32)> {
        let j = if punct(i, ',') { i + 1 } else { i };
        let n = num(j)?;
        (digits(j) == 4).then(|| year_of(n, 4)).flatten().map(|y| (j + 1, y))
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        let mut found: Option<(usize, Said)> = None;
        if let Some(n1) = t.number() {
            // 2020-11-07
            if digits(i) == 4 && punct(i + 1, '-') && punct(i + 3, '-') {
                if let (Some(m), Some(d)) = (num(i + 2), num(i + 4)) {
                    if valid(m, d) {
                        found = Some((i + 5, Said::Absolute { year: year_of(n1, 4), month: m, day: d }));
                    }
                }
            }
            // 7/11/2020, 26/6, 26. 6. 2020
            let sep = ['/', '.'].into_iter().find(|c| punct(i + 1, *c));
            if let (None, Some(sep), Some(n2)) = (found, sep, num(i + 2)) {
                let year = (punct(i + 3, sep) && num(i + 4).is_some()).then(|| year_of(num(i + 4).unwrap_or(0), digits(i + 4))).flatten();
                let (mut d, mut m) = if day_first { (n1, n2) } else { (n2, n1) };
                if !valid(m, d) && valid(d, m) {
                    std::mem::swap(&mut d, &mut m);
                }
                let preceded = i > 0
                    && (tokens[i - 1].is_punct('/')
                        || tokens[i - 1].is_punct('.') && tokens.get(i.wrapping_sub(2)).is_some_and(|p| p.number().is_some()));
                let glued = tokens.get(i + 1).is_some_and(|p| !p.space_before) && tokens.get(i + 2).is_some_and(|p| !p.space_before);
                let ok = valid(m, d) && !preceded && digits(i) <= 2 && digits(i + 2) <= 2 && (sep == '/' && glued || year.is_some());
                if ok {
                    let end = if year.is_some() { i + 5 } else { i + 3 };
                    found = Some((end, Said::Absolute { year, month: m, day: d }));
                }
            }
            // 7 novembre 2020, 26. junija, 7th of November, 26 tháng 6 năm 2020
            if found.is_none() && n1 <= 31 && digits(i) <= 2 {
                let mut j = i + 1;
                // `26.`, `1°`, `1º` (the ordinal indicator is a letter to Unicode)
                if punct(j, '.') || tokens.get(j).is_some_and(|t| !t.space_before && matches!(tokens.text(j), "°" | "º" | "ª")) {
                    j += 1;
                }
                if tokens.get(j).is_some_and(|t| matches!(tokens.lower(j), "st" | "nd" | "rd" | "th") && !t.space_before) {
                    j += 1;
                }
                if j < tokens.len() && tokens.lower(j) == "of" {
                    j += 1;
                }
                let month = match (month_at(j), word_at.get(j).copied().flatten()) {
                    (Some((e, m)), _) => Some((e, m)),
                    (None, Some((e, Word::MonthIntro))) => {
                        num(e).filter(|m| (1..=12).contains(m) && !punct(e + 1, '/')).map(|m| (e + 1, m))
                    }
                    _ => None,
                };
                if let Some((e, m)) = month {
                    if valid(m, n1) {
                        let mut e = e;
                        if punct(e, '.') {
                            e += 1;
                        }
                        let (end, year) = match (year_after(e), word_at.get(e).copied().flatten()) {
                            (Some((end, y)), _) => (end, Some(y)),
                            (None, Some((ye, Word::YearIntro))) => match num(ye).and_then(|n| year_of(n, digits(ye))) {
                                Some(y) => (ye + 1, Some(y)),
                                None => (e, None),
                            },
                            _ => (e, None),
                        };
                        found = Some((end, Said::Absolute { year, month: m, day: n1 }));
                    }
                }
            }
        } else if let Some((e, m)) = month_at(i) {
            // November 7, 2020; Dec. 22
            let mut j = e;
            if punct(j, '.') {
                j += 1;
            }
            if let Some(d) = num(j).filter(|d| digits(j) <= 2 && valid(m, *d) && !punct(j + 1, ':')) {
                let mut k = j + 1;
                if tokens.get(k).is_some_and(|t| matches!(tokens.lower(k), "st" | "nd" | "rd" | "th") && !t.space_before) {
                    k += 1;
                }
                let (end, year) = match year_after(k) {
                    Some((end, y)) => (end, Some(y)),
                    None => (k, None),
                };
                found = Some((end, Said::Absolute { year, month: m, day: d }));
            }
        } else if let Some((e, w)) = word_at[i] {
            match w {
                Word::Relative(n) => found = Some((e, Said::Relative(n))),
                Word::RelativeAdjective(n) => found = Some((e, Said::RelativeAdjective(n))),
                Word::Weekday(wd) => {
                    let before = i > 0 && matches!(word_at.get(i - 1).copied().flatten(), Some((_, Word::Last)));
                    let after = matches!(word_at.get(e).copied().flatten(), Some((_, Word::Last)));
                    found = Some((e, Said::Weekday { weekday: wd, last: before || after }));
                }
                _ => {}
            }
        }
        match found {
            Some((end, said)) => {
                out.push(Mention { start: i, end: end.max(i + 1), said });
                i = end.max(i + 1);
            }
            None => i += 1,
        }
    }
    out
}

/// Resolves a mention to a date value. `years` are the years written in the report (for weekday
/// consistency when nothing else fixes the year); `weekday_hint` is a weekday said next to it.
pub(crate) fn resolve(said: Said, published: Option<Date>, years: &[i32], weekday_hint: Option<u32>) -> Option<(DateValue, DateSource)> {
    match said {
        Said::Absolute { year: Some(y), month, day } => {
            Date::new(y, month, day).map(|date| (DateValue::Day { date }, DateSource::Explicit))
        }
        Said::Absolute { year: None, month, day } => {
            if let Some(p) = published {
                // The latest such day not after shortly past publication.
                let limit = p.add_days(2)?;
                let date = [p.year(), p.year() - 1].into_iter().filter_map(|y| Date::new(y, month, day)).find(|d| *d <= limit)?;
                return Some((DateValue::Day { date }, DateSource::Explicit));
            }
            if let Some(w) = weekday_hint {
                let fitting =
                    years.iter().flat_map(|y| [*y, y + 1]).filter_map(|y| Date::new(y, month, day)).filter(|d| d.weekday() == w).max();
                if let Some(date) = fitting {
                    return Some((DateValue::Day { date }, DateSource::Explicit));
                }
            }
            Some((DateValue::DayMonth { month, day }, DateSource::Explicit))
        }
        Said::Relative(n) | Said::RelativeAdjective(n) => {
            published.and_then(|p| p.add_days(n)).map(|date| (DateValue::Day { date }, DateSource::Relative))
        }
        Said::Weekday { weekday, last } => {
            let p = published?;
            let back = (i64::from(p.weekday()) - i64::from(weekday)).rem_euclid(7);
            let back = if last && back == 0 { 7 } else { back };
            p.add_days(-back).map(|date| (DateValue::Day { date }, DateSource::Weekday))
        }
    }
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    use crate::text::tokenize;

    fn said(lang: Lang, text: &str) -> Vec<Said> {
        let tokens = tokenize(text);
        let cal = crate::lang::cues::Cues::of(lang);
        let keys = crate::knowledge::token_keys(lang, &tokens);
        let keys: Vec<&str> = keys.iter().map(|k| &*k.0).collect();
        let words = cal.find(lang, &tokens, &keys);
        mentions(&tokens, &words, cal.day_first).into_iter().map(|m| m.said).collect()
    }

    fn abs(year: Option<i32>, month: u32, day: u32) -> Said {
        Said::Absolute { year, month, day }
    }

    #[test]
    fn absolute_forms() {
        assert_eq!(said(Lang::It, "Mosca, 7 novembre 2020 –"), [abs(Some(2020), 11, 7)]);
        assert_eq!(said(Lang::En, "MOSCOW, December 22. /TASS/."), [abs(None, 12, 22)]);
        assert_eq!(said(Lang::En, "on Nov. 7, 2020 and 11/7/2020"), [abs(Some(2020), 11, 7), abs(Some(2020), 11, 7)]);
        assert_eq!(said(Lang::Vi, "Ngày 26/6, Tổng thống"), [abs(None, 6, 26)]);
        assert_eq!(said(Lang::Vi, "ngày 26 tháng 6 năm 2020"), [abs(Some(2020), 6, 26)]);
        assert_eq!(said(Lang::Sl, "26. junija 2020 in 26. 6. 2020"), [abs(Some(2020), 6, 26), abs(Some(2020), 6, 26)]);
        assert_eq!(said(Lang::En, "the 7th of November"), [abs(None, 11, 7)]);
    }

    #[test]
    fn noise_is_not_a_date() {
        assert!(said(Lang::Vi, "định dạng 2+2, 14,4 tỷ đồng, nghị quyết 2510, tháng 12/2019").is_empty());
        assert!(said(Lang::Sl, "31. februarja").is_empty());
        assert!(said(Lang::Vi, "ngày 30/2").is_empty());
    }

    #[test]
    fn relative_and_weekdays() {
        assert_eq!(said(Lang::It, "ieri sera"), [Said::Relative(-1)]);
        assert_eq!(said(Lang::Vi, "hôm thứ Bảy"), [Said::Weekday { weekday: 6, last: false }]);
        assert_eq!(said(Lang::Sl, "v torek"), [Said::Weekday { weekday: 2, last: false }]);
        assert_eq!(said(Lang::En, "last Tuesday"), [Said::Weekday { weekday: 2, last: true }]);
        let sunday = Date::new(2020, 11, 8).unwrap();
        let (v, _) = resolve(Said::Weekday { weekday: 6, last: false }, Some(sunday), &[], None).unwrap();
        assert_eq!(v.day().unwrap().to_string(), "2020-11-07");
    }

    #[test]
    fn weekday_fixes_the_year() {
        let (v, _) = resolve(abs(None, 12, 22), None, &[2015, 2019, 2020], Some(2)).unwrap();
        assert_eq!(v.day().unwrap().to_string(), "2020-12-22");
    }
}
