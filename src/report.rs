//! News reports: the input of everything.

use crate::date::{Date, LocalTime};
use crate::error::Error;
use crate::lang::Lang;

/// One news report.
///
/// ```
/// use event_dedup::{Lang, Report};
/// let report = Report::builder("r1", "Putin e Macron si sono sentiti oggi al telefono.")
///     .lang(Lang::It)
///     .published("2020-11-07")?
///     .build()?;
/// assert_eq!(report.published().unwrap().to_string(), "2020-11-07");
/// # Ok::<(), event_dedup::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Report {
    id: String,
    text: String,
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    title: Option<String>,
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    lang: Option<Lang>,
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    published: Option<Date>,
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    published_time: Option<LocalTime>,
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    source: Option<String>,
}

impl Report {
    /// Starts a report with its id and body text.
    pub fn builder(id: impl Into<String>, text: impl Into<String>) -> ReportBuilder {
        ReportBuilder {
            report: Report {
                id: id.into(),
                text: text.into(),
                title: None,
                lang: None,
                published: None,
                published_time: None,
                source: None,
            },
        }
    }
    /// The caller's id, unique within one clustering.
    pub fn id(&self) -> &str {
        &self.id
    }
    /// The body text.
    pub fn text(&self) -> &str {
        &self.text
    }
    /// The headline, if any.
    pub fn title(&self) -> Option<&str> {
        self.title.as_deref()
    }
    /// The language, if given (otherwise it is detected).
    pub fn lang(&self) -> Option<Lang> {
        self.lang
    }
    /// The day of publication, if known.
    pub fn published(&self) -> Option<Date> {
        self.published
    }
    /// The local time and UTC offset of publication, when `published` was an RFC 3339 timestamp:
    /// a report stamped early in the morning may call "today" what happened the evening before
    /// in another time zone.
    ///
    /// ```
    /// use event_dedup::Report;
    /// let report = Report::builder("r1", "…").published("2020-11-08T06:10:00+07:00")?.build()?;
    /// let time = report.published_time().unwrap();
    /// assert_eq!((time.hour, time.offset_minutes), (6, 420));
    /// assert_eq!(report.published().unwrap().to_string(), "2020-11-08");
    /// # Ok::<(), event_dedup::Error>(())
    /// ```
    pub fn published_time(&self) -> Option<LocalTime> {
        self.published_time
    }
    /// Where the report came from (outlet, feed), if given.
    pub fn source(&self) -> Option<&str> {
        self.source.as_deref()
    }
}

/// Builds a [`Report`]; [`build`](ReportBuilder::build) checks it.
#[derive(Debug, Clone)]
pub struct ReportBuilder {
    report: Report,
}

impl ReportBuilder {
    /// Sets the headline.
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.report.title = Some(title.into());
        self
    }
    /// Sets the language (otherwise detected from the text).
    pub fn lang(mut self, lang: Lang) -> Self {
        self.report.lang = Some(lang);
        self
    }
    /// Sets the publication day from `YYYY-MM-DD`, or the day, local time and UTC offset from an
    /// RFC 3339 timestamp.
    pub fn published(mut self, published: &str) -> Result<Self, Error> {
        let (day, time) = Date::parse_stamp(published)?;
        self.report.published = Some(day);
        self.report.published_time = time;
        Ok(self)
    }
    /// Sets the publication day (without a time of day).
    pub fn published_date(mut self, published: Date) -> Self {
        self.report.published = Some(published);
        self.report.published_time = None;
        self
    }
    /// Sets the local time and UTC offset of publication (see [`Report::published_time`]).
    pub fn published_time(mut self, time: LocalTime) -> Self {
        self.report.published_time = Some(time);
        self
    }
    /// Sets the source.
    pub fn source(mut self, source: impl Into<String>) -> Self {
        self.report.source = Some(source.into());
        self
    }
    /// Checks and returns the report: the id must not be empty.
    pub fn build(self) -> Result<Report, Error> {
        if self.report.id.trim().is_empty() {
            return Err(Error::InvalidReport { id: self.report.id, reason: "the id is empty".into() });
        }
        Ok(self.report)
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct ReportLine {
    id: serde_json::Value,
    text: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    source: Option<String>,
}

/// Reads one JSON object in the corpus format (`id`, `text`, optional `title`, `lang`, `published`,
/// `source`; other fields, such as a gold `event`, are ignored).
#[cfg(feature = "serde")]
pub fn parse_json_report(json: &str) -> Result<Report, String> {
    let line: ReportLine = serde_json::from_str(json).map_err(|e| e.to_string())?;
    let id = match line.id {
        serde_json::Value::String(s) => s,
        serde_json::Value::Number(n) => n.to_string(),
        other => return Err(format!("`id` must be a string, found {other}")),
    };
    let mut b = Report::builder(id, line.text);
    if let Some(t) = line.title {
        b = b.title(t);
    }
    if let Some(l) = line.lang.filter(|l| !l.trim().is_empty()) {
        b = b.lang(l.parse().map_err(|e: Error| e.to_string())?);
    }
    if let Some(p) = line.published.filter(|p| !p.trim().is_empty()) {
        b = b.published(&p).map_err(|e| e.to_string())?;
    }
    if let Some(s) = line.source {
        b = b.source(s);
    }
    b.build().map_err(|e| e.to_string())
}

/// Reads reports from JSON Lines, one per non-blank line. Each item is a report or the error of
/// its line ([`Error::InvalidLine`] with the one-based line number), so a caller can stop at the
/// first bad line or skip bad lines and keep every good one.
#[cfg(feature = "serde")]
pub fn read_jsonl<R: std::io::BufRead>(reader: R) -> impl Iterator<Item = Result<Report, Error>> {
    reader.lines().enumerate().filter_map(|(i, line)| match line {
        Err(e) => Some(Err(Error::Io(e))),
        Ok(line) if line.trim().is_empty() => None,
        Ok(line) => Some(parse_json_report(&line).map_err(|reason| Error::InvalidLine { line: i + 1, reason })),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builder_checks_id_and_date() {
        assert!(Report::builder(" ", "x").build().is_err());
        assert!(Report::builder("a", "x").published("2020-13-01").is_err());
    }

    #[cfg(feature = "serde")]
    #[test]
    fn jsonl_names_bad_lines() {
        let input = "{\"id\":\"a\",\"text\":\"t\",\"lang\":\"it\",\"published\":null,\"event\":\"x\"}\n\n{\"id\":1}\n";
        let items: Vec<_> = read_jsonl(input.as_bytes()).collect();
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].as_ref().unwrap().lang(), Some(Lang::It));
        match &items[1] {
            Err(Error::InvalidLine { line, .. }) => assert_eq!(*line, 3),
            other => panic!("{other:?}"),
        }
    }
}
