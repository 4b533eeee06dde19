//! Scores of predictions: accuracy, macro-F1, per-label precision, recall
//! and F1, the confusion matrix, and calibration (its error, and a fitted map).

use super::Prediction;
use crate::model::Verdict;
use serde::Serialize;
use std::collections::BTreeMap;

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

/// Scores without the per-kind breakdown.
pub(super) fn score_flat(predictions: &[Prediction]) -> Scores {
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
    let n = predictions.len().max(1) as f64;
    deciles(predictions)
        .iter()
        .filter(|(count, _, _)| *count > 0)
        .map(|&(count, conf, right)| (count as f64 / n) * (conf / count as f64 - right as f64 / count as f64).abs())
        .sum::<f64>()
        + 0.0 // an empty sum is -0.0
}

/// Predictions in 10 equal-width confidence bins: how many, their summed
/// confidence, and how many are right.
fn deciles(predictions: &[Prediction]) -> [(usize, f64, usize); 10] {
    let mut bins = [(0usize, 0.0f64, 0usize); 10];
    for p in predictions {
        let b = ((p.confidence * 10.0) as usize).min(9);
        bins[b].0 += 1;
        bins[b].1 += p.confidence;
        bins[b].2 += usize::from(p.label == p.predicted);
    }
    bins
}

/// Fits a calibration map from predictions: the share right per confidence
/// decile, made non-decreasing by pooling adjacent deciles that disagree
/// (isotonic regression), as `[mean raw confidence, share right]` points.
pub fn fit_calibration(predictions: &[Prediction]) -> Vec<[f64; 2]> {
    // Pools of adjacent deciles: (count, sum of confidence, right).
    let mut pools: Vec<(usize, f64, usize)> = Vec::new();
    for bin in deciles(predictions).into_iter().filter(|b| b.0 > 0) {
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
            features: Default::default(),
        }
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
}
