//! Vietnamese: no stemming; words are sequences of syllables, matched as phrases.

use std::borrow::Cow;

use super::{Lang, LanguageModule};

pub(crate) struct Vietnamese;

impl LanguageModule for Vietnamese {
    fn lang(&self) -> Lang {
        Lang::Vi
    }
    fn data(&self) -> &'static str {
        include_str!("../../data/lang/vi.txt")
    }
    fn stem<'a>(&self, word: &'a str) -> Cow<'a, str> {
        Cow::Borrowed(word)
    }
    fn folds_diacritics(&self) -> bool {
        false
    }
    fn capitals_mark_names(&self) -> bool {
        true
    }
}
