//! The in-memory sentence store: documents and their sentences. A sentence
//! is read (analysed and prepared for the detectors) when it is indexed, for
//! its terms, and read again the first time the checker asks for it: only the
//! few sentences retrieved for claims keep a reading, and the memory of the
//! rest is their text.

use super::{Bm25Index, DocId, SentenceId, SentenceStore};
use crate::analysis::date::Day;
use crate::analysis::{Analysis, Prepare, Reading, Side};
use crate::lexicon::Lexicon;
use crate::model::{SourceMeta, SourceText};
use crate::text::normalize::normalize;
use crate::text::segment::Dropped;
use crate::text::span::{LineIndex, Position, Span};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

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
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Sentence {
    /// The document it is in.
    pub doc: DocId,
    /// Where in the document's text.
    pub span: Span,
    /// The sentence for display.
    pub text: String,
    /// The table-row label it is read with, when it does not start the row.
    pub label: Option<String>,
    /// The block (paragraph) of the document it is in.
    pub block: usize,
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

/// How many readings (and windows) each generation of a [`Cache`] keeps.
const CACHED: usize = 16384;

/// Values made on demand, the recently used kept: two generations of at most
/// [`CACHED`] each, a value asked for again moving to the newer one, the older
/// dropped when the newer is full. Memory stays bounded however many claims
/// are checked; values are pure functions of their id, so what is kept never
/// changes a result.
struct Cache<T> {
    generations: Mutex<[HashMap<SentenceId, T>; 2]>,
}

impl<T: Clone> Cache<T> {
    fn new() -> Self {
        Cache { generations: Mutex::new([HashMap::new(), HashMap::new()]) }
    }

    /// The value kept for `id`, or `make`'s (made without holding the lock:
    /// making one may ask for others).
    fn get_or(&self, id: SentenceId, make: impl FnOnce() -> T) -> T {
        if let Ok(mut g) = self.generations.lock() {
            if let Some(v) = g[0].get(&id) {
                return v.clone();
            }
            if let Some(v) = g[1].remove(&id) {
                g[0].insert(id, v.clone());
                return v;
            }
        }
        let v = make();
        if let Ok(mut g) = self.generations.lock() {
            if g[0].len() >= CACHED {
                g[1] = std::mem::take(&mut g[0]);
            }
            g[0].insert(id, v.clone());
        }
        v
    }
}

/// Documents and their sentences, in memory; readings made on demand, the
/// recently used kept.
pub struct Corpus {
    /// The documents, in the order given.
    pub documents: Vec<Document>,
    /// All sentences, document by document.
    pub sentences: Vec<Sentence>,
    /// The words each sentence is read with.
    lexicon: Arc<Lexicon>,
    /// What the detectors prepare from each reading.
    prepare: &'static (dyn Prepare + Sync),
    /// What sentences say, for matching (including a table-row label).
    readings: Cache<Arc<Reading>>,
    /// For sentences that refer back ("The summit ...", "Neither leader
    /// ..."), the window of sentences each is read in.
    windows: Cache<Option<Arc<Window>>>,
}

impl std::fmt::Debug for Corpus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Corpus")
            .field("documents", &self.documents.len())
            .field("sentences", &self.sentences.len())
            .finish()
    }
}

/// One document segmented and each sentence's index terms: what a corpus
/// is assembled from, and what an on-disk index keeps of a source file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IndexedDocument {
    /// The path shown in reports.
    pub path: String,
    /// The text.
    pub text: String,
    /// The file as written, when `text` was derived from it.
    pub original: Option<String>,
    /// Its metadata (kept as JSON: it leaves out empty fields).
    #[serde(with = "meta_as_json")]
    pub meta: SourceMeta,
    /// Blocks left out as page furniture (or as over-long bulk).
    pub dropped: Vec<Dropped>,
    /// How many runs of text were longer than the sentence limit.
    pub overlong: usize,
    /// Its sentences, numbered from 0 (document 0).
    pub sentences: Vec<Sentence>,
    /// Each sentence's index terms (see [`Analysis::index_terms`]).
    pub terms: Vec<Vec<String>>,
}

impl IndexedDocument {
    /// Segments a source and finds each sentence's index terms.
    pub fn of(source: SourceText, lexicon: &Lexicon) -> IndexedDocument {
        let segmentation = lexicon.segment_rules.segment(&source.text);
        let published = source.meta.published.as_deref().and_then(Day::parse);
        let mut sentences = Vec::with_capacity(segmentation.sentences.len());
        let mut terms = Vec::with_capacity(segmentation.sentences.len());
        for segment in segmentation.sentences {
            let text = analysed_text(segment.context.as_deref(), &segment.text);
            terms.push(Analysis::index_terms(&text, lexicon, published));
            sentences.push(Sentence {
                doc: 0,
                span: segment.span,
                text: segment.text,
                label: segment.context,
                block: segment.block,
            });
        }
        IndexedDocument {
            path: source.path,
            text: source.text,
            original: source.original,
            meta: source.meta,
            dropped: segmentation.dropped,
            overlong: segmentation.overlong,
            sentences,
            terms,
        }
    }
}

/// A source's metadata as a JSON string: it skips empty fields, which a
/// format without field names could not read back.
mod meta_as_json {
    use crate::model::SourceMeta;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(meta: &SourceMeta, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&serde_json::to_string(meta).map_err(serde::ser::Error::custom)?)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<SourceMeta, D::Error> {
        serde_json::from_str(&String::deserialize(deserializer)?).map_err(serde::de::Error::custom)
    }
}

/// Indexed documents kept between runs (an on-disk index), by a key of the
/// source they were indexed from ([`Corpus::build_with`]).
pub trait DocumentCache: Sync {
    /// The key the document indexed from `source` is kept under.
    fn key(&self, source: &SourceText) -> String;
    /// The document kept under `key`, if any (a damaged one is none).
    fn get(&self, key: &str) -> Option<IndexedDocument>;
    /// Keeps `document` under `key`.
    fn put(&self, key: &str, document: &IndexedDocument);
}

impl Corpus {
    /// Segments the given sources and indexes every sentence by its terms
    /// (BM25): documents on every core, the result in the order given
    /// whatever the thread count. Readings are prepared for the detectors by
    /// `prepare`.
    pub fn build(
        sources: Vec<SourceText>,
        lexicon: Arc<Lexicon>,
        prepare: &'static (dyn Prepare + Sync),
    ) -> (Corpus, Bm25Index) {
        use rayon::prelude::*;
        let documents = sources.into_par_iter().map(|source| IndexedDocument::of(source, &lexicon)).collect();
        Corpus::assemble(documents, lexicon, prepare)
    }

    /// As [`Corpus::build`], taking from `cache` the documents it keeps and
    /// keeping there the ones it lacks. Returns how many documents came from
    /// the cache.
    pub fn build_with(
        sources: Vec<SourceText>,
        lexicon: Arc<Lexicon>,
        prepare: &'static (dyn Prepare + Sync),
        cache: &dyn DocumentCache,
    ) -> (Corpus, Bm25Index, usize) {
        use rayon::prelude::*;
        let documents: Vec<(IndexedDocument, bool)> = sources
            .into_par_iter()
            .map(|source| {
                let key = cache.key(&source);
                if let Some(kept) = cache.get(&key).filter(|d| d.path == source.path) {
                    return (kept, true);
                }
                let document = IndexedDocument::of(source, &lexicon);
                cache.put(&key, &document);
                (document, false)
            })
            .collect();
        let reused = documents.iter().filter(|(_, kept)| *kept).count();
        let (corpus, index) = Corpus::assemble(documents.into_iter().map(|(d, _)| d).collect(), lexicon, prepare);
        (corpus, index, reused)
    }

    /// Numbers the documents and their sentences in order and indexes the terms.
    fn assemble(
        documents: Vec<IndexedDocument>,
        lexicon: Arc<Lexicon>,
        prepare: &'static (dyn Prepare + Sync),
    ) -> (Corpus, Bm25Index) {
        let total = documents.iter().map(|d| d.sentences.len()).sum();
        let mut corpus = Corpus {
            documents: Vec::with_capacity(documents.len()),
            sentences: Vec::with_capacity(total),
            lexicon,
            prepare,
            readings: Cache::new(),
            windows: Cache::new(),
        };
        let mut terms = Vec::with_capacity(total);
        for (doc, d) in documents.into_iter().enumerate() {
            let first = corpus.sentences.len();
            corpus.documents.push(Document {
                lines: LineIndex::new(d.original.as_deref().unwrap_or(&d.text)),
                path: d.path,
                text: d.text,
                original: d.original,
                meta: d.meta,
                dropped: d.dropped,
                overlong: d.overlong,
                sentences: (first..first + d.sentences.len()).collect(),
            });
            corpus.sentences.extend(d.sentences.into_iter().map(|s| Sentence { doc, ..s }));
            terms.extend(d.terms);
        }
        let index = Bm25Index::new(terms.iter().map(|t| t.iter().map(String::as_str)));
        (corpus, index)
    }

    /// Reads a text of the document of sentence `id`, as a source.
    fn read(&self, id: SentenceId, text: &str) -> Reading {
        let published = self.document_of(id).meta.published.as_deref().and_then(Day::parse);
        Reading::of(Analysis::written_on(text, &self.lexicon, published), Side::Source, self.prepare)
    }

    /// The window sentence `id` is read in: when it refers back, it reaches
    /// back within its paragraph (a sentence that opens its paragraph may
    /// reach into the one before), up to [`WINDOW`] sentences while they
    /// refer back too.
    fn make_window(&self, id: SentenceId) -> Option<Arc<Window>> {
        let doc = self.sentences[id].doc;
        let first = self.documents[doc].sentences.first().copied().unwrap_or(id);
        let block = |i: SentenceId| self.sentences[i].block;
        if id == first || !refers_back(&self.reading(id)) {
            return None;
        }
        let starts_block = block(id - 1) != block(id);
        let may_start = |start: SentenceId| starts_block && start + 1 == id || block(start) == block(id);
        if !may_start(id - 1) {
            return None;
        }
        let mut start = id - 1;
        while start > first
            && id - start < WINDOW
            && refers_back(&self.reading(start))
            && block(start - 1) == block(start)
        {
            start -= 1;
        }
        let prefix = read_together(&self.sentences[start..id]);
        let text = format!("{prefix} {}", self.sentences[id].text);
        Some(Arc::new(Window {
            before: (start..id).collect(),
            own_text_at: normalize(&prefix).len() + 1,
            reading: self.read(id, &text),
        }))
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

    fn reading(&self, id: SentenceId) -> Arc<Reading> {
        self.readings.get_or(id, || {
            let s = &self.sentences[id];
            Arc::new(self.read(id, &analysed_text(s.label.as_deref(), &s.text)))
        })
    }

    fn window(&self, id: SentenceId) -> Option<Arc<Window>> {
        self.windows.get_or(id, || self.make_window(id))
    }

    fn documents(&self) -> &[Document] {
        &self.documents
    }

    fn next(&self, id: SentenceId) -> Option<SentenceId> {
        let next = id + 1;
        (next < self.sentences.len() && self.sentences[next].doc == self.sentences[id].doc).then_some(next)
    }
}
