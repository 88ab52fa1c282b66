//! Multilingual knowledge: countries, seats of power, people with their offices, and concepts.
//!
//! Everything is read from the readable files under `data/` (embedded) or from user files through
//! the builder; each surface form is analysed by its language's analyser, so inflected forms match.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::hash::Hasher;
use std::rc::Rc;
use std::sync::Arc;

use crate::date::Date;
use crate::error::Error;
use crate::hash::{FxHasher, KeyedMap};
use crate::lang::{module, Lang};
use crate::text::phrase::PhraseTable;
use crate::text::{fold, tokenize};

const COUNTRIES_CLDR: &str = include_str!("../data/countries_cldr.txt");
const COUNTRIES: &str = include_str!("../data/countries.txt");
const SEATS: &str = include_str!("../data/seats.txt");
const PEOPLE: &str = include_str!("../data/people.txt");
const CONCEPTS: &str = include_str!("../data/concepts.txt");
const TIMELINE: &str = include_str!("../data/timeline.txt");

/// Language columns of the tab-like files, in file order.
const COLUMN_LANGS: [Lang; 4] = [Lang::En, Lang::It, Lang::Vi, Lang::Sl];

/// The kind of a concept; it sets the concept's weight in topic overlap.
///
/// The weight is a **specificity tier** written in the data, not a statistic of the reports seen:
/// how likely two reports of *different* contacts are to share the concept by chance. `generic`
/// topics (war, ceasefire, sanctions, negotiations, bilateral relations) are in nearly every report
/// of a conflict or a relation and say almost nothing about which contact a report is about; a named
/// incident, a place, an agreement or a specific body says much. A tier is fixed per concept, so a
/// fingerprint's weights do not depend on which other reports were seen: results stay
/// deterministic, independent of input order, and the streaming index equals batch clustering
/// (an inverse document frequency over a batch would change every weight with each new report).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum ConceptClass {
    Country,
    Org,
    Agreement,
    Region,
    Group,
    Topic,
    /// Commonplace topics of nearly every report about a conflict or a relation.
    Generic,
    /// A specific body of an organisation (the Security Council, the European Council).
    Body,
    /// A named place below the country: a city, a site, a venue.
    Place,
    /// A named, dated incident (an explosion, an attack, a mutiny, a summit with a name).
    Incident,
}

impl ConceptClass {
    fn parse(s: &str) -> Option<ConceptClass> {
        Some(match s {
            "org" => ConceptClass::Org,
            "agreement" => ConceptClass::Agreement,
            "region" => ConceptClass::Region,
            "group" => ConceptClass::Group,
            "topic" => ConceptClass::Topic,
            "country" => ConceptClass::Country,
            "generic" => ConceptClass::Generic,
            "body" => ConceptClass::Body,
            "place" => ConceptClass::Place,
            "incident" => ConceptClass::Incident,
            _ => return None,
        })
    }

    /// Specific things (an incident, a place, a treaty) say more about an event than general
    /// topics: the weight grows with how rarely two different contacts share the concept.
    pub(crate) fn weight(self) -> f32 {
        match self {
            ConceptClass::Generic => 0.25,
            ConceptClass::Country => 0.6,
            ConceptClass::Topic => 1.0,
            ConceptClass::Org => 1.0,
            ConceptClass::Group => 1.3,
            ConceptClass::Body => 1.5,
            ConceptClass::Agreement => 1.5,
            ConceptClass::Region => 1.5,
            ConceptClass::Place => 2.0,
            ConceptClass::Incident => 2.5,
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Concept {
    /// Shared by every fingerprint that mentions the concept.
    pub id: Arc<str>,
    pub class: ConceptClass,
    /// The day of the world event the concept names, from `data/timeline.txt`: a report that
    /// mentions the event as past cannot be about an earlier day.
    pub happened: Option<Date>,
}

/// An office a person held: `post` (president, pm, monarch …) of `country` between two days.
#[derive(Debug, Clone)]
pub(crate) struct Office {
    pub post: String,
    pub country: String,
    pub from: Date,
    pub to: Option<Date>,
}

impl Office {
    pub(crate) fn covers(&self, day: Date) -> bool {
        self.from <= day && self.to.is_none_or(|to| day < to)
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Person {
    pub id: String,
    /// `person:ID`, the concept id of the person when mentioned without taking part.
    pub concept_id: Arc<str>,
    pub display: String,
    pub offices: Vec<Office>,
}

#[derive(Debug, Clone)]
pub(crate) struct Country {
    pub code: String,
    pub primary_post: String,
    pub concept: u32,
}

/// What a matched phrase refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Entity {
    Concept(u32),
    Country(u32),
    Seat { country: u32, post_is_primary: bool },
    Person(u32),
}

/// The knowledge base, immutable once built.
#[derive(Debug, Default)]
pub(crate) struct Knowledge {
    pub concepts: Vec<Concept>,
    pub countries: Vec<Country>,
    pub people: Vec<Person>,
    tables: [PhraseTable<Entity>; 4],
    /// Words that make a mention of a dated event not (yet) past: planned, hoped for, feared.
    not_past: [PhraseTable<()>; 4],
    concept_index: HashMap<String, u32>,
    person_index: HashMap<String, u32>,
    country_index: HashMap<String, u32>,
    /// Analysis reads at most this many bytes of a title or text (set by the builder).
    pub max_text_bytes: usize,
    /// The years the knowledge base can speak of: from the earliest office it records to the
    /// latest change it records (an office with no end is known to go on until then, not after).
    /// Set whenever people are added.
    pub office_years: (i32, i32),
    /// The last change of office the knowledge records, if any: it knows no later world.
    pub horizon: Option<Date>,
}

/// Default for [`Knowledge::max_text_bytes`]: far above any news report, low enough that a
/// runaway input costs milliseconds.
pub(crate) const DEFAULT_MAX_TEXT_BYTES: usize = 256 * 1024;

/// Words longer than this are not looked up (no lexicon or calendar word is that long).
pub(crate) const MAX_WORD_CHARS: u32 = 64;

/// The calendar key of a lower-cased word: folded where the language folds diacritics.
pub(crate) fn fold_key(lang: Lang, lower: &str) -> String {
    if module(lang).folds_diacritics() {
        fold(lower)
    } else {
        lower.to_string()
    }
}

/// The matching key of a word in a language: folded (where the language folds), lower-cased, stemmed.
pub(crate) fn word_key(lang: Lang, lower: &str) -> String {
    module(lang).stem(&fold_key(lang, lower)).into_owned()
}

pub(crate) fn phrase_keys(lang: Lang, form: &str) -> Vec<String> {
    let tokens = tokenize(form);
    (0..tokens.len())
        .filter(|&i| !matches!(tokens[i].kind, crate::text::TokenKind::Punct(_)))
        .map(|i| word_key(lang, tokens.lower(i)))
        .collect()
}

/// The two keys of a lower-cased word: for calendar words (folded where the language folds) and
/// for the lexicon (folded and stemmed).
pub(crate) type WordKeys = (Rc<str>, Rc<str>);

/// Keys of a word, from a per-thread cache: news vocabulary is Zipfian, so most words are seen
/// again and folding and stemming run once per distinct word.
///
/// The words come from the input, so the cache is a map with a keyed hasher; in front of it, a
/// direct-mapped table indexed by a fast fixed hash answers the common words. Words made to
/// collide in the fixed hash only miss the table (one comparison each): no input can slow it.
pub(crate) fn cached_keys(lang: Lang, lower: &str) -> WordKeys {
    CACHE.with(|cache| cache.borrow_mut()[lang.index()].keys(lang, lower))
}

thread_local! {
    static CACHE: RefCell<[WordCache; 4]> = RefCell::new(Default::default());
}

/// A per-thread, per-language word cache: see [`cached_keys`].
#[derive(Default)]
struct WordCache {
    front: Vec<Option<(Rc<str>, WordKeys)>>,
    map: KeyedMap<Rc<str>, WordKeys>,
}

impl WordCache {
    fn keys(&mut self, lang: Lang, lower: &str) -> WordKeys {
        let slot = {
            let mut h = FxHasher::default();
            h.write(lower.as_bytes());
            (h.finish() >> 40) as usize % FRONT_SLOTS
        };
        if self.front.is_empty() {
            self.front = vec![None; FRONT_SLOTS];
        }
        if let Some((word, keys)) = &self.front[slot] {
            if **word == *lower {
                return keys.clone();
            }
        }
        let (word, keys) = match self.map.get_key_value(lower) {
            Some((word, keys)) => (word.clone(), keys.clone()),
            None => {
                if self.map.len() >= KEY_CACHE_LIMIT {
                    self.map.clear();
                }
                let folded: Rc<str> = fold_key(lang, lower).into();
                let stem: Rc<str> = module(lang).stem(&folded).into();
                let word: Rc<str> = lower.into();
                let keys = (folded, stem);
                self.map.insert(word.clone(), keys.clone());
                (word, keys)
            }
        };
        self.front[slot] = Some((word, keys.clone()));
        keys
    }
}

/// Slots of the direct-mapped table in front of each word cache.
const FRONT_SLOTS: usize = 4096;

/// Keys of every token (the cache of [`cached_keys`], taken once for all of them); words too long
/// to be in any table get empty keys without being cached.
pub(crate) fn token_keys(lang: Lang, tokens: &crate::text::Tokens) -> Vec<WordKeys> {
    CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        let cache = &mut cache[lang.index()];
        (0..tokens.len())
            .map(|i| if tokens[i].chars > MAX_WORD_CHARS { (Rc::from(""), Rc::from("")) } else { cache.keys(lang, tokens.lower(i)) })
            .collect()
    })
}

/// Distinct words kept per language and thread before the cache starts again.
const KEY_CACHE_LIMIT: usize = 200_000;

/// Splits `a | b | c` into trimmed cells, skipping comments and blank lines.
fn rows(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    text.lines().enumerate().filter_map(|(i, line)| {
        let line = line.trim();
        (!line.is_empty() && !line.starts_with('#')).then(|| (i + 1, line.split('|').map(str::trim).collect()))
    })
}

fn forms(cell: &str) -> impl Iterator<Item = &str> {
    cell.split(';').map(str::trim).filter(|f| !f.is_empty())
}

fn parse_offices(file: &str, line: usize, cell: &str) -> Result<Vec<Office>, Error> {
    forms(cell)
        .map(|spec| {
            let bad = || Error::data(file, line, format!("office {spec:?}: expected `post.CC FROM..TO`"));
            let (post_country, range) = spec.split_once(' ').ok_or_else(bad)?;
            let (post, country) = post_country.split_once('.').ok_or_else(bad)?;
            let (from, to) = range.trim().split_once("..").ok_or_else(bad)?;
            let from = Date::parse(from).map_err(|_| bad())?;
            let to = if to.trim().is_empty() { None } else { Some(Date::parse(to).map_err(|_| bad())?) };
            Ok(Office { post: post.to_string(), country: country.to_string(), from, to })
        })
        .collect()
}

impl Knowledge {
    /// The embedded knowledge.
    pub(crate) fn embedded() -> Result<Knowledge, Error> {
        let mut k = Knowledge { max_text_bytes: DEFAULT_MAX_TEXT_BYTES, ..Knowledge::default() };
        k.add_countries("data/countries_cldr.txt", COUNTRIES_CLDR)?;
        k.add_countries("data/countries.txt", COUNTRIES)?;
        k.add_seats("data/seats.txt", SEATS)?;
        k.add_people("data/people.txt", PEOPLE)?;
        k.add_concepts("data/concepts.txt", CONCEPTS)?;
        k.add_timeline("data/timeline.txt", TIMELINE)?;
        Ok(k)
    }

    fn insert_form(&mut self, lang: Lang, form: &str, entity: Entity, names: bool) {
        let keys = phrase_keys(lang, form);
        // Names, Vietnamese proper nouns and acronyms (`SWIFT`, `US`, `AI`) match only capitalised
        // words: `swiftly`, `us` and Italian `ai` are other words.
        let first_word = form.split_whitespace().next().unwrap_or("");
        let acronym = first_word.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !first_word.chars().any(char::is_lowercase);
        let capital = form.chars().next().is_some_and(char::is_uppercase) && (names || acronym || module(lang).capitals_mark_names());
        self.tables[lang.index()].insert(keys, entity, capital);
    }

    fn insert_columns(&mut self, file: &str, line: usize, cells: &[&str], entity: Entity) -> Result<(), Error> {
        if cells.len() != COLUMN_LANGS.len() {
            return Err(Error::data(file, line, format!("expected {} language columns (en | it | vi | sl)", COLUMN_LANGS.len())));
        }
        for (lang, cell) in COLUMN_LANGS.iter().zip(cells) {
            for form in forms(cell) {
                self.insert_form(*lang, form, entity, false);
            }
        }
        Ok(())
    }

    fn intern_concept(&mut self, id: &str, class: ConceptClass) -> u32 {
        if let Some(&i) = self.concept_index.get(id) {
            self.concepts[i as usize].class = class;
            return i;
        }
        let i = self.concepts.len() as u32;
        self.concepts.push(Concept { id: id.into(), class, happened: None });
        self.concept_index.insert(id.to_string(), i);
        i
    }

    pub(crate) fn add_countries(&mut self, file: &str, text: &str) -> Result<(), Error> {
        for (line, cells) in rows(text) {
            let [code, post, langs @ ..] = cells.as_slice() else {
                return Err(Error::data(file, line, "expected `CC | post | en | it | vi | sl`"));
            };
            let concept = self.intern_concept(&format!("country:{code}"), ConceptClass::Country);
            let index = match self.country_index.get(*code) {
                Some(&i) => {
                    self.countries[i as usize].primary_post = post.to_string();
                    i
                }
                None => {
                    let i = self.countries.len() as u32;
                    self.countries.push(Country { code: code.to_string(), primary_post: post.to_string(), concept });
                    self.country_index.insert(code.to_string(), i);
                    i
                }
            };
            self.insert_columns(file, line, langs, Entity::Country(index))?;
        }
        Ok(())
    }

    fn add_seats(&mut self, file: &str, text: &str) -> Result<(), Error> {
        for (line, cells) in rows(text) {
            let [code, post, langs @ ..] = cells.as_slice() else {
                return Err(Error::data(file, line, "expected `CC | post | en | it | vi | sl`"));
            };
            let country = *self.country_index.get(*code).ok_or_else(|| Error::data(file, line, format!("unknown country {code}")))?;
            let post_is_primary = self.countries[country as usize].primary_post == *post;
            self.insert_columns(file, line, langs, Entity::Seat { country, post_is_primary })?;
        }
        Ok(())
    }

    /// What the offices of the people say of the world's time: [`Knowledge::office_years`] and
    /// [`Knowledge::horizon`], computed once whenever people are added.
    fn office_span(&mut self) {
        let offices = self.people.iter().flat_map(|p| &p.offices);
        let first = offices.clone().map(|o| o.from.year()).min().unwrap_or(1990).max(1900);
        let last = offices.clone().flat_map(|o| [Some(o.from.year()), o.to.map(Date::year)]).flatten().max().unwrap_or(2030);
        self.office_years = (first, last);
        self.horizon = offices.flat_map(|o| [Some(o.from), o.to]).flatten().max();
    }

    /// People in the `id | display | forms | offices` format.
    pub(crate) fn add_people(&mut self, file: &str, text: &str) -> Result<(), Error> {
        let added = self.add_people_rows(file, text);
        self.office_span();
        added
    }

    fn add_people_rows(&mut self, file: &str, text: &str) -> Result<(), Error> {
        for (line, cells) in rows(text) {
            let [id, display, names, offices] = cells.as_slice() else {
                return Err(Error::data(file, line, "expected `id | display name | forms | offices`"));
            };
            let offices = parse_offices(file, line, offices)?;
            let person = Person { id: id.to_string(), concept_id: format!("person:{id}").into(), display: display.to_string(), offices };
            let index = match self.person_index.get(*id) {
                Some(&i) => {
                    self.people[i as usize] = person;
                    i
                }
                None => {
                    let i = self.people.len() as u32;
                    self.people.push(person);
                    self.person_index.insert(id.to_string(), i);
                    i
                }
            };
            for form in forms(names) {
                let (form, only) = match form.rsplit_once('@') {
                    Some((f, code)) => (f, Some(code.parse::<Lang>().map_err(|e| Error::data(file, line, e.to_string()))?)),
                    None => (form, None),
                };
                for lang in Lang::ALL.into_iter().filter(|l| only.is_none_or(|o| o == *l)) {
                    self.insert_form(lang, form, Entity::Person(index), true);
                }
            }
        }
        Ok(())
    }

    /// Concepts in the `id | class | en | it | vi | sl` format.
    pub(crate) fn add_concepts(&mut self, file: &str, text: &str) -> Result<(), Error> {
        for (line, cells) in rows(text) {
            let [id, class, langs @ ..] = cells.as_slice() else {
                return Err(Error::data(file, line, "expected `id | class | en | it | vi | sl`"));
            };
            let class = ConceptClass::parse(class).ok_or_else(|| Error::data(file, line, format!("unknown class {class:?}")))?;
            let index = self.intern_concept(id, class);
            self.insert_columns(file, line, langs, Entity::Concept(index))?;
        }
        Ok(())
    }

    /// Dated world events in the `YYYY-MM-DD | concept id | what happened` format, and the words
    /// that make a mention not past, as `not_past | LANG | forms`.
    pub(crate) fn add_timeline(&mut self, file: &str, text: &str) -> Result<(), Error> {
        for (line, cells) in rows(text) {
            match cells.as_slice() {
                ["not_past", lang, forms_cell] => {
                    let lang: Lang = lang.parse().map_err(|e: Error| Error::data(file, line, e.to_string()))?;
                    for form in forms(forms_cell) {
                        self.not_past[lang.index()].insert(phrase_keys(lang, form), (), false);
                    }
                }
                [day, id, _what] => {
                    let day = Date::parse(day).map_err(|_| Error::data(file, line, format!("{day:?} is not a YYYY-MM-DD day")))?;
                    let &c = self.concept_index.get(*id).ok_or_else(|| Error::data(file, line, format!("unknown concept {id:?}")))?;
                    self.concepts[c as usize].happened = Some(day);
                }
                _ => {
                    return Err(Error::data(file, line, "expected `YYYY-MM-DD | concept id | what happened` or `not_past | LANG | forms`"))
                }
            }
        }
        Ok(())
    }

    /// The words that make a mention of a dated event not past, in `lang`.
    pub(crate) fn not_past(&self, lang: Lang) -> &PhraseTable<()> {
        &self.not_past[lang.index()]
    }

    pub(crate) fn table(&self, lang: Lang) -> &PhraseTable<Entity> {
        &self.tables[lang.index()]
    }

    /// Who held `post` of `country` on `day`.
    pub(crate) fn holder(&self, post: &str, country: &str, day: Date) -> Option<u32> {
        self.people.iter().position(|p| p.offices.iter().any(|o| o.post == post && o.country == country && o.covers(day))).map(|i| i as u32)
    }

    /// The holder of `post` of `country` on `day`; without a day, the most recent holder (undated
    /// news is most often recent news).
    pub(crate) fn holder_on(&self, post: &str, country: &str, day: Option<Date>) -> Option<u32> {
        match day {
            Some(day) => self.holder(post, country, day),
            None => self.latest_holder(post, country),
        }
    }

    /// The most recent holder of `post` of `country`.
    pub(crate) fn latest_holder(&self, post: &str, country: &str) -> Option<u32> {
        let terms = self.people.iter().enumerate().flat_map(|(i, p)| p.offices.iter().map(move |o| (i, o)));
        terms.filter(|(_, o)| o.post == post && o.country == country).max_by_key(|(i, o)| (o.from, *i)).map(|(i, _)| i as u32)
    }

    pub(crate) fn person_in_office(&self, person: u32, day: Date) -> bool {
        self.people[person as usize].offices.iter().any(|o| o.covers(day))
    }

    pub(crate) fn phrase_count(&self) -> usize {
        self.tables.iter().map(PhraseTable::len).sum()
    }
}

impl fmt::Display for ConceptClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_knowledge_loads_and_resolves_offices() {
        let k = Knowledge::embedded().unwrap();
        assert!(k.countries.len() >= 249, "every ISO 3166-1 country");
        assert!(k.people.len() > 100);
        let day = Date::new(2020, 6, 26).unwrap();
        let holder = k.holder("president", "FR", day).unwrap();
        assert_eq!(k.people[holder as usize].id, "macron");
        let holder = k.holder("president", "FR", Date::new(2016, 6, 26).unwrap()).unwrap();
        assert_eq!(k.people[holder as usize].id, "hollande");
        let holder = k.holder("pm", "IT", Date::new(2021, 8, 19).unwrap()).unwrap();
        assert_eq!(k.people[holder as usize].id, "draghi");
    }

    #[test]
    fn slovenian_declension_matches_one_form() {
        let k = Knowledge::embedded().unwrap();
        let table = k.table(Lang::Sl);
        for word in ["Libiji", "Libija", "Libijo"] {
            let key = word_key(Lang::Sl, &word.to_lowercase());
            let found = table.find(&[key.as_str()], &[true], &[false]);
            assert_eq!(found.len(), 1, "{word}");
        }
    }
}
