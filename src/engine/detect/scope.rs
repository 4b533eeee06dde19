//! A quantifier's scope against the sentence's: "only European countries"
//! against "European and also non-European countries"; "only one of the
//! three" against "all three".

use super::{text, Detector, Findings, Pair, Profile, Slot, SLOT};
use crate::analysis::quantity::is_number_word;
use crate::analysis::{Analysis, Prepared, Side};
use crate::lexicon::Lexicon;

/// "Only" in the claim against "all" or "non-" in the sentence.
pub struct Scope;

/// Words that count everything the claim's "only" leaves out.
const ALL: &[&str] = &["all", "both", "every", "each"];

// "Only" bears on what follows it.
static PROFILE: Profile = Profile { slot: Slot { reach: SLOT, scope: true, needed: 1 }, ..Profile::new("scope", 0.8) };

/// A text's "only": its token, the token it restricts, and whether that is a count ("only one").
struct Restriction {
    only: usize,
    restricted: usize,
    counted: bool,
}

/// The "only" of a text, each with the token it restricts.
fn restrictions(text: &Analysis) -> Vec<Restriction> {
    let tokens = &text.tokens;
    (0..tokens.len().saturating_sub(1))
        .filter(|&only| tokens[only].lower == "only")
        .map(|only| Restriction { only, restricted: only + 1, counted: is_number_word(&tokens[only + 1]) })
        .collect()
}

impl Detector for Scope {
    fn profile(&self) -> &'static Profile {
        &PROFILE
    }

    fn anchors(&self, claim: &Analysis, _: &Lexicon) -> Vec<(usize, usize)> {
        restrictions(claim).iter().map(|r| (r.only, r.only)).collect()
    }

    fn prepare(&self, text: &Analysis, side: Side) -> Option<Prepared> {
        let found = if side == Side::Claim { restrictions(text) } else { Vec::new() };
        (!found.is_empty()).then(|| Box::new(found) as Prepared)
    }

    fn detect(&'static self, pair: &Pair, findings: &mut Findings) {
        let (claim, source, lexicon) = (pair.claim, pair.source, pair.lexicon);
        for &Restriction { only, restricted, counted } in
            pair.claim_prepared::<Vec<Restriction>>().into_iter().flatten()
        {
            let key = lexicon.key(&claim.tokens[restricted].lower);
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
