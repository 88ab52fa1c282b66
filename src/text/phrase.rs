//! Longest-match lookup of multi-word phrases over token keys.

use std::hash::Hasher;

use crate::hash::{FxHasher, FxMap};

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
    /// By chained hash: the phrases, and whether it is the hash of a proper prefix of a phrase,
    /// so a scan stops as soon as no phrase can continue (a collision only lets a scan go one
    /// step further). One lookup answers both.
    map: FxMap<u64, Bucket<T>>,
    max_len: usize,
    len: usize,
}

#[derive(Debug)]
struct Bucket<T> {
    entries: Vec<Entry<T>>,
    prefix: bool,
}

impl<T> Default for Bucket<T> {
    fn default() -> Self {
        Bucket { entries: Vec::new(), prefix: false }
    }
}

impl<T> Default for PhraseTable<T> {
    fn default() -> Self {
        PhraseTable { map: FxMap::default(), max_len: 0, len: 0 }
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
                self.map.entry(h).or_default().prefix = true;
            }
            h = chain(h, key_hash(k));
        }
        let bucket = &mut self.map.entry(h).or_default().entries;
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
                let Some(bucket) = self.map.get(&h) else { break };
                let window = &keys[i..i + len];
                if let Some(e) = bucket.entries.iter().find(|e| e.keys.iter().map(|k| &**k).eq(window.iter().copied())) {
                    best = Some((len, e.values.as_slice()));
                }
                if !bucket.prefix {
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

impl<T> PhraseTable<T> {
    /// Every stored phrase with its values and whether each needs a capital.
    fn entries(&self) -> impl Iterator<Item = &Entry<T>> {
        self.map.values().flat_map(|b| &b.entries)
    }

    /// Whether any phrase has a word key for which `f` holds.
    pub(crate) fn any_key(&self, f: impl Fn(&str) -> bool) -> bool {
        self.entries().any(|e| e.keys.iter().any(|k| f(k)))
    }

    /// The same phrases with each value mapped by `f`.
    pub(crate) fn map_values<U>(&self, f: impl Fn(&T) -> U) -> PhraseTable<U> {
        let map = self
            .map
            .iter()
            .map(|(&h, bucket)| {
                let entries = bucket
                    .entries
                    .iter()
                    .map(|e| Entry { keys: e.keys.clone(), values: e.values.iter().map(|(v, c)| (f(v), *c)).collect() })
                    .collect();
                (h, Bucket { entries, prefix: bucket.prefix })
            })
            .collect();
        PhraseTable { map, max_len: self.max_len, len: self.len }
    }
}

/// `N` phrase tables matched in one pass over the same keys: each *layer* gives exactly the
/// matches its own [`PhraseTable::find`] would (non-overlapping longest matches, left to right,
/// each layer on its own), but each key is hashed once and one lookup answers every layer.
/// Built from tables whose phrases need no capital.
#[derive(Debug)]
pub(crate) struct LayeredTable<T, const N: usize> {
    /// By chained hash: the phrases, and whether the hash is that of a proper prefix of a phrase
    /// of each layer (one lookup answers both).
    map: FxMap<u64, Node<T, N>>,
}

#[derive(Debug)]
struct Node<T, const N: usize> {
    entries: Vec<LayeredEntry<T, N>>,
    /// A bit for each layer with a longer phrase that begins with keys of this hash.
    prefixes: u8,
}

impl<T, const N: usize> Default for Node<T, N> {
    fn default() -> Self {
        Node { entries: Vec::new(), prefixes: 0 }
    }
}

#[derive(Debug)]
struct LayeredEntry<T, const N: usize> {
    keys: Box<[Box<str>]>,
    values: [Vec<T>; N],
}

/// One match of one layer: tokens `start..end`.
pub(crate) type LayerMatch<'a, T> = (usize, usize, &'a T);

impl<T: Clone, const N: usize> LayeredTable<T, N> {
    /// The layers, in order.
    pub(crate) fn from_tables(tables: [&PhraseTable<T>; N]) -> Self {
        assert!(N <= 8, "a layer is one bit of a byte");
        let mut out = LayeredTable { map: FxMap::default() };
        for (layer, table) in tables.into_iter().enumerate() {
            for entry in table.entries() {
                let mut h = 0;
                for (i, k) in entry.keys.iter().enumerate() {
                    if i > 0 {
                        out.map.entry(h).or_default().prefixes |= 1 << layer;
                    }
                    h = chain(h, key_hash(k));
                }
                let bucket = &mut out.map.entry(h).or_default().entries;
                let at = match bucket.iter().position(|e| e.keys == entry.keys) {
                    Some(i) => i,
                    None => {
                        bucket.push(LayeredEntry { keys: entry.keys.clone(), values: std::array::from_fn(|_| Vec::new()) });
                        bucket.len() - 1
                    }
                };
                for (value, needs_capital) in &entry.values {
                    debug_assert!(!needs_capital, "layered phrases match without capitals");
                    bucket[at].values[layer].push(value.clone());
                }
            }
        }
        out
    }

    /// Each layer's matches over `keys` (one per token). `breaks[i]` is true where a phrase may
    /// not continue from token `i - 1` to token `i`.
    pub(crate) fn find<'a>(&'a self, keys: &[&str], breaks: &[bool]) -> [Vec<LayerMatch<'a, T>>; N] {
        let hashes: Vec<u64> = keys.iter().map(|k| key_hash(k)).collect();
        let mut out: [Vec<LayerMatch<'a, T>>; N] = std::array::from_fn(|_| Vec::new());
        // Where each layer's scan stands: its next start.
        let mut next = [0usize; N];
        for i in 0..keys.len() {
            let scanning = (0..N).filter(|&l| next[l] == i).fold(0u8, |bits, l| bits | 1 << l);
            if scanning == 0 {
                continue;
            }
            // The layers whose phrases may still continue.
            let mut alive = scanning;
            let mut best: [Option<(usize, &'a [T])>; N] = [None; N];
            let mut h = 0;
            for len in 1..=keys.len() - i {
                if len > 1 && breaks[i + len - 1] {
                    break;
                }
                h = chain(h, hashes[i + len - 1]);
                let Some(node) = self.map.get(&h) else { break };
                let window = &keys[i..i + len];
                if let Some(e) = node.entries.iter().find(|e| e.keys.iter().map(|k| &**k).eq(window.iter().copied())) {
                    for (l, best) in best.iter_mut().enumerate() {
                        if alive & 1 << l != 0 && !e.values[l].is_empty() {
                            *best = Some((len, e.values[l].as_slice()));
                        }
                    }
                }
                alive &= node.prefixes;
                if alive == 0 {
                    break;
                }
            }
            for (l, best) in best.iter().enumerate() {
                if scanning & 1 << l == 0 {
                    continue;
                }
                match *best {
                    Some((len, values)) => {
                        out[l].extend(values.iter().map(|v| (i, i + len, v)));
                        next[l] = i + len;
                    }
                    None => next[l] = i + 1,
                }
            }
        }
        out
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
