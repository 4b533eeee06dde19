//! The JSON report: the [`Report`] model serialised, pretty-printed.

use crate::model::Report;

/// Renders the report as JSON with a trailing newline.
pub fn render(report: &Report) -> String {
    let mut out = serde_json::to_string_pretty(report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    out.push('\n');
    out
}

/// One compact JSON object per claim, a line each.
pub fn render_lines(report: &Report) -> String {
    report
        .claims
        .iter()
        .map(|c| serde_json::to_string(c).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}")) + "\n")
        .collect()
}
