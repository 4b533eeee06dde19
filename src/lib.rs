//! Veracity: checks claims against a folder of trusted sources and explains
//! every verdict with evidence sentences and reasons.
//!
//! The pipeline: [`load`] reads files into [`corpus::SourceText`]s;
//! [`corpus::Corpus::build`] segments ([`text`]), analyses ([`analysis`]) and
//! indexes ([`index`]) them; [`checker::Checker`] retrieves, aligns
//! ([`align`]) and runs the conflict detectors ([`detect`]) for each claim;
//! [`model::Report`] holds the results and [`report`] renders them.
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
pub mod text;

use config::Config;
use engine::{Checker, Settings};
use index::Corpus;
use lexicon::{Lexicon, LexiconError};
use model::Report;
use model::{Claim, SourceText};

/// A corpus ready to check claims against, with the lexicon and settings it
/// was built with.
#[derive(Debug)]
pub struct Engine {
    /// The word lists.
    pub lexicon: Lexicon,
    /// The indexed sources.
    pub corpus: Corpus,
    /// Verdict thresholds.
    pub settings: Settings,
}

impl Engine {
    /// Builds the lexicon from `config` and indexes `sources`.
    pub fn new(sources: Vec<SourceText>, config: &Config) -> Result<Engine, LexiconError> {
        let lexicon = Lexicon::new(&config.aliases, &config.ingest.furniture)?;
        let corpus = Corpus::build(sources, &lexicon);
        Ok(Engine { lexicon, corpus, settings: config.check.clone() })
    }

    /// Checks claims, in order.
    pub fn check(&self, claims: Vec<Claim>) -> Report {
        let checker = Checker::new(&self.corpus, &self.lexicon, self.settings.clone());
        let results = claims
            .into_iter()
            .map(|claim| {
                let outcome = checker.check(&claim.text);
                (claim, outcome)
            })
            .collect();
        Report::new(&self.corpus, results)
    }
}
