//! The verdict engine: for each claim it retrieves candidate sentences
//! ([`retrieve`]), measures how each lines up with the claim and where the
//! detectors find them incompatible ([`measure`], [`detect`]), judges each
//! sentence's stance ([`judge`]), and decides the verdict ([`decide`]):
//! disagreements resolved ([`resolve`]), confidence ([`confidence`]), two-way
//! answers ([`lean`]). [`locate`] turns the outcome into the report model.

pub mod align;
mod as_of;
mod confidence;
mod decide;
pub mod decision;
pub mod detect;
mod event;
mod judge;
mod lean;
mod locate;
mod measure;
mod resolve;
mod retrieve;
mod settings;

use crate::analysis::date::Day;
use crate::analysis::{Reading, Side};
use crate::index::timeline::Timeline;
use crate::index::{Retriever, SentenceId, SentenceStore};
use crate::lexicon::Lexicon;
use crate::model::{Reason, Stance, Verdict};
use detect::{Conflict, Registry};
pub use locate::{claim_report, sources};
pub use measure::{Candidate, Marks};
pub use settings::{calibrate, Resolve, Settings};

/// How one sentence bears on a claim, and why.
#[derive(Debug, Clone)]
pub struct Assessment {
    /// The sentence.
    pub sentence: SentenceId,
    /// The first sentence of the window it was read in, when read with the sentences before it.
    pub window: Option<SentenceId>,
    /// Supports, contradicts or is related.
    pub stance: Stance,
    /// Weighted share of the claim's terms the sentence covers.
    pub coverage: f64,
    /// The same for the claim's predicate (its terms after a matched leading name).
    pub predicate: f64,
    /// The incompatibilities found.
    pub conflicts: Vec<Conflict>,
    /// Where the words of each counted conflict are, for highlighting: one
    /// entry for each of the first reasons.
    pub marks: Vec<Marks>,
    /// Why this stance.
    pub reasons: Vec<Reason>,
    /// The date of the dated fact (a tenure's start) this stance rests on, if it does.
    pub dated: Option<Day>,
    /// Something in the sentence keeps it from supporting the claim whatever
    /// it covers: a conflict (counted or not), a value it does not state, a
    /// hedge, a name it lacks or swaps, an act it only names.
    pub blocked: bool,
}

/// The verdict on one claim with its evidence.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The verdict.
    pub verdict: Verdict,
    /// How sure the engine is, from 0 to 1.
    pub confidence: f64,
    /// Up to `Settings::evidence` sentences, the deciding ones first.
    pub evidence: Vec<Assessment>,
    /// Why this verdict.
    pub reasons: Vec<Reason>,
    /// Whether sources disagreed about the claim.
    pub conflict: bool,
    /// The features the learned decision reads, whether or not it decided.
    pub features: decision::Features,
}

/// Checks claims against a sentence store through a retriever.
pub struct Checker<'a> {
    store: &'a dyn SentenceStore,
    retriever: &'a dyn Retriever,
    lexicon: &'a Lexicon,
    settings: Settings,
    labels: Vec<Verdict>,
    timeline: Option<&'a Timeline>,
}

impl std::fmt::Debug for Checker<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Checker").field("settings", &self.settings).field("labels", &self.labels).finish()
    }
}

impl<'a> Checker<'a> {
    /// A checker over `store`, finding candidates with `retriever`.
    pub fn new(
        store: &'a dyn SentenceStore,
        retriever: &'a dyn Retriever,
        lexicon: &'a Lexicon,
        settings: Settings,
    ) -> Self {
        Checker { store, retriever, lexicon, settings, labels: Verdict::ALL.to_vec(), timeline: None }
    }

    /// Judges status claims ("X is R") as of a date against `timeline`.
    pub fn with_timeline(mut self, timeline: &'a Timeline) -> Self {
        self.timeline = Some(timeline);
        self
    }

    /// Restricts the answers to `labels` (say, supported and contradicted for
    /// data that has no unsourced claims): a verdict outside them becomes the
    /// allowed one the evidence leans to.
    pub fn with_labels(mut self, labels: &[Verdict]) -> Self {
        if !labels.is_empty() {
            self.labels = labels.to_vec();
        }
        self
    }

    /// Reads a claim: analysed, and prepared for the detectors.
    pub fn read(&self, claim: &str) -> Reading {
        Reading::new(claim, self.lexicon, Side::Claim, &Registry)
    }

    /// The verdict on one claim, from the sentences retrieval finds for it.
    pub fn check(&self, claim: &str) -> Outcome {
        let claim = self.read(claim);
        let candidates = self.candidates(&claim);
        self.judge(&claim, &self.measure_with(&claim, candidates, false))
    }

    /// The verdict on one claim judged against the given sentences only (a
    /// labelled record's own evidence, say).
    pub fn check_against(&self, claim: &str, sentences: impl IntoIterator<Item = SentenceId>) -> Outcome {
        let claim = self.read(claim);
        self.judge(&claim, &self.measure(&claim, sentences.into_iter().collect()))
    }

    /// The verdict on measured candidates under this checker's settings.
    pub fn judge(&self, claim: &Reading, candidates: &[Candidate]) -> Outcome {
        let parts = std::cell::OnceCell::new();
        let mut assessments: Vec<Assessment> =
            candidates.iter().map(|c| self.judge_candidate(claim, &parts, c)).collect();
        if let Some(dated) = self.as_of_assessment(claim) {
            assessments.retain(|a| a.sentence != dated.sentence);
            assessments.push(dated);
        }
        self.decide(claim, assessments)
    }

    fn trust(&self, a: &Assessment) -> f64 {
        self.store.document_of(a.sentence).meta.trust()
    }

    fn published(&self, a: &Assessment) -> Option<&str> {
        self.store.document_of(a.sentence).meta.published.as_deref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::Corpus;
    use crate::model::{ReasonKind, SourceKind, SourceMeta, SourceText};

    fn source(path: &str, text: &str, kind: SourceKind, published: &str) -> SourceText {
        let meta = SourceMeta { kind, published: Some(published.into()), ..SourceMeta::default() };
        SourceText { path: path.into(), text: text.into(), original: None, meta }
    }

    fn check_with(sources: Vec<SourceText>, claim: &str, settings: Settings) -> Outcome {
        let lexicon = std::sync::Arc::new(Lexicon::builtin());
        let crate::index::Built { corpus, index, .. } = Corpus::build(sources, lexicon.clone(), &Registry);
        Checker::new(&corpus, &index, &lexicon, settings).check(claim)
    }

    fn check(sources: Vec<SourceText>, claim: &str) -> Outcome {
        check_with(sources, claim, Settings::default())
    }

    fn says(outcome: &Outcome, kind: ReasonKind, words: &str) -> bool {
        outcome.reasons.iter().any(|r| r.kind == kind && r.message().contains(words))
    }

    #[test]
    fn three_verdicts() {
        let sources = || vec![source("a.txt", "NATO has 32 members.\n", SourceKind::Article, "2025-01-01")];
        assert_eq!(check(sources(), "NATO has 32 members.").verdict, Verdict::Supported);
        assert_eq!(check(sources(), "NATO has 31 members.").verdict, Verdict::Contradicted);
        assert_eq!(check(sources(), "Japan has pledged troops.").verdict, Verdict::Unsourced);
    }

    #[test]
    fn a_conflict_that_does_not_count_still_keeps_a_sentence_from_supporting() {
        let text = "Ellingham is a town.\nEllingham has a hospital.\nEllingham voted.\n\
                    The trust board approved the plan in February by eight votes to three.\n";
        let sources = || vec![source("a.txt", text, SourceKind::Article, "2025-01-01")];
        let claim = "The trust board approved the Ellingham plan by nine votes to two.";
        assert_ne!(check(sources(), claim).verdict, Verdict::Supported);
    }

    #[test]
    fn the_role_a_subject_holds_is_earned() {
        let text = "French Prime Minister François Bayrou spoke to foreign lawmakers on Monday.\n";
        let sources = || vec![source("a.txt", text, SourceKind::Article, "2025-01-01")];
        assert_eq!(check(sources(), "François Bayrou is France's prime minister.").verdict, Verdict::Supported);
        let foreign = check(sources(), "François Bayrou is France's foreign minister.");
        assert_eq!(foreign.verdict, Verdict::Unsourced);
        let stated = |r: &Reason| r.kind == ReasonKind::NotStated && r.message().contains("minister");
        assert!(foreign.evidence.iter().any(|a| a.reasons.iter().any(stated)));
    }

    #[test]
    fn aspect_is_earned() {
        let text = "Coalition troops will be deployed in Ukraine as peacekeepers once a ceasefire is agreed.\n";
        let sources = || vec![source("a.txt", text, SourceKind::Article, "2025-01-01")];
        let claim = "Coalition troops will be deployed in Ukraine as peacekeepers.";
        assert_eq!(check(sources(), claim).verdict, Verdict::Supported);
        let still = "Coalition troops will still be deployed in Ukraine as peacekeepers.";
        assert_eq!(check(sources(), still).verdict, Verdict::Unsourced);
        // Done already, where the source says it is still to come.
        let already = check(sources(), "Coalition troops are already deployed in Ukraine as peacekeepers.");
        assert_eq!(already.verdict, Verdict::Contradicted);
        assert!(says(&already, ReasonKind::Conflict("aspect"), "is to come"), "{:?}", already.reasons);
    }

    #[test]
    fn reference_notes_outrank_articles_and_the_report_says_so() {
        let outcome = check(
            vec![
                source(
                    "old.txt",
                    "Mark Rutte is projected to become NATO Secretary General.\n",
                    SourceKind::Article,
                    "2025-03-01",
                ),
                source(
                    "ref.md",
                    "Mark Rutte took office as NATO Secretary General on 1 October 2024.\n",
                    SourceKind::Reference,
                    "2025-01-01",
                ),
            ],
            "Mark Rutte is projected to become NATO Secretary General.",
        );
        assert_eq!(outcome.verdict, Verdict::Contradicted);
        assert!(outcome.conflict);
        assert!(says(&outcome, ReasonKind::SourcesDisagree, "resolved by trust"), "{:?}", outcome.reasons);
        assert!(outcome.evidence.iter().any(|e| e.stance == Stance::Supports));
    }

    #[test]
    fn equal_standing_is_disputed_unless_recency_is_asked_for() {
        let sources = || {
            vec![
                source("old.txt", "NATO has 31 members.\n", SourceKind::Article, "2023-05-01"),
                source("new.txt", "NATO has 32 members.\n", SourceKind::Article, "2024-05-01"),
            ]
        };
        let outcome = check(sources(), "NATO has 32 members.");
        assert_eq!(outcome.verdict, Verdict::Disputed);
        assert!(says(&outcome, ReasonKind::SourcesDisagree, "comparable standing"), "{:?}", outcome.reasons);
        assert_eq!(outcome.evidence.len(), 2, "both sides are shown");
        let settings = Settings { resolve: vec![Resolve::Trust, Resolve::Recency], ..Settings::default() };
        let outcome = check_with(sources(), "NATO has 32 members.", settings);
        assert_eq!(outcome.verdict, Verdict::Supported);
        assert!(
            says(&outcome, ReasonKind::SourcesDisagree, "more recent source (2024-05-01)"),
            "{:?}",
            outcome.reasons
        );
    }

    #[test]
    fn an_expectation_gives_way_to_a_later_statement() {
        let sources = vec![
            source(
                "early.txt",
                "The mayor is expected to open the bridge in June.\n",
                SourceKind::Article,
                "2026-05-01",
            ),
            source("late.txt", "The mayor will not open the bridge in June.\n", SourceKind::Article, "2026-05-10"),
        ];
        let outcome = check(sources, "The mayor will open the bridge in June.");
        assert_eq!(outcome.verdict, Verdict::Contradicted);
        assert!(says(&outcome, ReasonKind::SourcesDisagree, "over an expectation"), "{:?}", outcome.reasons);
    }

    #[test]
    fn the_resolution_order_is_configurable() {
        let sources = || {
            vec![
                source("ref.md", "NATO has 31 members.\n", SourceKind::Reference, "2023-05-01"),
                source("new.txt", "NATO has 32 members.\n", SourceKind::Article, "2024-05-01"),
            ]
        };
        assert_eq!(check(sources(), "NATO has 32 members.").verdict, Verdict::Contradicted);
        let settings = Settings { resolve: vec![Resolve::Recency, Resolve::Trust], ..Settings::default() };
        let outcome = check_with(sources(), "NATO has 32 members.", settings);
        assert_eq!(outcome.verdict, Verdict::Supported);
        assert!(says(&outcome, ReasonKind::SourcesDisagree, "more recent"), "{:?}", outcome.reasons);
    }

    #[test]
    fn a_sentence_that_refers_back_is_read_with_the_one_before() {
        let text = "Orban and Robert Fico demanded an immediate ceasefire. Neither leader was invited to the gathering in London.\n";
        let outcome = check(
            vec![source("a.txt", text, SourceKind::Article, "2025-03-03")],
            "Orban was invited to the gathering.",
        );
        assert_eq!(outcome.verdict, Verdict::Contradicted, "{:?}", outcome.reasons);
        assert_eq!(outcome.evidence[0].window, Some(0));
    }

    #[test]
    fn windows_measured_when_judged_give_the_same_outcome_as_all_measured() {
        let text = "Orban and Robert Fico demanded an immediate ceasefire. Neither leader was invited to the gathering in London.\n\
                    The summit in London was hosted by Keir Starmer. It ended with a plan for a truce.\n\
                    NATO has 32 members. They met in The Hague in June.\n";
        let lexicon = std::sync::Arc::new(Lexicon::builtin());
        let sources = vec![source("a.txt", text, SourceKind::Article, "2025-03-03")];
        let crate::index::Built { corpus, index, .. } = Corpus::build(sources, lexicon.clone(), &Registry);
        let checker = Checker::new(&corpus, &index, &lexicon, Settings::default());
        for claim in [
            "Orban was invited to the gathering.",
            "The London summit ended with a plan for a ceasefire.",
            "NATO members met in The Hague in June.",
            "Macron hosted the summit in London.",
        ] {
            let lazy = checker.check(claim);
            let reading = checker.read(claim);
            let eager = checker.judge(&reading, &checker.measure(&reading, checker.candidates(&reading)));
            assert_eq!(format!("{lazy:?}"), format!("{eager:?}"), "{claim}");
        }
    }

    #[test]
    fn the_learned_weights_name_only_features_the_engine_computes() {
        let sources = vec![source("a.txt", "NATO has 32 members.\n", SourceKind::Article, "2025-01-01")];
        let features = check(sources, "NATO has 31 members.").features;
        let model = decision::Model::builtin().expect("data/decision.toml parses");
        let known: Vec<&str> = features.0.iter().map(|(n, _)| n.as_str()).collect();
        assert!(model.names().count() > 0);
        for name in model.names() {
            assert!(known.contains(&name), "data/decision.toml weighs `{name}`, which no claim has");
        }
    }

    #[test]
    fn a_forced_choice_is_the_learned_decision_s() {
        let lexicon = std::sync::Arc::new(Lexicon::builtin());
        let sources = vec![source("a.txt", "NATO has 32 members.\n", SourceKind::Article, "2025-01-01")];
        let crate::index::Built { corpus, index, .. } = Corpus::build(sources, lexicon.clone(), &Registry);
        let checker = Checker::new(&corpus, &index, &lexicon, Settings::default())
            .with_labels(&[Verdict::Supported, Verdict::Contradicted]);
        let outcome = checker.check("Japan has pledged troops.");
        assert!([Verdict::Supported, Verdict::Contradicted].contains(&outcome.verdict));
        assert!(outcome.reasons.iter().any(|r| r.kind == ReasonKind::Decision), "{:?}", outcome.reasons);
    }

    #[test]
    fn a_bare_figure_the_sentence_shares_is_stated() {
        // Found by the benchmark: identical sentences came out unsourced.
        for text in ["The socket options are listed in setsockopt(2).", "The mapping starts at offset zero."] {
            let sources = vec![source("a.txt", &format!("{text}\n"), SourceKind::Article, "2025-01-01")];
            assert_eq!(check(sources, text).verdict, Verdict::Supported, "{text}");
        }
    }

    #[test]
    fn confidence_is_a_probability() {
        let sources = || vec![source("a.txt", "NATO has 32 members.\n", SourceKind::Article, "2025-01-01")];
        for claim in ["NATO has 32 members.", "NATO has 31 members.", "Japan has pledged troops.", "", "!!!"] {
            let c = check(sources(), claim).confidence;
            assert!((0.0..=1.0).contains(&c), "{claim}: {c}");
        }
    }
}
