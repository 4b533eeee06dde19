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

/// The byte spans of [`TOKEN`]'s matches in `text`: for ASCII text (most
/// text) by a scanner that follows the pattern's alternatives in order, a
/// third of the time of the regex; a test compares the two.
fn token_spans(text: &str) -> Vec<(usize, usize)> {
    if !text.is_ascii() {
        return TOKEN.find_iter(text).map(|m| (m.start(), m.end())).collect();
    }
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        match ascii_token(bytes, at) {
            Some(end) => {
                spans.push((at, end));
                at = end;
            }
            None => at += 1,
        }
    }
    spans
}

/// The end of [`TOKEN`]'s match at `at` in ASCII `bytes`, if one starts there:
/// initials, a sign, a number (whose end must be a word boundary), a word.
fn ascii_token(bytes: &[u8], at: usize) -> Option<usize> {
    let byte = |i: usize| bytes.get(i).copied().unwrap_or(0);
    let is_word = |i: usize| byte(i).is_ascii_alphanumeric() || byte(i) == b'_';
    let digits = |mut i: usize| {
        while byte(i).is_ascii_digit() {
            i += 1;
        }
        i
    };
    let first = byte(at);
    if first.is_ascii_alphabetic() {
        // (?:[A-Za-z]\.){2,}
        let mut pairs = 0;
        while byte(at + 2 * pairs).is_ascii_alphabetic() && byte(at + 2 * pairs + 1) == b'.' {
            pairs += 1;
        }
        if pairs >= 2 {
            return Some(at + 2 * pairs);
        }
        // [\p{L}\p{M}]+(?:'[\p{L}]+)?
        let mut end = at;
        while byte(end).is_ascii_alphabetic() {
            end += 1;
        }
        if byte(end) == b'\'' && byte(end + 1).is_ascii_alphabetic() {
            end += 1;
            while byte(end).is_ascii_alphabetic() {
                end += 1;
            }
        }
        return Some(end);
    }
    if matches!(first, b'$' | b'%') {
        return Some(at + 1);
    }
    if !first.is_ascii_digit() {
        return None;
    }
    // \d+(?:[.,]\d+)*(?:st|nd|rd|th|s)?\b: an end inside a run of digits is
    // never a boundary, so the ends worth trying are after the last whole run
    // (with a suffix, then without) and after the run before it.
    let mut ends = vec![digits(at)];
    while let Some(&end) = ends.last() {
        if !(matches!(byte(end), b'.' | b',') && byte(end + 1).is_ascii_digit()) {
            break;
        }
        ends.push(digits(end + 1));
    }
    let last = ends[ends.len() - 1];
    let suffixed = ["st", "nd", "rd", "th", "s"]
        .iter()
        .filter(|s| bytes[last..].starts_with(s.as_bytes()))
        .map(|s| last + s.len())
        .find(|&end| !is_word(end));
    suffixed.or_else(|| (!is_word(last)).then_some(last)).or_else(|| ends.len().checked_sub(2).map(|i| ends[i]))
}

/// Splits normalised text into tokens. A possessive "'s" is dropped from its
/// word ("Macron's" -> "Macron").
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens: Vec<Token> = Vec::new();
    for (start, end) in token_spans(text) {
        let mut raw = &text[start..end];
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
        let hyphen_before = start.checked_sub(1).and_then(|p| text.as_bytes().get(p)) == Some(&b'-')
            && tokens.last().is_some_and(|t| t.end + 1 == start);
        tokens.push(Token {
            start,
            end: start + raw.len(),
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

    /// ASCII text made of what the pattern's alternatives turn on.
    fn ascii_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let piece = prop_oneof![
            "[0-9]{1,4}",
            "[A-Za-z]{1,3}",
            Just("st".to_string()),
            Just("s".to_string()),
            Just("th".to_string()),
            "[.,'$%_ -]",
            "[A-Za-z]\\.",
            "[\\x00-\\x7f]",
        ];
        prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
    }

    proptest::proptest! {
        #[test]
        fn the_ascii_scanner_finds_what_the_pattern_finds(text in ascii_text()) {
            let expected: Vec<(usize, usize)> = TOKEN.find_iter(&text).map(|m| (m.start(), m.end())).collect();
            proptest::prop_assert_eq!(token_spans(&text), expected);
        }
    }

    #[test]
    fn the_ascii_scanner_backs_off_to_a_boundary() {
        for text in
            ["5,000x", "1990s", "32nd.", "1stx 2nd", "3.5.6a", "U.S.A. e.g. A.b", "don't it's", "$5 10%", "1,2,3s_"]
        {
            let expected: Vec<(usize, usize)> = TOKEN.find_iter(text).map(|m| (m.start(), m.end())).collect();
            assert_eq!(token_spans(text), expected, "{text}");
        }
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
