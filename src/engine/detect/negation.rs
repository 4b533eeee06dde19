//! Opposite polarity: one says not, the other does not.

use super::{in_scope, text, Detector, Findings, Gate, Pair, Profile, Slot, SLOT};
use crate::analysis::{Analysis, Cue};
use crate::lexicon::Lexicon;

/// Negation cues ("not", "ruled out") in the scope of aligned words.
pub struct Negation;

/// A negation followed by "rather" or "instead" contrasts rather than denies:
/// "not a mass of soldiers but rather units at key points".
fn contrastive(a: &Analysis, cue: &Cue) -> bool {
    a.tokens.iter().skip(cue.last + 1).take(12).any(|t| matches!(t.lower.as_str(), "rather" | "instead"))
}

/// The cues that negate: a cue that governs the next one within two words
/// ("refused to rule out", "did not rule out") negates it, and the two cancel.
fn negating<'a>(cues: impl Iterator<Item = &'a Cue>) -> Vec<&'a Cue> {
    let mut out: Vec<&Cue> = Vec::new();
    for cue in cues {
        match out.last() {
            Some(prev) if cue.first > prev.last && cue.first - prev.last <= 2 => {
                out.pop();
            }
            _ => out.push(cue),
        }
    }
    out
}

// A negation bears on what follows it ("not contributing troops"), and the
// sentence must be the same statement, negated.
static PROFILE: Profile = Profile {
    gate: Gate::Statement,
    slot: Slot { reach: SLOT, scope: true, needed: 1 },
    flips_polarity: true,
    ..Profile::new("negation", 0.85)
};

impl Detector for Negation {
    fn profile(&self) -> &'static Profile {
        &PROFILE
    }

    fn anchors(&self, claim: &Analysis, _: &Lexicon) -> Vec<(usize, usize)> {
        claim.negations.iter().map(|c| (c.first, c.last)).collect()
    }

    fn detect(&'static self, pair: &Pair, findings: &mut Findings) {
        let (claim, source) = (pair.claim, pair.source);
        let claim_cues = negating(claim.negations.iter().filter(|c| !contrastive(claim, c)));
        let source_cues = negating(in_scope(&source.negations, pair).filter(|c| !contrastive(source, c)));
        // Negated on both sides or neither: the same polarity. (Counting cues
        // for parity misreads a long sentence with two negations of two things.)
        if claim_cues.is_empty() == source_cues.is_empty() {
            return;
        }
        match (claim_cues.first(), source_cues.first()) {
            (_, Some(c)) if claim_cues.is_empty() => findings.conflict(
                self,
                "negation: the source says \u{201C}{source}\u{201D} where the claim does not",
                vec![("source", text(source.surface(c.first, c.last)))],
                None,
                Some((c.first, c.last)),
            ),
            (Some(c), _) => findings.conflict(
                self,
                "negation: the claim says \u{201C}{claim}\u{201D} where the source does not",
                vec![("claim", text(claim.surface(c.first, c.last)))],
                Some((c.first, c.last)),
                None,
            ),
            _ => {}
        }
    }
}
