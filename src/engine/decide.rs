//! Deciding the verdict from the judged sentences: the best of each stance,
//! a disagreement resolved, the evidence in order, and the reasons.

use super::{calibrate, Assessment, Checker, Outcome};
use crate::analysis::Analysis;
use crate::model::{Reason, ReasonKind, Stance, Value, Verdict};
use std::cmp::Ordering;

impl Checker<'_> {
    /// When no sentence supports the claim and one contradicts it only on a
    /// figure, a sentence of another source that states the claim's figure
    /// (a quantity of the same kind that agrees, "a £48 million expansion"
    /// where another report says £52 million), in a sentence as close to the
    /// claim as the contradicting one, takes the claim's side: the sources
    /// disagree on the figure.
    fn take_the_figure_side(&self, claim: &Analysis, all: &mut [Assessment]) {
        if all.iter().any(|a| a.stance == Stance::Supports) {
            return;
        }
        let contradictions: Vec<&Assessment> = all.iter().filter(|a| a.stance == Stance::Contradicts).collect();
        let only_numbers = |c: &&Assessment| c.conflicts.iter().all(|k| k.detector.profile().name == "number");
        if contradictions.is_empty() || !contradictions.iter().all(only_numbers) {
            return;
        }
        let numbers: Vec<(usize, usize)> =
            contradictions.iter().flat_map(|c| c.conflicts.iter().filter_map(|k| k.claim)).collect();
        let figures: Vec<_> =
            claim.quantities.iter().filter(|q| numbers.iter().any(|&(a, b)| a <= q.first && q.last <= b)).collect();
        let docs: Vec<usize> = contradictions.iter().map(|c| self.store.sentence(c.sentence).doc).collect();
        let closeness = contradictions.iter().map(|c| c.coverage).fold(f64::INFINITY, f64::min);
        let states = |a: &Assessment| {
            let stated = &self.store.reading(a.sentence).quantities;
            !docs.contains(&self.store.sentence(a.sentence).doc)
                && a.stance == Stance::Related
                && a.coverage >= closeness
                && !figures.is_empty()
                && figures.iter().all(|f| stated.iter().any(|q| f.agrees(q)))
        };
        if let Some(a) = all.iter_mut().find(|a| states(a)) {
            a.stance = Stance::Supports;
            a.reasons.insert(
                0,
                Reason::new(
                    ReasonKind::StatesFigure,
                    "states the claim's figure, which another source contradicts",
                    vec![],
                ),
            );
        }
    }

    /// Orders assessments best first: coverage, then trust, then recency, then corpus order.
    fn rank(&self, a: &Assessment, b: &Assessment) -> Ordering {
        b.coverage
            .total_cmp(&a.coverage)
            .then(self.trust(b).total_cmp(&self.trust(a)))
            .then(self.published(b).cmp(&self.published(a)))
            .then(a.sentence.cmp(&b.sentence))
    }

    pub(super) fn decide(&self, claim: &Analysis, mut all: Vec<Assessment>) -> Outcome {
        self.set_apart_other_events(claim, &mut all);
        self.take_the_figure_side(claim, &mut all);
        all.sort_by(|a, b| self.rank(a, b));
        let best_of = |stance| {
            (0..all.len())
                .filter(|&i| all[i].stance == stance)
                .max_by(|&i, &j| self.trust(&all[i]).total_cmp(&self.trust(&all[j])).then(self.rank(&all[j], &all[i])))
        };
        let (support, contra) = (best_of(Stance::Supports), best_of(Stance::Contradicts));
        let mut reasons = Vec::new();
        let rules = match (support, contra) {
            (Some(s), Some(c)) => match self.resolve(&all[s], &all[c], &mut reasons) {
                Some(winner) if winner.stance == Stance::Supports => Verdict::Supported,
                Some(_) => Verdict::Contradicted,
                None if self.labels.contains(&Verdict::Disputed) => Verdict::Disputed,
                // Where disputed is not an answer (two-way data), the closer match decides.
                None if all[s].coverage >= all[c].coverage => Verdict::Supported,
                None => Verdict::Contradicted,
            },
            (Some(_), None) => Verdict::Supported,
            (None, Some(_)) => Verdict::Contradicted,
            (None, None) => Verdict::Unsourced,
        };
        let conflict = support.is_some() && contra.is_some();
        let features = self.features(claim, &all, rules);
        let (verdict, forced) = self.allowed(rules, &features, &mut reasons);
        let deciding = match verdict {
            Verdict::Supported | Verdict::Disputed => support,
            Verdict::Contradicted => contra,
            Verdict::Unsourced => None,
        };
        let deciding = deciding.map(|i| &all[i]);
        let raw = forced.unwrap_or_else(|| self.confidence(claim, verdict, deciding, all.first(), conflict));
        let confidence = (calibrate(&self.settings.calibration, raw) * 100.0).round() / 100.0;
        let side = deciding.map(|d| d.stance);
        // Deciding sentence first, then the other side of a disagreement, then
        // more of the deciding side, then related sentences.
        let order = |a: &Assessment| match a.stance {
            _ if deciding.is_some_and(|d| d.sentence == a.sentence) => 0,
            Stance::Related => 3,
            stance if Some(stance) == side => 2,
            _ => 1,
        };
        let mut evidence: Vec<Assessment> = all
            .iter()
            .filter(|a| a.stance != Stance::Related || a.coverage >= self.settings.related)
            .cloned()
            .collect();
        evidence.sort_by_key(order);
        // A sentence read in a window is shown at the window's first line: a
        // sentence shown there already, alone or in another window, is not
        // shown twice (the one that comes first in this order stays).
        let mut shown = std::collections::HashSet::new();
        evidence.retain(|a| shown.insert(a.window.unwrap_or(a.sentence)));
        evidence.truncate(self.settings.evidence);
        let mut stated: Vec<Reason> = Vec::new();
        // A disputed claim gives the reasons of both sides.
        let stated_side =
            |a: &&Assessment| Some(a.stance) == side || (verdict == Verdict::Disputed && a.stance != Stance::Related);
        for reason in evidence.iter().filter(stated_side).flat_map(|a| &a.reasons) {
            if !stated.contains(reason) && reason.kind != ReasonKind::ReadTogether {
                stated.push(reason.clone());
            }
        }
        if side.is_none() {
            match all.first().filter(|a| a.coverage > 0.0) {
                Some(best) => stated.push(Reason::new(
                    ReasonKind::Unsettled,
                    "no source sentence states or contradicts it; the closest {closest}",
                    vec![("closest", Value::Reasons(best.reasons.clone()))],
                )),
                None => stated.push(Reason::new(
                    ReasonKind::NoOverlap,
                    "no source sentence shares its content words",
                    vec![],
                )),
            }
        }
        stated.extend(reasons);
        Outcome { verdict, confidence, evidence, reasons: stated, conflict, features }
    }
}
