//! Longest-match lookup of multi-word phrases over token keys.

use std::hash::Hasher;

use crate::hash::{FxHasher, FxMap, FxSet};

/// A stored phrase: its keys, and its values with whether the first word must be capitalised.
#[derive(Debug)]
struct Entry<T> {
    keys: Box<[Box<str>]>,
    values: Vec<(T, bool)>,
}

/// Phrases indexed by a hash chained over their keys, so a lookup extends a phrase one token at a
/// time without building strings; a hash match is verified against the stored keys.
#[derive(Debug)]
pub(crate) struct PhraseTable<T> {
    map: FxMap<u64, Vec<Entry<T>>>,
    /// Chained hashes of every proper prefix, so a scan stops as soon as no phrase can continue.
    /// A collision here only lets a scan go one step further.
    prefixes: FxSet<u64>,
    max_len: usize,
    len: usize,
}

impl<T> Default for PhraseTable<T> {
    fn default() -> Self {
        PhraseTable { map: FxMap::default(), prefixes: FxSet::default(), max_len: 0, len: 0 }
    }
}

/// One match: tokens `start..end` of the key sequence.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PhraseMatch<'a, T> {
    pub start: usize,
    pub end: usize,
    pub value: &'a T,
}

fn key_hash(key: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(key.as_bytes());
    h.write_u8(0xff);
    h.finish()
}

fn chain(prefix: u64, key: u64) -> u64 {
    (prefix.rotate_left(17) ^ key).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

impl<T: PartialEq> PhraseTable<T> {
    pub(crate) fn insert(&mut self, keys: Vec<String>, value: T, needs_capital: bool) {
        if keys.is_empty() || keys.iter().any(String::is_empty) {
            return;
        }
        self.max_len = self.max_len.max(keys.len());
        let mut h = 0;
        for (i, k) in keys.iter().enumerate() {
            if i > 0 {
                self.prefixes.insert(h);
            }
            h = chain(h, key_hash(k));
        }
        let bucket = self.map.entry(h).or_default();
        let entry = match bucket.iter().position(|e| e.keys.iter().map(|k| &**k).eq(keys.iter().map(String::as_str))) {
            Some(i) => &mut bucket[i],
            None => {
                self.len += 1;
                bucket.push(Entry { keys: keys.into_iter().map(String::into_boxed_str).collect(), values: Vec::new() });
                bucket.last_mut().expect("just pushed")
            }
        };
        if !entry.values.iter().any(|(v, c)| *v == value && *c == needs_capital) {
            entry.values.push((value, needs_capital));
        }
    }

    /// Non-overlapping longest matches, left to right. `breaks[i]` is true where a phrase may not
    /// continue from token `i - 1` to token `i` (a sentence boundary).
    pub(crate) fn find<'a>(&'a self, keys: &[&str], capitalised: &[bool], breaks: &[bool]) -> Vec<PhraseMatch<'a, T>> {
        let hashes: Vec<u64> = keys.iter().map(|k| key_hash(k)).collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < keys.len() {
            let mut best: Option<(usize, &'a [(T, bool)])> = None;
            let mut h = 0;
            for len in 1..=self.max_len.min(keys.len() - i) {
                if len > 1 && breaks[i + len - 1] {
                    break;
                }
                h = chain(h, hashes[i + len - 1]);
                if let Some(bucket) = self.map.get(&h) {
                    let window = &keys[i..i + len];
                    if let Some(e) = bucket.iter().find(|e| e.keys.iter().map(|k| &**k).eq(window.iter().copied())) {
                        best = Some((len, e.values.as_slice()));
                    }
                }
                if !self.prefixes.contains(&h) {
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
        self.len
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
