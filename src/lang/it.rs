//! Italian: Snowball stemming; elisions (`l'Ucraina`, `dell'Osce`) are split by the tokenizer.

use std::borrow::Cow;

use rust_stemmers::{Algorithm, Stemmer};

use super::{Lang, LanguageModule};

pub(crate) struct Italian(Stemmer);

impl Italian {
    pub(crate) fn new() -> Italian {
        Italian(Stemmer::create(Algorithm::Italian))
    }
}

impl LanguageModule for Italian {
    fn lang(&self) -> Lang {
        Lang::It
    }
    fn data(&self) -> &'static str {
        include_str!("../../data/lang/it.txt")
    }
    fn stem<'a>(&self, word: &'a str) -> Cow<'a, str> {
        super::guarded_stem(&self.0, word)
    }
}
