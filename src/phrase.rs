//! Longest-match lookup of multi-word phrases over token keys.

use std::collections::{HashMap, HashSet};

/// Separates the keys of a phrase inside one lookup string.
const SEP: char = '\u{1f}';

/// Phrases: their keys joined by [`SEP`], and whether their first word must be capitalised.
#[derive(Debug)]
pub(crate) struct PhraseTable<T> {
    map: HashMap<String, Vec<(T, bool)>>,
    /// Every proper prefix of a phrase, so a lookup stops as soon as no phrase can continue.
    prefixes: HashSet<String>,
    max_len: usize,
}

impl<T> Default for PhraseTable<T> {
    fn default() -> Self {
        PhraseTable { map: HashMap::new(), prefixes: HashSet::new(), max_len: 0 }
    }
}

/// One match: tokens `start..end` of the key sequence.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PhraseMatch<'a, T> {
    pub start: usize,
    pub end: usize,
    pub value: &'a T,
}

impl<T: PartialEq> PhraseTable<T> {
    pub(crate) fn insert(&mut self, keys: Vec<String>, value: T, needs_capital: bool) {
        if keys.is_empty() || keys.iter().any(String::is_empty) {
            return;
        }
        self.max_len = self.max_len.max(keys.len());
        let mut joined = String::new();
        for (i, k) in keys.iter().enumerate() {
            if i > 0 {
                self.prefixes.insert(joined.clone());
                joined.push(SEP);
            }
            joined.push_str(k);
        }
        let slot = self.map.entry(joined).or_default();
        if !slot.iter().any(|(v, c)| *v == value && *c == needs_capital) {
            slot.push((value, needs_capital));
        }
    }

    /// Non-overlapping longest matches, left to right. `breaks[i]` is true where a phrase may not
    /// continue from token `i - 1` to token `i` (a sentence boundary).
    pub(crate) fn find<'a>(&'a self, keys: &[&str], capitalised: &[bool], breaks: &[bool]) -> Vec<PhraseMatch<'a, T>> {
        let mut out = Vec::new();
        let mut buf = String::with_capacity(64);
        let mut i = 0;
        while i < keys.len() {
            let mut best: Option<(usize, &'a [(T, bool)])> = None;
            buf.clear();
            for len in 1..=self.max_len.min(keys.len() - i) {
                if len > 1 {
                    if breaks[i + len - 1] {
                        break;
                    }
                    buf.push(SEP);
                }
                buf.push_str(keys[i + len - 1]);
                if let Some(values) = self.map.get(buf.as_str()) {
                    best = Some((len, values.as_slice()));
                }
                if !self.prefixes.contains(buf.as_str()) {
                    break;
                }
            }
            match best {
                Some((len, values)) => {
                    for (value, needs_capital) in values {
                        if !needs_capital || capitalised[i] {
                            out.push(PhraseMatch { start: i, end: i + len, value });
                        }
                    }
                    i += len;
                }
                None => i += 1,
            }
        }
        out
    }

    pub(crate) fn len(&self) -> usize {
        self.map.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefers_longest_and_respects_breaks() {
        let mut t = PhraseTable::default();
        t.insert(vec!["hội".into(), "đồng".into(), "bảo".into(), "an".into()], 1, false);
        t.insert(vec!["bảo".into(), "an".into()], 2, false);
        t.insert(vec!["pháp".into()], 3, true);
        let keys = ["hội", "đồng", "bảo", "an", "biện", "pháp", "pháp"];
        let caps = [true, false, true, false, false, false, true];
        let breaks = [false; 7];
        let found: Vec<i32> = t.find(&keys, &caps, &breaks).iter().map(|m| *m.value).collect();
        assert_eq!(found, [1, 3]);
        let mut breaks = [false; 7];
        breaks[2] = true;
        let found: Vec<i32> = t.find(&keys, &caps, &breaks).iter().map(|m| *m.value).collect();
        assert_eq!(found, [2, 3]);
    }

    #[test]
    fn a_dead_prefix_stops_the_scan_but_keeps_shorter_matches() {
        let mut t = PhraseTable::default();
        t.insert(vec!["a".into()], 1, false);
        t.insert(vec!["a".into(), "b".into(), "c".into()], 2, false);
        let found: Vec<i32> = t.find(&["a", "b", "x"], &[false; 3], &[false; 3]).iter().map(|m| *m.value).collect();
        assert_eq!(found, [1]);
    }
}
