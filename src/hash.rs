//! Hashers for the crate's lookup tables.
//!
//! [`FxMap`] is a fast, fixed hasher (the FxHash mixing step used by rustc) for keys the crate makes
//! itself: slots, interned numbers, the knowledge's own words. Colliding keys are easy to make for
//! a fixed hash, so maps keyed by anything from the input (report ids, the words of a text) are
//! [`KeyedMap`]s, whose hasher is keyed at random: no input can make their lookups slow. Nothing is
//! ever output by iterating a keyed map, so results do not depend on the keys drawn.

use std::collections::hash_map::RandomState;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// FxHash: a multiply-rotate hash of each 8-byte word.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

pub(crate) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;
pub(crate) type FxSet<K> = HashSet<K, BuildHasherDefault<FxHasher>>;

/// Maps and sets keyed by strings that come from the input (report ids, words of a text): std's
/// SipHash-1-3 with keys drawn at random per map, so no input can be made of keys that collide.
/// Results never depend on the keys drawn: nothing is output by iterating one of these.
pub(crate) type KeyedMap<K, V> = HashMap<K, V, RandomState>;

/// Keys that all have one FxHash, made by design: for an attacker, easy. Each of `levels` steps
/// appends one of two 16-letter blocks that lead from the same hasher state to the same next state
/// (found by a birthday search), so the `2^levels` strings of `16 * levels` letters collide.
#[cfg(test)]
pub(crate) fn fx_colliding_keys(levels: u32) -> Vec<String> {
    let letters = |word: u64| word.to_le_bytes().iter().all(u8::is_ascii_lowercase);
    let step = |h: u64, w: u64| (h.rotate_left(5) ^ w).wrapping_mul(SEED);
    let mut state = 0u64;
    let mut pairs: Vec<[[u64; 2]; 2]> = Vec::new();
    let mut counter = 0u64;
    // A word of eight lower-case letters from a number.
    let word = |mut n: u64| {
        let mut bytes = [0u8; 8];
        for b in &mut bytes {
            *b = b'a' + (n % 26) as u8;
            n /= 26;
        }
        u64::from_le_bytes(bytes)
    };
    for _ in 0..levels {
        let mut seen: FxMap<u32, u64> = FxMap::default();
        let found = loop {
            counter += 1;
            let w1 = word(counter);
            let r = step(state, w1).rotate_left(5);
            // The top three bits of each byte: two words with the same signature differ only in
            // the low five bits of each byte, which a second word of letters can absorb.
            let signature = r.to_le_bytes().iter().fold(0u32, |s, b| (s << 3) | u32::from(b >> 5));
            if let Some(&other) = seen.get(&signature) {
                let r2 = step(state, other).rotate_left(5);
                let d = (r ^ r2).to_le_bytes();
                let mut w2 = [0u8; 8];
                let ok =
                    d.iter().zip(&mut w2).all(|(&db, x)| (b'a'..=b'z').find(|c| (c ^ db).is_ascii_lowercase()).map(|c| *x = c).is_some());
                let w2 = u64::from_le_bytes(w2);
                let w2b = w2 ^ (r ^ r2);
                if ok && letters(w2) && letters(w2b) && w1 != other {
                    break [[w1, w2], [other, w2b]];
                }
            }
            seen.insert(signature, w1);
        };
        state = step(step(state, found[0][0]), found[0][1]);
        pairs.push(found);
    }
    (0..1u64 << levels)
        .map(|choice| {
            let mut bytes = Vec::with_capacity(16 * levels as usize);
            for (level, pair) in pairs.iter().enumerate() {
                for w in pair[(choice >> level & 1) as usize] {
                    bytes.extend_from_slice(&w.to_le_bytes());
                }
            }
            String::from_utf8(bytes).unwrap_or_default()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::{BuildHasher, Hash};

    #[test]
    fn colliding_keys_collide_under_fxhash_and_not_under_the_keyed_hasher() {
        let keys = fx_colliding_keys(8);
        assert_eq!(keys.len(), 256);
        assert_eq!(keys.iter().collect::<std::collections::BTreeSet<_>>().len(), 256, "distinct keys");
        let fx = |k: &String| {
            let mut h = FxHasher::default();
            k.hash(&mut h);
            h.finish()
        };
        assert!(keys.iter().all(|k| fx(k) == fx(&keys[0])), "one FxHash for all");
        let keyed = RandomState::new();
        let distinct: std::collections::BTreeSet<u64> = keys.iter().map(|k| keyed.hash_one(k)).collect();
        assert_eq!(distinct.len(), keys.len());
    }
}
