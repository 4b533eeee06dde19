//! The learned decision: a verdict from features of the judged sentences
//! (how much of the claim the closest unblocked sentence covers, the
//! strongest conflict and its detector, the rules' own verdict, …) through a
//! multinomial logistic model. `scripts/train-decision.sh` fits its weights
//! on the dev splits and writes them to `data/decision.toml`, which is
//! compiled in. It makes forced choices ([`super::lean`]): where unsourced is
//! not an answer. Where it is, the rules decide: on the dev sets the model did
//! not beat them there (EVALUATION.md).

use super::detect::REGISTRY;
use super::{Assessment, Checker};
use crate::analysis::Analysis;
use crate::lexicon::vectors::{cosine, Vectors};
use crate::model::{Reason, ReasonKind, Stance, Value, Verdict};
use std::collections::BTreeMap;
use std::sync::LazyLock;

const WEIGHTS: &str = include_str!("../../data/decision.toml");

/// A claim's features: names and values, in a fixed order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Features(pub Vec<(String, f64)>);

impl serde::Serialize for Features {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, value) in &self.0 {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

impl Features {
    fn push(&mut self, name: impl Into<String>, value: f64) {
        self.0.push((name.into(), value));
    }
}

/// What the learned decision chose and what weighed most.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    /// The verdict.
    pub verdict: Verdict,
    /// Its probability among the admitted verdicts.
    pub probability: f64,
    /// The next most likely admitted verdict and its probability.
    pub runner_up: Option<(Verdict, f64)>,
    /// The features that pushed most towards the verdict over the runner-up:
    /// name, value, contribution (largest first; at most three).
    pub weighed: Vec<(String, f64, f64)>,
}

/// A multinomial logistic model: a bias and a weight per feature for each verdict.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    classes: Vec<(Verdict, BTreeMap<String, f64>)>,
}

static BUILTIN: LazyLock<Option<Model>> = LazyLock::new(|| Model::parse(WEIGHTS).ok());

impl Model {
    /// The weights compiled in (`data/decision.toml`).
    pub fn builtin() -> Option<&'static Model> {
        BUILTIN.as_ref()
    }

    /// Reads weights: a table per verdict of `feature = weight`, with `bias`.
    pub fn parse(text: &str) -> Result<Model, String> {
        let tables: BTreeMap<Verdict, BTreeMap<String, f64>> = toml::from_str(text).map_err(|e| e.to_string())?;
        Ok(Model { classes: tables.into_iter().collect() })
    }

    /// The feature names the weights name (besides `bias`).
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.classes.iter().flat_map(|(_, w)| w.keys().map(String::as_str)).filter(|n| *n != "bias")
    }

    /// A verdict's weights, if it has any.
    fn weights(&self, verdict: Verdict) -> Option<&BTreeMap<String, f64>> {
        self.classes.iter().find(|(v, _)| *v == verdict).map(|(_, w)| w)
    }

    fn score(&self, verdict: Verdict, x: &Features) -> Option<f64> {
        let w = self.weights(verdict)?;
        Some(
            w.get("bias").copied().unwrap_or(0.0)
                + x.0.iter().map(|(n, v)| w.get(n).copied().unwrap_or(0.0) * v).sum::<f64>(),
        )
    }

    /// The most probable of the `admitted` verdicts (softmax over them), in
    /// the order given on a tie, with `lean` added to supported's score;
    /// `None` when none has weights.
    pub fn choose(&self, x: &Features, admitted: &[Verdict], lean: f64) -> Option<Choice> {
        let shift = |v: Verdict| if v == Verdict::Supported { lean } else { 0.0 };
        let scored: Vec<(Verdict, f64)> =
            admitted.iter().filter_map(|&v| Some((v, self.score(v, x)? + shift(v)))).collect();
        let top = scored.iter().map(|s| s.1).fold(f64::NEG_INFINITY, f64::max);
        let total: f64 = scored.iter().map(|s| (s.1 - top).exp()).sum();
        let mut ranked: Vec<(Verdict, f64)> = scored.iter().map(|&(v, s)| (v, (s - top).exp() / total)).collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
        let (verdict, probability) = *ranked.first()?;
        let runner_up = ranked.get(1).copied();
        let mut weighed: Vec<(String, f64, f64)> = match runner_up {
            Some((other, _)) => {
                let weight = |v: Verdict, n: &str| self.weights(v).and_then(|w| w.get(n)).copied().unwrap_or(0.0);
                x.0.iter()
                    .map(|(n, value)| (n.clone(), *value, (weight(verdict, n) - weight(other, n)) * value))
                    .filter(|w| w.2 > 0.0)
                    .collect()
            }
            None => Vec::new(),
        };
        weighed.sort_by(|a, b| b.2.total_cmp(&a.2));
        weighed.truncate(3);
        Some(Choice { verdict, probability, runner_up, weighed })
    }
}

impl Checker<'_> {
    /// The features of a claim's judged sentences (`all`, ranked best first)
    /// and of the rules' verdict.
    pub(super) fn features(&self, claim: &Analysis, all: &[Assessment], rules: Verdict) -> Features {
        let mut x = Features::default();
        // The best sentence nothing blocks from supporting the claim, and the
        // best with a conflict, counted or not.
        let clean = all.iter().find(|a| a.stance == Stance::Supports || (a.stance == Stance::Related && !a.blocked));
        let conflict = all
            .iter()
            .find(|a| a.stance == Stance::Contradicts)
            .or_else(|| all.iter().find(|a| !a.conflicts.is_empty()));
        x.push("support_coverage", clean.map_or(0.0, |a| a.coverage));
        x.push("support_predicate", clean.map_or(0.0, |a| a.predicate));
        x.push("support_similarity", clean.map_or(0.0, |a| self.similarity(claim, a)));
        let paraphrases = clean.map_or(0, |a| a.reasons.iter().filter(|r| r.kind == ReasonKind::Paraphrase).count());
        x.push("support_paraphrases", (paraphrases as f64 / 3.0).min(1.0));
        x.push("support_by_rules", f64::from(u8::from(clean.is_some_and(|a| a.stance == Stance::Supports))));
        x.push("support_trust", clean.map_or(0.0, |a| self.trust(a)));
        let counted = conflict.is_some_and(|a| a.stance == Stance::Contradicts);
        x.push("conflict_coverage", conflict.map_or(0.0, |a| a.coverage));
        x.push("conflict_counted", f64::from(u8::from(counted)));
        x.push("conflict_dated", f64::from(u8::from(conflict.is_some_and(|a| a.dated.is_some()))));
        for detector in REGISTRY {
            let name = detector.profile().name;
            let found = conflict.is_some_and(|a| a.conflicts.iter().any(|c| c.detector.profile().name == name));
            x.push(format!("conflict_{name}"), f64::from(u8::from(found)));
        }
        let blocked = all.iter().find(|a| a.stance == Stance::Related && a.blocked && a.conflicts.is_empty());
        x.push("blocked_coverage", blocked.map_or(0.0, |a| a.coverage));
        x.push("closest_coverage", all.first().map_or(0.0, |a| a.coverage));
        x.push("closest_predicate", all.iter().map(|a| a.predicate).fold(0.0, f64::max));
        x.push("claim_negated", f64::from(u8::from(claim.negations.len() % 2 == 1)));
        x.push("claim_length", ((1 + claim.terms.len()) as f64).ln() / 3.0);
        for verdict in Verdict::ALL {
            x.push(format!("rules_{verdict}"), f64::from(u8::from(rules == verdict)));
        }
        x
    }

    /// The cosine of the claim's and the sentence's content words, each side
    /// the mean of its words' static vectors.
    fn similarity(&self, claim: &Analysis, a: &Assessment) -> f64 {
        let vectors = Vectors::builtin();
        let mean = |text: &Analysis| vectors.mean(text.terms.iter().map(|t| text.tokens[t.first].lower.as_str()));
        match (mean(claim), mean(&self.store.reading(a.sentence))) {
            (Some(c), Some(s)) => f64::from(cosine(&c, &s)),
            _ => 0.0,
        }
    }
}

/// The reason a learned decision gives: the verdict's probability, the
/// runner-up's, and the features that weighed most; where it differs from the
/// `rules`' verdict, that verdict, and whether it was an `allowed` answer.
pub(super) fn reason(choice: &Choice, rules: Verdict, allowed: bool) -> Reason {
    let weighed = choice.weighed.iter().map(|(name, value, _)| format!("{name} {value:.2}")).collect::<Vec<_>>();
    let percent = |p: f64| Value::Text(format!("{:.0}", p * 100.0));
    let (other, q) = choice.runner_up.unwrap_or((choice.verdict, 0.0));
    let template = match (rules == choice.verdict, allowed) {
        (true, _) => "the learned decision says {verdict} ({p}%) over {other} ({q}%), weighing most {features}",
        (false, false) => "the rules found it {rules}, not an allowed answer; the learned decision says {verdict} ({p}%) over {other} ({q}%), weighing most {features}",
        (false, true) => "the rules found it {rules}; the learned decision says {verdict} ({p}%) over {other} ({q}%), weighing most {features}",
    };
    Reason::new(
        ReasonKind::Decision,
        template,
        vec![
            ("rules", Value::Text(rules.to_string())),
            ("verdict", Value::Text(choice.verdict.to_string())),
            ("p", percent(choice.probability)),
            ("other", Value::Text(other.to_string())),
            ("q", percent(q)),
            ("features", Value::Words(weighed)),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_choice_is_the_most_probable_admitted_verdict() {
        let model =
            Model::parse("[supported]\nbias = 0.0\nx = 2.0\n[unsourced]\nbias = 1.0\n[contradicted]\nbias = 5.0\n")
                .unwrap();
        let x = Features(vec![("x".into(), 1.0)]);
        let choice = model.choose(&x, &[Verdict::Supported, Verdict::Unsourced], 0.0).unwrap();
        assert_eq!(choice.verdict, Verdict::Supported, "contradicted is not admitted");
        assert!((choice.probability - 1.0 / (1.0 + (-1.0_f64).exp())).abs() < 1e-9);
        assert_eq!(choice.weighed, vec![("x".to_string(), 1.0, 2.0)]);
        assert_eq!(model.choose(&x, &[Verdict::Unsourced], 0.0).unwrap().runner_up, None);
        assert!(Model::parse("[maybe]\nbias = 1.0\n").is_err());
    }

    #[test]
    fn the_reason_says_what_the_rules_found_only_where_it_differs() {
        let choice = Choice {
            verdict: Verdict::Supported,
            probability: 0.8,
            runner_up: Some((Verdict::Contradicted, 0.2)),
            weighed: vec![],
        };
        let said = |rules, allowed| reason(&choice, rules, allowed).message();
        assert!(said(Verdict::Supported, true).starts_with("the learned decision says supported (80%)"));
        assert!(said(Verdict::Unsourced, false).starts_with("the rules found it unsourced, not an allowed answer;"));
        assert!(said(Verdict::Contradicted, true).starts_with("the rules found it contradicted; the learned"));
    }
}
