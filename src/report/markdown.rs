//! Markdown for pull-request comments: a summary table, then one section per finding.

use super::{markdown_text as md, one_line, stance_name, visible};
use crate::model::{ClaimReport, Report};
use std::fmt::Write;

/// Renders the report as Markdown.
pub fn render(report: &Report) -> String {
    let s = &report.summary;
    let findings: Vec<&ClaimReport> = report.claims.iter().filter(|c| c.finding).collect();
    let mut out = String::from("## Veracity report\n\n");
    let _ =
        writeln!(out, "| claims | supported | contradicted | unsourced | disputed | expectations failed | findings |");
    let _ = writeln!(out, "|---:|---:|---:|---:|---:|---:|---:|");
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} | {} | {} | {} |",
        report.claims.len(),
        s.supported,
        s.contradicted,
        s.unsourced,
        s.disputed,
        s.expectations_failed,
        findings.len()
    );
    if let Some(day) = &report.as_of {
        let _ = writeln!(out, "\nStatus claims are judged as of {day}.");
    }
    if findings.is_empty() {
        out.push_str("\nNo findings.\n");
        return out;
    }
    for claim in findings {
        let _ = write!(out, "\n### {}: {}", code(&claim.id), claim.verdict);
        if let Some(expect) = claim.expect {
            let _ = write!(out, " (expected {expect})");
        }
        let _ = write!(out, "\n\n> {}\n\n", md(&claim.text));
        if let Some(loc) = &claim.location {
            let at = code(&format!("{}:{}:{}", loc.path, loc.line, loc.column));
            let _ = writeln!(out, "At {at}; confidence {:.2}.\n", claim.confidence);
        }
        for reason in claim.reasons.iter() {
            let _ = writeln!(out, "- {}", md(&reason.message()));
        }
        if !claim.evidence.is_empty() {
            out.push_str("\n| stance | source | sentence |\n|---|---|---|\n");
            for e in &claim.evidence {
                let at = code(&format!("{}:{}", e.source, e.line)).replace('|', "\\|");
                let _ = writeln!(out, "| {} | {at} | {} |", stance_name(e.stance), md(&e.sentence));
            }
        }
    }
    out
}

/// Text as a Markdown code span, on one line and [`visible`], fenced with
/// enough backticks that none inside can end it.
fn code(text: &str) -> String {
    let text = visible(&one_line(text)).into_owned();
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if longest > 0 { " " } else { "" };
    format!("{fence}{pad}{text}{pad}{fence}")
}
