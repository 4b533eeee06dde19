//! What Veracity knows of a source before indexing it: its text, and the
//! metadata from its front matter or `sources.toml` manifest.

use serde::{Deserialize, Serialize};

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
