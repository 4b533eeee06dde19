//! Conflict detectors: each compares a claim with one aligned sentence and
//! says, in words a person can read, what is incompatible.

use crate::analysis::{Analysis, Cue};
use crate::engine::align::Alignment;
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
    /// Opposite words (former/current, before/after, aware/unaware).
    Antonym,
    /// A holder the claim calls current whom the source says was succeeded or resigned.
    Status,
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
    /// Why the sentence cannot support the claim though it does not contradict
    /// it ("the source does not state “200 jobs”").
    pub gaps: Vec<String>,
    /// The sentence only hedges what the claim asserts (the hedge word).
    pub hedged_source: Option<String>,
    /// Claim words the sentence puts another word in place of (claim word, source word).
    pub substitutions: Vec<(String, String)>,
}

/// Runs every detector on a claim and one sentence.
pub fn detect(claim: &Analysis, source: &Analysis, alignment: &Alignment, lexicon: &Lexicon) -> Findings {
    let mut findings = Findings::default();
    numbers(claim, source, &mut findings);
    dates(claim, source, &mut findings);
    negation(claim, source, alignment, &mut findings);
    hedge(claim, source, alignment, &mut findings);
    antonyms(claim, source, alignment, lexicon, &mut findings);
    status(claim, source, &mut findings);
    places(claim, source, &mut findings);
    findings.substitutions = substitutions(claim, source, alignment, lexicon);
    // Another place or date means another event: its numbers are not the claim's.
    if findings.conflicts.iter().any(|c| matches!(c.detector, Detector::Place | Detector::Date)) {
        findings.conflicts.retain(|c| c.detector != Detector::Number);
    }
    findings
}

fn quote(s: &str) -> String {
    format!("\u{201C}{s}\u{201D}")
}

/// A value a text states (a quantity or a date) and the tokens it spans.
trait Stated {
    fn tokens(&self) -> (usize, usize);
}

impl Stated for crate::analysis::quantity::Quantity {
    fn tokens(&self) -> (usize, usize) {
        (self.first, self.last)
    }
}

impl Stated for crate::analysis::date::DateMention {
    fn tokens(&self) -> (usize, usize) {
        (self.first, self.last)
    }
}

/// For each value the claim states: a gap when the source states none of the
/// same kind (`comparable`), a conflict when none it states is `compatible`.
fn compare_values<T: Stated>(
    detector: Detector,
    (claim, claimed): (&Analysis, &[T]),
    (source, stated): (&Analysis, &[T]),
    comparable: impl Fn(&T, &T) -> bool,
    compatible: impl Fn(&T, &T) -> bool,
    findings: &mut Findings,
) {
    let label = if detector == Detector::Date { "date" } else { "number" };
    for c in claimed {
        let (first, last) = c.tokens();
        let said = claim.surface(first, last);
        let same_kind: Vec<&T> = stated.iter().filter(|s| comparable(c, s)).collect();
        match same_kind.first() {
            None => findings.gaps.push(format!("the source does not state {}", quote(said))),
            Some(other) if !same_kind.iter().any(|s| compatible(c, s)) => {
                let (s_first, s_last) = other.tokens();
                findings.conflicts.push(Conflict {
                    detector,
                    reason: format!(
                        "{label}: the claim says {}, the source says {}",
                        quote(said),
                        quote(source.surface(s_first, s_last))
                    ),
                    claim: Some((first, last)),
                    source: Some((s_first, s_last)),
                });
            }
            Some(_) => {}
        }
    }
}

fn numbers(claim: &Analysis, source: &Analysis, findings: &mut Findings) {
    compare_values(
        Detector::Number,
        (claim, &claim.quantities),
        (source, &source.quantities),
        |a, b| a.comparable(b),
        |a, b| a.compatible(b),
        findings,
    );
}

fn dates(claim: &Analysis, source: &Analysis, findings: &mut Findings) {
    compare_values(
        Detector::Date,
        (claim, &claim.dates),
        (source, &source.dates),
        |_, _| true,
        |a, b| a.compatible(b),
        findings,
    );
}

/// Cues of the sentence that bear on aligned words: near one, in its clause.
fn in_scope<'a>(cues: &'a [Cue], source: &'a Analysis, alignment: &'a Alignment) -> impl Iterator<Item = &'a Cue> {
    cues.iter().filter(move |c| alignment.near_source(source, c.first, c.last, 3, 6))
}

/// A negation followed by "rather" or "instead" contrasts rather than denies:
/// "not a mass of soldiers but rather units at key points".
fn contrastive(a: &Analysis, cue: &Cue) -> bool {
    a.tokens.iter().skip(cue.last + 1).take(12).any(|t| matches!(t.lower.as_str(), "rather" | "instead"))
}

fn negation(claim: &Analysis, source: &Analysis, alignment: &Alignment, findings: &mut Findings) {
    let claim_cues: Vec<&Cue> = claim.negations.iter().filter(|c| !contrastive(claim, c)).collect();
    let source_cues: Vec<&Cue> =
        in_scope(&source.negations, source, alignment).filter(|c| !contrastive(source, c)).collect();
    if claim_cues.len() % 2 == source_cues.len() % 2 {
        return;
    }
    let (reason, claim_span, source_span) = match (claim_cues.first(), source_cues.first()) {
        (_, Some(c)) if claim_cues.is_empty() => (
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
            if let Some(fact) = in_scope(&source.facts, source, alignment).next() {
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
        let word = &claim.tokens[ci].lower;
        let listed = lexicon.antonyms(key);
        let light = lexicon.is_light(key);
        let opposite = source.keys.iter().enumerate().position(|(si, k)| {
            (listed.contains(k)
                || negated_by_prefix(word, &source.tokens[si].lower)
                || !light && claim.words[ci].is_antonym_of(&source.words[si]))
                && alignment.near_source(source, si, si, 3, 3)
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

/// Whether one word is the other with a negating prefix ("unaware", "aware").
fn negated_by_prefix(a: &str, b: &str) -> bool {
    let check = |long: &str, short: &str| {
        ["un", "non", "non-", "dis", "in", "im"]
            .iter()
            .any(|p| long.strip_prefix(p).is_some_and(|rest| rest == short && rest.len() >= 4))
    };
    check(a, b) || check(b, a)
}

/// Words that say a holder is in office now.
const CURRENT: &[&str] = &["current", "currently", "incumbent", "sitting", "still"];
/// Phrases followed by the name of a holder who was replaced.
const REPLACED_AFTER: &[&[&str]] =
    &[&["succeeded"], &["succeeding"], &["replaced"], &["replacing"], &["took", "over", "from"], &["ousted"]];
/// Phrases preceded by the name of a holder who left.
const LEFT_BEFORE: &[&[&str]] = &[
    &["resigned"],
    &["stepped", "down"],
    &["left", "office"],
    &["was", "succeeded"],
    &["was", "replaced"],
    &["retired"],
    &["was", "ousted"],
];

/// The capitalised name run that starts at `i` and goes in direction `step`.
fn name_at(a: &Analysis, i: usize, forward: bool) -> Vec<&str> {
    let mut keys = Vec::new();
    let mut j = i as isize;
    while j >= 0 && (j as usize) < a.tokens.len() && a.tokens[j as usize].is_capitalized() {
        let t = j as usize;
        keys.extend(a.terms.iter().filter(|term| term.first <= t && t <= term.last).map(|term| term.key.as_str()));
        j += if forward { 1 } else { -1 };
    }
    keys
}

/// Names the source says were replaced or left office, with the phrase that says so.
fn former_holders(source: &Analysis) -> Vec<(Vec<&str>, (usize, usize))> {
    let mut out = Vec::new();
    let matches = |at: usize, phrase: &[&str]| {
        at + phrase.len() <= source.tokens.len() && phrase.iter().zip(&source.tokens[at..]).all(|(w, t)| *w == t.lower)
    };
    for i in 0..source.tokens.len() {
        for phrase in REPLACED_AFTER {
            if matches(i, phrase) {
                let last = i + phrase.len() - 1;
                out.push((name_at(source, last + 1, true), (i, last)));
            }
        }
        for phrase in LEFT_BEFORE {
            if matches(i, phrase) && i > 0 {
                let before = if matches!(source.tokens[i - 1].lower.as_str(), "has" | "had") {
                    i.saturating_sub(2)
                } else {
                    i - 1
                };
                out.push((name_at(source, before, false), (i, i + phrase.len() - 1)));
            }
        }
    }
    out.retain(|(name, _)| !name.is_empty());
    out
}

fn status(claim: &Analysis, source: &Analysis, findings: &mut Findings) {
    let Some(current) = claim.tokens.iter().position(|t| CURRENT.contains(&t.lower.as_str())) else {
        return;
    };
    let subject: Vec<&str> = claim
        .terms
        .iter()
        .filter(|t| t.last < current && claim.tokens[t.first].is_capitalized())
        .map(|t| t.key.as_str())
        .collect();
    for (name, (first, last)) in former_holders(source) {
        if name.iter().any(|k| subject.contains(k)) {
            findings.conflicts.push(Conflict {
                detector: Detector::Status,
                reason: format!(
                    "status: the claim says {}, the source says {} ({})",
                    quote(&claim.tokens[current].raw),
                    quote(source.surface(first, last)),
                    source.surface(first.saturating_sub(3), (last + 3).min(source.tokens.len() - 1))
                ),
                claim: Some((current, current)),
                source: Some((first, last)),
            });
            return;
        }
    }
}

/// Claim words whose place the sentence gives to another word: an unmatched
/// claim term between two matched neighbours, where the sentence has an
/// unmatched word between the neighbours' matches ("a man is slicing" / "a
/// woman is slicing"). The sentence says something else in that slot.
fn substitutions(
    claim: &Analysis,
    source: &Analysis,
    alignment: &Alignment,
    lexicon: &Lexicon,
) -> Vec<(String, String)> {
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
        let between: Vec<&crate::lexicon::Term> = source
            .terms
            .iter()
            .filter(|s| s.first >= lo && s.last < hi && !alignment.source_tokens[s.first] && !lexicon.is_light(&s.key))
            .collect();
        if let [other] = between[..] {
            if claim.tokens[term.first].is_capitalized() == source.tokens[other.first].is_capitalized() {
                out.push((
                    claim.surface(term.first, term.last).to_string(),
                    source.surface(other.first, other.last).to_string(),
                ));
            }
        }
    }
    out
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

fn place_keys(a: &Analysis, (first, last): (usize, usize)) -> impl Iterator<Item = &str> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::Bm25Index;

    fn found(claim: &str, source: &str) -> Vec<Detector> {
        let lexicon = Lexicon::builtin();
        let claim = Analysis::new(claim, &lexicon);
        let source = Analysis::new(source, &lexicon);
        let index = Bm25Index::new([source.terms.iter().map(|t| t.key.as_str())]);
        let alignment = Alignment::new(&claim, &source, &index, &lexicon);
        detect(&claim, &source, &alignment, &lexicon).conflicts.into_iter().map(|c| c.detector).collect()
    }

    #[test]
    fn numbers_of_the_same_thing() {
        assert_eq!(found("NATO has 31 members.", "NATO has 32 members."), [Detector::Number]);
        assert_eq!(found("The deal is worth £16 billion.", "a £1.6 billion deal"), [Detector::Number]);
        assert!(found("around 31 countries joined", "about 30 countries joined").is_empty());
        assert!(found("5,000 missiles", "5000 missiles").is_empty());
        // Different things counted: no comparison.
        assert!(found("about 30 leaders joined", "around 31 countries joined").is_empty());
    }

    #[test]
    fn dates() {
        assert_eq!(found("The summit was on 9 March 2025.", "The summit was on 2 March 2025."), [Detector::Date]);
        assert!(found("The summit was in March 2025.", "The summit was on 2 March 2025.").is_empty());
    }

    #[test]
    fn negation_and_its_scope() {
        assert_eq!(
            found("Poland plans to send soldiers.", "Poland does not plan to send soldiers."),
            [Detector::Negation]
        );
        assert!(found("Poland will not send soldiers.", "Poland has ruled out sending soldiers.").is_empty());
        assert!(found("Poland does not plan to send soldiers.", "Poland does not plan to send soldiers.").is_empty());
        // "not X but rather Y" contrasts; it does not deny Y.
        assert!(found(
            "Macron said nations would station troops at key points.",
            "Macron said the plan did not aim to deploy a mass of soldiers but rather would station troops at key points."
        )
        .is_empty());
    }

    #[test]
    fn hedge_against_fact() {
        assert_eq!(
            found(
                "Mark Rutte is projected to become NATO Secretary General.",
                "Mark Rutte took office as NATO Secretary General on 1 October 2024."
            ),
            [Detector::Hedge]
        );
        assert!(found("Rutte is expected to lead NATO.", "Rutte is expected to lead NATO.").is_empty());
        // A month named May is not a hedge.
        assert!(found("Merz became chancellor on 6 May 2025.", "Merz became chancellor on 6 May 2025.").is_empty());
    }

    #[test]
    fn antonyms_and_negating_prefixes() {
        assert_eq!(
            found("Scholz was the incoming German chancellor.", "Scholz was the outgoing German chancellor."),
            [Detector::Antonym]
        );
        assert_eq!(
            found("Zelensky said he was unaware of the plan.", "Zelensky said he was aware of the plan."),
            [Detector::Antonym]
        );
        assert!(found("Scholz was the outgoing chancellor.", "Scholz was the outgoing chancellor.").is_empty());
    }

    #[test]
    fn status_of_a_replaced_holder() {
        assert_eq!(
            found(
                "Jens Stoltenberg is the current Secretary General of NATO.",
                "Mark Rutte succeeded Jens Stoltenberg as NATO Secretary General."
            ),
            [Detector::Status]
        );
        assert!(found(
            "Mark Rutte is the current Secretary General of NATO.",
            "Mark Rutte succeeded Jens Stoltenberg as NATO Secretary General."
        )
        .is_empty());
        assert_eq!(
            found(
                "Justin Trudeau is the current prime minister of Canada.",
                "Justin Trudeau resigned as prime minister of Canada."
            ),
            [Detector::Status]
        );
    }

    #[test]
    fn places_in_the_same_role() {
        assert_eq!(
            found(
                "Starmer hosted a summit of European leaders in Paris.",
                "Starmer hosted a summit of European leaders in London."
            ),
            [Detector::Place]
        );
        assert!(found("Starmer hosted a summit in London.", "Starmer hosted a summit in London on Sunday.").is_empty());
    }
}
