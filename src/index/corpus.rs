//! The in-memory sentence store: documents, their sentences, and each
//! sentence's analysis.

use super::{Bm25Index, DocId, Retriever, SentenceId};
use crate::analysis::Analysis;
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
    /// Blocks left out as page furniture.
    pub dropped: Vec<Dropped>,
    /// Its sentences' ids.
    pub sentences: std::ops::Range<SentenceId>,
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
    /// What it says, for matching (including its table-row label).
    pub analysis: Analysis,
    /// For a sentence that refers back ("The summit ...", "Neither leader ..."):
    /// the window of sentences it is read in.
    pub window: Option<Window>,
}

/// A sentence read together with the one or two before it.
#[derive(Debug)]
pub struct Window {
    /// The first sentence of the window.
    pub start: SentenceId,
    /// Byte offset, in the window's normalised text, where the sentence itself begins.
    pub own_text_at: usize,
    /// The window's analysis.
    pub analysis: Analysis,
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
pub fn read_together(sentences: &[Sentence]) -> String {
    sentences.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join(" ")
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

/// Documents, sentences and a retrieval index over them.
pub struct Corpus {
    /// The documents, in the order given.
    pub documents: Vec<Document>,
    /// All sentences, document by document.
    pub sentences: Vec<Sentence>,
    index: Box<dyn Retriever + Send + Sync>,
}

impl std::fmt::Debug for Corpus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Corpus")
            .field("documents", &self.documents.len())
            .field("sentences", &self.sentences.len())
            .finish()
    }
}

impl Corpus {
    /// Segments, analyses and indexes the given sources.
    pub fn build(sources: Vec<SourceText>, lexicon: &Lexicon) -> Corpus {
        let mut documents = Vec::with_capacity(sources.len());
        let mut sentences: Vec<Sentence> = Vec::new();
        for (doc, source) in sources.into_iter().enumerate() {
            let segmentation = lexicon.segment_rules.segment(&source.text);
            let first = sentences.len();
            let mut blocks = Vec::new();
            for segment in segmentation.sentences {
                let analysis = Analysis::new(&analysed_text(segment.context.as_deref(), &segment.text), lexicon);
                let id = sentences.len();
                let starts_block = blocks.last() != Some(&segment.block);
                // The window reaches back within the paragraph; a sentence that
                // opens its paragraph may reach into the one before.
                let may_start =
                    |start: usize| starts_block && start + 1 == id || blocks[start - first] == segment.block;
                let window = (id > first && refers_back(&analysis) && may_start(id - 1)).then(|| {
                    let mut start = id - 1;
                    while start > first
                        && id - start < WINDOW
                        && refers_back(&sentences[start].analysis)
                        && blocks[start - 1 - first] == blocks[start - first]
                    {
                        start -= 1;
                    }
                    let prefix = read_together(&sentences[start..id]);
                    let text = format!("{prefix} {}", segment.text);
                    Window { start, own_text_at: normalize(&prefix).len() + 1, analysis: Analysis::new(&text, lexicon) }
                });
                blocks.push(segment.block);
                sentences.push(Sentence {
                    doc,
                    span: segment.span,
                    text: segment.text,
                    label: segment.context,
                    analysis,
                    window,
                });
            }
            documents.push(Document {
                lines: LineIndex::new(source.original.as_deref().unwrap_or(&source.text)),
                path: source.path,
                text: source.text,
                original: source.original,
                meta: source.meta,
                dropped: segmentation.dropped,
                sentences: first..sentences.len(),
            });
        }
        let index = Bm25Index::new(sentences.iter().map(|s| s.analysis.terms.iter().map(|t| t.key.as_str())));
        Corpus { documents, sentences, index: Box::new(index) }
    }

    /// The retrieval index.
    pub fn index(&self) -> &dyn Retriever {
        self.index.as_ref()
    }

    /// The document a sentence belongs to.
    pub fn document_of(&self, sentence: SentenceId) -> &Document {
        &self.documents[self.sentences[sentence].doc]
    }
}
