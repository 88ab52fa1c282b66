//! `event-dedup`: the command-line tool. Built only with the `cli` feature, so the library never
//! depends on clap, indicatif or csv.

mod explain;
mod html;
mod input;
mod output;
mod stream;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use event_dedup::Matcher;

/// Exit codes, also listed in `--help` and the README.
pub mod exit {
    /// Success.
    pub const OK: u8 = 0;
    /// Reading or writing failed (a file that cannot be opened, a full disk, a snapshot that
    /// cannot be written).
    pub const IO: u8 = 1;
    /// Bad usage: an unknown flag, a missing argument, a value out of range (clap's code).
    pub const USAGE: u8 = 2;
    /// Bad input: a malformed line or record, a duplicate id, a text in none of the supported
    /// languages without a `lang`, an unknown report id, a damaged snapshot.
    pub const INPUT: u8 = 3;
}

const EXIT_CODES: &str = "Exit codes: 0 success; 1 reading or writing failed; 2 bad usage (unknown flag, missing or \
invalid argument); 3 bad input (malformed line or record, duplicate id, text in none of the supported languages, \
unknown report id, damaged snapshot).";

/// Clusters multilingual news reports (Italian, English, Vietnamese, Slovenian) about diplomatic
/// contacts into one cluster per real event, and explains every decision.
#[derive(Debug, Parser)]
#[command(name = "event-dedup", version, after_help = EXIT_CODES, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Clusters reports into events; writes one line per report, one per event, CSV or an HTML timeline.
    #[command(after_help = EXIT_CODES)]
    Cluster(ClusterArgs),
    /// Explains the decision on two reports of a file, and what kept them apart if they match but
    /// ended in two clusters.
    #[command(after_help = EXIT_CODES)]
    Explain(ExplainArgs),
    /// Lists every date expression of each report, its resolution and role, and the event date chosen.
    #[command(after_help = EXIT_CODES)]
    Dates(InspectArgs),
    /// Prints what the analysis found in each report: language, date, participants, kind, topics.
    #[command(after_help = EXIT_CODES)]
    Fingerprint(InspectArgs),
    /// Reads reports line by line from standard input and prints each one's event as it comes;
    /// keeps a window of days and can save and restore its index.
    #[command(after_help = EXIT_CODES)]
    Stream(stream::StreamArgs),
}

/// Where reports come from.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// JSON Lines or CSV file of reports; `-` or nothing reads standard input.
    #[arg(value_name = "INPUT", default_value = "-")]
    pub input: PathBuf,
    /// Input format; `auto` reads CSV for a `.csv` file, JSON Lines for other files, and looks at
    /// the first character of standard input.
    #[arg(long, value_enum, default_value_t = InputFormat::Auto)]
    pub input_format: InputFormat,
    /// Report and skip bad lines (on standard error) instead of stopping at the first one.
    #[arg(long)]
    pub skip_invalid: bool,
}

/// Input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// By file extension or first character.
    Auto,
    /// One JSON object per line: `id`, `text`, optional `title`, `lang`, `published`, `source`, `url`.
    Jsonl,
    /// A header row naming the columns `id`, `text` and any of `title`, `lang`, `published`, `source`, `url`.
    Csv,
}

/// Matcher settings.
#[derive(Debug, Args)]
pub struct MatcherArgs {
    /// The score two reports need to be one event, in (0, 1] (default 0.55).
    #[arg(long, value_name = "T", value_parser = threshold)]
    pub threshold: Option<f32>,
}

fn threshold(s: &str) -> Result<f32, String> {
    let t: f32 = s.parse().map_err(|_| format!("{s:?} is not a number"))?;
    if t > 0.0 && t <= 1.0 {
        Ok(t)
    } else {
        Err(format!("{t} is not in (0, 1]"))
    }
}

impl MatcherArgs {
    pub fn matcher(&self) -> Result<Matcher, Failure> {
        let mut b = Matcher::builder();
        if let Some(t) = self.threshold {
            b = b.threshold(t);
        }
        b.build().map_err(|e| Failure::new(exit::USAGE, e.to_string()))
    }
}

/// What `cluster` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// One JSON line per input report, in input order: its cluster, date, participants, kind.
    Reports,
    /// One JSON line per event: summary, members and the reason for each merge.
    Events,
    /// One CSV row per input report.
    Csv,
    /// One self-contained HTML page: a timeline of events by day, with filters.
    Html,
}

#[derive(Debug, Args)]
struct ClusterArgs {
    #[command(flatten)]
    input: InputArgs,
    /// What to write.
    #[arg(long, short = 'f', value_enum, default_value_t = OutputFormat::Reports)]
    format: OutputFormat,
    /// Write to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// Score the clusters against the gold `event` field of the input (pairwise and B-cubed
    /// precision, recall and F1, on standard error). `event` is read for nothing else.
    #[arg(long)]
    eval: bool,
    /// Never show a progress bar (it is shown on standard error only when that is a terminal).
    #[arg(long)]
    no_progress: bool,
    /// The HTML page's title.
    #[arg(long, default_value = "Events")]
    title: String,
    #[command(flatten)]
    matcher: MatcherArgs,
}

#[derive(Debug, Args)]
struct ExplainArgs {
    /// JSON Lines or CSV file of reports (`-` for standard input).
    #[arg(value_name = "INPUT")]
    input: PathBuf,
    /// The first report's id.
    a: String,
    /// The second report's id.
    b: String,
    /// Input format.
    #[arg(long, value_enum, default_value_t = InputFormat::Auto)]
    input_format: InputFormat,
    /// Write JSON instead of text.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    matcher: MatcherArgs,
}

#[derive(Debug, Args)]
struct InspectArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Only these reports (repeat the flag for several).
    #[arg(long = "id", value_name = "ID")]
    ids: Vec<String>,
    /// Write one JSON line per report instead of text.
    #[arg(long)]
    json: bool,
}

/// A failure with its exit code.
#[derive(Debug)]
pub struct Failure {
    pub code: u8,
    pub message: String,
}

impl Failure {
    pub fn new(code: u8, message: impl Into<String>) -> Failure {
        Failure { code, message: message.into() }
    }
    pub fn io(context: impl std::fmt::Display, e: impl std::fmt::Display) -> Failure {
        Failure::new(exit::IO, format!("{context}: {e}"))
    }
    pub fn input(message: impl Into<String>) -> Failure {
        Failure::new(exit::INPUT, message)
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Failure {
        Failure::new(exit::IO, e.to_string())
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Cluster(args) => cluster(args),
        Command::Explain(args) => explain::run(args),
        Command::Dates(args) => output::dates(&args.input, &args.ids, args.json),
        Command::Fingerprint(args) => output::fingerprints(&args.input, &args.ids, args.json),
        Command::Stream(args) => stream::run(args),
    };
    match result {
        Ok(()) => ExitCode::from(exit::OK),
        // A closed pipe (`| head`) is not an error.
        Err(f) if f.message.contains("Broken pipe") => ExitCode::from(exit::OK),
        Err(f) => {
            eprintln!("event-dedup: {}", f.message);
            ExitCode::from(f.code)
        }
    }
}

/// Opens the output: a file, or standard output.
pub fn open_output(path: Option<&PathBuf>) -> Result<Box<dyn Write>, Failure> {
    Ok(match path {
        Some(p) if p.as_os_str() != "-" => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).map_err(|e| Failure::io(format!("cannot create {}", p.display()), e))?,
        )),
        _ => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    })
}

fn cluster(args: ClusterArgs) -> Result<(), Failure> {
    let matcher = args.matcher.matcher()?;
    let input = input::read(&args.input)?;
    let progress = !args.no_progress;
    let fingerprints = output::analyse(&matcher, &input.reports, progress);
    let bar = output::spinner(progress, "clustering");
    let clustering = matcher.cluster_fingerprints(fingerprints.clone()).map_err(|e| Failure::input(e.to_string()))?;
    bar.finish_and_clear();
    let run = output::Run { matcher: &matcher, input: &input, fingerprints: &fingerprints, clustering: &clustering };
    let mut out = open_output(args.output.as_ref())?;
    let context = || args.output.as_ref().map_or("standard output".to_string(), |p| p.display().to_string());
    match args.format {
        OutputFormat::Reports => output::reports_jsonl(&run, &mut out),
        OutputFormat::Events => output::events_jsonl(&run, &mut out),
        OutputFormat::Csv => output::reports_csv(&run, &mut out),
        OutputFormat::Html => html::write(&run, &args.title, &mut out),
    }
    .and_then(|()| out.flush())
    .map_err(|e| Failure::io(format!("cannot write {}", context()), e))?;
    if args.eval {
        let scores = output::evaluate(&run).ok_or_else(|| Failure::input("--eval: no report has a gold `event` field"))?;
        eprintln!("{scores}");
    }
    Ok(())
}
