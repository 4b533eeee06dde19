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

/// How many words from an office's country its holder's name may be ("Dick
/// Schoof, Denmark's prime minister").
const HOLDER_WORDS: usize = 6;

/// The keys of the names near an office's country (words, not acronyms nor
/// countries): who holds it.
fn holders<'a>(a: &'a Analysis, lexicon: &Lexicon, (first, last): (usize, usize)) -> Vec<&'a str> {
    let near = |t: &&crate::lexicon::Term| {
        t.last < first && first - t.last <= HOLDER_WORDS || t.first > last && t.first - last <= HOLDER_WORDS
    };
    (a.terms.iter())
        .filter(|t| {
            let word = &a.tokens[t.first];
            let lower_after = word.raw.chars().skip(1).any(char::is_lowercase);
            word.is_capitalized() && lower_after && !lexicon.is_place(&t.key)
        })
        .filter(near)
        .map(|t| t.key.as_str())
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
        // Where, against where; whose office, against whose: the country of
        // an office held by someone the claim names, against the country of
        // one the same person holds in the sentence ("Dick Schoof, prime
        // minister of the Netherlands") or one with no name near it ("…
        // born 1967, is an Indian actor"), not another person's ("French
        // president, Emmanuel Macron").
        let lexicon = pair.lexicon;
        let claim_offices: Vec<((usize, usize), Vec<&str>)> = jurisdictions(claim, lexicon)
            .into_iter()
            .filter(|o| !claim_places.iter().any(|p| p.0 <= o.1 && o.0 <= p.1))
            .map(|o| (o, holders(claim, lexicon, o)))
            .filter(|(_, held)| !held.is_empty())
            .collect();
        let source_offices: Vec<((usize, usize), Vec<&str>)> = if claim_offices.is_empty() {
            Vec::new()
        } else {
            jurisdictions(source, lexicon).into_iter().map(|o| (o, holders(source, lexicon, o))).collect()
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
                || (source_places.iter().chain(source_offices.iter().map(|(o, _)| o)))
                    .any(|&p| place_keys(source, p).any(|k| place_keys(claim, place).any(|c| c == k)))
        };
        // A place of the sentence that the claim has no word of.
        let another = |p: &(usize, usize)| {
            place_keys(source, *p).next().is_some() && place_keys(source, *p).all(|k| !has(claim, k))
        };
        let mut report = |place: (usize, usize), other: (usize, usize)| {
            findings.conflict(
                self,
                "place: the claim says \u{201C}{claim}\u{201D}, the source says \u{201C}{source}\u{201D}",
                vec![
                    ("claim", text(claim.surface(place.0, place.1))),
                    ("source", text(source.surface(other.0, other.1))),
                ],
                Some(place),
                Some(other),
            )
        };
        for &place in claim_places {
            if place_keys(claim, place).next().is_none() || said(place) {
                continue;
            }
            if let Some(&other) = source_places.iter().find(|p| another(p)) {
                report(place, other);
            }
        }
        for (place, held) in &claim_offices {
            // An office's country is said by the same country anywhere ("Canadian").
            if place_keys(claim, *place).all(|k| has(source, k)) {
                continue;
            }
            // The same holder's, or one no other name stands near.
            let same_holder = |theirs: &Vec<&str>| theirs.is_empty() || theirs.iter().any(|k| held.contains(k));
            if let Some((other, _)) = source_offices.iter().find(|(o, theirs)| same_holder(theirs) && another(o)) {
                report(*place, *other);
            }
        }
    }
}
