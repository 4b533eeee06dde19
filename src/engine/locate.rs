//! From outcomes to the report model: sentence ids become files, lines and
//! columns; conflicting words, found in normalised texts, become byte ranges
//! of the texts as shown; reasons get the spans of their words.

use super::{Assessment, Outcome};
use crate::index::{analysed_text, read_together, SentenceStore};
use crate::model::{Claim, ClaimReport, Evidence, Reason, Reasons, SourceMeta, Stance, Verdict};
use crate::text::normalize::{normalize_with_offsets, original_span};
use crate::text::span::Span;
use std::collections::BTreeMap;

/// The most characters of an evidence sentence (or window) a report shows.
pub const EVIDENCE_CHARS: usize = 1000;

/// The metadata of every source, by path.
pub fn sources(store: &dyn SentenceStore) -> BTreeMap<String, SourceMeta> {
    store.documents().iter().map(|d| (d.path.clone(), d.meta.clone())).collect()
}

/// The verdict on one claim, located.
pub fn claim_report(store: &dyn SentenceStore, claim: Claim, outcome: Outcome) -> ClaimReport {
    let evidence: Vec<Evidence> = outcome.evidence.iter().map(|a| evidence(store, &claim.text, a)).collect();
    // A claim-level reason that repeats an evidence sentence's conflict
    // points at the same words of the claim.
    let mut reasons = outcome.reasons;
    for reason in &mut reasons {
        let same = |r: &&Reason| r.kind == reason.kind && r.template == reason.template && r.values == reason.values;
        reason.claim = evidence.iter().flat_map(|e| e.reasons.iter()).find(same).and_then(|r| r.claim);
    }
    // The claim's conflicting words are marked when the conflict decided the verdict.
    let decided = outcome.verdict == Verdict::Contradicted;
    let side = outcome.evidence.iter().filter(|a| decided && a.stance == Stance::Contradicts);
    let claim_marks = marks(&claim.text, side.flat_map(|a| a.marks.iter().filter_map(|m| m.claim)));
    ClaimReport {
        ok: claim.expect.map(|e| e == outcome.verdict),
        id: claim.id,
        text: claim.text,
        verdict: outcome.verdict,
        confidence: outcome.confidence,
        expect: claim.expect,
        conflict: outcome.conflict,
        finding: false,
        baselined: false,
        reasons: Reasons(reasons),
        evidence,
        url: claim.url,
        extra: claim.extra,
        location: claim.location,
        marks: claim_marks,
    }
}

fn evidence(store: &dyn SentenceStore, claim: &str, a: &Assessment) -> Evidence {
    let own = store.sentence(a.sentence);
    let window = store.window(a.sentence).filter(|_| a.window.is_some());
    let before = window.as_ref().map_or(&[][..], |w| w.before.as_slice());
    let read: Vec<_> = before.iter().map(|&id| store.sentence(id)).chain([own]).collect();
    let doc = store.document_of(a.sentence);
    let at = doc.position(read[0].span.start);
    let sentence = read_together(read.iter().copied());
    // The text the conflicting words were found in: the window, or the
    // sentence with its table-row label in front.
    let label = if window.is_some() { None } else { read[0].label.as_deref() };
    let analysed = analysed_text(label, &sentence);
    let skip = analysed.len() - sentence.len();
    let in_sentence = |range: Option<(usize, usize)>| {
        let (start, end) = original_span(&analysed, &normalize_with_offsets(&analysed).1, range?.0, range?.1)?;
        (start >= skip).then(|| Span::new(start - skip, end - skip))
    };
    let mut reasons: Vec<Reason> = a.reasons.clone();
    for (reason, m) in reasons.iter_mut().zip(&a.marks) {
        reason.source = in_sentence(m.source);
        reason.claim = m
            .claim
            .and_then(|(s, e)| original_span(claim, &normalize_with_offsets(claim).1, s, e))
            .map(|(start, end)| Span::new(start, end));
    }
    let mut marks: Vec<(usize, usize)> = marks(&analysed, a.marks.iter().filter_map(|m| m.source))
        .into_iter()
        .filter(|(start, _)| *start >= skip)
        .map(|(start, end)| (start - skip, end - skip))
        .collect();
    // Evidence is shown, not reproduced: a long one is cut, with what it marks.
    let sentence = match sentence.char_indices().nth(EVIDENCE_CHARS) {
        Some((cut, _)) => {
            marks.retain(|(_, end)| *end <= cut);
            for reason in &mut reasons {
                reason.source = reason.source.filter(|s| s.end <= cut);
            }
            format!("{}\u{2026}", &sentence[..cut])
        }
        None => sentence,
    };
    Evidence {
        source: doc.path.clone(),
        line: at.line,
        column: at.column,
        sentence,
        stance: a.stance,
        reasons: Reasons(reasons),
        marks,
        line_text: doc.body().lines.line(doc.written(), at.line).to_string(),
    }
}

/// Byte ranges of `text` for ranges of its normalised form, sorted, overlaps merged.
fn marks(text: &str, normalised: impl Iterator<Item = (usize, usize)>) -> Vec<(usize, usize)> {
    let (_, offsets) = normalize_with_offsets(text);
    let mut out: Vec<(usize, usize)> =
        normalised.filter_map(|(start, end)| original_span(text, &offsets, start, end)).collect();
    out.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (start, end) in out {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    merged
}
