//! Languages: one file per language with its analysis code, one data file with its words.
//!
//! Adding a language is adding `lang/xx.rs` (a [`LanguageModule`]), `data/lang/xx.txt`, a
//! variant of [`Lang`] and one entry in [`modules`].

pub(crate) mod cues;
mod detect;
mod en;
mod it;
mod sl;
mod vi;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

pub(crate) use detect::detect_lang;

use crate::error::Error;

/// A language the crate can analyse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
#[non_exhaustive]
pub enum Lang {
    /// English.
    En,
    /// Italian.
    It,
    /// Slovenian.
    Sl,
    /// Vietnamese.
    Vi,
}

impl Lang {
    /// Every supported language.
    pub const ALL: [Lang; 4] = [Lang::En, Lang::It, Lang::Sl, Lang::Vi];

    /// The ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::It => "it",
            Lang::Sl => "sl",
            Lang::Vi => "vi",
        }
    }

    /// The language's name in English (`Italian`).
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::It => "Italian",
            Lang::Sl => "Slovenian",
            Lang::Vi => "Vietnamese",
        }
    }

    /// The language of a text, or [`Error::UnsupportedLanguage`] when it is in none of the
    /// supported ones: mostly another script, more French, Spanish, German or Portuguese common
    /// words than those of any supported language, or no common word of any language at all.
    /// Never a silent guess: a report whose language is not given is analysed in the language
    /// this detects, and [`Fingerprint::language_supported`](crate::Fingerprint::language_supported)
    /// says when it could not.
    ///
    /// ```
    /// use event_dedup::{Error, Lang};
    /// assert_eq!(Lang::detect("Putin e Macron si sono sentiti oggi al telefono sulla Libia.")?, Lang::It);
    /// let french = Lang::detect("Vladimir Poutine et Emmanuel Macron se sont entretenus au téléphone sur la Libye.");
    /// assert!(matches!(french, Err(Error::UnsupportedLanguage { .. })));
    /// # Ok::<(), event_dedup::Error>(())
    /// ```
    pub fn detect(text: &str) -> Result<Lang, Error> {
        detect::detect(text)
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = Error;
    fn from_str(s: &str) -> Result<Lang, Error> {
        Lang::ALL.into_iter().find(|l| l.code().eq_ignore_ascii_case(s.trim())).ok_or_else(|| Error::UnknownLanguage(s.to_string()))
    }
}

/// What differs between languages in code rather than data.
pub(crate) trait LanguageModule: Send + Sync {
    fn lang(&self) -> Lang;
    /// The language's data file (`data/lang/xx.txt`).
    fn data(&self) -> &'static str;
    /// Stem of a lower-cased word (after diacritic folding where [`folds_diacritics`] says so).
    fn stem<'a>(&self, word: &'a str) -> Cow<'a, str>;
    /// Whether diacritics are folded before stemming and matching (not for Vietnamese, where
    /// they tell words apart).
    fn folds_diacritics(&self) -> bool {
        true
    }
    /// Whether a capitalised lexicon form must match a capitalised word (Vietnamese writes proper
    /// nouns with capitals, and `Pháp` France is also `pháp` in `biện pháp` measures).
    fn capitals_mark_names(&self) -> bool {
        false
    }
}

/// Snowball stemming that keeps the word when the stem would be under four letters: short stems
/// merge names (`Libia` and `Libano` both stem to `lib`).
pub(crate) fn guarded_stem<'a>(stemmer: &rust_stemmers::Stemmer, word: &'a str) -> Cow<'a, str> {
    let stem = stemmer.stem(word);
    if stem.chars().count() < MIN_SNOWBALL_STEM && stem.len() < word.len() {
        Cow::Borrowed(word)
    } else {
        stem
    }
}

const MIN_SNOWBALL_STEM: usize = 4;

/// The language modules, in [`Lang::index`] order.
pub(crate) fn modules() -> &'static [Box<dyn LanguageModule>; 4] {
    static MODULES: OnceLock<[Box<dyn LanguageModule>; 4]> = OnceLock::new();
    MODULES.get_or_init(|| [Box::new(en::English::new()), Box::new(it::Italian::new()), Box::new(sl::Slovenian), Box::new(vi::Vietnamese)])
}

pub(crate) fn module(lang: Lang) -> &'static dyn LanguageModule {
    modules()[lang.index()].as_ref()
}

/// A language's data file, parsed: `key: value, value` lines.
#[derive(Debug, Default)]
pub(crate) struct LangData {
    entries: BTreeMap<String, Vec<String>>,
}

impl LangData {
    pub(crate) fn parse(name: &str, text: &str) -> Result<LangData, Error> {
        let mut entries: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (i, raw) in text.lines().enumerate() {
            // A comment is a whole line: inside a value `#` stands for a number (`sáng #`).
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (key, values) = line.split_once(':').ok_or_else(|| Error::data(name, i + 1, "expected `key: value, value`"))?;
            let list = entries.entry(key.trim().to_string()).or_default();
            list.extend(values.split(',').map(str::trim).filter(|v| !v.is_empty()).map(str::to_string));
        }
        Ok(LangData { entries })
    }

    pub(crate) fn get(&self, key: &str) -> &[String] {
        self.entries.get(key).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Entries `prefix.N` with their number.
    pub(crate) fn numbered(&self, prefix: &str) -> Vec<(i64, &[String])> {
        self.entries
            .iter()
            .filter_map(|(k, v)| {
                let n = k.strip_prefix(prefix)?.strip_prefix('.')?.parse().ok()?;
                Some((n, v.as_slice()))
            })
            .collect()
    }

    pub(crate) fn day_first(&self) -> bool {
        self.get("date_order").first().map(|s| s != "mdy").unwrap_or(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `#` opens a comment only at the start of a line; in a value it stands for a number.
    #[test]
    fn a_hash_in_a_value_is_a_number_not_a_comment() {
        let data = LangData::parse("t", "# a comment\nday_part.1: sáng #, rạng sáng\n").unwrap();
        assert_eq!(data.get("day_part.1"), ["sáng #", "rạng sáng"]);
    }

    #[test]
    fn every_data_file_parses() {
        for m in modules().iter() {
            let data = LangData::parse(m.lang().code(), m.data()).unwrap();
            assert_eq!(data.numbered("month").len(), 12, "{}", m.lang());
            assert_eq!(data.numbered("weekday").len(), 7, "{}", m.lang());
            assert!(!data.get("stop").is_empty());
            assert!(!data.get("clock_word").is_empty(), "{}", m.lang());
        }
    }

    #[test]
    fn codes_round_trip() {
        for l in Lang::ALL {
            assert_eq!(l.code().parse::<Lang>().unwrap(), l);
        }
        assert!("xx".parse::<Lang>().is_err());
    }
}
