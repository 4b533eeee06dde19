//! The in-memory sentence store: documents, their sentences, and each
//! sentence read (analysed and prepared for the detectors) once, when built.

use super::{DocId, SentenceId, SentenceStore};
use crate::analysis::date::Day;
use crate::analysis::{Analysis, Prepare, Reading, Side};
use crate::lexicon::Lexicon;
use crate::model::{SourceMeta, SourceText};
use crate::text::normalize::normalize;
use crate::text::segment::Dropped;
use crate::text::span::{LineIndex, Position, Span};

/// An indexed document.
#[derive(Debug)]
pub struct Document {
    /// The path shown in reports.
    pub path: String,
    /// The text.
    pub text: String,
    /// Its metadata.
    pub meta: SourceMeta,
    /// The file as written, when `text` was derived from it.
    pub original: Option<String>,
    /// Line starts of the file as written, for positions.
    pub lines: LineIndex,
    /// Blocks left out as page furniture (or as over-long bulk).
    pub dropped: Vec<Dropped>,
    /// How many runs of text were longer than the sentence limit, split or
    /// dropped (see `SegmentRules::max_sentence_chars`): worth a warning.
    pub overlong: usize,
    /// Its sentences' ids, in text order.
    pub sentences: Vec<SentenceId>,
}

impl Document {
    /// The file as written (its text, when nothing was derived).
    pub fn written(&self) -> &str {
        self.original.as_deref().unwrap_or(&self.text)
    }

    /// The line and column of byte `offset`, counted in the file as written.
    pub fn position(&self, offset: usize) -> Position {
        self.lines.position(self.written(), offset)
    }
}

/// One sentence of the corpus.
#[derive(Debug)]
pub struct Sentence {
    /// The document it is in.
    pub doc: DocId,
    /// Where in the document's text.
    pub span: Span,
    /// The sentence for display.
    pub text: String,
    /// The table-row label it is read with, when it does not start the row.
    pub label: Option<String>,
}

/// A sentence read together with the one or two before it.
#[derive(Debug)]
pub struct Window {
    /// The sentences before it, in order; the first starts the window.
    pub before: Vec<SentenceId>,
    /// Byte offset, in the window's normalised text, where the sentence itself begins.
    pub own_text_at: usize,
    /// The window read as one text.
    pub reading: Reading,
}

/// The text a sentence is analysed as: with its table-row label, if any, in
/// front ("Finland: ...").
pub fn analysed_text(label: Option<&str>, text: &str) -> String {
    match label {
        Some(label) => format!("{label}: {text}"),
        None => text.to_string(),
    }
}

/// The display texts of consecutive sentences read as one (a window).
pub fn read_together<'a>(sentences: impl IntoIterator<Item = &'a Sentence>) -> String {
    sentences.into_iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join(" ")
}

/// Words that, early in a sentence, point back to an earlier one.
const ANAPHORS: &[&str] = &[
    "he", "she", "it", "they", "him", "her", "them", "his", "its", "their", "this", "these", "those", "both",
    "neither", "such",
];
/// How many sentences back a window reaches.
const WINDOW: usize = 2;

/// Whether a sentence refers back to an earlier one: a pronoun among its
/// first five words, or a definite opening ("The summit", "Any deployment").
fn refers_back(a: &Analysis) -> bool {
    let mut words = a.tokens.iter().filter(|t| t.kind == crate::text::tokenize::TokenKind::Word);
    let first = words.next().map(|t| t.lower.as_str());
    matches!(first, Some("the" | "any" | "that"))
        || a.tokens.iter().take(5).any(|t| ANAPHORS.contains(&t.lower.as_str()))
}

/// Documents and their sentences, in memory, each sentence read when built.
pub struct Corpus {
    /// The documents, in the order given.
    pub documents: Vec<Document>,
    /// All sentences, document by document.
    pub sentences: Vec<Sentence>,
    /// What each sentence says, for matching (including its table-row label).
    readings: Vec<Reading>,
    /// For each sentence that refers back ("The summit ...", "Neither leader
    /// ..."), the window of sentences it is read in.
    windows: Vec<Option<Window>>,
}

impl std::fmt::Debug for Corpus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Corpus")
            .field("documents", &self.documents.len())
            .field("sentences", &self.sentences.len())
            .finish()
    }
}

/// One document read: its sentences, their readings and windows, with ids
/// counted from the document's first sentence.
struct Read {
    document: Document,
    sentences: Vec<Sentence>,
    readings: Vec<Reading>,
    windows: Vec<Option<Window>>,
}

/// Segments one source and reads its sentences (and windows); sentence ids
/// count from 0, the document id is 0: [`Corpus::build`] places them.
fn read_document(source: SourceText, lexicon: &Lexicon, prepare: &(dyn Prepare + Sync)) -> Read {
    let segmentation = lexicon.segment_rules.segment(&source.text);
    let published = source.meta.published.as_deref().and_then(Day::parse);
    let read = |text: &str| Reading::of(Analysis::written_on(text, lexicon, published), Side::Source, prepare);
    let mut sentences: Vec<Sentence> = Vec::new();
    let mut readings: Vec<Reading> = Vec::new();
    let mut windows: Vec<Option<Window>> = Vec::new();
    let mut blocks = Vec::new();
    for segment in segmentation.sentences {
        let reading = read(&analysed_text(segment.context.as_deref(), &segment.text));
        let refers = refers_back(&reading);
        let id = sentences.len();
        let starts_block = blocks.last() != Some(&segment.block);
        // The window reaches back within the paragraph; a sentence that
        // opens its paragraph may reach into the one before.
        let may_start = |start: usize| starts_block && start + 1 == id || blocks.get(start) == Some(&segment.block);
        let window = (id > 0 && refers && may_start(id - 1)).then(|| {
            let mut start = id - 1;
            while start > 0
                && id - start < WINDOW
                && readings.get(start).is_some_and(|r| refers_back(r))
                && blocks.get(start - 1) == blocks.get(start)
            {
                start -= 1;
            }
            let prefix = read_together(sentences.get(start..id).unwrap_or_default());
            let text = format!("{prefix} {}", segment.text);
            Window { before: (start..id).collect(), own_text_at: normalize(&prefix).len() + 1, reading: read(&text) }
        });
        blocks.push(segment.block);
        sentences.push(Sentence { doc: 0, span: segment.span, text: segment.text, label: segment.context });
        readings.push(reading);
        windows.push(window);
    }
    let document = Document {
        lines: LineIndex::new(source.original.as_deref().unwrap_or(&source.text)),
        path: source.path,
        text: source.text,
        original: source.original,
        meta: source.meta,
        dropped: segmentation.dropped,
        overlong: segmentation.overlong,
        sentences: (0..sentences.len()).collect(),
    };
    Read { document, sentences, readings, windows }
}

impl Corpus {
    /// Segments the given sources and reads every sentence (and window) with
    /// `lexicon`, prepared for the detectors by `prepare`: documents on every
    /// core, the result in the order given whatever the thread count.
    pub fn build(sources: Vec<SourceText>, lexicon: &Lexicon, prepare: &(dyn Prepare + Sync)) -> Corpus {
        use rayon::prelude::*;
        let read: Vec<Read> = sources.into_par_iter().map(|source| read_document(source, lexicon, prepare)).collect();
        let total = read.iter().map(|r| r.sentences.len()).sum();
        let mut corpus = Corpus {
            documents: Vec::with_capacity(read.len()),
            sentences: Vec::with_capacity(total),
            readings: Vec::with_capacity(total),
            windows: Vec::with_capacity(total),
        };
        for (doc, mut r) in read.into_iter().enumerate() {
            let first = corpus.sentences.len();
            r.document.sentences.iter_mut().for_each(|id| *id += first);
            r.sentences.iter_mut().for_each(|s| s.doc = doc);
            for w in r.windows.iter_mut().flatten() {
                w.before.iter_mut().for_each(|id| *id += first);
            }
            corpus.documents.push(r.document);
            corpus.sentences.extend(r.sentences);
            corpus.readings.extend(r.readings);
            corpus.windows.extend(r.windows);
        }
        corpus
    }
}

// Ids are the store's own (given out by `build`): indexing by one cannot fail.
impl SentenceStore for Corpus {
    fn len(&self) -> usize {
        self.sentences.len()
    }

    fn sentence(&self, id: SentenceId) -> &Sentence {
        &self.sentences[id]
    }

    fn reading(&self, id: SentenceId) -> &Reading {
        &self.readings[id]
    }

    fn window(&self, id: SentenceId) -> Option<&Window> {
        self.windows[id].as_ref()
    }

    fn documents(&self) -> &[Document] {
        &self.documents
    }

    fn next(&self, id: SentenceId) -> Option<SentenceId> {
        let next = id + 1;
        (next < self.sentences.len() && self.sentences[next].doc == self.sentences[id].doc).then_some(next)
    }
}
