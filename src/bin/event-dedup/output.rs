//! Per-report and per-event outputs, the inspection subcommands, progress and evaluation.

use std::collections::HashMap;
use std::io::{self, IsTerminal, Write};

use event_dedup::{Cluster, Clustering, DateValue, EventDate, Fingerprint, Matcher, Undecided};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde_json::{json, Value};

use crate::input::Input;
use crate::{input, Failure, InputArgs};

/// One clustering run: what every output is made from.
pub struct Run<'a> {
    pub matcher: &'a Matcher,
    pub input: &'a Input,
    /// In input order.
    pub fingerprints: &'a [Fingerprint],
    pub clustering: &'a Clustering,
}

/// A score or confidence rounded to three decimals, as outputs print it.
pub fn round(x: f32) -> f64 {
    (f64::from(x) * 1000.0).round() / 1000.0
}

fn bar(progress: bool, len: Option<u64>) -> ProgressBar {
    if !progress || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    match len {
        Some(n) => ProgressBar::with_draw_target(Some(n), ProgressDrawTarget::stderr()),
        None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()),
    }
}

/// A spinner on standard error while a step without a count runs (only on a terminal).
pub fn spinner(progress: bool, message: &'static str) -> ProgressBar {
    let b = bar(progress, None);
    if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} ({elapsed})") {
        b.set_style(style);
    }
    b.set_message(message);
    b.enable_steady_tick(std::time::Duration::from_millis(120));
    b
}

/// Analyses every report on all cores, with a progress bar on standard error when it is a terminal.
pub fn analyse(matcher: &Matcher, reports: &[event_dedup::Report], progress: bool) -> Vec<Fingerprint> {
    use rayon::prelude::*;
    let b = bar(progress, Some(reports.len() as u64));
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {human_pos}/{human_len} reports analysed ({eta} left)") {
        b.set_style(style);
    }
    let fps = reports
        .par_iter()
        .map(|r| {
            let f = matcher.fingerprint(r);
            b.inc(1);
            f
        })
        .collect();
    b.finish_and_clear();
    fps
}

/// `YYYY-MM-DD` of an exact day, else null.
fn day(d: Option<DateValue>) -> Value {
    match d {
        Some(DateValue::Day { date }) => json!(date.to_string()),
        _ => Value::Null,
    }
}

/// `[from, to]` of a window, else null.
fn window(d: Option<DateValue>) -> Value {
    match d {
        Some(DateValue::Window { from, to }) => json!([from.to_string(), to.to_string()]),
        _ => Value::Null,
    }
}

/// The first line of a report: its title, else its text's first line, at most 160 characters.
pub fn first_line(r: &event_dedup::Report) -> String {
    let line = r.title().filter(|t| !t.trim().is_empty()).unwrap_or_else(|| r.text().lines().find(|l| !l.trim().is_empty()).unwrap_or(""));
    let line = line.trim();
    if line.chars().count() > 160 {
        format!("{}…", line.chars().take(159).collect::<String>().trim_end())
    } else {
        line.to_string()
    }
}

fn undecided_json(u: &Undecided) -> Value {
    json!({
        "reason": u.to_string(),
        "candidates": u.candidates.iter().map(|c| json!({
            "date": c.date.map(|d| d.to_string()),
            "member": c.member,
            "score": round(c.score),
        })).collect::<Vec<_>>(),
    })
}

fn names(matcher: &Matcher, ids: &[String]) -> Vec<String> {
    ids.iter().map(|p| matcher.person_name(p).unwrap_or(p).to_string()).collect()
}

/// `--format reports`: one JSON line per input report, in input order.
pub fn reports_jsonl(run: &Run<'_>, out: &mut dyn Write) -> io::Result<()> {
    for f in run.fingerprints {
        let c = run.clustering.cluster_of(f.id()).expect("every report is in a cluster");
        let d = f.event_date().map(|d| d.value);
        let mut line = json!({
            "id": f.id(),
            "cluster": c.id,
            "event_date": day(d),
            "event_window": window(d),
            "participants": f.participants(),
            "kind": f.kind().map(|k| k.name()),
            "lang": f.lang().code(),
            "confidence": round(c.confidence),
        });
        if let Some(part) = f.day_part() {
            line["day_part"] = json!(part.to_string());
        }
        if let Some(order) = f.day_order() {
            line["day_order"] = json!(order.to_string());
        }
        if let Some(u) = run.clustering.undecided_of(f.id()) {
            line["undecided"] = undecided_json(u);
        }
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// The languages of a cluster's reports, sorted.
pub fn languages(run: &Run<'_>, c: &Cluster, positions: &HashMap<&str, usize>) -> Vec<&'static str> {
    let mut langs: Vec<&'static str> = c.members.iter().map(|m| run.fingerprints[positions[m.as_str()]].lang().code()).collect();
    langs.sort_unstable();
    langs.dedup();
    langs
}

impl Run<'_> {
    /// Input position of each id.
    pub fn positions(&self) -> HashMap<&str, usize> {
        self.input.reports.iter().enumerate().map(|(i, r)| (r.id(), i)).collect()
    }
}

/// One event as JSON: summary, members and the reason for each merge.
pub fn event_json(run: &Run<'_>, c: &Cluster, positions: &HashMap<&str, usize>) -> Value {
    let s = &c.summary;
    let members: Vec<Value> = c
        .members
        .iter()
        .map(|m| {
            let i = positions[m.as_str()];
            let (r, f, x) = (&run.input.reports[i], &run.fingerprints[i], &run.input.extras[i]);
            json!({
                "id": m,
                "lang": f.lang().code(),
                "first_line": first_line(r),
                "published": r.published().map(|d| d.to_string()),
                "source": r.source(),
                "url": x.url,
                "event_date": f.event_date().map(|d: &EventDate| d.value.to_string()),
            })
        })
        .collect();
    let merges: Vec<Value> =
        c.merges.iter().map(|m| json!({"a": m.a, "b": m.b, "score": round(m.score), "reason": m.explanation.to_string()})).collect();
    let mut e = json!({
        "cluster": c.id,
        "date": day(s.date),
        "window": window(s.date),
        "date_text": s.date.map(|d| d.to_string()),
        "participants": s.participants,
        "participant_names": names(run.matcher, &s.participants),
        "kind": s.kind.map(|k| k.name()),
        "topics": s.topics,
        "languages": languages(run, c, positions),
        "confidence": round(c.confidence),
        "members": members,
        "merges": merges,
    });
    let undecided: Vec<Value> = c.members.iter().filter_map(|m| run.clustering.undecided_of(m)).map(undecided_json).collect();
    if !undecided.is_empty() {
        e["undecided"] = Value::Array(undecided);
    }
    e
}

/// `--format events`: one JSON line per event, ordered as the clustering orders them.
pub fn events_jsonl(run: &Run<'_>, out: &mut dyn Write) -> io::Result<()> {
    let positions = run.positions();
    for c in run.clustering.clusters() {
        writeln!(out, "{}", event_json(run, c, &positions))?;
    }
    Ok(())
}

/// `--format csv`: one row per input report, in input order.
pub fn reports_csv(run: &Run<'_>, out: &mut dyn Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let header = [
        "id",
        "cluster",
        "event_date",
        "event_window",
        "participants",
        "kind",
        "lang",
        "confidence",
        "cluster_size",
        "first_line",
        "source",
        "url",
        "note",
    ];
    w.write_record(header)?;
    for (i, f) in run.fingerprints.iter().enumerate() {
        let (r, x) = (&run.input.reports[i], &run.input.extras[i]);
        let c = run.clustering.cluster_of(f.id()).expect("every report is in a cluster");
        let d = f.event_date().map(|d| d.value);
        let window = match d {
            Some(DateValue::Window { from, to }) => format!("{from}..{to}"),
            _ => String::new(),
        };
        let note = run.clustering.undecided_of(f.id()).map(|u| u.to_string()).unwrap_or_default();
        w.write_record([
            f.id().to_string(),
            c.id.clone(),
            day(d).as_str().unwrap_or("").to_string(),
            window,
            f.participants().join("+"),
            f.kind().map_or("", |k| k.name()).to_string(),
            f.lang().code().to_string(),
            format!("{:.3}", round(c.confidence)),
            c.members.len().to_string(),
            first_line(r),
            r.source().unwrap_or("").to_string(),
            x.url.clone().unwrap_or_default(),
            note,
        ])?;
    }
    w.flush()
}

/// Pairwise and B-cubed scores against the gold `event` fields, or `None` without any.
pub fn evaluate(run: &Run<'_>) -> Option<String> {
    let labelled: Vec<(&str, &str)> = run
        .input
        .reports
        .iter()
        .zip(&run.input.extras)
        .filter_map(|(r, x)| Some((run.clustering.cluster_of(r.id())?.id.as_str(), x.gold.as_deref()?)))
        .collect();
    if labelled.is_empty() {
        return None;
    }
    let mut pred: HashMap<&str, f64> = HashMap::new();
    let mut gold: HashMap<&str, f64> = HashMap::new();
    let mut both: HashMap<(&str, &str), f64> = HashMap::new();
    for &(p, g) in &labelled {
        *pred.entry(p).or_default() += 1.0;
        *gold.entry(g).or_default() += 1.0;
        *both.entry((p, g)).or_default() += 1.0;
    }
    let pairs = |m: &mut dyn Iterator<Item = f64>| m.map(|n| n * (n - 1.0) / 2.0).sum::<f64>();
    let (same_both, same_pred, same_gold) =
        (pairs(&mut both.values().copied()), pairs(&mut pred.values().copied()), pairs(&mut gold.values().copied()));
    let ratio = |a: f64, b: f64| if b == 0.0 { 1.0 } else { a / b };
    let (pp, pr) = (ratio(same_both, same_pred), ratio(same_both, same_gold));
    let n = labelled.len() as f64;
    let bp = both.iter().map(|(&(p, _), &k)| k * k / pred[p]).sum::<f64>() / n;
    let br = both.iter().map(|(&(_, g), &k)| k * k / gold[g]).sum::<f64>() / n;
    let f1 = |p: f64, r: f64| if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
    Some(format!(
        "reports {} gold events {} predicted clusters {}\npairwise  P {pp:.4} R {pr:.4} F1 {:.4}\nb-cubed   P {bp:.4} R {br:.4} F1 {:.4}",
        labelled.len(),
        gold.len(),
        run.clustering.clusters().len(),
        f1(pp, pr),
        f1(bp, br)
    ))
}

fn selected<'a>(input: &'a Input, ids: &[String]) -> Result<Vec<&'a event_dedup::Report>, Failure> {
    if let Some(missing) = ids.iter().find(|id| input.find(id).is_none()) {
        return Err(Failure::input(format!("no report with id {missing:?} in {}", input.name)));
    }
    Ok(input.reports.iter().filter(|r| ids.is_empty() || ids.iter().any(|id| id == r.id())).collect())
}

fn describe(d: Option<&EventDate>) -> String {
    d.map_or("unknown".to_string(), |d| format!("{} ({}, confidence {:.2})", d.value, d.source, d.confidence))
}

/// `dates`: every date expression of each report, with its role, and the event date.
pub fn dates(args: &InputArgs, ids: &[String], json: bool) -> Result<(), Failure> {
    let input = input::read(args)?;
    let matcher = Matcher::new().map_err(|e| Failure::input(e.to_string()))?;
    let mut out = crate::open_output(None)?;
    for r in selected(&input, ids)? {
        let lang = matcher.fingerprint(r).lang();
        let (mentions, event) = matcher.find_dates(r.text(), r.title(), lang, r.published());
        if json {
            let line = json!({
                "id": r.id(),
                "lang": lang.code(),
                "published": r.published().map(|d| d.to_string()),
                "event_date": event.map(|d| json!({"value": d.value.to_string(), "source": d.source.to_string(), "confidence": round(d.confidence)})),
                "mentions": mentions.iter().map(|m| json!({
                    "text": m.text,
                    "value": m.value.map(|v| v.to_string()),
                    "role": format!("{:?}", m.role).to_lowercase(),
                    "in_title": m.in_title,
                })).collect::<Vec<_>>(),
            });
            writeln!(out, "{line}")?;
        } else {
            let published = r.published().map_or("none".to_string(), |d| d.to_string());
            writeln!(out, "{} [{lang}] published {published}", r.id())?;
            writeln!(out, "  event date: {}", describe(event.as_ref()))?;
            for m in &mentions {
                let value = m.value.map_or("unresolved".to_string(), |v| v.to_string());
                let place = if m.in_title { ", in the title" } else { "" };
                writeln!(out, "  {:<28} {value:<24} {:?}{place}", format!("{:?}", m.text), m.role)?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

/// `fingerprint`: what the analysis found in each report.
pub fn fingerprints(args: &InputArgs, ids: &[String], json: bool) -> Result<(), Failure> {
    let input = input::read(args)?;
    let matcher = Matcher::new().map_err(|e| Failure::input(e.to_string()))?;
    let mut out = crate::open_output(None)?;
    for r in selected(&input, ids)? {
        let f = matcher.fingerprint(r);
        if json {
            let line = json!({
                "id": f.id(),
                "lang": f.lang().code(),
                "event_date": f.event_date().map(|d| json!({"value": d.value.to_string(), "source": d.source.to_string(), "confidence": round(d.confidence)})),
                "participants": f.participants(),
                "kind": f.kind().map(|k| k.name()),
                "concepts": f.concepts().collect::<Vec<_>>(),
                "names": f.cognates().collect::<Vec<_>>(),
            });
            writeln!(out, "{line}")?;
        } else {
            writeln!(out, "{} [{}]", f.id(), f.lang())?;
            writeln!(out, "  date:         {}", describe(f.event_date()))?;
            writeln!(out, "  participants: {}", names(&matcher, f.participants()).join(", "))?;
            writeln!(out, "  kind:         {}", f.kind().map_or("unknown", |k| k.name()))?;
            writeln!(out, "  concepts:     {}", f.concepts().collect::<Vec<_>>().join(", "))?;
            writeln!(out, "  names:        {}", f.cognates().collect::<Vec<_>>().join(", "))?;
        }
    }
    out.flush()?;
    Ok(())
}
