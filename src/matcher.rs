//! The matcher and its builder: the crate's entry point.

use crate::cluster::{cluster, Clustering, Progress, Stage};
use crate::date::{Date, EventDate};
use crate::error::Error;
use crate::evidence::dates::{find_dates, DateMention};
use crate::evidence::people::Participant;
use crate::evidence::{analyse, participants, recognise, Fingerprint, Recognised};
use crate::knowledge::Knowledge;
use crate::lang::Lang;
use crate::report::Report;
use crate::score::{compare, Match, Weights};

/// Analyses, compares and clusters reports. Immutable, `Send + Sync`: share one across threads.
#[derive(Debug)]
pub struct Matcher {
    knowledge: Knowledge,
    weights: Weights,
}

/// Configures a [`Matcher`]: weights, threshold and extra knowledge.
#[derive(Debug, Clone)]
pub struct MatcherBuilder {
    weights: Weights,
    max_text_bytes: usize,
    concepts: Vec<(String, String)>,
    people: Vec<(String, String)>,
    countries: Vec<(String, String)>,
}

impl Default for MatcherBuilder {
    fn default() -> Self {
        MatcherBuilder {
            weights: Weights::default(),
            max_text_bytes: crate::knowledge::DEFAULT_MAX_TEXT_BYTES,
            concepts: Vec::new(),
            people: Vec::new(),
            countries: Vec::new(),
        }
    }
}

impl MatcherBuilder {
    /// How much of a title or text analysis reads, in bytes (default 256 KiB, at least 1 KiB): the
    /// rest of a longer input is ignored, so a runaway input (a 50 MB page dump) costs no more
    /// than this much text. News reports are far shorter.
    pub fn max_text_bytes(mut self, bytes: usize) -> Self {
        self.max_text_bytes = bytes;
        self
    }
    /// The score two reports need to be the same event (default 0.55), in (0, 1]. On the labelled
    /// corpora, precision stays 1.0 for any threshold from 0.35 to 0.58; the default sits inside.
    pub fn threshold(mut self, threshold: f32) -> Self {
        self.weights.threshold = threshold;
        self
    }
    /// Relative weights of the date, participants, kind and topics components (defaults 0.35,
    /// 0.25, 0.1, 0.3). They are normalised to sum to one.
    pub fn weights(mut self, date: f32, participants: f32, kind: f32, topics: f32) -> Self {
        self.weights = Weights { date, participants, kind, topics, threshold: self.weights.threshold };
        self
    }
    /// Adds or overrides concepts, in the format of `data/concepts.txt`
    /// (`id | class | English | Italian | Vietnamese | Slovenian`). `name` is used in errors.
    pub fn add_concepts(mut self, name: impl Into<String>, text: impl Into<String>) -> Self {
        self.concepts.push((name.into(), text.into()));
        self
    }
    /// Adds or overrides people, in the format of `data/people.txt`
    /// (`id | display name | name forms | offices`).
    pub fn add_people(mut self, name: impl Into<String>, text: impl Into<String>) -> Self {
        self.people.push((name.into(), text.into()));
        self
    }
    /// Adds or overrides countries, in the format of `data/countries.txt`.
    pub fn add_countries(mut self, name: impl Into<String>, text: impl Into<String>) -> Self {
        self.countries.push((name.into(), text.into()));
        self
    }
    /// Checks the settings, loads the knowledge, and returns the matcher.
    pub fn build(self) -> Result<Matcher, Error> {
        let w = self.weights;
        for (name, v) in
            [("date weight", w.date), ("participant weight", w.participants), ("kind weight", w.kind), ("topic weight", w.topics)]
        {
            if !(v.is_finite() && v >= 0.0) {
                return Err(Error::InvalidSetting {
                    name: "weights",
                    reason: format!("{name} is {v}; weights must be finite and not negative"),
                });
            }
        }
        let sum = w.date + w.participants + w.kind + w.topics;
        if sum <= 0.0 {
            return Err(Error::InvalidSetting { name: "weights", reason: "at least one weight must be positive".into() });
        }
        if !(w.threshold > 0.0 && w.threshold <= 1.0) {
            return Err(Error::InvalidSetting { name: "threshold", reason: format!("{} is not in (0, 1]", w.threshold) });
        }
        let weights = Weights {
            date: w.date / sum,
            participants: w.participants / sum,
            kind: w.kind / sum,
            topics: w.topics / sum,
            threshold: w.threshold,
        };
        if self.max_text_bytes < 1024 {
            return Err(Error::InvalidSetting {
                name: "max_text_bytes",
                reason: format!("{} is below the minimum of 1024 bytes", self.max_text_bytes),
            });
        }
        let mut knowledge = Knowledge::embedded()?;
        knowledge.max_text_bytes = self.max_text_bytes;
        for (name, text) in &self.countries {
            knowledge.add_countries(name, text)?;
        }
        for (name, text) in &self.people {
            knowledge.add_people(name, text)?;
        }
        for (name, text) in &self.concepts {
            knowledge.add_concepts(name, text)?;
        }
        Ok(Matcher { knowledge, weights })
    }
}

impl Matcher {
    /// A matcher with the embedded knowledge and default settings.
    pub fn new() -> Result<Matcher, Error> {
        MatcherBuilder::default().build()
    }
    /// Starts configuring a matcher.
    pub fn builder() -> MatcherBuilder {
        MatcherBuilder::default()
    }
    /// Analyses one report into its fingerprint.
    pub fn fingerprint(&self, report: &Report) -> Fingerprint {
        analyse(report, &self.knowledge)
    }
    /// Scores two fingerprints and explains the score.
    pub fn compare(&self, a: &Fingerprint, b: &Fingerprint) -> Match {
        compare(a, b, &self.weights)
    }
    /// The leaders a report names, whether each took part in the contact it reports or is only
    /// mentioned, and the words that tell.
    ///
    /// ```
    /// use event_dedup::{Lang, Matcher, Report};
    ///
    /// let matcher = Matcher::new()?;
    /// let report = Report::builder("r", "At the request of Ukrainian President Volodymyr Zelensky, \
    ///     Emmanuel Macron spoke by phone with Vladimir Putin.").lang(Lang::En).published("2022-03-06")?.build()?;
    /// let people = matcher.participants(&report);
    /// let zelensky = people.iter().find(|p| p.id == "zelensky").unwrap();
    /// assert!(!zelensky.principal);
    /// assert!(zelensky.reason.to_lowercase().contains("at the request of"), "{}", zelensky.reason);
    /// assert!(people.iter().filter(|p| p.principal).all(|p| p.id == "macron" || p.id == "putin"));
    /// # Ok::<(), event_dedup::Error>(())
    /// ```
    pub fn participants(&self, report: &Report) -> Vec<Participant> {
        participants(report, &self.knowledge)
    }
    /// Scores two reports and explains the score.
    pub fn explain(&self, a: &Report, b: &Report) -> Match {
        let mut m = self.compare(&self.fingerprint(a), &self.fingerprint(b));
        for (side, report) in [("a", a), ("b", b)] {
            let words: Vec<String> = self
                .participants(report)
                .into_iter()
                .filter(|p| p.principal)
                .map(|p| format!("{} from {:?}, {}", p.id, p.words, p.reason))
                .collect();
            if !words.is_empty() {
                m.explanation.principal_words.push(format!("{side}: {}", words.join(", ")));
            }
        }
        m
    }
    /// Analyses many reports, on all cores with the `parallel` feature; the result is in input
    /// order and identical whatever the number of threads.
    pub fn fingerprints(&self, reports: &[Report]) -> Vec<Fingerprint> {
        #[cfg(feature = "parallel")]
        {
            use rayon::prelude::*;
            reports.par_iter().map(|r| self.fingerprint(r)).collect()
        }
        #[cfg(not(feature = "parallel"))]
        {
            reports.iter().map(|r| self.fingerprint(r)).collect()
        }
    }

    /// Clusters reports into events: every report lands in exactly one cluster, whatever the
    /// input order. Fails on duplicate ids.
    pub fn cluster(&self, reports: &[Report]) -> Result<Clustering, Error> {
        self.cluster_fingerprints(self.fingerprints(reports))
    }
    /// Clusters fingerprints made earlier (for example, restored from storage).
    pub fn cluster_fingerprints(&self, fingerprints: Vec<Fingerprint>) -> Result<Clustering, Error> {
        cluster(fingerprints, &self.weights, &mut |_| {})
    }
    /// [`Matcher::cluster`], telling `progress` how far it has come: each [`Stage`] about a
    /// hundred times, from 0 to its total, on the calling thread (a progress bar, a log line, a
    /// check for a deadline). The clusters are those of [`Matcher::cluster`].
    ///
    /// ```
    /// use event_dedup::{Lang, Matcher, Report, Stage};
    /// let matcher = Matcher::new()?;
    /// let reports = [
    ///     Report::builder("a", "Putin e Macron si sono sentiti oggi al telefono sulla Libia.").lang(Lang::It).published("2020-06-26")?.build()?,
    ///     Report::builder("b", "Putin and Macron spoke by phone today about Libya.").lang(Lang::En).published("2020-06-26")?.build()?,
    /// ];
    /// let mut stages = Vec::new();
    /// let clustering = matcher.cluster_with_progress(&reports, |p| {
    ///     if p.done == p.total && stages.last() != Some(&p.stage) {
    ///         stages.push(p.stage);
    ///     }
    /// })?;
    /// assert_eq!(stages, [Stage::Analysis, Stage::Blocking, Stage::Scoring, Stage::Clustering, Stage::Summaries]);
    /// assert_eq!(clustering, matcher.cluster(&reports)?);
    /// # Ok::<(), event_dedup::Error>(())
    /// ```
    pub fn cluster_with_progress(&self, reports: &[Report], mut progress: impl FnMut(Progress)) -> Result<Clustering, Error> {
        // Analysed in chunks, so progress is told between them (all cores within a chunk).
        let chunk = (reports.len() / 100).max(256);
        let mut fingerprints = Vec::with_capacity(reports.len());
        for part in reports.chunks(chunk) {
            progress(Progress { stage: Stage::Analysis, done: fingerprints.len(), total: reports.len() });
            fingerprints.extend(self.fingerprints(part));
        }
        progress(Progress { stage: Stage::Analysis, done: reports.len(), total: reports.len() });
        cluster(fingerprints, &self.weights, &mut progress)
    }
    /// [`Matcher::cluster_fingerprints`], telling `progress` how far it has come (from
    /// [`Stage::Blocking`] on; see [`Matcher::cluster_with_progress`]).
    pub fn cluster_fingerprints_with_progress(
        &self,
        fingerprints: Vec<Fingerprint>,
        mut progress: impl FnMut(Progress),
    ) -> Result<Clustering, Error> {
        cluster(fingerprints, &self.weights, &mut progress)
    }
    /// Why two reports that match on their own (their [`Match::same_event`] is true) are in two
    /// clusters of `clustering`: the member and the conflict that kept them apart, or the other
    /// reason. `None` when they share a cluster, do not match, or an id is unknown; `fingerprints`
    /// are those the clustering was made from.
    ///
    /// ```
    /// use event_dedup::{KeptApart, Lang, Matcher, Report};
    /// let matcher = Matcher::new()?;
    /// let report = |id: &str, text: &str, day: &str| Report::builder(id, text).lang(Lang::En).published(day).unwrap().build().unwrap();
    /// let reports = [
    ///     report("a", "Putin and Macron spoke by phone today about Libya and the ceasefire.", "2020-11-07"),
    ///     report("b", "Putin and Macron discussed Libya and the ceasefire by phone.", "2020-11-08"),
    ///     report("c", "Putin and Macron spoke by phone on November 9 about Libya and the ceasefire.", "2020-11-09"),
    /// ];
    /// let fingerprints = matcher.fingerprints(&reports);
    /// let clustering = matcher.cluster_fingerprints(fingerprints.clone())?;
    /// if let Some(why) = matcher.why_apart(&clustering, &fingerprints, "b", "c") {
    ///     println!("{why}");
    /// }
    /// # Ok::<(), event_dedup::Error>(())
    /// ```
    pub fn why_apart(&self, clustering: &Clustering, fingerprints: &[Fingerprint], a: &str, b: &str) -> Option<crate::KeptApart> {
        crate::apart::why_apart(clustering, fingerprints, a, b, &self.weights)
    }

    /// Every date expression in `text` (and `title`), resolved against `published`, with its role,
    /// and the event date chosen from them.
    ///
    /// ```
    /// use event_dedup::{Date, DateRole, Lang, Matcher};
    /// let matcher = Matcher::new()?;
    /// let text = "Vladimir Putin ha sentito ieri Emmanuel Macron. Il 3 marzo i due si erano già parlati.";
    /// let (mentions, event) = matcher.find_dates(text, None, Lang::It, Date::new(2022, 3, 7));
    /// assert_eq!(event.unwrap().value.to_string(), "2022-03-06");
    /// assert_eq!(mentions[0].role, DateRole::Event);
    /// assert_eq!(mentions[1].role, DateRole::Background);
    /// # Ok::<(), event_dedup::Error>(())
    /// ```
    pub fn find_dates(
        &self,
        text: &str,
        title: Option<&str>,
        lang: Lang,
        published: Option<Date>,
    ) -> (Vec<DateMention>, Option<EventDate>) {
        find_dates(text, title, lang, published, &self.knowledge)
    }

    /// The phrases of `text` that the lexicon knows: concepts, countries, people, seats of power.
    ///
    /// ```
    /// use event_dedup::{Lang, Matcher};
    /// let matcher = Matcher::new()?;
    /// let found = matcher.recognise("Haftarja podpira Rusija, o Libiji in premirju.", Lang::Sl);
    /// let ids: Vec<&str> = found.iter().map(|r| r.id.as_str()).collect();
    /// assert_eq!(ids, ["person:haftar", "country:RU", "country:LY", "ceasefire"]);
    /// # Ok::<(), event_dedup::Error>(())
    /// ```
    pub fn recognise(&self, text: &str, lang: Lang) -> Vec<Recognised> {
        recognise(text, lang, &self.knowledge)
    }

    /// The display name of a person id (`putin` → `Vladimir Putin`).
    pub fn person_name(&self, id: &str) -> Option<&str> {
        self.knowledge.people.iter().find(|p| p.id == id).map(|p| p.display.as_str())
    }
    pub(crate) fn weights(&self) -> Weights {
        self.weights
    }

    /// Number of phrases the matcher recognises across its languages.
    pub fn lexicon_size(&self) -> usize {
        self.knowledge.phrase_count()
    }
}
