//! Renderers: one per output format, all reading the same [`Report`].

mod claimreview;
mod github;
mod html;
mod json;
mod junit;
mod markdown;
mod sarif;
mod scores;
mod text;

pub use scores::render_scores;

use crate::model::Stance;
use crate::model::{Evidence, Report};
use crate::text::normalize::collapse_whitespace as one_line;

/// How to write a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OutputFormat {
    /// A readable table for people: one line per claim, evidence and reasons under each finding.
    #[default]
    Text,
    /// The versioned JSON report (schema in the README), for tools.
    Json,
    /// JSON Lines: one compact JSON object per claim, for streams.
    Jsonl,
    /// Markdown: a summary table, then one section per finding (pull-request comments).
    Markdown,
    /// JUnit XML: one test case per claim, a failure per finding (CI dashboards).
    Junit,
    /// SARIF 2.1.0: findings located in the claims file (code-scanning tools).
    Sarif,
    /// GitHub Actions workflow commands: findings annotate the claim's line.
    Github,
    /// One self-contained HTML page: counts, a verdict filter, search, highlighted evidence.
    Html,
    /// schema.org ClaimReview JSON-LD, one review per claim (fact-checkers, search engines).
    Claimreview,
}

/// How to write listings, scores and REPL answers: for people or for tools.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum DataFormat {
    /// Text for people.
    #[default]
    Text,
    /// JSON for tools (one object a line in the REPL).
    Json,
}

/// The lower-case name of a stance.
pub fn stance_name(stance: Stance) -> &'static str {
    match stance {
        Stance::Supports => "supports",
        Stance::Contradicts => "contradicts",
        Stance::Related => "related",
    }
}

impl Evidence {
    /// The lower-case name of its stance.
    pub fn stance_name(&self) -> &'static str {
        stance_name(self.stance)
    }
}

/// "1 claim", "2 claims".
fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

/// "76 claims: 31 supported, 28 contradicted, 17 unsourced".
fn verdict_counts(report: &Report) -> String {
    let s = &report.summary;
    format!(
        "{}: {} supported, {} contradicted, {} unsourced",
        count(report.claims.len(), "claim"),
        s.supported,
        s.contradicted,
        s.unsourced
    )
}

/// Text for XML content and attribute values.
fn escape_xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\t' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// Options shared by renderers.
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderOptions {
    /// Use ANSI colours (the caller decides: a terminal, and `NO_COLOR` unset).
    pub color: bool,
    /// Show evidence under every claim, not only under findings.
    pub all_evidence: bool,
}

/// Renders each claim of `report` alone, without a summary: text blocks, or
/// one compact JSON object a line (for the REPL and streams).
pub fn render_claims(report: &Report, format: DataFormat, options: RenderOptions) -> String {
    match format {
        DataFormat::Text => text::render_claims(report, options),
        DataFormat::Json => json::render_lines(report),
    }
}

/// Renders `report` in `format`.
pub fn render(report: &Report, format: OutputFormat, options: RenderOptions) -> String {
    match format {
        OutputFormat::Text => text::render(report, options),
        OutputFormat::Json => json::render(report),
        OutputFormat::Jsonl => json::render_lines(report),
        OutputFormat::Markdown => markdown::render(report),
        OutputFormat::Junit => junit::render(report),
        OutputFormat::Sarif => sarif::render(report),
        OutputFormat::Github => github::render(report),
        OutputFormat::Html => html::render(report),
        OutputFormat::Claimreview => claimreview::render(report),
    }
}
