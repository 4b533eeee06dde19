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

/// The key of the content word just before a quantity (within two words):
/// what it is the figure of ("borrow £30 million", "a £48 million").
fn lead(a: &Analysis, q: &Quantity) -> Option<String> {
    a.terms.iter().rev().find(|t| t.last < q.first && t.last + 3 >= q.first).map(|t| t.key.clone())
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
        let (claim, source) = (pair.claim, pair.source);
        // Where the sentence has a figure in the claim's figure's place (after
        // the same word: "borrow £12 million", "borrow £30 million"), that
        // figure is the one to compare, not another of the same kind.
        let in_place = |c: &Quantity| {
            let word = lead(claim, c)?;
            source.quantities.iter().find(|s| c.comparable(s) && lead(source, s).as_deref() == Some(word.as_str()))
        };
        compare_values(
            (self, "number: the claim says \u{201C}{claim}\u{201D}, the source says \u{201C}{source}\u{201D}"),
            (&claim.quantities, &source.quantities),
            pair,
            |a, b| a.comparable(b) && in_place(a).is_none_or(|p| std::ptr::eq(p, b)),
            |a, b| a.compatible(b),
            findings,
        );
    }
}
