//! `explain A B`: the decision on two reports, in the context of their file's clustering.

use std::io::Write;

use serde_json::json;

use crate::output::round;
use crate::{input, open_output, ExplainArgs, Failure};

pub fn run(args: ExplainArgs) -> Result<(), Failure> {
    let matcher = args.matcher.matcher()?;
    let input = input::read_from(&args.input, args.input_format, false)?;
    let find = |id: &str| input.find(id).ok_or_else(|| Failure::input(format!("no report with id {id:?} in {}", input.name)));
    let (ia, ib) = (find(&args.a)?, find(&args.b)?);
    let fingerprints = matcher.fingerprints(&input.reports);
    let (fa, fb) = (&fingerprints[ia], &fingerprints[ib]);
    let m = matcher.compare(fa, fb);
    let clustering = matcher.cluster_fingerprints(fingerprints.clone()).map_err(|e| Failure::input(e.to_string()))?;
    let (ca, cb) = (clustering.cluster_of(&args.a).map(|c| c.id.as_str()), clustering.cluster_of(&args.b).map(|c| c.id.as_str()));
    let apart = matcher.why_apart(&clustering, &fingerprints, &args.a, &args.b);
    let e = &m.explanation;
    let mut out = open_output(None)?;
    if args.json {
        let line = json!({
            "a": args.a,
            "b": args.b,
            "score": round(m.score),
            "same_event": m.same_event,
            "components": {
                "date": round(e.date_score),
                "participants": round(e.participant_score),
                "kind": round(e.kind_score),
                "topics": round(e.topic_score),
            },
            "explanation": e.to_string(),
            "conflict": e.conflict.as_ref().map(|c| c.to_string()),
            "clusters": [ca, cb],
            "same_cluster": ca == cb,
            "kept_apart": apart.as_ref().map(|k| k.to_string()),
        });
        writeln!(out, "{line}")?;
    } else {
        writeln!(out, "{} vs {}: score {:.3} (same event: {})", args.a, args.b, round(m.score), m.same_event)?;
        writeln!(
            out,
            "  date {:.2}, participants {:.2}, kind {:.2}, topics {:.2}",
            e.date_score, e.participant_score, e.kind_score, e.topic_score
        )?;
        writeln!(out, "  {e}")?;
        match (ca, cb) {
            (Some(x), Some(y)) if x == y => writeln!(out, "  both in cluster {x}")?,
            (Some(x), Some(y)) => {
                writeln!(out, "  in two clusters: {x} and {y}")?;
                if let Some(k) = &apart {
                    writeln!(out, "  {k}")?;
                }
            }
            _ => {}
        }
        for id in [&args.a, &args.b] {
            if let Some(u) = clustering.undecided_of(id) {
                writeln!(out, "  {id} is {u}")?;
            }
        }
    }
    out.flush()?;
    Ok(())
}
