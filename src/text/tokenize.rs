//! Word tokens over normalised text, with byte offsets.

use regex::Regex;
use std::sync::LazyLock;

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters, possibly with an inner apostrophe ("don't").
    Word,
    /// Dotted initials such as "U.S." or "e.g.".
    Acronym,
    /// Digits, with thousands separators, decimals or an ordinal suffix.
    Number,
    /// A currency sign or `%`.
    Symbol,
}

/// One token of a normalised text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first byte in the normalised text.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The token as written (normalised, case kept).
    pub raw: String,
    /// Lower-cased, diacritics removed.
    pub lower: String,
    /// What the token is made of.
    pub kind: TokenKind,
    /// Joined to the previous token by a hyphen ("second-largest").
    pub hyphen_before: bool,
}

impl Token {
    /// Starts with an upper-case letter.
    pub fn is_capitalized(&self) -> bool {
        self.raw.chars().next().is_some_and(char::is_uppercase)
    }

    /// Entirely upper-case letters, at least two of them ("NATO", "US").
    pub fn is_all_caps(&self) -> bool {
        let mut letters = 0;
        for c in self.raw.chars().filter(|c| c.is_alphabetic()) {
            if !c.is_uppercase() {
                return false;
            }
            letters += 1;
        }
        letters >= 2
    }
}

// A constant pattern: `expect` cannot fail on any input (every test builds it).
static TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
          (?:[A-Za-z]\.){2,}                 # U.S.  e.g.
        | [£$€¥%]
        | \d+(?:[.,]\d+)*(?:st|nd|rd|th|s)?\b  # 5,000  1.6  32nd  1990s
        | [\p{L}\p{M}]+(?:'[\p{L}]+)?        # words, don't, Macron's
        ",
    )
    .expect("token pattern is valid")
});

/// Splits normalised text into tokens. A possessive "'s" is dropped from its
/// word ("Macron's" -> "Macron").
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens: Vec<Token> = Vec::new();
    for m in TOKEN.find_iter(text) {
        let mut raw = m.as_str();
        let kind = if raw.starts_with(|c: char| c.is_ascii_digit()) {
            TokenKind::Number
        } else if raw.len() > 2 && raw.ends_with('.') && raw.as_bytes().get(1) == Some(&b'.') {
            TokenKind::Acronym
        } else if raw.chars().all(|c| !c.is_alphanumeric()) {
            TokenKind::Symbol
        } else {
            TokenKind::Word
        };
        if kind == TokenKind::Word {
            if let Some(stem) = raw.strip_suffix("'s").or_else(|| raw.strip_suffix("'S")) {
                raw = stem;
            }
        }
        let hyphen_before = m.start().checked_sub(1).and_then(|p| text.as_bytes().get(p)) == Some(&b'-')
            && tokens.last().is_some_and(|t| t.end + 1 == m.start());
        tokens.push(Token {
            start: m.start(),
            end: m.start() + raw.len(),
            raw: raw.to_string(),
            lower: super::normalize::fold_key(raw),
            kind,
            hyphen_before,
        });
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lowers(text: &str) -> Vec<String> {
        tokenize(text).into_iter().map(|t| t.lower).collect()
    }

    #[test]
    fn words_numbers_acronyms() {
        assert_eq!(
            lowers("The U.S. sent 5,000 missiles, £1.6 billion; Macron's 32nd don't"),
            ["the", "u.s.", "sent", "5,000", "missiles", "£", "1.6", "billion", "macron", "32nd", "don't"]
        );
    }

    #[test]
    fn hyphen_joins_are_marked() {
        let tokens = tokenize("a second-largest army - not joined");
        let joined: Vec<bool> = tokens.iter().map(|t| t.hyphen_before).collect();
        assert_eq!(joined, [false, false, true, false, false, false]);
    }

    #[test]
    fn invisible_characters_do_not_split_normalised_words() {
        let text = crate::text::normalize::normalize("NA\u{200D}TO\u{2060}'s 3\u{200C}2 mem\u{202E}bers\0ok");
        assert_eq!(lowers(&text), ["nato", "32", "members", "ok"]);
    }

    #[test]
    fn tokens_of_any_text_are_in_bounds() {
        let text = "\u{1F600}é's 3\u{0301}1 ’s 'é. U.é. -x- £ \u{10FFFF}1st ١٢٣ ½";
        for (at, _) in text.char_indices() {
            let rest = &text[at..];
            for t in tokenize(rest) {
                assert!(rest.get(t.start..t.end) == Some(t.raw.as_str()));
            }
        }
    }

    #[test]
    fn kinds() {
        let kinds: Vec<TokenKind> = tokenize("U.K. 30 % word").iter().map(|t| t.kind).collect();
        assert_eq!(kinds, [TokenKind::Acronym, TokenKind::Number, TokenKind::Symbol, TokenKind::Word]);
    }
}
