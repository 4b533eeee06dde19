//! A holder the claim calls current whom the source says was succeeded or
//! resigned.

use super::{text, Detector, Findings, Pair, Profile};
use crate::analysis::{Analysis, Prepared, Side};
use crate::lexicon::Phrase;
use std::sync::LazyLock;

/// Status words against succession and resignation phrases.
pub struct Status;

/// The detector's words, from `data/status.toml`.
#[derive(serde::Deserialize)]
struct Words {
    current: Vec<String>,
    replaced_after: Vec<String>,
    left_before: Vec<String>,
}

static WORDS: LazyLock<(Vec<String>, Vec<Phrase>, Vec<Phrase>)> = LazyLock::new(|| {
    // Built into the binary, not input: the test below proves it parses.
    let words: Words = toml::from_str(include_str!("../../../data/status.toml")).expect("data/status.toml parses");
    let phrases = |list: Vec<String>| list.iter().map(|p| p.split_whitespace().map(str::to_string).collect()).collect();
    (words.current, phrases(words.replaced_after), phrases(words.left_before))
});

/// A holder a text says was replaced or left office: the name's keys and
/// the tokens of the phrase that says so.
type FormerHolder = (Vec<String>, (usize, usize));

/// The keys of the capitalised name run that starts at `i` and goes forward or back.
fn name_at(a: &Analysis, i: usize, forward: bool) -> Vec<String> {
    let mut keys = Vec::new();
    let mut j = i as isize;
    while j >= 0 && (j as usize) < a.tokens.len() && a.tokens[j as usize].is_capitalized() {
        let t = j as usize;
        keys.extend(a.terms.iter().filter(|term| term.first <= t && t <= term.last).map(|term| term.key.clone()));
        j += if forward { 1 } else { -1 };
    }
    keys
}

/// Names the text says were replaced or left office, with the phrase that says so.
fn former_holders(source: &Analysis) -> Vec<FormerHolder> {
    let mut out = Vec::new();
    let (_, replaced_after, left_before) = &*WORDS;
    let matches = |at: usize, phrase: &[String]| {
        at + phrase.len() <= source.tokens.len() && phrase.iter().zip(&source.tokens[at..]).all(|(w, t)| *w == t.lower)
    };
    for i in 0..source.tokens.len() {
        for phrase in replaced_after {
            if matches(i, phrase) {
                let last = i + phrase.len() - 1;
                out.push((name_at(source, last + 1, true), (i, last)));
            }
        }
        for phrase in left_before {
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

static PROFILE: Profile = Profile::new("status", 0.85);

impl Detector for Status {
    fn profile(&self) -> &'static Profile {
        &PROFILE
    }

    fn prepare(&self, text: &Analysis, side: Side) -> Option<Prepared> {
        let found = if side == Side::Source { former_holders(text) } else { Vec::new() };
        (!found.is_empty()).then(|| Box::new(found) as Prepared)
    }

    fn detect(&'static self, pair: &Pair, findings: &mut Findings) {
        let (claim, source) = (pair.claim, pair.source);
        let Some(current) = claim.tokens.iter().position(|t| WORDS.0.contains(&t.lower)) else {
            return;
        };
        let subject: Vec<&str> = claim
            .terms
            .iter()
            .filter(|t| t.last < current && claim.tokens[t.first].is_capitalized())
            .map(|t| t.key.as_str())
            .collect();
        let holders: &[FormerHolder] = pair.source_prepared::<Vec<FormerHolder>>().map_or(&[], Vec::as_slice);
        for (name, (first, last)) in holders {
            if name.iter().any(|k| subject.contains(&k.as_str())) {
                findings.conflict(
                    self,
                    "status: the claim says \u{201C}{claim}\u{201D}, the source says \u{201C}{source}\u{201D} ({context})",
                    vec![
                        ("claim", text(&claim.tokens[current].raw)),
                        ("source", text(source.surface(*first, *last))),
                        (
                            "context",
                            text(source.surface(first.saturating_sub(3), (last + 3).min(source.tokens.len() - 1))),
                        ),
                    ],
                    Some((current, current)),
                    Some((*first, *last)),
                );
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_word_list_parses() {
        let (current, replaced_after, left_before) = &*super::WORDS;
        assert!(current.iter().any(|w| w == "current"));
        assert!(replaced_after.iter().any(|p| p == &["took", "over", "from"]));
        assert!(left_before.iter().any(|p| p == &["resigned"]));
    }
}
