//! Text segmentation: NFC, tokens with sentence and line positions, diacritic folding.

pub(crate) mod phrase;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenKind {
    Word,
    Number,
    Punct(char),
}

/// A token of a report's text: byte ranges into the [`Tokens`] buffers, and its position.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Token {
    pub kind: TokenKind,
    text: (u32, u32),
    lower: (u32, u32),
    /// Length in characters.
    pub chars: u32,
    /// The value of a number token of at most four digits.
    number: Option<u32>,
    /// Whether the first letter is upper case.
    pub capitalised: bool,
    /// Index of the sentence the token is in (0 = first).
    pub sentence: u32,
    /// Index of the line the token is in.
    pub line: u32,
    /// Whether whitespace precedes the token.
    pub space_before: bool,
}

impl Token {
    pub(crate) fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }
    pub(crate) fn number(&self) -> Option<u32> {
        self.number
    }
    pub(crate) fn is_punct(&self, c: char) -> bool {
        self.kind == TokenKind::Punct(c)
    }
}

/// The tokens of a text, with the text (NFC) and its lower-cased form in two buffers, so that a
/// token costs no allocation of its own.
#[derive(Debug, Default)]
pub(crate) struct Tokens {
    text: String,
    lower: String,
    list: Vec<Token>,
}

impl Tokens {
    /// The token as written (NFC).
    pub(crate) fn text(&self, i: usize) -> &str {
        let (a, b) = self.list[i].text;
        &self.text[a as usize..b as usize]
    }
    /// The token lower-cased.
    pub(crate) fn lower(&self, i: usize) -> &str {
        let (a, b) = self.list[i].lower;
        &self.lower[a as usize..b as usize]
    }
    /// Tokens `from..to` as written, joined by spaces.
    pub(crate) fn join(&self, from: usize, to: usize) -> String {
        (from..to).map(|i| self.text(i)).collect::<Vec<_>>().join(" ")
    }
}

impl std::ops::Deref for Tokens {
    type Target = [Token];
    fn deref(&self) -> &[Token] {
        &self.list
    }
}

/// Removes diacritics: `Élysée` → `Elysee`, `četrtek` → `cetrtek`. `đ` becomes `d`.
pub(crate) fn fold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_string();
    }
    s.nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            'ø' => 'o',
            'ł' => 'l',
            'ß' => 's',
            other => other,
        })
        .collect()
}

/// Whether `c` is a letter, with a fast path for Latin letters with diacritics (Vietnamese,
/// Slovenian, Italian), which the general Unicode lookup handles slowly.
#[inline]
fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    matches!(c, '\u{c0}'..='\u{24f}' | '\u{1e00}'..='\u{1eff}') && c != '×' && c != '÷' || c.is_alphabetic()
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '`')
}

/// Words after which a period does not end a sentence.
fn is_abbreviation(lower: &str) -> bool {
    lower.chars().count() <= 1
        || matches!(
            lower,
            "jan"
                | "feb"
                | "mar"
                | "apr"
                | "jun"
                | "jul"
                | "aug"
                | "sep"
                | "sept"
                | "oct"
                | "nov"
                | "dec"
                | "mr"
                | "mrs"
                | "dr"
                | "st"
                | "gen"
                | "no"
                | "avg"
                | "okt"
                | "sig"
                | "dott"
        )
}

/// Splits text into tokens. Linear in the input length.
pub(crate) fn tokenize(text: &str) -> Tokens {
    let normalized: String = match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => text.to_string(),
        _ => text.nfc().collect(),
    };
    let mut lower = String::with_capacity(normalized.len());
    let mut list: Vec<Token> = Vec::with_capacity(normalized.len() / 5);
    let (mut sentence, mut line) = (0u32, 0u32);
    let mut space_before = true;
    let mut chars = normalized.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c == '\n' {
            line += 1;
            if list.last().is_some_and(|t| t.sentence == sentence) {
                sentence += 1;
            }
            space_before = true;
            continue;
        }
        if c == ' ' || c.is_whitespace() || c.is_control() {
            space_before = true;
            continue;
        }
        let mut count = 1u32;
        let kind = if is_letter(c) {
            while let Some(&(_, n)) = chars.peek() {
                // ASCII first: most words of Italian, English and Slovenian text are ASCII.
                let part_of_word =
                    if n.is_ascii() { n.is_ascii_alphanumeric() } else { is_letter(n) || n.is_numeric() || is_combining_mark(n) };
                if !part_of_word {
                    break;
                }
                chars.next();
                count += 1;
            }
            TokenKind::Word
        } else if c.is_ascii_digit() {
            while let Some(&(_, n)) = chars.peek() {
                if !n.is_ascii_digit() {
                    break;
                }
                chars.next();
                count += 1;
            }
            TokenKind::Number
        } else if c.is_numeric() {
            TokenKind::Number
        } else {
            TokenKind::Punct(c)
        };
        if kind == TokenKind::Punct(c) && is_apostrophe(c) {
            // An elision or a possessive: the apostrophe joins nothing, words stay apart.
            space_before = false;
            continue;
        }
        let end = chars.peek().map_or(normalized.len(), |&(i, _)| i);
        let word = &normalized[start..end];
        let lower_start = lower.len();
        if word.is_ascii() {
            lower.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            for ch in word.chars() {
                // A lower-case letter is its own lower case (checked for every char by a test):
                // the bitset lookup of `is_lowercase` saves the table search of `to_lowercase`.
                if ch.is_ascii() {
                    lower.push(ch.to_ascii_lowercase());
                } else if ch.is_lowercase() {
                    lower.push(ch);
                } else {
                    lower.extend(ch.to_lowercase());
                }
            }
        }
        let number = (kind == TokenKind::Number && word.len() <= 4).then(|| word.parse().ok()).flatten();
        let capitalised = c.is_uppercase();
        let next = chars.peek().map(|&(_, n)| n);
        let ends_sentence = matches!(kind, TokenKind::Punct('.' | '!' | '?' | ';'))
            && next.is_none_or(char::is_whitespace)
            && !(c == '.' && list.last().is_some_and(|t| t.is_word() && is_abbreviation(&lower[t.lower.0 as usize..t.lower.1 as usize])));
        list.push(Token {
            kind,
            text: (start as u32, end as u32),
            lower: (lower_start as u32, lower.len() as u32),
            chars: count,
            number,
            capitalised,
            sentence,
            line,
            space_before,
        });
        space_before = false;
        if ends_sentence {
            sentence += 1;
        }
    }
    Tokens { text: normalized, lower, list }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_elisions_numbers_and_sentences() {
        let t = tokenize("Mosca, 7 novembre 2020 – dell'Osce. Nuova frase\nriga");
        let words: Vec<&str> = (0..t.len()).map(|i| t.text(i)).collect();
        assert_eq!(words, ["Mosca", ",", "7", "novembre", "2020", "–", "dell", "Osce", ".", "Nuova", "frase", "riga"]);
        assert_eq!(t[9].sentence, 1);
        assert_eq!(t[11].sentence, 2);
        assert_eq!(t[11].line, 1);
    }

    #[test]
    fn abbreviated_months_do_not_end_sentences() {
        let t = tokenize("MOSCOW, Dec. 22. Putin");
        assert_eq!(t[3].sentence, 0);
        assert_eq!(t.last().unwrap().sentence, 1);
    }

    #[test]
    fn a_lower_case_char_is_its_own_lower_case() {
        for c in (0..=0x10ffff).filter_map(char::from_u32).filter(|c| c.is_lowercase()) {
            assert!(c.to_lowercase().eq([c]), "{c:?}");
        }
    }

    #[test]
    fn folds_diacritics() {
        assert_eq!(fold("Élysée četrtek Đức"), "Elysee cetrtek Duc");
    }
}
