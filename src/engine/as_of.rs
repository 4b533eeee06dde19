//! Status claims judged as of a date against the [`Timeline`]: "X is R",
//! "X is a former R", "X is projected to become R". The sentence that states
//! the deciding tenure is the evidence, and its date supersedes undated
//! statements (an article's "projected to become").

use super::{Assessment, Checker};
use crate::analysis::date::Day;
use crate::analysis::Analysis;
use crate::index::timeline::{office_keys_at, tenures_in, within, Person, Tenure, VOCABULARY};
use crate::model::{Reason, ReasonKind, Stance, Value};

/// What a claim says of a person's hold on an office.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    /// "X is R", "X remains R", "the current R is X".
    Holds,
    /// "X is a former R".
    Former,
    /// "X is projected / expected / likely / set to become R".
    Expected,
}

/// Words that may stand between a person and an office in a status claim,
/// closed-class grammar and "in office"
/// ("Joe Biden is the US president", "the current president is Trump",
/// "Trudeau remains in office as prime minister").
const LINKING: &[&str] = &[
    "is",
    "are",
    "remains",
    "remain",
    "still",
    "the",
    "a",
    "an",
    "current",
    "currently",
    "now",
    "serves",
    "in",
    "office",
    "as",
    "former",
    "ex",
    "'s",
    "s",
];

/// The positions of the person's words that the claim states a status in
/// the office of: only linking words, or a possessor of the office ("the
/// trust's chief executive"), between a name and the office ("Trump said
/// American troops would…while he is president" is about what he said).
fn linked(claim: &Analysis, person: &[usize], office: &[usize]) -> Vec<usize> {
    let possessor = |i: usize| claim.text[claim.tokens[i].end..].starts_with("'s");
    let links = |p: usize, o: usize| {
        let (a, b) = (p.min(o), p.max(o));
        (a + 1..b).all(|i| {
            let t = &claim.tokens[i];
            LINKING.contains(&t.lower.as_str())
                || possessor(i)
                || !t.lower.chars().any(char::is_alphanumeric)
                || person.contains(&i)
                || office.contains(&i)
        })
    };
    person.iter().copied().filter(|&p| office.iter().any(|&o| links(p, o))).collect()
}

/// The phrases that name the office in the claim, as token positions: each
/// run of the office's words, joined only by "of", "the" or a possessive
/// ("Canada's prime minister", "Prime Minister of Canada"), so that
/// "Prime Minister Starmer (and even the previous UK leadership)" names it
/// twice, and "previous" is said of the second only.
fn office_phrases(claim: &Analysis, office: &[String]) -> Vec<Vec<usize>> {
    let mut words: Vec<usize> =
        claim.terms.iter().filter(|t| office.contains(&t.key)).flat_map(|t| t.first..=t.last).collect();
    words.sort_unstable();
    words.dedup();
    let joins = |i: usize| {
        let t = &claim.tokens[i];
        matches!(t.lower.as_str(), "of" | "the" | "'s" | "s") || claim.text[t.end..].starts_with("'s")
    };
    let mut phrases: Vec<Vec<usize>> = Vec::new();
    for w in words {
        match phrases.last_mut() {
            Some(phrase) if (phrase[phrase.len() - 1] + 1..w).all(joins) => phrase.push(w),
            _ => phrases.push(vec![w]),
        }
    }
    phrases
}

/// What the claim says of the office whose words are at tokens `office`: a
/// hedge or "former" counts only just before them ("former President Trump",
/// "is projected to become NATO Secretary General"), not of another office.
fn status(claim: &Analysis, office: &[usize]) -> Option<Status> {
    let has = |words: &[String]| claim.tokens.iter().any(|t| words.contains(&t.lower));
    let words = &VOCABULARY.words;
    let just_before = |i: usize, reach: usize| office.iter().any(|&o| i < o && o - i <= reach);
    if !claim.negations.is_empty() {
        return None;
    }
    if claim.tokens.iter().enumerate().any(|(i, t)| words.former.contains(&t.lower) && just_before(i, 3)) {
        Some(Status::Former)
    } else if claim.hedges.iter().any(|h| just_before(h.last, 8)) {
        Some(Status::Expected)
    } else if (has(&words.present) || office.iter().any(|&o| in_present_tense(claim, o))) && !has(&words.past) {
        Some(Status::Holds)
    } else {
        None
    }
}

/// Whether the office's word at token `o` is a verb in the present tense
/// after a name ("Gordon Whitlock chairs the board", "Kimber heads the
/// trust"): a lower-case "-s" form right after a capitalised word, where a
/// plural noun cannot stand.
fn in_present_tense(claim: &Analysis, o: usize) -> bool {
    let word = &claim.tokens[o];
    o > 0
        && claim.tokens[o - 1].is_capitalized()
        && !word.is_capitalized()
        && word.lower.ends_with('s')
        && !word.lower.ends_with("ss")
}

/// The keys of the office a claim names after "is", "remains" or "serves
/// as" ("is the secretary general", "is a former president", "is the
/// trust's interim chief executive"), an article, "former" or "current" and a
/// possessor left out; the verb right after a name. None where a
/// capitalised word follows (a name or a capitalised office: "the prime
/// minister is Keir Starmer").
fn named_office(claim: &Analysis) -> Option<Vec<String>> {
    const COPULA: &[&str] = &["is", "are", "remains", "remain", "was", "were", "serves", "served"];
    let t = &claim.tokens;
    let verb = (1..t.len()).find(|&i| COPULA.contains(&t[i].lower.as_str()) && t[i - 1].is_capitalized())?;
    let possessor = |i: usize| claim.text[t[i].end..].starts_with("'s");
    let skipped = |i: &usize| LINKING.contains(&t[*i].lower.as_str()) || possessor(*i);
    let first = (verb + 1..t.len()).find(|i| !skipped(i))?;
    (!t[first].is_capitalized()).then(|| office_keys_at(claim, first)).flatten()
}

/// The claim's name keys outside the office: capitalised terms, the first
/// word included ("Trudeau is…").
fn person_keys(claim: &Analysis, office: &[String]) -> Vec<String> {
    claim
        .terms
        .iter()
        .filter(|t| claim.tokens[t.first].is_capitalized() && !office.contains(&t.key))
        .map(|t| t.key.clone())
        .collect()
}

impl Checker<'_> {
    /// The date status claims are judged as of: `check.as_of`, else the newest
    /// date the sources are published on or state a tenure from.
    pub fn as_of(&self) -> Option<Day> {
        self.settings.as_of.as_deref().and_then(Day::parse).or(self.timeline?.newest)
    }

    /// The assessment a dated tenure gives a claim of office: when someone
    /// took it ("On 1 October 2024 Rutte took up the post of…"), or their
    /// status in it as of a date.
    pub(super) fn as_of_assessment(&self, claim: &Analysis) -> Option<Assessment> {
        self.start_assessment(claim)
            .or_else(|| self.succession_assessment(claim))
            .or_else(|| self.status_assessment(claim))
    }

    /// A claim that someone succeeded someone else in an office, against the
    /// order of its holders the sources give: supported where the claimed
    /// predecessor held it just before, contradicted where they followed.
    fn succession_assessment(&self, claim: &Analysis) -> Option<Assessment> {
        let (timeline, day) = (self.timeline?, self.as_of()?);
        // The claim's date does not matter here: an unknown one stands in.
        let claimed = tenures_in(claim, 0, Some(Day(0, 0, 0))).into_iter().find(|t| t.predecessor.is_some())?;
        let before = claimed.predecessor.as_ref()?;
        let followed = |holder: &Person, predecessor: &Person| {
            timeline
                .successions(&claimed.office, &holder.keys)
                .into_iter()
                .find(|(_, p)| p.is_named(&predecessor.keys))
                .map(|(t, _)| t)
        };
        let (stated, predecessor, stance, template) = if let Some(t) = followed(&claimed.holder, before) {
            (t, before, Stance::Supports, "{holder} succeeded {predecessor} as {office} on {start}")
        } else {
            let reversed = timeline.always_before(&claimed.office, &claimed.holder.keys, &before.keys);
            let t = followed(before, &claimed.holder).filter(|_| reversed)?;
            let template = "{holder} succeeded {predecessor} as {office} on {start}, not the other way round";
            (t, &claimed.holder, Stance::Contradicts, template)
        };
        let mut assessment = self.dated(claim, stated, stated, day, stance, template, &claimed.holder.keys);
        let named = stated.predecessor.as_ref().filter(|p| p.is_named(&predecessor.keys)).unwrap_or(predecessor);
        assessment.reasons[0].values.push(("predecessor", Value::Text(named.name.clone())));
        Some(assessment)
    }

    /// A claim that someone took an office on a date, against when the sources say they did.
    fn start_assessment(&self, claim: &Analysis) -> Option<Assessment> {
        let (timeline, day) = (self.timeline?, self.as_of()?);
        let claimed = tenures_in(claim, 0, None).into_iter().next()?;
        let stated = timeline.took(&claimed.office, &claimed.holder.keys)?;
        let agree = |a: u32, b: u32| a == 0 || b == 0 || a == b;
        let (Day(y, m, d), Day(sy, sm, sd)) = (claimed.start, stated.start);
        let (stance, template) = if y == sy && agree(m, sm) && agree(d, sd) {
            (Stance::Supports, "{holder} took the post of {office} on {start}")
        } else {
            (Stance::Contradicts, "{holder} took the post of {office} on {start}, not {claimed}")
        };
        let mut assessment = self.dated(claim, stated, stated, day, stance, template, &claimed.holder.keys);
        assessment.reasons[0].values.push(("claimed", Value::Text(claimed.start.to_string())));
        Some(assessment)
    }

    /// A status claim ("X is R", "a former R", "projected to become R") as of
    /// a date: in the most specific office the claim names that decides it.
    /// Where the claim's words for the office can be read ("is the
    /// secretary general"), they must name one the timeline knows, or part
    /// of one; "the president of France" is not "President".
    fn status_assessment(&self, claim: &Analysis) -> Option<Assessment> {
        let timeline = self.timeline?;
        let keys: Vec<String> = claim.terms.iter().map(|t| t.key.clone()).collect();
        let mut offices = timeline.offices_in(&keys);
        let named = named_office(claim);
        if let Some(named) = &named {
            if !timeline.tenures.iter().any(|t| within(&t.office, named)) {
                return None;
            }
            offices.retain(|o| within(named, o));
            if !offices.contains(&named.as_slice()) {
                offices.push(named);
            }
        }
        offices.into_iter().find_map(|office| self.status_in(claim, office))
    }

    /// A status claim as of a date, in one office.
    fn status_in(&self, claim: &Analysis, office: &[String]) -> Option<Assessment> {
        let (timeline, day) = (self.timeline?, self.as_of()?);
        let names = person_keys(claim, office);
        let named: Vec<usize> = claim.terms.iter().filter(|t| names.contains(&t.key)).map(|t| t.first).collect();
        // Each phrase of the office with its status and the names it is
        // stated of (an expectation: of every name); a status a word marks
        // ("former", a hedge) before one read from the tense.
        let stated: Vec<(Status, Vec<String>)> = office_phrases(claim, office)
            .into_iter()
            .filter_map(|words| {
                let status = status(claim, &words)?;
                let of = if status == Status::Expected { named.clone() } else { linked(claim, &named, &words) };
                let person: Vec<String> =
                    claim.terms.iter().filter(|t| of.contains(&t.first)).map(|t| t.key.clone()).collect();
                (!person.is_empty()).then_some((status, person))
            })
            .collect();
        let (status, person) = stated.iter().find(|(s, _)| *s != Status::Holds).or(stated.first()).cloned()?;
        if let Some(assessment) = self.departure_assessment(claim, office, &person, status, day) {
            return Some(assessment);
        }
        let holder = timeline.holder(office, day)?;
        let is_holder = holder.holder.is_named(&person);
        let known = timeline.mentions(office, &person).next();
        // Only a person the timeline knows in this office is judged: a
        // capitalised word may be no person at all ("European allies").
        if !is_holder && known.is_none() {
            return None;
        }
        let (stance, template) = match status {
            Status::Holds if is_holder => {
                (Stance::Supports, "as of {as_of}: {holder} has held the post of {office} since {start}")
            }
            Status::Holds => (
                Stance::Contradicts,
                "as of {as_of}: {holder} has held the post of {office} since {start}, not {person}",
            ),
            Status::Former if is_holder => (
                Stance::Contradicts,
                "as of {as_of}: {holder} holds the post of {office}, since {start}; not a former holder",
            ),
            Status::Former if known.is_some() => (
                Stance::Supports,
                "as of {as_of}: {holder} has held the post of {office} since {start}; {person} held it before",
            ),
            Status::Expected if is_holder => (
                Stance::Contradicts,
                "as of {as_of}: {holder} has held the post of {office} since {start}; the expectation is out of date",
            ),
            _ => return None,
        };
        let tenure = if stance == Stance::Supports && status == Status::Former { known? } else { holder };
        Some(self.dated(claim, tenure, holder, day, stance, template, &person))
    }

    /// A status claim about someone who has left the office by `day`: no
    /// longer its holder, now a former one.
    fn departure_assessment(
        &self,
        claim: &Analysis,
        office: &[String],
        person: &[String],
        status: Status,
        day: Day,
    ) -> Option<Assessment> {
        let (tenure, departure) = self.timeline?.left(office, person, day)?;
        let (stance, template) = match status {
            Status::Holds => {
                (Stance::Contradicts, "as of {as_of}: {holder} held the post of {office} from {start} until {end}")
            }
            Status::Former => (
                Stance::Supports,
                "as of {as_of}: {holder} held the post of {office} from {start} until {end}; a former holder",
            ),
            Status::Expected => return None,
        };
        let evidence = Tenure { start: departure.day, sentence: departure.sentence, ..tenure.clone() };
        let mut assessment = self.dated(claim, &evidence, tenure, day, stance, template, person);
        assessment.reasons[0].values.push(("end", Value::Text(departure.day.to_string())));
        Some(assessment)
    }

    #[allow(clippy::too_many_arguments)]
    fn dated(
        &self,
        claim: &Analysis,
        evidence: &Tenure,
        holder: &Tenure,
        day: Day,
        stance: Stance,
        template: &'static str,
        person: &[String],
    ) -> Assessment {
        // The person as the claim writes them: the first run of their name's
        // words that is not a country's ("Justin Trudeau", not the "Canada"
        // of "Canada's prime minister").
        let mut runs: Vec<Vec<&crate::lexicon::Term>> = Vec::new();
        for t in claim.terms.iter().filter(|t| person.contains(&t.key)) {
            match runs.last_mut() {
                Some(run) if run.last().is_some_and(|last| last.last + 1 == t.first) => run.push(t),
                _ => runs.push(vec![t]),
            }
        }
        let run = runs.iter().find(|run| run.iter().any(|t| !self.lexicon.is_place(&t.key))).or(runs.first());
        let named = run.map_or(String::new(), |run| {
            run.iter().map(|t| claim.surface(t.first, t.last)).collect::<Vec<_>>().join(" ")
        });
        let text = |s: String| Value::Text(s);
        let reason = Reason::new(
            ReasonKind::AsOf,
            template,
            vec![
                ("as_of", text(day.to_string())),
                ("holder", text(holder.holder.name.clone())),
                ("office", text(holder.office_name.clone())),
                ("start", text(holder.start.to_string())),
                ("person", text(named)),
            ],
        );
        Assessment {
            sentence: evidence.sentence,
            window: None,
            stance,
            coverage: 1.0,
            predicate: 1.0,
            conflicts: Vec::new(),
            marks: Vec::new(),
            reasons: vec![reason],
            dated: Some(evidence.start),
            blocked: stance != Stance::Supports,
        }
    }
}
