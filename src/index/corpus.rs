//! The in-memory sentence store: documents and their sentences. A sentence
//! is read (analysed and prepared for the detectors) when it is indexed, for
//! its terms, and read again the first time the checker asks for it: only the
//! few sentences retrieved for claims keep a reading, and the memory of the
//! rest is their text.

use super::cache::Cache;
use super::{Bm25Index, DocId, SentenceId, SentenceStore};
use crate::analysis::date::Day;
use crate::analysis::{Analysis, Prepare, Reading, Side};
use crate::index::timeline::{may_name_a_change, Changes, Timeline};
use crate::lexicon::Lexicon;
use crate::model::{SourceMeta, SourceText};
use crate::text::normalize::normalize;
use crate::text::segment::Dropped;
use crate::text::span::{LineIndex, Position, Span};
use crate::text::tokenize::TokenKind;
use serde::{Deserialize, Serialize};
use std::ops::Range;
use std::sync::{Arc, OnceLock};

/// An indexed document: where it is and what it is, always at hand; its
/// text and sentences ([`Body`]) given when it is built, or read from a
/// [`DocumentCache`] when first asked for.
pub struct Document {
    /// The path shown in reports.
    pub path: String,
    /// Its metadata.
    pub meta: SourceMeta,
    /// How many runs of text were longer than the sentence limit, split or
    /// dropped (see `SegmentRules::max_sentence_chars`): worth a warning.
    pub overlong: usize,
    /// Its sentences' ids, in text order.
    pub sentences: Range<SentenceId>,
    /// Its number in the corpus.
    number: DocId,
    body: OnceLock<Body>,
    /// Where the body is read from when first asked for.
    kept: Option<Arc<dyn DocumentSource>>,
}

/// Where a corpus's documents are read from when first asked for.
pub trait DocumentSource: Send + Sync {
    /// Document `number` as kept, if it can be had.
    fn load(&self, number: DocId) -> Option<KeptDocument>;
}

/// A document's text and sentences.
#[derive(Debug)]
pub struct Body {
    /// The text (shared with the sentences that are a range of it).
    pub text: Arc<str>,
    /// The file as written, when `text` was derived from it.
    pub original: Option<String>,
    /// Line starts of the file as written, for positions.
    pub lines: LineIndex,
    /// Blocks left out as page furniture (or as over-long bulk).
    pub dropped: Vec<Dropped>,
    /// The sentences, in text order.
    pub sentences: Vec<Sentence>,
}

impl std::fmt::Debug for Document {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Document").field("path", &self.path).field("sentences", &self.sentences).finish()
    }
}

impl Body {
    /// The body of an indexed document that is document `doc` of a corpus.
    fn of<T>(document: IndexedDocument<T>, doc: DocId) -> Body {
        let text: Arc<str> = Arc::from(document.text);
        let share = |s: Sentence| {
            let range = s.span.start..s.span.end;
            let shared = text.get(range.clone()).is_some_and(|written| *written == *s.text);
            let text = if shared { Text::Shared(text.clone(), range) } else { s.text };
            Sentence { doc, text, ..s }
        };
        Body {
            lines: LineIndex::new(document.original.as_deref().unwrap_or(&text)),
            sentences: document.sentences.into_iter().map(share).collect(),
            text,
            original: document.original,
            dropped: document.dropped,
        }
    }
}

impl Document {
    /// The text and sentences, read from where they are kept when first asked
    /// for. Should that fail (the source changed during the run, which the
    /// source reports), the body is blank: as many sentences, empty.
    pub fn body(&self) -> &Body {
        self.body.get_or_init(|| {
            let doc = self.kept.as_ref().and_then(|source| source.load(self.number));
            let doc = doc.filter(|d| d.sentences.len() == self.sentences.len() && d.path == self.path);
            match doc {
                Some(d) => Body::of(d, self.number),
                None => Body {
                    text: Arc::from(""),
                    original: None,
                    lines: LineIndex::new(""),
                    dropped: Vec::new(),
                    sentences: self.sentences.clone().map(|_| self.blank_sentence()).collect(),
                },
            }
        })
    }

    fn blank_sentence(&self) -> Sentence {
        Sentence { doc: self.number, span: Span::new(0, 0), text: String::new().into(), label: None, block: 0 }
    }

    /// The file as written (its text, when nothing was derived).
    pub fn written(&self) -> &str {
        let body = self.body();
        body.original.as_deref().unwrap_or(&body.text)
    }

    /// The line and column of byte `offset`, counted in the file as written.
    pub fn position(&self, offset: usize) -> Position {
        self.body().lines.position(self.written(), offset)
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
    pub text: Text,
    /// The table-row label it is read with, when it does not start the row.
    pub label: Option<String>,
    /// The block (paragraph) of the document it is in.
    pub block: usize,
}

/// A sentence's text: its own, or, where it is the document's text as
/// written (most are), a range of that, shared: a corpus holds each text once.
#[derive(Clone)]
pub enum Text {
    /// A text of its own.
    Own(Box<str>),
    /// Bytes `range` of a document's text.
    Shared(Arc<str>, Range<usize>),
}

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            Text::Own(text) => text,
            Text::Shared(doc, range) => &doc[range.clone()],
        }
    }
}

impl From<String> for Text {
    fn from(text: String) -> Self {
        Text::Own(text.into_boxed_str())
    }
}

impl std::fmt::Debug for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}

impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self)
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        **self == *other
    }
}

impl Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self)
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Text::from)
    }
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
    sentences.into_iter().map(|s| &*s.text).collect::<Vec<_>>().join(" ")
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
/// Read from its tokens alone: most sentences do not, and need no analysis
/// to tell.
fn refers_back(sentence: &Sentence) -> bool {
    let tokens = opening_tokens(&analysed_text(sentence.label.as_deref(), &sentence.text));
    let mut words = tokens.iter().filter(|t| t.kind == TokenKind::Word);
    let first = words.next().map(|t| t.lower.as_str());
    matches!(first, Some("the" | "any" | "that")) || tokens.iter().take(5).any(|t| ANAPHORS.contains(&t.lower.as_str()))
}

/// The first tokens of a text, as many as [`refers_back`] reads (five, and
/// a word), or all of them: read from its first few space-separated parts
/// when those hold them. Normalising goes character by character and no
/// token spans a space, so those are the text's own first tokens.
fn opening_tokens(text: &str) -> Vec<crate::text::tokenize::Token> {
    let enough =
        |tokens: &[crate::text::tokenize::Token]| tokens.len() >= 5 && tokens.iter().any(|t| t.kind == TokenKind::Word);
    if let Some((at, _)) = text.match_indices(' ').nth(7) {
        let tokens = Analysis::tokens_of(&text[..at]);
        if enough(&tokens) {
            return tokens;
        }
    }
    Analysis::tokens_of(text)
}

/// How many readings (and windows) each generation of the corpus's caches keeps.
const CACHED: usize = 2048;

/// Documents and their sentences, in memory; readings made on demand, the
/// recently used kept.
pub struct Corpus {
    /// The documents, in the order given.
    pub documents: Vec<Document>,
    /// How many sentences they have.
    len: usize,
    /// The words each sentence is read with.
    lexicon: Arc<Lexicon>,
    /// What the detectors prepare from each reading.
    prepare: &'static (dyn Prepare + Sync),
    /// What sentences say, for matching (including a table-row label).
    readings: Cache<SentenceId, Arc<Reading>>,
    /// For sentences that refer back ("The summit ...", "Neither leader
    /// ..."), the window of sentences each is read in.
    windows: Cache<SentenceId, Option<Arc<Window>>>,
}

impl std::fmt::Debug for Corpus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Corpus").field("documents", &self.documents.len()).field("sentences", &self.len).finish()
    }
}

/// One document segmented and each sentence's index terms: what a corpus
/// is assembled from, and what an on-disk index keeps of a source file. The
/// terms come last: read back as `IndexedDocument<()>` (postcard reads
/// fields in order), a document leaves them unread.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IndexedDocument<Terms = Vec<Vec<String>>> {
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
    /// The changes of office it states, for the timeline.
    pub changes: Changes,
    /// Each sentence's index terms (see [`Analysis::index_terms`]).
    pub terms: Terms,
}

/// A document as a corpus keeps it: without its terms.
pub type KeptDocument = IndexedDocument<()>;

impl IndexedDocument {
    /// Segments a source and finds each sentence's index terms.
    pub fn of(source: SourceText, lexicon: &Lexicon) -> IndexedDocument {
        let segmentation = lexicon.segment_rules.segment(&source.text);
        let published = published(&source.meta);
        let mut sentences = Vec::with_capacity(segmentation.sentences.len());
        let mut terms = Vec::with_capacity(segmentation.sentences.len());
        let mut changes = Changes::default();
        for (i, segment) in segmentation.sentences.into_iter().enumerate() {
            let text = analysed_text(segment.context.as_deref(), &segment.text);
            // A sentence that may name a change of office is analysed whole
            // once, for the timeline and its terms alike.
            if may_name_a_change(&text) {
                let analysis = Analysis::written_on(&text, lexicon, published);
                changes.read(&analysis, i, published);
                terms.push(analysis.terms.into_iter().map(|t| t.key).collect());
            } else {
                terms.push(Analysis::index_terms(&text, lexicon, published));
            }
            sentences.push(Sentence {
                doc: 0,
                span: segment.span,
                text: segment.text.into(),
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
            changes,
            terms,
        }
    }

    /// The document without its terms.
    pub fn without_terms(self) -> KeptDocument {
        let IndexedDocument { path, text, original, meta, dropped, overlong, sentences, changes, terms: _ } = self;
        IndexedDocument { path, text, original, meta, dropped, overlong, sentences, changes, terms: () }
    }

    /// The sum of its sentences' term counts (for BM25's average length).
    pub fn length(&self) -> u64 {
        self.terms.iter().map(|t| t.len() as u64).sum()
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

/// The day a source is published on, if its metadata says.
pub fn published(meta: &SourceMeta) -> Option<Day> {
    meta.published.as_deref().and_then(Day::parse)
}

/// A corpus built from sources: its sentences, their index and the timeline.
#[derive(Debug)]
pub struct Built {
    /// The documents and sentences.
    pub corpus: Corpus,
    /// BM25 over the sentences' terms.
    pub index: Bm25Index,
    /// Who held which office when.
    pub timeline: Timeline,
}

/// What a corpus keeps of a document that is not in memory: enough to number
/// its sentences, list it and weigh it, and the key its body is kept under.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    /// The key in the [`DocumentCache`].
    pub key: String,
    /// The path shown in reports.
    pub path: String,
    /// Its metadata (as JSON: it leaves out empty fields).
    #[serde(with = "meta_as_json")]
    pub meta: SourceMeta,
    /// How many runs of text were longer than the sentence limit.
    pub overlong: usize,
    /// How many sentences it has.
    pub sentences: usize,
    /// The changes of office it states.
    pub changes: Changes,
}

impl Entry {
    /// The entry of `document`, kept under `key`.
    pub fn of(document: &IndexedDocument, key: String) -> Entry {
        Entry {
            key,
            path: document.path.clone(),
            meta: document.meta.clone(),
            overlong: document.overlong,
            sentences: document.sentences.len(),
            changes: document.changes.clone(),
        }
    }
}

/// Indexed documents kept between runs (an on-disk index), by a key of the
/// source they were indexed from ([`Corpus::build_with`]).
pub trait DocumentCache: Send + Sync {
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
    pub fn build(sources: Vec<SourceText>, lexicon: Arc<Lexicon>, prepare: &'static (dyn Prepare + Sync)) -> Built {
        use rayon::prelude::*;
        let documents = sources.into_par_iter().map(|source| IndexedDocument::of(source, &lexicon)).collect();
        Corpus::assemble(documents, lexicon, prepare)
    }

    /// As [`Corpus::build`], taking from `cache` the documents it keeps and
    /// keeping there the ones it lacks. Also returns how many documents came
    /// from the cache, and each document's key and length.
    pub fn build_with(
        sources: Vec<SourceText>,
        lexicon: Arc<Lexicon>,
        prepare: &'static (dyn Prepare + Sync),
        cache: &dyn DocumentCache,
    ) -> (Built, usize, Vec<Entry>) {
        use rayon::prelude::*;
        let documents: Vec<(IndexedDocument, String, bool)> = sources
            .into_par_iter()
            .map(|source| {
                let key = cache.key(&source);
                if let Some(kept) = cache.get(&key).filter(|d| d.path == source.path) {
                    return (kept, key, true);
                }
                let document = IndexedDocument::of(source, &lexicon);
                cache.put(&key, &document);
                (document, key, false)
            })
            .collect();
        let reused = documents.iter().filter(|(_, _, kept)| *kept).count();
        let entries = documents.iter().map(|(d, key, _)| Entry::of(d, key.clone())).collect();
        let built = Corpus::assemble(documents.into_iter().map(|(d, _, _)| d).collect(), lexicon, prepare);
        (built, reused, entries)
    }

    /// A corpus of documents read from `source` when first asked for: only
    /// their entries are in memory until then.
    pub fn kept(
        entries: &[Entry],
        lexicon: Arc<Lexicon>,
        prepare: &'static (dyn Prepare + Sync),
        source: Arc<dyn DocumentSource>,
    ) -> Corpus {
        let mut corpus = Corpus::empty(lexicon, prepare, entries.len());
        for entry in entries {
            corpus.push(entry.path.clone(), entry.meta.clone(), entry.overlong, entry.sentences, Some(source.clone()));
        }
        corpus
    }

    /// Adds a document of `sentences` sentences, its body read from `kept`
    /// when first asked for (or set by the caller); returns its number.
    fn push(
        &mut self,
        path: String,
        meta: SourceMeta,
        overlong: usize,
        sentences: usize,
        kept: Option<Arc<dyn DocumentSource>>,
    ) -> DocId {
        let number = self.documents.len();
        let sentences = self.len..self.len + sentences;
        self.len = sentences.end;
        self.documents.push(Document { path, meta, overlong, sentences, number, body: OnceLock::new(), kept });
        number
    }

    fn empty(lexicon: Arc<Lexicon>, prepare: &'static (dyn Prepare + Sync), documents: usize) -> Corpus {
        Corpus {
            documents: Vec::with_capacity(documents),
            len: 0,
            lexicon,
            prepare,
            readings: Cache::new(CACHED, |_| 1),
            windows: Cache::new(CACHED, |_| 1),
        }
    }

    /// Numbers the documents and their sentences in order, indexes the terms
    /// and assembles the timeline.
    fn assemble(
        documents: Vec<IndexedDocument>,
        lexicon: Arc<Lexicon>,
        prepare: &'static (dyn Prepare + Sync),
    ) -> Built {
        let mut corpus = Corpus::empty(lexicon, prepare, documents.len());
        let index = Bm25Index::new(documents.iter().map(|d| d.terms.iter().map(|t| t.iter().map(String::as_str))));
        let timeline =
            Timeline::assemble(documents.iter().map(|d| (&d.changes, d.sentences.len(), published(&d.meta))));
        for d in documents {
            let number = corpus.push(d.path.clone(), d.meta.clone(), d.overlong, d.sentences.len(), None);
            let _ = corpus.documents[number].body.set(Body::of(d, number));
        }
        Built { corpus, index, timeline }
    }

    /// Every sentence, in order (reading every document that is not in memory).
    pub fn every_sentence(&self) -> impl Iterator<Item = &Sentence> {
        self.documents.iter().flat_map(|d| &d.body().sentences)
    }

    /// The document sentence `id` is in.
    fn doc(&self, id: SentenceId) -> &Document {
        &self.documents[self.documents.partition_point(|d| d.sentences.end <= id)]
    }

    /// Sentences `range` of one document.
    fn sentences(&self, range: Range<SentenceId>) -> &[Sentence] {
        let doc = self.doc(range.start);
        let first = doc.sentences.start;
        &doc.body().sentences[range.start - first..range.end - first]
    }

    /// Reads a text of the document of sentence `id`, as a source.
    fn read(&self, id: SentenceId, text: &str) -> Reading {
        let published = published(&self.document_of(id).meta);
        Reading::of(Analysis::written_on(text, &self.lexicon, published), Side::Source, self.prepare)
    }

    /// The window sentence `id` is read in, from [`SentenceStore::window_start`].
    fn make_window(&self, id: SentenceId) -> Option<Arc<Window>> {
        let start = self.window_start(id)?;
        let prefix = read_together(self.sentences(start..id));
        let text = format!("{prefix} {}", self.sentence(id).text);
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
        self.len
    }

    fn sentence(&self, id: SentenceId) -> &Sentence {
        &self.sentences(id..id + 1)[0]
    }

    fn reading(&self, id: SentenceId) -> Arc<Reading> {
        self.readings.get_or(&id, || {
            let s = self.sentence(id);
            Arc::new(self.read(id, &analysed_text(s.label.as_deref(), &s.text)))
        })
    }

    fn window(&self, id: SentenceId) -> Option<Arc<Window>> {
        self.windows.get_or(&id, || self.make_window(id))
    }

    /// When a sentence refers back, its window reaches back within its
    /// paragraph (a sentence that opens its paragraph may reach into the one
    /// before), up to [`WINDOW`] sentences while they refer back too.
    fn window_start(&self, id: SentenceId) -> Option<SentenceId> {
        let first = self.doc(id).sentences.start;
        let block = |i: SentenceId| self.sentence(i).block;
        if id == first || !refers_back(self.sentence(id)) {
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
            && refers_back(self.sentence(start))
            && block(start - 1) == block(start)
        {
            start -= 1;
        }
        Some(start)
    }

    fn documents(&self) -> &[Document] {
        &self.documents
    }

    fn next(&self, id: SentenceId) -> Option<SentenceId> {
        let next = id + 1;
        (next < self.doc(id).sentences.end).then_some(next)
    }

    fn document_of(&self, id: SentenceId) -> &Document {
        self.doc(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A text's opening tokens are its first tokens, five of them and a
    /// word at least, or all of them.
    #[test]
    fn opening_tokens_are_the_first() {
        let texts = [
            "The summit in Paris ended without a deal, officials said on Thursday evening.",
            "1 2 3 4 5 6 7 8 9 10 11 and then, at last, the first word.",
            "U.S.-led talks with the Kremlin's envoy broke down after 5,000 troops moved on 3 March 2025.",
            "\u{201c}They\u{201d} said\u{00a0}it, \u{2014} NA\u{200d}TO's 32nd member \u{2026} was ready, he added later on.",
            "£ $ € % 1990s 32nd - - - words come late here but they do come.",
            "Short one.",
            "",
        ];
        for text in texts {
            let all = Analysis::tokens_of(text);
            let opening = opening_tokens(text);
            assert_eq!(opening, all[..opening.len()], "{text}");
            let word = opening.iter().any(|t| t.kind == TokenKind::Word);
            assert!(opening.len() == all.len() || opening.len() >= 5 && word, "{text}");
        }
    }
}
