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

use libfuzzer_sys::fuzz_target;
use std::cell::RefCell;
use std::sync::OnceLock;
use veracity::config::Config;
use veracity::engine::detect::Registry;
use veracity::index::{Bm25Index, Corpus};
use veracity::model::{Claim, SourceText};
use veracity::report::{render, OutputFormat, RenderOptions};
use veracity::Engine;

const FORMATS: [OutputFormat; 9] = [
    OutputFormat::Text,
    OutputFormat::Json,
    OutputFormat::Jsonl,
    OutputFormat::Markdown,
    OutputFormat::Junit,
    OutputFormat::Sarif,
    OutputFormat::Github,
    OutputFormat::Html,
    OutputFormat::Claimreview,
];

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

/// Asserts that `(start, end)` is a byte range of `text` on char boundaries.
fn assert_range(what: &str, text: &str, (start, end): (usize, usize)) {
    assert!(start <= end && end <= text.len(), "{what} mark {start}..{end} outside {} bytes of {text:?}", text.len());
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "{what} mark {start}..{end} inside a char of {text:?}"
    );
}

fuzz_target!(|input: &str| {
    let (claim, text) = input.split_once('\n').unwrap_or((input, ""));
    let report = with_engine(text, |engine| engine.check(vec![Claim::adhoc(1, claim)]));

    assert_eq!(report.claims.len(), 1);
    let lines: Vec<&str> = text.split('\n').collect();
    for c in &report.claims {
        assert!((0.0..=1.0).contains(&c.confidence), "confidence {} is not from 0 to 1", c.confidence);
        for &mark in &c.marks {
            assert_range("claim", &c.text, mark);
        }
        for e in &c.evidence {
            assert_eq!(e.source, "s.txt");
            assert!(e.line >= 1 && e.line <= lines.len(), "evidence line {} outside 1..={}", e.line, lines.len());
            let chars = lines[e.line - 1].chars().count();
            assert!(e.column >= 1 && e.column <= chars + 1, "evidence column {} outside 1..={}", e.column, chars + 1);
            for &mark in &e.marks {
                assert_range("evidence", &e.sentence, mark);
            }
        }
    }

    for format in FORMATS {
        let out = render(&report, format, Default::default());
        match format {
            OutputFormat::Json | OutputFormat::Sarif | OutputFormat::Claimreview => {
                if let Err(e) = serde_json::from_str::<serde_json::Value>(&out) {
                    panic!("{format:?} output is not JSON ({e}):\n{out}");
                }
            }
            OutputFormat::Jsonl => {
                for line in out.lines().filter(|l| !l.trim().is_empty()) {
                    if let Err(e) = serde_json::from_str::<serde_json::Value>(line) {
                        panic!("a JSON Lines line is not JSON ({e}):\n{line}");
                    }
                }
            }
            OutputFormat::Junit => {
                if let Err(e) = roxmltree::Document::parse(&out) {
                    panic!("JUnit output is not XML ({e}):\n{out}");
                }
            }
            _ => {}
        }
        let _ = render(
            &report,
            format,
            RenderOptions { color: true, all_evidence: true, stream: true, ..Default::default() },
        );
    }
});
