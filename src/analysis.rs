//! Analysis of one report into its [`Fingerprint`]: language, event date, principals, kind of
//! contact, concepts discussed, and cognate keys for names the lexicon lacks.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use crate::calendar::{self, Calendar, Candidate, EventKind, Placement, Said, Title, Word};
use crate::date::{Date, DateValue, EventDate};
use crate::knowledge::{token_keys, ConceptClass, Entity, Knowledge, WordKeys, MAX_WORD_CHARS};
use crate::lang::{module, Lang};
use crate::report::Report;
use crate::text::{fold, tokenize, TokenKind, Tokens};

/// The compact event signature of a report: cheap to compare, serialisable, and all that
/// clustering keeps of a report.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Fingerprint {
    pub(crate) id: String,
    pub(crate) lang: Lang,
    pub(crate) published: Option<Date>,
    pub(crate) date: Option<EventDate>,
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
    /// The event date, if anything in the report or its published date tells it.
    pub fn event_date(&self) -> Option<&EventDate> {
        self.date.as_ref()
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
}

/// One part of a report (title or body), tokenised and annotated.
struct Part {
    tokens: Tokens,
    words: Vec<(usize, usize, Word)>,
    entities: Vec<(usize, usize, Entity)>,
    noise_lines: BTreeSet<u32>,
    in_title: bool,
}

impl Part {
    fn new(text: &str, lang: Lang, knowledge: &Knowledge, in_title: bool) -> Part {
        let tokens = tokenize(prefix(text, knowledge.max_text_bytes));
        let keys: Vec<WordKeys> = token_keys(lang, &tokens);
        let calendar_keys: Vec<&str> = keys.iter().map(|k| &*k.0).collect();
        let words = Calendar::of(lang).find(lang, &tokens, &calendar_keys);
        let content: Vec<usize> = (0..tokens.len()).filter(|&i| !matches!(tokens[i].kind, TokenKind::Punct(_))).collect();
        let lexicon_keys: Vec<&str> = content.iter().map(|&i| &*keys[i].1).collect();
        let caps: Vec<bool> = content.iter().map(|&i| tokens[i].capitalised).collect();
        let breaks: Vec<bool> =
            content.iter().enumerate().map(|(k, &i)| k > 0 && tokens[i].sentence != tokens[content[k - 1]].sentence).collect();
        let entities = knowledge
            .table(lang)
            .find(&lexicon_keys, &caps, &breaks)
            .into_iter()
            .map(|m| (content[m.start], content[m.end - 1] + 1, *m.value))
            .collect();
        let mut noise_lines = BTreeSet::new();
        for i in 0..tokens.len() {
            if (i == 0 || tokens[i].line != tokens[i - 1].line) && calendar::is_list_item(&tokens, i) {
                noise_lines.insert(tokens[i].line);
            }
        }
        Part { tokens, words, entities, noise_lines, in_title }
    }

    fn noise(&self, i: usize) -> bool {
        self.noise_lines.contains(&self.tokens[i].line)
    }

    fn words_in_sentence(&self, sentence: u32) -> impl Iterator<Item = &(usize, usize, Word)> {
        self.words.iter().filter(move |(s, _, _)| self.tokens[*s].sentence == sentence)
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

/// Detects the language from stop words and letters; English when nothing fits.
pub(crate) fn detect_lang(text: &str) -> Lang {
    let sample: String = text.chars().take(3000).collect();
    let tokens = tokenize(&sample);
    let mut best = (Lang::En, 0.0f32);
    for lang in Lang::ALL {
        let keys: Vec<WordKeys> = token_keys(lang, &tokens);
        let keys: Vec<&str> = keys.iter().map(|k| &*k.0).collect();
        let stops = Calendar::of(lang).find(lang, &tokens, &keys).iter().filter(|(_, _, w)| *w == Word::Stop).count() as f32;
        let letters = sample
            .chars()
            .filter(|c| match lang {
                Lang::Vi => matches!(c, 'ơ' | 'ư' | 'ă' | 'đ' | 'Đ' | 'ạ'..='ỹ'),
                Lang::Sl => matches!(c, 'č' | 'š' | 'ž' | 'Č' | 'Š' | 'Ž'),
                _ => false,
            })
            .count() as f32;
        let score = stops + letters * 0.5;
        if score > best.1 {
            best = (lang, score);
        }
    }
    best.0
}

fn placement(part: &Part, m: &calendar::Mention) -> Placement {
    let t = &part.tokens;
    let sentence = t[m.start].sentence;
    let line = t[m.start].line;
    let line_start = (0..=m.start).rev().take_while(|&i| t[i].line == line).last().unwrap_or(m.start);
    let dateline = !part.in_title
        && line <= 8
        && m.start - line_start <= 4
        && (m.start == line_start || t[m.start - 1].is_punct(',') || part.tokens.lower(m.start - 1) == "date")
        && t.get(m.end).is_some_and(|n| {
            matches!(n.kind, TokenKind::Punct('–' | '-' | '—' | '(' | '.' | '/' | ':'))
                || t.get(m.end).is_some_and(|n| n.number().is_some())
        });
    let before_window = m.start.saturating_sub(8);
    let background = part.words.iter().any(|&(s, e, w)| {
        (w == Word::Background && s >= before_window && e <= m.start && t[s].sentence == sentence)
            || (w == Word::BackgroundAfter && s >= m.end && s <= m.end + 4 && t[s].sentence == sentence)
    });
    let future = part.words.iter().any(|&(s, e, w)| {
        w == Word::Future && t[s].sentence == sentence && (e <= m.start && s + 4 >= m.start || s >= m.end && s <= m.end + 3)
    });
    let near_kind_cue = part.words_in_sentence(sentence).any(|(_, _, w)| matches!(w, Word::Kind(_)));
    let people = part.entities.iter().filter(|(s, _, e)| t[*s].sentence == sentence && matches!(e, Entity::Person(_))).count();
    Placement {
        in_title: part.in_title,
        dateline,
        sentence,
        background,
        future,
        near_kind_cue,
        near_people: people >= 2,
        noise: part.noise(m.start),
    }
}

/// What a date expression is to the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum DateRole {
    /// The day of the event the report is about.
    Event,
    /// An earlier or other event (a previous call, a treaty's date).
    Background,
    /// Something planned.
    Future,
    /// Not part of the report: a list of related headlines, a navigation block.
    Noise,
    /// None of the above could be decided.
    Other,
}

/// A date expression found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct DateMention {
    /// The expression as written (tokens joined by spaces).
    pub text: String,
    /// What it resolves to; `None` when it cannot be resolved (a weekday with no published date).
    pub value: Option<DateValue>,
    /// Its role.
    pub role: DateRole,
    /// Whether it is in the title rather than the body.
    pub in_title: bool,
}

/// All date expressions of a report, with their roles, and the event date chosen from them.
fn extract_dates(parts: &[Part], lang: Lang, published: Option<Date>) -> (Vec<DateMention>, Option<EventDate>) {
    let mut all = Vec::new();
    let mut years = BTreeSet::new();
    for part in parts {
        all.push(calendar::mentions(&part.tokens, &part.words, Calendar::of(lang).day_first));
        for (i, t) in part.tokens.iter().enumerate() {
            if let Some(n) = t.number().filter(|_| t.chars == 4 && !part.noise(i)) {
                if (1990..=2100).contains(&n) {
                    years.insert(n as i32);
                }
            }
        }
    }
    let years: Vec<i32> = years.into_iter().collect();
    let latest_year = years.last().copied();
    let mut candidates = Vec::new();
    let mut found = Vec::new();
    for (part, ms) in parts.iter().zip(&all) {
        let places: Vec<Placement> = ms.iter().map(|m| placement(part, m)).collect();
        for (k, m) in ms.iter().enumerate() {
            let mut place = places[k];
            let sentence = part.tokens[m.start].sentence;
            // A sentence about something planned dates its announcement, not an event:
            // "they will meet next Thursday, June 8, the Elysee said today".
            if matches!(m.said, Said::Relative(_) | Said::RelativeAdjective(_) | Said::Weekday { .. }) && !place.future {
                place.future = ms.iter().zip(&places).any(|(o, p)| p.future && part.tokens[o.start].sentence == sentence);
            }
            // A weekday said nearby fixes a missing year ("MOSCOW, December 22. /TASS/. … said Tuesday").
            let weekday_hint = ms.iter().find_map(|o| match o.said {
                Said::Weekday { weekday, .. } if o.start + WEEKDAY_HINT_BEFORE >= m.start && o.start <= m.end + WEEKDAY_HINT_AFTER => {
                    Some(weekday)
                }
                _ => None,
            });
            let resolved = calendar::resolve(m.said, published, &years, weekday_hint);
            let role = if place.noise {
                DateRole::Noise
            } else if place.background {
                DateRole::Background
            } else if place.future {
                DateRole::Future
            } else {
                DateRole::Other
            };
            let text = part.tokens.join(m.start, m.end);
            found.push(DateMention { text, value: resolved.map(|r| r.0), role, in_title: part.in_title });
            let Some((value, source)) = resolved else { continue };
            let Some(mut score) = calendar::weigh(m.said, place, value, published, latest_year) else { continue };
            let source = if place.dateline { crate::date::DateSource::Dateline } else { source };
            if let DateValue::DayMonth { .. } = value {
                score -= 0.5;
            }
            candidates.push(Candidate { value, source, score });
        }
    }
    let event = calendar::choose(&candidates, published);
    if let Some(e) = event.filter(|e| e.source != crate::date::DateSource::Published) {
        for f in found.iter_mut().filter(|f| f.role == DateRole::Other) {
            if f.value.is_some_and(|v| same_day(v, e.value)) {
                f.role = DateRole::Event;
            }
        }
    }
    (found, event)
}

/// How far (in tokens) a weekday may stand from a date whose year it fixes.
const WEEKDAY_HINT_BEFORE: usize = 6;
const WEEKDAY_HINT_AFTER: usize = 40;

/// Whether two values name the same day (a day-and-month matches any year).
fn same_day(a: DateValue, b: DateValue) -> bool {
    match (a, b) {
        (DateValue::Day { date }, DateValue::DayMonth { month, day }) | (DateValue::DayMonth { month, day }, DateValue::Day { date }) => {
            date.month() == month && date.day() == day
        }
        (a, b) => a == b,
    }
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

/// Finds the date expressions of a text, resolved against `published`, with their roles.
pub(crate) fn find_dates(
    text: &str,
    title: Option<&str>,
    lang: Lang,
    published: Option<Date>,
    knowledge: &Knowledge,
) -> (Vec<DateMention>, Option<EventDate>) {
    let mut parts = Vec::with_capacity(2);
    if let Some(title) = title {
        parts.push(Part::new(title, lang, knowledge, true));
    }
    parts.push(Part::new(text, lang, knowledge, false));
    extract_dates(&parts, lang, published)
}

/// The country codes a person held office in.
fn countries_of(knowledge: &Knowledge, person: u32) -> Vec<&str> {
    knowledge.people[person as usize].offices.iter().map(|o| o.country.as_str()).collect()
}

/// Resolves office titles next to a country or seat ("the French president", "capo del Cremlino").
fn titled_people(part: &Part, knowledge: &Knowledge, day: Option<Date>) -> Vec<(usize, u32)> {
    let t = &part.tokens;
    let mut out = Vec::new();
    for &(s, e, w) in &part.words {
        let Word::Title(title) = w else { continue };
        let sentence = t[s].sentence;
        // The nearest country or seat within three tokens: "Tổng thống Mỹ và Chủ tịch Trung Quốc".
        let near = part
            .entities
            .iter()
            .filter(|(es, ee, _)| t[*es].sentence == sentence && *ee + 3 >= s && *es <= e + 3)
            // A title reaches a country only if no name stands between them: in "President Joe
            // Biden hosted Italian Prime Minister …", "President" belongs to Biden, not to Italy.
            .filter(|(es, ee, _)| {
                let (from, to) = if *es >= e { (e, *es) } else { (*ee, s) };
                !part.entities.iter().any(|(ps, _, pe)| matches!(pe, Entity::Person(_)) && *ps >= from && *ps < to)
            })
            .filter_map(|&(es, ee, ent)| {
                let gap = if es >= e { es - e } else { s.saturating_sub(ee) };
                match ent {
                    Entity::Country(c) => Some((gap, es < s, c, None)),
                    Entity::Seat { country, post_is_primary } => Some((gap, es < s, country, Some(post_is_primary))),
                    _ => None,
                }
            })
            .min()
            .map(|(_, _, c, seat)| (c, seat));
        let Some((country, seat)) = near else { continue };
        let c = &knowledge.countries[country as usize];
        let post = match (title, seat) {
            (Title::HeadOfState, None) => "president",
            (Title::HeadOfGovernment, None) => "pm",
            (Title::Leader | Title::Counterpart, None) => c.primary_post.as_str(),
            (Title::Leader | Title::Counterpart | Title::HeadOfState | Title::HeadOfGovernment, Some(_)) => c.primary_post.as_str(),
        };
        // Without any date, the most recent holder: undated news is most often recent news.
        let holder = match day {
            Some(day) => knowledge.holder(post, &c.code, day).or_else(|| knowledge.holder(&c.primary_post, &c.code, day)),
            None => knowledge.latest_holder(post, &c.code),
        };
        if let Some(p) = holder {
            out.push((s, p));
        }
    }
    out
}

fn reference_day(date: Option<&EventDate>, published: Option<Date>, parts: &[Part]) -> Option<Date> {
    if let Some(d) = date.and_then(|d| d.value.day()) {
        return Some(d);
    }
    if published.is_some() {
        return published;
    }
    let latest = parts
        .iter()
        .flat_map(|p| p.tokens.iter())
        .filter_map(|t| t.number().filter(|n| t.chars == 4 && (1990..=2100).contains(n)))
        .max()?;
    Date::new(latest as i32, 7, 1)
}

fn position_weight(part: &Part, i: usize) -> f32 {
    if part.in_title {
        return 4.0;
    }
    // The lead says who met; later sentences add background and other contacts.
    (3.0 - 0.5 * part.tokens[i].sentence as f32).max(1.0)
}

fn cognate_key(lower: &str) -> String {
    let folded = fold(lower);
    module(Lang::Sl).stem(&folded).into_owned()
}

fn is_latin(s: &str) -> bool {
    s.chars().all(|c| c.is_ascii_alphabetic() || ('\u{c0}'..='\u{17f}').contains(&c))
}

/// Principals from people ranked by salience: the leading one, a second one that is not a
/// passing mention, and more when the contact is multilateral or when a third person is nearly as
/// salient as the second (the report is then ambiguous, and keeping all three is the cautious
/// reading: it cannot merge with a contact between two of them).
fn choose_principals(ranked: &[(u32, f32)], kind: Option<EventKind>) -> Vec<u32> {
    let Some(&(top, top_s)) = ranked.first() else { return Vec::new() };
    let mut principals = vec![top];
    let Some(&(second, second_s)) = ranked.get(1).filter(|r| r.1 >= SECOND_PRINCIPAL_SHARE * top_s) else { return principals };
    principals.push(second);
    for &(p, s) in &ranked[2..] {
        let multilateral = kind == Some(EventKind::Multilateral) && s >= 0.5 * top_s;
        if multilateral || s >= AMBIGUOUS_THIRD_SHARE * second_s {
            principals.push(p);
        }
    }
    principals
}

const SECOND_PRINCIPAL_SHARE: f32 = 0.3;
const AMBIGUOUS_THIRD_SHARE: f32 = 0.75;

/// Analyses one report.
pub(crate) fn analyse(report: &Report, knowledge: &Knowledge) -> Fingerprint {
    let lang = report.lang().unwrap_or_else(|| detect_lang(report.text()));
    let mut parts = Vec::with_capacity(2);
    if let Some(title) = report.title() {
        parts.push(Part::new(title, lang, knowledge, true));
    }
    parts.push(Part::new(report.text(), lang, knowledge, false));
    let published = report.published();
    let (_, date) = extract_dates(&parts, lang, published);
    let ref_day = reference_day(date.as_ref(), published, &parts);

    // Principals: salience of each person, from named and titled mentions.
    let mut salience: BTreeMap<u32, f32> = BTreeMap::new();
    let mut kind_votes: BTreeMap<EventKind, f32> = BTreeMap::new();
    for part in &parts {
        let mut add = |i: usize, p: u32, factor: f32| {
            if part.noise(i) {
                return;
            }
            let sentence = part.tokens[i].sentence;
            let cue = part.words_in_sentence(sentence).any(|(_, _, w)| matches!(w, Word::Kind(_)));
            let in_office = ref_day.is_none_or(|d| knowledge.person_in_office(p, d));
            let w = position_weight(part, i) * if cue { 1.5 } else { 1.0 } * if in_office { 1.0 } else { 0.3 } * factor;
            *salience.entry(p).or_default() += w;
        };
        for &(s, _, e) in &part.entities {
            if let Entity::Person(p) = e {
                add(s, p, 1.0);
            }
        }
        for (s, p) in titled_people(part, knowledge, ref_day) {
            add(s, p, 0.8);
        }
        for &(s, _, w) in &part.words {
            if let Word::Kind(k) = w {
                if !part.noise(s) {
                    *kind_votes.entry(k).or_default() += position_weight(part, s);
                }
            }
        }
    }
    let mut ranked: Vec<(u32, f32)> = salience.into_iter().collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut votes: Vec<(EventKind, f32)> = kind_votes.into_iter().collect();
    votes.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let kind = votes.first().map(|v| v.0);
    let kind_confident = match votes.as_slice() {
        [] => false,
        [only] => only.1 >= 2.0,
        [first, second, ..] => first.1 >= 2.0 && first.1 >= 2.0 * second.1,
    };
    let principals = choose_principals(&ranked, kind);

    // Concepts: everything named, less the principals' own countries (always present).
    let own: BTreeSet<String> = principals.iter().flat_map(|&p| countries_of(knowledge, p)).map(|c| format!("country:{c}")).collect();
    let mut concepts: BTreeMap<Arc<str>, f32> = BTreeMap::new();
    let mut cognates: BTreeMap<String, u32> = BTreeMap::new();
    for part in &parts {
        let mut covered = vec![false; part.tokens.len()];
        for &(s, e, ent) in &part.entities {
            covered[s..e].iter_mut().for_each(|c| *c = true);
            if part.noise(s) {
                continue;
            }
            let (id, weight) = match ent {
                Entity::Concept(c) | Entity::Country(c) => {
                    let c = if let Entity::Country(i) = ent { knowledge.countries[i as usize].concept } else { c };
                    let concept = &knowledge.concepts[c as usize];
                    (concept.id.clone(), concept.class.weight())
                }
                Entity::Person(p) if !principals.contains(&p) => {
                    (knowledge.people[p as usize].concept_id.clone(), ConceptClass::Org.weight())
                }
                _ => continue,
            };
            if !own.contains(&*id) {
                concepts.insert(id, weight);
            }
        }
        for &(s, e, _) in &part.words {
            covered[s..e].iter_mut().for_each(|c| *c = true);
        }
        for (i, t) in part.tokens.iter().enumerate() {
            let sentence_start = i == 0 || part.tokens[i - 1].sentence != t.sentence;
            if t.is_word()
                && t.capitalised
                && !covered[i]
                && !sentence_start
                && !part.noise(i)
                && (4..=MAX_WORD_CHARS).contains(&t.chars)
                && (lang != Lang::Vi || is_latin(part.tokens.text(i)))
            {
                *cognates.entry(cognate_key(part.tokens.lower(i))).or_default() += 1;
            }
        }
    }
    let mut cognates: Vec<(String, u32)> = cognates.into_iter().collect();
    cognates.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    cognates.truncate(MAX_COGNATES);
    let mut cognates: Vec<String> = cognates.into_iter().map(|c| c.0).collect();
    cognates.sort();
    let cognates = cognates.join(&COGNATE_SEP.to_string()).into_boxed_str();

    let mut principal_ids: Vec<String> = principals.iter().map(|&p| knowledge.people[p as usize].id.clone()).collect();
    principal_ids.sort();
    Fingerprint {
        id: report.id().to_string(),
        lang,
        published,
        date,
        principals: principal_ids,
        kind,
        kind_confident,
        concepts: concepts.into_iter().collect(),
        cognates,
        content: content_hash(report),
    }
}

const MAX_COGNATES: usize = 16;

/// FNV-1a over the title and the text: a fixed hash, the same on every run and machine.
fn content_hash(report: &Report) -> u64 {
    let title = report.title().unwrap_or("").as_bytes();
    let bytes = title.iter().chain(&[0xff]).chain(report.text().as_bytes());
    bytes.fold(0xcbf2_9ce4_8422_2325u64, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// Separates cognate keys inside [`Fingerprint::cognates`]; never part of a word.
pub(crate) const COGNATE_SEP: char = ' ';

#[cfg(test)]
mod tests {
    use super::*;

    fn principals(lang: Lang, text: &str, published: &str) -> Vec<String> {
        let k = Knowledge::embedded().unwrap();
        let r = Report::builder("x", text).lang(lang).published(published).unwrap().build().unwrap();
        analyse(&r, &k).principals
    }

    #[test]
    fn office_titles_resolve_by_date() {
        assert_eq!(
            principals(Lang::It, "Il presidente francese ha chiamato oggi il capo del Cremlino.", "2021-11-15"),
            ["macron", "putin"]
        );
        assert_eq!(principals(Lang::Vi, "Tổng thống Mỹ và Chủ tịch Trung Quốc đã có cuộc gặp.", "2022-11-14"), ["biden", "xi"]);
        assert_eq!(principals(Lang::En, "The French president called the Russian president.", "2016-03-01"), ["hollande", "putin"]);
        assert_eq!(
            principals(Lang::Sl, "Ruski predsednik in njegov francoski kolega sta se pogovarjala.", "2020-11-16"),
            ["macron", "putin"]
        );
    }
}
