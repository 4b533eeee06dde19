//! Retrieval per claim: the claim's terms (with spellings of its names the
//! index knows), then, for a long claim, each slot where it may clash, and
//! the following sentence of each hit when that one refers back to it.

use super::align::FUZZY_NAME;
use super::detect::REGISTRY;
use super::Checker;
use crate::analysis::Analysis;
use crate::index::SentenceId;
use crate::lexicon::Term;

/// Words either side of an anchor that make up its slot in a long claim.
pub const SLOT: usize = super::detect::SLOT;
/// Candidates retrieved for each slot of a long claim.
const SLOT_CANDIDATES: usize = 4;

/// Whether term `t` lies within `before` tokens before or `after` tokens after
/// the anchor `[first, last]`, in its clause.
pub fn in_slot(claim: &Analysis, t: &Term, (first, last): (usize, usize), before: usize, after: usize) -> bool {
    t.last + before >= first
        && t.first <= last + after
        && !claim.clause_break_between(t.first.min(first), t.first.max(first))
}

impl Checker<'_> {
    /// The sentences worth measuring the claim against, in retrieval order
    /// (duplicates are dropped when measuring).
    pub(super) fn candidates(&self, claim: &Analysis) -> Vec<SentenceId> {
        let index = self.retriever;
        let mut query: Vec<String> = claim.terms.iter().map(|t| t.key.clone()).collect();
        for term in &claim.terms {
            if claim.tokens[term.first].is_capitalized() && !index.contains(&term.key) {
                query.extend(index.similar_terms(&term.key, FUZZY_NAME));
            }
        }
        let mut hits = index.search(&query, self.settings.candidates);
        // A long claim is also looked up slot by slot: the words around each
        // place a detector may find a clash.
        for slot in self.slots(claim) {
            hits.extend(index.search(&slot, SLOT_CANDIDATES));
        }
        let mut candidates: Vec<SentenceId> = Vec::new();
        for hit in hits {
            candidates.push(hit.sentence);
            // A following sentence that refers back (its window takes in this
            // one, the sentence before it) may complete this one.
            let next = self.store.next(hit.sentence).filter(|&next| self.store.window_start(next).is_some());
            candidates.extend(next);
        }
        candidates
    }

    /// Retrieval queries for the slots of a long claim: the terms within
    /// [`SLOT`] tokens of each detector's anchors, in its clause.
    fn slots(&self, claim: &Analysis) -> Vec<Vec<String>> {
        if claim.terms.len() <= 2 * SLOT {
            return Vec::new();
        }
        REGISTRY
            .iter()
            .flat_map(|d| d.anchors(claim, self.lexicon))
            .map(|anchor| {
                claim
                    .terms
                    .iter()
                    .filter(|t| in_slot(claim, t, anchor, SLOT, SLOT))
                    .map(|t| t.key.clone())
                    .collect::<Vec<String>>()
            })
            .filter(|q| q.len() >= 2)
            .collect()
    }
}
