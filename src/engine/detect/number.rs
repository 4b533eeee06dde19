//! Another number for the same thing: "31 members" against "32 members".

use super::{compare_values, Detector, Findings, Gate, Pair, Profile, Slot, Stated, SLOT};
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

// A number's slot is the few words that say what it counts; only a number
// about the same event conflicts.
static PROFILE: Profile = Profile {
    gate: Gate::Quantity,
    slot: Slot { reach: SLOT / 2, scope: false, needed: 2 },
    same_event_only: true,
    needs_participants: true,
    ..Profile::new("number", 0.95)
};

impl Detector for Number {
    fn profile(&self) -> &'static Profile {
        &PROFILE
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
