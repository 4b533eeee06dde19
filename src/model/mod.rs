//! The result model every report renders: one serialisable structure with a
//! schema `version`. Line and column are computed here, from byte spans.

mod claim;
mod source;
mod verdict;

pub use claim::{Claim, Location};
pub use source::{SourceKind, SourceMeta, SourceText};
pub use verdict::{Stance, Verdict};

use crate::engine::Outcome;
use crate::index::{analysed_text, read_together, Corpus};
use crate::text::normalize::{normalize_with_offsets, original_span};
use serde::Serialize;
use std::collections::BTreeMap;

/// The version of the JSON report schema.
pub const SCHEMA_VERSION: u32 = 1;

/// The results of checking a set of claims.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Schema version.
    pub version: u32,
    /// One entry per claim, in input order.
    pub claims: Vec<ClaimReport>,
    /// Counts.
    pub summary: Summary,
    /// Metadata of the sources the evidence comes from, by path.
    #[serde(skip)]
    pub sources: BTreeMap<String, SourceMeta>,
}

/// The verdict on one claim.
#[derive(Debug, Clone, Serialize)]
pub struct ClaimReport {
    /// The claim's id.
    pub id: String,
    /// The claim.
    pub text: String,
    /// The verdict.
    pub verdict: Verdict,
    /// From 0 to 1.
    pub confidence: f64,
    /// The verdict the claims file expects.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expect: Option<Verdict>,
    /// Whether the verdict met the expectation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ok: Option<bool>,
    /// Whether sources disagreed (the reasons say how it was resolved).
    pub conflict: bool,
    /// Whether the claim fails the run (see [`crate::policy`]).
    pub finding: bool,
    /// A finding the baseline already knows, let through.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub baselined: bool,
    /// Why this verdict.
    pub reasons: Vec<String>,
    /// The evidence, deciding sentences first.
    pub evidence: Vec<Evidence>,
    /// Where the claim was written.
    #[serde(skip)]
    pub location: Option<Location>,
    /// Byte ranges of `text` whose words conflict with the evidence.
    #[serde(skip)]
    pub marks: Vec<(usize, usize)>,
}

/// One evidence sentence.
#[derive(Debug, Clone, Serialize)]
pub struct Evidence {
    /// The source file.
    pub source: String,
    /// 1-based line where the sentence starts.
    pub line: usize,
    /// 1-based column where it starts.
    pub column: usize,
    /// The sentence.
    pub sentence: String,
    /// How it bears on the claim.
    pub stance: Stance,
    /// Why.
    pub reasons: Vec<String>,
    /// Byte ranges of `sentence` whose words conflict with the claim.
    #[serde(skip)]
    pub marks: Vec<(usize, usize)>,
    /// The source's whole line the sentence starts on, as written.
    #[serde(skip)]
    pub line_text: String,
}

/// Verdict counts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Claims supported.
    pub supported: usize,
    /// Claims contradicted.
    pub contradicted: usize,
    /// Claims unsourced.
    pub unsourced: usize,
    /// Claims whose verdict differs from their `expect`.
    pub expectations_failed: usize,
}

impl Report {
    /// Builds the report for `claims` and their outcomes, in order, with the
    /// default policy applied (see [`crate::policy::apply`] to change it).
    pub fn new(corpus: &Corpus, results: Vec<(Claim, Outcome)>) -> Report {
        let claims: Vec<ClaimReport> = results.into_iter().map(|(c, o)| claim_report(corpus, c, o)).collect();
        let mut summary = Summary::default();
        for c in &claims {
            match c.verdict {
                Verdict::Supported => summary.supported += 1,
                Verdict::Contradicted => summary.contradicted += 1,
                Verdict::Unsourced => summary.unsourced += 1,
            }
            summary.expectations_failed += usize::from(c.ok == Some(false));
        }
        let cited: std::collections::BTreeSet<&str> =
            claims.iter().flat_map(|c| &c.evidence).map(|e| e.source.as_str()).collect();
        let sources = corpus
            .documents
            .iter()
            .filter(|d| cited.contains(d.path.as_str()))
            .map(|d| (d.path.clone(), d.meta.clone()))
            .collect();
        let mut report = Report { version: SCHEMA_VERSION, claims, summary, sources };
        crate::policy::apply(&mut report, &crate::policy::default_fail_on(), None);
        report
    }

    /// Whether any claim is a finding.
    pub fn has_findings(&self) -> bool {
        self.claims.iter().any(|c| c.finding)
    }

    /// How many claims are findings.
    pub fn findings(&self) -> usize {
        self.claims.iter().filter(|c| c.finding).count()
    }
}

fn claim_report(corpus: &Corpus, claim: Claim, outcome: Outcome) -> ClaimReport {
    let evidence = outcome
        .evidence
        .iter()
        .map(|a| {
            let first = a.window.unwrap_or(a.sentence);
            let read = &corpus.sentences[first..=a.sentence];
            let doc = &corpus.documents[read[0].doc];
            let at = doc.position(read[0].span.start);
            let sentence = read_together(read);
            // The text the conflicting words were found in: the window, or the
            // sentence with its table-row label in front.
            let label = if a.window.is_some() { None } else { read[0].label.as_deref() };
            let analysed = analysed_text(label, &sentence);
            let skip = analysed.len() - sentence.len();
            let marks = marks(&analysed, a.marks.iter().filter_map(|m| m.source))
                .into_iter()
                .filter(|(start, _)| *start >= skip)
                .map(|(start, end)| (start - skip, end - skip))
                .collect();
            Evidence {
                source: doc.path.clone(),
                line: at.line,
                column: at.column,
                sentence,
                stance: a.stance,
                reasons: a.reasons.clone(),
                marks,
                line_text: doc.lines.line(doc.written(), at.line).to_string(),
            }
        })
        .collect();
    // The claim's conflicting words are marked when the conflict decided the verdict.
    let decided = outcome.verdict == Verdict::Contradicted;
    let side = outcome.evidence.iter().filter(|a| decided && a.stance == crate::model::Stance::Contradicts);
    let claim_marks = marks(&claim.text, side.flat_map(|a| a.marks.iter().filter_map(|m| m.claim)));
    ClaimReport {
        ok: claim.expect.map(|e| e == outcome.verdict),
        id: claim.id,
        text: claim.text,
        verdict: outcome.verdict,
        confidence: outcome.confidence,
        expect: claim.expect,
        conflict: outcome.conflict,
        finding: false,
        baselined: false,
        reasons: outcome.reasons,
        evidence,
        location: claim.location,
        marks: claim_marks,
    }
}

/// Byte ranges of `text` for ranges of its normalised form, sorted, overlaps merged.
fn marks(text: &str, normalised: impl Iterator<Item = (usize, usize)>) -> Vec<(usize, usize)> {
    let (_, offsets) = normalize_with_offsets(text);
    let mut out: Vec<(usize, usize)> =
        normalised.filter_map(|(start, end)| original_span(text, &offsets, start, end)).collect();
    out.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (start, end) in out {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    merged
}
