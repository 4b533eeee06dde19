//! Opposite polarity: one says not, the other does not.

use super::{bears_on, text, Detector, Findings, Gate, Pair, Profile, Slot, SLOT};
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

/// Nouns that stand for an earlier clause ("shell nouns": "ruled out the
/// possibility", "rejected the idea"), and pronouns that do.
const SHELLS: &[&str] =
    &["possibility", "idea", "option", "prospect", "notion", "suggestion", "move", "step", "proposal"];

/// Whether a cue's object refers back ("ruled out the possibility",
/// "rejected it", "declined to do so"): what it negates is said before it,
/// wherever the aligned words are.
fn refers_back(a: &Analysis, cue: &Cue) -> bool {
    let word = |k: usize| a.tokens.get(cue.last + k).map_or("", |t| t.lower.as_str());
    matches!(word(1), "it" | "this" | "that")
        || (word(1) == "to" && word(2) == "do" && word(3) == "so")
        || (matches!(word(1), "the" | "this" | "that" | "such") && SHELLS.contains(&word(2)))
        || (word(1) == "such" && word(2) == "a" && SHELLS.contains(&word(3)))
}

/// Prefixes that negate a word ("unacceptable", "disagree").
const NEGATING_PREFIXES: &[&str] = &["un", "in", "im", "il", "ir", "dis", "non"];

/// Whether the sentence negates a claim word by a prefix: a word that is
/// "un" (etc.) and a word with the claim word's key ("accept", "unacceptable").
fn prefix_negates(pair: &Pair) -> bool {
    let (claim, source, lexicon) = (pair.claim, pair.source, pair.lexicon);
    source.tokens.iter().any(|t| {
        NEGATING_PREFIXES.iter().any(|p| {
            t.lower.strip_prefix(p).is_some_and(|rest| {
                rest.len() >= 4 && claim.terms.iter().any(|c| c.first == c.last && c.key == lexicon.key(rest))
            })
        })
    })
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
        let bearing = |c: &&Cue| bears_on(c, pair) || refers_back(source, c);
        let source_cues = negating(source.negations.iter().filter(bearing).filter(|c| !contrastive(source, c)));
        // Negated on both sides or neither: the same polarity. (Counting cues
        // for parity misreads a long sentence with two negations of two things.)
        // A word negated by its prefix counts: "would not accept", "would be unacceptable".
        let claim_negated = !claim_cues.is_empty();
        let source_negated = !source_cues.is_empty() || (claim_negated && prefix_negates(pair));
        if claim_negated == source_negated {
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
