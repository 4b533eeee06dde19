//! Sentence segmentation for news English, with page furniture dropped.
//!
//! Text is cut into blocks (lines, or paragraphs of hard-wrapped prose), blocks
//! that are page furniture are dropped, run-in table rows get their label
//! split off, and each block is cut into sentences at terminal punctuation,
//! minding abbreviations, initials, decimals and closing quotes.

use super::html::{BLOCK_BREAK, SOFT_HYPHEN, ZERO_WIDTH_SPACE};
use super::normalize::{collapse_whitespace, normalize};
use crate::text::span::Span;
use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;

/// The rules a segmenter follows, built from the lexicon and configuration.
#[derive(Debug, Clone)]
pub struct SegmentRules {
    /// Lower-case words that take a full stop without ending a sentence.
    pub abbreviations: HashSet<String>,
    /// Patterns of whole blocks that are page furniture.
    pub furniture: Vec<Regex>,
    /// Longest sentence, in characters (see `config::Ingest::max_sentence_chars`).
    pub max_sentence_chars: usize,
}

/// The longest sentence, in characters, unless configured otherwise.
pub const MAX_SENTENCE_CHARS: usize = 3000;

/// One sentence of a document.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    /// Where it is in the document text.
    pub span: Span,
    /// The sentence for display: whitespace collapsed, markup removed, a table
    /// row's label joined with a colon.
    pub text: String,
    /// The table-row label the sentence belongs to, when it does not start the row.
    pub context: Option<String>,
    /// Index of the block (paragraph, line or table row) the sentence is in.
    pub block: usize,
}

/// Why a block of a document was not made into sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DropReason {
    /// It matched a furniture pattern.
    Furniture,
    /// Mostly non-Latin script.
    NotEnglish,
    /// Too short to state anything, with no full stop (a byline, label or section name).
    Label,
    /// A markdown footnote definition (a citation).
    Citation,
}

/// A block left out of the sentences, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Dropped {
    /// Where it is.
    pub span: Span,
    /// Why it was dropped.
    pub reason: DropReason,
}

/// The outcome of segmenting one text.
#[derive(Debug, Default)]
pub struct Segmentation {
    /// The sentences, in text order.
    pub sentences: Vec<Segment>,
    /// The blocks left out.
    pub dropped: Vec<Dropped>,
}

static MARKDOWN_PREFIX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:#{1,6}\s+|[-*+•]\s+|\d{1,3}[.)]\s+|>\s*)").expect("valid"));
static FOOTNOTE_DEF: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\[\^[^\]]+\]:").expect("valid"));
static FOOTNOTE_REF: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\[\^[^\]]+\]").expect("valid"));
static MD_LINK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\[([^\]]*)\]\([^)]*\)").expect("valid"));
static EMPHASIS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\*\*|__|`").expect("valid"));
static PHOTO_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*\([^()]*(?:Getty|AFP|AP Photo|Reuters|Photo|Images|PA Wire|EPA|Bloomberg|/)[^()]*\)\s*$")
        .expect("valid")
});
/// A table row whose first cell runs into the second: "FinlandConfirmed participant."
static RUN_IN_ROW: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([A-Z][^.!?:]{1,60}?[a-z)])([A-Z][a-z])").expect("valid"));

/// Words that start a sentence after a dotted abbreviation such as "U.S.".
const SENTENCE_STARTERS: &[&str] = &[
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "but",
    "and",
    "in",
    "on",
    "this",
    "that",
    "these",
    "those",
    "there",
    "his",
    "her",
    "their",
    "its",
    "our",
    "however",
    "meanwhile",
    "yet",
    "so",
    "when",
    "while",
    "after",
    "before",
    "as",
    "if",
    "for",
    "still",
    "now",
    "then",
];

impl SegmentRules {
    /// Splits `text` into sentences, dropping page furniture.
    pub fn segment(&self, text: &str) -> Segmentation {
        let blocks = blocks(text);
        let rows: Vec<Option<usize>> = blocks.iter().map(|b| run_in_label(&text[b.start..b.end])).collect();
        let mut out = Segmentation::default();
        for (i, block) in blocks.iter().enumerate() {
            let raw = &text[block.start..block.end];
            if let Some(reason) = self.drop_reason(raw) {
                out.dropped.push(Dropped { span: *block, reason });
                continue;
            }
            let in_table =
                rows[i].is_some() && (i > 0 && rows[i - 1].is_some() || rows.get(i + 1).is_some_and(Option::is_some));
            let label = rows[i].filter(|_| in_table);
            let body_start = block.start + label.unwrap_or(0);
            let body_end =
                block.start + PHOTO_CREDIT.find(raw).map_or(raw.len(), |m| m.start()).max(label.unwrap_or(0));
            let label_text = label.map(|l| clean(&text[block.start..block.start + l]));
            for (n, span) in self.sentences(text, body_start, body_end).into_iter().enumerate() {
                let body = clean(&text[span.start..span.end]);
                if body.split_whitespace().count() < 2 {
                    continue;
                }
                let segment = match (&label_text, n) {
                    (Some(l), 0) => Segment {
                        span: Span::new(block.start, span.end),
                        text: format!("{l}: {body}"),
                        context: None,
                        block: i,
                    },
                    (l, _) => Segment { span, text: body, context: l.clone(), block: i },
                };
                out.sentences.push(segment);
            }
        }
        out
    }

    fn drop_reason(&self, raw: &str) -> Option<DropReason> {
        if FOOTNOTE_DEF.is_match(raw) {
            return Some(DropReason::Citation);
        }
        let norm = normalize(raw);
        let norm = norm.trim();
        if self.furniture.iter().any(|re| re.is_match(norm)) {
            return Some(DropReason::Furniture);
        }
        let letters = norm.chars().filter(|c| c.is_alphabetic()).count();
        let latin = norm.chars().filter(|c| c.is_ascii_alphabetic()).count();
        if letters > 0 && latin * 2 < letters {
            return Some(DropReason::NotEnglish);
        }
        let words = norm.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count();
        let terminal = norm.trim_end_matches(['"', '\'', ')']).ends_with(['.', '!', '?']);
        if words < 4 && !terminal {
            return Some(DropReason::Label);
        }
        None
    }

    /// The sentence spans of `text[start..end]`.
    fn sentences(&self, text: &str, start: usize, end: usize) -> Vec<Span> {
        let bytes = text.as_bytes();
        let mut spans = Vec::new();
        let mut sentence_start = start;
        let mut i = start;
        while i < end {
            let b = bytes[i];
            if !matches!(b, b'.' | b'!' | b'?') {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < end && matches!(bytes[j], b'.' | b'!' | b'?') {
                j += 1;
            }
            let ellipsis = j - i >= 3 && b == b'.';
            let mut k = j;
            while k < end {
                let c = text[k..].chars().next().unwrap_or(' ');
                if matches!(c, '"' | '\'' | ')' | ']' | '\u{201D}' | '\u{2019}') {
                    k += c.len_utf8();
                } else {
                    break;
                }
            }
            while text[k..end].starts_with("[^") {
                k = text[k..end].find(']').map_or(end, |p| k + p + 1);
            }
            let closed = k > j;
            let mut m = k;
            while m < end && text[m..].starts_with(char::is_whitespace) {
                m += text[m..].chars().next().map_or(1, char::len_utf8);
            }
            let next = text[m..end].chars().next();
            let boundary = match next {
                None => true,
                Some(c) if m > k => {
                    c.is_uppercase()
                        || c.is_ascii_digit()
                        || matches!(c, '"' | '\'' | '(' | '[' | '\u{201C}' | '\u{2018}')
                }
                Some(c) => closed && c.is_uppercase(),
            };
            if boundary && !ellipsis && !(b == b'.' && !closed && self.is_abbreviation(text, sentence_start, i, m, end))
            {
                spans.push(Span::new(sentence_start, k));
                sentence_start = m;
            }
            i = k.max(i + 1);
        }
        if sentence_start < end && !text[sentence_start..end].trim().is_empty() {
            spans.push(Span::new(sentence_start, end));
        }
        spans.into_iter().map(|s| trim_span(text, s)).filter(|s| s.start < s.end).collect()
    }

    /// Whether the full stop at `dot` closes an abbreviation or initial rather
    /// than the sentence; `next` is where the following word starts.
    fn is_abbreviation(&self, text: &str, from: usize, dot: usize, next: usize, end: usize) -> bool {
        let before = &text[from..dot];
        let word_start = before
            .rfind(|c: char| !(c.is_alphabetic() || c == '.'))
            .map_or(0, |p| p + before[p..].chars().next().map_or(1, char::len_utf8));
        let word = &before[word_start..];
        if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
            return true;
        }
        let key = word.trim_end_matches('.').to_lowercase();
        if !self.abbreviations.contains(&key) {
            return false;
        }
        let following: String = text[next..end].chars().take_while(|c| c.is_alphanumeric()).collect();
        if key == "no" {
            return following.starts_with(|c: char| c.is_ascii_digit());
        }
        if key.contains('.') {
            return !SENTENCE_STARTERS.contains(&following.to_lowercase().as_str());
        }
        true
    }
}

/// The blocks of a text: lines, or for hard-wrapped prose paragraphs; each
/// trimmed, markdown block markers skipped.
fn blocks(text: &str) -> Vec<Span> {
    let mut lines: Vec<Option<Span>> = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let mut piece_start = offset;
        for piece in line.split(BLOCK_BREAK) {
            let span = trim_span(text, Span::new(piece_start, piece_start + piece.len()));
            lines.push((span.start < span.end).then_some(span));
            piece_start += piece.len() + BLOCK_BREAK.len_utf8();
        }
        offset += line.len();
    }
    let wrapped = is_hard_wrapped(text, &lines);
    let mut blocks: Vec<Span> = Vec::new();
    let mut joinable = false;
    for line in lines {
        let Some(mut span) = line else {
            joinable = false;
            continue;
        };
        let raw = &text[span.start..span.end];
        let marker = MARKDOWN_PREFIX.find(raw).map(|m| m.end());
        let heading = raw.starts_with('#');
        if let Some(skip) = marker {
            span.start += skip;
        }
        if span.start >= span.end {
            continue;
        }
        match blocks.last_mut() {
            Some(last) if wrapped && joinable && marker.is_none() && !FOOTNOTE_DEF.is_match(raw) => last.end = span.end,
            _ => blocks.push(span),
        }
        joinable = !heading;
    }
    blocks
}

/// Prose wrapped at a fixed width: short lines, several of which end
/// mid-sentence and continue in lower case on the next line.
fn is_hard_wrapped(text: &str, lines: &[Option<Span>]) -> bool {
    let longest = lines.iter().flatten().map(|s| s.end - s.start).max().unwrap_or(0);
    let continued = lines
        .windows(2)
        .filter(|w| match (w[0], w[1]) {
            (Some(a), Some(b)) => {
                !text[a.start..a.end].ends_with(['.', '!', '?', ':', '"'])
                    && text[b.start..b.end].starts_with(|c: char| c.is_lowercase())
            }
            _ => false,
        })
        .count();
    longest <= 100 && continued >= 2
}

/// The byte length of a run-in table row's first cell, if the block is one.
fn run_in_label(block: &str) -> Option<usize> {
    RUN_IN_ROW.captures(block).and_then(|c| c.get(1)).map(|m| m.end())
}

fn trim_span(text: &str, span: Span) -> Span {
    let slice = &text[span.start..span.end];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    Span::new(span.start + lead, (span.end - trail).max(span.start + lead))
}

/// Display text: whitespace collapsed, markdown links, emphasis and footnote
/// markers removed.
fn clean(raw: &str) -> String {
    let raw = raw.replace([ZERO_WIDTH_SPACE, SOFT_HYPHEN], "");
    let text = FOOTNOTE_REF.replace_all(&raw, "");
    let text = MD_LINK.replace_all(&text, "$1");
    let text = EMPHASIS.replace_all(&text, "");
    collapse_whitespace(&text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;

    fn split(text: &str) -> Vec<String> {
        Lexicon::builtin().segment_rules.segment(text).sentences.into_iter().map(|s| s.text).collect()
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        assert_eq!(
            split("Mr. Macron met Dr. Smith and Sen. Jones on Feb. 26 in St. Petersburg. Then they left."),
            ["Mr. Macron met Dr. Smith and Sen. Jones on Feb. 26 in St. Petersburg.", "Then they left."]
        );
    }

    #[test]
    fn dotted_acronyms() {
        assert_eq!(
            split("The U.S. military and the U.K. Ministry agreed. Aid went to the U.S. The talks ended."),
            ["The U.S. military and the U.K. Ministry agreed.", "Aid went to the U.S.", "The talks ended."]
        );
    }

    #[test]
    fn decimals_and_money() {
        assert_eq!(
            split("Britain announced a £1.6 billion deal. It adds 5,000 missiles at 3.5 per cent."),
            ["Britain announced a £1.6 billion deal.", "It adds 5,000 missiles at 3.5 per cent."]
        );
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        assert_eq!(
            split("He said: \u{201C}We want peace. We don\u{2019}t want it at any price.\u{201D} Then he left. \u{201C}Europe needed to step up\u{2026} and it did.\u{201D}Zelenskyy agreed."),
            [
                "He said: \u{201C}We want peace.",
                "We don\u{2019}t want it at any price.\u{201D}",
                "Then he left.",
                "\u{201C}Europe needed to step up\u{2026} and it did.\u{201D}",
                "Zelenskyy agreed."
            ]
        );
    }

    #[test]
    fn headlines_without_full_stop_are_their_own_sentence() {
        assert_eq!(
            split("Macron and Starmer to lead Paris talks on the coalition\nThe meeting is on September 4."),
            ["Macron and Starmer to lead Paris talks on the coalition", "The meeting is on September 4."]
        );
    }

    #[test]
    fn initials_and_question_marks() {
        assert_eq!(
            split("J. K. Rowling wrote it? Yes, she did! Really, she did."),
            ["J. K. Rowling wrote it?", "Yes, she did!", "Really, she did."]
        );
    }

    #[test]
    fn run_in_table_rows_get_their_label() {
        let text = "CountryPosition/Contribution\nFinlandConfirmed participant. Finland\u{2019}s government has stated it.\nSpainExpected to take part.";
        let seg = Lexicon::builtin().segment_rules.segment(text);
        let texts: Vec<&str> = seg.sentences.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Finland: Confirmed participant.",
                "Finland\u{2019}s government has stated it.",
                "Spain: Expected to take part."
            ]
        );
        assert_eq!(seg.sentences[1].context.as_deref(), Some("Finland"));
        assert_eq!(seg.dropped.len(), 1);
    }

    #[test]
    fn a_single_run_in_line_is_not_a_table() {
        assert_eq!(split("McDonald said the plan works."), ["McDonald said the plan works."]);
    }

    #[test]
    fn furniture_and_labels_are_dropped() {
        let text = "Sign up to read this article\nADVERTISING\nAlbert Toth\nНовини України та Світу, авторитетно.\nBritain and France have promised to muster a coalition.";
        let seg = Lexicon::builtin().segment_rules.segment(text);
        assert_eq!(seg.sentences.len(), 1);
        let reasons: Vec<DropReason> = seg.dropped.iter().map(|d| d.reason).collect();
        assert_eq!(reasons, [DropReason::Furniture, DropReason::Furniture, DropReason::Label, DropReason::NotEnglish]);
    }

    #[test]
    fn photo_credits_are_cut_but_captions_kept() {
        assert_eq!(
            split("Keir Starmer hosts European leaders for talks on peace in Ukraine, 2 March 2025 (Getty Images)"),
            ["Keir Starmer hosts European leaders for talks on peace in Ukraine, 2 March 2025"]
        );
    }

    #[test]
    fn hard_wrapped_markdown_is_joined() {
        let text = "# NATO\n\nMark Rutte took office as NATO Secretary General on\n1 October 2024.[^1] He succeeded Jens Stoltenberg, who had\nled NATO since 2014, and who was\nnot re-elected.\n\n[^1]: NATO, https://www.nato.int/\n";
        let seg = Lexicon::builtin().segment_rules.segment(text);
        let texts: Vec<&str> = seg.sentences.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Mark Rutte took office as NATO Secretary General on 1 October 2024.",
                "He succeeded Jens Stoltenberg, who had led NATO since 2014, and who was not re-elected."
            ]
        );
        assert!(seg.dropped.iter().any(|d| d.reason == DropReason::Citation));
    }

    #[test]
    fn spans_point_into_the_text() {
        let text = "  First one here.  Second one here.";
        let seg = Lexicon::builtin().segment_rules.segment(text);
        let slices: Vec<&str> = seg.sentences.iter().map(|s| &text[s.span.start..s.span.end]).collect();
        assert_eq!(slices, ["First one here.", "Second one here."]);
    }
}
