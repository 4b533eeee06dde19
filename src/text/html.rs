//! HTML to text that keeps every byte offset: tags become spaces, so a
//! sentence's span in the text is its span in the original file.
//!
//! Every offset this module slices at is a character boundary: the input's
//! start or end, or next to an ASCII byte (`<`, `>`, `&`, `;`), or moved on by
//! whole characters.

use super::normalize::is_invisible;

/// A block-level boundary, read by the segmenter as a paragraph break.
pub const BLOCK_BREAK: char = '\u{2029}';

const BLOCK_TAGS: &[&str] = &[
    "p",
    "br",
    "div",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "td",
    "th",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "figcaption",
    "figure",
    "title",
    "pre",
    "hr",
    "dd",
    "dt",
    "nav",
    "aside",
    "main",
];
const HIDDEN_TAGS: &[&str] = &["script", "style", "noscript", "template", "svg", "head"];

/// The text of an HTML document, byte for byte as long as the input: markup
/// is blanked (newlines kept), block tags start with [`BLOCK_BREAK`], the
/// contents of `script`, `style` and the like are blanked, and entities are
/// decoded and padded with spaces.
pub fn strip_html(src: &str) -> String {
    let bytes = src.as_bytes();
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'<' if starts_tag(&bytes[i + 1..]) => {
                let end = tag_end(src, i);
                let tag = &src[i..end];
                let name = tag_name(tag);
                blank(&mut out, tag, BLOCK_TAGS.contains(&name.as_str()));
                i = end;
                if HIDDEN_TAGS.contains(&name.as_str()) && !tag.starts_with("</") && !tag.ends_with("/>") {
                    let close = format!("</{name}");
                    // `</head>` may be left out: the body then ends the head.
                    let fallback = if name == "head" { find_ci(src, i, "<body") } else { None };
                    let stop = find_ci(src, i, &close).or(fallback).unwrap_or(src.len());
                    blank(&mut out, &src[i..stop], false);
                    i = stop;
                }
            }
            b'&' => {
                let (decoded, len) = decode_entity(&src[i..]);
                out.push_str(&decoded);
                pad_invisibly(&mut out, len - decoded.len());
                i += len;
            }
            _ => {
                let ch = src[i..].chars().next().unwrap_or(' ');
                out.push(ch);
                i += ch.len_utf8();
            }
        }
    }
    out
}

/// The title of an HTML document, if it has a non-empty `<title>`.
pub fn title(src: &str) -> Option<String> {
    let open = find_ci(src, 0, "<title")?;
    let start = tag_end(src, open);
    let stop = find_ci(src, start, "</title")?;
    let text: String = strip_html(src.get(start..stop)?).chars().filter(|c| !is_invisible(*c)).collect();
    let text = super::normalize::collapse_whitespace(&text);
    (!text.is_empty()).then_some(text)
}

/// Whether the bytes after a `<` open a tag (a name, `/`, `!` or `?`); a bare
/// `<` ("fewer than < 20") is text.
fn starts_tag(after: &[u8]) -> bool {
    after.first().is_some_and(|b| b.is_ascii_alphabetic() || matches!(b, b'/' | b'!' | b'?'))
}

/// Fills `n` bytes with characters that normalisation deletes (soft hyphens,
/// zero-width spaces), so that a decoded entity keeps its word whole
/// ("doesn&rsquo;t" stays one word) and offsets do not move. `n` is never 1:
/// every entity is at least two bytes longer than what it stands for.
fn pad_invisibly(out: &mut String, n: usize) {
    let mut left = n;
    if left % 2 == 1 && left >= 3 {
        out.push(ZERO_WIDTH_SPACE);
        left -= 3;
    }
    while left >= 2 {
        out.push(SOFT_HYPHEN);
        left -= 2;
    }
    out.extend(std::iter::repeat_n(' ', left));
}

/// Invisible padding characters, removed by normalisation and display.
pub const ZERO_WIDTH_SPACE: char = '\u{200B}';
/// See [`ZERO_WIDTH_SPACE`].
pub const SOFT_HYPHEN: char = '\u{00AD}';

fn tag_end(src: &str, start: usize) -> usize {
    let rest = src.get(start..).unwrap_or("");
    if rest.starts_with("<!--") {
        return rest.find("-->").map_or(src.len(), |p| start + p + 3);
    }
    rest.find('>').map_or(src.len(), |p| start + p + 1)
}

fn tag_name(tag: &str) -> String {
    tag.trim_start_matches('<')
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase()
}

fn find_ci(src: &str, from: usize, needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    let hay = src.as_bytes().get(from..)?;
    hay.windows(needle.len().max(1)).position(|w| w.eq_ignore_ascii_case(needle)).map(|p| from + p)
}

/// Replaces `text` by as many bytes of blanks, keeping its newlines.
fn blank(out: &mut String, text: &str, block: bool) {
    let mut used = 0;
    if block && text.len() >= BLOCK_BREAK.len_utf8() && !text.contains('\n') {
        out.push(BLOCK_BREAK);
        used = BLOCK_BREAK.len_utf8();
    }
    for b in text.bytes().skip(used) {
        out.push(if b == b'\n' { '\n' } else { ' ' });
    }
}

/// Decodes the entity at the start of `s`: the text and how many bytes it
/// took. A lone `&` stays itself.
fn decode_entity(s: &str) -> (String, usize) {
    let window = &s.as_bytes()[..s.len().min(12)];
    let Some(semi) = window.iter().position(|&b| b == b';') else {
        return ("&".into(), 1);
    };
    let Some(body) = s.get(1..semi) else {
        return ("&".into(), 1);
    };
    let named = match body {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        "ndash" => Some('–'),
        "mdash" => Some('—'),
        "lsquo" => Some('‘'),
        "rsquo" => Some('’'),
        "ldquo" => Some('“'),
        "rdquo" => Some('”'),
        "hellip" => Some('…'),
        "pound" => Some('£'),
        "euro" => Some('€'),
        "copy" => Some('©'),
        _ => None,
    };
    let numeric = || {
        let num = body.strip_prefix('#')?;
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        char::from_u32(code)
    };
    // A line or paragraph break written as an entity must not move lines.
    let breakless =
        |c: char| if matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{0B}' | '\u{0C}') { ' ' } else { c };
    match named.or_else(numeric).map(breakless) {
        Some(c) if c.len_utf8() <= semi + 1 => (c.to_string(), semi + 1),
        _ => ("&".into(), 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_offsets_and_lines() {
        let src = "<html><head><title>T</title><style>p{}</style></head>\n<body><p>Hello &amp; \n<b>world</b>.</p><script>alert(1)</script></body>";
        let text = strip_html(src);
        assert_eq!(text.len(), src.len());
        assert_eq!(text.matches('\n').count(), src.matches('\n').count());
        let at = src.find("Hello").unwrap();
        assert_eq!(&text[at..at + 7], "Hello &");
        assert!(text.contains("world"));
        assert!(!text.contains("alert"));
        assert!(!text.contains("p{}"));
        assert!(text.contains(BLOCK_BREAK));
    }

    #[test]
    fn decodes_entities() {
        let text = strip_html("a&#8217;b &rsquo; &bogus; & c");
        assert!(text.starts_with("a’"));
        assert!(text.contains("&bogus;"));
    }

    #[test]
    fn entities_keep_words_whole_and_lines_in_place() {
        let text = strip_html("<p>Germany doesn&rsquo;t plan&#10;it.</p>");
        let norm = crate::text::normalize::normalize(&text);
        assert!(norm.contains("doesn't plan it."), "{norm:?}");
        assert_eq!(text.matches('\n').count(), 0);
    }

    #[test]
    fn a_head_without_its_closing_tag_ends_at_the_body() {
        let text = strip_html("<html><head><title>T</title>\n<body>\n<p>NATO has 32 members.</p>");
        assert!(text.contains("NATO has 32 members."));
    }

    #[test]
    fn a_bare_less_than_is_text() {
        let text = strip_html("<p>The summit had < 20 leaders and 5,000 troops.</p>");
        assert!(text.contains("< 20 leaders and 5,000 troops."), "{text:?}");
    }

    #[test]
    fn finds_title() {
        assert_eq!(title("<TITLE> A  &amp; B </TITLE>").as_deref(), Some("A & B"));
        assert_eq!(title("<p>none</p>"), None);
    }
}
