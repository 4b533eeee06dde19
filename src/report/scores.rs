//! Rendering evaluation scores: a text summary for people, JSON for tools.

use super::OutputFormat;
use crate::eval::{Prediction, Scores};
use crate::model::Verdict;
use std::fmt::Write;

/// Renders scores (and, in text, the worst misses): JSON for `json` and
/// `jsonl`, text for any other format.
pub fn render_scores(name: &str, scores: &Scores, misses: &[&Prediction], format: OutputFormat) -> String {
    match format {
        OutputFormat::Json | OutputFormat::Jsonl => serde_json::to_string_pretty(scores).unwrap_or_default() + "\n",
        _ => text(name, scores, misses),
    }
}

fn text(name: &str, s: &Scores, misses: &[&Prediction]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{name}: {} records", s.total);
    table(&mut out, s, "");
    for (kind, ks) in &s.by_kind {
        let _ = writeln!(out, "\nkind {kind}: {} records", ks.total);
        table(&mut out, ks, "  ");
    }
    if !misses.is_empty() {
        let _ = writeln!(out, "\nworst misses (most confident first):");
        for p in misses {
            let _ = writeln!(
                out,
                "  {} gold {} predicted {} ({:.2}): {}",
                p.id, p.label, p.predicted, p.confidence, p.claim
            );
            for r in &p.reasons {
                let _ = writeln!(out, "      - {r}");
            }
        }
    }
    out
}

fn table(out: &mut String, s: &Scores, indent: &str) {
    let _ = writeln!(out, "{indent}accuracy {:.3}  macro-F1 {:.3}  ECE {:.3}", s.accuracy, s.macro_f1, s.ece);
    let _ = writeln!(out, "{indent}{:<13} {:>9} {:>7} {:>6} {:>8}", "label", "precision", "recall", "F1", "support");
    for (label, l) in &s.per_label {
        let _ = writeln!(
            out,
            "{indent}{:<13} {:>9.3} {:>7.3} {:>6.3} {:>8}",
            label.as_str(),
            l.precision,
            l.recall,
            l.f1,
            l.support
        );
    }
    let labels: Vec<Verdict> = s.per_label.keys().copied().collect();
    let _ = write!(out, "{indent}confusion (rows gold, columns predicted)\n{indent}{:<13}", "");
    for l in &labels {
        let _ = write!(out, " {:>12}", l.as_str());
    }
    out.push('\n');
    for g in &labels {
        let _ = write!(out, "{indent}{:<13}", g.as_str());
        for p in &labels {
            let n = s.confusion.get(g).and_then(|row| row.get(p)).copied().unwrap_or(0);
            let _ = write!(out, " {n:>12}");
        }
        out.push('\n');
    }
}
