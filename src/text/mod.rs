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
    // Below U+0300 (every UTF-8 byte under 0xCC) every char is NFC and combines with nothing: most
    // English, Italian and Slovenian text needs no check (a test checks the claim).
    let normalized: String = if text.bytes().all(|b| b < 0xcc) || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        text.to_string()
    } else {
        text.nfc().collect()
    };
    let mut lower = String::with_capacity(normalized.len());
    let mut list: Vec<Token> = Vec::with_capacity(normalized.len() / 5);
    let (mut sentence, mut line) = (0u32, 0u32);
    let mut space_before = true;
    let bytes = normalized.as_bytes();
    // The char at byte `i`, a char boundary before the end; ASCII without decoding.
    let char_at = |i: usize| -> char {
        match bytes[i] {
            b if b < 0x80 => char::from(b),
            _ => normalized[i..].chars().next().unwrap_or('\u{fffd}'),
        }
    };
    let mut pos = 0;
    while pos < bytes.len() {
        let start = pos;
        let c = char_at(pos);
        pos += c.len_utf8();
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
            while pos < bytes.len() {
                // ASCII first: most words of Italian, English and Slovenian text are ASCII.
                let b = bytes[pos];
                if b < 0x80 {
                    if !b.is_ascii_alphanumeric() {
                        break;
                    }
                    pos += 1;
                } else {
                    let n = char_at(pos);
                    if !(is_letter(n) || n.is_numeric() || is_combining_mark(n)) {
                        break;
                    }
                    pos += n.len_utf8();
                }
                count += 1;
            }
            TokenKind::Word
        } else if c.is_ascii_digit() {
            while pos < bytes.len() && bytes[pos].is_ascii_digit() {
                pos += 1;
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
        let end = pos;
        let word = &normalized[start..end];
        let lower_start = lower.len();
        if word.is_ascii() {
            lower.push_str(word);
            lower[lower_start..].make_ascii_lowercase();
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
        let next = (pos < bytes.len()).then(|| char_at(pos));
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
    fn text_below_u0300_is_nfc() {
        for c in (0..0x300).filter_map(char::from_u32) {
            assert_eq!(is_nfc_quick([c, 'a', c].into_iter()), IsNormalized::Yes, "{c:?}");
            assert!(c.to_string().bytes().all(|b| b < 0xcc));
        }
        assert!(!'\u{300}'.to_string().bytes().all(|b| b < 0xcc));
    }

    #[test]
    fn folds_diacritics() {
        assert_eq!(fold("Élysée četrtek Đức"), "Elysee cetrtek Duc");
    }
}
