//! One claim against one document, end to end: the input's first line is the
//! claim, the rest the source text. The report is sane (one claim, a
//! confidence from 0 to 1, evidence lines and columns inside the source,
//! marks on char boundaries of the sentence or claim) and renders in every
//! format, plain and streamed with colour; JSON, JSON Lines, SARIF and
//! ClaimReview output parse as JSON, JUnit output as XML.
//!
//! The engine is put together exactly as `veracity::Engine::new` does it
//! (`Corpus::build` with the detector `Registry`, `Bm25Index::of`, the
//! config's settings), except that the lexicon `veracity::lexicon(&config)`
//! builds is made once (one `Engine::new`, on the first input) and kept: each
//! later input gets a fresh corpus, retriever and settings in that engine.
//! Building the lexicon compiles the word lists' regexes and took two thirds
//! of every run (86 runs/s otherwise).
#![no_main]

#[path = "../invariants.rs"]
mod invariants;

use libfuzzer_sys::fuzz_target;
use std::cell::RefCell;
use std::sync::OnceLock;
use veracity::config::Config;
use veracity::engine::detect::Registry;
use veracity::index::{Bm25Index, Corpus};
use veracity::model::{Claim, SourceText};
use veracity::Engine;

fn config() -> &'static Config {
    static CONFIG: OnceLock<Config> = OnceLock::new();
    CONFIG.get_or_init(Config::default)
}

fn source(text: &str) -> SourceText {
    SourceText { path: "s.txt".into(), text: text.to_string(), original: None, meta: Default::default() }
}

thread_local! {
    static ENGINE: RefCell<Option<Engine>> = const { RefCell::new(None) };
}

/// Runs `f` on an engine over the one source `text`.
fn with_engine<R>(text: &str, f: impl FnOnce(&Engine) -> R) -> R {
    ENGINE.with_borrow_mut(|slot| {
        match slot {
            None => {
                *slot = Some(Engine::new(vec![source(text)], config()).expect("the default config builds a lexicon"))
            }
            Some(engine) => {
                engine.corpus = Corpus::build(vec![source(text)], &engine.lexicon, &Registry);
                engine.retriever = Box::new(Bm25Index::of(&engine.corpus));
                engine.settings = config().check.clone();
            }
        }
        f(slot.as_ref().expect("set above"))
    })
}

fuzz_target!(|input: &str| {
    let (claim, text) = input.split_once('\n').unwrap_or((input, ""));
    let report = with_engine(text, |engine| engine.check(vec![Claim::adhoc(1, claim)]));

    invariants::report_holds(&report, text);
});
