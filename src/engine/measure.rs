//! Measuring a claim against candidate sentences: alignment, coverage and
//! the detectors' findings, everything that does not depend on a threshold,
//! so that `eval --tune` can judge the same measurements under many settings.

use super::align::Alignment;
use super::detect::{detect, not_stated, Conflict, Findings};
use super::retrieve::in_slot;
use super::Checker;
use crate::analysis::frame::Frame;
use crate::analysis::{Analysis, Reading};
use crate::index::{SentenceId, Window};
use crate::lexicon::Term;
use crate::model::{Reason, ReasonKind};

/// What a claim and one sentence (or window) share and where they clash,
/// before any threshold is applied.
#[derive(Debug, Clone)]
pub struct Measure {
    pub(super) sentence: SentenceId,
    pub(super) window: Option<SentenceId>,
    pub(super) coverage: f64,
    pub(super) conflict_coverage: f64,
    /// For each conflict, the coverage of the claim's terms around it (its
    /// slot): a long claim can clash in one slot.
    pub(super) local: Vec<f64>,
    /// For each conflict, where its words are.
    pub(super) marks: Vec<Marks>,
    pub(super) predicate: f64,
    pub(super) missing_names: usize,
    /// The claim's names the sentence lacks, as token ranges.
    pub(super) absent_names: Vec<(usize, usize)>,
    /// How many of the claim's names the sentence has.
    pub(super) present_names: usize,
    /// The absent names, and the claim's opening name if the sentence lacks
    /// it, as the claim writes them.
    pub(super) absent_words: Vec<String>,
    /// The doers the claim names ("Starmer and Macron travelled") that the
    /// sentence lacks, as claim tokens.
    pub(super) absent_doers: Vec<usize>,
    pub(super) uncovered: Vec<String>,
    /// Claim words matched in other words: (claim word, sentence word, cosine).
    pub(super) paraphrases: Vec<(String, String, f32)>,
    pub(super) findings: Findings,
}

/// Where a conflict's words are: byte ranges in the normalised text of the
/// claim and of the sentence (or window) it was measured against.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Marks {
    /// In the claim.
    pub claim: Option<(usize, usize)>,
    /// In the sentence or window.
    pub source: Option<(usize, usize)>,
}

impl Marks {
    fn of(conflict: &Conflict, claim: &Analysis, source: &Analysis) -> Marks {
        let bytes = |a: &Analysis, (first, last): (usize, usize)| (a.tokens[first].start, a.tokens[last].end);
        Marks { claim: conflict.claim.map(|t| bytes(claim, t)), source: conflict.source.map(|t| bytes(source, t)) }
    }
}

/// A candidate sentence measured alone and, when it refers back, in its window.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub(super) alone: Measure,
    pub(super) window: InWindow,
    /// The sentence states a quantity comparable with one of the claim's.
    pub(super) quantity: bool,
}

/// A candidate measured in its window (`None`: it has none), or left for
/// the judgment to measure if it needs it (most do not: reading a window is
/// dear).
#[derive(Debug, Clone)]
pub(super) enum InWindow {
    Measured(Option<Box<Measure>>),
    Later,
}

/// What measuring reads of a claim once: its doers (the role detector
/// prepared its frame, [`Frame`]) and the role its subject holds ([`role_term`]).
pub(super) struct ClaimParts {
    doers: Vec<usize>,
    role: Option<(usize, usize)>,
}

impl ClaimParts {
    pub(super) fn of(claim: &Reading) -> ClaimParts {
        let frame = claim.prepared.iter().flatten().find_map(|p| p.downcast_ref::<Frame>());
        ClaimParts { doers: frame.map(|f| f.doers.clone()).unwrap_or_default(), role: role_term(claim) }
    }
}

impl Checker<'_> {
    /// Measures a claim against candidate sentences (each once, in order),
    /// in their windows too: everything any setting may judge.
    pub fn measure(&self, claim: &Reading, candidates: Vec<SentenceId>) -> Vec<Candidate> {
        self.measure_with(claim, candidates, true)
    }

    /// [`Checker::measure`], the windows measured now (`windows`) or when judged.
    pub(super) fn measure_with(
        &self,
        claim: &Reading,
        mut candidates: Vec<SentenceId>,
        windows: bool,
    ) -> Vec<Candidate> {
        let mut seen = std::collections::HashSet::new();
        candidates.retain(|id| seen.insert(*id));
        let parts = ClaimParts::of(claim);
        candidates
            .into_iter()
            .map(|id| {
                let reading = self.store.reading(id);
                let quantity = reading.quantities.iter().any(|q| claim.quantities.iter().any(|c| c.comparable(q)));
                Candidate {
                    alone: self.measure_one(claim, &parts, id, &reading, None),
                    window: if windows {
                        InWindow::Measured(self.measure_window(claim, &parts, id).map(Box::new))
                    } else {
                        InWindow::Later
                    },
                    quantity,
                }
            })
            .collect()
    }

    /// Measures sentence `id` in its window, if it has one.
    pub(super) fn measure_window(&self, claim: &Reading, parts: &ClaimParts, id: SentenceId) -> Option<Measure> {
        self.store.window(id).map(|w| self.measure_one(claim, parts, id, &w.reading, Some(&w)))
    }

    /// Measures one sentence (or window).
    fn measure_one(
        &self,
        claim: &Reading,
        &ClaimParts { ref doers, role }: &ClaimParts,
        sentence: SentenceId,
        source: &Reading,
        window: Option<&Window>,
    ) -> Measure {
        let alignment = Alignment::new(claim, source, self.retriever, self.lexicon);
        let mut findings = detect(claim, source, &alignment, self.lexicon);
        if let Some(w) = window {
            // A conflict in the earlier sentences is theirs to report: the window says nothing.
            let own = |(first, _): (usize, usize)| source.tokens[first].start >= w.own_text_at;
            if !findings.conflicts.iter().all(|c| c.source.is_none_or(own)) {
                findings.conflicts.clear();
                findings.gaps.push(Reason::new(
                    ReasonKind::EarlierSentencesDisagree,
                    "the sentences before it disagree with the claim",
                    Vec::new(),
                ));
            }
        }
        // Who holds what is the claim: the sentence must state the role.
        if let Some((_, head)) = role.filter(|&(t, _)| alignment.matches[t].is_none() && alignment.weights[t] > 0.0) {
            findings.gaps.push(not_stated(&claim.tokens[head].raw));
        }
        let absent_names = alignment.missing_names(claim);
        let opening = alignment.missing_opening_name(claim);
        let involved = |term: usize| {
            let t = &claim.terms[term];
            findings.conflicts.iter().filter_map(|c| c.claim).any(|(a, b)| t.first <= b && a <= t.last)
        };
        Measure {
            sentence,
            window: window.and_then(|w| w.before.first().copied()),
            coverage: alignment.coverage(),
            conflict_coverage: alignment.coverage_without(involved),
            local: findings.conflicts.iter().map(|c| local_coverage(claim, &alignment, c)).collect(),
            marks: findings.conflicts.iter().map(|c| Marks::of(c, claim, source)).collect(),
            predicate: alignment.predicate_coverage(claim),
            missing_names: absent_names.len() + usize::from(opening.is_some()) + findings.substitutions.len(),
            present_names: alignment.names(claim) - absent_names.len(),
            absent_words: (absent_names.iter().chain(&opening))
                .map(|&(first, last)| claim.surface(first, last).to_string())
                .collect(),
            absent_names,
            absent_doers: doers.iter().copied().filter(|&d| !alignment.claim_tokens[d]).collect(),
            uncovered: uncovered(claim, &alignment),
            paraphrases: alignment
                .paraphrases
                .iter()
                .map(|&(c, s, cosine)| {
                    let (c, s) = (&claim.terms[c], &source.terms[s]);
                    (claim.surface(c.first, c.last).to_string(), source.surface(s.first, s.last).to_string(), cosine)
                })
                .collect(),
            findings,
        }
    }
}

/// Words that link a subject to what it is ("Bayrou is France's prime minister").
const COPULAS: &[&str] = &["is", "are", "was", "were", "remains", "remained", "became", "becomes", "serves", "served"];

/// The role a claim says its subject holds, read once per claim: a common
/// noun for a person heading the phrase after a copula ("is France's
/// foreign minister", "was the acting chair"), as its term and its token.
fn role_term(claim: &Analysis) -> Option<(usize, usize)> {
    let wordnet = crate::lexicon::wordnet::WordNet::builtin();
    let tokens = &claim.tokens;
    let copula = tokens.iter().position(|t| COPULAS.contains(&t.lower.as_str()))?;
    // The phrase after it: up to a preposition, a comma or a verb-like word.
    let phrase_end = (copula + 1..tokens.len())
        .take_while(|&i| {
            !claim.clause_break_between(copula, i)
                && !matches!(
                    tokens[i].lower.as_str(),
                    "of" | "in" | "at" | "for" | "to" | "since" | "from" | "on" | "who" | "that" | "and"
                )
        })
        .filter(|&i| tokens[i].kind == crate::text::tokenize::TokenKind::Word)
        .take(5)
        .last()?;
    let head = &tokens[phrase_end];
    let term = claim.terms.iter().position(|t| t.first <= phrase_end && phrase_end <= t.last)?;
    (!head.is_capitalized() && wordnet.names_a_person(&head.lower)).then_some((term, phrase_end))
}

/// The claim words (as written) of terms the sentence does not cover.
fn uncovered(claim: &Analysis, alignment: &Alignment) -> Vec<String> {
    let mut words: Vec<String> = claim
        .terms
        .iter()
        .zip(alignment.matches.iter().zip(&alignment.weights))
        .filter(|(_, (m, w))| m.is_none() && **w > 0.0)
        .map(|(t, _)| claim.surface(t.first, t.last).to_string())
        .collect();
    words.dedup();
    words
}

/// The coverage of the claim terms in a conflict's slot (see
/// [`super::detect::Slot`]): within reach of it (after it, up to a comma, for
/// a scope), in its clause, the conflicting words themselves left out. Zero
/// when the slot has fewer terms than the detector needs.
fn local_coverage(claim: &Analysis, alignment: &Alignment, conflict: &Conflict) -> f64 {
    let Some((first, last)) = conflict.claim else { return 0.0 };
    let slot = conflict.detector.profile().slot;
    let before = if slot.scope { 0 } else { slot.reach };
    let in_this_slot = |t: &Term| {
        let inside = t.first <= last && first <= t.last;
        let (a, b) = (t.first.min(first), t.first.max(first));
        // A scope also ends at a comma: "who is projected to become X, participated".
        let comma = slot.scope && a < b && claim.text[claim.tokens[a].end..claim.tokens[b].start].contains(',');
        in_slot(claim, t, (first, last), before, slot.reach) && !inside && !comma
    };
    let in_it: Vec<bool> = claim.terms.iter().map(in_this_slot).collect();
    if in_it.iter().filter(|&&x| x).count() < slot.needed {
        return 0.0;
    }
    alignment.coverage_without(|i| !in_it[i])
}
