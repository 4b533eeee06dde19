//! Another number for the same thing: "31 members" against "32 members".

use super::{compare_values, Detector, Findings, Gate, Pair, Slot, Stated, SLOT};
use crate::analysis::quantity::Quantity;
use crate::analysis::Analysis;
use crate::lexicon::Lexicon;

/// Numbers, read as intervals with units.
pub struct Number;

impl Stated for Quantity {
    fn tokens(&self) -> (usize, usize) {
        (self.first, self.last)
    }
}

impl Detector for Number {
    fn name(&self) -> &'static str {
        "number"
    }

    fn weight(&self) -> f64 {
        0.95
    }

    fn gate(&self) -> Gate {
        Gate::Quantity
    }

    /// A number's slot is the few words that say what it counts.
    fn slot(&self) -> Slot {
        Slot { reach: SLOT / 2, scope: false, needed: 2 }
    }

    fn same_event_only(&self) -> bool {
        true
    }

    fn anchors(&self, claim: &Analysis, _: &Lexicon) -> Vec<(usize, usize)> {
        claim.quantities.iter().map(|q| (q.first, q.last)).collect()
    }

    fn detect(&'static self, pair: &Pair, findings: &mut Findings) {
        compare_values(
            (self, "number: the claim says \u{201C}{claim}\u{201D}, the source says \u{201C}{source}\u{201D}"),
            (&pair.claim.quantities, &pair.source.quantities),
            pair,
            |a, b| a.comparable(b),
            |a, b| a.compatible(b),
            findings,
        );
    }
}
