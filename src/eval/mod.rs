//! Scoring the checker on labelled data: accuracy, macro-F1, per-label
//! precision/recall/F1, the confusion matrix and calibration.

use crate::analysis::Reading;
use crate::diagnostic::{Diagnostic, Severity};
use crate::engine::detect::Registry;
use crate::engine::{Candidate, Checker, Outcome, Settings};
use crate::index::{Bm25Index, Corpus};
use crate::lexicon::Lexicon;
use crate::model::{Report, SourceText, Verdict};
use crate::text::span::Span;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One labelled claim with its own evidence.
#[derive(Debug, Clone, Deserialize)]
pub struct Record {
    /// Identifier.
    pub id: String,
    /// The claim.
    pub claim: String,
    /// The evidence sentences it is judged against.
    #[serde(default)]
    pub evidence: Vec<String>,
    /// The true verdict.
    pub label: Verdict,
    /// A category for the breakdown.
    #[serde(default)]
    pub kind: Option<String>,
}

/// Reads JSON Lines records; every bad line is a located diagnostic.
pub fn parse_records(path: &str, text: &str) -> Result<Vec<Record>, Vec<Diagnostic>> {
    let mut records = Vec::new();
    let mut errors = Vec::new();
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut offset = 0;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += line.len();
        if line.trim().is_empty() {
            continue;
        }
        let whole = Span::new(start, start + line.trim_end().len());
        match serde_json::from_str::<Record>(line) {
            Ok(r) if r.claim.trim().is_empty() => {
                errors.push(Diagnostic::at(
                    Severity::Error,
                    path,
                    text,
                    whole,
                    format!("record `{}` has an empty claim", r.id),
                ));
            }
            Ok(r) => {
                if let Some(first) = seen.insert(r.id.clone(), n + 1) {
                    let message = format!("duplicate id `{}` (first used on line {first})", r.id);
                    errors.push(Diagnostic::at(Severity::Error, path, text, whole, message));
                }
                records.push(r);
            }
            Err(e) => {
                let col_bytes: usize = line.chars().take(e.column().saturating_sub(1)).map(char::len_utf8).sum();
                let at = start + col_bytes.min(line.trim_end().len());
                errors.push(Diagnostic::at(Severity::Error, path, text, Span::new(at, at + 1), e.to_string()));
            }
        }
    }
    if errors.is_empty() {
        Ok(records)
    } else {
        Err(errors)
    }
}

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
        }
    }
}

/// The labels a data set uses: the answers the checker may give on it.
pub fn labels_of(records: &[Record]) -> Vec<Verdict> {
    Verdict::ALL.into_iter().filter(|v| records.iter().any(|r| r.label == *v)).collect()
}

/// Labelled records indexed and measured once, ready to be judged under any settings.
pub struct Evaluation<'r> {
    records: &'r [Record],
    lexicon: &'r Lexicon,
    corpus: Corpus,
    index: Bm25Index,
    measured: Vec<(Reading, Vec<Candidate>)>,
}

impl<'r> Evaluation<'r> {
    /// Indexes every record's evidence as a document of its own and measures
    /// each claim against it. Term weights come from all the records' evidence
    /// together, so that they mean what they do in a corpus.
    pub fn new(records: &'r [Record], lexicon: &'r Lexicon) -> Self {
        let sources = records
            .iter()
            .map(|r| SourceText {
                path: r.id.clone(),
                text: r.evidence.join("\n"),
                original: None,
                meta: Default::default(),
            })
            .collect();
        let corpus = Corpus::build(sources, lexicon, &Registry);
        let index = Bm25Index::of(&corpus);
        let checker = Checker::new(&corpus, &index, lexicon, Settings::default());
        let measured = records
            .iter()
            .zip(&corpus.documents)
            .map(|(r, doc)| {
                let claim = checker.read(&r.claim);
                let candidates = checker.measure(&claim, doc.sentences.clone());
                (claim, candidates)
            })
            .collect();
        Evaluation { records, lexicon, corpus, index, measured }
    }

    /// Judges every record against its own evidence, answering only with `labels`.
    pub fn predict(&self, settings: &Settings, labels: &[Verdict]) -> Vec<Prediction> {
        let checker = Checker::new(&self.corpus, &self.index, self.lexicon, settings.clone()).with_labels(labels);
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
            let scores = score_flat(&self.predict(s, labels));
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
            (|s| &mut s.choice, grid(0.2, 0.9, 0.05)),
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
pub fn from_report(report: &Report) -> Vec<Prediction> {
    report
        .claims
        .iter()
        .filter_map(|c| {
            Some(Prediction {
                id: c.id.clone(),
                label: c.expect?,
                predicted: c.verdict,
                confidence: c.confidence,
                reasons: c.reasons.iter().map(|r| r.message()).collect(),
                kind: None,
                claim: c.text.clone(),
            })
        })
        .collect()
}

/// Precision, recall and F1 of one label.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct LabelScores {
    /// Of the claims predicted with this label, the share that have it.
    pub precision: f64,
    /// Of the claims that have this label, the share predicted with it.
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
    /// Claims that have this label.
    pub support: usize,
}

/// Scores of a set of predictions.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Scores {
    /// Records scored.
    pub total: usize,
    /// Share predicted correctly.
    pub accuracy: f64,
    /// Mean F1 over the labels present in the gold data.
    pub macro_f1: f64,
    /// Per label.
    pub per_label: BTreeMap<Verdict, LabelScores>,
    /// Gold label to predicted label to count.
    pub confusion: BTreeMap<Verdict, BTreeMap<Verdict, usize>>,
    /// Expected calibration error of the confidence (10 equal-width bins).
    pub ece: f64,
    /// The same, per record kind.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub by_kind: BTreeMap<String, Scores>,
}

/// Scores predictions.
pub fn score(predictions: &[Prediction]) -> Scores {
    let mut scores = score_flat(predictions);
    let mut kinds: BTreeMap<String, Vec<Prediction>> = BTreeMap::new();
    for p in predictions {
        if let Some(kind) = &p.kind {
            kinds.entry(kind.clone()).or_default().push(p.clone());
        }
    }
    scores.by_kind = kinds.into_iter().map(|(k, ps)| (k, score_flat(&ps))).collect();
    scores
}

fn score_flat(predictions: &[Prediction]) -> Scores {
    let total = predictions.len();
    let mut confusion: BTreeMap<Verdict, BTreeMap<Verdict, usize>> = BTreeMap::new();
    for p in predictions {
        *confusion.entry(p.label).or_default().entry(p.predicted).or_default() += 1;
    }
    let count = |gold: Option<Verdict>, pred: Option<Verdict>| {
        predictions
            .iter()
            .filter(|p| gold.is_none_or(|g| p.label == g) && pred.is_none_or(|q| p.predicted == q))
            .count()
    };
    let correct = predictions.iter().filter(|p| p.label == p.predicted).count();
    let mut per_label = BTreeMap::new();
    for v in Verdict::ALL {
        let support = count(Some(v), None);
        let predicted = count(None, Some(v));
        if support == 0 && predicted == 0 {
            continue;
        }
        let hits = count(Some(v), Some(v)) as f64;
        let precision = if predicted > 0 { hits / predicted as f64 } else { 0.0 };
        let recall = if support > 0 { hits / support as f64 } else { 0.0 };
        let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
        per_label.insert(v, LabelScores { precision, recall, f1, support });
    }
    let gold: Vec<&LabelScores> = per_label.values().filter(|s| s.support > 0).collect();
    let macro_f1 = if gold.is_empty() { 0.0 } else { gold.iter().map(|s| s.f1).sum::<f64>() / gold.len() as f64 };
    Scores {
        total,
        accuracy: if total > 0 { correct as f64 / total as f64 } else { 0.0 },
        macro_f1,
        per_label,
        confusion,
        ece: expected_calibration_error(predictions),
        by_kind: BTreeMap::new(),
    }
}

/// Mean gap between confidence and accuracy over 10 confidence bins,
/// weighted by how many predictions fall in each.
pub fn expected_calibration_error(predictions: &[Prediction]) -> f64 {
    const BINS: usize = 10;
    let mut bins = [(0usize, 0.0f64, 0usize); BINS];
    for p in predictions {
        let b = ((p.confidence * BINS as f64) as usize).min(BINS - 1);
        bins[b].0 += 1;
        bins[b].1 += p.confidence;
        bins[b].2 += usize::from(p.label == p.predicted);
    }
    let n = predictions.len().max(1) as f64;
    bins.iter()
        .filter(|(count, _, _)| *count > 0)
        .map(|&(count, conf, right)| (count as f64 / n) * (conf / count as f64 - right as f64 / count as f64).abs())
        .sum::<f64>()
        + 0.0 // an empty sum is -0.0
}

/// Fits a calibration map from predictions: the share right per confidence
/// decile, made non-decreasing by pooling adjacent deciles that disagree
/// (isotonic regression), as `[mean raw confidence, share right]` points.
pub fn fit_calibration(predictions: &[Prediction]) -> Vec<[f64; 2]> {
    const BINS: usize = 10;
    // (count, sum of confidence, right)
    let mut bins = vec![(0usize, 0.0f64, 0usize); BINS];
    for p in predictions {
        let b = ((p.confidence * BINS as f64) as usize).min(BINS - 1);
        bins[b].0 += 1;
        bins[b].1 += p.confidence;
        bins[b].2 += usize::from(p.label == p.predicted);
    }
    let mut pools: Vec<(usize, f64, usize)> = Vec::new();
    for bin in bins.into_iter().filter(|b| b.0 > 0) {
        pools.push(bin);
        while pools.len() >= 2 {
            let (n1, c1, r1) = pools[pools.len() - 2];
            let (n2, c2, r2) = pools[pools.len() - 1];
            if r1 as f64 / n1 as f64 <= r2 as f64 / n2 as f64 {
                break;
            }
            pools.truncate(pools.len() - 2);
            pools.push((n1 + n2, c1 + c2, r1 + r2));
        }
    }
    let round = |x: f64| (x * 1000.0).round() / 1000.0;
    pools.into_iter().map(|(n, conf, right)| [round(conf / n as f64), round(right as f64 / n as f64)]).collect()
}

/// The misses the checker was surest of, worst first.
pub fn worst_misses(predictions: &[Prediction], n: usize) -> Vec<&Prediction> {
    let mut misses: Vec<&Prediction> = predictions.iter().filter(|p| p.label != p.predicted).collect();
    misses.sort_by(|a, b| b.confidence.total_cmp(&a.confidence).then(a.id.cmp(&b.id)));
    misses.truncate(n);
    misses
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(label: Verdict, predicted: Verdict, confidence: f64) -> Prediction {
        Prediction {
            id: String::new(),
            label,
            predicted,
            confidence,
            reasons: vec![],
            kind: None,
            claim: String::new(),
        }
    }

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
        let lexicon = Lexicon::builtin();
        let evaluation = Evaluation::new(&records, &lexicon);
        let labels = labels_of(&records);
        let before = score(&evaluation.predict(&Settings::default(), &labels)).macro_f1;
        let tuned = evaluation.tune(&Settings::default(), &labels);
        assert!(score(&evaluation.predict(&tuned, &labels)).macro_f1 >= before);
    }

    #[test]
    fn scores_by_hand() {
        use Verdict::*;
        let preds = [
            p(Supported, Supported, 0.9),
            p(Supported, Unsourced, 0.6),
            p(Contradicted, Contradicted, 0.8),
            p(Contradicted, Supported, 0.7),
        ];
        let s = score(&preds);
        assert_eq!(s.total, 4);
        assert!((s.accuracy - 0.5).abs() < 1e-9);
        let sup = s.per_label[&Supported];
        assert!((sup.precision - 0.5).abs() < 1e-9 && (sup.recall - 0.5).abs() < 1e-9);
        let con = s.per_label[&Contradicted];
        assert!((con.precision - 1.0).abs() < 1e-9 && (con.recall - 0.5).abs() < 1e-9);
        // macro over gold labels (supported, contradicted): (0.5 + 0.667) / 2
        assert!((s.macro_f1 - (0.5 + 2.0 / 3.0) / 2.0).abs() < 1e-9);
        assert_eq!(s.confusion[&Supported][&Unsourced], 1);
        assert_eq!(s.per_label[&Unsourced].support, 0);
    }

    #[test]
    fn calibration_fit_is_monotone_and_honest() {
        use Verdict::*;
        let mut preds = Vec::new();
        for i in 0..10 {
            preds.push(p(Supported, if i < 3 { Supported } else { Unsourced }, 0.95));
            preds.push(p(Supported, if i < 6 { Supported } else { Unsourced }, 0.55));
        }
        let fit = fit_calibration(&preds);
        assert!(fit.windows(2).all(|w| w[0][0] <= w[1][0] && w[0][1] <= w[1][1]), "{fit:?}");
        // The two deciles disagree (0.6 right at 0.55, 0.3 at 0.95), so they pool to 0.45.
        assert_eq!(fit, vec![[0.75, 0.45]]);
    }

    #[test]
    fn calibration_error() {
        use Verdict::*;
        let perfect = [p(Supported, Supported, 1.0), p(Supported, Unsourced, 0.0)];
        assert!(expected_calibration_error(&perfect) < 1e-9);
        let overconfident = [p(Supported, Unsourced, 0.95), p(Supported, Unsourced, 0.95)];
        assert!((expected_calibration_error(&overconfident) - 0.95).abs() < 1e-9);
    }

    #[test]
    fn records_with_located_errors() {
        let text = "{\"id\": \"a\", \"claim\": \"x\", \"evidence\": [\"y\"], \"label\": \"supported\"}\n{\"id\": \"b\", \"label\": \"maybe\"}\n";
        let errors = parse_records("d.jsonl", text).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, Some(2));
        let ok = parse_records("d.jsonl", &text[..text.find('\n').unwrap() + 1]).unwrap();
        assert_eq!(ok[0].label, Verdict::Supported);
    }

    #[test]
    fn duplicate_ids_and_empty_claims_are_errors() {
        let line =
            |id: &str, claim: &str| format!("{{\"id\": \"{id}\", \"claim\": \"{claim}\", \"label\": \"supported\"}}\n");
        let text = line("a", "x y") + &line("a", "y z") + &line("b", " ");
        let errors = parse_records("d.jsonl", &text).unwrap_err();
        let found: Vec<(Option<usize>, bool)> =
            errors.iter().map(|e| (e.line, e.message.contains("duplicate"))).collect();
        assert_eq!(found, [(Some(2), true), (Some(3), false)]);
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
        let lexicon = Lexicon::builtin();
        let evaluation = Evaluation::new(&records, &lexicon);
        let preds = evaluation.predict(&Settings::default(), &Verdict::ALL);
        let got: Vec<Verdict> = preds.iter().map(|p| p.predicted).collect();
        assert_eq!(got, [Verdict::Supported, Verdict::Contradicted, Verdict::Unsourced]);
    }
}
