//! Another share of a group: "most of the staff" against "310 staff, about
//! 120 of them"; "a clear majority backed it" against "by eight votes to
//! three". A share the claim only implies through its own counts ("seven
//! votes to two") is left to the `number` detector.

use super::{compare_values, Detector, Findings, Gate, Pair, Profile, Slot, SLOT};
use crate::analysis::quantity::{implied_by_counts, Quantity, QuantityKind};
use crate::analysis::Analysis;
use crate::lexicon::Lexicon;

/// Shares, read as intervals from 0 to 1.
pub struct Share;

// A share bears on the rest of its clause ("most of [the staff will be new
// recruits]"): the sentence must say that much of the same group, and be
// about the same event.
static PROFILE: Profile = Profile {
    gate: Gate::Statement,
    slot: Slot { reach: 2 * SLOT, scope: true, needed: 2 },
    same_event_only: true,
    needs_participants: true,
    ..Profile::new("share", 0.9)
};

/// The shares a text states in words of their own, not through its counts.
fn stated(text: &Analysis) -> impl Iterator<Item = &Quantity> {
    let all = &text.quantities;
    all.iter().filter(move |q| q.kind == QuantityKind::Share && !implied_by_counts(q, all))
}

impl Detector for Share {
    fn profile(&self) -> &'static Profile {
        &PROFILE
    }

    fn anchors(&self, claim: &Analysis, _: &Lexicon) -> Vec<(usize, usize)> {
        stated(claim).map(|q| (q.first, q.last)).collect()
    }

    fn detect(&'static self, pair: &Pair, findings: &mut Findings) {
        if stated(pair.claim).next().is_none() {
            return;
        }
        // All of a group ("unanimously") is compared with a share the
        // sentence gives; whether it says as much in other words ("all
        // members") is the scope detector's question.
        let shares = pair.source.quantities.iter().any(|s| s.kind == QuantityKind::Share);
        let claimed = stated(pair.claim).filter(|q| q.lo < 1.0 || shares);
        compare_values(
            (self, "share: the claim says \u{201C}{claim}\u{201D}, the source says \u{201C}{source}\u{201D}"),
            (claimed, &pair.source.quantities),
            pair,
            // Every share the sentence has, stated in words or through its counts.
            |_, s| s.kind == QuantityKind::Share,
            |a, b| a.compatible(b),
            findings,
        );
    }
}
