//! Dates in text: absolute dates, datelines, relative words and weekdays, resolved against the
//! published date, and the event's own date told apart from background dates and noise.

use std::sync::OnceLock;

use crate::date::{Date, DateSource, DateValue, EventDate};
use crate::error::Error;
use crate::knowledge::fold_key;
use crate::lang::{module, modules, Lang, LangData};
use crate::phrase::PhraseTable;
use crate::text::{Token, TokenKind, Tokens};

/// The kind of contact between leaders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum EventKind {
    /// A telephone call.
    PhoneCall,
    /// A video conference.
    VideoConference,
    /// An in-person meeting.
    Meeting,
    /// A call or meeting of more than two leaders.
    Multilateral,
}

impl EventKind {
    /// A short name: `phone call`, `video conference`, `meeting`, `multilateral`.
    pub fn name(self) -> &'static str {
        match self {
            EventKind::PhoneCall => "phone call",
            EventKind::VideoConference => "video conference",
            EventKind::Meeting => "meeting",
            EventKind::Multilateral => "multilateral",
        }
    }
}

impl std::fmt::Display for EventKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Office titles, for resolving "the French president" to a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Title {
    HeadOfState,
    HeadOfGovernment,
    Leader,
    Counterpart,
}

/// A calendar or cue word of a language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Word {
    Month(u32),
    Weekday(u32),
    Relative(i64),
    RelativeAdjective(i64),
    Last,
    Background,
    BackgroundAfter,
    Future,
    Kind(EventKind),
    Title(Title),
    DayIntro,
    MonthIntro,
    YearIntro,
    Stop,
}

/// A language's cue words, parsed once.
pub(crate) struct Calendar {
    pub words: PhraseTable<Word>,
    pub day_first: bool,
}

impl Calendar {
    fn build(lang: Lang) -> Result<Calendar, Error> {
        let name = format!("data/lang/{lang}.txt");
        let data = LangData::parse(&name, module(lang).data())?;
        let mut words = PhraseTable::default();
        let mut add = |values: &[String], w: Word| {
            for v in values {
                let tokens = crate::text::tokenize(v);
                let keys = (0..tokens.len()).map(|i| fold_key(lang, tokens.lower(i))).collect();
                words.insert(keys, w, false);
            }
        };
        for (n, v) in data.numbered("month") {
            add(v, Word::Month(n as u32));
        }
        for (n, v) in data.numbered("weekday") {
            add(v, Word::Weekday(n as u32));
        }
        for (n, v) in data.numbered("relative") {
            add(v, Word::Relative(n));
        }
        for (n, v) in data.numbered("relative_adjective") {
            add(v, Word::RelativeAdjective(n));
        }
        let kinds = [
            ("kind.call", EventKind::PhoneCall),
            ("kind.video", EventKind::VideoConference),
            ("kind.meeting", EventKind::Meeting),
            ("kind.multilateral", EventKind::Multilateral),
        ];
        for (k, kind) in kinds {
            add(data.get(k), Word::Kind(kind));
        }
        let titles = [
            ("title.head_of_state", Title::HeadOfState),
            ("title.head_of_government", Title::HeadOfGovernment),
            ("title.leader", Title::Leader),
            ("counterpart", Title::Counterpart),
        ];
        for (k, t) in titles {
            add(data.get(k), Word::Title(t));
        }
        let simple = [
            ("last", Word::Last),
            ("background", Word::Background),
            ("background_after", Word::BackgroundAfter),
            ("future", Word::Future),
            ("day_word", Word::DayIntro),
            ("month_word", Word::MonthIntro),
            ("year_word", Word::YearIntro),
            ("stop", Word::Stop),
        ];
        for (k, w) in simple {
            add(data.get(k), w);
        }
        Ok(Calendar { words, day_first: data.day_first() })
    }

    /// The embedded calendar of `lang`.
    pub(crate) fn of(lang: Lang) -> &'static Calendar {
        static ALL: OnceLock<Vec<Calendar>> = OnceLock::new();
        // The embedded files are checked by a unit test; a broken one yields an empty calendar.
        &ALL.get_or_init(|| {
            modules()
                .iter()
                .map(|m| Calendar::build(m.lang()).unwrap_or(Calendar { words: PhraseTable::default(), day_first: true }))
                .collect()
        })[lang.index()]
    }

    /// Cue words found in `tokens`, as `(start, end, word)` token ranges. `keys` are the tokens'
    /// calendar keys (see [`crate::knowledge::cached_keys`]).
    pub(crate) fn find(&self, lang: Lang, tokens: &[Token], keys: &[&str]) -> Vec<(usize, usize, Word)> {
        let caps: Vec<bool> = tokens.iter().map(|t| t.capitalised).collect();
        let breaks: Vec<bool> = tokens.iter().enumerate().map(|(i, t)| i > 0 && t.sentence != tokens[i - 1].sentence).collect();
        self.words
            .find(keys, &caps, &breaks)
            .into_iter()
            .filter(|m| match m.value {
                // English capitalises months and weekdays: `may` and `sun` are usually other words.
                Word::Month(_) | Word::Weekday(_) if lang == Lang::En => tokens[m.start].capitalised,
                // Vietnamese capitalises weekdays (`thứ Hai`); `thứ hai` is also "second".
                Word::Weekday(_) if lang == Lang::Vi => tokens[m.start..m.end].iter().any(|t| t.capitalised),
                _ => true,
            })
            .map(|m| (m.start, m.end, *m.value))
            .collect()
    }
}

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

/// Where a mention stands in the report, for weighing it as the event date.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Placement {
    pub in_title: bool,
    pub dateline: bool,
    /// Sentence index within the body (0 = lead).
    pub sentence: u32,
    pub background: bool,
    pub future: bool,
    pub near_kind_cue: bool,
    /// Whether two or more people are named in the same sentence (who met, and when).
    pub near_people: bool,
    pub noise: bool,
}

/// A scored candidate for the event date.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Candidate {
    pub value: DateValue,
    pub source: DateSource,
    pub score: f32,
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

/// Weighs one mention as the event date. Higher is more likely the event's own day.
pub(crate) fn weigh(said: Said, place: Placement, value: DateValue, published: Option<Date>, latest_year: Option<i32>) -> Option<f32> {
    if place.noise {
        return None;
    }
    if let (Some(p), Some(d)) = (published, value.day()) {
        if d > p.add_days(1)? {
            return None;
        }
    }
    let mut score = 0.0;
    if place.in_title {
        score += 3.0;
    }
    if place.dateline {
        score += 5.0;
    }
    if !place.in_title {
        score += match place.sentence {
            0 => 3.0,
            1 => 2.0,
            2 => 1.0,
            _ => 0.0,
        };
    }
    if place.near_kind_cue {
        score += 1.0;
    }
    if place.near_people {
        score += 1.0;
    }
    score += match said {
        Said::Relative(0) | Said::Relative(-1) => 1.5,
        Said::Relative(_) => 0.5,
        // A named weekday is as specific as "today"; "today's" as an adjective ("today's era",
        // `današnji čas`) is weaker, and comes as `relative_adjective` in the language data.
        Said::Weekday { .. } => 1.5,
        Said::Absolute { .. } => 1.0,
        Said::RelativeAdjective(_) => 0.0,
    };
    if place.background {
        score -= 6.0;
    }
    if place.future {
        score -= 5.0;
    }
    match (published, value.day()) {
        (Some(p), Some(d)) if d < p.add_days(-10)? => score -= 4.0,
        (None, Some(d)) if latest_year.is_some_and(|y| d.year() < y) => score -= 3.0,
        _ => {}
    }
    Some(score)
}

/// Picks the event date among scored candidates: the value with the highest total score, where
/// mentions of the same day (a weekday and a date, a dateline and a relative word) add up. With no
/// convincing candidate, the published day stands in, marked [`DateSource::Published`].
pub(crate) fn choose(candidates: &[Candidate], published: Option<Date>) -> Option<EventDate> {
    let mut totals: Vec<(DateValue, DateSource, f32, f32)> = Vec::new();
    for c in candidates.iter().filter(|c| c.score > 0.0) {
        let same = |v: &DateValue| match (v, &c.value) {
            (DateValue::Day { date }, DateValue::DayMonth { month, day })
            | (DateValue::DayMonth { month, day }, DateValue::Day { date }) => date.month() == *month && date.day() == *day,
            (a, b) => a == b,
        };
        match totals.iter_mut().find(|t| same(&t.0)) {
            Some(t) => {
                // The best mention counts in full, the others a little: a background sentence
                // that repeats its day ("last Saturday (30/4)") must not outweigh the lead.
                t.2 += REPEAT_SHARE * c.score.min(t.3);
                if c.score > t.3 {
                    t.2 += (1.0 - REPEAT_SHARE) * (c.score - t.3);
                    t.1 = c.source;
                    t.3 = c.score;
                }
                if let DateValue::Day { .. } = c.value {
                    t.0 = c.value;
                }
            }
            None => totals.push((c.value, c.source, c.score, c.score)),
        }
    }
    // Ties go to the later day, then to the more precise value: deterministic whatever the order.
    totals.sort_by(|a, b| b.2.total_cmp(&a.2).then_with(|| format!("{}", b.0).cmp(&format!("{}", a.0))));
    let best = totals.first().filter(|t| t.2 >= 3.0);
    match best {
        Some(&(value, source, score, _)) => Some(EventDate { value, source, confidence: (score / 10.0).min(1.0) }),
        None => published.map(|p| EventDate { value: DateValue::Day { date: p }, source: DateSource::Published, confidence: 0.2 }),
    }
}

/// How much a further mention of the chosen day adds, relative to its own weight.
const REPEAT_SHARE: f32 = 0.25;

pub(crate) fn is_list_item(tokens: &[Token], first: usize) -> bool {
    let t = &tokens[first];
    matches!(t.kind, TokenKind::Punct('-' | '•' | '*' | '–' | '—' | '·'))
        || (t.number().is_some()
            && tokens.get(first + 1).is_some_and(|n| n.is_punct('.') || n.is_punct(')'))
            && tokens.get(first + 2).is_some_and(|n| n.line == t.line))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn said(lang: Lang, text: &str) -> Vec<Said> {
        let tokens = tokenize(text);
        let cal = Calendar::of(lang);
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
