//! English: Snowball stemming.

use std::borrow::Cow;

use rust_stemmers::{Algorithm, Stemmer};

use super::{Lang, LanguageModule};

pub(crate) struct English(Stemmer);

impl English {
    pub(crate) fn new() -> English {
        English(Stemmer::create(Algorithm::English))
    }
}

impl LanguageModule for English {
    fn lang(&self) -> Lang {
        Lang::En
    }
    fn data(&self) -> &'static str {
        include_str!("../../data/lang/en.txt")
    }
    fn stem<'a>(&self, word: &'a str) -> Cow<'a, str> {
        super::guarded_stem(&self.0, word)
    }
}
