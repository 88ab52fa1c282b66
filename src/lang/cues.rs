//! A language's calendar and cue words (months, weekdays, relative words, kinds of contact,
//! office titles, stop words), read from `data/lang/xx.txt` and parsed once.

use std::sync::OnceLock;

use crate::error::Error;
use crate::evidence::kind::EventKind;
use crate::knowledge::fold_key;
use crate::lang::{module, modules, Lang, LangData};
use crate::text::phrase::{LayeredTable, PhraseTable};
use crate::text::Token;

/// Office titles, for resolving "the French president" to a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Title {
    HeadOfState,
    HeadOfGovernment,
    Monarch,
    Leader,
    Counterpart,
    /// A title that names one post ("general secretary", "Chủ tịch Quốc hội", "president-elect").
    Post(Post),
    /// A deputy's title ("vice president", "Phó Thủ tướng"): it names nobody, and keeps its last
    /// words from being read as the principal's title.
    Deputy,
}

/// Posts that reporters name by their own title, each looked up under its name in
/// `data/people.txt` (`general_secretary.VN`, `president_elect.US`, `commission.EU`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Post {
    GeneralSecretary,
    PresidentElect,
    PmDesignate,
    AssemblyChair,
    Commission,
    EuropeanCouncil,
    EuropeanParliament,
}

impl Post {
    pub(crate) const ALL: [Post; 7] = [
        Post::GeneralSecretary,
        Post::PresidentElect,
        Post::PmDesignate,
        Post::AssemblyChair,
        Post::Commission,
        Post::EuropeanCouncil,
        Post::EuropeanParliament,
    ];

    /// The post's name in `data/people.txt`, and the key `title.NAME` of its titles in the
    /// language files.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Post::GeneralSecretary => "general_secretary",
            Post::PresidentElect => "president_elect",
            Post::PmDesignate => "pm_designate",
            Post::AssemblyChair => "assembly_chair",
            Post::Commission => "commission",
            Post::EuropeanCouncil => "european_council",
            Post::EuropeanParliament => "european_parliament",
        }
    }

    /// The one country (or union) a post belongs to, so its title needs no country beside it.
    pub(crate) fn own_country(self) -> Option<&'static str> {
        match self {
            Post::Commission | Post::EuropeanCouncil | Post::EuropeanParliament => Some("EU"),
            _ => None,
        }
    }
}

/// A calendar or cue word of a language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Word {
    Month(u32),
    Weekday(u32),
    /// A short weekday form that is also another word (`Tu`, `We`, `ven`, `pet`): a weekday only
    /// next to a clock time or a date, or alone on its line.
    WeekdayShort(u32),
    Relative(i64),
    RelativeAdjective(i64),
    Last,
    Background,
    BackgroundAfter,
    Future,
    /// Says that a contact did not take place: `not`, `denies`, `non`, `smentisce`, `không`, `ne`,
    /// `odpade`. It binds a contact cue like a future word.
    Negation,
    /// A verb of denial that governs its whole clause: `denied`, `smentisce`, `bác bỏ`, `zanika`.
    Denial,
    /// Negates a contact named before it in its clause: Slovenian `ne bo`, `odpade`, English `was
    /// cancelled`, Vietnamese `bị hủy`.
    NegationAfter,
    /// Marks a date as planned only right after it: Vietnamese `tới` in `thứ Hai tới`.
    FutureAfter,
    Kind(EventKind),
    /// A contact that does not say how it took place: `talks`, `colloquio`, `pogovor`. It frames
    /// the lead's contact like a kind word, and leaves the kind to others.
    Contact,
    Title(Title),
    /// A word that makes the title beside it the one elected or designated and not yet in office:
    /// `elect`, `eletto`, `đắc cử` follow the title (`before` false), `novoizvoljeni` precedes it.
    Elect {
        before: bool,
    },
    DayIntro,
    MonthIntro,
    YearIntro,
    /// Right before a person who is only mentioned: `at the request of`, `su richiesta di`.
    Role,
    /// Joins the people of one contact: `and`, `e`, `và`, `in`.
    Coordination,
    /// A title that means the language's home country's office when no country is named with it.
    HomeTitle,
    /// Binds a following contact cue to another contact: `after`, `also`, `dopo`, `sau`, `po`.
    OtherContact,
    /// Introduces what was talked about (`about`, `sul`, `về`, `o`): a contact cue right after it
    /// (across function words only) is a subject of talk, not the report's contact.
    About,
    /// Before a list of countries, stands for their leaders: `the leaders of`, `i leader di`,
    /// `lãnh đạo`, `voditelji`.
    LeadersOf,
    /// After a date, says it is on the reader's clock: `giờ Việt Nam`, `ora italiana`.
    HomeTime,
    /// After a date, says it is on the clock of the event's place: `local time`, `giờ địa phương`.
    LocalTime,
    /// Before or after (`after`, `dopo`, `sau`, `po`): binds a contact cue to another contact for
    /// the people after it, not for the kind.
    Sequence,
    /// Introduces more people of the same contact: `joined by`, `tham gia`, `na zvezi so bili`.
    Joined,
    /// Before a leader who hosts or chairs the summit, with [`Word::HostAfter`] after them (`do`).
    HostBefore,
    /// After such a leader (`chủ trì`, chairs).
    HostAfter,
    /// Right after a contact cue, names exactly who took part: `between`, `tra`, `giữa`, `med`.
    Between,
    /// Opens a relative clause after a comma: `who`, `where`, `che`, `dove`, `nơi`, `ki`, `kjer`.
    RelativeClause,
    Stop,
    /// A number word (`six`, `cinque`, `hai`, `štirimi`), or `a` in `a day ago`.
    Number(u32),
    /// A unit of elapsed time, in days (`days` 1, `settimane` 7); `alone` when the form means one
    /// unit without a number (Slovenian `pred tednom`, a week ago).
    Unit {
        days: u32,
        alone: bool,
    },
    /// A word after a span of time that counts it back from publication (`ago`, `fa`, `nazaj`).
    Ago,
    /// The same, only at the end of a clause (Vietnamese `trước`, which before a noun is "before").
    AgoEnd,
    /// A word before a span of time that counts it back (`pred`, `cách đây`).
    AgoBefore,
    /// A phrase that looks like `ago` but counts from another event (`trước khi`, `trước đó`).
    NotAgo,
    /// `and` between two spans (`two weeks and three days ago`).
    And,
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

impl Word {
    /// Whether the word names a contact, with its kind or without.
    pub(crate) fn is_contact(self) -> bool {
        matches!(self, Word::Kind(_) | Word::Contact)
    }
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

/// Words or times found, as `(start, end, value)` token ranges.
pub(crate) type Spans<T> = Vec<(usize, usize, T)>;

/// A value of [`Cues::all`]: a cue or count word, or a time of the day.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Cue {
    Word(Word),
    Time(Time),
}

/// A language's cue words, parsed once.
pub(crate) struct Cues {
    pub words: PhraseTable<Word>,
    /// Three layers matched in one pass, each on its own: `words`; number words, units and `ago`
    /// words, matched apart from the other cue words so that a unit inside a longer cue (`tuần`
    /// in `tuần trước`, last week) is still seen; and parts of the day and orders within it,
    /// apart because they overlap the relative words ("ieri sera" is yesterday, and in the evening).
    all: LayeredTable<Cue, 3>,
    pub day_first: bool,
    /// The country whose offices `title.home` titles mean (`IT` for Italian).
    pub home_country: Option<String>,
    /// Endings of a synthetic future tense (Italian `-rà`, `-ranno`): a word with one is a
    /// future word ("volerà", "incontreranno") without a list of every verb.
    pub future_endings: Vec<String>,
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
        let mut counts = PhraseTable::default();
        let insert = |table: &mut PhraseTable<Word>, values: &[String], w: Word| {
            for v in values {
                table.insert(keys_of(v), w, false);
            }
        };
        for (n, v) in data.numbered("number") {
            insert(&mut counts, v, Word::Number(n as u32));
        }
        // Units of elapsed time come from data/units.txt, the one source of units.
        for (form, days, alone) in crate::evidence::quantities::span_units(lang) {
            counts.insert(keys_of(form), Word::Unit { days, alone }, false);
        }
        let counting =
            [("ago", Word::Ago), ("ago_end", Word::AgoEnd), ("ago_before", Word::AgoBefore), ("not_ago", Word::NotAgo), ("and", Word::And)];
        for (k, w) in counting {
            insert(&mut counts, data.get(k), w);
        }
        let mut add = |values: &[String], w: Word| insert(&mut words, values, w);
        for (n, v) in data.numbered("recent") {
            add(v, Word::Recent(n));
        }
        for (n, v) in data.numbered("month") {
            add(v, Word::Month(n as u32));
        }
        for (n, v) in data.numbered("weekday") {
            add(v, Word::Weekday(n as u32));
        }
        for (n, v) in data.numbered("weekday_short") {
            add(v, Word::WeekdayShort(n as u32));
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
            ("title.monarch", Title::Monarch),
            ("title.leader", Title::Leader),
            ("counterpart", Title::Counterpart),
            ("title.deputy", Title::Deputy),
        ];
        for (k, t) in titles {
            add(data.get(k), Word::Title(t));
        }
        for post in Post::ALL {
            add(data.get(&format!("title.{}", post.name())), Word::Title(Title::Post(post)));
        }
        add(data.get("elect"), Word::Elect { before: false });
        add(data.get("elect_before"), Word::Elect { before: true });
        let simple = [
            ("last", Word::Last),
            ("background", Word::Background),
            ("background_after", Word::BackgroundAfter),
            ("future", Word::Future),
            ("negation", Word::Negation),
            ("denial", Word::Denial),
            ("negation_after", Word::NegationAfter),
            ("future_after", Word::FutureAfter),
            ("day_word", Word::DayIntro),
            ("month_word", Word::MonthIntro),
            ("year_word", Word::YearIntro),
            ("role", Word::Role),
            ("coordination", Word::Coordination),
            ("title.home", Word::HomeTitle),
            ("other_contact", Word::OtherContact),
            ("about", Word::About),
            ("home_time", Word::HomeTime),
            ("leaders_of", Word::LeadersOf),
            ("local_time", Word::LocalTime),
            ("sequence", Word::Sequence),
            ("joined", Word::Joined),
            ("host_before", Word::HostBefore),
            ("host_after", Word::HostAfter),
            ("between", Word::Between),
            ("relative_clause", Word::RelativeClause),
            ("contact", Word::Contact),
            ("stop", Word::Stop),
            ("furniture", Word::Furniture),
            ("caption", Word::Caption),
            ("byline", Word::Byline),
            ("page_words", Word::PageNotice),
        ];
        for (k, w) in simple {
            add(data.get(k), w);
        }
        let all = layers(&words, &counts, &times)?;
        Ok(Cues {
            words,
            all,
            day_first: data.day_first(),
            home_country: data.get("home_country").first().cloned(),
            future_endings: data.get("future_ending").to_vec(),
        })
    }

    /// The embedded calendar of `lang`.
    pub(crate) fn of(lang: Lang) -> &'static Cues {
        static ALL: OnceLock<Vec<Cues>> = OnceLock::new();
        // The embedded files are checked by a unit test; a broken one yields an empty calendar.
        &ALL.get_or_init(|| {
            modules()
                .iter()
                .map(|m| {
                    Cues::build(m.lang()).unwrap_or_else(|_| Cues {
                        words: PhraseTable::default(),
                        all: LayeredTable::from_tables([&PhraseTable::default(); 3]),
                        day_first: true,
                        home_country: None,
                        future_endings: Vec::new(),
                    })
                })
                .collect()
        })[lang.index()]
    }

    /// Cue words found in `tokens`, as `(start, end, word)` token ranges. `keys` are the tokens'
    /// calendar keys (see [`crate::knowledge::cached_keys`]); `caps` and `breaks` say which
    /// tokens are capitalised and which begin a sentence (see `Part` in `crate::evidence`).
    pub(crate) fn find(&self, lang: Lang, tokens: &[Token], keys: &[&str], caps: &[bool], breaks: &[bool]) -> Vec<(usize, usize, Word)> {
        self.words
            .find(keys, caps, breaks)
            .into_iter()
            .map(|m| (m.start, m.end, *m.value))
            .filter(|&w| keep(lang, tokens, keys, w))
            .collect()
    }

    /// In one pass over the tokens (keys and breaks as for [`Cues::find`]): the cue words of
    /// [`Cues::find`] with the words that count spans of time (numbers, units, `ago`), which may
    /// overlap the cue words, sorted by their first token (what date expressions are read from);
    /// and the parts of the day and orders within it. In the data of the latter, `#` stands for
    /// a number: Vietnamese `tối #` is "the evening of" a date (`tối 7/11`).
    pub(crate) fn find_all(&self, lang: Lang, tokens: &[Token], keys: &[&str], breaks: &[bool]) -> (Spans<Word>, Spans<Time>) {
        let time_keys: Vec<&str> = tokens.iter().zip(keys).map(|(t, k)| if t.number().is_some() { "#" } else { k }).collect();
        // One key sequence serves the three layers: no cue or count word is a number (`layers`).
        let [words, counts, times] = self.all.find(&time_keys, breaks);
        let word = |&(s, e, c): &(usize, usize, &Cue)| match *c {
            Cue::Word(w) => Some((s, e, w)),
            Cue::Time(_) => None,
        };
        let times = times
            .iter()
            .filter_map(|&(s, e, c)| match *c {
                Cue::Time(t) => Some((s, e, t)),
                Cue::Word(_) => None,
            })
            .collect();
        let mut found: Vec<(usize, usize, Word)> = words.iter().filter_map(word).filter(|&w| keep(lang, tokens, keys, w)).collect();
        let counts: Vec<(usize, usize, Word)> = counts.iter().filter_map(word).collect();
        // Only the count words near a unit can make a span: `a` and `and` elsewhere are left out,
        // so that the cue words of ordinary text do not grow.
        let units: Vec<(usize, usize)> = counts.iter().filter(|m| matches!(m.2, Word::Unit { .. })).map(|m| (m.0, m.1)).collect();
        if units.is_empty() {
            return (found, times);
        }
        let near_unit = |s: usize, e: usize| {
            let k = units.partition_point(|u| u.1 + UNIT_REACH < s);
            units.get(k).is_some_and(|u| u.0 <= e + UNIT_REACH)
        };
        found.extend(counts.into_iter().filter(|m| near_unit(m.0, m.1)));
        found.sort_by_key(|&(s, e, _)| (s, e));
        (found, times)
    }
}

/// The three tables of cue words as the layers of one, matched over keys in which every number
/// is `#` (what the times table wants): so no cue or count word may be a number or `#`.
fn layers(words: &PhraseTable<Word>, counts: &PhraseTable<Word>, times: &PhraseTable<Time>) -> Result<LayeredTable<Cue, 3>, Error> {
    let number = |k: &str| k == "#" || !k.is_empty() && k.bytes().all(|b| b.is_ascii_digit());
    if words.any_key(number) || counts.any_key(number) {
        return Err(Error::data("data/lang", 0, "a cue or count word is a number or `#`: only parts of the day and orders may hold `#`"));
    }
    Ok(LayeredTable::from_tables([
        &words.map_values(|&w| Cue::Word(w)),
        &counts.map_values(|&w| Cue::Word(w)),
        &times.map_values(|&t| Cue::Time(t)),
    ]))
}

/// Whether a cue word found by its table is one in its place: English capitalises months and
/// weekdays (`may` and `sun` are usually other words), though a lower-case month between a day
/// and a year (`25th march 2015`) is still a month; Vietnamese capitalises weekdays (`thứ Hai`;
/// `thứ hai` is also "second").
fn keep(lang: Lang, tokens: &[Token], keys: &[&str], (start, end, word): (usize, usize, Word)) -> bool {
    match word {
        Word::Month(_) if lang == Lang::En => tokens[start].capitalised || between_day_and_year(tokens, keys, start, end),
        Word::Weekday(_) if lang == Lang::En => tokens[start].capitalised,
        Word::Weekday(_) if lang == Lang::Vi => tokens[start..end].iter().any(|t| t.capitalised),
        _ => true,
    }
}

/// How many tokens a count word may stand from a unit (`pred` `4` `dnevi`, `days` `and` `3`).
const UNIT_REACH: usize = 2;

/// Whether tokens `start..end` stand between a day number (`25`, `25th`, `25th of`) and a
/// four-digit year (`2015`, `, 2015`).
fn between_day_and_year(tokens: &[Token], keys: &[&str], start: usize, end: usize) -> bool {
    let mut i = start;
    if i > 0 && keys[i - 1] == "of" {
        i -= 1;
    }
    if i > 0 && matches!(keys[i - 1], "st" | "nd" | "rd" | "th") && !tokens[i - 1].space_before {
        i -= 1;
    }
    let day = i > 0 && tokens[i - 1].number().is_some_and(|d| (1..=31).contains(&d)) && tokens[i - 1].chars <= 2;
    let mut j = end;
    while tokens.get(j).is_some_and(|t| t.is_punct('.') || t.is_punct(',')) && j < end + 2 {
        j += 1;
    }
    day && tokens.get(j).is_some_and(|t| t.number().is_some() && t.chars == 4)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_builds() {
        for m in modules().iter() {
            assert!(Cues::build(m.lang()).is_ok(), "{}", m.lang());
        }
    }
}
