//! Character-level normalisation: one spelling for typographic variants.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Folds typographic variants to plain ASCII forms: curly quotes to straight
/// ones, dashes to `-`, unusual spaces to ` `, the ellipsis to `...`.
fn fold_typography(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => "'",
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}' | '\u{00BB}' => "\"",
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}' => "-",
        '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\u{2009}' | '\u{200A}' | '\u{3000}' => " ",
        '\u{200B}' | '\u{FEFF}' | '\u{00AD}' => "",
        '\u{2026}' => "...",
        '\u{2029}' | '\u{2028}' => "\n",
        _ => return None,
    })
}

/// Unicode NFKC plus typographic folding, character by character. Case is
/// kept: aliases such as "US" need it.
pub fn normalize(text: &str) -> String {
    normalize_with_offsets(text).0
}

/// [`normalize`], with the byte offset in `text` of the character each output
/// byte came from, so that spans in the normalised text map back.
pub fn normalize_with_offsets(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut offsets = Vec::with_capacity(text.len());
    for (at, c) in text.char_indices() {
        let before = out.len();
        if c.is_ascii() && c != '`' {
            out.push(c);
        } else {
            for n in std::iter::once(c).nfkc() {
                match fold_typography(n) {
                    Some(s) => out.push_str(s),
                    None => out.push(n),
                }
            }
        }
        offsets.extend(std::iter::repeat_n(at, out.len() - before));
    }
    (out, offsets)
}

/// The span of `original` that the normalised span `[start, end)` came from.
pub fn original_span(original: &str, offsets: &[usize], start: usize, end: usize) -> Option<(usize, usize)> {
    if start >= end || end > offsets.len() {
        return None;
    }
    let first = offsets[start];
    let last = offsets[end - 1];
    let last_len = original[last..].chars().next().map_or(0, char::len_utf8);
    Some((first, last + last_len))
}
/// Runs of whitespace (line breaks included) as single spaces, trimmed.
pub fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Lower-cases and strips diacritics ("Sánchez" -> "sanchez"), the key used
/// for comparing words.
pub fn fold_key(word: &str) -> String {
    word.nfd().filter(|c| !is_combining_mark(*c)).flat_map(char::to_lowercase).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_quotes_dashes_and_spaces() {
        assert_eq!(
            normalize("\u{201C}It\u{2019}s\u{201D} \u{2013} 10,000\u{2014}30,000\u{00A0}x\u{2026}"),
            "\"It's\" - 10,000-30,000 x..."
        );
    }

    #[test]
    fn nfkc_compatibility_forms() {
        assert_eq!(normalize("\u{FB01}nal \u{2460}"), "final 1");
    }

    #[test]
    fn offsets_map_back_to_the_original() {
        let original = "\u{201C}Rutte\u{201D} \u{2013} NATO";
        let (norm, offsets) = normalize_with_offsets(original);
        assert_eq!(norm, "\"Rutte\" - NATO");
        assert_eq!(offsets.len(), norm.len());
        let at = norm.find("Rutte").unwrap();
        let (a, b) = original_span(original, &offsets, at, at + 5).unwrap();
        assert_eq!(&original[a..b], "Rutte");
        let (a, b) = original_span(original, &offsets, 0, 1).unwrap();
        assert_eq!(&original[a..b], "\u{201C}");
    }

    #[test]
    fn fold_key_strips_accents_and_case() {
        assert_eq!(fold_key("Sánchez"), "sanchez");
        assert_eq!(fold_key("ZELENSKYY"), "zelenskyy");
    }
}
