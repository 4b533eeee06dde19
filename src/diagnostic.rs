//! Located messages about bad input, rendered the way rustc does.

use crate::text::span::{LineIndex, Span};
use serde::Serialize;
use std::fmt;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The input is unusable; the run exits with code 2.
    Error,
    /// Something was skipped or ignored; the run goes on.
    Warning,
}

/// A message about one place in one input file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file, as the user named it.
    pub path: String,
    /// 1-based line, if the message points into the file.
    pub line: Option<usize>,
    /// 1-based column in characters.
    pub column: Option<usize>,
    /// What is wrong and what was expected.
    pub message: String,
    /// The offending line, and how many characters to underline.
    #[serde(skip)]
    pub snippet: Option<(String, usize)>,
}

impl Diagnostic {
    /// A message about a whole file.
    pub fn file(severity: Severity, path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic { severity, path: path.into(), line: None, column: None, message: message.into(), snippet: None }
    }

    /// A message about `span` of `text`, the contents of `path`.
    pub fn at(severity: Severity, path: impl Into<String>, text: &str, span: Span, message: impl Into<String>) -> Self {
        let lines = LineIndex::new(text);
        let start = lines.position(text, span.start);
        let line = lines.line(text, start.line).to_string();
        let end = lines.position(text, span.end.max(span.start));
        let width = if end.line == start.line { end.column.saturating_sub(start.column).max(1) } else { 1 };
        Diagnostic {
            severity,
            path: path.into(),
            line: Some(start.line),
            column: Some(start.column),
            message: message.into(),
            snippet: Some((line, width)),
        }
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(f, "{level}: {}", self.message)?;
        match (self.line, self.column) {
            (Some(line), Some(column)) => {
                let gutter = line.to_string().len();
                writeln!(f, "{:gutter$}--> {}:{line}:{column}", "", self.path)?;
                if let Some((text, width)) = &self.snippet {
                    let pad: String =
                        text.chars().take(column - 1).map(|c| if c == '\t' { '\t' } else { ' ' }).collect();
                    writeln!(f, "{:gutter$} |", "")?;
                    writeln!(f, "{line} | {text}")?;
                    writeln!(f, "{:gutter$} | {pad}{}", "", "^".repeat(*width))?;
                }
                Ok(())
            }
            _ => writeln!(f, " --> {}", self.path),
        }
    }
}

/// A TOML or schema error as a located diagnostic.
pub fn toml_error(path: &str, text: &str, e: &toml::de::Error) -> Diagnostic {
    let mut message = e.message().trim().replace('\n', " ");
    if let Some(guess) = did_you_mean(&message) {
        message = format!("{message}; did you mean `{guess}`?");
    }
    match e.span() {
        Some(r) => Diagnostic::at(Severity::Error, path, text, Span::new(r.start, r.end), message),
        None => Diagnostic::file(Severity::Error, path, message),
    }
}

/// For "unknown field `txt`, expected one of `id`, `text`, …", the expected
/// field spelled most like the unknown one, if one is close.
fn did_you_mean(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (unknown, rest) = rest.split_once('`')?;
    let expected = rest.split_once("expected")?.1;
    expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(|field| (strsim::jaro_winkler(unknown, field), field))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, field)| field.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_like_rustc() {
        let text = "a = 1\nid = \"x\"\n";
        let d = Diagnostic::at(Severity::Error, "c.toml", text, Span::new(11, 14), "duplicate claim id `x`");
        assert_eq!(
            d.to_string(),
            "error: duplicate claim id `x`\n --> c.toml:2:6\n  |\n2 | id = \"x\"\n  |      ^^^\n"
        );
    }

    #[test]
    fn a_mistyped_key_gets_a_suggestion() {
        let m = "unknown field `txt`, expected one of `id`, `text`, `expect`, `note`, `url`";
        assert_eq!(did_you_mean(m).as_deref(), Some("text"));
        assert_eq!(did_you_mean("unknown field `zzzz`, expected one of `id`, `text`"), None);
        assert_eq!(did_you_mean("invalid type: string"), None);
    }
}
