//! The JSON report (the [`Report`] model serialised, pretty-printed), and
//! JSON Lines: one compact object per claim, written as each is ready.

use super::Reporter;
use crate::model::{ClaimReport, Report};
use std::io::{self, Write};

/// Renders the report as JSON with a trailing newline.
pub fn render(report: &Report) -> String {
    let mut out = serde_json::to_string_pretty(report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    out.push('\n');
    out
}

/// JSON Lines: each claim as one compact JSON object on a line of its own.
pub struct Lines<'w> {
    pub(super) out: Box<dyn Write + 'w>,
}

impl Reporter for Lines<'_> {
    fn claim(&mut self, claim: ClaimReport) -> io::Result<()> {
        let line = serde_json::to_string(&claim).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
        writeln!(self.out, "{line}")?;
        self.out.flush()
    }

    fn finish(mut self: Box<Self>) -> io::Result<()> {
        self.out.flush()
    }
}
