//! What an event keeps of its members to be compared as a whole, at a cost that does not grow with
//! its size: the distinct hard facts of its members ([`crate::score::Hard`]: day or window, participants, kind,
//! and whatever hard fact is added there), each with how many members have them, and a bounded
//! sample of members for the topics.
//!
//! Hard facts decide conflicts, and two reports with equal hard facts conflict with the same
//! reports, so checking every pair of classes of hard facts is checking every pair of members:
//! the complete-link guarantee (no two members of an event conflict) stays exact whatever the
//! size. The mean score of two events is exact in its hard-fact part (the classes, weighted by how
//! many members have them) and estimated in its topic part from the samples, which are the
//! [`SAMPLE`] members with the smallest [`rank`]: a fixed hash of the id, so the sample is the same
//! whatever the order the members came in.

use crate::evidence::Fingerprint;
use crate::score::{parts, topic_overlap, Weights};

/// Members an event keeps as its sample for topics.
pub(crate) const SAMPLE: usize = 16;

/// The rank of a report among the members of its event: a fixed hash of its id (the same on every
/// run and machine), so the sample does not depend on the order of the input. The id is only
/// hashed, never a key of a map.
pub(crate) fn rank(fp: &Fingerprint) -> u64 {
    let h = fp.id.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    // SplitMix64's finaliser spreads FNV's low-entropy high bits.
    let mut z = h.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// One class of hard facts among an event's members.
#[derive(Debug, Clone, Copy)]
struct Class {
    /// A member with these hard facts.
    member: usize,
    /// How many members have them.
    count: usize,
    /// The content hash all of them share, if they share one (exact duplicates never conflict).
    content: Option<u64>,
}

/// The summary of an event's members used to compare it with a report or another event. Members
/// are numbers (positions or slots) the caller resolves to fingerprints with `of`.
#[derive(Debug, Clone, Default)]
pub(crate) struct Profile {
    size: usize,
    classes: Vec<Class>,
    /// `(rank, member)`, sorted, at most [`SAMPLE`].
    sample: Vec<(u64, usize)>,
}

impl Profile {
    /// The profile of members, in the order given.
    pub(crate) fn of_members<'a>(members: &[usize], of: &dyn Fn(usize) -> &'a Fingerprint) -> Profile {
        let mut p = Profile::default();
        for &m in members {
            p.add(m, of);
        }
        p
    }

    /// Adds a member.
    pub(crate) fn add<'a>(&mut self, member: usize, of: &dyn Fn(usize) -> &'a Fingerprint) {
        let fp = of(member);
        self.size += 1;
        self.add_class(Class { member, count: 1, content: Some(fp.content) }, of);
        self.add_sample(rank(fp), member);
    }

    fn add_class<'a>(&mut self, class: Class, of: &dyn Fn(usize) -> &'a Fingerprint) {
        let hard = of(class.member).hard();
        match self.classes.iter_mut().find(|c| of(c.member).hard() == hard) {
            Some(c) => {
                c.count += class.count;
                if c.content != class.content {
                    c.content = None;
                }
            }
            None => self.classes.push(class),
        }
    }

    fn add_sample(&mut self, rank: u64, member: usize) {
        let at = self.sample.partition_point(|&s| s < (rank, member));
        if at < SAMPLE {
            self.sample.insert(at, (rank, member));
            self.sample.truncate(SAMPLE);
        }
    }

    /// Takes in the members of `other`.
    pub(crate) fn absorb<'a>(&mut self, other: Profile, of: &dyn Fn(usize) -> &'a Fingerprint) {
        self.size += other.size;
        for c in other.classes {
            self.add_class(c, of);
        }
        for (r, m) in other.sample {
            self.add_sample(r, m);
        }
    }

    /// Removes `member` (whose fingerprint is `fp`); `rest` are the members left, read only when
    /// the sample or a class loses the member that stood for it.
    pub(crate) fn remove<'a>(&mut self, member: usize, fp: &Fingerprint, rest: &[usize], of: &dyn Fn(usize) -> &'a Fingerprint) {
        let hard = fp.hard();
        self.size -= 1;
        let stands_for = |c: &Class| if c.member == member { hard } else { of(c.member).hard() };
        if let Some(k) = self.classes.iter().position(|c| stands_for(c) == hard) {
            let class = &mut self.classes[k];
            class.count -= 1;
            if class.count == 0 {
                self.classes.remove(k);
            } else if class.member == member {
                // Another member with the same facts stands for the class. Its content is no
                // longer known to be shared: counting it as several only ever adds conflicts.
                class.member = rest.iter().copied().find(|&m| m != member && of(m).hard() == hard).unwrap_or(member);
                class.content = None;
            }
        }
        if let Some(k) = self.sample.iter().position(|s| s.1 == member) {
            self.sample.remove(k);
            if self.size >= SAMPLE {
                // Refill from the members left: the next smallest rank.
                let last = self.sample.last().copied();
                let next = rest
                    .iter()
                    .filter(|&&m| m != member)
                    .map(|&m| (rank(of(m)), m))
                    .filter(|s| !self.sample.contains(s) && last.is_none_or(|l| *s > l))
                    .min();
                if let Some(s) = next {
                    self.sample.push(s);
                }
            }
        }
    }

    /// The mean score of the pairs of a member of `self` and a member of `other`, or `None` when a
    /// member of one conflicts with a member of the other (checked exactly, class by class). The
    /// hard-fact part of the mean is exact; the topic part is the mean over the pairs of the samples
    /// (exact when neither event is larger than its sample), and is only computed when the hard
    /// facts alone do not reach `bar` (topic overlap is never negative).
    pub(crate) fn compare<'a>(&self, other: &Profile, of: &dyn Fn(usize) -> &'a Fingerprint, w: &Weights, bar: f32) -> Option<f32> {
        // Pairs of exact duplicates (score 1), and the others with their hard-fact part.
        let (mut duplicates, mut others, mut structure) = (0.0f64, 0.0f64, 0.0f64);
        for a in &self.classes {
            let ha = of(a.member).hard();
            for b in &other.classes {
                let pairs = (a.count * b.count) as f64;
                if a.content.is_some() && a.content == b.content {
                    duplicates += pairs;
                    continue;
                }
                let p = parts(&ha, &of(b.member).hard());
                if p.conflict() {
                    return None;
                }
                others += pairs;
                structure += pairs * f64::from(p.structure(w));
            }
        }
        let all = (self.size * other.size).max(1) as f64;
        let hard = (duplicates + structure) / all;
        if hard >= f64::from(bar) || others == 0.0 {
            return Some(hard as f32);
        }
        Some((hard + others / all * self.topic_mean(other, of, w)) as f32)
    }

    /// `w.topics` times the mean topic overlap of the pairs of the samples that are not exact
    /// duplicates.
    fn topic_mean<'a>(&self, other: &Profile, of: &dyn Fn(usize) -> &'a Fingerprint, w: &Weights) -> f64 {
        let (mut topics, mut sampled) = (0.0f64, 0usize);
        for &(_, x) in &self.sample {
            for &(_, y) in &other.sample {
                let (x, y) = (of(x), of(y));
                if x.content != y.content {
                    topics += f64::from(topic_overlap(x, y, |_| {}));
                    sampled += 1;
                }
            }
        }
        if sampled == 0 {
            0.0
        } else {
            f64::from(w.topics) * topics / sampled as f64
        }
    }
}
