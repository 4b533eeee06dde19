//! The indexed sources: documents, their sentences and the retrieval index.
//! Built from texts in memory; reading files is the loader's job.

use crate::analysis::Analysis;
use crate::index::{Bm25Index, Retriever};
use crate::lexicon::Lexicon;
use crate::span::{LineIndex, Position, Span};
use crate::text::normalize::normalize;
use crate::text::segment::Dropped;
use serde::{Deserialize, Serialize};

/// Index of a document in a [`Corpus`].
pub type DocId = usize;
/// Index of a sentence in a [`Corpus`].
pub type SentenceId = usize;

/// What kind of source a document is; it sets the default trust.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    /// A news article or other reporting.
    #[default]
    Article,
    /// A curated reference note; it outranks articles.
    Reference,
}

/// Metadata of a source, from front matter or a `sources.toml` manifest.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceMeta {
    /// Headline or title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Publisher.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// Author or authors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Where it was published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Publication date, `YYYY-MM-DD` or `YYYY-MM`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// Whether the date was inferred rather than printed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub published_inferred: bool,
    /// How the date was established.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_note: Option<String>,
    /// Article or reference note.
    #[serde(default)]
    pub kind: SourceKind,
    /// Trust from 0 to 1; defaults to 0.9 for reference notes, 0.5 for articles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trust: Option<f64>,
    /// A remark on the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl SourceMeta {
    /// The trust to resolve disagreements with.
    pub fn trust(&self) -> f64 {
        self.trust.unwrap_or(match self.kind {
            SourceKind::Reference => 0.9,
            SourceKind::Article => 0.5,
        })
    }
}

/// A source's text and metadata, as handed to [`Corpus::build`].
#[derive(Debug, Clone)]
pub struct SourceText {
    /// The path shown in reports.
    pub path: String,
    /// The text (markup already blanked, byte offsets as in the file).
    pub text: String,
    /// The file as written, when `text` was derived from it (HTML): lines and
    /// columns are counted in it.
    pub original: Option<String>,
    /// Its metadata.
    pub meta: SourceMeta,
}

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
