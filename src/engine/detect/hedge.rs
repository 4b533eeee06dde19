//! A hedge (projected, could) against an established fact (took office).

use super::{in_scope, text, Detector, Findings, Pair, Profile, Slot, SLOT};
use crate::analysis::date::speaks_of_future;
use crate::analysis::{Analysis, Cue};
use crate::lexicon::Lexicon;

/// Hedge cues in the claim against fact cues in the sentence.
pub struct Hedge;

// A hedge bears on what follows it: "projected to become Secretary General".
static PROFILE: Profile = Profile { slot: Slot { reach: SLOT, scope: true, needed: 2 }, ..Profile::new("hedge", 0.9) };

impl Detector for Hedge {
    fn profile(&self) -> &'static Profile {
        &PROFILE
    }

    fn anchors(&self, claim: &Analysis, _: &Lexicon) -> Vec<(usize, usize)> {
        claim.hedges.iter().map(|c| (c.first, c.last)).collect()
    }

    fn detect(&'static self, pair: &Pair, findings: &mut Findings) {
        let (claim, source) = (pair.claim, pair.source);
        let source_hedge = bearing(&source.hedges, pair).next();
        match (claim.hedges.first(), source_hedge) {
            (Some(c), None) => {
                if let Some(fact) = in_scope(&source.facts, pair).next() {
                    findings.conflict(
                        self,
                        "hedge against fact: the claim says \u{201C}{claim}\u{201D}, the source states it as fact: \u{201C}{source}\u{201D}",
                        vec![
                            ("claim", text(claim.surface(c.first, c.last))),
                            ("source", text(source.surface(fact.first, fact.last))),
                        ],
                        Some((c.first, c.last)),
                        Some((fact.first, fact.last)),
                    );
                }
            }
            // A claim about the future ("will be held") says no more than a projection ("set to").
            (None, Some(_))
                if speaks_of_future(&claim.tokens)
                    && bearing(&source.hedges, pair).all(|c| source.is_projection(c, pair.lexicon)) => {}
            (None, Some(s)) => findings.hedged_source = Some(source.surface(s.first, s.last).to_string()),
            (None, None) => findings.named_only = only_named(pair),
            _ => {}
        }
    }
}

/// The sentence's hedges that bear on aligned words: ones after the hedge, in
/// its clause ("Poland could send troops"), not only ones before it ("a
/// force that could be sent", when the claim says nothing of sending).
fn bearing<'a>(cues: &'a [Cue], pair: &'a Pair) -> impl Iterator<Item = &'a Cue> {
    cues.iter().filter(move |c| pair.alignment.near_source(pair.source, c.first, c.last, 0, 6))
}

/// Prepositions after which a verb is named as a topic, not done ("cautious
/// about sending", "talk of deploying").
const TOPIC: &[&str] = &["about", "of", "on", "over", "against", "without"];

/// The words that name, without asserting, an act the claim asserts: the
/// claim's verb matched only by a gerund after a preposition ("Poland will
/// send troops" against "Poland has been cautious about sending its troops").
fn only_named(pair: &Pair) -> Option<String> {
    let (claim, source) = (pair.claim, pair.source);
    claim.terms.iter().zip(&pair.alignment.matches).find_map(|(term, m)| {
        let claimed = &claim.tokens[term.first];
        let s = source.terms[(*m)?].first;
        let gerund = source.tokens[s].lower.ends_with("ing") && !claimed.lower.ends_with("ing");
        let before = s.checked_sub(1).map(|p| &source.tokens[p])?;
        (gerund && TOPIC.contains(&before.lower.as_str()) && claimed.kind == crate::text::tokenize::TokenKind::Word)
            .then(|| source.surface(s - 1, s).to_string())
    })
}
