//! Conflict detectors: each compares a claim with one aligned sentence and
//! says, in words a person can read, what is incompatible.

use crate::align::Alignment;
use crate::analysis::{Analysis, Cue};
use crate::lexicon::Lexicon;
use serde::Serialize;

/// The kinds of incompatibility Veracity detects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Detector {
    /// Another number for the same thing.
    Number,
    /// Another date.
    Date,
    /// Opposite polarity: one says not, the other does not.
    Negation,
    /// A hedge (projected, could) against an established fact.
    Hedge,
    /// Opposite or exclusive status words (former/current, before/after).
    Antonym,
    /// Another place in the same role.
    Place,
}

/// One incompatibility between a claim and a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// Which detector found it.
    pub detector: Detector,
    /// What it is, for people.
    pub reason: String,
    /// The claim tokens involved, `[first, last]`, if any.
    pub claim: Option<(usize, usize)>,
    /// The sentence tokens involved, `[first, last]`, if any.
    pub source: Option<(usize, usize)>,
}

/// What the detectors found in one claim-sentence pair.
#[derive(Debug, Clone, Default)]
pub struct Findings {
    /// Incompatibilities.
    pub conflicts: Vec<Conflict>,
    /// Claim details (numbers, dates) the sentence does not state.
    pub missing: Vec<String>,
    /// The sentence only hedges what the claim asserts (the hedge word).
    pub hedged_source: Option<String>,
}

/// Runs every detector on a claim and one sentence.
pub fn detect(claim: &Analysis, source: &Analysis, alignment: &Alignment, lexicon: &Lexicon) -> Findings {
    let mut findings = Findings::default();
    numbers(claim, source, &mut findings);
    dates(claim, source, &mut findings);
    negation(claim, source, alignment, &mut findings);
    hedge(claim, source, alignment, &mut findings);
    antonyms(claim, source, alignment, lexicon, &mut findings);
    places(claim, source, &mut findings);
    findings
}

fn quote(s: &str) -> String {
    format!("\u{201C}{s}\u{201D}")
}

fn numbers(claim: &Analysis, source: &Analysis, findings: &mut Findings) {
    for q in &claim.quantities {
        let said = claim.surface(q.first, q.last);
        let comparable: Vec<_> = source.quantities.iter().filter(|s| q.comparable(s)).collect();
        match comparable.first() {
            None => findings.missing.push(said.to_string()),
            Some(first) if !comparable.iter().any(|s| q.compatible(s)) => findings.conflicts.push(Conflict {
                detector: Detector::Number,
                reason: format!(
                    "number: the claim says {}, the source says {}",
                    quote(said),
                    quote(source.surface(first.first, first.last))
                ),
                claim: Some((q.first, q.last)),
                source: Some((first.first, first.last)),
            }),
            Some(_) => {}
        }
    }
}

fn dates(claim: &Analysis, source: &Analysis, findings: &mut Findings) {
    for d in &claim.dates {
        let said = claim.surface(d.first, d.last);
        match source.dates.first() {
            None => findings.missing.push(said.to_string()),
            Some(first) if !source.dates.iter().any(|s| d.compatible(s)) => findings.conflicts.push(Conflict {
                detector: Detector::Date,
                reason: format!(
                    "date: the claim says {}, the source says {}",
                    quote(said),
                    quote(source.surface(first.first, first.last))
                ),
                claim: Some((d.first, d.last)),
                source: Some((first.first, first.last)),
            }),
            Some(_) => {}
        }
    }
}

/// Cues of the sentence that bear on aligned words: near one, in its clause.
fn in_scope<'a>(cues: &'a [Cue], source: &'a Analysis, alignment: &'a Alignment) -> impl Iterator<Item = &'a Cue> {
    cues.iter().filter(move |c| alignment.near_source(source, c.first, c.last, 3, 6))
}

fn negation(claim: &Analysis, source: &Analysis, alignment: &Alignment, findings: &mut Findings) {
    let claim_cue = claim.negations.first();
    let source_cues: Vec<&Cue> = in_scope(&source.negations, source, alignment).collect();
    if claim.negations.len() % 2 == source_cues.len() % 2 {
        return;
    }
    let (reason, claim_span, source_span) = match (claim_cue, source_cues.first()) {
        (_, Some(c)) if claim.negations.is_empty() => (
            format!("negation: the source says {} where the claim does not", quote(source.surface(c.first, c.last))),
            None,
            Some((c.first, c.last)),
        ),
        (Some(c), _) => (
            format!("negation: the claim says {} where the source does not", quote(claim.surface(c.first, c.last))),
            Some((c.first, c.last)),
            None,
        ),
        _ => return,
    };
    findings.conflicts.push(Conflict { detector: Detector::Negation, reason, claim: claim_span, source: source_span });
}

fn hedge(claim: &Analysis, source: &Analysis, alignment: &Alignment, findings: &mut Findings) {
    let source_hedge = in_scope(&source.hedges, source, alignment).next();
    match (claim.hedges.first(), source_hedge) {
        (Some(c), None) => {
            if let Some(fact) = source.facts.first() {
                findings.conflicts.push(Conflict {
                    detector: Detector::Hedge,
                    reason: format!(
                        "hedge against fact: the claim says {}, the source states it as fact: {}",
                        quote(claim.surface(c.first, c.last)),
                        quote(source.surface(fact.first, fact.last))
                    ),
                    claim: Some((c.first, c.last)),
                    source: Some((fact.first, fact.last)),
                });
            }
        }
        (None, Some(s)) => findings.hedged_source = Some(source.surface(s.first, s.last).to_string()),
        _ => {}
    }
}

fn antonyms(claim: &Analysis, source: &Analysis, alignment: &Alignment, lexicon: &Lexicon, findings: &mut Findings) {
    for (ci, key) in claim.keys.iter().enumerate() {
        if source.keys.contains(key) || !alignment.near_claim(claim, ci, ci, 3, 3) {
            continue;
        }
        let opposite = lexicon.antonyms(key).iter().find_map(|a| {
            source.keys.iter().enumerate().position(|(si, k)| k == a && alignment.near_source(source, si, si, 3, 3))
        });
        if let Some(si) = opposite {
            findings.conflicts.push(Conflict {
                detector: Detector::Antonym,
                reason: format!(
                    "antonym: the claim says {}, the source says {}",
                    quote(&claim.tokens[ci].raw),
                    quote(&source.tokens[si].raw)
                ),
                claim: Some((ci, ci)),
                source: Some((si, si)),
            });
        }
    }
}

const WEEKDAYS: &[&str] = &["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// Capitalised names after "in" or "at": the places a text puts things.
fn place_mentions(a: &Analysis) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (i, t) in a.tokens.iter().enumerate() {
        if !matches!(t.lower.as_str(), "in" | "at") {
            continue;
        }
        let mut j = i + 1;
        while j < a.tokens.len() && a.tokens[j].lower == "the" {
            j += 1;
        }
        let start = j;
        while j < a.tokens.len()
            && a.tokens[j].is_capitalized()
            && !WEEKDAYS.contains(&a.tokens[j].lower.as_str())
            && !crate::analysis::date::is_month(&a.tokens[j])
            && (j == start || !a.clause_break_between(j - 1, j))
        {
            j += 1;
        }
        if j > start {
            out.push((start, j - 1));
        }
    }
    out
}

fn place_keys<'a>(a: &'a Analysis, (first, last): (usize, usize)) -> impl Iterator<Item = &'a str> {
    a.terms.iter().filter(move |t| t.first >= first && t.last <= last).map(|t| t.key.as_str())
}

fn places(claim: &Analysis, source: &Analysis, findings: &mut Findings) {
    let has = |a: &Analysis, key: &str| a.terms.iter().any(|t| t.key == key);
    let source_places = place_mentions(source);
    for place in place_mentions(claim) {
        if place_keys(claim, place).next().is_none() || place_keys(claim, place).any(|k| has(source, k)) {
            continue;
        }
        let other = source_places
            .iter()
            .find(|p| place_keys(source, **p).next().is_some() && place_keys(source, **p).all(|k| !has(claim, k)));
        if let Some(&other) = other {
            findings.conflicts.push(Conflict {
                detector: Detector::Place,
                reason: format!(
                    "place: the claim says {}, the source says {}",
                    quote(claim.surface(place.0, place.1)),
                    quote(source.surface(other.0, other.1))
                ),
                claim: Some(place),
                source: Some(other),
            });
        }
    }
}
