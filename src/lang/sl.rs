//! Slovenian: a light suffix stripper for case endings (rust-stemmers has no Slovenian).
//!
//! `Putina`, `Putinom` → `putin`; `Libiji`, `Libija` → `libij`; `Macronovega` → `macron`;
//! `Haftarja` → `haftar` (the `j` Slovenian inserts after `r` is dropped).

use std::borrow::Cow;

use super::{Lang, LanguageModule};

pub(crate) struct Slovenian;

/// Endings, longest first; possessive adjectives (`-ov-`, `-ev-`) before plain case endings.
const ENDINGS: &[&str] = &[
    "ovega", "evega", "ovemu", "evemu", "ovima", "ovih", "evih", "ovim", "evim", "ega", "emu", "ima", "ama", "ami", "ova", "ove", "ovo",
    "ovi", "eva", "eve", "evo", "evi", "ah", "om", "em", "ih", "im", "ov", "ev", "a", "e", "i", "o", "u",
];

const MIN_STEM_CHARS: usize = 3;

impl LanguageModule for Slovenian {
    fn lang(&self) -> Lang {
        Lang::Sl
    }
    fn data(&self) -> &'static str {
        include_str!("../../data/lang/sl.txt")
    }
    fn stem<'a>(&self, word: &'a str) -> Cow<'a, str> {
        let chars = word.chars().count();
        for ending in ENDINGS {
            if let Some(stem) = word.strip_suffix(ending) {
                if chars - ending.chars().count() >= MIN_STEM_CHARS {
                    let stem = match stem.strip_suffix("rj") {
                        Some(s) if s.chars().count() >= 2 => &word[..s.len() + 1],
                        _ => stem,
                    };
                    return Cow::Borrowed(stem);
                }
            }
        }
        Cow::Borrowed(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_case_endings() {
        let s = Slovenian;
        for (word, stem) in [
            ("putina", "putin"),
            ("putinom", "putin"),
            ("putin", "putin"),
            ("libiji", "libij"),
            ("libija", "libij"),
            ("macronovega", "macron"),
            ("haftarja", "haftar"),
            ("francoskega", "francosk"),
            ("francoski", "francosk"),
            ("premierjem", "premier"),
            ("ob", "ob"),
        ] {
            assert_eq!(s.stem(word), stem, "{word}");
        }
    }
}
