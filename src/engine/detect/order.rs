//! The order of two events: "deployed before any ceasefire" against "deployed
//! once a ceasefire is secured" or "only after the truce".

use super::{text, Detector, Findings, Pair, Profile, Slot, SLOT};
use crate::analysis::{Analysis, Prepared, Side};
use crate::index::timeline::{self, Person};
use crate::lexicon::wordnet::WordNet;
use crate::lexicon::Lexicon;
use crate::model::{Reason, ReasonKind};

/// A connective's order: the claim's event comes first, or second.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sequence {
    Before,
    After,
}

/// English's subordinators and prepositions of time order, a closed class
/// (with the word that must follow, for those of two words).
const CONNECTIVES: &[(&str, Option<&str>, Sequence)] = &[
    ("before", None, Sequence::Before),
    ("until", None, Sequence::Before),
    ("till", None, Sequence::Before),
    ("prior", Some("to"), Sequence::Before),
    ("ahead", Some("of"), Sequence::Before),
    ("after", None, Sequence::After),
    ("following", None, Sequence::After),
    ("once", None, Sequence::After),
];

/// Time-order connectives in a text: a weekday's or date's own ("before 2025")
/// are the date detector's, an adverb "once" ("once said", "at once") and an
/// adjective "following" ("the following day") are not connectives.
fn connectives(text: &Analysis) -> Vec<(usize, Sequence)> {
    let tokens = &text.tokens;
    let lower = |i: usize| tokens.get(i).map_or("", |t| t.lower.as_str());
    let in_date = |i: usize| text.dates.iter().any(|d| d.first <= i && i <= d.last);
    let verb = |w: &str| w.ends_with("ed") || WordNet::builtin().is_irregular_verb(w);
    (0..tokens.len())
        .filter_map(|i| {
            let &(_, next, order) = CONNECTIVES.iter().find(|(w, _, _)| *w == lower(i))?;
            if next.is_some_and(|n| n != lower(i + 1))
                || in_date(i + 1)
                || text.quantities.iter().any(|q| q.first == i + 1)
            {
                return None;
            }
            let before = if i > 0 { lower(i - 1) } else { "" };
            let adverb = match lower(i) {
                "once" => {
                    matches!(before, "at" | "than" | "only" | "just" | "all")
                        || matches!(lower(i + 1), "again" | "more" | "upon" | "and" | "or" | "")
                        || verb(lower(i + 1))
                }
                "following" => matches!(before, "the" | "a" | "an" | "this" | "that"),
                _ => false,
            };
            (!adverb).then_some((i, order))
        })
        .collect()
}

/// What a text says of order: its connectives, and (a sentence) the
/// predecessors it names.
struct Stated {
    connectives: Vec<(usize, Sequence)>,
    predecessors: Vec<Person>,
}

// A connective bears on the clause that follows it.
static PROFILE: Profile = Profile { slot: Slot { reach: SLOT, scope: true, needed: 2 }, ..Profile::new("order", 0.8) };

/// A claim's "before" against the sentence's "after" (or "once", "following").
pub struct Order;

impl Detector for Order {
    fn profile(&self) -> &'static Profile {
        &PROFILE
    }

    fn anchors(&self, claim: &Analysis, _: &Lexicon) -> Vec<(usize, usize)> {
        connectives(claim).into_iter().map(|(i, _)| (i, i)).collect()
    }

    fn prepare(&self, text: &Analysis, side: Side) -> Option<Prepared> {
        let connectives = connectives(text);
        let predecessors = if side == Side::Source { timeline::predecessors(text) } else { Vec::new() };
        (!connectives.is_empty() || !predecessors.is_empty())
            .then(|| Box::new(Stated { connectives, predecessors }) as Prepared)
    }

    fn detect(&'static self, pair: &Pair, findings: &mut Findings) {
        let (claim, source, alignment) = (pair.claim, pair.source, pair.alignment);
        let Some(claimed) = pair.claim_prepared::<Stated>() else { return };
        let (stated, predecessors) = match pair.source_prepared::<Stated>() {
            Some(s) => (s.connectives.as_slice(), s.predecessors.as_slice()),
            None => (&[][..], &[][..]),
        };
        let stated: Vec<(usize, Sequence)> =
            stated.iter().copied().filter(|&(si, _)| alignment.near_source(source, si, si, SLOT, SLOT)).collect();
        for &(ci, order) in &claimed.connectives {
            if stated.iter().any(|&(_, o)| o == order) {
                continue;
            }
            match (succession(claim, ci, order, source, predecessors), stated.first()) {
                (Some(true), _) => {}
                (Some(false), _) => {
                    let name = timeline::name_after(claim, ci + 1).map_or_else(String::new, |p| p.name);
                    let role = if order == Sequence::Before { "predecessor" } else { "successor" };
                    findings.conflict(
                        self,
                        "order: the claim puts it {claim} {name}; the source names {name} as the {role}",
                        vec![("claim", text(&claim.tokens[ci].lower)), ("name", text(&name)), ("role", text(role))],
                        Some((ci, ci + 1)),
                        None,
                    )
                }
                (None, Some(&(si, _))) if same_events(pair, ci, si) => findings.conflict(
                    self,
                    "order: the claim says \u{201C}{claim}\u{201D}, the source says \u{201C}{source}\u{201D}",
                    vec![("claim", text(&claim.tokens[ci].raw)), ("source", text(&source.tokens[si].raw))],
                    Some((ci, ci)),
                    Some((si, si)),
                ),
                // The other order, of what may be another event: no support.
                (None, Some(&(si, _))) => findings.gaps.push(Reason::new(
                    ReasonKind::NotStated,
                    "the source does not state \u{201C}{value}\u{201D} (it says \u{201C}{source}\u{201D})",
                    vec![("value", text(&claim.tokens[ci].raw)), ("source", text(&source.tokens[si].raw))],
                )),
                (None, None) => {}
            }
        }
    }
}

/// How many tokens after a connective its event is named in.
const REACH: usize = 4;

/// Whether the claim's connective at `ci` and the sentence's at `si` order
/// against the same event: the claim words just after the one (in its
/// clause) are matched just after the other, some of them and half the
/// names among them or more; or the sentence's refers back ("only after that").
fn same_events(pair: &Pair, ci: usize, si: usize) -> bool {
    let (claim, source) = (pair.claim, pair.source);
    if source.tokens.get(si + 1).is_some_and(|t| matches!(t.lower.as_str(), "that" | "this" | "it" | "then")) {
        return true;
    }
    let event: Vec<(bool, bool)> = claim
        .terms
        .iter()
        .zip(&pair.alignment.matches)
        .filter(|(t, _)| ci < t.first && t.first <= ci + REACH && !claim.clause_break_between(ci, t.first))
        .map(|(t, m)| {
            let near = m.is_some_and(|j| (si + 1..=si + REACH + 2).contains(&source.terms[j].first));
            (claim.tokens[t.first].is_capitalized(), near)
        })
        .collect();
    let names = event.iter().filter(|&&(name, _)| name).count();
    let names_near = event.iter().filter(|&&(name, near)| name && near).count();
    event.iter().any(|&(_, near)| near) && 2 * names_near >= names
}

/// Whether the sentence's succession ("X, succeeding Y") agrees with the
/// claim's "before X" / "after Y", when the claim's connective is followed
/// by a name the sentence gives: `None` when it says nothing of the order.
fn succession(
    claim: &Analysis,
    ci: usize,
    order: Sequence,
    source: &Analysis,
    predecessors: &[Person],
) -> Option<bool> {
    let named = timeline::name_after(claim, ci + 1)?;
    if predecessors.is_empty() || !named.keys.last().is_some_and(|k| source.keys.contains(k)) {
        return None;
    }
    let came_first = predecessors.iter().any(|p| p.is_named(&named.keys));
    Some(came_first == (order == Sequence::After))
}
