//! The kind of contact: phone call, video conference, meeting or multilateral, from cue words.

use std::collections::BTreeMap;

use super::people::{bound_elsewhere, position_weight};
use super::Part;
use crate::lang::cues::Word;

/// The kind of contact between leaders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum EventKind {
    /// A telephone call.
    PhoneCall,
    /// A video conference.
    VideoConference,
    /// An in-person meeting.
    Meeting,
    /// A call or meeting of more than two leaders.
    Multilateral,
}

impl EventKind {
    /// A short name: `phone call`, `video conference`, `meeting`, `multilateral`.
    pub fn name(self) -> &'static str {
        match self {
            EventKind::PhoneCall => "phone call",
            EventKind::VideoConference => "video conference",
            EventKind::Meeting => "meeting",
            EventKind::Multilateral => "multilateral",
        }
    }
}

impl std::fmt::Display for EventKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// How much more the first contact cue of the title or lead counts than other cues.
const LEAD_CUE_BONUS: f32 = 2.0;

/// The kind of contact by weighted votes of its cue words, and whether it is clear: the leading
/// kind has enough weight and at least twice the next one.
pub(crate) fn read_kind(parts: &[Part]) -> (Option<EventKind>, bool) {
    let mut kind_votes: BTreeMap<EventKind, f32> = BTreeMap::new();
    let mut seen_in_lead = false;
    for part in parts {
        for &(s, _, w) in &part.words {
            if let Word::Kind(k) = w {
                // "they agreed to meet in June", "after their previous call": another contact's cue.
                if !part.noise(s) && !bound_elsewhere(part, s, false) {
                    // The first cue of the title or of the lead is the report's own contact.
                    let in_lead = part.in_title || part.tokens[s].sentence == 0;
                    let first = in_lead && !seen_in_lead;
                    seen_in_lead |= in_lead;
                    *kind_votes.entry(k).or_default() += position_weight(part, s) * if first { LEAD_CUE_BONUS } else { 1.0 };
                }
            }
        }
    }
    let mut votes: Vec<(EventKind, f32)> = kind_votes.into_iter().collect();
    votes.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let kind = votes.first().map(|v| v.0);
    let kind_confident = match votes.as_slice() {
        [] => false,
        [only] => only.1 >= 2.0,
        [first, second, ..] => first.1 >= 2.0 && first.1 >= 2.0 * second.1,
    };
    (kind, kind_confident)
}
