//! The text report: a table of claims, with evidence and reasons under each
//! finding.

use super::RenderOptions;
use crate::model::{ClaimReport, Report};
use crate::verdict::Verdict;
use anstyle::{AnsiColor, Style};
use std::fmt::Write;

const SENTENCE_WIDTH: usize = 160;

fn style(verdict: Verdict) -> Style {
    let color = match verdict {
        Verdict::Supported => AnsiColor::Green,
        Verdict::Contradicted => AnsiColor::Red,
        Verdict::Unsourced => AnsiColor::Yellow,
    };
    Style::new().fg_color(Some(color.into())).bold()
}

fn paint(text: &str, style: Style, color: bool) -> String {
    if color {
        format!("{style}{text}{style:#}")
    } else {
        text.to_string()
    }
}

fn shorten(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_string()
    } else {
        let cut: String = text.chars().take(width - 1).collect();
        format!("{}\u{2026}", cut.trim_end())
    }
}

/// Renders the report as text.
pub fn render(report: &Report, options: RenderOptions) -> String {
    let mut out = String::new();
    let id_width = report.claims.iter().map(|c| c.id.chars().count()).max().unwrap_or(0);
    for claim in &report.claims {
        claim_line(&mut out, claim, id_width, options);
        if options.all_evidence || claim.finding {
            details(&mut out, claim, options);
        }
    }
    summary(&mut out, report, options);
    out
}

/// Each claim with its evidence, without a summary.
pub fn render_claims(report: &Report, options: RenderOptions) -> String {
    let mut out = String::new();
    for claim in &report.claims {
        claim_line(&mut out, claim, claim.id.chars().count(), options);
        details(&mut out, claim, options);
    }
    out
}

fn claim_line(out: &mut String, claim: &ClaimReport, id_width: usize, options: RenderOptions) {
    let mark = match (claim.finding, claim.ok) {
        (true, _) => "\u{2717}",
        (false, Some(true)) => "\u{2713}",
        (false, _) => " ",
    };
    let verdict = paint(&format!("{:<12}", claim.verdict.as_str()), style(claim.verdict), options.color);
    let _ = writeln!(out, "{mark} {verdict} {:.2}  {:<id_width$}  {}", claim.confidence, claim.id, claim.text);
}

fn details(out: &mut String, claim: &ClaimReport, options: RenderOptions) {
    if let Some(loc) = &claim.location {
        let _ = writeln!(out, "    at {}:{}:{}", loc.path, loc.line, loc.column);
    }
    if let (Some(expect), Some(false)) = (claim.expect, claim.ok) {
        let line = format!("expected {expect}, got {}", claim.verdict);
        let _ = writeln!(out, "    {}", paint(&line, Style::new().bold(), options.color));
    }
    for reason in claim.reasons.iter().filter(|r| r.starts_with("sources disagree") || claim.evidence.is_empty()) {
        let _ = writeln!(out, "    {reason}");
    }
    underline(out, "    claim: ", &claim.text, &claim.marks, options);
    for e in &claim.evidence {
        let _ = writeln!(out, "    {:<11} {}:{}:{}", e.stance_name(), e.source, e.line, e.column);
        let shown = shorten(&e.sentence, SENTENCE_WIDTH);
        let _ = writeln!(out, "        \u{201C}{shown}\u{201D}");
        let visible: Vec<(usize, usize)> = e.marks.iter().copied().filter(|(_, end)| *end <= shown.len()).collect();
        marker_line(out, "         ", &shown, &visible, options);
        for reason in &e.reasons {
            let _ = writeln!(out, "        - {reason}");
        }
    }
}

/// The text on its own line with its marked words underlined, when it has marks.
fn underline(out: &mut String, lead: &str, text: &str, marks: &[(usize, usize)], options: RenderOptions) {
    if marks.is_empty() {
        return;
    }
    let _ = writeln!(out, "{lead}{text}");
    marker_line(out, &" ".repeat(lead.chars().count()), text, marks, options);
}

/// A line of carets under the marked byte ranges of `text` (rustc style).
fn marker_line(out: &mut String, lead: &str, text: &str, marks: &[(usize, usize)], options: RenderOptions) {
    if marks.is_empty() {
        return;
    }
    let mut line = String::new();
    let mut column = 0;
    for &(start, end) in marks {
        let (Some(before), Some(marked)) = (text.get(..start), text.get(start..end)) else { continue };
        let at = before.chars().count();
        line.push_str(&" ".repeat(at.saturating_sub(column)));
        let width = marked.chars().count().max(1);
        line.push_str(&"^".repeat(width));
        column = at + width;
    }
    let style = Style::new().fg_color(Some(AnsiColor::Red.into())).bold();
    let _ = writeln!(out, "{lead}{}", paint(&line, style, options.color));
}

fn summary(out: &mut String, report: &Report, options: RenderOptions) {
    let s = &report.summary;
    let expected = report.claims.iter().filter(|c| c.expect.is_some()).count();
    let tail = if expected > 0 {
        format!("; {} of {expected} expectations failed", s.expectations_failed)
    } else {
        String::new()
    };
    let findings = report.claims.iter().filter(|c| c.finding).count();
    let baselined = report.claims.iter().filter(|c| c.baselined).count();
    let known = if baselined > 0 { format!(" ({baselined} more known to the baseline)") } else { String::new() };
    let _ = writeln!(
        out,
        "\n{}: {} supported, {} contradicted, {} unsourced{tail}; {}{known}",
        super::count(report.claims.len(), "claim"),
        s.supported,
        s.contradicted,
        s.unsourced,
        paint(&super::count(findings, "finding"), Style::new().bold(), options.color)
    );
}
