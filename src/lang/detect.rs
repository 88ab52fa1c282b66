//! Language detection from stop words and letters.

use super::cues::{Cues, Word};
use super::Lang;
use crate::knowledge::{token_keys, WordKeys};
use crate::text::tokenize;

/// Detects the language from stop words and letters; English when nothing fits.
pub(crate) fn detect_lang(text: &str) -> Lang {
    let sample: String = text.chars().take(3000).collect();
    let tokens = tokenize(&sample);
    let mut best = (Lang::En, 0.0f32);
    for lang in Lang::ALL {
        let keys: Vec<WordKeys> = token_keys(lang, &tokens);
        let keys: Vec<&str> = keys.iter().map(|k| &*k.0).collect();
        let stops = Cues::of(lang).find(lang, &tokens, &keys).iter().filter(|(_, _, w)| *w == Word::Stop).count() as f32;
        let letters = sample
            .chars()
            .filter(|c| match lang {
                Lang::Vi => matches!(c, 'ơ' | 'ư' | 'ă' | 'đ' | 'Đ' | 'ạ'..='ỹ'),
                Lang::Sl => matches!(c, 'č' | 'š' | 'ž' | 'Č' | 'Š' | 'Ž'),
                _ => false,
            })
            .count() as f32;
        let score = stops + letters * 0.5;
        if score > best.1 {
            best = (lang, score);
        }
    }
    best.0
}
