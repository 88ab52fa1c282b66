//! Helpers shared by the integration tests: reading corpora and scoring clusterings.

#![allow(dead_code)]

use std::collections::HashMap;
use std::path::PathBuf;

use event_dedup::{read_jsonl, Clustering, Report};

/// `../shared` beside the checkout (CI puts it there).
pub fn shared(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join("shared").join(path)
}

/// Reports and their gold events from a JSON Lines file.
pub fn read_labelled(path: &std::path::Path) -> (Vec<Report>, HashMap<String, String>) {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let reports: Vec<Report> = read_jsonl(text.as_bytes()).collect::<Result<_, _>>().unwrap();
    let gold = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (v["id"].as_str().unwrap().to_string(), v["event"].as_str().unwrap().to_string())
        })
        .collect();
    (reports, gold)
}

/// Pairwise and B-cubed scores of a clustering against gold labels.
#[derive(Debug, Clone, Copy)]
pub struct Scores {
    pub pairwise_precision: f64,
    pub pairwise_recall: f64,
    pub bcubed_precision: f64,
    pub bcubed_recall: f64,
}

impl Scores {
    pub fn bcubed_f1(&self) -> f64 {
        2.0 * self.bcubed_precision * self.bcubed_recall / (self.bcubed_precision + self.bcubed_recall)
    }
}

pub fn score(clustering: &Clustering, gold: &HashMap<String, String>) -> Scores {
    let ids: Vec<&String> = gold.keys().collect();
    let pred = |id: &str| clustering.cluster_of(id).expect("every report is clustered").id.clone();
    let pred: HashMap<&String, String> = ids.iter().map(|id| (*id, pred(id))).collect();
    let (mut both, mut in_pred, mut in_gold) = (0.0, 0.0, 0.0);
    let (mut bp, mut br) = (0.0, 0.0);
    for a in &ids {
        let (mut same_pred, mut same_gold, mut same_both) = (0.0, 0.0, 0.0);
        for b in &ids {
            let p = pred[a] == pred[b];
            let g = gold[*a] == gold[*b];
            same_pred += f64::from(u8::from(p));
            same_gold += f64::from(u8::from(g));
            same_both += f64::from(u8::from(p && g));
            if a < b {
                both += f64::from(u8::from(p && g));
                in_pred += f64::from(u8::from(p));
                in_gold += f64::from(u8::from(g));
            }
        }
        bp += same_both / same_pred;
        br += same_both / same_gold;
    }
    let n = ids.len() as f64;
    Scores {
        pairwise_precision: if in_pred == 0.0 { 1.0 } else { both / in_pred },
        pairwise_recall: if in_gold == 0.0 { 1.0 } else { both / in_gold },
        bcubed_precision: bp / n,
        bcubed_recall: br / n,
    }
}
