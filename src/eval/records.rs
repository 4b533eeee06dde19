//! Labelled records: JSON Lines of claims, each with its own evidence and
//! its true verdict, read with located errors.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Verdict;
use crate::text::span::Span;
use serde::Deserialize;

/// One labelled claim with its own evidence.
#[derive(Debug, Clone, Deserialize)]
pub struct Record {
    /// Identifier.
    pub id: String,
    /// The claim.
    pub claim: String,
    /// The evidence sentences it is judged against.
    #[serde(default)]
    pub evidence: Vec<String>,
    /// The true verdict.
    pub label: Verdict,
    /// A category for the breakdown.
    #[serde(default)]
    pub kind: Option<String>,
}

/// Reads JSON Lines records; every bad line is a located diagnostic.
pub fn parse_records(path: &str, text: &str) -> Result<Vec<Record>, Vec<Diagnostic>> {
    let mut records = Vec::new();
    let mut errors = Vec::new();
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut offset = 0;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += line.len();
        if line.trim().is_empty() {
            continue;
        }
        let whole = Span::new(start, start + line.trim_end().len());
        match serde_json::from_str::<Record>(line) {
            Ok(r) if r.claim.trim().is_empty() => {
                errors.push(Diagnostic::at(
                    Severity::Error,
                    path,
                    text,
                    whole,
                    format!("record `{}` has an empty claim", r.id),
                ));
            }
            Ok(r) => {
                if let Some(first) = seen.insert(r.id.clone(), n + 1) {
                    let message = format!("duplicate id `{}` (first used on line {first})", r.id);
                    errors.push(Diagnostic::at(Severity::Error, path, text, whole, message));
                }
                records.push(r);
            }
            Err(e) => {
                let col_bytes: usize = line.chars().take(e.column().saturating_sub(1)).map(char::len_utf8).sum();
                let at = start + col_bytes.min(line.trim_end().len());
                errors.push(Diagnostic::at(Severity::Error, path, text, Span::new(at, at + 1), e.to_string()));
            }
        }
    }
    if errors.is_empty() {
        Ok(records)
    } else {
        Err(errors)
    }
}

/// The labels a data set uses: the answers the checker may give on it.
pub fn labels_of(records: &[Record]) -> Vec<Verdict> {
    Verdict::ALL.into_iter().filter(|v| records.iter().any(|r| r.label == *v)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_with_located_errors() {
        let text = "{\"id\": \"a\", \"claim\": \"x\", \"evidence\": [\"y\"], \"label\": \"supported\"}\n{\"id\": \"b\", \"label\": \"maybe\"}\n";
        let errors = parse_records("d.jsonl", text).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, Some(2));
        let ok = parse_records("d.jsonl", &text[..text.find('\n').unwrap() + 1]).unwrap();
        assert_eq!(ok[0].label, Verdict::Supported);
    }

    #[test]
    fn duplicate_ids_and_empty_claims_are_errors() {
        let line =
            |id: &str, claim: &str| format!("{{\"id\": \"{id}\", \"claim\": \"{claim}\", \"label\": \"supported\"}}\n");
        let text = line("a", "x y") + &line("a", "y z") + &line("b", " ");
        let errors = parse_records("d.jsonl", &text).unwrap_err();
        let found: Vec<(Option<usize>, bool)> =
            errors.iter().map(|e| (e.line, e.message.contains("duplicate"))).collect();
        assert_eq!(found, [(Some(2), true), (Some(3), false)]);
    }
}
