//! Opposite words: former/current, before/after, aware/unaware.

use super::{text, Detector, Findings, Pair, Profile};
use crate::analysis::Analysis;
use crate::lexicon::Lexicon;

/// Antonyms from `data/antonyms.txt`, negating prefixes and WordNet.
pub struct Antonym;

/// Whether one word is the other with a negating prefix ("unaware", "aware").
fn negated_by_prefix(a: &str, b: &str) -> bool {
    let check = |long: &str, short: &str| {
        ["un", "non", "non-", "dis", "in", "im"]
            .iter()
            .any(|p| long.strip_prefix(p).is_some_and(|rest| rest == short && rest.len() >= 4))
    };
    check(a, b) || check(b, a)
}

/// Particles of phrasal verbs ("held back", "called off").
const PARTICLES: &[&str] = &["back", "off", "on", "up", "down", "out", "in", "over", "away"];

/// Whether token `i` is a particle after a verb ("called off"), not a
/// preposition ("on 28 April") or a word of its own ("advanced").
fn particle(a: &Analysis, i: usize) -> bool {
    let verb = |w: &str| w.ends_with("ed") || crate::lexicon::wordnet::WordNet::builtin().is_irregular_verb(w);
    PARTICLES.contains(&a.tokens[i].lower.as_str()) && i > 0 && verb(&a.tokens[i - 1].lower)
}

/// Whether a negation bears on token `i` ("never been any plan to shut"):
/// a cue at most six tokens before it, in its clause. Its antonym, negated
/// on one side only, says the same ("not shut" / "open").
fn negated(a: &Analysis, i: usize) -> bool {
    a.negations.iter().any(|c| c.last < i && i - c.last <= 6 && !a.clause_break_between(c.last, i))
}

static PROFILE: Profile = Profile::new("antonym", 0.8);

impl Detector for Antonym {
    fn profile(&self) -> &'static Profile {
        &PROFILE
    }

    fn anchors(&self, claim: &Analysis, lexicon: &Lexicon) -> Vec<(usize, usize)> {
        claim.keys.iter().enumerate().filter(|(_, k)| !lexicon.antonyms(k).is_empty()).map(|(i, _)| (i, i)).collect()
    }

    fn detect(&'static self, pair: &Pair, findings: &mut Findings) {
        let (claim, source, alignment) = (pair.claim, pair.source, pair.alignment);
        for (ci, key) in claim.keys.iter().enumerate() {
            if source.keys.contains(key) || !alignment.near_claim(claim, ci, ci, 3, 3) {
                continue;
            }
            let word = &claim.tokens[ci].lower;
            let listed = pair.lexicon.antonyms(key);
            let light = pair.lexicon.is_light(key);
            // A particle is opposed only by a particle: "called off", "called on".
            let is_particle = particle(claim, ci);
            let opposite = source.keys.iter().enumerate().position(|(si, k)| {
                (!is_particle || particle(source, si))
                    && (listed.contains(k)
                        || negated_by_prefix(word, &source.tokens[si].lower)
                        || !light && claim.words[ci].is_antonym_of(&source.words[si]))
                    && alignment.near_source(source, si, si, 3, 3)
            });
            if let Some(si) = opposite.filter(|&si| negated(claim, ci) == negated(source, si)) {
                findings.conflict(
                    self,
                    "antonym: the claim says \u{201C}{claim}\u{201D}, the source says \u{201C}{source}\u{201D}",
                    vec![("claim", text(&claim.tokens[ci].raw)), ("source", text(&source.tokens[si].raw))],
                    Some((ci, ci)),
                    Some((si, si)),
                );
            }
        }
    }
}
