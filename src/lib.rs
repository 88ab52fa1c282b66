//! Recognise news reports, written in different languages, that describe the same diplomatic event.
//!
//! `event-dedup` reads reports in Italian, English, Vietnamese and Slovenian about phone calls,
//! video conferences and meetings between leaders, and puts the reports of one event in one
//! cluster, using the event's **date**, its **participants**, the **kind** of contact and the
//! **topics** discussed, while two different calls between the same two leaders stay apart.
//! Every decision comes with an explanation. No model, no download: the knowledge is readable
//! data embedded in the crate.
//!
//! # A tour
//!
//! One call between Putin and Macron, reported in four languages, and a different call of the
//! same two leaders nine days later:
//!
//! ```
//! use event_dedup::{Lang, Matcher, Report};
//!
//! let matcher = Matcher::new()?;
//! let reports = [
//!     Report::builder("it", "Mosca, 7 novembre 2020 – Vladimir Putin ha avuto una conversazione \
//!         telefonica con il presidente francese Emmanuel Macron sul Nagorno-Karabakh e sul \
//!         cessate il fuoco; si è parlato anche della Libia e del gruppo di Minsk dell'Osce.")
//!         .lang(Lang::It).build()?,
//!     Report::builder("en", "MOSCOW, November 7. /TASS/. Russian President Vladimir Putin and \
//!         French President Emmanuel Macron discussed in a phone call the fighting in \
//!         Nagorno-Karabakh, a ceasefire and Libya, the Kremlin said on Saturday.")
//!         .lang(Lang::En).published("2020-11-07")?.build()?,
//!     Report::builder("vi", "Tổng thống Nga Vladimir Putin và Tổng thống Pháp Emmanuel Macron \
//!         hôm nay đã điện đàm về xung đột ở Nagorno-Karabakh, ngừng bắn và tình hình Libya.")
//!         .lang(Lang::Vi).published("2020-11-07")?.build()?,
//!     Report::builder("sl", "Ruski predsednik Vladimir Putin in francoski predsednik Emmanuel \
//!         Macron sta se v soboto po telefonu pogovarjala o Gorskem Karabahu, premirju in Libiji.")
//!         .lang(Lang::Sl).published("2020-11-08")?.build()?,
//!     Report::builder("en-16", "Vladimir Putin and Emmanuel Macron spoke by phone on November 16, \
//!         2020 about Nagorno-Karabakh, refugees and the Russian peacekeepers.")
//!         .lang(Lang::En).build()?,
//! ];
//! let clustering = matcher.cluster(&reports)?;
//! let event = clustering.cluster_of("it").unwrap();
//! assert_eq!(event.members, ["en", "it", "sl", "vi"]);
//! assert_eq!(event.summary.participants, ["macron", "putin"]);
//! assert_ne!(clustering.cluster_of("en-16").unwrap().id, event.id);
//!
//! // Why were two reports merged, and why not the other?
//! let why = matcher.explain(&reports[0], &reports[3]);
//! assert!(why.same_event);
//! println!("{}", why.explanation); // same day 2020-11-07 (dateline vs weekday); participants macron+putin; ...
//! let why_not = matcher.explain(&reports[0], &reports[4]);
//! assert!(!why_not.same_event);
//! println!("{}", why_not.explanation); // not the same event: different days (2020-11-07 vs 2020-11-16)
//! # Ok::<(), event_dedup::Error>(())
//! ```
//!
//! # The pipeline
//!
//! 1. [`Report`]: id, text, optional title, language (given or detected), published date, source.
//! 2. Analysis, per language: segmentation (Italian elisions, Vietnamese syllables), stemming
//!    (Snowball for Italian and English, a light case-ending stripper for Slovenian), then
//!    evidence: the event date and where it came from ([`EventDate`]), the principals (leaders
//!    named, or named by office: "the French president" is resolved by date), the [`EventKind`],
//!    the concepts discussed, and cognate keys for names the lexicon lacks.
//! 3. [`Fingerprint`]: that evidence, compact and serialisable.
//! 4. [`Match`]: a score from named components with hard conflicts (different days, different
//!    participants, a call against a meeting) and an [`Explanation`].
//! 5. [`Clustering`]: candidate pairs are blocked by participant; clusters grow strongest link
//!    first, and never across a conflict, so an undated report cannot glue two calls together.
//!
//! # The command-line tool
//!
//! With the `cli` feature the package also builds `event-dedup`, a command-line tool over this
//! library (`cargo install --path . --features cli --locked`): `cluster` (JSON Lines or CSV in;
//! per-report or per-event JSON Lines, CSV, or a self-contained HTML timeline out), `explain`,
//! `dates`, `fingerprint` and `stream`. The library itself never depends on its crates.
//!
//! # Knowledge
//!
//! Countries, seats of power, heads of state and government with their terms of office, and
//! concepts of diplomacy live in `data/*.txt`, one line per entry with its forms in the four
//! languages. [`MatcherBuilder`] adds to them or overrides them from your own files.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod apart;
mod blocking;
mod cluster;
mod date;
mod error;
mod evidence;
mod hash;
mod index;
mod knowledge;
mod lang;
mod matcher;
mod profile;
mod report;
mod score;
#[cfg(feature = "synthetic")]
pub mod synthetic;
mod text;

/// The README's Rust code blocks, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
mod readme {}

pub use apart::KeptApart;
pub use cluster::{Candidate, Cluster, Clustering, EventSummary, Merge, Progress, Stage, Undecided};
pub use date::{Date, DateSource, DateValue, DayOrder, DayPart, EventDate, LocalTime};
pub use error::Error;
pub use evidence::dates::{DateMention, DateRole};
pub use evidence::kind::EventKind;
pub use evidence::people::Participant;
pub use evidence::{Fingerprint, Recognised};
pub use index::{Assignment, EventIndex};
pub use lang::Lang;
pub use matcher::{Matcher, MatcherBuilder};
#[cfg(feature = "serde")]
pub use report::read_jsonl;
pub use report::{Report, ReportBuilder};
pub use score::{Conflict, Explanation, Match};
