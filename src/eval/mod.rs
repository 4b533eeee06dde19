//! Scoring the checker on labelled data: records ([`records`]) are indexed
//! and measured once ([`Evaluation`]), judged under any settings, tuned on a
//! dev split, and scored ([`scores`]).

mod records;
mod scores;

pub use records::{labels_of, parse_records, Record};
pub use scores::{expected_calibration_error, fit_calibration, score, worst_misses, LabelScores, Scores};

use crate::analysis::Reading;
use crate::engine::decision::Features;
use crate::engine::detect::Registry;
use crate::engine::{Candidate, Checker, Outcome, Settings};
use crate::index::{Bm25Index, Corpus};
use crate::lexicon::Lexicon;
use crate::model::{Claim, SourceText, Verdict};
use crate::Engine;
use serde::Serialize;
use std::sync::Arc;

/// The checker's answer on one labelled claim.
#[derive(Debug, Clone, Serialize)]
pub struct Prediction {
    /// The record's id.
    pub id: String,
    /// The true verdict.
    pub label: Verdict,
    /// The checker's verdict.
    pub predicted: Verdict,
    /// The checker's confidence.
    pub confidence: f64,
    /// Why.
    pub reasons: Vec<String>,
    /// The record's category.
    #[serde(skip)]
    pub kind: Option<String>,
    /// The claim, for error listings.
    #[serde(skip)]
    pub claim: String,
    /// What the learned decision reads (for `scripts/train-decision.sh`).
    pub features: Features,
}

impl Prediction {
    fn new(id: String, claim: String, label: Verdict, kind: Option<String>, outcome: Outcome) -> Self {
        Prediction {
            id,
            label,
            predicted: outcome.verdict,
            confidence: outcome.confidence,
            reasons: outcome.reasons.iter().map(|r| r.message()).collect(),
            kind,
            claim,
            features: outcome.features,
        }
    }
}

/// Labelled records indexed and measured once, ready to be judged under any settings.
pub struct Evaluation<'r> {
    records: &'r [Record],
    lexicon: Arc<Lexicon>,
    corpus: Corpus,
    index: Bm25Index,
    measured: Vec<(Reading, Vec<Candidate>)>,
}

impl<'r> Evaluation<'r> {
    /// Indexes every record's evidence as a document of its own and measures
    /// each claim against it. Term weights come from all the records' evidence
    /// together, so that they mean what they do in a corpus. Claims are
    /// measured on every core.
    pub fn new(records: &'r [Record], lexicon: Arc<Lexicon>) -> Self {
        use rayon::prelude::*;
        let sources = records
            .iter()
            .map(|r| SourceText {
                path: r.id.clone(),
                text: r.evidence.join("\n"),
                original: None,
                meta: Default::default(),
            })
            .collect();
        let crate::index::Built { corpus, index, .. } = Corpus::build(sources, lexicon.clone(), &Registry);
        let checker = Checker::new(&corpus, &index, &lexicon, Settings::default());
        let measured = records
            .par_iter()
            .zip(&corpus.documents)
            .map(|(r, doc)| {
                let claim = checker.read(&r.claim);
                let candidates = checker.measure(&claim, doc.sentences.clone().collect());
                (claim, candidates)
            })
            .collect();
        Evaluation { records, lexicon, corpus, index, measured }
    }

    /// Judges every record against its own evidence, answering only with `labels`.
    pub fn predict(&self, settings: &Settings, labels: &[Verdict]) -> Vec<Prediction> {
        let checker = Checker::new(&self.corpus, &self.index, &self.lexicon, settings.clone()).with_labels(labels);
        self.records
            .iter()
            .zip(&self.measured)
            .map(|(r, (claim, candidates))| {
                let outcome = checker.judge(claim, candidates);
                Prediction::new(r.id.clone(), r.claim.clone(), r.label, r.kind.clone(), outcome)
            })
            .collect()
    }

    /// Fits the decision thresholds to these records (coordinate ascent on
    /// macro-F1, then accuracy, over a grid for each threshold, from `start`),
    /// then the confidence calibration.
    pub fn tune(&self, start: &Settings, labels: &[Verdict]) -> Settings {
        let objective = |s: &Settings| {
            let scores = scores::score_flat(&self.predict(s, labels));
            (scores.macro_f1, scores.accuracy)
        };
        let grid = |from: f64, to: f64, step: f64| -> Vec<f64> {
            (0..)
                .map(|i| from + step * f64::from(i))
                .take_while(|v| *v <= to + 1e-9)
                .map(|v| (v * 100.0).round() / 100.0)
                .collect()
        };
        type Knob = fn(&mut Settings) -> &mut f64;
        let knobs: [(Knob, Vec<f64>); 6] = [
            (|s| &mut s.support, grid(0.4, 0.95, 0.05)),
            (|s| &mut s.support_window, grid(0.6, 1.0, 0.05)),
            (|s| &mut s.contradict, grid(0.3, 0.9, 0.05)),
            (|s| &mut s.contradict_quantity, grid(0.2, 0.8, 0.1)),
            (|s| &mut s.related, grid(0.1, 0.5, 0.1)),
            (|s| &mut s.lean, grid(-2.0, 2.0, 0.25)),
        ];
        let mut best = Settings { calibration: Vec::new(), ..start.clone() };
        let mut best_score = objective(&best);
        for _round in 0..2 {
            for (knob, values) in &knobs {
                for &v in values {
                    let mut trial = best.clone();
                    *knob(&mut trial) = v;
                    let score = objective(&trial);
                    if score.0 > best_score.0 + 1e-9 || (score.0 > best_score.0 - 1e-9 && score.1 > best_score.1 + 1e-9)
                    {
                        best = trial;
                        best_score = score;
                    }
                }
            }
        }
        best.calibration = fit_calibration(&self.predict(&best, labels));
        best
    }
}

/// The predictions of a whole-corpus check, for the claims that carry an `expect`.
pub fn from_engine(engine: &Engine, claims: Vec<Claim>) -> Vec<Prediction> {
    let checker = engine.checker();
    claims
        .into_iter()
        .filter_map(|c| {
            let outcome = checker.check(&c.text);
            Some(Prediction::new(c.id, c.text, c.expect?, None, outcome))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tuning_never_does_worse_than_where_it_starts() {
        let records: Vec<Record> = [
            ("NATO has 32 members.", Verdict::Supported),
            ("NATO has 31 members.", Verdict::Contradicted),
            ("NATO is big.", Verdict::Supported),
        ]
        .iter()
        .enumerate()
        .map(|(i, (claim, label))| Record {
            id: i.to_string(),
            claim: (*claim).into(),
            evidence: vec!["NATO has 32 members.".into()],
            label: *label,
            kind: None,
        })
        .collect();
        let evaluation = Evaluation::new(&records, Arc::new(Lexicon::builtin()));
        let labels = labels_of(&records);
        let before = score(&evaluation.predict(&Settings::default(), &labels)).macro_f1;
        let tuned = evaluation.tune(&Settings::default(), &labels);
        assert!(score(&evaluation.predict(&tuned, &labels)).macro_f1 >= before);
    }

    #[test]
    fn checks_each_record_against_its_own_evidence() {
        let records = vec![
            Record {
                id: "1".into(),
                claim: "NATO has 32 members.".into(),
                evidence: vec!["NATO has 32 members.".into()],
                label: Verdict::Supported,
                kind: None,
            },
            Record {
                id: "2".into(),
                claim: "NATO has 31 members.".into(),
                evidence: vec!["NATO has 32 members.".into()],
                label: Verdict::Contradicted,
                kind: None,
            },
            Record {
                id: "3".into(),
                claim: "Japan sent troops.".into(),
                evidence: vec!["NATO has 32 members.".into()],
                label: Verdict::Unsourced,
                kind: None,
            },
        ];
        let evaluation = Evaluation::new(&records, Arc::new(Lexicon::builtin()));
        let preds = evaluation.predict(&Settings::default(), &Verdict::ALL);
        let got: Vec<Verdict> = preds.iter().map(|p| p.predicted).collect();
        assert_eq!(got, [Verdict::Supported, Verdict::Contradicted, Verdict::Unsourced]);
    }
}
