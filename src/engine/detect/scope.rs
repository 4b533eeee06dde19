//! A quantifier's scope against the sentence's: "only European countries"
//! against "European and also non-European countries"; "only one of the
//! three" against "all three".

use super::{text, Detector, Findings, Pair, Profile, Slot, SLOT};
use crate::analysis::Analysis;
use crate::lexicon::Lexicon;

/// "Only" in the claim against "all" or "non-" in the sentence.
pub struct Scope;

/// Words that count everything the claim's "only" leaves out.
const ALL: &[&str] = &["all", "both", "every", "each"];

// "Only" bears on what follows it.
static PROFILE: Profile = Profile { slot: Slot { reach: SLOT, scope: true, needed: 1 }, ..Profile::new("scope", 0.8) };

/// The claim's "only" tokens and the token each restricts.
fn restrictions(claim: &Analysis) -> impl Iterator<Item = (usize, usize)> + '_ {
    claim.tokens.iter().enumerate().filter(|(_, t)| t.lower == "only").filter_map(|(i, _)| {
        let next = i + 1;
        (next < claim.tokens.len()).then_some((i, next))
    })
}

impl Detector for Scope {
    fn profile(&self) -> &'static Profile {
        &PROFILE
    }

    fn anchors(&self, claim: &Analysis, _: &Lexicon) -> Vec<(usize, usize)> {
        restrictions(claim).map(|(i, _)| (i, i)).collect()
    }

    fn detect(&'static self, pair: &Pair, findings: &mut Findings) {
        let (claim, source, lexicon) = (pair.claim, pair.source, pair.lexicon);
        for (only, restricted) in restrictions(claim) {
            let word = &claim.tokens[restricted];
            let counted = word.kind == crate::text::tokenize::TokenKind::Number
                || !crate::analysis::quantity::quantities(&claim.text, &claim.tokens[restricted..=restricted], lexicon)
                    .is_empty();
            let key = lexicon.key(&word.lower);
            // "non-European" where the claim says "only European".
            let outside = source
                .tokens
                .windows(2)
                .position(|w| w[0].lower == "non" && w[1].hyphen_before && lexicon.key(&w[1].lower) == key);
            // "all three" where the claim says "only one".
            let everyone = counted
                .then(|| source.tokens.iter().position(|t| ALL.contains(&t.lower.as_str())))
                .flatten()
                .filter(|&i| pair.alignment.near_source(source, i, i, 0, 3));
            if let Some(at) = outside.map(|i| (i, i + 1)).or(everyone.map(|i| (i, i))) {
                findings.conflict(
                    self,
                    "scope: the claim says \u{201C}{claim}\u{201D}, the source says \u{201C}{source}\u{201D}",
                    vec![
                        ("claim", text(claim.surface(only, restricted))),
                        ("source", text(source.surface(at.0, at.1))),
                    ],
                    Some((only, restricted)),
                    Some(at),
                );
            }
        }
    }
}
