//! CI policy: which claims fail a run. A claim whose verdict differs from its
//! `expect` always does; one without `expect` does when its verdict is listed
//! in `fail_on` (default: contradicted and disputed). A baseline records known findings so
//! that only new ones fail.

use crate::model::Verdict;
use crate::model::{ClaimReport, Report};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// The verdicts that fail a claim without `expect`, by default: a claim the
/// sources contradict, and one they disagree about.
pub fn default_fail_on() -> Vec<Verdict> {
    vec![Verdict::Contradicted, Verdict::Disputed]
}

/// A finding as a baseline remembers it: where it was written, its id, its
/// text and the verdict it got. A changed claim is a new finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Known {
    /// The claims file, or empty for a claim given on the command line.
    pub file: String,
    /// The claim's id.
    pub id: String,
    /// The claim.
    pub text: String,
    /// Its verdict.
    pub verdict: Verdict,
}

/// Recorded findings (`--write-baseline`), to be let through (`--baseline`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    /// The file format's version.
    pub version: u32,
    /// The findings, sorted.
    pub findings: BTreeSet<Known>,
}

impl Default for Baseline {
    fn default() -> Self {
        Baseline { version: 1, findings: BTreeSet::new() }
    }
}

impl Baseline {
    /// The findings of a report whose policy has been applied, those the
    /// policy's baseline let through included.
    pub fn of(report: &Report) -> Baseline {
        let mut baseline = Baseline::default();
        report.claims.iter().for_each(|c| baseline.add(c));
        baseline
    }

    /// Records a claim the policy has judged, if it is a finding (or one the
    /// policy's baseline let through).
    pub fn add(&mut self, claim: &ClaimReport) {
        if claim.finding || claim.baselined {
            self.findings.insert(known(claim));
        }
    }

    /// Reads a baseline file's contents.
    pub fn parse(text: &str) -> Result<Baseline, serde_json::Error> {
        serde_json::from_str(text)
    }

    /// The baseline as a file's contents, with a trailing newline.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }
}

fn known(claim: &ClaimReport) -> Known {
    Known {
        file: claim.location.as_ref().map(|l| l.path.clone()).unwrap_or_default(),
        id: claim.id.clone(),
        text: claim.text.clone(),
        verdict: claim.verdict,
    }
}

/// Which claims fail a run: `fail_on` for claims without `expect`, a failed
/// expectation always, less the findings `baseline` knows.
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    /// Verdicts that make a claim without `expect` a finding.
    pub fail_on: Vec<Verdict>,
    /// Findings to let through.
    pub baseline: Option<Baseline>,
}

impl Default for Policy {
    fn default() -> Self {
        Policy { fail_on: default_fail_on(), baseline: None }
    }
}

impl Policy {
    /// Marks one claim as a finding or not (or as a finding the baseline knows).
    pub fn judge(&self, claim: &mut ClaimReport) {
        let fails = match claim.ok {
            Some(ok) => !ok,
            None => self.fail_on.contains(&claim.verdict),
        };
        claim.baselined = fails && self.baseline.as_ref().is_some_and(|b| b.findings.contains(&known(claim)));
        claim.finding = fails && !claim.baselined;
    }

    /// Marks every claim of `report`.
    pub fn apply(&self, report: &mut Report) {
        for claim in &mut report.claims {
            self.judge(claim);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Location;

    fn claim(id: &str, verdict: Verdict, expect: Option<Verdict>) -> ClaimReport {
        ClaimReport {
            id: id.into(),
            text: format!("text of {id}"),
            verdict,
            confidence: 0.9,
            expect,
            ok: expect.map(|e| e == verdict),
            conflict: false,
            finding: false,
            baselined: false,
            reasons: Default::default(),
            evidence: vec![],
            url: None,
            extra: Default::default(),
            location: Some(Location { path: "c.toml".into(), line: 1, column: 1, line_text: String::new() }),
            marks: vec![],
        }
    }

    fn report(claims: Vec<ClaimReport>) -> Report {
        Report::new(claims, &Default::default())
    }

    #[test]
    fn fail_on_decides_for_claims_without_expect() {
        let mut r = report(vec![
            claim("a", Verdict::Contradicted, None),
            claim("b", Verdict::Unsourced, None),
            claim("c", Verdict::Unsourced, Some(Verdict::Supported)),
            claim("d", Verdict::Contradicted, Some(Verdict::Contradicted)),
        ]);
        Policy::default().apply(&mut r);
        let f: Vec<bool> = r.claims.iter().map(|c| c.finding).collect();
        assert_eq!(f, [true, false, true, false]);
        Policy { fail_on: vec![Verdict::Contradicted, Verdict::Unsourced], baseline: None }.apply(&mut r);
        assert!(r.claims[1].finding);
    }

    #[test]
    fn a_baseline_lets_known_findings_through_but_not_new_ones() {
        let mut old = report(vec![claim("a", Verdict::Contradicted, None)]);
        Policy::default().apply(&mut old);
        let baseline = Baseline::parse(&Baseline::of(&old).to_json()).unwrap();
        let mut new = report(vec![claim("a", Verdict::Contradicted, None), claim("b", Verdict::Contradicted, None)]);
        let policy = Policy { baseline: Some(baseline.clone()), ..Policy::default() };
        policy.apply(&mut new);
        assert!(!new.claims[0].finding && new.claims[0].baselined);
        assert!(new.claims[1].finding);
        // Rewriting the baseline under it keeps the known finding and adds the new one.
        assert_eq!(Baseline::of(&new).findings.len(), 2);
        assert!(Baseline::of(&new).findings.is_superset(&baseline.findings));
    }
}
