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
    /// Publication date, `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (a real date: see [`SourceMeta::is_date`]).
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

    /// Whether `date` is a real calendar date written `YYYY`, `YYYY-MM` or
    /// `YYYY-MM-DD`: a month from 01 to 12 and a day that month has (29 February
    /// only in a leap year).
    pub fn is_date(date: &str) -> bool {
        let number = |part: &str, digits: usize| {
            (part.len() == digits && part.bytes().all(|b| b.is_ascii_digit()))
                .then(|| part.parse::<u32>().ok())
                .flatten()
        };
        let mut parts = date.split('-');
        let Some(year) = parts.next().and_then(|p| number(p, 4)) else {
            return false;
        };
        let month = match parts.next() {
            None => return true,
            Some(p) => match number(p, 2) {
                Some(m @ 1..=12) => m,
                _ => return false,
            },
        };
        let day = match parts.next() {
            None => return true,
            Some(p) => number(p, 2),
        };
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let days = match month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        parts.next().is_none() && day.is_some_and(|d| (1..=days).contains(&d))
    }
}

/// A source's text and metadata, as handed to [`Corpus::build`].
#[derive(Debug, Clone)]
pub struct SourceText {
    /// The path shown in reports.
    pub path: String,
    /// The text (markup already blanked; byte offsets as in the file once
    /// decoded to UTF-8 without a byte-order mark).
    pub text: String,
    /// The file as written, when `text` was derived from it (HTML): lines and
    /// columns are counted in it.
    pub original: Option<String>,
    /// Its metadata.
    pub meta: SourceMeta,
}

#[cfg(test)]
mod tests {
    use super::SourceMeta;

    #[test]
    fn only_real_dates_are_dates() {
        for good in ["2025", "2025-03", "2025-03-03", "2024-02-29", "2000-02-29", "2025-12-31", "2025-04-30"] {
            assert!(SourceMeta::is_date(good), "{good}");
        }
        for bad in [
            "2025-13-45",
            "2025-02-30",
            "2025-02-29",
            "1900-02-29",
            "2025-00",
            "2025-04-31",
            "2025-01-00",
            "25-01-01",
            "2025-1-01",
            "2025-01-01-01",
            "2025-",
            "",
            "yesterday",
            "２０２５",
            "+025",
            "2025-03-03T00:00",
        ] {
            assert!(!SourceMeta::is_date(bad), "{bad}");
        }
    }
}
