//! The verdict engine's thresholds and policies, in one place: defaults here,
//! overrides in `veracity.toml` under `[check]`, fitted by `veracity eval --tune`.

use serde::{Deserialize, Serialize};

/// Thresholds and limits of the verdict engine; set in `veracity.toml` under `[check]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// Candidate sentences retrieved per claim.
    pub candidates: usize,
    /// Evidence sentences reported per claim.
    pub evidence: usize,
    /// Share of the claim's (weighted) terms a sentence must cover to support it
    /// (0.7: chosen on the blind dev sets among 0.65 to 0.8).
    pub support: f64,
    /// Share a sentence read with the ones before it must cover to support the claim.
    pub support_window: f64,
    /// Share a sentence must cover for a date, hedge, antonym or place conflict to count
    /// (a negation must cover as much as support needs: the same statement, negated).
    pub contradict: f64,
    /// Share a sentence must cover for a number conflict to count (the numbers must also count the same thing).
    pub contradict_quantity: f64,
    /// Share a sentence must cover to be listed as related evidence.
    pub related: f64,
    /// How to decide between sources that disagree: rules tried in order, then the closer match.
    pub resolve: Vec<Resolve>,
    /// Maps the engine's raw confidence to a calibrated one: `[raw, calibrated]`
    /// points, increasing, joined by straight lines (`eval --tune` fits them).
    /// Empty: the raw confidence is reported.
    pub calibration: Vec<[f64; 2]>,
    /// When `unsourced` is not an allowed answer (two-way data): added to the
    /// learned decision's score for `supported` (above 0 leans to it, below
    /// to `contradicted`); `eval --tune` fits it to a data set's balance.
    pub lean: f64,
    /// The date status claims ("X is the current R") are judged as of
    /// (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`); unset: the newest date the sources
    /// are published on or state a tenure from.
    pub as_of: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            candidates: 12,
            evidence: 3,
            support: 0.7,
            support_window: 0.85,
            contradict: 0.65,
            contradict_quantity: 0.4,
            related: 0.3,
            lean: 0.0,
            resolve: vec![Resolve::Dated, Resolve::Trust],
            calibration: Vec::new(),
            as_of: None,
        }
    }
}

/// A rule for deciding between sources that disagree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Resolve {
    /// A dated fact (who took an office when) supersedes a statement that is
    /// not dated ("projected to become", "former").
    Dated,
    /// The more trusted source wins (reference notes outrank articles).
    Trust,
    /// The more recently published source wins (both must be dated). Not in
    /// the default: a later report does not settle a fixed past fact.
    Recency,
}

/// The calibrated value of a raw confidence: straight lines between the
/// points, flat beyond them.
pub fn calibrate(points: &[[f64; 2]], raw: f64) -> f64 {
    let (Some(first), Some(last)) = (points.first(), points.last()) else { return raw };
    let value = if points.len() == 1 || raw <= first[0] {
        first[1]
    } else if raw >= last[0] {
        last[1]
    } else {
        let i = points.partition_point(|p| p[0] <= raw).clamp(1, points.len() - 1);
        let ([x0, y0], [x1, y1]) = (points[i - 1], points[i]);
        if x1 > x0 {
            y0 + (y1 - y0) * (raw - x0) / (x1 - x0)
        } else {
            y1
        }
    };
    value.clamp(0.0, 1.0)
}

impl Settings {
    /// Checks that every threshold is a share in [0, 1], that limits are
    /// sensible and that calibration points are shares in increasing order.
    /// The error names the offending key.
    pub fn validate(&self) -> Result<(), (&'static str, String)> {
        let shares = [
            ("support", self.support),
            ("support_window", self.support_window),
            ("contradict", self.contradict),
            ("contradict_quantity", self.contradict_quantity),
            ("related", self.related),
        ];
        for (key, value) in shares {
            if !(0.0..=1.0).contains(&value) {
                return Err((key, format!("`check.{key}` must be a share from 0 to 1, not {value}")));
            }
        }
        if self.as_of.as_deref().is_some_and(|d| crate::analysis::date::Day::parse(d).is_none()) {
            return Err(("as_of", "`check.as_of` must be a date: YYYY, YYYY-MM or YYYY-MM-DD".into()));
        }
        if !(-5.0..=5.0).contains(&self.lean) {
            return Err(("lean", format!("`check.lean` must be from -5 to 5, not {}", self.lean)));
        }
        if self.candidates == 0 {
            return Err(("candidates", "`check.candidates` must be at least 1".into()));
        }
        if !(1..=10).contains(&self.evidence) {
            return Err(("evidence", format!("`check.evidence` must be from 1 to 10, not {}", self.evidence)));
        }
        let shares_ok = self.calibration.iter().flatten().all(|v| (0.0..=1.0).contains(v));
        let ordered = self.calibration.windows(2).all(|w| w[0][0] <= w[1][0]);
        if !shares_ok || !ordered {
            return Err((
                "calibration",
                "`check.calibration` must be [raw, calibrated] pairs of shares from 0 to 1, raw increasing".into(),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_settings_are_named() {
        let nan = Settings { calibration: vec![[f64::NAN, 0.5]], ..Settings::default() };
        assert_eq!(nan.validate().unwrap_err().0, "calibration");
        assert_eq!(calibrate(&nan.calibration, 0.7), 0.5, "no panic on what validation would reject");
        assert_eq!(Settings { support: 7.0, ..Settings::default() }.validate().unwrap_err().0, "support");
        assert_eq!(Settings { evidence: 20, ..Settings::default() }.validate().unwrap_err().0, "evidence");
        assert!(Settings::default().validate().is_ok());
    }

    #[test]
    fn calibration_interpolates_between_points() {
        let points = [[0.5, 0.4], [0.9, 0.8]];
        assert_eq!(calibrate(&[], 0.7), 0.7);
        assert!((calibrate(&points, 0.7) - 0.6).abs() < 1e-9);
        assert_eq!(calibrate(&points, 0.1), 0.4);
        assert_eq!(calibrate(&points, 0.95), 0.8);
    }
}
