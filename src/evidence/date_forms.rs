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
    /// `oggi`, `yesterday`, `5 giorni fa`, `pred 4 dnevi`: days from the published date.
    Relative(i64),
    /// An adjective such as `današnji` (today's): the same day, weaker evidence.
    RelativeAdjective(i64),
    Weekday {
        weekday: u32,
        last: bool,
        /// The full date written next to the weekday (`Thứ Năm, ngày 8 tháng 1 năm 2015`,
        /// `Wed Aug 05 12:00:00 2015`): the weekday then only confirms that date, or says nothing.
        beside: Option<DayOf>,
    },
}

/// Day, month and perhaps year of an absolute date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DayOf {
    pub year: Option<i32>,
    pub month: u32,
    pub day: u32,
}

/// A date expression found in a report.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Mention {
    pub start: usize,
    pub end: usize,
    pub said: Said,
}

/// The first year read as a four-digit year. Earlier numbers are rarely years in news text; a
/// historical date is read like any other and its role (background) keeps it from the event.
const FIRST_YEAR: u32 = 1000;
const LAST_YEAR: u32 = 2100;

fn year_of(n: u32, digits: usize) -> Option<i32> {
    match digits {
        4 if (FIRST_YEAR..=LAST_YEAR).contains(&n) => Some(n as i32),
        // Two digits as POSIX reads them: 69–99 are 1969–1999, 00–68 are 2000–2068.
        2 if n >= 69 => Some(1900 + n as i32),
        2 => Some(2000 + n as i32),
        _ => None,
    }
}

fn valid(month: u32, day: u32) -> bool {
    (1..=12).contains(&month) && (1..=31).contains(&day) && Date::new(2020, month, day).is_some()
}

/// The longest span of time counted back that a count can say (a sanity bound, in days).
const MAX_SPAN_DAYS: u32 = 100_000;

/// How many tokens may stand between a weekday and the date it names (`Thứ Năm, ngày 8 …`,
/// `venerdì scorso, 28 gennaio`, `12 junij 2003 petek`).
const WEEKDAY_GAP: usize = 3;

/// Finds date expressions in tokens. `words` are the cue words found by
/// [`Cues::find_all`](crate::lang::cues::Cues::find_all), sorted by their first token.
pub(crate) fn mentions(tokens: &Tokens, words: &[(usize, usize, Word)], day_first: bool) -> Vec<Mention> {
    // The cue words starting at each token: `first[i]..first[i + 1]` index `words`.
    let mut first = vec![words.len(); tokens.len() + 1];
    for (k, &(s, _, _)) in words.iter().enumerate().rev() {
        if s < first.len() {
            first[s] = k;
        }
    }
    for i in (0..tokens.len()).rev() {
        first[i] = first[i].min(first[i + 1]);
    }
    let at = |i: usize| -> &[(usize, usize, Word)] {
        match (first.get(i), first.get(i + 1)) {
            (Some(&a), Some(&b)) => &words[a..b.max(a)],
            _ => &[],
        }
    };
    let word = |i: usize, f: &dyn Fn(Word) -> bool| at(i).iter().find(|(_, _, w)| f(*w)).map(|&(_, e, w)| (e, w));
    let num = |i: usize| tokens.get(i).and_then(Token::number);
    let digits = |i: usize| tokens.get(i).filter(|t| t.kind == TokenKind::Number).map_or(0, |t| t.chars as usize);
    let punct = |i: usize, c: char| tokens.get(i).is_some_and(|t| t.is_punct(c));
    let glued = |i: usize| tokens.get(i).is_some_and(|t| !t.space_before);
    let month_at = |i: usize| match word(i, &|w| matches!(w, Word::Month(_))) {
        Some((e, Word::Month(m))) => Some((e, m)),
        _ => None,
    };
    let year_after = |i: usize| -> Option<(usize, i32)> {
        let j = if punct(i, ',') { i + 1 } else { i };
        let n = num(j)?;
        (digits(j) == 4).then(|| year_of(n, 4)).flatten().map(|y| (j + 1, y))
    };
    // A clock time `18:23`, `12:00:00`, `18.23`: its end.
    let clock = |i: usize| -> Option<usize> {
        let sep = [':', '.'].into_iter().find(|c| punct(i + 1, *c))?;
        let ok = num(i).is_some_and(|h| h <= 24 && digits(i) <= 2)
            && num(i + 2).is_some_and(|m| m <= 59 && digits(i + 2) == 2)
            && glued(i + 1)
            && glued(i + 2);
        if !ok {
            return None;
        }
        let seconds = sep == ':' && punct(i + 3, ':') && glued(i + 3) && num(i + 4).is_some_and(|s| s <= 60 && digits(i + 4) == 2);
        Some(if seconds { i + 5 } else { i + 3 })
    };
    // A span of time counted in units (`5 giorni`, `six days`, `1d`, `15 tednom 10 dan`,
    // `two weeks and three days`): its end and its length in days.
    let span = |start: usize| -> Option<(usize, u32)> {
        let unit = |k: usize| match word(k, &|w| matches!(w, Word::Unit { .. })) {
            Some((e, Word::Unit { days, alone })) => Some((e, days, alone)),
            _ => None,
        };
        let (mut end, mut total, mut k) = (start, 0u32, start);
        loop {
            let number = match (num(k).filter(|_| digits(k) <= 4), word(k, &|w| matches!(w, Word::Number(_)))) {
                (Some(n), _) => Some((k + 1, n)),
                (None, Some((e, Word::Number(n)))) => Some((e, n)),
                _ => None,
            };
            let step = match number {
                Some((after, n)) => unit(after).map(|(e, days, _)| (e, n.saturating_mul(days))),
                None => unit(k).filter(|u| u.2).map(|(e, days, _)| (e, days)),
            };
            let Some((e, days)) = step else { break };
            total = total.saturating_add(days);
            end = e;
            k = word(e, &|w| w == Word::And).map_or(e, |(after, _)| after);
        }
        (end > start && (1..=MAX_SPAN_DAYS).contains(&total)).then_some((end, total))
    };
    // `5 giorni fa`, `six days ago`, `23 ngày trước`, `pred 4 dnevi`, `cách đây 3 ngày`.
    let ago = |i: usize| -> Option<(usize, Said)> {
        // Only a number, a number word, a unit or a word before a span can begin one (most tokens
        // are none of them).
        if num(i).is_none() && !at(i).iter().any(|&(_, _, w)| matches!(w, Word::AgoBefore | Word::Number(_) | Word::Unit { .. })) {
            return None;
        }
        if let Some((e, _)) = word(i, &|w| w == Word::AgoBefore) {
            if let Some((end, days)) = span(e) {
                let end = word(end, &|w| w == Word::Ago).map_or(end, |(e, _)| e);
                return Some((end, Said::Relative(-i64::from(days))));
            }
        }
        let (end, days) = span(i)?;
        let (e, w) = word(end, &|w| matches!(w, Word::Ago | Word::AgoEnd))?;
        // `3 ngày trước` ends its clause; `3 ngày trước cuộc bầu cử` is three days before the vote.
        let clause_end =
            tokens.get(e).is_none_or(|t| matches!(t.kind, TokenKind::Punct(_)) || t.capitalised || t.sentence != tokens[e - 1].sentence);
        (w == Word::Ago || clause_end).then_some((e, Said::Relative(-i64::from(days))))
    };
    let mut out = Vec::new();
    // Whether each weekday of `out` is a short form that needs a date or a time beside it.
    let mut short = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        // Every form begins with a number or a cue word.
        if t.number().is_none() && at(i).is_empty() {
            i += 1;
            continue;
        }
        let mut found: Option<(usize, Said)> = None;
        let mut is_short = false;
        if let Some(n1) = t.number() {
            // 2020-11-07
            if digits(i) == 4 && punct(i + 1, '-') && punct(i + 3, '-') {
                if let (Some(m), Some(d)) = (num(i + 2), num(i + 4)) {
                    if valid(m, d) {
                        found = Some((i + 5, Said::Absolute { year: year_of(n1, 4), month: m, day: d }));
                    }
                }
            }
            // 7/11/2020, 26/6, 26. 6. 2020, 06-17-2014, 21-12-19
            let sep = ['/', '.', '-'].into_iter().find(|c| punct(i + 1, *c));
            if let (None, Some(sep), Some(n2)) = (found, sep, num(i + 2)) {
                let year = (punct(i + 3, sep) && num(i + 4).is_some()).then(|| year_of(num(i + 4).unwrap_or(0), digits(i + 4))).flatten();
                let (mut d, mut m) = if day_first { (n1, n2) } else { (n2, n1) };
                if !valid(m, d) && valid(d, m) {
                    std::mem::swap(&mut d, &mut m);
                }
                let preceded = i > 0
                    && (tokens[i - 1].is_punct('/')
                        || tokens[i - 1].is_punct('-') && !tokens[i].space_before
                        || tokens[i - 1].is_punct('.') && tokens.get(i.wrapping_sub(2)).is_some_and(|p| p.number().is_some()));
                let all_glued = glued(i + 1) && glued(i + 2);
                // Dashes join ranges and scores (`3-4`): only a glued day, month and year is a date.
                let dashed = all_glued && glued(i + 3) && glued(i + 4) && year.is_some() && !(punct(i + 5, '-') && glued(i + 5));
                let form = match sep {
                    '/' => all_glued || year.is_some(),
                    '-' => dashed,
                    _ => year.is_some(),
                };
                let ok = valid(m, d) && !preceded && digits(i) <= 2 && digits(i + 2) <= 2 && form;
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
                let month = match (month_at(j), word(j, &|w| w == Word::MonthIntro)) {
                    (Some((e, m)), _) => Some((e, m)),
                    (None, Some((e, _))) => num(e).filter(|m| (1..=12).contains(m) && !punct(e + 1, '/')).map(|m| (e + 1, m)),
                    _ => None,
                };
                if let Some((e, m)) = month {
                    if valid(m, n1) {
                        let mut e = e;
                        if punct(e, '.') {
                            e += 1;
                        }
                        let (end, year) = match (year_after(e), word(e, &|w| w == Word::YearIntro)) {
                            (Some((end, y)), _) => (end, Some(y)),
                            (None, Some((ye, _))) => match num(ye).and_then(|n| year_of(n, digits(ye))) {
                                Some(y) => (ye + 1, Some(y)),
                                None => (e, None),
                            },
                            _ => (e, None),
                        };
                        found = Some((end, Said::Absolute { year, month: m, day: n1 }));
                    }
                }
            }
            if found.is_none() {
                found = ago(i);
            }
        } else if let Some((e, m)) = month_at(i) {
            // November 7, 2020; Dec. 22; Sep 03 2014; [Sept] 04, 2014; Aug 05 12:00:00 2015
            let mut j = e;
            if punct(j, '.') {
                j += 1;
            }
            let bracketed = i > 0 && (tokens[i - 1].is_punct('[') && punct(j, ']') || tokens[i - 1].is_punct('(') && punct(j, ')'));
            if bracketed {
                j += 1;
            }
            if let Some(d) = num(j).filter(|d| digits(j) <= 2 && valid(m, *d) && !punct(j + 1, ':')) {
                let mut k = j + 1;
                if tokens.get(k).is_some_and(|t| matches!(tokens.lower(k), "st" | "nd" | "rd" | "th") && !t.space_before) {
                    k += 1;
                }
                let (end, year) = match (year_after(k), clock(k).and_then(year_after)) {
                    (Some((end, y)), _) | (None, Some((end, y))) => (end, Some(y)),
                    _ => (k, None),
                };
                found = Some((end, Said::Absolute { year, month: m, day: d }));
            }
        } else if let Some(f) = ago(i) {
            found = Some(f);
        } else if let Some((e, w)) =
            word(i, &|w| matches!(w, Word::Relative(_) | Word::RelativeAdjective(_) | Word::Weekday(_) | Word::WeekdayShort(_)))
        {
            match w {
                Word::Relative(n) => found = Some((e, Said::Relative(n))),
                Word::RelativeAdjective(n) => found = Some((e, Said::RelativeAdjective(n))),
                Word::Weekday(wd) | Word::WeekdayShort(wd) => {
                    let before = i > 0 && word(i - 1, &|w| w == Word::Last).is_some();
                    let after = word(e, &|w| w == Word::Last).is_some();
                    is_short = matches!(w, Word::WeekdayShort(_));
                    found = Some((e, Said::Weekday { weekday: wd, last: before || after, beside: None }));
                }
                _ => {}
            }
        }
        match found {
            Some((end, said)) => {
                out.push(Mention { start: i, end: end.max(i + 1), said });
                short.push(is_short);
                i = end.max(i + 1);
            }
            None => i += 1,
        }
    }
    // A weekday next to a full date names that date, in the same sentence.
    let filler = |i: usize| tokens.get(i).is_some_and(|t| matches!(t.kind, TokenKind::Punct(',' | '(' | ')' | '-' | '–' | '—' | '.')));
    let next_to = |a: &Mention, b: &Mention| -> bool {
        let (from, to) = (a.end, b.start);
        if from > to || to - from > WEEKDAY_GAP || tokens[a.end - 1].sentence != tokens[b.start].sentence {
            return false;
        }
        let mut k = from;
        while k < to {
            match word(k, &|w| matches!(w, Word::DayIntro | Word::Last)) {
                Some((e, _)) if e <= to => k = e,
                _ if filler(k) => k += 1,
                _ => return false,
            }
        }
        true
    };
    let date_of = |m: &Mention| match m.said {
        Said::Absolute { year, month, day } => Some(DayOf { year, month, day }),
        _ => None,
    };
    for k in 0..out.len() {
        let Said::Weekday { weekday, last, beside: None } = out[k].said else { continue };
        let next = out.get(k + 1).filter(|n| next_to(&out[k], n)).and_then(date_of);
        // A short form only heads its date (`Wed Aug 05`); after a date it is usually a word.
        let prev = k.checked_sub(1).filter(|_| !short[k]).map(|p| &out[p]).filter(|p| next_to(p, &out[k])).and_then(date_of);
        if let Some(d) = next.or(prev) {
            out[k].said = Said::Weekday { weekday, last, beside: Some(d) };
        }
    }
    // A short weekday form (`Tu`, `Ven`) is a weekday only when capitalised and standing apart,
    // and then only before a date or a clock time, or alone on its line (a calendar's column head).
    let mut words_on_line: Vec<u32> = Vec::new();
    if short.iter().any(|s| *s) {
        words_on_line = vec![0; tokens.last().map_or(0, |t| t.line as usize + 1)];
        for t in tokens.iter().filter(|t| !matches!(t.kind, TokenKind::Punct(_))) {
            words_on_line[t.line as usize] += 1;
        }
    }
    let alone = |m: &Mention| words_on_line.get(tokens[m.start].line as usize).is_some_and(|n| *n as usize <= m.end - m.start);
    let mut k = 0;
    out.retain(|m| {
        let t = &tokens[m.start];
        let keep = !short[k]
            || t.capitalised
                && t.space_before
                && (matches!(m.said, Said::Weekday { beside: Some(_), .. })
                    || clock(if punct(m.end, ',') { m.end + 1 } else { m.end }).is_some()
                    || alone(m));
        k += 1;
        keep
    });
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
                // The latest such day not after shortly past publication (29 February: up to
                // eight years back, as around 1900).
                let limit = p.add_days(2)?;
                let date = (0..=8).filter_map(|back| Date::new(p.year() - back, month, day)).find(|d| *d <= limit)?;
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
        // Beside a date, the weekday confirms it or says nothing: it never names another day.
        Said::Weekday { weekday, beside: Some(DayOf { year, month, day }), .. } => {
            match resolve(Said::Absolute { year, month, day }, published, years, Some(weekday))? {
                (DateValue::Day { date }, source) if date.weekday() == weekday => Some((DateValue::Day { date }, source)),
                _ => None,
            }
        }
        Said::Weekday { weekday, last, beside: None } => {
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
        let breaks: Vec<bool> = tokens.iter().enumerate().map(|(i, t)| i > 0 && t.sentence != tokens[i - 1].sentence).collect();
        let (words, _) = cal.find_all(lang, &tokens, &keys, &breaks);
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
        assert_eq!(said(Lang::Vi, "hôm thứ Bảy"), [Said::Weekday { weekday: 6, last: false, beside: None }]);
        assert_eq!(said(Lang::Sl, "v torek"), [Said::Weekday { weekday: 2, last: false, beside: None }]);
        assert_eq!(said(Lang::En, "last Tuesday"), [Said::Weekday { weekday: 2, last: true, beside: None }]);
        let sunday = Date::new(2020, 11, 8).unwrap();
        let (v, _) = resolve(Said::Weekday { weekday: 6, last: false, beside: None }, Some(sunday), &[], None).unwrap();
        assert_eq!(v.day().unwrap().to_string(), "2020-11-07");
    }

    #[test]
    fn weekday_fixes_the_year() {
        let (v, _) = resolve(abs(None, 12, 22), None, &[2015, 2019, 2020], Some(2)).unwrap();
        assert_eq!(v.day().unwrap().to_string(), "2020-12-22");
    }

    #[test]
    fn spans_counted_back() {
        let back = |n: i64| [Said::Relative(-n)];
        assert_eq!(said(Lang::En, "six days ago"), back(6));
        assert_eq!(said(Lang::En, "1d ago"), back(1));
        assert_eq!(said(Lang::En, "two weeks and three days ago"), back(17));
        assert_eq!(said(Lang::It, "5 giorni fa"), back(5));
        assert_eq!(said(Lang::It, "una settimana fa"), back(7));
        assert_eq!(said(Lang::Vi, "23 ngày trước"), back(23));
        assert_eq!(said(Lang::Vi, "cách đây ba ngày"), back(3));
        assert_eq!(said(Lang::Sl, "pred štirimi dnevi"), back(4));
        assert_eq!(said(Lang::Sl, "pred tednom"), back(7));
        assert_eq!(said(Lang::Sl, "pred 15 tedni in 3 dnevi"), back(108));
        // Counted from another event, vague, or not a span at all.
        assert!(said(Lang::Vi, "hai ngày trước khi hội đàm").is_empty());
        assert!(said(Lang::Vi, "ba ngày trước đó").is_empty());
        assert!(said(Lang::Vi, "hai ngày trước cuộc bầu cử").is_empty());
        assert_eq!(said(Lang::Vi, "Hai ngày trước, Thủ tướng"), back(2));
        assert!(said(Lang::It, "un giorno fa parte della storia").is_empty());
        assert!(said(Lang::Sl, "pred dnevom državnosti").is_empty());
        assert!(said(Lang::It, "qualche giorno fa").is_empty());
        assert!(said(Lang::En, "two weeks and the talks ago").iter().all(|s| *s != Said::Relative(-14)));
    }

    #[test]
    fn a_weekday_beside_a_date_only_confirms_it() {
        let day = |y, m, d| Some(DayOf { year: Some(y), month: m, day: d });
        let found = said(Lang::Vi, "Thứ Năm, ngày 8 tháng 1 năm 2015");
        assert_eq!(found, [Said::Weekday { weekday: 4, last: false, beside: day(2015, 1, 8) }, abs(Some(2015), 1, 8)]);
        let sunday = Date::new(2015, 1, 18);
        let (v, _) = resolve(found[0], sunday, &[], None).unwrap();
        assert_eq!(v.day().unwrap().to_string(), "2015-01-08");
        // 3 September 2014 was a Wednesday: the Friday says nothing.
        let found = said(Lang::En, "Friday, 03 September 2014");
        assert_eq!(found[0], Said::Weekday { weekday: 5, last: false, beside: day(2014, 9, 3) });
        assert!(resolve(found[0], Date::new(2014, 9, 13), &[], None).is_none());
        // After the date, and across a `last` word.
        assert_eq!(said(Lang::Sl, "12. junija 2003, petek")[1], Said::Weekday { weekday: 5, last: false, beside: day(2003, 6, 12) });
        let last = said(Lang::It, "venerdì scorso, 28 gennaio");
        assert!(matches!(last[0], Said::Weekday { weekday: 5, last: true, beside: Some(DayOf { year: None, month: 1, day: 28 }) }));
    }

    #[test]
    fn short_weekdays_need_a_date_a_time_or_a_line_of_their_own() {
        let wd = |weekday| Said::Weekday { weekday, last: false, beside: None };
        assert_eq!(said(Lang::En, "Tu"), [wd(2)]);
        assert_eq!(said(Lang::It, "Ven 18:23"), [wd(5)]);
        assert_eq!(said(Lang::En, "We met on Monday."), [wd(1)]);
        assert!(said(Lang::It, "Ven ha detto").is_empty());
        assert!(said(Lang::En, "the 5th round").is_empty());
        assert!(matches!(said(Lang::En, "Wed Aug 05 12:00:00 2015")[..], [Said::Weekday { weekday: 3, beside: Some(_), .. }, _]));
    }

    #[test]
    fn numeric_forms() {
        assert_eq!(said(Lang::En, "06-17-2014"), [abs(Some(2014), 6, 17)]);
        assert_eq!(said(Lang::En, "21-12-19"), [abs(Some(2019), 12, 21)]);
        assert_eq!(said(Lang::It, "07/11/99"), [abs(Some(1999), 11, 7)]);
        assert_eq!(said(Lang::En, "[Sept] 04, 2014."), [abs(Some(2014), 9, 4)]);
        assert_eq!(said(Lang::En, "Wed Aug 05 12:00:00 2015")[1], abs(Some(2015), 8, 5));
        assert_eq!(said(Lang::En, "12 jan 1876"), [abs(Some(1876), 1, 12)]);
        assert_eq!(said(Lang::En, "25th march 2015"), [abs(Some(2015), 3, 25)]);
        // Ranges, scores and lower-case words stay what they are.
        assert!(said(Lang::En, "a 3-4 win, pages 12-14, 3 may 5, 2-1-0").is_empty());
        assert!(said(Lang::It, "il 10-12 marzo").iter().all(|s| *s != abs(None, 12, 10)));
    }

    #[test]
    fn february_29_without_a_year_is_the_latest_leap_day() {
        let (v, _) = resolve(abs(None, 2, 29), Date::new(1699, 3, 1), &[], None).unwrap();
        assert_eq!(v.day().unwrap().to_string(), "1696-02-29");
    }
}
