//! The verdict engine: retrieves candidate sentences for a claim, aligns and
//! runs the conflict detectors on each, then weighs the evidence.

pub mod align;
pub mod detect;
mod settings;

use crate::analysis::Analysis;
use crate::index::{Corpus, SentenceId, Window};
use crate::lexicon::{Lexicon, Term};
use crate::model::{Stance, Verdict};
use align::Alignment;
use detect::{detect, Conflict, Detector, Findings};
pub use settings::{calibrate, Resolve, Settings};
use std::cmp::Ordering;

/// How one sentence bears on a claim, and why.
#[derive(Debug, Clone)]
pub struct Assessment {
    /// The sentence.
    pub sentence: SentenceId,
    /// The first sentence of the window it was read in, when read with the sentences before it.
    pub window: Option<SentenceId>,
    /// Supports, contradicts or is related.
    pub stance: Stance,
    /// Weighted share of the claim's terms the sentence covers.
    pub coverage: f64,
    /// The same for the claim's predicate (its terms after a matched leading name).
    pub predicate: f64,
    /// Names in the claim the sentence does not have, plus claim words it swaps for others.
    pub missing_names: usize,
    /// The incompatibilities found.
    pub conflicts: Vec<Conflict>,
    /// Where the words of each counted conflict are, for highlighting.
    pub marks: Vec<Marks>,
    /// Why this stance, for people.
    pub reasons: Vec<String>,
}

/// What a claim and one sentence (or window) share and where they clash,
/// before any threshold is applied.
#[derive(Debug, Clone)]
pub struct Measure {
    sentence: SentenceId,
    window: Option<SentenceId>,
    coverage: f64,
    conflict_coverage: f64,
    /// For each conflict, the coverage of the claim's terms around it (same
    /// clause, a few words either side): a long claim can clash in one slot.
    local: Vec<f64>,
    /// For each conflict, where its words are.
    marks: Vec<Marks>,
    predicate: f64,
    missing_names: usize,
    uncovered: Vec<String>,
    findings: Findings,
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
    alone: Measure,
    window: Option<Measure>,
    /// The sentence states a quantity comparable with one of the claim's.
    quantity: bool,
}

/// The verdict on one claim with its evidence.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The verdict.
    pub verdict: Verdict,
    /// How sure the engine is, from 0 to 1.
    pub confidence: f64,
    /// Up to `Settings::evidence` sentences, the deciding ones first.
    pub evidence: Vec<Assessment>,
    /// Why this verdict, for people.
    pub reasons: Vec<String>,
    /// Whether sources disagreed about the claim.
    pub conflict: bool,
}

/// Checks claims against a corpus.
#[derive(Debug)]
pub struct Checker<'a> {
    corpus: &'a Corpus,
    lexicon: &'a Lexicon,
    settings: Settings,
    labels: Vec<Verdict>,
}

impl<'a> Checker<'a> {
    /// A checker over `corpus`.
    pub fn new(corpus: &'a Corpus, lexicon: &'a Lexicon, settings: Settings) -> Self {
        Checker { corpus, lexicon, settings, labels: Verdict::ALL.to_vec() }
    }

    /// Restricts the answers to `labels` (say, supported and contradicted for
    /// data that has no unsourced claims): a verdict outside them becomes the
    /// allowed one the evidence leans to.
    pub fn with_labels(mut self, labels: &[Verdict]) -> Self {
        if !labels.is_empty() {
            self.labels = labels.to_vec();
        }
        self
    }

    /// The verdict on one claim, from the sentences retrieval finds for it.
    pub fn check(&self, claim: &str) -> Outcome {
        let claim = Analysis::new(claim, self.lexicon);
        let index = self.corpus.index();
        let mut query: Vec<String> = claim.terms.iter().map(|t| t.key.clone()).collect();
        for term in &claim.terms {
            if claim.tokens[term.first].is_capitalized() && !index.contains(&term.key) {
                query.extend(index.similar_terms(&term.key, crate::engine::align::FUZZY_NAME));
            }
        }
        let sentences = &self.corpus.sentences;
        let mut hits = index.search(&query, self.settings.candidates);
        // A long claim is also looked up slot by slot: the words around each
        // number, date, hedge, negation or status word, where it may clash.
        for slot in self.slots(&claim) {
            hits.extend(index.search(&slot, SLOT_CANDIDATES));
        }
        let mut candidates: Vec<SentenceId> = Vec::new();
        for hit in hits {
            candidates.push(hit.sentence);
            // A following sentence that refers back may complete this one.
            let next = hit.sentence + 1;
            if sentences.get(next).is_some_and(|s| s.window.as_ref().is_some_and(|w| w.start <= hit.sentence)) {
                candidates.push(next);
            }
        }
        self.decide_among(&claim, candidates)
    }

    /// Retrieval queries for the slots of a long claim: the terms within
    /// [`SLOT`] tokens of each quantity, date, hedge, negation or word with an
    /// antonym, in its clause.
    fn slots(&self, claim: &Analysis) -> Vec<Vec<String>> {
        if claim.terms.len() <= 2 * SLOT {
            return Vec::new();
        }
        let anchors = claim
            .quantities
            .iter()
            .map(|q| (q.first, q.last))
            .chain(claim.dates.iter().map(|d| (d.first, d.last)))
            .chain(claim.hedges.iter().chain(&claim.negations).map(|c| (c.first, c.last)))
            .chain(
                claim
                    .keys
                    .iter()
                    .enumerate()
                    .filter(|(_, k)| !self.lexicon.antonyms(k).is_empty())
                    .map(|(i, _)| (i, i)),
            );
        anchors
            .map(|(first, last)| {
                claim
                    .terms
                    .iter()
                    .filter(|t| in_slot(claim, t, (first, last), SLOT, SLOT))
                    .map(|t| t.key.clone())
                    .collect::<Vec<String>>()
            })
            .filter(|q| q.len() >= 2)
            .collect()
    }

    /// The verdict on one claim judged against the given sentences only (a
    /// labelled record's own evidence, say).
    pub fn check_against(&self, claim: &str, sentences: impl IntoIterator<Item = SentenceId>) -> Outcome {
        let claim = Analysis::new(claim, self.lexicon);
        self.decide_among(&claim, sentences.into_iter().collect())
    }

    fn decide_among(&self, claim: &Analysis, candidates: Vec<SentenceId>) -> Outcome {
        let measured = self.measure(claim, candidates);
        self.judge(claim, &measured)
    }

    /// Measures a claim against candidate sentences: everything that does not
    /// depend on the thresholds, so that it can be judged under many settings.
    pub fn measure(&self, claim: &Analysis, mut candidates: Vec<SentenceId>) -> Vec<Candidate> {
        let mut seen = std::collections::HashSet::new();
        candidates.retain(|id| seen.insert(*id));
        candidates
            .into_iter()
            .map(|id| {
                let sentence = &self.corpus.sentences[id];
                let quantity =
                    sentence.analysis.quantities.iter().any(|q| claim.quantities.iter().any(|c| c.comparable(q)));
                Candidate {
                    alone: self.measure_one(claim, id, &sentence.analysis, None),
                    window: sentence.window.as_ref().map(|w| self.measure_one(claim, id, &w.analysis, Some(w))),
                    quantity,
                }
            })
            .collect()
    }

    /// The verdict on measured candidates under this checker's settings.
    pub fn judge(&self, claim: &Analysis, candidates: &[Candidate]) -> Outcome {
        let assessments = candidates.iter().map(|c| self.judge_candidate(c)).collect();
        self.decide(claim, assessments)
    }

    /// Judges a sentence alone and, when it refers back, together with the
    /// sentences before it. The window counts only where the sentence alone
    /// settles nothing but has a part in the claim (some of its words or a
    /// quantity); it must cover more of the claim, and its conflicts must come
    /// from the sentence itself.
    fn judge_candidate(&self, candidate: &Candidate) -> Assessment {
        let alone = self.assess(&candidate.alone);
        let own_part = alone.coverage >= self.settings.related || candidate.quantity;
        let Some(window) = candidate.window.as_ref().filter(|_| alone.stance == Stance::Related && own_part) else {
            return alone;
        };
        let mut joined = self.assess(window);
        let settled = match joined.stance {
            Stance::Supports => joined.coverage >= self.settings.support_window,
            Stance::Contradicts => true,
            Stance::Related => false,
        };
        if !settled {
            return alone;
        }
        joined.reasons.push("read together with the sentence before it".to_string());
        joined
    }

    fn measure_one(
        &self,
        claim: &Analysis,
        sentence: SentenceId,
        source: &Analysis,
        window: Option<&Window>,
    ) -> Measure {
        let alignment = Alignment::new(claim, source, self.corpus.index(), self.lexicon);
        let mut findings = detect(claim, source, &alignment, self.lexicon);
        if let Some(w) = window {
            // A conflict in the earlier sentences is theirs to report: the window says nothing.
            let own = |(first, _): (usize, usize)| source.tokens[first].start >= w.own_text_at;
            if !findings.conflicts.iter().all(|c| c.source.is_none_or(own)) {
                findings.conflicts.clear();
                findings.gaps.push("the sentences before it disagree with the claim".to_string());
            }
        }
        let involved = |term: usize| {
            let t = &claim.terms[term];
            findings.conflicts.iter().filter_map(|c| c.claim).any(|(a, b)| t.first <= b && a <= t.last)
        };
        Measure {
            sentence,
            window: window.map(|w| w.start),
            coverage: alignment.coverage(),
            conflict_coverage: alignment.coverage_without(involved),
            local: findings.conflicts.iter().map(|c| local_coverage(claim, &alignment, c)).collect(),
            marks: findings.conflicts.iter().map(|c| Marks::of(c, claim, source)).collect(),
            predicate: alignment.predicate_coverage(claim),
            missing_names: alignment.missing_names(claim).len() + findings.substitutions.len(),
            uncovered: self.uncovered(claim, &alignment),
            findings,
        }
    }

    fn assess(&self, m: &Measure) -> Assessment {
        let s = &self.settings;
        let counts = |c: &Conflict, local: f64| {
            let aligned =
                if c.detector == Detector::Place { m.conflict_coverage } else { m.conflict_coverage.max(local) };
            match c.detector {
                Detector::Number => aligned >= s.contradict_quantity,
                // "The claim says not, the source does not" needs the whole statement.
                Detector::Negation if c.source.is_none() => m.coverage.min(local) >= s.support,
                Detector::Negation => m.coverage.max(local) >= s.support,
                _ => aligned >= s.contradict,
            }
        };
        let (counted, weak): (Vec<usize>, Vec<usize>) =
            (0..m.findings.conflicts.len()).partition(|&i| counts(&m.findings.conflicts[i], m.local[i]));
        let pick = |ids: &[usize]| ids.iter().map(|&i| &m.findings.conflicts[i]).collect::<Vec<&Conflict>>();
        let marks: Vec<Marks> = counted.iter().map(|&i| m.marks[i]).collect();
        let (counted, weak) = (pick(&counted), pick(&weak));
        let findings = &m.findings;
        let (stance, reasons) = if !counted.is_empty() {
            (Stance::Contradicts, counted.iter().map(|c| c.reason.clone()).collect())
        } else if m.coverage >= s.support
            && findings.gaps.is_empty()
            && findings.hedged_source.is_none()
            && findings.substitutions.is_empty()
        {
            (Stance::Supports, vec![coverage_reason(m.coverage, &m.uncovered)])
        } else {
            let mut reasons = vec![coverage_reason(m.coverage, &m.uncovered)];
            reasons.extend(findings.gaps.iter().cloned());
            // A swapped word matters where it is what keeps the sentence from supporting.
            let blocking = if m.coverage >= s.support { findings.substitutions.as_slice() } else { &[] };
            reasons.extend(blocking.iter().map(|(c, o)| {
                format!("where the claim says \u{201C}{c}\u{201D}, the source says \u{201C}{o}\u{201D}")
            }));
            if let Some(h) = &findings.hedged_source {
                reasons.push(format!("the source only hedges it (\u{201C}{h}\u{201D})"));
            }
            (Stance::Related, reasons)
        };
        let coverage = if stance == Stance::Contradicts { m.conflict_coverage } else { m.coverage };
        let weak_conflict = !weak.is_empty() && m.conflict_coverage >= s.related;
        let conflicts = if counted.is_empty() && weak_conflict { weak } else { counted };
        Assessment {
            sentence: m.sentence,
            window: m.window,
            stance,
            coverage,
            predicate: m.predicate,
            missing_names: m.missing_names,
            conflicts: conflicts.into_iter().cloned().collect(),
            marks: if stance == Stance::Contradicts { marks } else { Vec::new() },
            reasons,
        }
    }

    /// The claim words (as written) of terms the sentence does not cover.
    fn uncovered(&self, claim: &Analysis, alignment: &Alignment) -> Vec<String> {
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

    fn trust(&self, a: &Assessment) -> f64 {
        self.corpus.document_of(a.sentence).meta.trust()
    }

    fn published(&self, a: &Assessment) -> Option<&str> {
        self.corpus.document_of(a.sentence).meta.published.as_deref()
    }

    /// Orders assessments best first: coverage, then trust, then recency, then corpus order.
    fn rank(&self, a: &Assessment, b: &Assessment) -> Ordering {
        b.coverage
            .total_cmp(&a.coverage)
            .then(self.trust(b).total_cmp(&self.trust(a)))
            .then(self.published(b).cmp(&self.published(a)))
            .then(a.sentence.cmp(&b.sentence))
    }

    fn decide(&self, claim: &Analysis, mut all: Vec<Assessment>) -> Outcome {
        all.sort_by(|a, b| self.rank(a, b));
        let best_of = |stance| {
            all.iter()
                .filter(|a| a.stance == stance)
                .max_by(|a, b| self.trust(a).total_cmp(&self.trust(b)).then(self.rank(b, a)))
        };
        let support = best_of(Stance::Supports);
        let contra = best_of(Stance::Contradicts);
        let mut reasons = Vec::new();
        let verdict = match (support, contra) {
            (Some(s), Some(c)) => {
                let winner = self.resolve(s, c, &mut reasons);
                if winner.stance == Stance::Supports {
                    Verdict::Supported
                } else {
                    Verdict::Contradicted
                }
            }
            (Some(_), None) => Verdict::Supported,
            (None, Some(_)) => Verdict::Contradicted,
            (None, None) => Verdict::Unsourced,
        };
        let (verdict, forced) = self.allowed(claim, verdict, &all, &mut reasons);
        let conflict = support.is_some() && contra.is_some();
        let deciding = match verdict {
            Verdict::Supported => support,
            Verdict::Contradicted => contra,
            Verdict::Unsourced => None,
        };
        let raw = match forced {
            Some(margin) => 0.5 + margin.min(0.45),
            None => self.confidence(claim, verdict, deciding, all.first(), conflict),
        };
        let confidence = (calibrate(&self.settings.calibration, raw) * 100.0).round() / 100.0;
        let side = deciding.map(|d| d.stance);
        // Deciding sentence first, then the other side of a disagreement, then
        // more of the deciding side, then related sentences.
        let order = |a: &Assessment| match a.stance {
            _ if deciding.is_some_and(|d| d.sentence == a.sentence) => 0,
            Stance::Related => 3,
            stance if Some(stance) == side => 2,
            _ => 1,
        };
        let mut evidence: Vec<Assessment> = all
            .iter()
            .filter(|a| a.stance != Stance::Related || a.coverage >= self.settings.related)
            .cloned()
            .collect();
        evidence.sort_by_key(order);
        evidence.truncate(self.settings.evidence);
        let mut stated: Vec<String> = Vec::new();
        for reason in evidence.iter().filter(|a| Some(a.stance) == side).flat_map(|a| &a.reasons) {
            if !stated.contains(reason) && !reason.starts_with("read together") {
                stated.push(reason.clone());
            }
        }
        if side.is_none() {
            match all.first().filter(|a| a.coverage > 0.0) {
                Some(best) => stated.push(format!(
                    "no source sentence states or contradicts it; the closest {}",
                    best.reasons.join("; ")
                )),
                None => stated.push("no source sentence shares its content words".to_string()),
            }
        }
        stated.extend(reasons);
        let reasons = stated;
        Outcome { verdict, confidence, evidence, reasons, conflict }
    }

    /// Maps a verdict outside the allowed labels to the allowed one the
    /// evidence leans to; returns it and, when forced, the margin it won by.
    fn allowed(
        &self,
        claim: &Analysis,
        verdict: Verdict,
        all: &[Assessment],
        reasons: &mut Vec<String>,
    ) -> (Verdict, Option<f64>) {
        if self.labels.contains(&verdict) {
            return (verdict, None);
        }
        let allows = |v| self.labels.contains(&v);
        let (forced, margin, why) =
            if verdict == Verdict::Unsourced && allows(Verdict::Supported) && allows(Verdict::Contradicted) {
                self.lean(claim, all)
            } else if allows(Verdict::Unsourced) {
                (Verdict::Unsourced, 0.0, "its verdict is not an allowed answer".to_string())
            } else {
                (self.labels[0], 0.0, "its verdict is not an allowed answer".to_string())
            };
        reasons.push(format!("{verdict} is not an allowed answer here; {forced}, as {why}"));
        (forced, Some(margin))
    }

    /// Which way evidence that settles nothing leans, for two-way answers: a
    /// weak conflict leans against; otherwise the best sentence's coverage of
    /// the claim's predicate decides, with a name the sentence lacks counting
    /// against. A negated claim leans the other way: evidence that does not
    /// say X is what "not X" expects.
    fn lean(&self, claim: &Analysis, all: &[Assessment]) -> (Verdict, f64, String) {
        let negated = claim.negations.len() % 2 == 1;
        if let Some(c) = all.iter().find(|a| !a.conflicts.is_empty() && a.conflicts[0].detector != Detector::Negation) {
            return (
                Verdict::Contradicted,
                c.coverage / 2.0,
                format!("the evidence leans against it: {}", c.conflicts[0].reason),
            );
        }
        let best = all
            .iter()
            .filter(|a| a.conflicts.iter().all(|c| c.detector == Detector::Negation))
            .map(|a| if a.missing_names > 0 { a.predicate / 2.0 } else { a.predicate })
            .fold(0.0, f64::max);
        let choice = self.settings.choice;
        let says_it = best >= choice;
        let margin = (best - choice).abs();
        let what = format!("the evidence covers {:.0}% of what it says of its subject", best * 100.0);
        match (says_it, negated) {
            (true, false) => (Verdict::Supported, margin, what),
            (false, false) => (Verdict::Contradicted, margin, what),
            (true, true) => (Verdict::Contradicted, margin, format!("{what}, which the claim denies")),
            (false, true) => (Verdict::Supported, margin, format!("{what}, and the claim denies it")),
        }
    }

    /// Picks between a supporting and a contradicting sentence by the rules of
    /// `Settings::resolve` in order (default: trust, then recency), then by
    /// alignment. Explains the choice in `reasons`.
    fn resolve<'x>(&self, s: &'x Assessment, c: &'x Assessment, reasons: &mut Vec<String>) -> &'x Assessment {
        let doc = |a: &Assessment| self.corpus.document_of(a.sentence);
        let decided = self.settings.resolve.iter().find_map(|rule| {
            let (w, l) = match rule {
                Resolve::Trust if self.trust(s) != self.trust(c) => {
                    if self.trust(s) > self.trust(c) {
                        (s, c)
                    } else {
                        (c, s)
                    }
                }
                Resolve::Recency if self.published(s) != self.published(c) => {
                    if self.published(s) > self.published(c) {
                        (s, c)
                    } else {
                        (c, s)
                    }
                }
                _ => return None,
            };
            let why = match rule {
                Resolve::Trust => format!("trust {:.2} over {:.2}", self.trust(w), self.trust(l)),
                Resolve::Recency => format!("the more recent source ({})", self.published(w).unwrap_or("undated")),
            };
            Some((w, l, why))
        });
        let (winner, loser, why) = decided.unwrap_or_else(|| {
            let (w, l) = if s.coverage >= c.coverage { (s, c) } else { (c, s) };
            (w, l, "the closer match".to_string())
        });
        let stance = |a: &Assessment| if a.stance == Stance::Supports { "supports" } else { "contradicts" };
        reasons.push(format!(
            "sources disagree: {} {} it, {} {} it; resolved by {why}",
            doc(winner).path,
            stance(winner),
            doc(loser).path,
            stance(loser)
        ));
        winner
    }

    fn confidence(
        &self,
        claim: &Analysis,
        verdict: Verdict,
        deciding: Option<&Assessment>,
        closest: Option<&Assessment>,
        conflict: bool,
    ) -> f64 {
        let raw = match (verdict, deciding) {
            (Verdict::Supported, Some(d)) => (0.45 + 0.5 * d.coverage) * (0.85 + 0.15 * self.trust(d)),
            (Verdict::Contradicted, Some(d)) => {
                let strength = d.conflicts.iter().map(|c| detector_weight(c.detector)).fold(0.0, f64::max);
                strength * (0.55 + 0.45 * d.coverage) * (0.85 + 0.15 * self.trust(d))
            }
            _ => {
                let near = closest.map_or(0.0, |a| a.coverage);
                if claim.terms.is_empty() {
                    0.5
                } else {
                    0.95 - 0.5 * near
                }
            }
        };
        let raw = if conflict { raw * 0.85 } else { raw };
        raw.clamp(0.0, 1.0)
    }
}

/// Words either side of a conflict that make up its slot in a long claim.
const SLOT: usize = 6;
/// Candidates retrieved for each slot of a long claim.
const SLOT_CANDIDATES: usize = 4;

/// Whether term `t` lies within `before` tokens before or `after` tokens after
/// the anchor `[first, last]`, in its clause.
fn in_slot(claim: &Analysis, t: &Term, (first, last): (usize, usize), before: usize, after: usize) -> bool {
    t.last + before >= first
        && t.first <= last + after
        && !claim.clause_break_between(t.first.min(first), t.first.max(first))
}

/// The coverage of the claim terms in a conflict's slot: within [`SLOT`]
/// tokens of it (after it, for a hedge or a negation: its scope), in its
/// clause, the conflicting words themselves left out. Zero when the slot has
/// fewer than two terms (one, for a negation's scope).
fn local_coverage(claim: &Analysis, alignment: &Alignment, conflict: &Conflict) -> f64 {
    let Some((first, last)) = conflict.claim else { return 0.0 };
    // A hedge or a negation bears on what follows it: "projected to become
    // Secretary General", "not contributing troops".
    let scoped = matches!(conflict.detector, Detector::Hedge | Detector::Negation);
    // A number's slot is the few words that say what it counts.
    let reach = if conflict.detector == Detector::Number { SLOT / 2 } else { SLOT };
    let before = if scoped { 0 } else { reach };
    let in_this_slot = |t: &Term| {
        let inside = t.first <= last && first <= t.last;
        let (a, b) = (t.first.min(first), t.first.max(first));
        // A scope also ends at a comma: "who is projected to become X, participated".
        let comma = scoped && claim.text[claim.tokens[a].end..claim.tokens[b].start].contains(',');
        in_slot(claim, t, (first, last), before, reach) && !inside && !comma
    };
    let slot: Vec<bool> = claim.terms.iter().map(in_this_slot).collect();
    let needed = if conflict.detector == Detector::Negation { 1 } else { 2 };
    if slot.iter().filter(|&&x| x).count() < needed {
        return 0.0;
    }
    alignment.coverage_without(|i| !slot[i])
}

/// How decisive a detector's conflict is on its own.
fn detector_weight(d: Detector) -> f64 {
    match d {
        Detector::Number | Detector::Date => 0.95,
        Detector::Hedge => 0.9,
        Detector::Negation | Detector::Place | Detector::Status => 0.85,
        Detector::Antonym => 0.8,
    }
}

fn coverage_reason(coverage: f64, uncovered: &[String]) -> String {
    let pct = (coverage * 100.0).round();
    if uncovered.is_empty() {
        format!("covers all of the claim's content words ({pct}%)")
    } else {
        let missing: Vec<String> = uncovered.iter().map(|w| format!("\u{201C}{w}\u{201D}")).collect();
        format!("covers {pct}% of the claim's content words (not {})", missing.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{SourceKind, SourceMeta, SourceText};

    fn source(path: &str, text: &str, kind: SourceKind, published: &str) -> SourceText {
        let meta = SourceMeta { kind, published: Some(published.into()), ..SourceMeta::default() };
        SourceText { path: path.into(), text: text.into(), original: None, meta }
    }

    fn check(sources: Vec<SourceText>, claim: &str) -> Outcome {
        let lexicon = Lexicon::builtin();
        let corpus = Corpus::build(sources, &lexicon);
        Checker::new(&corpus, &lexicon, Settings::default()).check(claim)
    }

    #[test]
    fn three_verdicts() {
        let sources = || vec![source("a.txt", "NATO has 32 members.\n", SourceKind::Article, "2025-01-01")];
        assert_eq!(check(sources(), "NATO has 32 members.").verdict, Verdict::Supported);
        assert_eq!(check(sources(), "NATO has 31 members.").verdict, Verdict::Contradicted);
        assert_eq!(check(sources(), "Japan has pledged troops.").verdict, Verdict::Unsourced);
    }

    #[test]
    fn reference_notes_outrank_articles_and_the_report_says_so() {
        let outcome = check(
            vec![
                source(
                    "old.txt",
                    "Mark Rutte is projected to become NATO Secretary General.\n",
                    SourceKind::Article,
                    "2025-03-01",
                ),
                source(
                    "ref.md",
                    "Mark Rutte took office as NATO Secretary General on 1 October 2024.\n",
                    SourceKind::Reference,
                    "2025-01-01",
                ),
            ],
            "Mark Rutte is projected to become NATO Secretary General.",
        );
        assert_eq!(outcome.verdict, Verdict::Contradicted);
        assert!(outcome.conflict);
        assert!(outcome.reasons.iter().any(|r| r.contains("resolved by trust")), "{:?}", outcome.reasons);
        assert!(outcome.evidence.iter().any(|e| e.stance == Stance::Supports));
    }

    #[test]
    fn equal_trust_is_resolved_by_recency() {
        let outcome = check(
            vec![
                source("old.txt", "NATO has 31 members.\n", SourceKind::Article, "2023-05-01"),
                source("new.txt", "NATO has 32 members.\n", SourceKind::Article, "2024-05-01"),
            ],
            "NATO has 32 members.",
        );
        assert_eq!(outcome.verdict, Verdict::Supported);
        assert!(outcome.reasons.iter().any(|r| r.contains("more recent source (2024-05-01)")), "{:?}", outcome.reasons);
    }

    #[test]
    fn the_resolution_order_is_configurable() {
        let sources = || {
            vec![
                source("ref.md", "NATO has 31 members.\n", SourceKind::Reference, "2023-05-01"),
                source("new.txt", "NATO has 32 members.\n", SourceKind::Article, "2024-05-01"),
            ]
        };
        assert_eq!(check(sources(), "NATO has 32 members.").verdict, Verdict::Contradicted);
        let lexicon = Lexicon::builtin();
        let corpus = Corpus::build(sources(), &lexicon);
        let settings = Settings { resolve: vec![Resolve::Recency, Resolve::Trust], ..Settings::default() };
        let outcome = Checker::new(&corpus, &lexicon, settings).check("NATO has 32 members.");
        assert_eq!(outcome.verdict, Verdict::Supported);
        assert!(outcome.reasons.iter().any(|r| r.contains("more recent")), "{:?}", outcome.reasons);
    }

    #[test]
    fn a_sentence_that_refers_back_is_read_with_the_one_before() {
        let text = "Orban and Robert Fico demanded an immediate ceasefire. Neither leader was invited to the gathering in London.\n";
        let outcome = check(
            vec![source("a.txt", text, SourceKind::Article, "2025-03-03")],
            "Orban was invited to the gathering.",
        );
        assert_eq!(outcome.verdict, Verdict::Contradicted, "{:?}", outcome.reasons);
        assert_eq!(outcome.evidence[0].window, Some(0));
    }

    #[test]
    fn confidence_is_a_probability() {
        let sources = || vec![source("a.txt", "NATO has 32 members.\n", SourceKind::Article, "2025-01-01")];
        for claim in ["NATO has 32 members.", "NATO has 31 members.", "Japan has pledged troops.", "", "!!!"] {
            let c = check(sources(), claim).confidence;
            assert!((0.0..=1.0).contains(&c), "{claim}: {c}");
        }
    }
}
