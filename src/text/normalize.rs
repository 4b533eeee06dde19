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

/// Unicode NFKC plus typographic folding. Case is kept: aliases such as "US"
/// need it.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfkc() {
        match fold_typography(c) {
            Some(s) => out.push_str(s),
            None => out.push(c),
        }
    }
    out
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
    fn fold_key_strips_accents_and_case() {
        assert_eq!(fold_key("Sánchez"), "sanchez");
        assert_eq!(fold_key("ZELENSKYY"), "zelenskyy");
    }
}
