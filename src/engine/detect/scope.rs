//! A quantifier's scope against the sentence's: "only European countries"
//! against "European and also non-European countries"; "only one of the
//! three" against "all three". A claim's quantifier of the whole ("all",
//! "unanimously") or of nothing else ("solely") is earned: a sentence that
//! says none of its kind cannot support it.

use super::{not_stated, text, Detector, Findings, Pair, Profile, Slot, SLOT};
use crate::analysis::quantity::is_number_word;
use crate::analysis::{Analysis, Prepared, Side};
use crate::lexicon::Lexicon;

/// "Only" in the claim against "all" or "non-" in the sentence.
pub struct Scope;

/// Words that count everything the claim's "only" leaves out.
const ALL: &[&str] = &["all", "both", "every", "each"];

/// Quantifiers of the whole: a closed class of English (determiners, and
/// adverbs and adjectives of totality).
const WHOLE: &[&str] = &[
    "all",
    "every",
    "each",
    "entire",
    "entirely",
    "whole",
    "wholly",
    "completely",
    "totally",
    "fully",
    "unanimous",
    "unanimously",
    "always",
    "everyone",
    "everybody",
    "everything",
    "everywhere",
];
/// Quantifiers of nothing else: a closed class of English.
const NOTHING_ELSE: &[&str] = &["only", "solely", "exclusively", "sole"];

/// Which of the two kinds a quantifier is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Whole,
    NothingElse,
}

// "Only" bears on what follows it.
static PROFILE: Profile = Profile { slot: Slot { reach: SLOT, scope: true, needed: 1 }, ..Profile::new("scope", 0.8) };

/// A text's "only": its token, the token it restricts, and whether that is a count ("only one").
struct Restriction {
    only: usize,
    restricted: usize,
    counted: bool,
}

/// What the detector reads from a claim: its restrictions, and its
/// quantifiers with their kinds.
struct Claimed {
    restrictions: Vec<Restriction>,
    quantifiers: Vec<(usize, Kind)>,
}

/// The "only" of a text, each with the token it restricts.
fn restrictions(text: &Analysis) -> Vec<Restriction> {
    let tokens = &text.tokens;
    (0..tokens.len().saturating_sub(1))
        .filter(|&only| tokens[only].lower == "only")
        .map(|only| Restriction { only, restricted: only + 1, counted: is_number_word(&tokens[only + 1]) })
        .collect()
}

/// The quantifiers of a text and their kinds. Not a word of a name ("Keep
/// Ellingham Whole"), nor of an idiom that quantifies nothing ("at all",
/// "above all", "all but", "each other"); on the sentence's side, "both"
/// also speaks of the whole.
fn quantifiers(text: &Analysis, side: Side) -> Vec<(usize, Kind)> {
    let tokens = &text.tokens;
    let word = |i: usize| tokens.get(i).map_or("", |t| t.lower.as_str());
    // Capitalised after a capitalised word, in the same clause.
    let in_name = |i: usize| tokens[i - 1].is_capitalized() && !text.clause_break_between(i - 1, i);
    // "France, Germany and the UK were all prepared": a quantifier floated
    // after the verb of a subject that lists its members says no more than the list.
    let listed = |i: usize| {
        i > 0
            && matches!(word(i - 1), "are" | "were" | "have" | "had" | "will" | "would")
            && (0..i - 1).any(|j| word(j) == "and" && !text.clause_break_between(j, i))
    };
    let idiom = |i: usize| {
        listed(i)
            || (i > 0 && matches!(word(i - 1), "at" | "after" | "above") && word(i) == "all")
            || (word(i) == "all" && word(i + 1) == "but")
            || (word(i) == "each" && word(i + 1) == "other")
    };
    (0..tokens.len())
        .filter(|&i| !(i > 0 && tokens[i].is_capitalized() && in_name(i)))
        .filter(|&i| !idiom(i))
        .filter_map(|i| {
            let w = word(i);
            if WHOLE.contains(&w) || (side == Side::Source && w == "both") {
                Some((i, Kind::Whole))
            } else {
                NOTHING_ELSE.contains(&w).then_some((i, Kind::NothingElse))
            }
        })
        .collect()
}

impl Detector for Scope {
    fn profile(&self) -> &'static Profile {
        &PROFILE
    }

    fn anchors(&self, claim: &Analysis, _: &Lexicon) -> Vec<(usize, usize)> {
        restrictions(claim).iter().map(|r| (r.only, r.only)).collect()
    }

    fn prepare(&self, text: &Analysis, side: Side) -> Option<Prepared> {
        let quantifiers = quantifiers(text, side);
        match side {
            Side::Claim => {
                let claimed = Claimed { restrictions: restrictions(text), quantifiers };
                let any = !claimed.restrictions.is_empty() || !claimed.quantifiers.is_empty();
                any.then(|| Box::new(claimed) as Prepared)
            }
            Side::Source => {
                let kinds: Vec<Kind> = quantifiers.into_iter().map(|(_, kind)| kind).collect();
                (!kinds.is_empty()).then(|| Box::new(kinds) as Prepared)
            }
        }
    }

    fn detect(&'static self, pair: &Pair, findings: &mut Findings) {
        let (claim, source, lexicon) = (pair.claim, pair.source, pair.lexicon);
        let Some(claimed) = pair.claim_prepared::<Claimed>() else { return };
        let stated = pair.source_prepared::<Vec<Kind>>().map_or(&[][..], Vec::as_slice);
        for &(at, kind) in &claimed.quantifiers {
            if !stated.contains(&kind) {
                findings.gaps.push(not_stated(claim.surface(at, at)));
            }
        }
        for &Restriction { only, restricted, counted } in &claimed.restrictions {
            let key = lexicon.key(&claim.tokens[restricted].lower);
            // "non-European" where the claim says "only European".
            let outside = source
                .tokens
                .windows(2)
                .position(|w| w[0].lower == "non" && w[1].hyphen_before && lexicon.key(&w[1].lower) == key);
            // "all three" where the claim says "only one".
            let everyone = counted
                .then(|| source.tokens.iter().position(|t| ALL.contains(&t.lower.as_str())))
                .flatten()
                .filter(|&i| pair.alignment.near_source(source, i, i, 0, 3));
            if let Some(at) = outside.map(|i| (i, i + 1)).or(everyone.map(|i| (i, i))) {
                findings.conflict(
                    self,
                    "scope: the claim says \u{201C}{claim}\u{201D}, the source says \u{201C}{source}\u{201D}",
                    vec![
                        ("claim", text(claim.surface(only, restricted))),
                        ("source", text(source.surface(at.0, at.1))),
                    ],
                    Some((only, restricted)),
                    Some(at),
                );
            }
        }
    }
}
