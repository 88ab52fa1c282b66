//! `stream`: reports line by line from standard input, each one's event printed as it comes.

use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use clap::Args;
use event_dedup::{Assignment, Error, EventIndex, Matcher};
use serde_json::{json, Value};

use crate::input::{check_language, parse_json_line};
use crate::output::round;
use crate::{exit, Failure, MatcherArgs};

#[derive(Debug, Args)]
pub struct StreamArgs {
    /// Keep DAYS days: reports more than DAYS days older than the newest day seen are evicted, and
    /// a report older than that is refused (printed with `"status": "outside_window"`).
    #[arg(long, value_name = "DAYS", value_parser = clap::value_parser!(u32).range(1..))]
    window: Option<u32>,
    /// Restore the index from FILE if it exists, and save it there: after a second without input,
    /// every 1,000 reports, and at the end of the input. The snapshot keeps its window and threshold.
    #[arg(long, value_name = "FILE")]
    snapshot: Option<PathBuf>,
    #[command(flatten)]
    matcher: MatcherArgs,
}

/// Saves at least this often, in reports, while input keeps coming.
const SAVE_EVERY: usize = 1000;
/// Saves when no line came for this long.
const IDLE: Duration = Duration::from_secs(1);

fn save(index: &EventIndex, path: &Path) -> Result<(), Failure> {
    let tmp = path.with_extension("tmp");
    let context = || format!("cannot write the snapshot {}", path.display());
    let file = std::fs::File::create(&tmp).map_err(|e| Failure::io(context(), e))?;
    index.save(io::BufWriter::new(file)).map_err(|e| Failure::io(context(), e))?;
    std::fs::rename(&tmp, path).map_err(|e| Failure::io(context(), e))
}

fn open(args: &StreamArgs, matcher: &Matcher) -> Result<EventIndex, Failure> {
    if let Some(path) = args.snapshot.as_ref().filter(|p| p.exists()) {
        let file = std::fs::File::open(path).map_err(|e| Failure::io(format!("cannot open {}", path.display()), e))?;
        let index = EventIndex::load(io::BufReader::new(file)).map_err(|e| match e {
            Error::Io(e) => Failure::io(format!("cannot read {}", path.display()), e),
            e => Failure::input(format!("{}: {e}", path.display())),
        })?;
        if args.window.is_some() && args.window != index.window_days() {
            let had = index.window_days().map_or("no window".to_string(), |d| format!("--window {d}"));
            return Err(Failure::new(exit::USAGE, format!("{} was saved with {had}; give the same or none", path.display())));
        }
        return Ok(index);
    }
    match args.window {
        Some(days) => EventIndex::with_window(matcher, days).map_err(|e| Failure::new(exit::USAGE, e.to_string())),
        None => Ok(EventIndex::new(matcher)),
    }
}

fn assignment_json(id: &str, a: &Assignment, index: &EventIndex, matcher: &Matcher) -> Value {
    let s = &a.summary;
    json!({
        "id": id,
        "event": a.event,
        "new_event": a.new_event,
        "members": index.members(a.event).unwrap_or_default(),
        "confidence": round(a.confidence),
        "date": s.date.map(|d| d.to_string()),
        "participants": s.participants,
        "participant_names": s.participants.iter().map(|p| matcher.person_name(p).unwrap_or(p)).collect::<Vec<_>>(),
        "kind": s.kind.map(|k| k.name()),
        "topics": s.topics,
    })
}

pub fn run(args: StreamArgs) -> Result<(), Failure> {
    let matcher = args.matcher.matcher()?;
    let mut index = open(&args, &matcher)?;
    // Lines are read on their own thread, so the index can be saved while input is idle.
    let (tx, rx) = mpsc::sync_channel::<io::Result<Vec<u8>>>(1024);
    std::thread::spawn(move || {
        let stdin = io::stdin();
        for line in stdin.lock().split(b'\n') {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut out = io::stdout().lock();
    let (mut unsaved, mut bad, mut number) = (0usize, 0usize, 0usize);
    loop {
        let next = if unsaved > 0 && args.snapshot.is_some() {
            match rx.recv_timeout(IDLE) {
                Ok(line) => Some(line),
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    save(&index, args.snapshot.as_deref().expect("checked"))?;
                    unsaved = 0;
                    continue;
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => None,
            }
        } else {
            rx.recv().ok()
        };
        let Some(line) = next else { break };
        let line = line.map_err(|e| Failure::io("cannot read standard input", e))?;
        number += 1;
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let parsed = std::str::from_utf8(&line)
            .map_err(|_| "the line is not valid UTF-8".to_string())
            .and_then(parse_json_line)
            .and_then(|(report, _)| check_language(&report).map(|()| report));
        let record = match parsed {
            Err(reason) => {
                eprintln!("event-dedup: line {number}: {reason}");
                bad += 1;
                continue;
            }
            Ok(report) => {
                match index.insert(&matcher, &report) {
                    Ok(a) => {
                        unsaved += 1;
                        assignment_json(report.id(), &a, &index, &matcher)
                    }
                    Err(Error::OutsideWindow { id, day, window_start }) => {
                        eprintln!("event-dedup: line {number}: report {id:?} of {day} is older than the window (from {window_start}): not inserted");
                        json!({"id": id, "status": "outside_window", "day": day.to_string(), "window_start": window_start.to_string()})
                    }
                    Err(e) => {
                        eprintln!("event-dedup: line {number}: {e}");
                        bad += 1;
                        continue;
                    }
                }
            }
        };
        writeln!(out, "{record}").and_then(|()| out.flush()).map_err(|e| Failure::io("cannot write standard output", e))?;
        if unsaved >= SAVE_EVERY {
            if let Some(path) = &args.snapshot {
                save(&index, path)?;
                unsaved = 0;
            }
        }
    }
    if let Some(path) = &args.snapshot {
        if unsaved > 0 || !path.exists() {
            save(&index, path)?;
        }
    }
    if bad > 0 {
        return Err(Failure::input(format!("{bad} bad line(s) were skipped (listed above)")));
    }
    Ok(())
}
