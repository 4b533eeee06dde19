//! Veracity: checks claims against a folder of trusted sources and explains
//! every verdict with evidence sentences and reasons.
//!
//! The pipeline: [`ingest`] reads files into [`model::SourceText`]s;
//! [`index::Corpus::build`] segments them ([`text`]) and indexes their terms
//! ([`index::Bm25Index`]), reading a sentence ([`analysis`]) when it is first
//! asked for; [`engine::Checker`] retrieves,
//! aligns and runs the conflict detectors for each claim; [`model::Report`]
//! holds the results, [`policy`] marks the findings, and [`report`] renders
//! them. [`eval`] scores the engine on labelled data.
#![warn(clippy::print_stdout, clippy::print_stderr, missing_docs)]

pub mod analysis;
pub mod config;
pub mod diagnostic;
pub mod engine;
pub mod eval;
pub mod index;
pub mod ingest;
pub mod lexicon;
pub mod model;
pub mod policy;
pub mod report;
pub mod store;
pub mod text;

use config::Config;
use engine::detect::Registry;
use engine::{Checker, Settings};
use index::timeline::Timeline;
use index::{Corpus, Retriever};
use lexicon::{Lexicon, LexiconError};
use model::{Claim, ClaimReport, Report, SourceText};
use std::sync::Arc;

/// The word lists and segmentation rules `config` asks for: the built-in
/// ones, its aliases and furniture patterns, its sentence length limit.
pub fn lexicon(config: &Config) -> Result<Lexicon, LexiconError> {
    let mut lexicon = Lexicon::new(&config.aliases, &config.ingest.furniture)?;
    lexicon.segment_rules.max_sentence_chars = config.ingest.max_sentence_chars;
    Ok(lexicon)
}

/// A corpus ready to check claims against: the sentences, a retriever over
/// them, and the lexicon and settings they were built with.
pub struct Engine {
    /// The word lists.
    pub lexicon: Arc<Lexicon>,
    /// The indexed sources.
    pub corpus: Corpus,
    /// Retrieval over the corpus.
    pub retriever: Box<dyn Retriever>,
    /// Verdict thresholds.
    pub settings: Settings,
    /// Who held which office when, from the corpus.
    pub timeline: Timeline,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine").field("corpus", &self.corpus).field("settings", &self.settings).finish()
    }
}

impl Engine {
    /// Builds the lexicon from `config`, reads `sources` and indexes them (BM25, in memory).
    pub fn new(sources: Vec<SourceText>, config: &Config) -> Result<Engine, LexiconError> {
        let lexicon = Arc::new(lexicon(config)?);
        let built = Corpus::build(sources, lexicon.clone(), &Registry);
        Ok(Engine::of(built, lexicon, config))
    }

    /// As [`Engine::new`], taking the sources' indexed documents from an
    /// on-disk index where it has them and keeping there the ones it lacks;
    /// with `snapshot`, also writes the index's snapshot of these sources.
    /// Returns how many documents came from it.
    pub fn indexed(
        sources: store::Sources,
        config: &Config,
        index: &store::DiskIndex,
        snapshot: bool,
    ) -> Result<(Engine, usize), LexiconError> {
        let lexicon = Arc::new(lexicon(config)?);
        let (built, reused, documents) = Corpus::build_with(sources.texts, lexicon.clone(), &Registry, index);
        if snapshot {
            let keys: Vec<String> = documents.iter().map(|e| e.key.clone()).collect();
            let segments: Vec<_> = built.index.segments().map(|s| (s, keys.clone())).collect();
            let (stamps, read_at) = (sources.stamps, sources.read_at);
            index.save(index.snapshot_of(stamps, read_at, documents), &segments);
        }
        Ok((Engine::of(built, lexicon, config), reused))
    }

    /// The engine of an on-disk index's snapshot and BM25 over its segments
    /// ([`store::DiskIndex::retriever`]), reading no source: each document
    /// is read from the index when first asked for (or from `files`, the
    /// sources as listed, when its kept file is damaged).
    pub fn kept(
        snapshot: &store::Snapshot,
        retriever: index::Bm25Index,
        config: &Config,
        index: &Arc<store::DiskIndex>,
        files: Vec<(std::path::PathBuf, Option<model::SourceMeta>)>,
    ) -> Result<Engine, LexiconError> {
        let lexicon = Arc::new(lexicon(config)?);
        let documents = &snapshot.documents;
        let source = store::KeptDocuments {
            index: index.clone(),
            keys: documents.iter().map(|e| e.key.clone()).collect(),
            files,
            settings: config.ingest.clone(),
            lexicon: lexicon.clone(),
        };
        let corpus = Corpus::kept(documents, lexicon.clone(), &Registry, Arc::new(source));
        let timeline =
            Timeline::assemble(documents.iter().map(|e| (&e.changes, e.sentences, index::published(&e.meta))));
        let built = index::Built { corpus, index: retriever, timeline };
        Ok(Engine::of(built, lexicon, config))
    }

    fn of(built: index::Built, lexicon: Arc<Lexicon>, config: &Config) -> Engine {
        let index::Built { corpus, index, timeline } = built;
        Engine { lexicon, corpus, retriever: Box::new(index), settings: config.check.clone(), timeline }
    }

    /// A checker over this engine's corpus.
    pub fn checker(&self) -> Checker<'_> {
        Checker::new(&self.corpus, self.retriever.as_ref(), &self.lexicon, self.settings.clone())
            .with_timeline(&self.timeline)
    }

    /// Checks one claim and locates its result, ready for a reporter.
    pub fn check_one(&self, checker: &Checker, claim: Claim) -> ClaimReport {
        let outcome = checker.check(&claim.text);
        engine::claim_report(&self.corpus, claim, outcome)
    }

    /// Checks claims on every core, a batch at a time, and hands each result
    /// to `each` in the order given: the same results whatever the thread
    /// count, in memory bounded by two batches. A batch's results are handed
    /// over (rendered, written) while the next batch is checked.
    pub fn check_each(&self, claims: impl IntoIterator<Item = Claim>, mut each: impl FnMut(ClaimReport)) {
        use rayon::prelude::*;
        const BATCH: usize = 256;
        let checker = self.checker();
        let mut claims = claims.into_iter().peekable();
        let mut done: Vec<ClaimReport> = Vec::new();
        while claims.peek().is_some() {
            let batch: Vec<Claim> = claims.by_ref().take(BATCH).collect();
            let mut checked = Vec::new();
            // The batch is checked in the current thread pool while this
            // thread hands over the one before.
            rayon::in_place_scope(|scope| {
                scope.spawn(|_| checked = batch.into_par_iter().map(|claim| self.check_one(&checker, claim)).collect());
                std::mem::take(&mut done).into_iter().for_each(&mut each);
            });
            done = checked;
        }
        done.into_iter().for_each(&mut each);
    }

    /// Checks claims, in order. No policy is applied: see [`policy::Policy`].
    pub fn check(&self, claims: Vec<Claim>) -> Report {
        let mut checked = Vec::with_capacity(claims.len());
        self.check_each(claims, |result| checked.push(result));
        let claims = checked;
        Report::new(
            claims,
            &model::Context { sources: self.sources(), as_of: self.as_of(), ..model::Context::default() },
        )
    }

    /// The date status claims are judged as of, `YYYY[-MM[-DD]]`: `check.as_of`,
    /// else the newest date the sources give.
    pub fn as_of(&self) -> Option<String> {
        self.checker().as_of().map(|d| d.to_string())
    }

    /// The metadata of every source, by path, for reporters.
    pub fn sources(&self) -> std::collections::BTreeMap<String, model::SourceMeta> {
        engine::sources(&self.corpus)
    }
}
