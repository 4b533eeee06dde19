//! The text report: a table of claims, with evidence and reasons under each
//! finding.

use super::{visible, RenderOptions, Reporter, Tally};
use crate::model::{ClaimReport, ReasonKind, Report, Verdict};
use anstyle::{AnsiColor, Style};
use std::fmt::Write;
use std::io;

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
    let shown: Vec<&ClaimReport> = report.claims.iter().filter(|c| c.finding || !options.quiet).collect();
    let id_width = shown.iter().map(|c| c.id.chars().count()).max().unwrap_or(0);
    for claim in &shown {
        claim_line(&mut out, claim, id_width, options);
        if options.all_evidence || claim.finding {
            details(&mut out, claim, options);
        }
    }
    if !options.quiet || !shown.is_empty() {
        summary(&mut out, report, options);
    }
    out
}

/// Each claim with its evidence as it is ready, without a summary (the REPL).
pub struct Stream<'w> {
    pub(super) out: Box<dyn io::Write + 'w>,
    pub(super) options: RenderOptions,
}

impl Reporter for Stream<'_> {
    fn claim(&mut self, claim: ClaimReport) -> io::Result<()> {
        let mut text = String::new();
        claim_line(&mut text, &claim, claim.id.chars().count(), self.options);
        details(&mut text, &claim, self.options);
        self.out.write_all(text.as_bytes())?;
        self.out.flush()
    }

    fn finish(mut self: Box<Self>) -> io::Result<()> {
        self.out.flush()
    }
}

fn claim_line(out: &mut String, claim: &ClaimReport, id_width: usize, options: RenderOptions) {
    let mark = match (claim.finding, claim.ok) {
        (true, _) => "\u{2717}",
        (false, Some(true)) => "\u{2713}",
        (false, _) => " ",
    };
    let verdict = paint(&format!("{:<12}", claim.verdict.as_str()), style(claim.verdict), options.color);
    let (id, text) = (visible(&claim.id), visible(&claim.text));
    let _ = writeln!(out, "{mark} {verdict} {:.2}  {id:<id_width$}  {text}", claim.confidence);
}

/// A finding's details the way rustc shows a diagnostic: the claim's line in
/// its file, then each evidence sentence at its source line, the conflicting
/// words underlined and the reason as the label.
fn details(out: &mut String, claim: &ClaimReport, options: RenderOptions) {
    let gutter = claim
        .evidence
        .iter()
        .map(|e| e.line)
        .chain(claim.location.as_ref().map(|l| l.line))
        .max()
        .map_or(1, |n| n.to_string().len());
    let pad = " ".repeat(gutter);
    let blue = Style::new().fg_color(Some(AnsiColor::Blue.into())).bold();
    let bar = paint("|", blue, options.color);
    match &claim.location {
        Some(loc) => {
            let _ =
                writeln!(out, "{pad}{}", place(paint("-->", blue, options.color), &loc.path, (loc.line, loc.column)));
            // The claim as written in its file, when its text stands there
            // unescaped: at its column (an article), or just after it (the
            // opening quote of a claims file's string).
            let starts = |skip: usize| loc.line_text.char_indices().nth(loc.column - 1 + skip).map(|(i, _)| i);
            let short = loc.line_text.chars().count() <= SENTENCE_WIDTH;
            let found = [starts(0), starts(1)]
                .into_iter()
                .flatten()
                .find(|&at| short && loc.line_text[at..].starts_with(&claim.text));
            let (shown, offset) = match found {
                Some(at) => (loc.line_text.as_str(), at),
                None => (claim.text.as_str(), 0),
            };
            snippet(out, (gutter, loc.line), shown, &shift(&claim.marks, offset), "", options);
        }
        None => snippet(out, (gutter, 0), &claim.text, &claim.marks, "", options),
    }
    if let (Some(expect), Some(false)) = (claim.expect, claim.ok) {
        let line = format!("expected {expect}, got {}", claim.verdict);
        let _ = writeln!(out, "{pad} = {}", paint(&line, Style::new().bold(), options.color));
    }
    for reason in claim.reasons.iter().filter(|r| r.kind == ReasonKind::SourcesDisagree || claim.evidence.is_empty()) {
        let _ = writeln!(out, "{pad} = note: {}", visible(&reason.message()));
    }
    for e in &claim.evidence {
        let at = place(paint(":::", blue, options.color), &e.source, (e.line, e.column));
        let _ = writeln!(out, "{pad}{at} ({})", e.stance_name());
        let shown = shorten(&e.sentence, SENTENCE_WIDTH);
        let marks: Vec<(usize, usize)> = e.marks.iter().copied().filter(|(_, end)| *end <= shown.len()).collect();
        let label =
            if marks.is_empty() { String::new() } else { e.reasons.first().map_or(String::new(), |r| r.message()) };
        snippet(out, (gutter, e.line), &shown, &marks, &label, options);
        for reason in e.reasons.iter().skip(usize::from(!label.is_empty())) {
            let _ = writeln!(out, "{pad} = {}", visible(&reason.message()));
        }
    }
    let _ = writeln!(out, "{pad} {bar}");
}

/// `--> path:line:column`, with `arrow` in front.
fn place(arrow: String, path: &str, (line, column): (usize, usize)) -> String {
    format!("{arrow} {}:{line}:{column}", visible(path))
}

fn shift(marks: &[(usize, usize)], by: usize) -> Vec<(usize, usize)> {
    marks.iter().map(|(a, b)| (a + by, b + by)).collect()
}

/// One source line in a gutter, with carets under `marks` and `label` after them.
fn snippet(
    out: &mut String,
    (gutter, line): (usize, usize),
    text: &str,
    marks: &[(usize, usize)],
    label: &str,
    options: RenderOptions,
) {
    let blue = Style::new().fg_color(Some(AnsiColor::Blue.into())).bold();
    let number = if line == 0 { String::new() } else { line.to_string() };
    let _ = writeln!(out, "{:gutter$} {}", "", paint("|", blue, options.color));
    let _ = writeln!(
        out,
        "{} {} {}",
        paint(&format!("{number:>gutter$}"), blue, options.color),
        paint("|", blue, options.color),
        visible(text)
    );
    if marks.is_empty() {
        return;
    }
    let mut carets = String::new();
    let mut column = 0;
    for &(start, end) in marks {
        let (Some(before), Some(marked)) = (text.get(..start), text.get(start..end)) else { continue };
        let at = before.chars().count();
        carets.push_str(&" ".repeat(at.saturating_sub(column)));
        let width = marked.chars().count().max(1);
        carets.push_str(&"^".repeat(width));
        column = at + width;
    }
    let red = Style::new().fg_color(Some(AnsiColor::Red.into())).bold();
    let label = if label.is_empty() { String::new() } else { format!(" {}", visible(label)) };
    let _ = writeln!(
        out,
        "{:gutter$} {} {}",
        "",
        paint("|", blue, options.color),
        paint(&format!("{carets}{label}"), red, options.color)
    );
}

fn summary(out: &mut String, report: &Report, options: RenderOptions) {
    let t = Tally::of(report);
    let tail = if t.expected > 0 {
        format!("; {} of {} expectations failed", t.summary.expectations_failed, t.expected)
    } else {
        String::new()
    };
    let known = if t.baselined > 0 { format!(" ({} more known to the baseline)", t.baselined) } else { String::new() };
    let _ = writeln!(
        out,
        "\n{}{tail}; {}{known}",
        super::verdict_counts(&t),
        paint(&super::count(t.findings, "finding"), Style::new().bold(), options.color)
    );
}
