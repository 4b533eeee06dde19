//! Words that judge one thing in opposite ways: "Moscow would welcome a
//! Western military presence" against "Moscow has condemned any Western
//! military presence".

use super::{substitution, text, Detector, Findings, Pair, Profile};
use crate::analysis::Analysis;
use crate::lexicon::wordnet::WordNet;

/// A claim word whose slot the sentence fills with a word of the opposite
/// valence (`data/valence.txt`, at least [`JUDGES`] either way) and the same
/// part of speech, neither or both of them negated.
pub struct Valence;

static PROFILE: Profile = Profile::new("valence", 0.7);

/// The weakest valence, either way, that judges a thing ("matter", 1, does not).
const JUDGES: i8 = 2;

/// Whether two words share a part of speech in WordNet: one sort of word
/// (two verbs, two adjectives), not a verb against a noun.
fn same_sort(a: &str, b: &str) -> bool {
    let wordnet = WordNet::builtin();
    let sorts = |w: &str| wordnet.lemmas(w).iter().map(|(_, pos)| *pos).collect::<Vec<char>>();
    let of_b = sorts(b);
    sorts(a).iter().any(|p| of_b.contains(p))
}

/// Whether a negation cue bears on token `i`: just before it, or right after ("rejected not").
fn negated(a: &Analysis, i: usize) -> bool {
    a.negations.iter().any(|c| (c.last < i && i - c.last <= 3) || c.first == i + 1)
}

impl Detector for Valence {
    fn profile(&self) -> &'static Profile {
        &PROFILE
    }

    fn detect(&'static self, pair: &Pair, findings: &mut Findings) {
        let (claim, source, lexicon) = (pair.claim, pair.source, pair.lexicon);
        for (c, between) in substitution::slots(claim, source, pair.alignment, lexicon) {
            let ci = claim.terms[c].first;
            let word = &claim.tokens[ci].lower;
            let Some(said) = lexicon.valence(word).filter(|v| claim.terms[c].last == ci && v.abs() >= JUDGES) else {
                continue;
            };
            let opposed = between.iter().map(|&s| source.terms[s].first).find(|&si| {
                let other = &source.tokens[si].lower;
                lexicon.valence(other).is_some_and(|stated| stated.abs() >= JUDGES && said.signum() != stated.signum())
                    && same_sort(word, other)
                    && negated(claim, ci) == negated(source, si)
            });
            if let Some(si) = opposed {
                findings.conflict(
                    self,
                    "valence: the claim says \u{201C}{claim}\u{201D}, the source says \u{201C}{source}\u{201D}",
                    vec![("claim", text(&claim.tokens[ci].raw)), ("source", text(&source.tokens[si].raw))],
                    Some((ci, ci)),
                    Some((si, si)),
                );
            }
        }
    }
}
