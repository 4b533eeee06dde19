//! Another doer of the same act: "Macron hosted the summit" against "Starmer
//! hosted the summit". For a single-holder role (`data/roles.txt`: host,
//! chair, succeed…) and for what someone said (a verb of saying, WordNet's
//! ways to communicate: "Macron said X" against "Bayrou said X", in the
//! same or other words) that contradicts; for any other verb the sentence only
//! cannot support the claim (it says someone else did it). And the claim's
//! doer and undergoer the other way round ("a man is catching a fish" / "a
//! fish is catching a man"): the sentence cannot support it either.

use super::{text, Detector, Findings, Gate, Pair, Profile};
use crate::analysis::frame::{doers, frame, is_auxiliary, name_start, voice_after_be, Frame};
use crate::analysis::{Analysis, Prepared, Side};
use crate::engine::align::FUZZY_NAME;
use crate::lexicon::wordnet::WordNet;
use crate::model::{Reason, ReasonKind};

/// The doers of the claim's verb against those the sentence names for it.
pub struct Role;

// The rest of the claim must line up: the same act on the same thing.
static PROFILE: Profile =
    Profile { gate: Gate::Contradict { local: false }, needs_participants: true, ..Profile::new("role", 0.9) };

/// Whether two name tokens are the same name: the same key, or spellings a
/// hair apart ("Zelensky", "Zelenskyy").
fn same_name(a: &Analysis, i: usize, b: &Analysis, j: usize) -> bool {
    let (x, y) = (&a.keys[i], &b.keys[j]);
    x == y || (x.chars().count() >= 5 && strsim::jaro_winkler(x, y) >= FUZZY_NAME)
}

/// Whether the sentence states every figure and date of the claim.
fn states_figures(claim: &Analysis, source: &Analysis) -> bool {
    claim.quantities.iter().all(|q| source.quantities.iter().any(|s| q.agrees(s)))
        && claim.dates.iter().all(|d| source.dates.iter().any(|s| d.compatible(s)))
}

/// The tokens of the name ending at token `last`.
fn name_tokens(a: &Analysis, last: usize) -> (usize, usize) {
    (name_start(a, last), last)
}

/// The name ending at token `last`, as written.
fn name(a: &Analysis, last: usize) -> &str {
    let (first, last) = name_tokens(a, last);
    a.surface(first, last)
}

impl Detector for Role {
    fn profile(&self) -> &'static Profile {
        &PROFILE
    }

    fn prepare(&self, text: &Analysis, side: Side) -> Option<Prepared> {
        (side == Side::Claim).then(|| frame(text)).flatten().map(|f| Box::new(f) as Prepared)
    }

    fn detect(&'static self, pair: &Pair, findings: &mut Findings) {
        reversal(pair, findings);
        let (claim, source, lexicon) = (pair.claim, pair.source, pair.lexicon);
        let Some(Frame { verb, doers: claimed }) = pair.claim_prepared::<Frame>() else { return };
        let Some(term) = claim.terms.iter().position(|t| t.first <= *verb && *verb <= t.last) else { return };
        let wordnet = WordNet::builtin();
        // What someone said has one speaker: another's words are misattributed.
        let saying = wordnet.is_saying(&claim.tokens[*verb].lower);
        // `reworded`: the sentence says the claim's verb of saying in other words.
        let (source_verb, reworded) = match pair.alignment.matches[term] {
            Some(matched) => (source.terms[matched].first, false),
            // A verb of saying in other words ("urged", "asked"): the sentence's
            // own verb of saying that names its doer, saying the claim's figures too.
            None if saying && states_figures(claim, source) => {
                let other = |i: usize| {
                    !pair.alignment.source_tokens[i]
                        && !is_auxiliary(&source.tokens[i].lower)
                        && wordnet.is_saying(&source.tokens[i].lower)
                        && !doers(source, i).is_empty()
                };
                match (1..source.tokens.len()).find(|&i| other(i)) {
                    Some(i) => (i, true),
                    None => return,
                }
            }
            None => return,
        };
        let stated = doers(source, source_verb);
        // A country or its capital for its government: no person to compare
        // (but two countries are two doers, unless spelt alike: "UK", "Britain").
        // A name that is a place's whole ("the United Kingdom", not "Emmanuel Macron of France").
        let place = |a: &'_ Analysis, i: usize| {
            let first = name_start(a, i);
            let first = if a.tokens[first].lower == "the" { first + 1 } else { first };
            a.terms.iter().find(|t| t.first <= first && i <= t.last && lexicon.is_place(&t.key)).map(|t| t.key.clone())
        };
        let stated_places: Vec<String> = stated.iter().filter_map(|&s| place(source, s)).collect();
        let claimed_places: Vec<String> = claimed.iter().filter_map(|&c| place(claim, c)).collect();
        // The claim's doer anywhere in the sentence's doer's name.
        let named = |s: usize, c: usize| (name_start(source, s)..=s).any(|j| same_name(claim, c, source, j));
        if stated.is_empty()
            || stated.iter().any(|&s| claimed.iter().any(|&c| named(s, c)))
            || stated_places.iter().any(|p| claimed_places.contains(p))
            // Another verb of saying than the claim's is read for people only.
            || (reworded && !(stated_places.is_empty() && claimed_places.is_empty()))
        {
            return;
        }
        let (c, s) = (claimed[0], stated[0]);
        // A person against a country: maybe its leader, but the sentence does not say so.
        if stated_places.is_empty() != claimed_places.is_empty() {
            findings.substitutions.push((name(claim, c).to_string(), name(source, s).to_string()));
            return;
        }
        let verb_word = &claim.tokens[*verb].raw;
        if lexicon.is_single_holder(&claim.tokens[*verb].lower) || saying {
            let (first, last) = name_tokens(claim, c);
            findings.conflict(
                self,
                "role: the claim says {claim} {verb}, the source says {source} {source_verb}",
                vec![
                    ("claim", text(name(claim, c))),
                    ("source", text(name(source, s))),
                    ("verb", text(verb_word)),
                    ("source_verb", text(&source.tokens[source_verb].raw)),
                ],
                // A verb said in other words is part of the conflict.
                Some(if reworded { (first.min(*verb), last.max(*verb)) } else { (first, last) }),
                Some(name_tokens(source, s)),
            );
        } else if !stated.iter().any(|&s| (0..claim.tokens.len()).any(|c| same_name(claim, c, source, s))) {
            // Someone the claim does not name did it: the sentence cannot support the claim.
            findings.substitutions.push((name(claim, c).to_string(), name(source, s).to_string()));
        }
    }
}

/// The claim's doer and undergoer the other way round in the sentence ("a
/// man is catching a fish" / "a fish is catching a man"): the matched terms
/// nearest before and after a verb after "be" that both say, on the
/// opposite sides of the sentence's verb when both are in the same voice (on
/// the same sides when one is passive). The sentence cannot support the claim.
fn reversal(pair: &Pair, findings: &mut Findings) {
    let (claim, source, alignment) = (pair.claim, pair.source, pair.alignment);
    for (i, term) in claim.terms.iter().enumerate() {
        let (Some(claim_passive), Some(m)) = (voice_after_be(claim, term.first), alignment.matches[i]) else {
            continue;
        };
        let verb = source.terms[m].first;
        let Some(source_passive) = voice_after_be(source, verb) else { continue };
        let in_clause = |a: &Analysis, j: usize, v: usize| !a.clause_break_between(j, v);
        // A matched claim term in the verb's clause, with where the sentence has it.
        let side = |j: usize| {
            let s = alignment.matches[j].filter(|_| in_clause(claim, claim.terms[j].first, term.first))?;
            Some((j, source.terms[s].first))
        };
        let (Some((b, sb)), Some((a, sa))) = ((0..i).rev().find_map(side), (i + 1..claim.terms.len()).find_map(side))
        else {
            return;
        };
        if !in_clause(source, sb, verb) || !in_clause(source, sa, verb) {
            return;
        }
        // A passive verb's doer is its "by" phrase: with none, the sides say nothing.
        let by = |a: &Analysis, from: usize, to: usize| (from..to).any(|k| a.tokens[k].lower == "by");
        let agent = |a: &Analysis, v: usize, after: usize, passive: bool| !passive || by(a, v, after);
        if !agent(claim, term.first, claim.terms[a].first, claim_passive)
            || !agent(source, verb, sa.max(sb), source_passive)
        {
            return;
        }
        let swapped = sb > verb && sa < verb;
        let kept = sb < verb && verb < sa;
        if (swapped && claim_passive == source_passive) || (kept && claim_passive != source_passive) {
            let surface = |j: usize| claim.surface(claim.terms[j].first, claim.terms[j].last).to_string();
            findings.gaps.push(Reason::new(
                ReasonKind::Reversed,
                "the source has {doer} and {undergoer} the other way round",
                vec![("doer", text(&surface(b))), ("undergoer", text(&surface(a)))],
            ));
        }
        return;
    }
}
