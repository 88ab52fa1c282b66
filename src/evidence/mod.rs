//! Analysis of one report into its [`Fingerprint`]: language, event date, principals, kind of
//! contact, concepts discussed, and cognate keys for names the lexicon lacks.

pub(crate) mod date_forms;
pub(crate) mod dates;
pub(crate) mod furniture;
pub(crate) mod kind;
pub(crate) mod people;
pub(crate) mod quantities;
pub(crate) mod timeline;
pub(crate) mod topics;

use std::collections::BTreeSet;
use std::sync::Arc;

use crate::date::{Date, DateValue, DayOrder, DayPart, EventDate};
use crate::knowledge::{token_keys, Entity, Knowledge, WordKeys};
use crate::lang::cues::{Cues, Time, Word};
use crate::lang::{detect_lang, Lang};
use crate::report::Report;
use crate::text::{tokenize, TokenKind, Tokens};
use kind::EventKind;
pub(crate) use topics::COGNATE_SEP;

/// The compact event signature of a report: cheap to compare, serialisable, and all that
/// clustering keeps of a report.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Fingerprint {
    pub(crate) id: String,
    pub(crate) lang: Lang,
    /// Set when no language was given and the text is in none of the supported ones: it was
    /// analysed in the closest, with poor results.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "std::ops::Not::not"))]
    pub(crate) lang_unsupported: bool,
    pub(crate) published: Option<Date>,
    pub(crate) date: Option<EventDate>,
    /// The part of the day the contact took place in, when the report says.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub(crate) day_part: Option<DayPart>,
    /// Which of the day's contacts it was, when the report says.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub(crate) day_order: Option<DayOrder>,
    /// Person ids of the leaders who met or spoke, sorted.
    pub(crate) principals: Vec<String>,
    pub(crate) kind: Option<EventKind>,
    pub(crate) kind_confident: bool,
    /// Concept ids with weights, sorted by id; the ids are shared with the knowledge base.
    pub(crate) concepts: Box<[(Arc<str>, f32)]>,
    /// Cognate keys of names the lexicon lacks, sorted, joined by [`COGNATE_SEP`] (one allocation).
    pub(crate) cognates: Box<str>,
    /// Hash of the title and text: equal for exact duplicates, which are always one event.
    pub(crate) content: u64,
    /// The latest dated world event the report mentions as past (`data/timeline.txt`), and the
    /// concept that names it: the report cannot be about an earlier day.
    #[cfg_attr(feature = "serde", serde(default))]
    pub(crate) not_before: Option<(Date, Arc<str>)>,
}

impl Fingerprint {
    /// The report's id.
    pub fn id(&self) -> &str {
        &self.id
    }
    /// The language the report was analysed in (given or detected).
    pub fn lang(&self) -> Lang {
        self.lang
    }
    /// False when the report gave no language and its text is in none of the supported ones
    /// ([`Lang::detect`] failed): it was analysed as [`lang`](Fingerprint::lang), the closest,
    /// and its evidence is unreliable.
    pub fn language_supported(&self) -> bool {
        !self.lang_unsupported
    }
    /// The event date, if anything in the report or its published date tells it: a day when the
    /// text fixes it, else a window of days (see [`DateValue::Window`]).
    pub fn event_date(&self) -> Option<&EventDate> {
        self.date.as_ref()
    }
    /// The event's day, only when the text fixes it (not a window, not a day without a year).
    pub fn event_day(&self) -> Option<Date> {
        self.date.and_then(|d| d.value.day())
    }
    /// The first and last day the event may have taken place on, when the text does not fix the
    /// day but the publication bounds it (`None` when the day is known or nothing bounds it).
    pub fn event_window(&self) -> Option<(Date, Date)> {
        match self.date.map(|d| d.value) {
            Some(DateValue::Window { from, to }) => Some((from, to)),
            _ => None,
        }
    }
    /// The part of the day the contact took place in, when the report says ("in serata", "zvečer").
    pub fn day_part(&self) -> Option<DayPart> {
        self.day_part
    }
    /// Which of the day's contacts the report describes, when it says ("for the second time today").
    pub fn day_order(&self) -> Option<DayOrder> {
        self.day_order
    }
    /// Ids of the leaders who took part (`putin`, `macron`), sorted.
    pub fn participants(&self) -> &[String] {
        &self.principals
    }
    /// The kind of contact, if the report says.
    pub fn kind(&self) -> Option<EventKind> {
        self.kind
    }
    /// Ids of the concepts discussed (`nagorno_karabakh`, `ceasefire`, `country:LY`), sorted.
    pub fn concepts(&self) -> impl Iterator<Item = &str> {
        self.concepts.iter().map(|(c, _)| &**c)
    }
    /// Cognate keys: names the lexicon lacks, folded and stemmed (`haftar`, `wagner`).
    pub fn cognates(&self) -> impl Iterator<Item = &str> {
        self.cognates.split(COGNATE_SEP).filter(|c| !c.is_empty())
    }
    /// The concepts with their weights in topic overlap, sorted by id. The weight is the concept's
    /// specificity: 0.25 for generic topics (`ceasefire`, `sanctions`), 2 or more for places,
    /// incidents and numbers with units (`qty:70 minute`).
    pub fn weighted_concepts(&self) -> impl Iterator<Item = (&str, f32)> {
        self.concepts.iter().map(|(c, w)| (&**c, *w))
    }
    /// The earliest day the report can be about: the day of the latest dated world event it
    /// mentions as past ("after the attack on the Crimean bridge": 2022-10-08), if any.
    pub fn not_before(&self) -> Option<Date> {
        self.not_before.as_ref().map(|b| b.0)
    }
    /// The concept of the event that sets [`Fingerprint::not_before`] (`crimean_bridge_attack`).
    pub fn not_before_event(&self) -> Option<&str> {
        self.not_before.as_ref().map(|b| &*b.1)
    }
}

/// One part of a report (title or body), tokenised and annotated.
pub(crate) struct Part {
    pub tokens: Tokens,
    /// Each token's calendar and lexicon keys ([`token_keys`]), computed once for every kind of
    /// evidence.
    pub keys: Vec<WordKeys>,
    /// Whether each token is capitalised.
    pub caps: Vec<bool>,
    /// Whether each token begins a new sentence (a phrase may not run across it).
    pub breaks: Vec<bool>,
    pub words: Vec<(usize, usize, Word)>,
    /// Parts of the day and orders within it.
    pub times: Vec<(usize, usize, Time)>,
    pub entities: Vec<(usize, usize, Entity)>,
    noise_lines: BTreeSet<u32>,
    pub in_title: bool,
    /// Indices into `words`, ordered by where each word ends: the grammar scans read backwards.
    words_by_end: Vec<u32>,
    /// Whether each token is a name, country, title, function word or punctuation.
    filler: Vec<bool>,
}

/// The shortest word a future ending is looked for in: `sarà` (4) is a future, `rà` alone is not.
const FUTURE_WORD_MIN_CHARS: usize = 4;

/// Adds a future word for each word with a synthetic future ending of the language (`volerà`,
/// `incontreranno`) that no cue word already covers, keeping `words` ordered by start.
fn future_by_ending(lang: Lang, tokens: &Tokens, words: &mut Vec<(usize, usize, Word)>) {
    let endings = &Cues::of(lang).future_endings;
    if endings.is_empty() {
        return;
    }
    let covered = |i: usize, words: &[(usize, usize, Word)]| words.iter().any(|&(s, e, _)| s <= i && i < e);
    let found: Vec<usize> = (0..tokens.len())
        .filter(|&i| {
            let lower = tokens.lower(i);
            lower.chars().count() >= FUTURE_WORD_MIN_CHARS && endings.iter().any(|e| lower.ends_with(e.as_str())) && !covered(i, words)
        })
        .collect();
    if found.is_empty() {
        return;
    }
    words.extend(found.into_iter().map(|i| (i, i + 1, Word::Future)));
    words.sort_by_key(|w| w.0);
}

impl Part {
    fn new(text: &str, lang: Lang, knowledge: &Knowledge, in_title: bool) -> Part {
        let tokens = tokenize(prefix(text, knowledge.max_text_bytes));
        let keys: Vec<WordKeys> = token_keys(lang, &tokens);
        let caps: Vec<bool> = tokens.iter().map(|t| t.capitalised).collect();
        let breaks: Vec<bool> = tokens.iter().enumerate().map(|(i, t)| i > 0 && t.sentence != tokens[i - 1].sentence).collect();
        let calendar_keys: Vec<&str> = keys.iter().map(|k| &*k.0).collect();
        // Cue words, counts and times of day in one pass.
        let (mut words, times) = Cues::of(lang).find_all(lang, &tokens, &calendar_keys, &breaks);
        drop(calendar_keys);
        future_by_ending(lang, &tokens, &mut words);
        // The lexicon skips punctuation: its phrases run over words alone.
        let content: Vec<usize> = (0..tokens.len()).filter(|&i| !matches!(tokens[i].kind, TokenKind::Punct(_))).collect();
        let lexicon_keys: Vec<&str> = content.iter().map(|&i| &*keys[i].1).collect();
        let content_caps: Vec<bool> = content.iter().map(|&i| caps[i]).collect();
        let content_breaks: Vec<bool> =
            content.iter().enumerate().map(|(k, &i)| k > 0 && tokens[i].sentence != tokens[content[k - 1]].sentence).collect();
        let entities = knowledge
            .table(lang)
            .find(&lexicon_keys, &content_caps, &content_breaks)
            .into_iter()
            .map(|m| (content[m.start], content[m.end - 1] + 1, *m.value))
            .collect();
        // A title is never page furniture.
        let noise_lines = if in_title { BTreeSet::new() } else { furniture::noise_lines(&tokens, &words) };
        let mut words_by_end: Vec<u32> = (0..words.len() as u32).collect();
        words_by_end.sort_by_key(|&k| (words[k as usize].1, words[k as usize].0));
        let mut filler: Vec<bool> = tokens.iter().map(|t| matches!(t.kind, TokenKind::Punct(_))).collect();
        for &(s, e, _) in &entities {
            filler[s..e].iter_mut().for_each(|f| *f = true);
        }
        for &(s, e, w) in &words {
            if matches!(w, Word::Title(_) | Word::Stop | Word::Coordination) {
                filler[s..e].iter_mut().for_each(|f| *f = true);
            }
        }
        drop(lexicon_keys);
        Part { tokens, keys, caps, breaks, words, times, entities, noise_lines, in_title, words_by_end, filler }
    }

    /// The cue words that start at token `i`.
    pub(crate) fn words_at(&self, i: usize) -> &[(usize, usize, Word)] {
        let from = self.words.partition_point(|w| w.0 < i);
        let to = from + self.words[from..].partition_point(|w| w.0 == i);
        &self.words[from..to]
    }

    /// The cue words that end right before token `e`.
    pub(crate) fn words_ending_at(&self, e: usize) -> impl Iterator<Item = &(usize, usize, Word)> {
        let from = self.words_by_end.partition_point(|&k| self.words[k as usize].1 < e);
        self.words_by_end[from..].iter().map(|&k| &self.words[k as usize]).take_while(move |w| w.1 == e)
    }

    /// The entity that starts at token `i`.
    pub(crate) fn entity_at(&self, i: usize) -> Option<&(usize, usize, Entity)> {
        self.entities.binary_search_by_key(&i, |e| e.0).ok().map(|k| &self.entities[k])
    }

    /// The entity that ends right before token `e`.
    pub(crate) fn entity_ending_at(&self, e: usize) -> Option<&(usize, usize, Entity)> {
        let k = self.entities.partition_point(|x| x.1 < e);
        self.entities.get(k).filter(|x| x.1 == e)
    }

    /// The entity that covers token `j`.
    pub(crate) fn entity_covering(&self, j: usize) -> Option<&(usize, usize, Entity)> {
        let k = self.entities.partition_point(|x| x.1 <= j);
        self.entities.get(k).filter(|x| x.0 <= j)
    }

    /// Whether token `j` is a name, a country, a title, a function word or punctuation: words that
    /// do not break the phrase between a governing word and what it governs.
    pub(crate) fn is_filler(&self, j: usize) -> bool {
        self.filler[j]
    }

    pub(crate) fn noise(&self, i: usize) -> bool {
        self.noise_lines.contains(&self.tokens[i].line)
    }

    pub(crate) fn words_in_sentence(&self, sentence: u32) -> impl Iterator<Item = &(usize, usize, Word)> {
        // Words are ordered by their first token, and sentences never go back.
        let from = self.words.partition_point(|w| self.tokens[w.0].sentence < sentence);
        self.words[from..].iter().take_while(move |w| self.tokens[w.0].sentence == sentence)
    }
}

/// The longest prefix of `text` of at most `max` bytes that ends on a character boundary.
fn prefix(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// A phrase of a text recognised by the lexicon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recognised {
    /// The words as written, joined by spaces.
    pub text: String,
    /// What they refer to: a concept id (`ceasefire`, `country:FR`), `person:ID`, or `seat:CC`
    /// for a seat of power (`Kremlin` → `seat:RU`).
    pub id: String,
}

/// The lexicon's phrases found in a text.
pub(crate) fn recognise(text: &str, lang: Lang, knowledge: &Knowledge) -> Vec<Recognised> {
    let part = Part::new(text, lang, knowledge, false);
    let mut found: Vec<Recognised> = Vec::new();
    let mut last_end = usize::MAX;
    for &(s, e, ent) in &part.entities {
        let id = match ent {
            Entity::Concept(c) => knowledge.concepts[c as usize].id.to_string(),
            Entity::Country(c) => knowledge.concepts[knowledge.countries[c as usize].concept as usize].id.to_string(),
            Entity::Person(p) => format!("person:{}", knowledge.people[p as usize].id),
            Entity::Seat { country, .. } => format!("seat:{}", knowledge.countries[country as usize].code),
        };
        let text = part.tokens.join(s, e);
        // Two adjacent phrases of one concept are one mention: "attentati terroristici".
        match found.last_mut() {
            Some(prev) if prev.id == id && last_end == s => {
                prev.text.push(' ');
                prev.text.push_str(&text);
            }
            _ => found.push(Recognised { text, id }),
        }
        last_end = e;
    }
    found
}

/// Analyses one report: each kind of evidence is read by its own module.
pub(crate) fn analyse(report: &Report, knowledge: &Knowledge) -> Fingerprint {
    let Reading { lang, lang_unsupported, parts, published, date, ref_day, bound } = Reading::of(report, knowledge);
    let (day_part, day_order) = dates::time_of_day(&parts);
    let (kind, kind_confident) = kind::read_kind(&parts);
    let (principals, _) = people::read_people(&parts, lang, knowledge, ref_day, kind, false);
    let (concepts, cognates) = topics::read_topics(&parts, lang, knowledge, &principals);
    let mut principal_ids: Vec<String> = principals.iter().map(|&p| knowledge.people[p as usize].id.clone()).collect();
    principal_ids.sort();
    Fingerprint {
        id: report.id().to_string(),
        lang,
        lang_unsupported,
        published,
        date,
        day_part,
        day_order,
        principals: principal_ids,
        kind,
        kind_confident,
        concepts,
        cognates,
        content: content_hash(report),
        not_before: bound.map(|(day, c)| (day, knowledge.concepts[c as usize].id.clone())),
    }
}

/// What every kind of evidence starts from: the report's language, its parts, and its date.
struct Reading {
    lang: Lang,
    /// No language given, and the text is in none of the supported ones.
    lang_unsupported: bool,
    parts: Vec<Part>,
    published: Option<Date>,
    date: Option<EventDate>,
    /// The day office titles are resolved on.
    ref_day: Option<Date>,
    /// The latest past world event the report mentions, and its concept index.
    bound: Option<(Date, u32)>,
}

impl Reading {
    fn of(report: &Report, knowledge: &Knowledge) -> Reading {
        let (lang, lang_unsupported) = match report.lang() {
            Some(lang) => (lang, false),
            // The text tells the language, or else the title (a headline with an empty body).
            None => match Lang::detect(report.text()).or_else(|e| report.title().map_or(Err(e), Lang::detect)) {
                Ok(lang) => (lang, false),
                Err(_) => (detect_lang(report.text()), true),
            },
        };
        let mut parts = Vec::with_capacity(2);
        if let Some(title) = report.title() {
            parts.push(Part::new(title, lang, knowledge, true));
        }
        parts.push(Part::new(report.text(), lang, knowledge, false));
        let published = report.published();
        let bound = timeline::not_before(&parts, lang, knowledge, published);
        let cx = dates::DateContext { published, time: report.published_time(), knowledge, not_before: bound.map(|b| b.0) };
        let (_, date) = dates::extract_dates(&parts, lang, cx);
        let ref_day = dates::reference_day(date.as_ref(), published, &parts, knowledge);
        Reading { lang, lang_unsupported, parts, published, date, ref_day, bound }
    }
}

/// The leaders a report names, whether each took part, and the words that tell.
pub(crate) fn participants(report: &Report, knowledge: &Knowledge) -> Vec<people::Participant> {
    let r = Reading::of(report, knowledge);
    let (kind, _) = kind::read_kind(&r.parts);
    people::read_people(&r.parts, r.lang, knowledge, r.ref_day, kind, true).1
}

/// FNV-1a over the title and the text: a fixed hash, the same on every run and machine.
fn content_hash(report: &Report) -> u64 {
    let title = report.title().unwrap_or("").as_bytes();
    let bytes = title.iter().chain(&[0xff]).chain(report.text().as_bytes());
    bytes.fold(0xcbf2_9ce4_8422_2325u64, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}
