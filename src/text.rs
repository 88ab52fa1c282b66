//! Text segmentation: NFC, tokens with sentence and line positions, diacritic folding.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenKind {
    Word,
    Number,
    Punct(char),
}

/// A token of a report's text.
#[derive(Debug, Clone)]
pub(crate) struct Token {
    pub kind: TokenKind,
    /// The token as written (NFC).
    pub text: String,
    /// Lower-cased, NFC.
    pub lower: String,
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
        match self.kind {
            TokenKind::Number if self.text.len() <= 4 => self.text.parse().ok(),
            _ => None,
        }
    }
    pub(crate) fn is_punct(&self, c: char) -> bool {
        self.kind == TokenKind::Punct(c)
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

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '`')
}

/// Characters after which a period does not end a sentence.
fn is_abbreviation(word: &str) -> bool {
    word.chars().count() <= 1
        || matches!(
            word.to_lowercase().as_str(),
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
                | "u.s"
                | "no"
                | "avg"
                | "okt"
                | "gen."
                | "sig"
                | "dott"
                | "on"
        )
}

/// Splits text into tokens. Linear in the input length.
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let normalized: String = text.nfc().collect();
    let chars: Vec<char> = normalized.chars().collect();
    let mut tokens: Vec<Token> = Vec::with_capacity(chars.len() / 5);
    let (mut sentence, mut line) = (0u32, 0u32);
    let mut space_before = true;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            line += 1;
            if tokens.last().is_some_and(|t| t.sentence == sentence) {
                sentence += 1;
            }
            space_before = true;
            i += 1;
            continue;
        }
        if c.is_whitespace() || c.is_control() {
            space_before = true;
            i += 1;
            continue;
        }
        let start = i;
        let kind = if c.is_alphabetic() {
            while i < chars.len() && (chars[i].is_alphanumeric() || is_combining_mark(chars[i])) {
                i += 1;
            }
            TokenKind::Word
        } else if c.is_numeric() {
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            if i == start {
                i += 1;
            }
            TokenKind::Number
        } else {
            i += 1;
            TokenKind::Punct(c)
        };
        if kind == TokenKind::Punct(c) && is_apostrophe(c) {
            // An elision or a possessive: the apostrophe joins nothing, words stay apart.
            space_before = false;
            continue;
        }
        let text: String = chars[start..i].iter().collect();
        let lower = text.to_lowercase();
        let capitalised = text.chars().next().is_some_and(char::is_uppercase);
        let ends_sentence = matches!(kind, TokenKind::Punct('.' | '!' | '?' | ';'))
            && chars.get(i).is_none_or(|n| n.is_whitespace())
            && !(c == '.' && tokens.last().is_some_and(|t| t.is_word() && is_abbreviation(&t.text)));
        tokens.push(Token { kind, text, lower, capitalised, sentence, line, space_before });
        space_before = false;
        if ends_sentence {
            sentence += 1;
        }
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_elisions_numbers_and_sentences() {
        let t = tokenize("Mosca, 7 novembre 2020 – dell'Osce. Nuova frase\nriga");
        let words: Vec<&str> = t.iter().map(|t| t.text.as_str()).collect();
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
    fn folds_diacritics() {
        assert_eq!(fold("Élysée četrtek Đức"), "Elysee cetrtek Duc");
    }
}
