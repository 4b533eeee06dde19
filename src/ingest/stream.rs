//! Claims streamed one a line (`check --stdin`): JSON Lines objects with a
//! `text` and, optionally, an `id` (other fields are passed through to the
//! result), or plain lines of text. Read as they come, so that any number of
//! claims flow through in bounded memory.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Claim, Location};
use crate::text::span::Span;
use std::io::BufRead;

/// How standard input is named in diagnostics and locations.
pub const STDIN: &str = "<stdin>";

/// The claims of `input`, one per non-blank line, each as it is read: a
/// line that cannot be read as a claim is a located error, and the stream
/// goes on.
pub fn claims<R: BufRead>(input: R) -> impl Iterator<Item = Result<Claim, Diagnostic>> {
    input.lines().enumerate().filter_map(|(i, line)| match line {
        Ok(line) => claim(i + 1, &line),
        Err(e) => Some(Err(Diagnostic::file(Severity::Error, STDIN, format!("line {}: cannot read: {e}", i + 1)))),
    })
}

/// The claim on line `n`, if the line is not blank.
fn claim(n: usize, line: &str) -> Option<Result<Claim, Diagnostic>> {
    let trimmed = line.trim();
    if trimmed.is_empty() {
        return None;
    }
    let error = |column: usize, message: String| {
        let start = line.char_indices().nth(column.saturating_sub(1)).map_or(line.len(), |(at, _)| at);
        let mut d = Diagnostic::at(Severity::Error, STDIN, line, Span::new(start, start + 1), message);
        d.line = Some(n);
        d
    };
    let (id, text, extra) = if trimmed.starts_with('{') {
        let mut object: serde_json::Map<String, serde_json::Value> = match serde_json::from_str(line) {
            Ok(object) => object,
            Err(e) => return Some(Err(error(e.column(), format!("expected a JSON object a line: {e}")))),
        };
        let text = match object.remove("text") {
            Some(serde_json::Value::String(text)) if !text.trim().is_empty() => text,
            _ => return Some(Err(error(1, "expected a non-empty string \"text\": the claim".into()))),
        };
        let id = match object.remove("id") {
            None => format!("line-{n}"),
            Some(serde_json::Value::String(id)) if !id.is_empty() => id,
            Some(serde_json::Value::Number(id)) => id.to_string(),
            Some(_) => return Some(Err(error(1, "expected \"id\" to be a string or a number".into()))),
        };
        (id, text, object)
    } else {
        (format!("line-{n}"), trimmed.to_string(), serde_json::Map::new())
    };
    let text = crate::text::normalize::collapse_whitespace(&text);
    if let Some(why) = Claim::not_checkable(&text) {
        return Some(Err(error(1, format!("{:?} is not a checkable claim: {why}", text))));
    }
    let location = Location { path: STDIN.into(), line: n, column: 1, line_text: line.to_string() };
    Some(Ok(Claim { id, text, expect: None, note: None, url: None, location: Some(location), extra }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(input: &str) -> Vec<Result<Claim, Diagnostic>> {
        claims(input.as_bytes()).collect()
    }

    #[test]
    fn json_lines_and_plain_lines() {
        let got = read(
            "{\"id\": \"a\", \"text\": \"NATO has 32 members.\", \"source\": \"feed\"}\n\nFinland joined NATO in 2023.\n{\"id\": 7, \"text\": \"Sweden joined NATO.\"}\n",
        );
        let claims: Vec<Claim> = got.into_iter().map(Result::unwrap).collect();
        assert_eq!(claims.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["a", "line-3", "7"]);
        assert_eq!(claims[0].extra.get("source"), Some(&serde_json::json!("feed")));
        assert_eq!(claims[1].text, "Finland joined NATO in 2023.");
        assert_eq!(claims[1].location.as_ref().map(|l| l.line), Some(3));
    }

    #[test]
    fn bad_lines_are_located_errors_and_the_stream_goes_on() {
        let got = read("{\"text\": \"NATO has\n{\"id\": \"x\"}\nIs NATO big?\nNATO has 32 members.\n");
        let lines: Vec<Option<usize>> = got.iter().map(|r| r.as_ref().err().and_then(|d| d.line)).collect();
        assert_eq!(lines, [Some(1), Some(2), Some(3), None]);
        let first = got[0].as_ref().unwrap_err();
        assert!(first.message.starts_with("expected a JSON object"), "{}", first.message);
        assert!(first.column.is_some());
        assert!(got[2].as_ref().unwrap_err().message.contains("a question"));
    }
}
