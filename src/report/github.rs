//! GitHub Actions workflow commands: each finding annotates its claim's line.

use crate::model::Report;
use std::fmt::Write;

/// Escapes a workflow command's message.
fn data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a workflow command's property value.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Renders one `::error` command per finding, and a closing `::notice`.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for claim in report.claims.iter().filter(|c| c.finding) {
        let mut props = Vec::new();
        if let Some(loc) = &claim.location {
            props.push(format!("file={}", property(&loc.path)));
            props.push(format!("line={}", loc.line));
            props.push(format!("col={}", loc.column));
        }
        let title = match claim.expect {
            Some(expect) => format!("{}: expected {expect}, got {}", claim.id, claim.verdict),
            None => format!("{}: {}", claim.id, claim.verdict),
        };
        props.push(format!("title={}", property(&title)));
        let mut message = claim.text.clone();
        for reason in &claim.reasons {
            message.push_str("\n- ");
            message.push_str(reason);
        }
        if let Some(e) = claim.evidence.first() {
            let _ = write!(message, "\nevidence: {}:{}: {}", e.source, e.line, e.sentence);
        }
        let _ = writeln!(out, "::error {}::{}", props.join(","), data(&message));
    }
    let _ = writeln!(
        out,
        "::notice title=Veracity::{}; {}",
        super::verdict_counts(report),
        super::count(report.findings(), "finding")
    );
    out
}
