//! The text report: a table of claims, with evidence and reasons under each
//! finding.

use super::{visible, RenderOptions, Reporter, Tally};
use crate::model::{ClaimReport, ReasonKind, Report, Verdict};
use anstyle::{AnsiColor, Style};
use std::fmt::Write;
use std::io;

const SENTENCE_WIDTH: usize = 160;

/// The fewest characters a wrapped row holds, however narrow the terminal.
const MIN_ROW: usize = 20;

fn style(verdict: Verdict) -> Style {
    let color = match verdict {
        Verdict::Supported => AnsiColor::Green,
        Verdict::Contradicted => AnsiColor::Red,
        Verdict::Unsourced => AnsiColor::Yellow,
        Verdict::Disputed => AnsiColor::Magenta,
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
    let verdict = format!("{:<12}", claim.verdict.as_str());
    let (id, text) = (visible(&claim.id), visible(&claim.text));
    let columns = format!("{mark} {verdict} {:.2}  {id:<id_width$}  ", claim.confidence).chars().count();
    let verdict = paint(&verdict, style(claim.verdict), options.color);
    let prefix = format!("{mark} {verdict} {:.2}  {id:<id_width$}  ", claim.confidence);
    wrapped(out, &prefix, columns, &text, options.width);
}

/// `prefix` (`columns` wide), then `text` in rows that fit `width`, each row
/// after the first indented to stand under the first.
fn wrapped(out: &mut String, prefix: &str, columns: usize, text: &str, width: Option<usize>) {
    let chars: Vec<char> = text.chars().collect();
    let rows = cut_rows(&chars, width.map(|w| w.saturating_sub(columns)));
    for (i, row) in rows.iter().enumerate() {
        let shown = row_text(&chars, row, i + 1 == rows.len());
        let indent = if i == 0 { prefix.to_string() } else { " ".repeat(columns) };
        let _ = writeln!(out, "{indent}{shown}");
    }
}

/// The rows `chars` is cut into to fit `width` characters (none: one row),
/// each cut just after a space where the row has one: character ranges.
fn cut_rows(chars: &[char], width: Option<usize>) -> Vec<std::ops::Range<usize>> {
    let len = chars.len();
    let width = width.map_or(usize::MAX, |w| w.max(MIN_ROW));
    let mut rows = Vec::new();
    let mut start = 0;
    while len - start > width {
        let end = (start + 2..=start + width).rev().find(|&i| chars[i - 1] == ' ').unwrap_or(start + width);
        rows.push(start..end);
        start = end;
    }
    rows.push(start..len);
    rows
}

/// A row's text; a row cut at a space does not end with it.
fn row_text(chars: &[char], row: &std::ops::Range<usize>, last: bool) -> String {
    let text: String = chars[row.clone()].iter().collect();
    if last {
        text
    } else {
        text.trim_end().to_string()
    }
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
        let note = format!("note: {}", visible(&reason.message()));
        wrapped(out, &format!("{pad} = "), gutter + 3, &note, options.width);
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
            wrapped(out, &format!("{pad} = "), gutter + 3, &visible(&reason.message()), options.width);
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

/// One source line in a gutter, with carets under `marks` and `label` after
/// them. Wrapped to `options.width`, each row of the line is followed by the
/// carets under it, and a label too long to follow them comes after the line.
fn snippet(
    out: &mut String,
    (gutter, line): (usize, usize),
    text: &str,
    marks: &[(usize, usize)],
    label: &str,
    options: RenderOptions,
) {
    let blue = Style::new().fg_color(Some(AnsiColor::Blue.into())).bold();
    let red = Style::new().fg_color(Some(AnsiColor::Red.into())).bold();
    let bar = paint("|", blue, options.color);
    let number = if line == 0 { String::new() } else { line.to_string() };
    let _ = writeln!(out, "{:gutter$} {bar}", "");
    let shown = visible(text);
    let chars: Vec<char> = shown.chars().collect();
    let available = options.width.map(|w| w.saturating_sub(gutter + 3));
    let rows = cut_rows(&chars, available);
    // Each mark as the columns it underlines (one at least).
    let spans: Vec<(usize, usize)> = marks
        .iter()
        .filter_map(|&(start, end)| {
            let at = text.get(..start)?.chars().count();
            Some((at, at + text.get(start..end)?.chars().count().max(1)))
        })
        .collect();
    // The last row's end is open: a mark may stand just after the text.
    let end_of = |i: usize| if i + 1 == rows.len() { usize::MAX } else { rows[i].end };
    let label_row = (0..rows.len())
        .rev()
        .find(|&i| spans.iter().any(|&(a, b)| a < end_of(i) && b > rows[i].start))
        .unwrap_or(rows.len() - 1);
    let mut deferred = String::new();
    for (i, row) in rows.iter().enumerate() {
        let number = if i == 0 { number.as_str() } else { "" };
        let row_shown = row_text(&chars, row, i + 1 == rows.len());
        let _ = writeln!(out, "{} {bar} {row_shown}", paint(&format!("{number:>gutter$}"), blue, options.color));
        if marks.is_empty() {
            continue;
        }
        let mut carets = String::new();
        let mut column = row.start;
        for &(a, b) in &spans {
            let (a, b) = (a.max(row.start), b.min(end_of(i)));
            if a >= b {
                continue;
            }
            carets.push_str(&" ".repeat(a.saturating_sub(column)));
            carets.push_str(&"^".repeat(b - a));
            column = b;
        }
        if carets.is_empty() && i != label_row {
            continue;
        }
        let label = if i == label_row && !label.is_empty() { format!(" {}", visible(label)) } else { String::new() };
        let fits = available.is_none_or(|w| (carets.chars().count() + label.chars().count()) <= w.max(MIN_ROW));
        if fits {
            let _ = writeln!(out, "{:gutter$} {bar} {}", "", paint(&format!("{carets}{label}"), red, options.color));
            continue;
        }
        // A label too long for the row follows the line, as a reason does.
        let _ = writeln!(out, "{:gutter$} {bar} {}", "", paint(&carets, red, options.color));
        deferred = label.trim_start().to_string();
    }
    if !deferred.is_empty() {
        wrapped(out, &format!("{:gutter$} = ", ""), gutter + 3, &deferred, options.width);
    }
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
        "\n{}{tail}; {}{known}{}",
        super::verdict_counts(&t),
        paint(&super::count(t.findings, "finding"), Style::new().bold(), options.color),
        super::as_of_note(report.as_of.as_deref())
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_rows_keep_carets_under_their_characters() {
        let text = "The rationale is to allow swift action by those nations ready to do more for Ukraine \
                    without being held back by the requirement for consensus among all 31 NATO members.";
        let at = text.find("31").expect("31");
        let options = RenderOptions { width: Some(40), ..RenderOptions::default() };
        let label = "number: the claim says “32”, the source says “31”";
        let mut out = String::new();
        snippet(&mut out, (2, 59), text, &[(at, at + 2)], label, options);
        let lines: Vec<Vec<char>> = out.lines().map(|l| l.chars().collect()).collect();
        assert!(lines.iter().all(|l| l.len() <= 40), "{out}");
        let row = lines.iter().position(|l| l.contains(&'^')).expect("carets");
        let column = lines[row].iter().position(|&c| c == '^').expect("caret");
        assert_eq!(lines[row - 1][column..column + 2].iter().collect::<String>(), "31", "{out}");
        assert!(out.contains("   = number: the claim"), "the label follows the line: {out}");
        let shown: Vec<&str> =
            out.split_whitespace().filter(|w| !["|", "59"].contains(w) && !w.starts_with('^')).collect();
        assert!(shown.join(" ").starts_with(text), "every word is shown, in order: {out}");

        let mut one_line = String::new();
        snippet(&mut one_line, (2, 59), text, &[(at, at + 2)], label, RenderOptions::default());
        assert_eq!(one_line.lines().count(), 3, "unwrapped without a width: {one_line}");
    }
}
