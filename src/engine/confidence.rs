//! How sure the engine is of a verdict, before calibration.

use super::{Assessment, Checker};
use crate::analysis::Analysis;
use crate::model::Verdict;

impl Checker<'_> {
    /// The raw confidence: how much of the claim the deciding sentence covers,
    /// how decisive its strongest conflict is, and how trusted its source;
    /// for no verdict, how far the closest sentence is from the claim.
    pub(super) fn confidence(
        &self,
        claim: &Analysis,
        verdict: Verdict,
        deciding: Option<&Assessment>,
        closest: Option<&Assessment>,
        conflict: bool,
    ) -> f64 {
        let raw = match (verdict, deciding) {
            (Verdict::Supported | Verdict::Disputed, Some(d)) => {
                (0.45 + 0.5 * d.coverage) * (0.85 + 0.15 * self.trust(d))
            }
            (Verdict::Contradicted, Some(d)) => {
                let dated = if d.dated.is_some() { 0.9 } else { 0.0 };
                let strength = d.conflicts.iter().map(|c| c.detector.profile().weight).fold(dated, f64::max);
                strength * (0.55 + 0.45 * d.coverage) * (0.85 + 0.15 * self.trust(d))
            }
            _ => {
                let near = closest.map_or(0.0, |a| a.coverage);
                if claim.terms.is_empty() {
                    0.5
                } else {
                    0.95 - 0.5 * near
                }
            }
        };
        let raw = if conflict { raw * 0.85 } else { raw };
        raw.clamp(0.0, 1.0)
    }
}
