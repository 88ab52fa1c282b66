//! What was discussed: concepts of the lexicon, and cognate keys for names it lacks.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use super::people::countries_of;
use super::quantities::quantities;
use super::Part;
use crate::knowledge::{cached_keys, ConceptClass, Entity, Knowledge, MAX_WORD_CHARS};
use crate::lang::Lang;

/// Folded and stemmed as Slovenian: the lexicon key of the word in Slovenian, from the per-thread
/// word cache (a Slovenian report's own keys).
fn cognate_key(lower: &str) -> String {
    cached_keys(Lang::Sl, lower).1.to_string()
}

fn is_latin(s: &str) -> bool {
    s.chars().all(|c| c.is_ascii_alphabetic() || ('\u{c0}'..='\u{17f}').contains(&c))
}

/// Concept ids with their weights, sorted by id.
pub(crate) type Concepts = Box<[(Arc<str>, f32)]>;

const MAX_COGNATES: usize = 16;

/// Separates cognate keys inside [`Fingerprint::cognates`]; never part of a word.
pub(crate) const COGNATE_SEP: char = ' ';

/// The concepts of a report with their weights (sorted by id), and its cognate keys joined by
/// [`COGNATE_SEP`]: everything named, less the principals themselves and their own countries.
pub(crate) fn read_topics(parts: &[Part], lang: Lang, knowledge: &Knowledge, principals: &[u32]) -> (Concepts, Box<str>) {
    // Concepts: everything named, less the principals' own countries (always present).
    let own: BTreeSet<String> = principals.iter().flat_map(|&p| countries_of(knowledge, p)).map(|c| format!("country:{c}")).collect();
    let mut concepts: BTreeMap<Arc<str>, f32> = BTreeMap::new();
    let mut cognates: BTreeMap<String, u32> = BTreeMap::new();
    for part in parts {
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
        for (key, weight) in quantities(part, lang, knowledge) {
            concepts.insert(key, weight);
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

    (concepts.into_iter().collect(), cognates)
}
