//! Forced answers: when `unsourced` is not allowed (data labelled only
//! supported or contradicted), the learned decision ([`super::decision`])
//! chooses which way the evidence leans.

use super::decision::{self, Features, Model};
use crate::model::{Reason, ReasonKind, Value, Verdict};

impl super::Checker<'_> {
    /// Maps a verdict outside the allowed labels to an allowed one: where the
    /// choice is between supported and contradicted, the learned model makes
    /// it from the evidence's `features` (and the rules' verdict among them);
    /// otherwise unsourced, or the first allowed label. Returns the verdict
    /// and, when forced, how sure the choice is.
    pub(super) fn allowed(
        &self,
        verdict: Verdict,
        features: &Features,
        reasons: &mut Vec<Reason>,
    ) -> (Verdict, Option<f64>) {
        let two_way = !self.labels.contains(&Verdict::Unsourced);
        let learned = two_way.then(|| Model::builtin()?.choose(features, &self.labels, self.settings.lean)).flatten();
        if let Some(choice) = learned {
            reasons.push(decision::reason(&choice, verdict, self.labels.contains(&verdict)));
            return (choice.verdict, Some(choice.probability));
        }
        if self.labels.contains(&verdict) {
            return (verdict, None);
        }
        let forced = if self.labels.contains(&Verdict::Unsourced) { Verdict::Unsourced } else { self.labels[0] };
        reasons.push(Reason::new(
            ReasonKind::NotAllowed,
            "{verdict} is not an allowed answer here; {forced} instead",
            vec![("verdict", Value::Text(verdict.to_string())), ("forced", Value::Text(forced.to_string()))],
        ));
        (forced, Some(0.5))
    }
}
