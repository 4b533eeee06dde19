//! Markdown for pull-request comments: a summary table, then one section per finding.

use super::{one_line, stance_name};
use crate::model::{ClaimReport, Report};
use std::fmt::Write;

/// Renders the report as Markdown.
pub fn render(report: &Report) -> String {
    let s = &report.summary;
    let findings: Vec<&ClaimReport> = report.claims.iter().filter(|c| c.finding).collect();
    let mut out = String::from("## Veracity report\n\n");
    let _ = writeln!(out, "| claims | supported | contradicted | unsourced | expectations failed | findings |");
    let _ = writeln!(out, "|---:|---:|---:|---:|---:|---:|");
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} | {} | {} |",
        report.claims.len(),
        s.supported,
        s.contradicted,
        s.unsourced,
        s.expectations_failed,
        findings.len()
    );
    if findings.is_empty() {
        out.push_str("\nNo findings.\n");
        return out;
    }
    for claim in findings {
        let _ = write!(out, "\n### `{}`: {}", claim.id, claim.verdict);
        if let Some(expect) = claim.expect {
            let _ = write!(out, " (expected {expect})");
        }
        let _ = write!(out, "\n\n> {}\n\n", one_line(&claim.text));
        if let Some(loc) = &claim.location {
            let _ =
                writeln!(out, "At `{}:{}:{}`; confidence {:.2}.\n", loc.path, loc.line, loc.column, claim.confidence);
        }
        for reason in claim.reasons.iter() {
            let _ = writeln!(out, "- {}", one_line(&reason.message()));
        }
        if !claim.evidence.is_empty() {
            out.push_str("\n| stance | source | sentence |\n|---|---|---|\n");
            for e in &claim.evidence {
                let _ = writeln!(
                    out,
                    "| {} | `{}:{}` | {} |",
                    stance_name(e.stance),
                    e.source,
                    e.line,
                    one_line(&e.sentence).replace('|', "\\|")
                );
            }
        }
    }
    out
}
