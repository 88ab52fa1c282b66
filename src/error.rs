//! The crate's one error type.

use std::fmt;

/// Everything that can go wrong in `event-dedup`.
///
/// Errors carry enough context (an id, a line number, a setting's name) to be acted on without a
/// debugger. New variants may be added in minor releases.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A report could not be built: empty id, or another field out of range.
    #[error("invalid report {id:?}: {reason}")]
    InvalidReport {
        /// The report's id (possibly empty).
        id: String,
        /// What is wrong with it.
        reason: String,
    },
    /// Two reports given to one clustering share an id.
    #[error("duplicate report id {0:?}: every report must have its own id")]
    DuplicateId(String),
    /// A date or timestamp string could not be read.
    #[error("invalid date {value:?}: expected YYYY-MM-DD or an RFC 3339 timestamp")]
    InvalidDate {
        /// The text that was given.
        value: String,
    },
    /// A language code that the crate does not know.
    #[error("unknown language {0:?}: expected one of it, en, vi, sl")]
    UnknownLanguage(String),
    /// A text whose language is not given is in none of the supported languages (or too short
    /// to tell); see [`Lang::detect`](crate::Lang::detect).
    #[error("the text is in none of the supported languages (it, en, vi, sl): {reason}")]
    UnsupportedLanguage {
        /// What the detector saw.
        reason: String,
    },
    /// A report is older than the window of an [`EventIndex`](crate::EventIndex): it was not
    /// inserted, since its event may already have been evicted.
    #[error("report {id:?} is dated {day}, before the index's window, which starts on {window_start}")]
    OutsideWindow {
        /// The report's id.
        id: String,
        /// The day the report counts as (its event day, else its published day).
        day: crate::Date,
        /// The oldest day the window still holds.
        window_start: crate::Date,
    },
    /// A line of JSON Lines input could not be read as a report.
    #[error("line {line}: {reason}")]
    InvalidLine {
        /// One-based line number.
        line: usize,
        /// Why the line was rejected.
        reason: String,
    },
    /// A knowledge file (lexicon, people, calendar words) is malformed.
    #[error("{file} line {line}: {reason}")]
    InvalidData {
        /// Which file (an embedded data file's name, or a user file's path).
        file: String,
        /// One-based line number.
        line: usize,
        /// What is wrong.
        reason: String,
    },
    /// A builder setting is out of range.
    #[error("invalid setting {name}: {reason}")]
    InvalidSetting {
        /// The setting's name.
        name: &'static str,
        /// What is wrong and what is allowed.
        reason: String,
    },
    /// A saved [`EventIndex`](crate::EventIndex) could not be restored: truncated, altered, or not
    /// a snapshot of this format.
    #[error("invalid index snapshot: {0}")]
    InvalidSnapshot(String),
    /// Reading input failed.
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
}

impl Error {
    pub(crate) fn data(file: impl fmt::Display, line: usize, reason: impl Into<String>) -> Error {
        Error::InvalidData { file: file.to_string(), line, reason: reason.into() }
    }
}
