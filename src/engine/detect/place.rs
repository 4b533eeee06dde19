//! Another place in the same role: "in Paris" against "in London".

use super::{text, Detector, Findings, Gate, Pair, Profile};
use crate::analysis::{Analysis, Prepared, Side};
use crate::lexicon::wordnet::WordNet;
use crate::lexicon::Lexicon;

/// Capitalised names after "in" or "at", and the country of an office.
pub struct Place;

/// How many words an office may take after its country ("Denmark's prime
/// minister", "the Dutch foreign minister").
const OFFICE_WORDS: usize = 3;

/// Countries (or their peoples' adjectives) that say whose an office is:
/// "Denmark's prime minister", "the Dutch prime minister", "prime minister
/// of the Netherlands" (a singular word for a person after, or before "of").
fn jurisdictions(a: &Analysis, lexicon: &Lexicon) -> Vec<(usize, usize)> {
    let wordnet = WordNet::builtin();
    let office =
        |i: usize| a.tokens.get(i).is_some_and(|t| !t.lower.ends_with('s') && wordnet.names_a_person(&t.lower));
    a.terms
        .iter()
        .filter(|t| a.tokens[t.first].is_capitalized() && lexicon.is_place(&t.key))
        .filter(|t| {
            let after = (t.last + 1..(t.last + 1 + OFFICE_WORDS).min(a.tokens.len()))
                .take_while(|&i| !a.clause_break_between(t.last, i));
            let before_of = t.first >= 2 && a.tokens[t.first - 1].lower == "of" && office(t.first - 2)
                || t.first >= 3
                    && a.tokens[t.first - 1].lower == "the"
                    && a.tokens[t.first - 2].lower == "of"
                    && office(t.first - 3);
            before_of || after.into_iter().any(office)
        })
        .map(|t| (t.first, t.last))
        .collect()
}

fn place_keys(a: &Analysis, (first, last): (usize, usize)) -> impl Iterator<Item = &str> {
    a.terms.iter().filter(move |t| t.first >= first && t.last <= last).map(|t| t.key.as_str())
}

// The whole claim must line up (a place's slot says little on its own), and
// another place means another event.
static PROFILE: Profile = Profile {
    gate: Gate::Contradict { local: false },
    another_event: true,
    needs_participants: true,
    ..Profile::new("place", 0.85)
};

impl Detector for Place {
    fn profile(&self) -> &'static Profile {
        &PROFILE
    }

    fn prepare(&self, text: &Analysis, _: Side) -> Option<Prepared> {
        let found = text.places();
        (!found.is_empty()).then(|| Box::new(found) as Prepared)
    }

    fn detect(&'static self, pair: &Pair, findings: &mut Findings) {
        let (claim, source) = (pair.claim, pair.source);
        let none: &[(usize, usize)] = &[];
        let claim_places = pair.claim_prepared::<Vec<(usize, usize)>>().map_or(none, Vec::as_slice);
        let source_places = pair.source_prepared::<Vec<(usize, usize)>>().map_or(none, Vec::as_slice);
        // Where, against where; whose office, against whose.
        let claim_offices = jurisdictions(claim, pair.lexicon);
        // Another country's office, next to the claim's words ("Dick Schoof,
        // prime minister of the Netherlands"), not another person's ("French
        // president, Emmanuel Macron; Canadian prime minister").
        let source_offices: Vec<(usize, usize)> = if claim_offices.is_empty() {
            Vec::new()
        } else {
            let near = |&(first, last): &(usize, usize)| pair.alignment.near_source(source, first, last, 3, 3);
            jurisdictions(source, pair.lexicon).into_iter().filter(near).collect()
        };
        let has = |a: &Analysis, key: &str| a.terms.iter().any(|t| t.key == key);
        // The same place in the source: the same words, or a place mention
        // with the same key ("in Britain", "in the UK"). A capital's key is its
        // country's (for "Moscow's approval"), but "Russian" is no location.
        let said = |place: (usize, usize)| {
            let words = |a: &Analysis, (f, l): (usize, usize)| {
                a.tokens[f..=l].iter().map(|t| t.lower.clone()).collect::<Vec<_>>()
            };
            let mine = words(claim, place);
            source.tokens.windows(mine.len()).any(|w| w.iter().zip(&mine).all(|(t, m)| t.lower == *m))
                || (source_places.iter().chain(&source_offices))
                    .any(|&p| place_keys(source, p).any(|k| place_keys(claim, place).any(|c| c == k)))
        };
        // An office's country is said by the same country anywhere ("Canadian").
        let named = |place: (usize, usize)| place_keys(claim, place).all(|k| has(source, k));
        for (mine, theirs, office) in [(claim_places, source_places, false), (&claim_offices, &source_offices, true)] {
            for &place in mine {
                if place_keys(claim, place).next().is_none() || said(place) || office && named(place) {
                    continue;
                }
                let other = theirs.iter().find(|p| {
                    place_keys(source, **p).next().is_some() && place_keys(source, **p).all(|k| !has(claim, k))
                });
                if let Some(&other) = other {
                    findings.conflict(
                        self,
                        "place: the claim says \u{201C}{claim}\u{201D}, the source says \u{201C}{source}\u{201D}",
                        vec![
                            ("claim", text(claim.surface(place.0, place.1))),
                            ("source", text(source.surface(other.0, other.1))),
                        ],
                        Some(place),
                        Some(other),
                    );
                }
            }
        }
    }
}
