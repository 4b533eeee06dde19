//! The result model every report renders: one serialisable structure with a
//! schema `version`, built by the engine ([`crate::engine::claim_report`]) with
//! lines and columns computed from byte spans.

mod claim;
mod reason;
mod source;
mod verdict;

pub use claim::{Claim, Location};
pub use reason::{Reason, ReasonKind, Reasons, Value};
pub use source::{SourceKind, SourceMeta, SourceText};
pub use verdict::{Stance, Verdict};

use serde::Serialize;
use std::collections::BTreeMap;

/// The version of the JSON report schema.
pub const SCHEMA_VERSION: u32 = 1;

/// The results of checking a set of claims.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Schema version.
    pub version: u32,
    /// The date status claims were judged as of (`--as-of`, `check.as_of`,
    /// else the newest date the sources give), when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    /// One entry per claim, in input order.
    pub claims: Vec<ClaimReport>,
    /// Counts.
    pub summary: Summary,
    /// What the report says besides its claims: sources, publication, settings.
    #[serde(skip)]
    pub context: Context,
}

/// What a report says besides its claims (renderers read it; the JSON report
/// does not carry it).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Context {
    /// Metadata of the sources, by path (in a [`Report`], those its evidence cites).
    pub sources: BTreeMap<String, SourceMeta>,
    /// How the report is published.
    pub publish: Publish,
    /// The settings that affect verdicts, as `key = value` lines.
    pub settings: Vec<String>,
    /// The date status claims are judged as of.
    pub as_of: Option<String>,
}

/// `[publish]` in `veracity.toml`: how a published report (ClaimReview, HTML)
/// names its publisher, its address and its date.
#[derive(Debug, Clone, Default, PartialEq, Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Publish {
    /// The reviewing organisation (ClaimReview `author`; "Veracity" when unset).
    pub organization: Option<String>,
    /// The address reviews are published under: a claim's review is at
    /// `URL#ID`, unless the claim has a `url` of its own.
    pub url: Option<String>,
    /// The publication date, `YYYY-MM-DD` (`--date` overrides it); reports
    /// carry no date unless one is given, so that they stay reproducible.
    pub date: Option<String>,
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
    /// Why this verdict (`reasons` and `reason_details` in JSON).
    #[serde(flatten)]
    pub reasons: Reasons,
    /// The evidence, deciding sentences first.
    pub evidence: Vec<Evidence>,
    /// Where the claim's review is published, when it has an address of its own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Fields a streamed claim carried besides its id and text, given back as they came.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
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
    /// Why (`reasons` and `reason_details` in JSON); the first ones, for a
    /// contradicting sentence, carry the spans of the conflicting words.
    #[serde(flatten)]
    pub reasons: Reasons,
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
    /// Claims the sources disagree about.
    pub disputed: usize,
    /// Claims whose verdict differs from their `expect`.
    pub expectations_failed: usize,
}

impl Report {
    /// The report of `claims`, in order, in `context` (whose sources it keeps
    /// to those its evidence cites). No claim is a finding until a
    /// [`crate::policy::Policy`] says so.
    pub fn new(claims: Vec<ClaimReport>, context: &Context) -> Report {
        let summary = Summary::of(&claims);
        // The sources the evidence cites, and the files claims were found in (an article's metadata).
        let cited: std::collections::BTreeSet<&str> = claims
            .iter()
            .flat_map(|c| {
                c.evidence.iter().map(|e| e.source.as_str()).chain(c.location.as_ref().map(|l| l.path.as_str()))
            })
            .collect();
        let sources = context.sources.iter().filter(|(path, _)| cited.contains(path.as_str()));
        let context = Context { sources: sources.map(|(p, m)| (p.clone(), m.clone())).collect(), ..context.clone() };
        Report { version: SCHEMA_VERSION, as_of: context.as_of.clone(), claims, summary, context }
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

impl Summary {
    /// The counts of `claims`.
    pub fn of(claims: &[ClaimReport]) -> Summary {
        let mut summary = Summary::default();
        for c in claims {
            summary.add(c);
        }
        summary
    }

    /// Counts one more claim.
    pub fn add(&mut self, c: &ClaimReport) {
        match c.verdict {
            Verdict::Supported => self.supported += 1,
            Verdict::Contradicted => self.contradicted += 1,
            Verdict::Unsourced => self.unsourced += 1,
            Verdict::Disputed => self.disputed += 1,
        }
        self.expectations_failed += usize::from(c.ok == Some(false));
    }
}
