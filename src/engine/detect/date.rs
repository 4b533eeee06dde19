//! Another date: "9 March 2025" against "2 March 2025" (not one a past
//! plan gives: "had been due to open in May").

use super::{compare_values, in_a_past_plan, Detector, Findings, Pair, Profile, Stated};
use crate::analysis::date::DateMention;
use crate::analysis::Analysis;
use crate::lexicon::Lexicon;

/// Dates at day, month or year precision.
pub struct Date;

impl Stated for DateMention {
    fn tokens(&self) -> (usize, usize) {
        (self.first, self.last)
    }
}

// Another date means another event.
static PROFILE: Profile = Profile { another_event: true, needs_participants: true, ..Profile::new("date", 0.95) };

impl Detector for Date {
    fn profile(&self) -> &'static Profile {
        &PROFILE
    }

    fn anchors(&self, claim: &Analysis, _: &Lexicon) -> Vec<(usize, usize)> {
        claim.dates.iter().map(|d| (d.first, d.last)).collect()
    }

    fn detect(&'static self, pair: &Pair, findings: &mut Findings) {
        compare_values(
            (self, "date: the claim says \u{201C}{claim}\u{201D}, the source says \u{201C}{source}\u{201D}"),
            (&pair.claim.dates, &pair.source.dates),
            pair,
            |_, _| true,
            |a, b| a.compatible(b) || in_a_past_plan(pair.source, b.first),
            findings,
        );
    }
}
