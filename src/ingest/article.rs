//! Checking an article: its check-worthy sentences become claims located at
//! the article's lines.

use crate::analysis::Analysis;
use crate::lexicon::Lexicon;
use crate::model::SourceText;
use crate::model::{Claim, Location};
use crate::text::span::LineIndex;
use regex::Regex;
use std::sync::LazyLock;

/// Fewest words a check-worthy sentence has.
const MIN_WORDS: usize = 6;

// A constant pattern: `expect` cannot fail on any input (a test builds it).
static QUOTED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"\u{201C}[^\u{201D}]*\u{201D}|"[^"]*""#).expect("valid pattern"));

/// Why a sentence is not worth checking, if it is not.
pub fn not_check_worthy(sentence: &str, lexicon: &Lexicon) -> Option<&'static str> {
    let end = sentence.trim_end_matches(['"', '\'', ')', '\u{201D}', '\u{2019}', ']']);
    if end.ends_with('?') {
        return Some("a question");
    }
    if !end.ends_with(['.', '!']) {
        return Some("a heading or caption");
    }
    if sentence.split_whitespace().count() < MIN_WORDS {
        return Some("too short");
    }
    let unquoted = QUOTED.replace_all(sentence, "");
    if unquoted.split_whitespace().count() < 4 {
        return Some("a quotation with no claim of its own");
    }
    let a = Analysis::new(sentence, lexicon);
    let named = a.tokens.iter().skip(1).any(|t| t.is_capitalized());
    if a.quantities.is_empty() && a.dates.is_empty() && a.facts.is_empty() && !named {
        return Some("no names, numbers, dates or facts");
    }
    None
}

/// The check-worthy sentences of an article as claims, in order, each with
/// an id `LINE:COLUMN` and its location in the article.
pub fn claims(article: &SourceText, lexicon: &Lexicon) -> Vec<Claim> {
    let written = article.original.as_deref().unwrap_or(&article.text);
    let lines = LineIndex::new(written);
    lexicon
        .segment_rules
        .segment(&article.text)
        .sentences
        .into_iter()
        .filter(|s| not_check_worthy(&s.text, lexicon).is_none())
        .map(|s| {
            let at = lines.position(written, s.span.start);
            Claim {
                id: format!("{}:{}", at.line, at.column),
                text: s.text,
                expect: None,
                note: None,
                url: None,
                location: Some(Location {
                    path: article.path.clone(),
                    line: at.line,
                    column: at.column,
                    line_text: lines.line(written, at.line).to_string(),
                }),
                extra: Default::default(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_worth_checking() {
        let lex = Lexicon::builtin();
        assert_eq!(not_check_worthy("Is this the end of NATO as we know it?", &lex), Some("a question"));
        assert_eq!(not_check_worthy("Still hope for Trump backup", &lex), Some("a heading or caption"));
        assert_eq!(not_check_worthy("\u{201C}We want peace,\u{201D} Macron said.", &lex), Some("too short"));
        assert_eq!(
            not_check_worthy("\u{201C}We want peace and we will work very hard for it,\u{201D} he said.", &lex),
            Some("a quotation with no claim of its own")
        );
        assert_eq!(
            not_check_worthy("it was all very sad and rather grim in the end.", &lex),
            Some("no names, numbers, dates or facts")
        );
        assert_eq!(not_check_worthy("NATO has 31 members and meets in Brussels.", &lex), None);
    }

    #[test]
    fn claims_carry_article_lines() {
        let article = SourceText {
            path: "a.txt".into(),
            text: "Headline here\n\nNATO has 31 members, the article says.\n".into(),
            original: None,
            meta: Default::default(),
        };
        let claims = claims(&article, &Lexicon::builtin());
        assert_eq!(claims.len(), 1);
        assert_eq!(claims[0].id, "3:1");
        assert_eq!(claims[0].location.as_ref().map(|l| l.line), Some(3));
    }
}
