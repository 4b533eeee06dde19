//! GitHub Actions workflow commands: each finding annotates its claim's line.

use super::{Reporter, Tally};
use crate::model::ClaimReport;
use std::fmt::Write as _;
use std::io::{self, Write};

/// Escapes a workflow command's message.
fn data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a workflow command's property value.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

/// One `::error` command per finding as it is ready, and a closing `::notice`.
pub struct Commands<'w> {
    pub(super) out: Box<dyn Write + 'w>,
    pub(super) tally: Tally,
    /// The date status claims were judged as of.
    pub(super) as_of: Option<String>,
}

impl Reporter for Commands<'_> {
    fn claim(&mut self, claim: ClaimReport) -> io::Result<()> {
        self.tally.add(&claim);
        if !claim.finding {
            return Ok(());
        }
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
        for reason in claim.reasons.iter() {
            message.push_str("\n- ");
            message.push_str(&reason.message());
        }
        if let Some(e) = claim.evidence.first() {
            let _ = write!(message, "\nevidence: {}:{}: {}", e.source, e.line, e.sentence);
        }
        writeln!(self.out, "::error {}::{}", props.join(","), data(&message))?;
        self.out.flush()
    }

    fn finish(mut self: Box<Self>) -> io::Result<()> {
        let t = &self.tally;
        let notice = format!(
            "{}; {}{}",
            super::verdict_counts(t),
            super::count(t.findings, "finding"),
            super::as_of_note(self.as_of.as_deref())
        );
        writeln!(self.out, "::notice title=Veracity::{notice}")?;
        self.out.flush()
    }
}
