//! Language detection from stop words and letters, and the texts that are in none of the
//! supported languages.

use super::cues::{Cues, Word};
use super::Lang;
use crate::error::Error;
use crate::knowledge::{token_keys, WordKeys};
use crate::text::{tokenize, TokenKind};

/// Stop words of languages the crate does not analyse, close enough to the supported ones that
/// the stop words of those alone would mistake them (French and Spanish for Italian, German and
/// Portuguese for anything). Words they share with a supported language count for both.
const OTHERS: [(&str, &[&str]); 4] = [
    (
        "French",
        &[
            "le", "la", "les", "des", "du", "de", "et", "est", "une", "un", "au", "aux", "avec", "pour", "dans", "sur", "qui", "que",
            "ont", "été", "par", "pas", "ce", "cette", "il", "elle", "leur", "sont", "selon", "lors", "après", "entre", "ses", "son",
        ],
    ),
    (
        "Spanish",
        &[
            "el", "los", "las", "del", "y", "en", "es", "una", "por", "con", "para", "que", "se", "su", "sus", "al", "como", "pero", "más",
            "fue", "según", "entre", "este", "esta", "ha", "han",
        ],
    ),
    (
        "German",
        &[
            "der", "die", "das", "und", "ist", "mit", "den", "dem", "des", "ein", "eine", "zu", "von", "auf", "für", "nicht", "im", "sich",
            "auch", "bei", "nach", "wurde", "hat", "über", "sowie",
        ],
    ),
    (
        "Portuguese",
        &[
            "o", "os", "as", "do", "da", "dos", "das", "e", "em", "um", "uma", "com", "para", "que", "não", "no", "na", "foi", "pelo",
            "pela", "ao", "seu", "sua", "também", "após",
        ],
    ),
];

/// Scores of the supported languages: stop words plus half a point per letter only that
/// language writes.
fn supported_scores(sample: &str) -> [(Lang, f32); 4] {
    let tokens = tokenize(sample);
    let caps: Vec<bool> = tokens.iter().map(|t| t.capitalised).collect();
    let breaks: Vec<bool> = tokens.iter().enumerate().map(|(i, t)| i > 0 && t.sentence != tokens[i - 1].sentence).collect();
    Lang::ALL.map(|lang| {
        let keys: Vec<WordKeys> = token_keys(lang, &tokens);
        let keys: Vec<&str> = keys.iter().map(|k| &*k.0).collect();
        let stops = Cues::of(lang).find(lang, &tokens, &keys, &caps, &breaks).iter().filter(|(_, _, w)| *w == Word::Stop).count() as f32;
        let letters = sample
            .chars()
            .filter(|c| match lang {
                Lang::Vi => matches!(c, 'ơ' | 'ư' | 'ă' | 'đ' | 'Đ' | 'ạ'..='ỹ'),
                Lang::Sl => matches!(c, 'č' | 'š' | 'ž' | 'Č' | 'Š' | 'Ž'),
                _ => false,
            })
            .count() as f32;
        (lang, stops + letters * 0.5)
    })
}

fn sample(text: &str) -> String {
    text.chars().take(3000).collect()
}

/// Detects the language from stop words and letters; English when nothing fits. Analysis uses
/// this guess for a report without a language; [`detect`] says when the guess is not one.
pub(crate) fn detect_lang(text: &str) -> Lang {
    let sample = sample(text);
    let mut best = (Lang::En, 0.0f32);
    for (lang, score) in supported_scores(&sample) {
        if score > best.1 {
            best = (lang, score);
        }
    }
    best.0
}

/// Whether a letter belongs to a script none of the four languages writes (Cyrillic, Greek,
/// Arabic, Chinese …): Latin letters, Vietnamese ones included, do not.
fn foreign_script(c: char) -> bool {
    c.is_alphabetic() && !(u32::from(c) < 0x0250 || ('\u{1E00}'..='\u{1EFF}').contains(&c))
}

/// The language of `text`, or [`Error::UnsupportedLanguage`] when it is in none of the four: a
/// text mostly in another script, one whose stop words are more French, Spanish, German or
/// Portuguese than any supported language's, or one with no stop word of any language at all.
pub(crate) fn detect(text: &str) -> Result<Lang, Error> {
    let sample = sample(text);
    let unsupported = |reason: String| Err(Error::UnsupportedLanguage { reason });
    let letters = sample.chars().filter(|c| c.is_alphabetic()).count();
    if letters == 0 {
        return unsupported("there is no word to tell the language from".into());
    }
    let foreign = sample.chars().filter(|&c| foreign_script(c)).count();
    if 2 * foreign > letters {
        return unsupported("most letters are in a script none of them uses".into());
    }
    let mut best = (Lang::En, 0.0f32);
    for (lang, score) in supported_scores(&sample) {
        if score > best.1 {
            best = (lang, score);
        }
    }
    let tokens = tokenize(&sample);
    let words: Vec<&str> = (0..tokens.len()).filter(|&i| tokens[i].kind == TokenKind::Word).map(|i| tokens.lower(i)).collect();
    let mut other = ("", 0.0f32);
    for (name, stops) in OTHERS {
        let score = words.iter().filter(|w| stops.contains(w)).count() as f32;
        if score > other.1 {
            other = (name, score);
        }
    }
    if other.1 >= 2.0 && other.1 > best.1 {
        return unsupported(format!("it reads as {} ({} of its common words against {} of {})", other.0, other.1, best.1, best.0.name()));
    }
    if best.1 == 0.0 {
        return unsupported("no common word of any of them".into());
    }
    Ok(best.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_four_languages_are_detected() {
        let cases = [
            ("Vladimir Putin ha avuto una conversazione telefonica con il presidente francese.", Lang::It),
            ("Vladimir Putin and Emmanuel Macron discussed the ceasefire in a phone call.", Lang::En),
            ("Tổng thống Nga Vladimir Putin và Tổng thống Pháp đã điện đàm về tình hình.", Lang::Vi),
            ("Ruski predsednik Vladimir Putin in francoski predsednik sta se pogovarjala o premirju.", Lang::Sl),
        ];
        for (text, lang) in cases {
            assert_eq!(detect(text).unwrap(), lang, "{text}");
            assert_eq!(detect_lang(text), lang, "{text}");
        }
    }

    #[test]
    fn other_languages_are_unsupported_not_guessed() {
        for text in [
            "Vladimir Poutine et Emmanuel Macron se sont entretenus samedi au téléphone sur le Haut-Karabakh et la Libye.",
            "Vladimir Putin y Emmanuel Macron hablaron por teléfono el sábado sobre el alto el fuego en Libia.",
            "Wladimir Putin und Emmanuel Macron haben am Samstag über die Lage in Libyen telefoniert.",
            "Владимир Путин и Эммануэль Макрон обсудили по телефону ситуацию в Ливии.",
            "1234 5678",
        ] {
            assert!(matches!(detect(text), Err(Error::UnsupportedLanguage { .. })), "{text}: {:?}", detect(text));
        }
    }
}
