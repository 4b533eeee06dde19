//! Claims files: TOML with `[[claim]]` tables, read with located errors.

use crate::diagnostic::{toml_error, Diagnostic, Severity};
use crate::model::Verdict;
use crate::model::{Claim, Location};
use crate::text::span::{LineIndex, Span};
use serde::Deserialize;
use std::collections::HashMap;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    claim: Vec<RawClaim>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClaim {
    #[serde(default)]
    id: Option<Spanned<String>>,
    text: Spanned<String>,
    #[serde(default)]
    expect: Option<Verdict>,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    url: Option<String>,
}

/// Whether `c` may not be in a claim id: a C0 or C1 control (newline, tab,
/// ESC …), a bidirectional-text control (the embeddings and overrides
/// U+202A–U+202E, the isolates U+2066–U+2069, the marks U+200E, U+200F and
/// U+061C) or a line or paragraph separator. Ids are printed in reports and
/// CI annotations, where such characters could forge or hide output.
fn is_control(c: char) -> bool {
    c.is_control() || crate::text::normalize::is_bidi_control(c) || matches!(c, '\u{2028}' | '\u{2029}')
}

/// Parses the claims file `path` whose contents are `text`.
pub fn parse(path: &str, text: &str) -> Result<Vec<Claim>, Vec<Diagnostic>> {
    let file: File = toml::from_str(text).map_err(|e| vec![toml_error(path, text, &e)])?;
    let lines = LineIndex::new(text);
    let mut seen: HashMap<String, Span> = HashMap::new();
    let mut errors = Vec::new();
    let mut claims = Vec::with_capacity(file.claim.len());
    for raw in file.claim {
        let text_span = Span::new(raw.text.span().start, raw.text.span().end);
        let claim_text = raw.text.into_inner();
        // Without an `id`, one is derived from the text (and numbered when the
        // same text comes again), pointing at the text.
        let (id, id_span) = match raw.id {
            Some(id) => (id.get_ref().clone(), Span::new(id.span().start, id.span().end)),
            None => {
                let base = Claim::id_of(&crate::text::normalize::collapse_whitespace(&claim_text));
                let mut ids = (1..).map(|n| if n == 1 { base.clone() } else { format!("{base}-{n}") });
                (ids.find(|id| !seen.contains_key(id)).unwrap_or(base), text_span)
            }
        };
        if let Some(c) = id.chars().find(|&c| is_control(c)) {
            let message = format!("claim id contains a control character (U+{:04X})", u32::from(c));
            errors.push(Diagnostic::at(Severity::Error, path, text, id_span, message));
        } else if id.trim().is_empty() {
            errors.push(Diagnostic::at(Severity::Error, path, text, id_span, "claim id is empty"));
        } else if let Some(first) = seen.get(&id) {
            let line = lines.position(text, first.start).line;
            errors.push(Diagnostic::at(
                Severity::Error,
                path,
                text,
                id_span,
                format!("duplicate claim id `{id}` (first used on line {line})"),
            ));
        } else {
            seen.insert(id.clone(), id_span);
        }
        if let Some(why) = Claim::not_checkable(&claim_text).filter(|_| !claim_text.trim().is_empty()) {
            let message = format!("claim `{}` is not a checkable claim: {why}", id.escape_debug());
            errors.push(Diagnostic::at(Severity::Error, path, text, text_span, message));
        }
        if claim_text.trim().is_empty() {
            errors.push(Diagnostic::at(
                Severity::Error,
                path,
                text,
                text_span,
                format!("claim `{}` has empty text", id.escape_debug()),
            ));
        }
        let at = lines.position(text, text_span.start);
        claims.push(Claim {
            id,
            text: crate::text::normalize::collapse_whitespace(&claim_text),
            expect: raw.expect,
            note: raw.note,
            url: raw.url,
            location: Some(Location {
                path: path.to_string(),
                line: at.line,
                column: at.column,
                line_text: lines.line(text, at.line).to_string(),
            }),
            extra: Default::default(),
        });
    }
    if errors.is_empty() {
        Ok(claims)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_claims_with_locations() {
        let text = "[[claim]]\nid = \"a\"\ntext = \"NATO has 32 members.\"\nexpect = \"supported\"\n";
        let claims = parse("c.toml", text).unwrap();
        assert_eq!(claims[0].expect, Some(Verdict::Supported));
        assert_eq!(claims[0].location.as_ref().map(|l| (l.line, l.column)), Some((3, 8)));
    }

    fn error(text: &str) -> String {
        parse("c.toml", text).unwrap_err()[0].to_string()
    }

    #[test]
    fn syntax_error_is_located() {
        let e = error("[[claim]]\nid = \"a\ntext = \"x\"\n");
        assert!(e.contains("c.toml:2:"), "{e}");
    }

    #[test]
    fn duplicate_id_is_located() {
        let e = error("[[claim]]\nid = \"a\"\ntext = \"x is y\"\n[[claim]]\nid = \"a\"\ntext = \"y is w\"\n");
        assert!(e.contains("duplicate claim id `a`") && e.contains("c.toml:5:6"), "{e}");
    }

    #[test]
    fn unknown_verdict_is_located() {
        let e = error("[[claim]]\nid = \"a\"\ntext = \"x is y\"\nexpect = \"maybe\"\n");
        assert!(e.contains("c.toml:4:10") && e.contains("supported"), "{e}");
    }

    #[test]
    fn control_characters_in_ids_are_located_errors() {
        let e = error("[[claim]]\nid = \"x\\n::error::INJECTED\"\ntext = \"x is y\"\n");
        assert!(e.contains("claim id contains a control character (U+000A)") && e.contains("c.toml:2:6"), "{e}");
        for id in ["a\\tb", "\\u001b[31mred", "a\\u0085", "a\\u007f", "\\u202Eevil", "\\u2066x\\u2069", "a\\u2028b"] {
            let e = error(&format!("[[claim]]\nid = \"{id}\"\ntext = \"x is y\"\n"));
            assert!(e.contains("claim id contains a control character"), "{id}: {e}");
        }
        let ok = parse("c.toml", "[[claim]]\nid = \"caf\u{e9}-\u{65e5}\u{672c} 1\"\ntext = \"x is y\"\n");
        assert!(ok.is_ok(), "{ok:?}");
    }

    #[test]
    fn unknown_key_and_missing_text() {
        assert!(error("[[claim]]\nid = \"a\"\ntext = \"x\"\nexpected = \"supported\"\n")
            .contains("unknown field `expected`"));
        assert!(error("[[claim]]\nid = \"a\"\n").contains("missing field `text`"));
    }

    #[test]
    fn an_id_is_optional_and_stable() {
        let text = "[[claim]]\ntext = \"NATO has 32 members.\"\n[[claim]]\ntext = \"NATO has 32  members.\"\n";
        let claims = parse("c.toml", text).unwrap();
        assert_eq!(claims[0].id, Claim::id_of("NATO has 32 members."));
        assert_eq!(claims[1].id, format!("{}-2", claims[0].id), "the same text again is numbered");
    }

    #[test]
    fn questions_and_fragments_are_not_claims() {
        assert!(error("[[claim]]\nid = \"q\"\ntext = \"Is NATO big?\"\n").contains("c.toml:3:8"));
        assert!(error("[[claim]]\nid = \"w\"\ntext = \"Ukraine\"\n").contains("not a checkable claim"));
    }

    #[test]
    fn a_mistyped_key_gets_a_suggestion() {
        assert!(error("[[claim]]\nid = \"a\"\ntxt = \"NATO has 32 members.\"\n").contains("did you mean `text`?"));
    }
}
