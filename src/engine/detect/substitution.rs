//! Substitutions: a claim word whose slot the sentence fills with another
//! word ("a man is slicing" / "a woman is slicing"). Not a conflict on its
//! own, but it keeps the sentence from supporting the claim.

use crate::analysis::Analysis;
use crate::engine::align::Alignment;
use crate::lexicon::Lexicon;

/// Claim words whose place the sentence gives to another word: an unmatched
/// claim term between two matched neighbours, where the sentence has an
/// unmatched word between the neighbours' matches ("a man is slicing" / "a
/// woman is slicing"). The sentence says something else in that slot.
pub fn substitutions(
    claim: &Analysis,
    source: &Analysis,
    alignment: &Alignment,
    lexicon: &Lexicon,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (i, between) in slots(claim, source, alignment, lexicon) {
        let term = &claim.terms[i];
        if let [other] = between[..] {
            let other = &source.terms[other];
            // A name stands in for a name of the same sort: a place for a place, not a person.
            let same_sort = lexicon.is_place(&term.key) == lexicon.is_place(&other.key);
            if claim.tokens[term.first].is_capitalized() == source.tokens[other.first].is_capitalized() && same_sort {
                out.push((
                    claim.surface(term.first, term.last).to_string(),
                    source.surface(other.first, other.last).to_string(),
                ));
            }
        }
    }
    out
}

/// Each unmatched claim term (not a light word) with the unmatched sentence
/// terms in its slot: between the matches of its matched neighbours (or
/// within three words of the one it has).
pub fn slots(
    claim: &Analysis,
    source: &Analysis,
    alignment: &Alignment,
    lexicon: &Lexicon,
) -> Vec<(usize, Vec<usize>)> {
    let mut out = Vec::new();
    let matched_at = |i: usize| alignment.matches[i].map(|s| &source.terms[s]);
    for (i, term) in claim.terms.iter().enumerate() {
        if alignment.matches[i].is_some() || alignment.weights[i] == 0.0 || lexicon.is_light(&term.key) {
            continue;
        }
        let left = (0..i).rev().find_map(matched_at);
        let right = (i + 1..claim.terms.len()).find_map(matched_at);
        let (lo, hi) = match (left, right) {
            (Some(l), Some(r)) if l.last < r.first => (l.last + 1, r.first),
            (Some(l), None) => (l.last + 1, (l.last + 4).min(source.tokens.len())),
            (None, Some(r)) => (r.first.saturating_sub(3), r.first),
            _ => continue,
        };
        let between = (0..source.terms.len())
            .filter(|&j| {
                let s = &source.terms[j];
                s.first >= lo && s.last < hi && !alignment.source_tokens[s.first] && !lexicon.is_light(&s.key)
            })
            .collect();
        out.push((i, between));
    }
    out
}
