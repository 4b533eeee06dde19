//! Judging one measured sentence under the settings: supports, contradicts
//! or is related, and why.

use super::detect::{Conflict, Gate};
use super::measure::{Candidate, ClaimParts, InWindow, Marks, Measure};
use super::{Assessment, Checker};
use crate::analysis::Reading;
use crate::index::SentenceId;
use crate::model::{Reason, ReasonKind, Stance, Value};
use std::cell::OnceCell;

/// Adverbs of aspect: the state holds at the time ("still"), or has come
/// about ("already"). Light words for retrieval, but what the claim asserts:
/// a sentence that does not say them too cannot support it.
const ASPECT: &[&str] = &["still", "already"];

impl Checker<'_> {
    /// Judges a sentence alone and, when it refers back, together with the
    /// sentences before it. The window counts only where the sentence alone
    /// settles nothing but has a part in the claim (some of its words or a
    /// quantity); it must cover more of the claim, and its conflicts must come
    /// from the sentence itself.
    /// A window left for now is measured here, if needed, with the claim's
    /// `parts` (read once per claim, when first needed).
    pub(super) fn judge_candidate(
        &self,
        claim: &Reading,
        parts: &OnceCell<ClaimParts>,
        candidate: &Candidate,
    ) -> Assessment {
        let alone = self.assess(&candidate.alone);
        let own_part = alone.coverage >= self.settings.related || candidate.quantity;
        if alone.stance != Stance::Related || !own_part {
            return alone;
        }
        let measured_now;
        let window = match &candidate.window {
            InWindow::Measured(window) => window.as_deref(),
            InWindow::Later => {
                let parts = parts.get_or_init(|| ClaimParts::of(claim));
                measured_now = self.measure_window(claim, parts, candidate.alone.sentence);
                measured_now.as_ref()
            }
        };
        let Some(window) = window else {
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
        joined.reasons.push(Reason::new(ReasonKind::ReadTogether, "read together with the sentence before it", vec![]));
        joined
    }

    /// Whether a conflict counts: the sentence shares enough of the claim
    /// (or of the conflict's slot, `local`) for its detector's gate.
    fn counts(&self, m: &Measure, c: &Conflict, local: f64) -> bool {
        let s = &self.settings;
        // Another event's figure, date or place: more of the claim's names
        // (but for the conflicting words) are missing from the sentence than
        // are in it, or one of the doers the claim names is.
        let inside = |(first, last): (usize, usize)| c.claim.is_some_and(|(a, b)| a <= first && last <= b);
        let absent = m.absent_names.iter().filter(|&&n| !inside(n)).count();
        let doer_absent = m.absent_doers.iter().any(|&d| !inside((d, d)));
        if c.detector.profile().needs_participants && (absent > m.present_names || doer_absent) {
            return false;
        }
        match c.detector.profile().gate {
            Gate::Quantity => m.conflict_coverage.max(local) >= s.contradict_quantity,
            // "The claim says not, the source does not" needs the whole statement.
            Gate::Statement if c.source.is_none() => m.coverage.min(local) >= s.support,
            Gate::Statement => m.coverage.max(local) >= s.support,
            Gate::Contradict { local: false } => m.conflict_coverage >= s.contradict,
            Gate::Contradict { local: true } => m.conflict_coverage.max(local) >= s.contradict,
        }
    }

    /// Whether the article of `sentence` mentions each of `names`, as
    /// written: a name that neither the sentence nor its article's context
    /// gives cannot be supported.
    fn in_article(&self, sentence: SentenceId, names: &[String]) -> bool {
        let article = self.store.document_of(sentence).sentences.clone();
        names.iter().all(|name| article.clone().any(|id| names_word(&self.store.sentence(id).text, name)))
    }

    fn assess(&self, m: &Measure) -> Assessment {
        let s = &self.settings;
        let (counted, weak): (Vec<usize>, Vec<usize>) =
            (0..m.findings.conflicts.len()).partition(|&i| self.counts(m, &m.findings.conflicts[i], m.local[i]));
        let pick = |ids: &[usize]| ids.iter().map(|&i| &m.findings.conflicts[i]).collect::<Vec<&Conflict>>();
        let marks: Vec<Marks> = counted.iter().map(|&i| m.marks[i]).collect();
        let (counted, weak) = (pick(&counted), pick(&weak));
        let findings = &m.findings;
        let blocked = !findings.conflicts.is_empty()
            || !findings.gaps.is_empty()
            || findings.hedged_source.is_some()
            || findings.named_only.is_some()
            || !findings.substitutions.is_empty()
            || m.missing_names > 0;
        let (stance, reasons) = if !counted.is_empty() {
            (Stance::Contradicts, counted.iter().map(|c| c.reason.clone()).collect())
        } else if m.coverage >= s.support
            && weak.is_empty()
            && !m.uncovered.iter().any(|w| ASPECT.iter().any(|a| w.eq_ignore_ascii_case(a)))
            && findings.gaps.is_empty()
            && findings.hedged_source.is_none()
            && findings.named_only.is_none()
            && findings.substitutions.is_empty()
            && self.in_article(m.sentence, &m.absent_words)
        {
            (
                Stance::Supports,
                vec![coverage_reason(m.coverage, &m.uncovered)].into_iter().chain(paraphrase_reasons(m)).collect(),
            )
        } else if !blocked {
            (
                Stance::Related,
                vec![coverage_reason(m.coverage, &m.uncovered)].into_iter().chain(paraphrase_reasons(m)).collect(),
            )
        } else {
            let mut reasons = vec![coverage_reason(m.coverage, &m.uncovered)];
            reasons.extend(findings.gaps.iter().cloned());
            // A conflict that does not count (another event's figure, maybe)
            // and a swapped word matter where they keep the sentence from supporting.
            if m.coverage >= s.support {
                reasons.extend(weak.iter().map(|c| c.reason.clone()));
                reasons.extend(findings.substitutions.iter().map(|(c, o)| {
                    Reason::new(
                        ReasonKind::Substitution,
                        "where the claim says \u{201C}{claim}\u{201D}, the source says \u{201C}{source}\u{201D}",
                        vec![("claim", Value::Text(c.clone())), ("source", Value::Text(o.clone()))],
                    )
                }));
            }
            if let Some(h) = &findings.hedged_source {
                reasons.push(Reason::new(
                    ReasonKind::HedgedSource,
                    "the source only hedges it (\u{201C}{hedge}\u{201D})",
                    vec![("hedge", Value::Text(h.clone()))],
                ));
            }
            if let Some(words) = &findings.named_only {
                reasons.push(Reason::new(
                    ReasonKind::NamedOnly,
                    "the source only talks of it, without saying it happens (\u{201C}{words}\u{201D})",
                    vec![("words", Value::Text(words.clone()))],
                ));
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
            conflicts: conflicts.into_iter().cloned().collect(),
            marks: if stance == Stance::Contradicts { marks } else { Vec::new() },
            reasons,
            dated: None,
            blocked,
        }
    }
}

/// The claim words the sentence says in other words: "“represented” ≈ “attended” (0.52)".
fn paraphrase_reasons(m: &Measure) -> impl Iterator<Item = Reason> + '_ {
    m.paraphrases.iter().map(|(claim, source, cosine)| {
        Reason::new(
            ReasonKind::Paraphrase,
            "paraphrase: \u{201C}{claim}\u{201D} \u{2248} \u{201C}{source}\u{201D} ({cosine})",
            vec![
                ("claim", Value::Text(claim.clone())),
                ("source", Value::Text(source.clone())),
                ("cosine", Value::Text(format!("{cosine:.2}"))),
            ],
        )
    })
}

/// How much of the claim's content a sentence covers, and which words it misses.
fn coverage_reason(coverage: f64, uncovered: &[String]) -> Reason {
    let pct = Value::Text((coverage * 100.0).round().to_string());
    if uncovered.is_empty() {
        Reason::new(
            ReasonKind::Coverage,
            "covers all of the claim's content words ({percent}%)",
            vec![("percent", pct)],
        )
    } else {
        Reason::new(
            ReasonKind::Coverage,
            "covers {percent}% of the claim's content words (not {missing})",
            vec![("percent", pct), ("missing", Value::Words(uncovered.to_vec()))],
        )
    }
}

/// Whether `text` has `name` as a word of its own, not inside a longer one
/// ("Ross" is not in "Rossiter"; "Ukraine" is in "Ukraine's").
fn names_word(text: &str, name: &str) -> bool {
    let alphanumeric = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    text.match_indices(name).any(|(at, _)| {
        !alphanumeric(text[..at].chars().next_back()) && !alphanumeric(text[at + name.len()..].chars().next())
    })
}

#[cfg(test)]
mod tests {
    use super::names_word;

    #[test]
    fn a_name_is_a_whole_word() {
        assert!(names_word("Brackenford's MP, Julian Ross, welcomed it", "Ross"));
        assert!(names_word("Ukraine's allies", "Ukraine"));
        assert!(!names_word("Rossiter welcomed it", "Ross"));
        assert!(!names_word("the MacRoss plan", "Ross"));
    }
}
