//! Renderers: one per output format, all reading the same [`Report`].

mod json;
mod scores;
mod text;

pub use scores::render_scores;

use crate::model::Report;

/// How to write a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OutputFormat {
    /// A readable table for people: one line per claim, evidence and reasons under each finding.
    #[default]
    Text,
    /// The versioned JSON report (schema in the README), for tools.
    Json,
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
pub fn render_claims(report: &Report, format: OutputFormat, options: RenderOptions) -> String {
    match format {
        OutputFormat::Text => text::render_claims(report, options),
        OutputFormat::Json => json::render_lines(report),
    }
}

/// Renders `report` in `format`.
pub fn render(report: &Report, format: OutputFormat, options: RenderOptions) -> String {
    match format {
        OutputFormat::Text => text::render(report, options),
        OutputFormat::Json => json::render(report),
    }
}
