//! Conflict detectors: each compares a claim with one aligned sentence and
//! says, as a structured [`Reason`], what is incompatible. A detector is one
//! file here and one line in [`REGISTRY`]; what it reads from a sentence alone
//! it prepares once per sentence ([`Detector::prepare`]), not once per pair.

mod substitution;

use super::align::Alignment;
use crate::analysis::{Analysis, Cue, Prepare, Prepared, Reading, Side};
use crate::lexicon::Lexicon;
use crate::model::{Reason, ReasonKind, Value};

/// Declares each detector's module and lists it in [`REGISTRY`]: adding a
/// detector is its file and one line here.
macro_rules! registry {
    ($($module:ident::$detector:ident),* $(,)?) => {
        $(mod $module;)*
        /// Every detector, in the order their conflicts are reported.
        pub static REGISTRY: &[&dyn Detector] = &[$(&$module::$detector),*];
    };
}

registry! {
    number::Number,
    share::Share,
    date::Date,
    negation::Negation,
    hedge::Hedge,
    antonym::Antonym,
    order::Order,
    valence::Valence,
    status::Status,
    place::Place,
    role::Role,
    scope::Scope,
    aspect::Aspect,
}

/// Words either side of a conflict that make up its slot in a long claim.
pub const SLOT: usize = 6;

/// What a sentence must share with the claim for a conflict to count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gate {
    /// Cover `contradict` of the claim (its other words), or of the conflict's
    /// slot when `local`.
    Contradict {
        /// Whether the slot's coverage may stand in for the whole claim's.
        local: bool,
    },
    /// Cover `contradict_quantity`, whole claim or slot: the numbers must also count the same thing.
    Quantity,
    /// Cover what support needs: the same statement, with the polarity flipped.
    Statement,
}

/// The claim words around a conflict that make up its slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    /// Tokens either side (after only, for a scope).
    pub reach: usize,
    /// Whether the conflict bears on what follows it, up to a comma (a hedge, a negation).
    pub scope: bool,
    /// Fewest claim terms the slot needs to be judged on its own.
    pub needed: usize,
}

/// What a detector's conflicts are, as data: its name, how decisive one is,
/// and what a sentence must share with the claim for one to count.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Profile {
    /// Its name, the reason kind in reports ("number").
    pub name: &'static str,
    /// How decisive one of its conflicts is on its own, from 0 to 1.
    pub weight: f64,
    /// What the sentence must share with the claim for a conflict to count.
    pub gate: Gate,
    /// The claim words around a conflict that may decide it in a long claim.
    pub slot: Slot,
    /// Whether its conflict flips polarity (a negation): evidence that does
    /// not say X is what "not X" expects, so it does not lean against a claim.
    pub flips_polarity: bool,
    /// Whether its conflict shows the sentence is about another event
    /// (another place or date), whose numbers are not the claim's.
    pub another_event: bool,
    /// Whether its conflict holds only for the same event (a number).
    pub same_event_only: bool,
    /// Whether its conflict needs the sentence to be about the claim's event:
    /// every doer the claim names for its verb there, and no more of the
    /// claim's names missing from it (the conflicting words themselves aside)
    /// than present (a figure, date or place of another meeting says nothing
    /// of this one).
    pub needs_participants: bool,
}

impl Profile {
    /// A detector named `name` whose conflicts weigh `weight`, with the
    /// usual gate and slot; change what differs with `..`.
    pub const fn new(name: &'static str, weight: f64) -> Profile {
        Profile {
            name,
            weight,
            gate: Gate::Contradict { local: true },
            slot: Slot { reach: SLOT, scope: false, needed: 2 },
            flips_polarity: false,
            another_event: false,
            same_event_only: false,
            needs_participants: false,
        }
    }
}

/// A kind of incompatibility between a claim and a sentence.
pub trait Detector: Sync {
    /// What its conflicts are.
    fn profile(&self) -> &'static Profile;
    /// Token ranges of the claim where it may clash: a long claim is also
    /// retrieved slot by slot around them.
    fn anchors(&self, _claim: &Analysis, _lexicon: &Lexicon) -> Vec<(usize, usize)> {
        Vec::new()
    }
    /// What it reads from a text alone, computed once per text (sentence,
    /// window or claim) on the `side` it is on; `None` when it needs nothing there.
    fn prepare(&self, _text: &Analysis, _side: Side) -> Option<Prepared> {
        None
    }
    /// Compares the claim with the sentence and records what it finds.
    fn detect(&'static self, pair: &Pair, findings: &mut Findings);
}

impl std::fmt::Debug for dyn Detector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.profile().name)
    }
}

/// A claim and one sentence, aligned, as a detector sees them.
pub struct Pair<'a> {
    /// The claim.
    pub claim: &'a Analysis,
    /// The sentence (or window).
    pub source: &'a Analysis,
    /// How they line up.
    pub alignment: &'a Alignment,
    /// The word lists.
    pub lexicon: &'a Lexicon,
    /// What this detector prepared from the claim and from the sentence.
    pub prepared: (Option<&'a Prepared>, Option<&'a Prepared>),
}

impl Pair<'_> {
    /// What this detector prepared from the claim, as `T`.
    pub fn claim_prepared<T: 'static>(&self) -> Option<&T> {
        self.prepared.0.and_then(|p| p.downcast_ref())
    }

    /// What this detector prepared from the sentence, as `T`.
    pub fn source_prepared<T: 'static>(&self) -> Option<&T> {
        self.prepared.1.and_then(|p| p.downcast_ref())
    }
}

/// One incompatibility between a claim and a sentence.
#[derive(Debug, Clone)]
pub struct Conflict {
    /// Which detector found it.
    pub detector: &'static dyn Detector,
    /// What it is.
    pub reason: Reason,
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
    pub gaps: Vec<Reason>,
    /// The sentence only hedges what the claim asserts (the hedge word).
    pub hedged_source: Option<String>,
    /// The sentence names the claim's act as a topic, without asserting it
    /// ("about sending").
    pub named_only: Option<String>,
    /// Claim words the sentence puts another word in place of (claim word, source word).
    pub substitutions: Vec<(String, String)>,
}

impl Findings {
    /// Records a conflict `detector` found between the claim tokens `claim`
    /// and the sentence tokens `source`, reading `template` with `values`.
    pub fn conflict(
        &mut self,
        detector: &'static dyn Detector,
        template: &'static str,
        values: Vec<(&'static str, Value)>,
        claim: Option<(usize, usize)>,
        source: Option<(usize, usize)>,
    ) {
        let reason = Reason::new(ReasonKind::Conflict(detector.profile().name), template, values);
        self.conflicts.push(Conflict { detector, reason, claim, source });
    }
}

/// The registry prepares every text for its detectors.
#[derive(Debug, Clone, Copy, Default)]
pub struct Registry;

impl Prepare for Registry {
    fn prepare(&self, analysis: &Analysis, side: Side) -> Vec<Option<Prepared>> {
        REGISTRY.iter().map(|d| d.prepare(analysis, side)).collect()
    }
}

/// Runs every detector on a claim and one sentence.
pub fn detect(claim: &Reading, source: &Reading, alignment: &Alignment, lexicon: &Lexicon) -> Findings {
    let mut findings = Findings::default();
    for (i, detector) in REGISTRY.iter().enumerate() {
        let prepared =
            (claim.prepared.get(i).and_then(Option::as_ref), source.prepared.get(i).and_then(Option::as_ref));
        let pair = Pair { claim, source, alignment, lexicon, prepared };
        detector.detect(&pair, &mut findings);
    }
    findings.substitutions.extend(substitution::substitutions(claim, source, alignment, lexicon));
    // Another place or date means another event: its numbers are not the claim's.
    if findings.conflicts.iter().any(|c| c.detector.profile().another_event) {
        findings.conflicts.retain(|c| !c.detector.profile().same_event_only);
    }
    findings
}

/// The gap of a value or word of the claim the sentence does not state.
pub fn not_stated(value: &str) -> Reason {
    Reason::new(
        ReasonKind::NotStated,
        "the source does not state \u{201C}{value}\u{201D}",
        vec![("value", text(value))],
    )
}

/// Text as a reason value.
pub fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

/// A value a text states (a quantity or a date) and the tokens it spans.
pub trait Stated {
    /// Its tokens, `[first, last]`.
    fn tokens(&self) -> (usize, usize);
}

/// For each value the claim states: a gap when the source states none of the
/// same kind (`comparable`), a conflict when none it states is `compatible`.
pub fn compare_values<'a, T: Stated + 'a>(
    (detector, template): (&'static dyn Detector, &'static str),
    (claimed, stated): (impl IntoIterator<Item = &'a T>, &[T]),
    pair: &Pair,
    comparable: impl Fn(&T, &T) -> bool,
    compatible: impl Fn(&T, &T) -> bool,
    findings: &mut Findings,
) {
    for c in claimed {
        let (first, last) = c.tokens();
        let said = pair.claim.surface(first, last);
        let same_kind: Vec<&T> = stated.iter().filter(|s| comparable(c, s)).collect();
        match same_kind.first() {
            None => findings.gaps.push(not_stated(said)),
            Some(other) if !same_kind.iter().any(|s| compatible(c, s)) => {
                let (s_first, s_last) = other.tokens();
                findings.conflict(
                    detector,
                    template,
                    vec![("claim", text(said)), ("source", text(pair.source.surface(s_first, s_last)))],
                    Some((first, last)),
                    Some((s_first, s_last)),
                );
            }
            Some(_) => {}
        }
    }
}

/// Words of a plan or expectation: after "had been" they say what was
/// planned before, which later news may have changed.
const PLANNED: &[&str] = &["due", "expected", "scheduled", "planned", "set", "meant", "supposed", "intended", "slated"];

/// Whether token `at` of a text lies in the clause of a past plan ("had
/// been due to take its first patients in May"): a value there is what was
/// once expected, so another value now does not contradict it.
pub fn in_a_past_plan(text: &Analysis, at: usize) -> bool {
    let t = &text.tokens;
    (2..at).any(|i| {
        t[i - 2].lower == "had"
            && t[i - 1].lower == "been"
            && PLANNED.contains(&t[i].lower.as_str())
            && !text.clause_break_between(i, at)
    })
}

/// Whether a cue of the sentence bears on aligned words: near one, in its clause.
pub fn bears_on(cue: &Cue, pair: &Pair) -> bool {
    pair.alignment.near_source(pair.source, cue.first, cue.last, 3, 6)
}

/// Cues of the sentence that bear on aligned words ([`bears_on`]).
pub fn in_scope<'a>(cues: &'a [Cue], pair: &'a Pair) -> impl Iterator<Item = &'a Cue> {
    cues.iter().filter(move |c| bears_on(c, pair))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::Bm25Index;

    /// What the detectors find between a claim and one sentence.
    fn findings(claim: &str, source: &str) -> Findings {
        let lexicon = Lexicon::builtin();
        let claim = Reading::new(claim, &lexicon, Side::Claim, &Registry);
        let source = Reading::new(source, &lexicon, Side::Source, &Registry);
        let index = Bm25Index::new([[source.terms.iter().map(|t| t.key.as_str())]]);
        let alignment = Alignment::new(&claim, &source, &index, &lexicon);
        detect(&claim, &source, &alignment, &lexicon)
    }

    fn found(claim: &str, source: &str) -> Vec<&'static str> {
        findings(claim, source).conflicts.into_iter().map(|c| c.detector.profile().name).collect()
    }

    #[test]
    fn numbers_of_the_same_thing() {
        assert_eq!(found("NATO has 31 members.", "NATO has 32 members."), ["number"]);
        assert_eq!(found("The deal is worth £16 billion.", "a £1.6 billion deal"), ["number"]);
        assert!(found("around 31 countries joined", "about 30 countries joined").is_empty());
        assert!(found("5,000 missiles", "5000 missiles").is_empty());
        // A change given as a figure, against the two figures it lies between.
        let cost = "The centre's price tag stands at £91 million, up from £68 million in 2023.";
        assert!(found("The centre's price tag has climbed by £23 million since 2023.", cost).is_empty());
        assert!(found("The centre's price tag is £23 million over the 2023 figure.", cost).is_empty());
        assert_eq!(found("The centre's price tag has climbed by £19 million since 2023.", cost), ["number"]);
        assert_eq!(found("The centre's price tag stands at £23 million.", cost), ["number"]);
        // A figure joined to its unit sizes the thing after it: another
        // thing's figure does not contradict it, though the same figure states it.
        let ward = "The centre will open a 24-bed inpatient ward in May.";
        assert!(found(ward, "Brackenford Royal Infirmary has 540 inpatient beds.").is_empty());
        assert_eq!(found(ward, "The centre will open a 30-bed inpatient ward in May."), ["number"]);
        assert_eq!(found("A 24-bed ward opens in May.", "The ward will have 30 beds."), ["number"]);
        // A range is no figure joined to its unit.
        assert_eq!(
            found("Between 20-30 villagers were killed.", "At least 200 villagers were killed in the attack."),
            ["number"]
        );
        let trip =
            findings("The centre ends the 55-mile trip to Kingsmere.", "It ends the 55-mile journey to Kingsmere.");
        assert!(trip.conflicts.is_empty() && trip.gaps.is_empty());
        // A length of time between two dates of the sentence.
        let moved = "The opening was postponed from 18 May 2026 to 7 September 2026.";
        assert!(findings("The opening was postponed by more than three months.", moved).gaps.is_empty());
        assert!(found("The opening was postponed by more than three months.", moved).is_empty());
        // Any two dates may be another length's ends: another length is only not stated.
        let six = findings("The opening was postponed by six months.", moved);
        assert!(six.conflicts.is_empty() && six.gaps.len() == 1, "{six:?}");
        // Lengths of time in other units.
        let works = "Work is due to start in September and to last 26 months.";
        let longer = findings("Work is due to last more than two years.", works);
        assert!(longer.conflicts.is_empty() && longer.gaps.is_empty(), "{longer:?}");
        assert_eq!(found("Work is due to last three years.", works), ["number"]);
        assert_eq!(
            found("A five-year course of ivermectin was tested.", "A 5-day course of ivermectin was tested."),
            ["number"]
        );
        // The figure in the claim's figure's place is the one compared.
        assert_eq!(
            found(
                "The authority will borrow £12 million.",
                "A £12 million grant is confirmed and the authority will borrow £30 million."
            ),
            ["number"]
        );
        // Different things counted: no comparison.
        assert!(found("about 30 leaders joined", "around 31 countries joined").is_empty());
    }

    #[test]
    fn what_someone_said_has_one_speaker() {
        let asked = "Nadia Hussain, the Labour MP for Ellingham, has asked the trust to pause the changes.";
        assert_eq!(found("Julian Ross has asked the trust to pause the changes.", asked), ["role"]);
        // In other words: both verbs of saying.
        assert_eq!(found("Julian Ross has urged the trust to pause the changes.", asked), ["role"]);
        // Acts many take part in only keep the sentence from supporting.
        let attended = findings("Macron attended the London summit.", "Starmer attended the London summit.");
        assert!(attended.conflicts.is_empty());
        assert!(!attended.substitutions.is_empty());
    }

    #[test]
    fn an_antonym_negated_on_one_side_agrees() {
        assert_eq!(
            found("The trust plans to shut the hospital.", "The trust plans to open the hospital."),
            ["antonym"]
        );
        assert!(!found("There is no plan to shut the hospital.", "The trust plans to open the hospital.")
            .contains(&"antonym"));
    }

    #[test]
    fn already_against_still_to_come() {
        let claim = "Keep Ellingham Whole has already lodged its application for a judicial review.";
        let later = "Keep Ellingham Whole would lodge an application for a judicial review within weeks.";
        assert_eq!(found(claim, later), ["aspect"]);
        let done = "Keep Ellingham Whole lodged its application for a judicial review in May.";
        assert!(found(claim, done).is_empty());
    }

    #[test]
    fn a_single_holder_s_irregular_forms() {
        let review = "The move was recommended by an independent clinical review led by Professor Martin Feld.";
        assert_eq!(found("Sarah Quayle led the independent clinical review.", review), ["role"]);
        assert!(found("Martin Feld led the independent clinical review.", review).is_empty());
    }

    #[test]
    fn countries_as_doers() {
        let summit = "Macron spoke to French media ahead of a virtual summit organized by the U.K. on Saturday.";
        assert_eq!(found("The virtual summit was organised by France.", summit), ["role"]);
        assert!(found("Britain organised the virtual summit.", summit).is_empty());
        // A person against a country: the sentence cannot support the claim, nor contradict it.
        let macron = findings("Macron organised the virtual summit.", summit);
        assert!(macron.conflicts.is_empty() && !macron.substitutions.is_empty());
        // A person's name that ends in a place is the person's.
        let said = "President Emmanuel Macron of France said the plan would begin with a truce.";
        assert!(findings("Emmanuel Macron said the plan would begin with a truce.", said).substitutions.is_empty());
    }

    #[test]
    fn shares_of_the_same_group() {
        let staff = "The trust plans to employ 310 staff there, about 120 of them new recruits.";
        assert_eq!(found("Most of the trust's staff there will be new recruits.", staff), ["share"]);
        assert!(found("A minority of the trust's staff there will be new recruits.", staff).is_empty());
        let vote = "The board approved the plan by eight votes to three.";
        assert!(found("A clear majority of the board approved the plan.", vote).is_empty());
        assert_eq!(found("A narrow majority of the board approved the plan.", vote), ["share"]);
        // A share the sentence does not state keeps it from supporting.
        let gaps = findings("Most of the board approved the plan.", "The board approved the plan.").gaps;
        assert_eq!(gaps.len(), 1);
        // "Unanimously" is all of them; a percentage of a group is a share of it.
        let split = "The council voted 7-2 to approve the expansion of North Quay.";
        assert_eq!(found("The council unanimously approved the expansion of North Quay.", split), ["share"]);
        let survey = "A survey found that 60 per cent of the association's members oppose the scheme.";
        let most = findings("Most of the association's members oppose the scheme.", survey);
        assert!(most.conflicts.is_empty() && most.gaps.is_empty(), "{most:?}");
        assert_eq!(found("A minority of the association's members oppose the scheme.", survey), ["share"]);
    }

    #[test]
    fn quantifiers_of_the_whole_are_earned() {
        let gaps = |claim: &str, source: &str| findings(claim, source).gaps.len();
        let vote = "The borough council approved the expansion of North Quay.";
        assert_eq!(gaps("The borough council unanimously approved the expansion of North Quay.", vote), 1);
        assert_eq!(gaps("The borough council approved the expansion of North Quay.", vote), 0);
        let all = "All members of the borough council approved the expansion of North Quay.";
        assert_eq!(gaps("The borough council unanimously approved the expansion of North Quay.", all), 0);
        let members = "The coalition is made up of European countries and Canada.";
        assert_eq!(gaps("The coalition is made up solely of European countries.", members), 1);
        // Said in the sentence too, in other words of the same kind.
        assert_eq!(
            gaps("All three Baltic states will take part.", "Each of the three Baltic states will take part."),
            0
        );
        // A name's word, an idiom, or a quantifier floated over a listed subject says nothing more.
        let campaign = "Keep Ellingham Whole was founded in 2024.";
        assert_eq!(gaps("Keep Ellingham Whole was founded in 2024.", campaign), 0);
        let ready = "France, Germany and the UK were prepared to send troops.";
        assert_eq!(gaps("France, Germany and the UK were all prepared to send troops.", ready), 0);
    }

    #[test]
    fn a_past_plan_is_no_conflict() {
        let claim = "The centre's opening was put back to September 2026.";
        assert!(found(claim, "The centre's opening had been due in May 2026.").is_empty());
        assert_eq!(found(claim, "The centre's opening was put back to May 2026."), ["date"]);
        let cost = "The centre will cost £91 million.";
        assert!(found(cost, "The centre had been expected to cost £68 million.").is_empty());
        assert_eq!(found(cost, "The centre will cost £68 million."), ["number"]);
    }

    #[test]
    fn dates() {
        assert_eq!(found("The summit was on 9 March 2025.", "The summit was on 2 March 2025."), ["date"]);
        assert!(found("The summit was in March 2025.", "The summit was on 2 March 2025.").is_empty());
    }

    #[test]
    fn negation_and_its_scope() {
        assert_eq!(found("Poland plans to send soldiers.", "Poland does not plan to send soldiers."), ["negation"]);
        assert!(found("Poland will not send soldiers.", "Poland has ruled out sending soldiers.").is_empty());
        assert!(found("Poland does not plan to send soldiers.", "Poland does not plan to send soldiers.").is_empty());
        // A prefix negates too: "would not accept", "would be unacceptable".
        assert!(
            found("Moscow would not accept NATO troops.", "Moscow said NATO troops would be unacceptable.").is_empty()
        );
        // A cue whose object refers back negates what was said before it.
        let others = "The UK and France will put troops in Ukraine. Others, such as Poland and Germany, have all previously ruled out the possibility.";
        assert!(found("Poland has ruled out putting troops in Ukraine.", others).is_empty());
        // Deciding against is declining.
        assert!(found(
            "The committee decided against sending the decision to the minister.",
            "The committee voted not to send the decision to the minister."
        )
        .is_empty());
        // A negated negation is none.
        assert_eq!(
            found("Scholz refused to rule out sending troops.", "Scholz ruled out sending troops."),
            ["negation"]
        );
        assert!(found("Scholz did not rule out sending troops.", "Scholz considered sending troops.").is_empty());
        // "not X but rather Y" contrasts; it does not deny Y.
        assert!(found(
            "Macron said nations would station troops at key points.",
            "Macron said the plan did not aim to deploy a mass of soldiers but rather would station troops at key points."
        )
        .is_empty());
    }

    /// The hedge of a sentence that keeps it from supporting the claim, if any.
    fn hedging(claim: &str, source: &str) -> Option<String> {
        findings(claim, source).hedged_source
    }

    #[test]
    fn a_hedge_bears_on_what_follows_it() {
        let claim = "Military officials from over 30 countries met in March 2025.";
        assert_eq!(
            hedging(claim, "Military officials from over 30 countries could meet in March 2025."),
            Some("could".into())
        );
        // Here it hedges the sending of a force, which the claim does not speak of.
        let claim = "Military officials from over 30 countries met in March 2025 to plan a force.";
        let met = "Military officials from over 30 countries met in March 2025 to plan a force that could be sent.";
        assert_eq!(hedging(claim, met), None);
    }

    #[test]
    fn hedge_against_fact() {
        assert_eq!(
            found(
                "Mark Rutte is projected to become NATO Secretary General.",
                "Mark Rutte took office as NATO Secretary General on 1 October 2024."
            ),
            ["hedge"]
        );
        assert!(found("Rutte is expected to lead NATO.", "Rutte is expected to lead NATO.").is_empty());
        // A month named May is not a hedge.
        assert!(found("Merz became chancellor on 6 May 2025.", "Merz became chancellor on 6 May 2025.").is_empty());
        // Nor is "May" alone with a capital inside a sentence; the modal is.
        let lexicon = Lexicon::builtin();
        assert!(Analysis::new("Whitlock stood down at the end of May.", &lexicon).hedges.is_empty());
        assert_eq!(Analysis::new("Whitlock may stand down.", &lexicon).hedges.len(), 1);
        assert_eq!(
            Analysis::new("May the board agree?", &lexicon).hedges.len(),
            1,
            "a sentence's first word may be the modal"
        );
    }

    #[test]
    fn antonyms_and_negating_prefixes() {
        assert_eq!(
            found("Scholz was the incoming German chancellor.", "Scholz was the outgoing German chancellor."),
            ["antonym"]
        );
        assert_eq!(
            found("Zelensky said he was unaware of the plan.", "Zelensky said he was aware of the plan."),
            ["antonym"]
        );
        assert!(found("Scholz was the outgoing chancellor.", "Scholz was the outgoing chancellor.").is_empty());
        // A particle is opposed only by a particle.
        assert!(found("Scholz held back the missiles.", "Scholz held the advanced missiles.").is_empty());
    }

    #[test]
    fn scope_of_only() {
        assert_eq!(
            found(
                "Only European countries have expressed willingness to join.",
                "Several European nations, and also non-European, have expressed their willingness to join."
            ),
            ["scope"]
        );
        assert_eq!(
            found(
                "Only two Baltic states are expected to take part.",
                "All three Baltic states are expected to take part."
            ),
            ["number", "scope"]
        );
        assert!(found(
            "Only European countries have expressed willingness to join.",
            "European countries have expressed willingness to join."
        )
        .is_empty());
    }

    #[test]
    fn status_of_a_replaced_holder() {
        assert_eq!(
            found(
                "Jens Stoltenberg is the current Secretary General of NATO.",
                "Mark Rutte succeeded Jens Stoltenberg as NATO Secretary General."
            ),
            ["status"]
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
            ["status"]
        );
    }

    #[test]
    fn places_in_the_same_role() {
        assert_eq!(
            found(
                "Starmer hosted a summit of European leaders in Paris.",
                "Starmer hosted a summit of European leaders in London."
            ),
            ["place"]
        );
        assert!(found("Starmer hosted a summit in London.", "Starmer hosted a summit in London on Sunday.").is_empty());
    }

    #[test]
    fn the_country_of_an_office() {
        let dutch = "Dick Schoof, prime minister of the Netherlands, said he had made no commitments.";
        assert_eq!(found("Dick Schoof, Denmark's prime minister, said he had made no commitments.", dutch), ["place"]);
        assert_eq!(found("Dick Schoof, the Danish prime minister, said he had made no commitments.", dutch), ["place"]);
        assert!(found("Dick Schoof, the Dutch prime minister, said he had made no commitments.", dutch).is_empty());
        // Another person's office is not theirs to contradict; "Canadian" says "Canada".
        let attending = "Also attending was French president, Emmanuel Macron; Canadian prime minster, Justin Trudeau.";
        assert!(!found("Justin Trudeau is the current prime minister of Canada.", attending).contains(&"place"));
        // An office's country is not compared with where something is.
        let commons = "Robert Walpole, one of 19 children, sat in the House of Commons.";
        assert!(found("The first prime minister of Great Britain, Robert Walpole, was one of 19 children.", commons)
            .is_empty());
    }

    #[test]
    fn the_order_of_two_events() {
        let before = "Peacekeepers would be deployed before a ceasefire is agreed.";
        assert_eq!(found(before, "Peacekeepers would deploy once a ceasefire is agreed."), ["order"]);
        assert_eq!(found(before, "Peacekeepers would be deployed following a ceasefire agreement."), ["order"]);
        assert!(found(before, "Peacekeepers would be deployed ahead of a ceasefire agreement.").is_empty());
        // An adverb "once", and another event's "after".
        assert!(found(before, "Peacekeepers were once deployed when a ceasefire was agreed.").is_empty());
        assert!(found(
            "Before Salt Lake City, the Winter Games took place in Nagano.",
            "Salt Lake City targeted votes after losing the Winter Games to Nagano."
        )
        .is_empty());
    }

    #[test]
    fn a_succession_orders_its_holders() {
        let source = "Gordon Whitlock became chair of the trust in 2021, succeeding Patricia Oyelaran.";
        assert!(found("Before Gordon Whitlock, the trust was chaired by Patricia Oyelaran.", source).is_empty());
        assert_eq!(found("After Gordon Whitlock, the trust was chaired by Patricia Oyelaran.", source), ["order"]);
        assert_eq!(found("Before Patricia Oyelaran, the trust was chaired by Gordon Whitlock.", source), ["order"]);
    }

    #[test]
    fn opposite_judgements_of_the_same_thing() {
        let claim = "Moscow would welcome a Western military presence in Ukraine.";
        assert_eq!(
            found(claim, "Moscow has consistently condemned any Western military presence in Ukraine."),
            ["valence"]
        );
        // Negated on one side only, the two judgements agree (the negation is the negation detector's);
        // on both, they still differ.
        assert!(!found(claim, "Moscow has not condemned a Western military presence in Ukraine.").contains(&"valence"));
        assert_eq!(
            found(
                "Moscow would not welcome a Western military presence in Ukraine.",
                "Moscow has not condemned a Western military presence in Ukraine."
            ),
            ["valence"]
        );
    }

    /// Doer and undergoer the other way round keep a sentence from
    /// supporting; the passive's "by" phrase is its doer.
    #[test]
    fn reversed_doer_and_undergoer() {
        let reversed = |claim: &str, source: &str| {
            findings(claim, source).gaps.iter().any(|g| g.kind == crate::model::ReasonKind::Reversed)
        };
        assert!(reversed("A man is catching a fish.", "A big fish is catching a man."));
        assert!(reversed("A baby is licking a dog.", "A dog is licking a baby."));
        assert!(reversed("A dog is being licked by a baby.", "A dog is licking a baby."));
        assert!(!reversed("A baby is being licked by a dog.", "A dog is licking a baby."));
        assert!(!reversed("A man is catching a fish.", "A man is catching a big fish."));
        // "on the grass" is no doer.
        assert!(!reversed("The rhino is being fed on the grass.", "The rhino is grazing on the grass."));
    }
}
