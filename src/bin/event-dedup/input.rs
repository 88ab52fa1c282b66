//! Reading reports: JSON Lines or CSV, from a file or standard input.

use std::collections::HashSet;
use std::io::Read;
use std::path::Path;

use event_dedup::{Lang, Report};

use crate::{Failure, InputArgs, InputFormat};

/// What the tool keeps of an input line besides the report.
#[derive(Debug, Clone, Default)]
pub struct Extra {
    /// A link to the original (`url` or `link`; a `source` that is a URL counts too).
    pub url: Option<String>,
    /// The gold event, for `--eval` only.
    pub gold: Option<String>,
}

/// Reports in input order, with their extras.
#[derive(Debug, Default)]
pub struct Input {
    pub reports: Vec<Report>,
    pub extras: Vec<Extra>,
    /// Display name of the input (a path, or `standard input`).
    pub name: String,
}

impl Input {
    pub fn find(&self, id: &str) -> Option<usize> {
        self.reports.iter().position(|r| r.id() == id)
    }
}

/// A report read from one JSON line, with its extras; the reason when it cannot be read.
pub fn parse_json_line(line: &str) -> Result<(Report, Extra), String> {
    let report = event_dedup::read_jsonl(line.as_bytes()).next().ok_or("an empty line")?.map_err(|e| {
        let text = e.to_string();
        text.strip_prefix("line 1: ").map(str::to_string).unwrap_or(text)
    })?;
    let value: serde_json::Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
    let field = |name: &str| value.get(name).and_then(|v| v.as_str()).filter(|s| !s.trim().is_empty()).map(str::to_string);
    let extra = Extra { url: field("url").or_else(|| field("link")).or_else(|| url_source(&report)), gold: field("event") };
    Ok((report, extra))
}

fn url_source(report: &Report) -> Option<String> {
    report.source().filter(|s| s.starts_with("http://") || s.starts_with("https://")).map(str::to_string)
}

/// Checks that a report without a `lang` is in a supported language.
pub fn check_language(report: &Report) -> Result<(), String> {
    if report.lang().is_none() {
        // As the analysis does: the text, or else the title.
        Lang::detect(report.text())
            .or_else(|e| report.title().map_or(Err(e), Lang::detect))
            .map_err(|e| format!("report {:?}: {e}; give it a `lang` to analyse it anyway", report.id()))?;
    }
    Ok(())
}

fn read_all(path: &Path) -> Result<(Vec<u8>, String), Failure> {
    let mut bytes = Vec::new();
    if path.as_os_str() == "-" {
        std::io::stdin().lock().read_to_end(&mut bytes).map_err(|e| Failure::io("cannot read standard input", e))?;
        Ok((bytes, "standard input".into()))
    } else {
        let name = path.display().to_string();
        bytes = std::fs::read(path).map_err(|e| Failure::io(format!("cannot open {name}"), e))?;
        Ok((bytes, name))
    }
}

fn format_of(path: &Path, format: InputFormat, bytes: &[u8]) -> InputFormat {
    match format {
        InputFormat::Auto if path.as_os_str() == "-" => match bytes.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(b'{') | None => InputFormat::Jsonl,
            Some(_) => InputFormat::Csv,
        },
        InputFormat::Auto if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")) => InputFormat::Csv,
        InputFormat::Auto => InputFormat::Jsonl,
        f => f,
    }
}

/// Collects good reports and stops at, or reports and skips, bad ones.
struct Collector<'a> {
    input: Input,
    ids: HashSet<String>,
    skip_invalid: bool,
    name: &'a str,
}

impl Collector<'_> {
    fn take(&mut self, line: usize, item: Result<(Report, Extra), String>) -> Result<(), Failure> {
        let item = item.and_then(|(report, extra)| {
            check_language(&report)?;
            if !self.ids.insert(report.id().to_string()) {
                return Err(format!("duplicate id {:?}: an earlier line has it", report.id()));
            }
            Ok((report, extra))
        });
        match item {
            Ok((report, extra)) => {
                self.input.reports.push(report);
                self.input.extras.push(extra);
                Ok(())
            }
            Err(reason) if self.skip_invalid => {
                eprintln!("skipped {}: line {line}: {reason}", self.name);
                Ok(())
            }
            Err(reason) => Err(Failure::input(format!("{}: line {line}: {reason}", self.name))),
        }
    }
}

/// Reads every report of the input.
pub fn read(args: &InputArgs) -> Result<Input, Failure> {
    read_from(&args.input, args.input_format, args.skip_invalid)
}

pub fn read_from(path: &Path, format: InputFormat, skip_invalid: bool) -> Result<Input, Failure> {
    let (bytes, name) = read_all(path)?;
    let format = format_of(path, format, &bytes);
    let mut c = Collector { input: Input { name: name.clone(), ..Input::default() }, ids: HashSet::new(), skip_invalid, name: &name };
    if format == InputFormat::Csv {
        read_csv(&bytes, &mut c)?;
    } else {
        for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let item = std::str::from_utf8(line).map_err(|_| "the line is not valid UTF-8".to_string()).and_then(parse_json_line);
            c.take(i + 1, item)?;
        }
    }
    Ok(c.input)
}

fn read_csv(bytes: &[u8], c: &mut Collector<'_>) -> Result<(), Failure> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let headers = reader.headers().map_err(|e| Failure::input(format!("{}: the CSV header: {e}", c.name)))?.clone();
    let column = |name: &str| headers.iter().position(|h| h.trim().eq_ignore_ascii_case(name));
    let (Some(id), Some(text)) = (column("id"), column("text")) else {
        return Err(Failure::input(format!("{}: the CSV header must name the columns `id` and `text`", c.name)));
    };
    let (title, lang, published, source) = (column("title"), column("lang"), column("published"), column("source"));
    let url = column("url").or_else(|| column("link"));
    let gold = column("event");
    for record in reader.records() {
        let line = match &record {
            Ok(r) => r.position().map_or(0, |p| p.line() as usize),
            Err(e) => e.position().map_or(0, |p| p.line() as usize),
        };
        let item = record.map_err(|e| e.to_string()).and_then(|r| {
            let get = |col: Option<usize>| col.and_then(|i| r.get(i)).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
            let mut b = Report::builder(get(Some(id)).unwrap_or_default(), r.get(text).unwrap_or_default());
            if let Some(t) = get(title) {
                b = b.title(t);
            }
            if let Some(l) = get(lang) {
                b = b.lang(l.parse().map_err(|e: event_dedup::Error| e.to_string())?);
            }
            if let Some(p) = get(published) {
                b = b.published(&p).map_err(|e| e.to_string())?;
            }
            if let Some(s) = get(source) {
                b = b.source(s);
            }
            let report = b.build().map_err(|e| e.to_string())?;
            let extra = Extra { url: get(url).or_else(|| url_source(&report)), gold: get(gold) };
            Ok((report, extra))
        });
        c.take(line, item)?;
    }
    Ok(())
}
