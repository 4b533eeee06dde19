//! The verdict vocabulary shared by the engine, claims files and reports.

use serde::{Deserialize, Serialize};
use std::fmt;

/// What the sources say about a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// A source sentence states it.
    Supported,
    /// A source sentence states something incompatible.
    Contradicted,
    /// Nothing in the sources settles it.
    Unsourced,
    /// Sources of comparable standing disagree, and neither trust nor a dated
    /// fact settles which is right.
    Disputed,
}

impl Verdict {
    /// All verdicts, in report order.
    pub const ALL: [Verdict; 4] = [Verdict::Supported, Verdict::Contradicted, Verdict::Unsourced, Verdict::Disputed];

    /// The lower-case name used in files and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Supported => "supported",
            Verdict::Contradicted => "contradicted",
            Verdict::Unsourced => "unsourced",
            Verdict::Disputed => "disputed",
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How one evidence sentence bears on a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    /// It states the claim.
    Supports,
    /// It states something incompatible with the claim.
    Contradicts,
    /// It is about the claim but settles nothing.
    Related,
}
