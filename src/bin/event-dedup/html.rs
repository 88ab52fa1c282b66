//! `--format html`: one self-contained page (inline style and script, no network, no external
//! asset) with a timeline of events by day, a card per event, and filters by leader and language.
//!
//! The filters read and write the URL's fragment (`report.html#leader=putin&lang=vi`), so a
//! filtered view can be linked to, and a headless browser can open one.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use event_dedup::{Cluster, DateValue};

use crate::output::{first_line, languages, round, Run};

/// Escapes text for HTML content and attribute values.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// An id usable in a fragment: letters, digits, `-` and `_`; anything else becomes `_`.
fn anchor(prefix: &str, id: &str) -> String {
    let safe: String = id.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect();
    format!("{prefix}-{safe}")
}

const MONTHS: [&str; 12] =
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const WEEKDAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

fn long_date(d: event_dedup::Date) -> String {
    format!("{} {} {} {}", WEEKDAYS[d.weekday() as usize - 1], d.day(), MONTHS[d.month() as usize - 1], d.year())
}

/// Where a cluster sits on the timeline: a sort key, the day's heading, and the card's date line.
fn place(date: Option<DateValue>) -> ((u8, String), String, String) {
    match date {
        Some(DateValue::Day { date }) => ((0, date.to_string()), long_date(date), date.to_string()),
        Some(DateValue::Window { from, to }) => {
            ((0, to.to_string()), long_date(to), format!("between {from} and {to} (dated only by publication)"))
        }
        Some(DateValue::DayMonth { month, day }) => {
            let name = format!("{day} {}", MONTHS[month as usize - 1]);
            ((1, format!("{month:02}-{day:02}")), format!("{name}, year unknown"), format!("{name}, year unknown"))
        }
        _ => ((2, String::new()), "Date unknown".to_string(), "date unknown".to_string()),
    }
}

const STYLE: &str = r#"
:root { --ink: #1d2430; --muted: #5b6575; --line: #d6dbe3; --accent: #2f5d9e; --bg: #f5f6f8; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--ink); background: var(--bg); }
header { position: sticky; top: 0; z-index: 1; background: #fff; border-bottom: 1px solid var(--line); padding: 12px 24px; }
header h1 { margin: 0 0 4px; font-size: 20px; }
.stats { margin: 0 0 8px; color: var(--muted); }
form { display: flex; gap: 16px; flex-wrap: wrap; align-items: center; }
label { font-weight: 600; }
select { margin-left: 6px; font: inherit; padding: 2px 4px; }
main { padding: 8px 24px 48px; max-width: 1100px; }
section.day { position: relative; border-left: 3px solid var(--line); margin-left: 8px; padding: 4px 0 8px 20px; }
section.day > h2 { font-size: 16px; margin: 14px 0 8px; }
section.day > h2::before { content: ""; position: absolute; left: -9px; margin-top: 4px; width: 15px; height: 15px; border-radius: 50%; background: var(--accent); }
article.event { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; margin: 0 0 12px; }
article.event h3 { margin: 0 0 4px; font-size: 16px; }
.kind { display: inline-block; font-size: 12px; font-weight: 600; color: #fff; background: var(--accent); border-radius: 10px; padding: 1px 8px; margin-left: 6px; vertical-align: 2px; }
.meta { margin: 0 0 6px; color: var(--muted); font-size: 13px; }
.lang { display: inline-block; min-width: 24px; text-align: center; font-size: 12px; font-weight: 700; text-transform: uppercase; border: 1px solid var(--line); border-radius: 4px; padding: 0 4px; margin-right: 6px; background: #eef2f8; }
.topics { margin: 0 0 8px; }
.topic { display: inline-block; font-size: 12px; background: #eef1f4; border-radius: 10px; padding: 1px 8px; margin: 0 4px 4px 0; }
ol.reports { margin: 0; padding-left: 0; list-style: none; }
ol.reports li { padding: 4px 0; border-top: 1px dashed var(--line); }
ol.reports li.dim { opacity: .35; }
.source { color: var(--muted); font-size: 13px; margin-left: 6px; }
details { margin-top: 6px; }
details summary { cursor: pointer; color: var(--accent); font-size: 13px; }
.text { white-space: pre-wrap; font-size: 13px; color: #333; margin: 4px 0 0; }
ul.merges { margin: 4px 0 0; padding-left: 18px; font-size: 13px; }
.note { font-size: 13px; background: #fff6e0; border-left: 3px solid #d9a400; padding: 4px 8px; margin: 6px 0 0; }
.empty { color: var(--muted); }
"#;

const SCRIPT: &str = r#"
(function () {
  var leader = document.getElementById('leader'), lang = document.getElementById('lang'), shown = document.getElementById('shown');
  function has(list, x) { return (' ' + list + ' ').indexOf(' ' + x + ' ') >= 0; }
  function apply() {
    var l = leader.value, g = lang.value, n = 0;
    document.querySelectorAll('article.event').forEach(function (card) {
      var ok = (!l || has(card.dataset.leaders, l)) && (!g || has(card.dataset.langs, g));
      card.hidden = !ok;
      if (ok) n++;
      card.querySelectorAll('li.report').forEach(function (li) { li.classList.toggle('dim', !!g && li.dataset.lang !== g); });
    });
    document.querySelectorAll('section.day').forEach(function (day) { day.hidden = !day.querySelector('article.event:not([hidden])'); });
    shown.textContent = n;
    document.body.dataset.shown = n;
    document.body.dataset.filter = (l ? 'leader=' + l : '') + (l && g ? '&' : '') + (g ? 'lang=' + g : '');
  }
  function fromHash() {
    var p = new URLSearchParams(location.hash.slice(1));
    leader.value = p.get('leader') || '';
    lang.value = p.get('lang') || '';
    if (leader.selectedIndex < 0) leader.value = '';
    if (lang.selectedIndex < 0) lang.value = '';
    apply();
  }
  function toHash() {
    var p = new URLSearchParams();
    if (leader.value) p.set('leader', leader.value);
    if (lang.value) p.set('lang', lang.value);
    history.replaceState(null, '', '#' + p.toString());
    apply();
  }
  leader.addEventListener('change', toHash);
  lang.addEventListener('change', toHash);
  window.addEventListener('hashchange', fromHash);
  fromHash();
})();
"#;

fn card(run: &Run<'_>, c: &Cluster, date_line: &str, positions: &std::collections::HashMap<&str, usize>) -> String {
    let s = &c.summary;
    let name = |p: &String| run.matcher.person_name(p).unwrap_or(p).to_string();
    let who = if s.participants.is_empty() {
        "Participants unknown".to_string()
    } else {
        let names: Vec<String> = s.participants.iter().map(name).collect();
        match names.as_slice() {
            [one] => one.clone(),
            [init @ .., last] => format!("{} and {last}", init.join(", ")),
            [] => unreachable!(),
        }
    };
    let langs = languages(run, c, positions);
    let mut h = String::new();
    let _ = write!(
        h,
        r#"<article class="event" id="{}" data-cluster="{}" data-leaders="{}" data-langs="{}">"#,
        anchor("event", &c.id),
        esc(&c.id),
        esc(&s.participants.join(" ")),
        langs.join(" ")
    );
    let kind = s.kind.map_or(String::new(), |k| format!(r#"<span class="kind">{}</span>"#, k.name()));
    let _ = write!(h, "<h3>{}{kind}</h3>", esc(&who));
    let reports = if c.members.len() == 1 { "1 report".to_string() } else { format!("{} reports", c.members.len()) };
    let lang_badges: String = langs.iter().map(|l| format!(r#"<span class="lang">{l}</span>"#)).collect();
    let _ = write!(
        h,
        r#"<p class="meta"><span class="date">{}</span> · {reports} · {lang_badges} · confidence {:.2} · <code>{}</code></p>"#,
        esc(date_line),
        round(c.confidence),
        esc(&c.id)
    );
    if !s.topics.is_empty() {
        let topics: String = s.topics.iter().map(|t| format!(r#"<span class="topic">{}</span>"#, esc(&t.replace('_', " ")))).collect();
        let _ = write!(h, r#"<p class="topics">{topics}</p>"#);
    }
    h.push_str(r#"<ol class="reports">"#);
    for m in &c.members {
        let i = positions[m.as_str()];
        let (r, f, x) = (&run.input.reports[i], &run.fingerprints[i], &run.input.extras[i]);
        let line = esc(&first_line(r));
        let head = match &x.url {
            Some(url) => format!(r#"<a class="first-line" href="{}" rel="noreferrer">{line}</a>"#, esc(url)),
            None => format!(r##"<a class="first-line" href="#{}">{line}</a>"##, anchor("report", m)),
        };
        let mut about = vec![esc(m)];
        if let Some(src) = r.source() {
            about.push(esc(src));
        }
        if let Some(p) = r.published() {
            about.push(format!("published {p}"));
        }
        let text: String = r.text().chars().take(1200).collect();
        let more = if r.text().chars().count() > 1200 { "…" } else { "" };
        let _ = write!(
            h,
            r#"<li class="report" id="{}" data-lang="{}"><span class="lang">{}</span>{head}<span class="source">{}</span><details><summary>text</summary><p class="text">{}{more}</p></details></li>"#,
            anchor("report", m),
            f.lang().code(),
            f.lang().code(),
            about.join(" · "),
            esc(&text)
        );
    }
    h.push_str("</ol>");
    if !c.merges.is_empty() {
        let _ = write!(
            h,
            r#"<details class="why" open><summary>Why these reports are one event ({} merges)</summary><ul class="merges">"#,
            c.merges.len()
        );
        for m in &c.merges {
            let _ = write!(h, "<li><b>{} + {}</b> ({:.2}): {}</li>", esc(&m.a), esc(&m.b), round(m.score), esc(&m.explanation.to_string()));
        }
        h.push_str("</ul></details>");
    }
    for m in &c.members {
        if let Some(u) = run.clustering.undecided_of(m) {
            let _ = write!(h, r#"<p class="note">{} is {}</p>"#, esc(m), esc(&u.to_string()));
        }
    }
    h.push_str("</article>");
    h
}

/// A day of the timeline: its heading, and its events with their date lines.
type Day<'a> = (String, Vec<(&'a Cluster, String)>);

/// Writes the page.
pub fn write(run: &Run<'_>, title: &str, out: &mut dyn Write) -> io::Result<()> {
    let positions = run.positions();
    // Days in order; in a day, events by their id.
    let mut days: BTreeMap<(u8, String), Day<'_>> = BTreeMap::new();
    for c in run.clustering.clusters() {
        let (key, heading, line) = place(c.summary.date);
        days.entry(key).or_insert_with(|| (heading, Vec::new())).1.push((c, line));
    }
    let mut leaders: BTreeMap<String, (String, usize)> = BTreeMap::new();
    let mut langs: BTreeMap<&'static str, usize> = BTreeMap::new();
    for c in run.clustering.clusters() {
        for p in &c.summary.participants {
            let name = run.matcher.person_name(p).unwrap_or(p).to_string();
            leaders.entry(p.clone()).or_insert((name, 0)).1 += 1;
        }
        for l in languages(run, c, &positions) {
            *langs.entry(l).or_default() += 1;
        }
    }
    let mut leader_options: Vec<(&String, &(String, usize))> = leaders.iter().collect();
    leader_options.sort_by(|a, b| a.1 .0.cmp(&b.1 .0));
    let events = run.clustering.clusters().len();
    writeln!(out, "<!DOCTYPE html>")?;
    writeln!(out, r#"<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">"#)?;
    writeln!(out, "<title>{}</title><style>{STYLE}</style></head>", esc(title))?;
    writeln!(out, r#"<body data-events="{events}" data-shown="{events}" data-filter="">"#)?;
    writeln!(out, "<header><h1>{}</h1>", esc(title))?;
    writeln!(
        out,
        r#"<p class="stats">{} reports · {events} events · {} languages · showing <output id="shown">{events}</output></p>"#,
        run.input.reports.len(),
        langs.len()
    )?;
    writeln!(out, r#"<form id="filters" onsubmit="return false"><label>Leader<select id="leader"><option value="">all leaders</option>"#)?;
    for (id, (name, n)) in leader_options {
        writeln!(out, r#"<option value="{}">{} ({n})</option>"#, esc(id), esc(name))?;
    }
    writeln!(out, r#"</select></label><label>Language<select id="lang"><option value="">all languages</option>"#)?;
    for (code, n) in &langs {
        writeln!(out, r#"<option value="{code}">{code} ({n})</option>"#)?;
    }
    writeln!(out, "</select></label></form></header>")?;
    writeln!(out, r#"<main id="timeline">"#)?;
    if events == 0 {
        writeln!(out, r#"<p class="empty">No reports.</p>"#)?;
    }
    for ((_, key), (heading, clusters)) in &days {
        writeln!(out, r#"<section class="day" data-day="{}"><h2>{}</h2>"#, esc(key), esc(heading))?;
        for (c, line) in clusters {
            writeln!(out, "{}", card(run, c, line, &positions))?;
        }
        writeln!(out, "</section>")?;
    }
    writeln!(out, "</main><script>{SCRIPT}</script></body></html>")?;
    Ok(())
}
