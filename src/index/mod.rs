//! The indexed sources: the sentence store and retrieval over it. Built from
//! texts in memory; reading files is the loader's job.

mod bm25;
mod corpus;

pub use bm25::Bm25Index;
pub use corpus::{analysed_text, read_together, Corpus, Document, Sentence, Window};

/// Index of a document in a [`Corpus`].
pub type DocId = usize;
/// Index of a sentence in a [`Corpus`].
pub type SentenceId = usize;

/// A retrieved sentence and its score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    /// The sentence.
    pub sentence: SentenceId,
    /// Its relevance score (higher is better).
    pub score: f64,
}

/// What the checker needs from an index.
pub trait Retriever {
    /// The best `k` sentences for the query terms, best first; ties broken by
    /// sentence id.
    fn search(&self, query: &[String], k: usize) -> Vec<Hit>;
    /// Whether any sentence has the term.
    fn contains(&self, term: &str) -> bool;
    /// How informative a term is: rare terms weigh more. Unknown terms get the
    /// highest weight.
    fn idf(&self, term: &str) -> f64;
    /// Indexed terms spelled like `term` (Jaro-Winkler similarity at least
    /// `min`), for names the sources spell differently.
    fn similar_terms(&self, term: &str, min: f64) -> Vec<String>;
}
