//! The indexed sources: the sentence store and retrieval over it. Built from
//! texts in memory; reading files is the loader's job.

mod bm25;
mod cache;
mod corpus;
pub mod timeline;

pub use bm25::{BadSegment, Bm25Index, Bytes, Segment, SegmentBuilder};
pub use corpus::{
    analysed_text, published, read_together, Body, Built, Corpus, Document, DocumentCache, DocumentSource, Entry,
    IndexedDocument, KeptDocument, Sentence, Text, Window,
};

use crate::analysis::Reading;
use std::sync::Arc;

/// Index of a document in a [`SentenceStore`]'s documents.
pub type DocId = usize;
/// A sentence's id in a [`SentenceStore`]: unique, not necessarily contiguous.
pub type SentenceId = usize;

/// What the engine reads of the indexed sentences, wherever they are kept:
/// [`Corpus`] holds them in memory; a persistent store may read them (and
/// analyse them) on demand.
pub trait SentenceStore: Send + Sync {
    /// How many sentences there are.
    fn len(&self) -> usize;
    /// Whether there are none.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The sentence with this id: its text and place.
    fn sentence(&self, id: SentenceId) -> &Sentence;
    /// What the sentence says, analysed and prepared for the detectors (a
    /// store may compute it on demand and keep it for a while).
    fn reading(&self, id: SentenceId) -> Arc<Reading>;
    /// The window a sentence that refers back is read in, if any: the
    /// sentence with one or more of those right before it.
    fn window(&self, id: SentenceId) -> Option<Arc<Window>>;
    /// The first sentence of that window, found without reading it.
    fn window_start(&self, id: SentenceId) -> Option<SentenceId>;
    /// Every document, in the order given.
    fn documents(&self) -> &[Document];
    /// The sentence after `id` in its document, if any.
    fn next(&self, id: SentenceId) -> Option<SentenceId>;
    /// The document a sentence belongs to.
    fn document_of(&self, id: SentenceId) -> &Document {
        &self.documents()[self.sentence(id).doc]
    }
}

/// A retrieved sentence and its score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    /// The sentence.
    pub sentence: SentenceId,
    /// Its relevance score (higher is better).
    pub score: f64,
}

/// What the checker needs from an index (shared by the threads that check).
pub trait Retriever: Send + Sync {
    /// The best `k` sentences for the query terms, best first; ties broken by
    /// sentence id.
    fn search(&self, query: &[String], k: usize) -> Vec<Hit>;
    /// Whether any sentence has the term.
    fn contains(&self, term: &str) -> bool;
    /// How informative a term is: rare terms weigh more. Unknown terms get the
    /// highest weight.
    fn idf(&self, term: &str) -> f64;
    /// Indexed terms spelled like `term` (within two edits, and a
    /// Jaro-Winkler similarity at least `min`), for names the sources spell
    /// differently.
    fn similar_terms(&self, term: &str, min: f64) -> Vec<String>;
}
