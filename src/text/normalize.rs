//! Character-level normalisation: one spelling for typographic variants.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Characters that take no room and say nothing, removed before matching (and
/// from display text) wherever they are, inside a word included: zero-width
/// spaces and joiners, the word joiner, the byte-order mark, the soft hyphen,
/// invisible operators, bidirectional controls (marks, embeddings, overrides,
/// isolates) and tag characters (which can hide text in plain sight).
pub fn is_invisible(c: char) -> bool {
    !c.is_ascii()
        && (is_bidi_control(c)
            || matches!(
            c,
            '\u{00AD}' | '\u{180E}' | '\u{200B}'..='\u{200D}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{E0000}'..='\u{E007F}'
            ))
}

/// The bidirectional-text controls: the marks (U+200E, U+200F, U+061C), the
/// embeddings and overrides (U+202A–U+202E) and the isolates (U+2066–U+2069),
/// which can reorder what a line shows.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whitespace for segmentation and display: Unicode white space, and every
/// control character (NUL included), which never belongs to a word.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c.is_control()
}

/// Folds typographic variants to plain ASCII forms: curly quotes to straight
/// ones, dashes to `-`, unusual spaces to ` `, the ellipsis to `...`;
/// invisible characters ([`is_invisible`]) to nothing.
fn fold_typography(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => "'",
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}' | '\u{00BB}' => "\"",
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}' => "-",
        '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\u{2009}' | '\u{200A}' | '\u{3000}' => " ",
        '\u{2026}' => "...",
        '\u{2029}' | '\u{2028}' => "\n",
        c if is_invisible(c) => "",
        c if c.is_control() && !c.is_whitespace() => " ",
        _ => return None,
    })
}

/// Where normalisation records the origin of its output bytes: nowhere (for
/// [`normalize`]), or one original offset per output byte.
trait Origins {
    /// `bytes` output bytes came from the character at `at`.
    fn record(&mut self, at: usize, bytes: usize);
    /// Bytes `run` were copied as they are.
    fn record_copy(&mut self, run: std::ops::Range<usize>);
}

impl Origins for () {
    #[inline]
    fn record(&mut self, _: usize, _: usize) {}
    #[inline]
    fn record_copy(&mut self, _: std::ops::Range<usize>) {}
}

impl Origins for Vec<usize> {
    #[inline]
    fn record(&mut self, at: usize, bytes: usize) {
        self.extend(std::iter::repeat_n(at, bytes));
    }
    #[inline]
    fn record_copy(&mut self, run: std::ops::Range<usize>) {
        self.extend(run);
    }
}

/// Whether a byte is ASCII that normalising keeps as it is.
fn is_kept_ascii(b: u8) -> bool {
    b.is_ascii() && b != b'`' && (!b.is_ascii_control() || char::from(b).is_whitespace())
}

fn normalize_into(text: &str, out: &mut String, origins: &mut impl Origins) {
    let mut at = 0;
    while at < text.len() {
        // Most text is ASCII kept as it is: copied a run at a time.
        let run = text.as_bytes()[at..].iter().position(|&b| !is_kept_ascii(b)).map_or(text.len(), |n| at + n);
        out.push_str(&text[at..run]);
        origins.record_copy(at..run);
        let Some(c) = text[run..].chars().next() else { break };
        at = run + c.len_utf8();
        let before = out.len();
        if c.is_ascii() {
            out.push(match c {
                '`' => '\'',
                c if c.is_ascii_control() && !c.is_whitespace() => ' ',
                c => c,
            });
        } else if is_invisible(c) {
            // Without a decomposition (NFKC keeps them as they are).
        } else if c.is_control() && !c.is_whitespace() {
            out.push(' ');
        } else {
            for n in std::iter::once(c).nfkc() {
                match fold_typography(n) {
                    Some(s) => out.push_str(s),
                    None => out.push(n),
                }
            }
        }
        origins.record(run, out.len() - before);
    }
}

/// Unicode NFKC plus typographic folding, character by character. Case is
/// kept: aliases such as "US" need it.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    normalize_into(text, &mut out, &mut ());
    out
}

/// [`normalize`], with the byte offset in `text` of the character each output
/// byte came from, so that spans in the normalised text map back.
pub fn normalize_with_offsets(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut offsets = Vec::with_capacity(text.len());
    normalize_into(text, &mut out, &mut offsets);
    (out, offsets)
}

/// The span of `original` that the normalised span `[start, end)` came from.
/// A character removed by normalisation inside the span (a zero-width space
/// in a word) is inside the original span; one at its edges is not.
pub fn original_span(original: &str, offsets: &[usize], start: usize, end: usize) -> Option<(usize, usize)> {
    if start >= end {
        return None;
    }
    let first = *offsets.get(start)?;
    let last = *offsets.get(end.checked_sub(1)?)?;
    let last_len = original.get(last..)?.chars().next().map_or(0, char::len_utf8);
    Some((first, last + last_len))
}

/// Runs of whitespace (line breaks and control characters included, see
/// [`is_space`]) as single spaces, trimmed.
pub fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(is_space).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Lower-cases and strips diacritics ("Sánchez" -> "sanchez"), the key used
/// for comparing words.
pub fn fold_key(word: &str) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
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
    fn zero_width_and_bidi_characters_vanish_inside_words() {
        let zero_width = "\u{200B}\u{200C}\u{200D}\u{2060}\u{FEFF}";
        let bidi = "\u{200E}\u{200F}\u{202A}\u{202B}\u{202C}\u{202D}\u{202E}\u{2066}\u{2067}\u{2068}\u{2069}";
        for c in zero_width.chars().chain(bidi.chars()).chain(['\u{E0041}', '\u{00AD}']) {
            let original = format!("{c}the NA{c}TO{c} has 3{c}2");
            let (norm, offsets) = normalize_with_offsets(&original);
            assert_eq!(norm, "the NATO has 32", "U+{:04X}", c as u32);
            assert_eq!(offsets.len(), norm.len());
            // A mark around the word maps back to the word, the invisible
            // character inside it included, the ones around it not.
            let at = norm.find("NATO").unwrap();
            let (a, b) = original_span(&original, &offsets, at, at + 4).unwrap();
            assert_eq!(&original[a..b], format!("NA{c}TO"));
            let at = norm.find("32").unwrap();
            let (a, b) = original_span(&original, &offsets, at, at + 2).unwrap();
            assert_eq!(&original[a..b], format!("3{c}2"));
        }
    }

    #[test]
    fn control_characters_are_spaces() {
        let original = "members.\0The\u{1}end\u{85}x\u{7F}y\tz";
        let (norm, offsets) = normalize_with_offsets(original);
        assert_eq!(norm, "members. The end\u{85}x y\tz");
        assert_eq!(offsets.len(), norm.len());
        assert_eq!(collapse_whitespace("  a\0\0b \u{1}c\n"), "a b c");
    }

    #[test]
    fn original_span_rejects_spans_out_of_range() {
        let (_, offsets) = normalize_with_offsets("abc");
        assert_eq!(original_span("abc", &offsets, 1, 9), None);
        assert_eq!(original_span("abc", &offsets, 2, 2), None);
        assert_eq!(original_span("ab", &offsets, 0, 3), Some((0, 2)));
    }

    #[test]
    fn fold_key_strips_accents_and_case() {
        assert_eq!(fold_key("Sánchez"), "sanchez");
        assert_eq!(fold_key("ZELENSKYY"), "zelenskyy");
    }
}
