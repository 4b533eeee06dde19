//! Two-way answers: when `unsourced` is not allowed (data labelled only
//! supported or contradicted), which way evidence that settles nothing leans.

use super::{Assessment, Checker};
use crate::analysis::Analysis;
use crate::model::{Reason, ReasonKind, Value, Verdict};

impl Checker<'_> {
    /// Maps a verdict outside the allowed labels to the allowed one the
    /// evidence leans to; returns it and, when forced, the margin it won by.
    pub(super) fn allowed(
        &self,
        claim: &Analysis,
        verdict: Verdict,
        all: &[Assessment],
        reasons: &mut Vec<Reason>,
    ) -> (Verdict, Option<f64>) {
        if self.labels.contains(&verdict) {
            return (verdict, None);
        }
        let allows = |v| self.labels.contains(&v);
        let not_allowed = || Reason::new(ReasonKind::NotAllowed, "its verdict is not an allowed answer", vec![]);
        let (forced, margin, why) =
            if verdict == Verdict::Unsourced && allows(Verdict::Supported) && allows(Verdict::Contradicted) {
                self.lean(claim, all)
            } else if allows(Verdict::Unsourced) {
                (Verdict::Unsourced, 0.0, not_allowed())
            } else {
                (self.labels[0], 0.0, not_allowed())
            };
        reasons.push(Reason::new(
            ReasonKind::NotAllowed,
            "{verdict} is not an allowed answer here; {forced}, as {why}",
            vec![
                ("verdict", Value::Text(verdict.to_string())),
                ("forced", Value::Text(forced.to_string())),
                ("why", Value::Reasons(vec![why])),
            ],
        ));
        (forced, Some(margin))
    }

    /// Which way evidence that settles nothing leans, for two-way answers: a
    /// weak conflict leans against; otherwise the best sentence's coverage of
    /// the claim's predicate decides, with a name the sentence lacks counting
    /// against. A negated claim leans the other way: evidence that does not
    /// say X is what "not X" expects.
    fn lean(&self, claim: &Analysis, all: &[Assessment]) -> (Verdict, f64, Reason) {
        let negated = claim.negations.len() % 2 == 1;
        if let Some(c) =
            all.iter().find(|a| !a.conflicts.is_empty() && !a.conflicts[0].detector.profile().flips_polarity)
        {
            let against = Reason::new(
                ReasonKind::LeansAgainst,
                "the evidence leans against it: {conflict}",
                vec![("conflict", Value::Reasons(vec![c.conflicts[0].reason.clone()]))],
            );
            return (Verdict::Contradicted, c.coverage / 2.0, against);
        }
        let best = all
            .iter()
            .filter(|a| a.conflicts.iter().all(|c| c.detector.profile().flips_polarity))
            .map(|a| if a.missing_names > 0 { a.predicate / 2.0 } else { a.predicate })
            .fold(0.0, f64::max);
        let choice = self.settings.choice;
        let says_it = best >= choice;
        let margin = (best - choice).abs();
        let template = match (says_it, negated) {
            (_, false) => "the evidence covers {percent}% of what it says of its subject",
            (true, true) => "the evidence covers {percent}% of what it says of its subject, which the claim denies",
            (false, true) => "the evidence covers {percent}% of what it says of its subject, and the claim denies it",
        };
        let why = Reason::new(
            ReasonKind::LeansByCoverage,
            template,
            vec![("percent", Value::Text(format!("{:.0}", best * 100.0)))],
        );
        let verdict = if says_it != negated { Verdict::Supported } else { Verdict::Contradicted };
        (verdict, margin, why)
    }
}
