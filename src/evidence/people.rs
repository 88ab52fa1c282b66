//! Who took part: people named or named by office, ranked by salience, and the principals.

use std::collections::BTreeMap;

use super::kind::EventKind;
use super::Part;
use crate::date::Date;
use crate::knowledge::{Entity, Knowledge};
use crate::lang::cues::{Cues, Post, Title, Word};
use crate::lang::Lang;

/// The country codes a person held office in.
pub(crate) fn countries_of(knowledge: &Knowledge, person: u32) -> Vec<&str> {
    knowledge.people[person as usize].offices.iter().map(|o| o.country.as_str()).collect()
}

/// Resolves office titles to their holder on `day`: a title next to a country or seat ("the
/// French president", "capo del Cremlino", "Tổng Bí thư Đảng Cộng sản Việt Nam"), or the title of
/// a post that has its own country ("President of the European Commission"). A head-of-state or
/// government title with an `elect` word beside it ("il presidente americano eletto",
/// "novoizvoljeni ameriški predsednik") names the one elected and not yet in office, never the
/// incumbent. A title in apposition to a name ("Tổng Bí thư, Chủ tịch nước Tô Lâm") never adds
/// anybody but that person.
fn titled_people(part: &Part, lang: Lang, knowledge: &Knowledge, day: Option<Date>) -> Vec<((usize, usize), u32)> {
    let mut out = Vec::new();
    for &(s, e, w) in &part.words {
        let Word::Title(title) = w else { continue };
        let (code, post, fallback, span) = match title {
            Title::Deputy => continue,
            Title::Post(post) if post.own_country().is_some() => (post.own_country().unwrap_or_default(), post.name(), None, (s, e)),
            _ => {
                let found = nearest_country(part, s, e).or_else(|| home_country(part, lang, knowledge, s, e).map(|c| (c, false, s, e)));
                let Some((country, seat, cs, ce)) = found else { continue };
                let c = &knowledge.countries[country as usize];
                let span = (s.min(cs), e.max(ce));
                let elect = elect_beside(part, (s, e), span);
                let primary = c.primary_post.as_str();
                let post = match (title, seat, elect) {
                    (Title::Post(post), _, _) => post.name(),
                    (Title::HeadOfState, false, true) => Post::PresidentElect.name(),
                    (Title::HeadOfGovernment, false, true) => Post::PmDesignate.name(),
                    (_, _, true) if primary == "president" => Post::PresidentElect.name(),
                    (_, _, true) => Post::PmDesignate.name(),
                    (Title::HeadOfState, false, false) => "president",
                    (Title::HeadOfGovernment, false, false) => "pm",
                    (Title::Monarch, false, false) => "monarch",
                    // A counterpart holds the speaker's office: "Kishida met his Vietnamese counterpart".
                    (Title::Counterpart, false, false) => speaker_post(part, knowledge, s, day).unwrap_or(primary),
                    _ => primary,
                };
                // A generic title falls back on the country's primary post ("the Saudi leader");
                // an elect or designate title and a named post have no stand-in.
                let generic = !elect && !matches!(title, Title::Post(_));
                (c.code.as_str(), post, generic.then_some(primary), span)
            }
        };
        // A generic title falls back on the primary post only on a known day.
        let holder = knowledge.holder_on(post, code, day).or_else(|| fallback.zip(day).and_then(|(p, day)| knowledge.holder(p, code, day)));
        let Some(p) = holder else { continue };
        if named_after(part, span.1).is_some_and(|named| named != p) || named_before(part, span.0).is_some_and(|named| named != p) {
            continue;
        }
        out.push(((s, e), p));
    }
    out
}

/// The leaders a list of countries names: "the leaders of France, Germany and Britain", "i
/// leader di Francia e Germania", "lãnh đạo Anh, Pháp, Đức", "voditelji Francije in Nemčije".
/// Each country of two or more, joined by commas or a coordination, stands for the holder of its
/// leading post on `day`; every mention takes the span of the `leaders_of` words, so the grammar
/// before them governs the whole list.
fn leaders_of_countries(part: &Part, knowledge: &Knowledge, day: Option<Date>) -> Vec<((usize, usize), u32)> {
    let t = &part.tokens;
    let mut out = Vec::new();
    for &(s, e, w) in &part.words {
        if w != Word::LeadersOf {
            continue;
        }
        let mut countries = Vec::new();
        let mut i = e;
        while i < t.len() && t[i].sentence == t[s].sentence {
            if let Some(&(_, ce, Entity::Country(c))) = part.entity_at(i) {
                countries.push(c);
                i = ce;
            } else if t[i].is_punct(',') || part.words_at(i).iter().any(|&(_, _, w)| matches!(w, Word::Coordination | Word::Stop)) {
                i += 1;
            } else {
                break;
            }
        }
        if countries.len() < 2 {
            continue;
        }
        for c in countries {
            let country = &knowledge.countries[c as usize];
            out.extend(knowledge.holder_on(&country.primary_post, &country.code, day).map(|p| ((s, e), p)));
        }
    }
    out
}

/// The language's own country, for a home title with no country next to it: "il presidente della
/// Repubblica" in Italian news, "Chủ tịch nước" in Vietnamese, "predsednik vlade" in Slovenian.
fn home_country(part: &Part, lang: Lang, knowledge: &Knowledge, s: usize, e: usize) -> Option<u32> {
    let code = Cues::of(lang).home_country.as_deref()?;
    let is_home_title = part.words.iter().any(|&(ws, we, w)| w == Word::HomeTitle && ws == s && we == e);
    is_home_title.then(|| knowledge.countries.iter().position(|c| c.code == code)).flatten().map(|c| c as u32)
}

/// The post the speaker holds on `day`: the person named last before token `s` in its sentence.
fn speaker_post<'k>(part: &Part, knowledge: &'k Knowledge, s: usize, day: Option<Date>) -> Option<&'k str> {
    let t = &part.tokens;
    let speaker = part.entities.iter().rev().find_map(|&(es, _, ent)| match ent {
        Entity::Person(p) if es < s && t[es].sentence == t[s].sentence => Some(p),
        _ => None,
    })?;
    let offices = &knowledge.people[speaker as usize].offices;
    offices.iter().find(|o| day.is_none_or(|d| o.covers(d))).map(|o| o.post.as_str())
}

/// The country or seat a title belongs to: the nearest within three tokens in its sentence
/// ("Tổng thống Mỹ và Chủ tịch Trung Quốc"), with no name between them: in "President Joe Biden
/// hosted Italian Prime Minister …", "President" belongs to Biden, not to Italy. Nor across a
/// coordination or a comma: in "India's prime minister and Russia's president", the prime
/// minister is India's. Returns the country, whether it was named by a seat of power, and the
/// token range of the mention.
fn nearest_country(part: &Part, s: usize, e: usize) -> Option<(u32, bool, usize, usize)> {
    let t = &part.tokens;
    let sentence = t[s].sentence;
    part.entities
        .iter()
        .filter(|(es, ee, _)| t[*es].sentence == sentence && *ee + 3 >= s && *es <= e + 3)
        .filter(|(es, ee, _)| {
            let (from, to) = if *es >= e { (e, *es) } else { (*ee, s) };
            !part.entities.iter().any(|(ps, _, pe)| matches!(pe, Entity::Person(_)) && *ps >= from && *ps < to)
                && !part.words.iter().any(|&(ws, _, w)| {
                    // Nor across another title: in "la premier riceve il leader ucraino", Ukraine's is the leader.
                    (w == Word::Coordination || matches!(w, Word::Title(_))) && ws >= from && ws < to
                })
                && !(from..to).any(|k| t[k].is_punct(','))
        })
        .filter_map(|&(es, ee, ent)| {
            let gap = if es >= e { es - e } else { s.saturating_sub(ee) };
            match ent {
                Entity::Country(c) => Some((gap, es < s, c, false, es, ee)),
                Entity::Seat { country, .. } => Some((gap, es < s, country, true, es, ee)),
                _ => None,
            }
        })
        .min()
        .map(|(_, _, c, seat, es, ee)| (c, seat, es, ee))
}

/// Whether an `elect` word stands right beside a title or its country: after them ("presidente
/// eletto", "presidente americano eletto", "Tổng thống Mỹ đắc cử") or, for words that precede,
/// before them ("novoizvoljeni ameriški predsednik").
fn elect_beside(part: &Part, (s, e): (usize, usize), (from, to): (usize, usize)) -> bool {
    part.words.iter().any(|&(ws, we, w)| match w {
        Word::Elect { before: false } => ws == e || ws == to,
        Word::Elect { before: true } => we == s || we == from,
        _ => false,
    })
}

/// How many names, titles, countries and commas an apposition walk crosses at most: "Tổng Bí thư,
/// Chủ tịch nước Tô Lâm" takes four; a longer run is a list, not an apposition.
const APPOSITION_STEPS: usize = 8;

/// The person a title stands in apposition after: "To Lam, segretario generale … e presidente
/// della Repubblica" (past commas, countries, further titles and coordinations of titles).
fn named_before(part: &Part, start: usize) -> Option<u32> {
    let mut i = start;
    let mut comma = false;
    for _ in 0..APPOSITION_STEPS {
        if i == 0 {
            break;
        }
        let j = i - 1;
        if let Some(&(es, _, entity)) = part.entity_ending_at(i) {
            match entity {
                Entity::Person(p) if comma => return Some(p),
                Entity::Country(_) | Entity::Seat { .. } => i = es,
                _ => return None,
            }
        } else if let Some(&(ws, _, _)) =
            part.words_ending_at(i).find(|(_, _, w)| matches!(w, Word::Title(_) | Word::Coordination | Word::Stop))
        {
            i = ws;
        } else if part.tokens[j].is_punct(',') {
            comma = true;
            i = j;
        } else {
            return None;
        }
    }
    None
}

/// The person named right after a title, past commas, countries and further titles: "Russian
/// President Vladimir Putin", "Tổng Bí thư, Chủ tịch nước Tô Lâm".
fn named_after(part: &Part, mut i: usize) -> Option<u32> {
    for _ in 0..APPOSITION_STEPS {
        if i >= part.tokens.len() {
            break;
        }
        if let Some(&(_, end, entity)) = part.entity_at(i) {
            match entity {
                Entity::Person(p) => return Some(p),
                Entity::Country(_) | Entity::Seat { .. } => i = end,
                Entity::Concept(_) => return None,
            }
        } else if let Some(&(_, end, _)) = part.words_at(i).iter().find(|(_, _, w)| matches!(w, Word::Title(_) | Word::Elect { .. })) {
            i = end;
        } else if part.tokens[i].is_punct(',') {
            i += 1;
        } else {
            return None;
        }
    }
    None
}

pub(crate) fn position_weight(part: &Part, i: usize) -> f32 {
    if part.in_title {
        return 4.0;
    }
    // The lead says who met; later sentences add background and other contacts.
    (3.0 - 0.5 * part.tokens[i].sentence as f32).max(1.0)
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

/// How many words that are not names, titles, function words or punctuation may stand between a
/// governing word and the person it governs: "after hanging up with Z" has two.
const GOVERNS_WITHIN: usize = 3;
/// How near before a contact cue a future, background or role word binds the cue to another
/// contact, in words that are not names, titles or function words: "would meet", "their
/// previous call", "before his meeting with".
const BINDS_WITHIN: usize = 2;
/// What a mention counts for when a role phrase governs it: "at the request of Z", "briefed Z".
const ROLE_SHARE: f32 = 0.1;
/// What a mention counts for as the partner of another contact: "said he would meet Z".
const OTHER_CONTACT_SHARE: f32 = 0.2;

/// How much a mention of a person at token `i` says that the person took part in the contact the
/// report is about, from the grammar before it in its sentence, up to a comma. A role phrase
/// makes the person only mentioned ("at the request of Z"); a contact cue bound to another
/// contact (planned, earlier, someone else's) or a before/after phrase with "with" makes them
/// another contact's partner ("would meet Z", "after hanging up with Z"); a conjunct shares the
/// role of the person it is joined to ("X and Y"); anything else leaves the mention as it is.
pub(crate) fn participation(part: &Part, i: usize) -> (f32, Option<(usize, usize)>) {
    participation_within(part, i, CONJUNCTS)
}

/// Whether token `j` ends a clause inside a sentence: a comma, a colon or a semicolon ("the summit
/// was interrupted for a call: Trump rang Putin").
fn clause_break(t: &crate::text::Tokens, j: usize) -> bool {
    t[j].is_punct(',') || t[j].is_punct(':') || t[j].is_punct(';')
}

/// How many conjuncts back a person's role is looked for: "X, Y and Z" share X's role; a longer
/// chain is a list whose head is too far to govern the last name.
const CONJUNCTS: usize = 6;

fn participation_within(part: &Part, i: usize, conjuncts: usize) -> (f32, Option<(usize, usize)>) {
    let t = &part.tokens;
    let sentence = t[i].sentence;
    if let Some(possessive) = possessor(part, i) {
        return (OTHER_CONTACT_SHARE, Some(possessive));
    }
    if let Some(host) = hosted_by(part, i) {
        return (ROLE_SHARE, Some(host));
    }
    let mut free = 0;
    let mut with = false;
    let mut j = i;
    while j > 0 {
        j -= 1;
        if t[j].sentence != sentence || clause_break(t, j) {
            break;
        }
        if let Some(&(ps, _, _)) = part.entity_ending_at(j + 1).filter(|e| matches!(e.2, Entity::Person(_))) {
            return if with && conjuncts > 0 { participation_within(part, ps, conjuncts - 1) } else { (1.0, None) };
        }
        let word = part.words_ending_at(j + 1).map(|&(ws, we, w)| (ws, we, w)).find(|(_, _, w)| {
            matches!(
                w,
                Word::Role
                    | Word::Kind(_)
                    | Word::Contact
                    | Word::Sequence
                    | Word::OtherContact
                    | Word::Future
                    | Word::Negation
                    | Word::Denial
                    | Word::Coordination
            )
        });
        match word {
            Some((ws, we, Word::Role)) => return (ROLE_SHARE, Some((ws, we))),
            Some((ws, we, Word::Kind(_) | Word::Contact)) => {
                return if bound_elsewhere(part, ws, true) { (OTHER_CONTACT_SHARE, Some((ws, we))) } else { (1.0, None) }
            }
            Some((ws, we, Word::Sequence | Word::OtherContact)) if with => return (OTHER_CONTACT_SHARE, Some((ws, we))),
            // "vedrà Putin", "will see Putin": the partner of a planned contact.
            Some((ws, we, Word::Future | Word::Negation | Word::Denial)) => return (OTHER_CONTACT_SHARE, Some((ws, we))),
            Some((ws, _, w)) => {
                with |= w == Word::Coordination;
                j = ws;
                continue;
            }
            None => {}
        }
        if !part.is_filler(j) {
            free += 1;
            if free > GOVERNS_WITHIN {
                break;
            }
        }
    }
    (1.0, None)
}

/// Whether a before/after or other-contact word stands right before the person starting at
/// `es` (past titles, countries and function words): "after Orbán met …", "dopo che Macron …".
fn opens_clause(part: &Part, es: usize, with_sequence: bool) -> bool {
    let t = &part.tokens;
    let mut j = es;
    while j > 0 {
        j -= 1;
        if t[j].sentence != t[es].sentence || clause_break(t, j) {
            return false;
        }
        if let Some(&(_, _, w)) = part.words_ending_at(j + 1).find(|&&(_, _, w)| !matches!(w, Word::Title(_) | Word::Stop)) {
            return w == Word::OtherContact || with_sequence && w == Word::Sequence;
        }
        if !part.is_filler(j) {
            return false;
        }
    }
    false
}

/// The words around a leader who hosts or chairs the summit: `do` + title + name + `chủ trì`.
/// Returns the span of the word after the name.
fn hosted_by(part: &Part, i: usize) -> Option<(usize, usize)> {
    let end = part.entity_at(i).map(|&(_, ee, _)| ee)?;
    let after = part.words_at(end).iter().find(|&&(_, _, w)| w == Word::HostAfter)?;
    let mut j = i;
    while j > 0 && part.is_filler(j - 1) {
        if part.words_ending_at(j).any(|&(_, _, w)| w == Word::HostBefore) {
            return Some((after.0, after.1));
        }
        j -= 1;
    }
    part.words_ending_at(j).any(|&(_, _, w)| w == Word::HostBefore).then_some((after.0, after.1))
}

/// The possessive ending after a person's name that makes them the owner of something other
/// than a contact: "Trump's tariff proposal", "President Donald Trump's special envoy" (but not
/// "Putin's call with Macron"). Returns the span of the possessive ending.
fn possessor(part: &Part, i: usize) -> Option<(usize, usize)> {
    let t = &part.tokens;
    let end = part.entity_at(i).map(|&(_, ee, _)| ee)?;
    // The tokenizer drops the apostrophe: "Trump's" is `Trump` and `s` glued to it.
    if !(end < t.len() && t.lower(end) == "s" && !t[end].space_before) {
        return None;
    }
    let contact_follows = part.words.iter().any(|&(ws, _, w)| w.is_contact() && ws > end && ws <= end + 3);
    (!contact_follows).then_some((end, end + 1))
}

/// Whether the contact cue starting at `s` belongs to another contact than the report's own: a
/// future, background, "last", role or other-contact word stands right before it in the sentence,
/// with at most [`BINDS_WITHIN`] tokens between them that are not names, titles or function words
/// ("after the U.S. president's call with", "would meet", "sau các cuộc gặp với"). Before/after
/// words count only `with_sequence`: for the people after the cue, not for its kind.
pub(crate) fn bound_elsewhere(part: &Part, s: usize, with_sequence: bool) -> bool {
    denied(part, s) || bound_before(part, s, with_sequence)
}

/// How many words that are not names, titles or function words may stand between a contact cue
/// and a negation after it: "Srečanje med X in Y ne bo".
const NEGATED_WITHIN: usize = 3;

/// Whether the contact cue at `s` is denied: a verb of denial earlier in its clause governs it
/// ("the Kremlin denied that Putin had spoken with Trump"), or a negation follows it closely in its
/// clause ("the meeting between X and Y was cancelled").
fn denied(part: &Part, s: usize) -> bool {
    let t = &part.tokens;
    let sentence = t[s].sentence;
    let same_clause = |j: usize| t[j].sentence == sentence && !clause_break(t, j);
    let mut j = s;
    while j > 0 && same_clause(j - 1) {
        j -= 1;
        if part.words_ending_at(j + 1).any(|&(_, _, w)| w == Word::Denial) {
            return true;
        }
    }
    let mut free = 0;
    let end = part.words_at(s).iter().map(|w| w.1).max().unwrap_or(s + 1);
    for j in end..t.len() {
        if !same_clause(j) {
            return false;
        }
        if part.words_at(j).iter().any(|&(_, _, w)| w == Word::NegationAfter) {
            return true;
        }
        if !part.is_filler(j) && part.entity_covering(j).is_none() {
            free += 1;
            if free > NEGATED_WITHIN {
                return false;
            }
        }
    }
    false
}

fn bound_before(part: &Part, s: usize, with_sequence: bool) -> bool {
    let t = &part.tokens;
    let sentence = t[s].sentence;
    let mut free = 0;
    for j in (0..s).rev() {
        if t[j].sentence != sentence || clause_break(t, j) {
            return false;
        }
        let ends_here = |wanted: &dyn Fn(Word) -> bool| part.words_ending_at(j + 1).any(|&(_, _, w)| wanted(w));
        if ends_here(&|w| {
            matches!(w, Word::Future | Word::Negation | Word::Background | Word::Last | Word::Role | Word::OtherContact)
                || with_sequence && w == Word::Sequence
        }) {
            return true;
        }
        // "About" binds only the contact it introduces, across function words alone: "talked
        // about a video summit", "o videokonferenci", but not "vrh o Siriji sestali".
        if ends_here(&|w| w == Word::About) && (j + 1..s).all(|k| part.words_at(k).iter().any(|w| w.2 == Word::Stop)) {
            return true;
        }
        // A pluperfect binds the cue it governs: a compound one ("avevano avuto un colloquio", "had
        // had a call") across function words, a bare auxiliary only the participle right after it
        // ("aveva sentito"; English "had a call" is the past of "have", not a pluperfect).
        if let Some(&(ps, pe, _)) = part.words_ending_at(j + 1).find(|w| w.2 == Word::BackgroundAfter) {
            if j + 1 == s || pe - ps >= 2 {
                return true;
            }
        }
        // A cue right after another contact's cue shares it: "da bi gostila njegovo srečanje z".
        if let Some(&(ks, _, _)) = part.words_ending_at(j + 1).find(|&&(_, _, w)| w.is_contact()) {
            return bound_before(part, ks, with_sequence);
        }
        // Another person before the cue is its subject: "Scholz (se je) po telefonu pogovarjal",
        // unless a before/after word opens their clause: "sau khi ông Orbán gặp …".
        if let Some(&(es, _, _)) = part.entity_covering(j).filter(|e| matches!(e.2, Entity::Person(_))) {
            return opens_clause(part, es, with_sequence);
        }
        if !part.is_filler(j) {
            free += 1;
            if free > BINDS_WITHIN {
                return false;
            }
        }
    }
    false
}

/// One mention of a person: where it stands, and how much it says that they took part.
struct PersonMention {
    part: usize,
    sentence: u32,
    span: (usize, usize),
    person: u32,
    weight: f32,
    participation: f32,
    governed_by: Option<(usize, usize)>,
    /// Whether they held an office on the reference day (or nothing dates the report).
    in_office: bool,
}

/// A leader named in a report: whether they took part in the contact it reports, and the words
/// that tell.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Participant {
    /// The person's id (`putin`).
    pub id: String,
    /// Whether they took part in the report's contact, rather than being only mentioned.
    pub principal: bool,
    /// The words of the mention that decided, as written: "Vladimir Putin", "capo del Cremlino".
    pub words: String,
    /// Why: "in the lead's contact", "only mentioned: at the request of", "ranked by salience".
    pub reason: String,
}

/// The principals of a report. A careful reader takes them from the contact the lead reports: the
/// first sentence of the title or the first two of the body with a contact cue of its own (not a
/// planned, earlier or someone else's contact) names who took part, less the people a role phrase
/// governs, plus people a `joined` phrase adds in the lead ("joined by X", "tham gia có X"). When
/// that sentence does not name two of them, people are ranked by salience from named and titled
/// mentions (title and lead weigh more, so does a sentence with a contact cue; people out of
/// office on the reference day count little) and chosen by [`choose_principals`]. With `explain`,
/// also says for each person named whether they took part, and the words that tell.
pub(crate) fn read_people(
    parts: &[Part],
    lang: Lang,
    knowledge: &Knowledge,
    ref_day: Option<Date>,
    kind: Option<EventKind>,
    explain: bool,
) -> (Vec<u32>, Vec<Participant>) {
    let mut mentions = Vec::new();
    for (k, part) in parts.iter().enumerate() {
        let mut add = |span: (usize, usize), person: u32, factor: f32| {
            let i = span.0;
            if part.noise(i) {
                return;
            }
            let sentence = part.tokens[i].sentence;
            let cue = part.words_in_sentence(sentence).any(|(_, _, w)| w.is_contact());
            let in_office = ref_day.is_none_or(|d| knowledge.person_in_office(person, d));
            let (participation, governed_by) = participation(part, i);
            let weight =
                position_weight(part, i) * if cue { 1.5 } else { 1.0 } * if in_office { 1.0 } else { 0.3 } * participation * factor;
            mentions.push(PersonMention { part: k, sentence, span, person, weight, participation, governed_by, in_office });
        };
        for &(s, e, ent) in &part.entities {
            if let Entity::Person(p) = ent {
                add((s, e), p, 1.0);
            }
        }
        for (span, p) in titled_people(part, lang, knowledge, ref_day) {
            add(span, p, 0.8);
        }
        for (span, p) in leaders_of_countries(part, knowledge, ref_day) {
            add(span, p, 0.8);
        }
    }
    let (principals, frame) = match lead_frame(parts, &mentions) {
        Some(frame) => (frame.clone(), Some(frame)),
        // "Kremlin denies Trump-Putin call", "Meloni will fly to Washington to meet Trump": the
        // lead's contact did not take place, so nobody took part in it.
        None if lead_contact_unheld(parts, &mentions) => (Vec::new(), None),
        None => {
            let mut salience: BTreeMap<u32, f32> = BTreeMap::new();
            for m in &mentions {
                *salience.entry(m.person).or_default() += m.weight;
            }
            let mut ranked: Vec<(u32, f32)> = salience.into_iter().collect();
            ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            (choose_principals(&ranked, kind), None)
        }
    };
    let participants = if explain { describe(parts, knowledge, &mentions, &principals, frame.is_some()) } else { Vec::new() };
    (principals, participants)
}

/// For each person named, the mention that tells most: for a principal, the weightiest
/// ungoverned one; for others, the weightiest governed one, with its governing words.
fn describe(parts: &[Part], knowledge: &Knowledge, mentions: &[PersonMention], principals: &[u32], framed: bool) -> Vec<Participant> {
    let mut people: Vec<u32> = mentions.iter().map(|m| m.person).collect();
    people.sort_unstable();
    people.dedup();
    people
        .into_iter()
        .filter_map(|person| {
            let principal = principals.contains(&person);
            let best = mentions.iter().filter(|m| m.person == person).max_by(|a, b| {
                (a.governed_by.is_none() == principal).cmp(&(b.governed_by.is_none() == principal)).then(a.weight.total_cmp(&b.weight))
            })?;
            let part = &parts[best.part];
            let place = if part.in_title { "title".to_string() } else { format!("sentence {}", best.sentence + 1) };
            let reason = match (principal, best.governed_by) {
                (true, _) if framed => format!("in the lead's contact ({place})"),
                (true, _) => format!("most salient ({place})"),
                (false, Some((gs, ge))) if ge == gs + 1 && part.tokens.lower(gs) == "s" => {
                    format!("only mentioned: a possessive ({place})")
                }
                (false, Some((gs, ge))) => format!("only mentioned: \"{}\" ({place})", part.tokens.join(gs, ge)),
                (false, None) => format!("only mentioned ({place})"),
            };
            Some(Participant {
                id: knowledge.people[person as usize].id.clone(),
                principal,
                words: part.tokens.join(best.span.0, best.span.1),
                reason,
            })
        })
        .collect()
}

/// The relative clause token `i` stands in, by the token its clause starts at: a clause opened by a
/// comma and a relative word ("…, kjer ga je pričakal X, …", "…, where the Russian leader hosted
/// Modi") runs to the next comma or the end of the sentence; `None` is the main clause. The person
/// right before a relative pronoun ("Macron, who spoke with Putin") is the clause's antecedent.
fn relative_clause(part: &Part, i: usize) -> Option<usize> {
    let t = &part.tokens;
    let sentence = t[i].sentence;
    // The nearest comma before `i` in the sentence, and whether a relative word follows it.
    let mut j = i;
    while j > 0 && t[j - 1].sentence == sentence {
        j -= 1;
        if t[j].is_punct(',') {
            let opens = part.words_at(j + 1).iter().any(|&(_, _, w)| w == Word::RelativeClause);
            return opens.then_some(j + 1);
        }
    }
    // An antecedent: a person followed by ", who".
    let end = part.entity_at(i).map(|&(_, ee, _)| ee)?;
    is_antecedent(part, i).then_some(end + 1)
}

/// Whether the person at `i` is the antecedent of a relative clause: a comma and a relative word
/// right after the name ("Meloni, che …", "Pirc Musar, ki …").
fn is_antecedent(part: &Part, i: usize) -> bool {
    let Some(&(_, end, Entity::Person(_))) = part.entity_at(i) else { return false };
    part.tokens.get(end).is_some_and(|c| c.is_punct(',')) && part.words_at(end + 1).iter().any(|&(_, _, w)| w == Word::RelativeClause)
}

/// Whether the title and lead speak of contacts only as planned, denied or cancelled: each of
/// their contact cues is bound to another contact, a future or negation word stands among them,
/// and they do not name two people whom nothing governs (a contact said without a cue word:
/// "Meloni nello Studio Ovale con Trump, … dove potrebbe incontrare …").
fn lead_contact_unheld(parts: &[Part], mentions: &[PersonMention]) -> bool {
    let mut free: Vec<u32> = mentions
        .iter()
        .filter(|m| {
            let part = &parts[m.part];
            m.participation >= 1.0 && m.in_office && (part.in_title || m.sentence < LEAD_SENTENCES)
        })
        .map(|m| m.person)
        .collect();
    free.sort_unstable();
    free.dedup();
    if free.len() >= 2 {
        return false;
    }
    let mut cues = 0;
    let mut planned_or_denied = false;
    for part in parts {
        let in_lead = |i: usize| part.in_title || part.tokens[i].sentence < LEAD_SENTENCES;
        for &(s, _, w) in &part.words {
            if !in_lead(s) || part.noise(s) {
                continue;
            }
            if w.is_contact() {
                if !bound_elsewhere(part, s, false) {
                    return false;
                }
                cues += 1;
            }
            planned_or_denied |= matches!(w, Word::Future | Word::Negation | Word::Denial | Word::NegationAfter);
        }
    }
    cues > 0 && planned_or_denied
}

/// How many body sentences from the top may hold the lead's contact.
const LEAD_SENTENCES: u32 = 2;

/// The people of the lead's own contact, when the lead names at least two: the first sentence of
/// the title, else of the first [`LEAD_SENTENCES`] of the body, with a contact cue not bound to
/// another contact; its people are those with a mention no role phrase or other contact governs,
/// and those a `joined` phrase introduces in the lead ("also on the call were X and Y").
fn lead_frame(parts: &[Part], mentions: &[PersonMention]) -> Option<Vec<u32>> {
    for (k, part) in parts.iter().enumerate() {
        let sentences = if part.in_title { u32::MAX } else { LEAD_SENTENCES };
        let mut framed = part.words.iter().filter(|&&(s, _, w)| {
            w.is_contact() && part.tokens[s].sentence < sentences && !part.noise(s) && !bound_elsewhere(part, s, false)
        });
        let Some(&(first, _, _)) = framed.clone().next() else { continue };
        // The main clause carries the report's own contact; a relative clause before it adds
        // background: "Trump, who met Putin in Alaska, hosted Zelensky".
        let sentence = part.tokens[first].sentence;
        let s = framed
            .find(|&&(ws, _, _)| part.tokens[ws].sentence == sentence && relative_clause(part, ws).is_none())
            .map_or(first, |&(ws, _, _)| ws);
        let clause = relative_clause(part, s);
        // The antecedent of a relative clause stands in the main clause too: "X welcomed Meloni,
        // who invited him".
        let ungoverned = |m: &&PersonMention| {
            let own = relative_clause(part, m.span.0);
            m.participation >= 1.0 && m.in_office && (own == clause || clause.is_none() && is_antecedent(part, m.span.0))
        };
        // "the meeting between X and Y", "colloquio tra X e Y", "cuộc gặp giữa X và Y": only they.
        let between =
            part.words.iter().find(|&&(ws, _, w)| w == Word::Between && ws > s && ws <= s + 3 && part.tokens[ws].sentence == sentence);
        let after = between.map_or(0, |&(_, we, _)| we);
        let mut people: Vec<u32> = mentions
            .iter()
            .filter(|m| m.part == k && m.sentence == sentence && m.span.0 >= after)
            .filter(ungoverned)
            .map(|m| m.person)
            .collect();
        people.sort_unstable();
        people.dedup();
        if people.len() < 2 {
            continue;
        }
        // "Joined by …", "Tham gia cuộc gọi có …": more people of the same contact, in the lead.
        let last = if part.in_title { sentence } else { LEAD_SENTENCES - 1 };
        for &(js, _, w) in &part.words {
            let js_sentence = part.tokens[js].sentence;
            if w == Word::Joined && js_sentence >= sentence && js_sentence <= last.max(sentence) {
                let joined = mentions
                    .iter()
                    .filter(|m| m.part == k && m.sentence == js_sentence && m.span.0 > js)
                    .filter(ungoverned)
                    .map(|m| m.person);
                people.extend(joined);
            }
        }
        people.sort_unstable();
        people.dedup();
        return Some(people);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::analyse;
    use crate::report::Report;

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
