//! Who took part: people named or named by office, ranked by salience, and the principals.

use std::collections::BTreeMap;

use super::kind::EventKind;
use super::Part;
use crate::date::Date;
use crate::knowledge::{Entity, Knowledge};
use crate::lang::cues::{Post, Title, Word};

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
fn titled_people(part: &Part, knowledge: &Knowledge, day: Option<Date>) -> Vec<(usize, u32)> {
    let mut out = Vec::new();
    for &(s, e, w) in &part.words {
        let Word::Title(title) = w else { continue };
        let (code, post, fallback, span) = match title {
            Title::Deputy => continue,
            Title::Post(post) if post.own_country().is_some() => (post.own_country().unwrap_or_default(), post.name(), None, (s, e)),
            _ => {
                let Some((country, seat, cs, ce)) = nearest_country(part, s, e) else { continue };
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
                    _ => primary,
                };
                // A generic title falls back on the country's primary post ("the Saudi leader");
                // an elect or designate title and a named post have no stand-in.
                let generic = !elect && !matches!(title, Title::Post(_));
                (c.code.as_str(), post, generic.then_some(primary), span)
            }
        };
        // Without any date, the most recent holder: undated news is most often recent news.
        let holder = match day {
            Some(day) => knowledge.holder(post, code, day).or_else(|| fallback.and_then(|p| knowledge.holder(p, code, day))),
            None => knowledge.latest_holder(post, code),
        };
        let Some(p) = holder else { continue };
        if named_after(part, span.1).is_some_and(|named| named != p) {
            continue;
        }
        out.push((s, p));
    }
    out
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
                && !part.words.iter().any(|&(ws, _, w)| w == Word::Coordination && ws >= from && ws < to)
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

/// The person named right after a title, past commas, countries and further titles: "Russian
/// President Vladimir Putin", "Tổng Bí thư, Chủ tịch nước Tô Lâm".
fn named_after(part: &Part, mut i: usize) -> Option<u32> {
    while i < part.tokens.len() {
        if let Some(&(_, end, entity)) = part.entities.iter().find(|(es, _, _)| *es == i) {
            match entity {
                Entity::Person(p) => return Some(p),
                Entity::Country(_) | Entity::Seat { .. } => i = end,
                Entity::Concept(_) => return None,
            }
        } else if let Some(&(_, end, _)) = part.words.iter().find(|(ws, _, w)| *ws == i && matches!(w, Word::Title(_) | Word::Elect { .. }))
        {
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

/// How far back from a person's mention a role phrase or a contact cue may stand and still
/// govern it: "at the request of Ukrainian President Volodymyr" spans four tokens of title and name.
const GOVERNS_WITHIN: usize = 6;
/// How near before a contact cue a future, background or role word binds the cue to another
/// contact: "would meet", "their previous call", "before his meeting with".
const BINDS_WITHIN: usize = 2;
/// What a mention counts for when a role phrase governs it: "at the request of Z", "briefed Z".
const ROLE_SHARE: f32 = 0.1;
/// What a mention counts for as the partner of another contact: "said he would meet Z".
const OTHER_CONTACT_SHARE: f32 = 0.2;

/// How much a mention of a person at token `i` says that the person took part in the contact the
/// report is about, from the grammar around it: the nearest governing word before it, within the
/// sentence and before any other person. A role phrase makes the person only mentioned; a contact
/// cue bound to another contact (planned, earlier, someone else's) makes them that contact's
/// partner; anything else leaves the mention as it is.
pub(crate) fn participation(part: &Part, i: usize) -> f32 {
    let t = &part.tokens;
    let sentence = t[i].sentence;
    let from = i.saturating_sub(GOVERNS_WITHIN);
    // Words ending before `i`, nearest first.
    let mut governing: Vec<&(usize, usize, Word)> =
        part.words.iter().filter(|&&(s, e, _)| e <= i && s >= from && t[s].sentence == sentence).collect();
    governing.sort_by_key(|&&(_, e, _)| std::cmp::Reverse(e));
    // The nearest person before `i` in the window: a conjunct "Y" of "X and Y" shares X's role.
    let previous_person = part
        .entities
        .iter()
        .filter(|&&(s, e, ent)| matches!(ent, Entity::Person(_)) && s >= from && e <= i)
        .map(|&(s, e, _)| (s, e))
        .next_back();
    for &&(s, e, w) in &governing {
        // A comma between them ends the phrase: "After the call, Macron said …".
        if (e..i).any(|k| t[k].is_punct(',')) {
            break;
        }
        if let Some((ps, pe)) = previous_person.filter(|&(_, pe)| pe > e) {
            let coordinated = part.words.iter().any(|&(ws, _, w)| w == Word::Coordination && ws >= pe && ws < i);
            return if coordinated { participation(part, ps) } else { 1.0 };
        }
        match w {
            Word::Role => return ROLE_SHARE,
            Word::Kind(_) if bound_elsewhere(part, s) => return OTHER_CONTACT_SHARE,
            Word::Kind(_) => return 1.0,
            _ => {}
        }
    }
    1.0
}

/// Whether the contact cue starting at `s` belongs to another contact than the report's own: a
/// future, background, "last", role or other-contact word stands right before it in the sentence,
/// with at most [`BINDS_WITHIN`] tokens between them that are not names, titles or function words
/// ("after the U.S. president's call with", "would meet", "sau các cuộc gặp với").
pub(crate) fn bound_elsewhere(part: &Part, s: usize) -> bool {
    let t = &part.tokens;
    let sentence = t[s].sentence;
    let mut free = 0;
    for j in (0..s).rev() {
        if t[j].sentence != sentence || t[j].is_punct(',') {
            return false;
        }
        let ends_here = |wanted: fn(Word) -> bool| part.words.iter().any(|&(_, we, w)| we == j + 1 && wanted(w));
        if ends_here(|w| matches!(w, Word::Future | Word::Background | Word::Last | Word::Role | Word::OtherContact)) {
            return true;
        }
        let covered = part.entities.iter().any(|&(es, ee, _)| es <= j && j < ee)
            || part.words.iter().any(|&(ws, we, w)| ws <= j && j < we && matches!(w, Word::Title(_) | Word::Stop));
        if !covered {
            free += 1;
            if free > BINDS_WITHIN {
                return false;
            }
        }
    }
    false
}

/// The principals of a report: people ranked by salience from named and titled mentions (title
/// and lead weigh more, so does a sentence with a kind-of-contact cue; people out of office on the
/// reference day count little), then chosen by [`choose_principals`].
pub(crate) fn principals(parts: &[Part], knowledge: &Knowledge, ref_day: Option<Date>, kind: Option<EventKind>) -> Vec<u32> {
    let mut salience: BTreeMap<u32, f32> = BTreeMap::new();
    for part in parts {
        let mut add = |i: usize, p: u32, factor: f32| {
            if part.noise(i) {
                return;
            }
            let sentence = part.tokens[i].sentence;
            let cue = part.words_in_sentence(sentence).any(|(_, _, w)| matches!(w, Word::Kind(_)));
            let in_office = ref_day.is_none_or(|d| knowledge.person_in_office(p, d));
            let w = position_weight(part, i)
                * if cue { 1.5 } else { 1.0 }
                * if in_office { 1.0 } else { 0.3 }
                * participation(part, i)
                * factor;
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
    }
    let mut ranked: Vec<(u32, f32)> = salience.into_iter().collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    choose_principals(&ranked, kind)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::analyse;
    use crate::lang::Lang;
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
