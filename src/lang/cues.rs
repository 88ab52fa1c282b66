//! A language's calendar and cue words (months, weekdays, relative words, kinds of contact,
//! office titles, stop words), read from `data/lang/xx.txt` and parsed once.

use std::sync::OnceLock;

use crate::error::Error;
use crate::evidence::kind::EventKind;
use crate::knowledge::fold_key;
use crate::lang::{module, modules, Lang, LangData};
use crate::text::phrase::PhraseTable;
use crate::text::Token;

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
    /// "recently", "in recent days": the event may lie up to N days before publication.
    Recent(i64),
    /// A line that begins with it is page furniture ("Read also", "Updated", a byline).
    Furniture,
    /// Followed by a colon, inside brackets or first on its line, it marks a photo caption or
    /// credit ("Foto:", "Ảnh:").
    Caption,
    /// First on a short line, it makes the line a byline ("By", "di", "Piše").
    Byline,
    /// Anywhere in a line, it makes the line page furniture (cookies, subscriptions).
    PageNotice,
}

/// When in its day a contact took place, as a text says it: a part of the day or an order
/// among the day's contacts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Time {
    /// 1 morning, 2 afternoon, 3 evening, 4 night.
    Part(u8),
    /// 1 first, 2 second, 3 third of the day; 9 a later one (not the first); 0 a word that
    /// counts the contacts ("twice"), which makes its sentence tell no order.
    Order(u8),
    /// An order said without its day ("for the second time"): it counts in a sentence that
    /// names the day.
    PlainOrder(u8),
}

/// A language's cue words, parsed once.
pub(crate) struct Cues {
    pub words: PhraseTable<Word>,
    /// Parts of the day and orders within it: a table of their own, because they overlap the
    /// relative words ("ieri sera" is yesterday, and in the evening).
    pub times: PhraseTable<Time>,
    pub day_first: bool,
}

impl Cues {
    fn build(lang: Lang) -> Result<Cues, Error> {
        let name = format!("data/lang/{lang}.txt");
        let data = LangData::parse(&name, module(lang).data())?;
        let keys_of = |v: &str| -> Vec<String> {
            let tokens = crate::text::tokenize(v);
            (0..tokens.len()).map(|i| fold_key(lang, tokens.lower(i))).collect()
        };
        let mut times = PhraseTable::default();
        for (n, v) in data.numbered("day_part") {
            v.iter().for_each(|v| times.insert(keys_of(v), Time::Part(n as u8), false));
        }
        for (n, v) in data.numbered("order") {
            v.iter().for_each(|v| times.insert(keys_of(v), Time::Order(n as u8), false));
        }
        for (n, v) in data.numbered("order_plain") {
            v.iter().for_each(|v| times.insert(keys_of(v), Time::PlainOrder(n as u8), false));
        }
        let mut words = PhraseTable::default();
        let mut add = |values: &[String], w: Word| {
            for v in values {
                words.insert(keys_of(v), w, false);
            }
        };
        for (n, v) in data.numbered("recent") {
            add(v, Word::Recent(n));
        }
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
            ("furniture", Word::Furniture),
            ("caption", Word::Caption),
            ("byline", Word::Byline),
            ("page_words", Word::PageNotice),
        ];
        for (k, w) in simple {
            add(data.get(k), w);
        }
        Ok(Cues { words, times, day_first: data.day_first() })
    }

    /// The embedded calendar of `lang`.
    pub(crate) fn of(lang: Lang) -> &'static Cues {
        static ALL: OnceLock<Vec<Cues>> = OnceLock::new();
        // The embedded files are checked by a unit test; a broken one yields an empty calendar.
        &ALL.get_or_init(|| {
            modules()
                .iter()
                .map(|m| {
                    Cues::build(m.lang()).unwrap_or(Cues { words: PhraseTable::default(), times: PhraseTable::default(), day_first: true })
                })
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

    /// Parts of the day and orders within it found in `tokens` (keys as for [`Cues::find`]). In
    /// the data, `#` stands for a number: Vietnamese `tối #` is "the evening of" a date (`tối 7/11`).
    pub(crate) fn find_times(&self, tokens: &[Token], keys: &[&str]) -> Vec<(usize, usize, Time)> {
        let keys: Vec<&str> = tokens.iter().zip(keys).map(|(t, k)| if t.number().is_some() { "#" } else { k }).collect();
        let caps: Vec<bool> = tokens.iter().map(|t| t.capitalised).collect();
        let breaks: Vec<bool> = tokens.iter().enumerate().map(|(i, t)| i > 0 && t.sentence != tokens[i - 1].sentence).collect();
        self.times.find(&keys, &caps, &breaks).into_iter().map(|m| (m.start, m.end, *m.value)).collect()
    }
}
