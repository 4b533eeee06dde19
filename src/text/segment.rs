//! Sentence segmentation for news English, with page furniture dropped.
//!
//! Text is cut into blocks (lines, or paragraphs of hard-wrapped prose), blocks
//! that are page furniture are dropped, run-in table rows get their label
//! split off, and each block is cut into sentences at terminal punctuation,
//! minding abbreviations, initials, decimals and closing quotes.

use super::html::BLOCK_BREAK;
use super::normalize::{collapse_whitespace, is_invisible, is_space, normalize};
use crate::text::span::Span;
use regex::Regex;
use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::LazyLock;

/// The rules a segmenter follows, built from the lexicon and configuration.
#[derive(Debug, Clone)]
pub struct SegmentRules {
    /// Lower-case words that take a full stop without ending a sentence.
    pub abbreviations: HashSet<String>,
    /// Whole blocks that are page furniture: every pattern, as one
    /// alternation (one compile, one match per block).
    pub furniture: Regex,
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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
    /// Part of a run of text longer than the sentence limit with no
    /// punctuation to split it at (a line of words, a keyword list): bulk that
    /// must not decide a verdict.
    Overlong,
}

/// A block left out of the sentences, and why.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
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
    /// How many runs of text were longer than the sentence limit (each split
    /// into shorter sentences, or dropped where it had no punctuation).
    pub overlong: usize,
}

/// A point in a run of text: a byte offset, and how many characters from the
/// start of the run.
#[derive(Debug, Clone, Copy)]
struct Cut {
    at: usize,
    chars: usize,
}

/// The text of `span`, or nothing if it does not lie on character boundaries
/// of `text` (which no span made here does).
fn slice(text: &str, span: Span) -> &str {
    text.get(span.start..span.end).unwrap_or("")
}

/// Whether `c`, between `before` and `after`, ends a clause: the priority of
/// the boundary as a place to cut an over-long sentence (0 best), if it is one.
fn clause_break(c: char, before: Option<char>, after: char) -> Option<usize> {
    let spaced = is_space(after);
    match c {
        ';' | ':' if spaced => Some(0),
        ',' if spaced => Some(1),
        '\u{2014}' | '\u{2015}' => Some(2),
        '\u{2013}' if spaced => Some(2),
        '-' if spaced && before.is_some_and(|b| b == '-' || is_space(b)) => Some(2),
        _ => None,
    }
}

// Constant patterns: `expect` cannot fail on any input (the tests build each).
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
        let rows: Vec<Option<usize>> = blocks.iter().map(|b| run_in_label(slice(text, *b))).collect();
        let row = |i: usize| rows.get(i).copied().flatten();
        let mut out = Segmentation::default();
        let mut pieces: Vec<(Span, bool)> = Vec::new();
        for (i, block) in blocks.iter().enumerate() {
            let raw = slice(text, *block);
            if let Some(reason) = self.drop_reason(raw) {
                out.dropped.push(Dropped { span: *block, reason });
                continue;
            }
            let in_table = row(i).is_some() && (i.checked_sub(1).and_then(row).is_some() || row(i + 1).is_some());
            let label = row(i).filter(|_| in_table);
            let body_start = block.start + label.unwrap_or(0);
            let body_end =
                block.start + PHOTO_CREDIT.find(raw).map_or(raw.len(), |m| m.start()).max(label.unwrap_or(0));
            let label_text = label.map(|l| clean(slice(text, Span::new(block.start, block.start + l))));
            pieces.clear();
            for span in self.sentences(text, body_start, body_end) {
                if self.bound(text, span, &mut pieces) {
                    out.overlong += 1;
                }
            }
            // The label runs into the block's first piece only: a span from
            // the label to a later piece would cover the pieces between.
            let mut first = true;
            for &(span, keep) in &pieces {
                let span = trim_span(text, span);
                if span.start >= span.end {
                    continue;
                }
                let opens_block = std::mem::replace(&mut first, false);
                if !keep {
                    out.dropped.push(Dropped { span, reason: DropReason::Overlong });
                    continue;
                }
                let body = clean(slice(text, span));
                if body.split_whitespace().count() < 2 {
                    continue;
                }
                let segment = match (&label_text, opens_block) {
                    (Some(l), true) => Segment {
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
        if self.furniture.is_match(norm) {
            return Some(DropReason::Furniture);
        }
        if !norm.is_ascii() {
            let (mut letters, mut latin) = (0, 0);
            for c in norm.chars().filter(|c| c.is_alphabetic()) {
                letters += 1;
                latin += usize::from(c.is_ascii_alphabetic());
            }
            if latin * 2 < letters {
                return Some(DropReason::NotEnglish);
            }
        }
        let words = norm.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count();
        let terminal = norm.trim_end_matches(['"', '\'', ')']).ends_with(['.', '!', '?']);
        if words < 4 && !terminal {
            return Some(DropReason::Label);
        }
        None
    }

    /// Cuts the sentence `span` into pieces of at most `max_sentence_chars`
    /// characters, pushed to `pieces` with whether each is read as a sentence;
    /// returns whether it was longer than that.
    ///
    /// A piece ends at the best clause boundary in the second half of the
    /// limit (a semicolon or colon, else a comma, else a dash), else at the
    /// last one before. A run of text with no boundary for the whole limit is
    /// bulk, not prose: it is cut at whitespace (or anywhere, with none) and
    /// dropped up to the next boundary. One pass, without going back: linear
    /// in the length of the sentence.
    fn bound(&self, text: &str, span: Span, pieces: &mut Vec<(Span, bool)>) -> bool {
        let max = self.max_sentence_chars.max(1);
        let body = slice(text, span);
        // A character is at least one byte: a short span is short enough.
        if body.len() <= max {
            pieces.push((span, true));
            return false;
        }
        let mut push = |from: usize, to: usize, keep: bool| match pieces.last_mut() {
            // Pieces of bulk that follow each other are one dropped block.
            Some((last, false)) if !keep && last.end == from => last.end = to,
            _ => pieces.push((Span::new(from, to), keep)),
        };
        let mut start = Cut { at: span.start, chars: 0 };
        // The last clause boundary of each priority, and the last whitespace.
        let mut clause: [Option<Cut>; 3] = [None; 3];
        let mut space: Option<Cut> = None;
        // Whether the text since `start` is bulk.
        let mut bulk = false;
        let mut split = false;
        let (mut prev, mut before_prev) = (None::<char>, None::<char>);
        for (chars, (offset, c)) in body.char_indices().enumerate() {
            let here = Cut { at: span.start + offset, chars };
            if let Some(priority) = prev.and_then(|p| clause_break(p, before_prev, c)) {
                if bulk {
                    push(start.at, here.at, false);
                    start = here;
                    bulk = false;
                } else if let Some(slot) = clause.get_mut(priority) {
                    *slot = Some(here);
                }
            }
            if is_space(c) {
                space = Some(here);
            }
            if chars - start.chars >= max {
                let after_start = |c: &&Cut| c.at > start.at;
                let half = start.chars + max / 2;
                let best = clause
                    .iter()
                    .flatten()
                    .filter(after_start)
                    .find(|c| c.chars >= half)
                    .or_else(|| clause.iter().flatten().filter(after_start).max_by_key(|c| c.at));
                let (cut, keep) = match best {
                    Some(cut) => (*cut, true),
                    None => (space.as_ref().filter(after_start).copied().unwrap_or(here), false),
                };
                push(start.at, cut.at, keep);
                start = cut;
                bulk = !keep;
                split = true;
            }
            before_prev = prev;
            prev = Some(c);
        }
        push(start.at, span.end, !bulk);
        split
    }

    /// The sentence spans of `text[start..end]`.
    ///
    /// Every offset sliced at is a character boundary: `start`, `end`, just
    /// after an ASCII byte, or moved on by whole characters.
    fn sentences(&self, text: &str, start: usize, end: usize) -> Vec<Span> {
        // Indexing `bytes` below is at offsets under `end`, within the text.
        let end = end.min(text.len());
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
                let c = text.get(k..end).and_then(|s| s.chars().next()).unwrap_or(' ');
                if matches!(c, '"' | '\'' | ')' | ']' | '\u{201D}' | '\u{2019}') {
                    k += c.len_utf8();
                } else {
                    break;
                }
            }
            while let Some(rest) = text.get(k..end).filter(|rest| rest.starts_with("[^")) {
                k = rest.find(']').map_or(end, |p| k + p + 1);
            }
            let closed = k > j;
            // Spaces (and characters that take no room) up to the next word.
            let mut m = k;
            let mut spaced = false;
            let next = loop {
                match text.get(m..end).and_then(|s| s.chars().next()) {
                    Some(c) if is_space(c) || is_invisible(c) => {
                        spaced |= is_space(c);
                        m += c.len_utf8();
                    }
                    next => break next,
                }
            };
            let boundary = match next {
                None => true,
                Some(c) if spaced => {
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
        if !text.get(sentence_start..end).unwrap_or("").trim_matches(is_space).is_empty() {
            spans.push(Span::new(sentence_start, end));
        }
        spans.into_iter().map(|s| trim_span(text, s)).filter(|s| s.start < s.end).collect()
    }

    /// Whether the full stop at `dot` closes an abbreviation or initial rather
    /// than the sentence; `next` is where the following word starts.
    fn is_abbreviation(&self, text: &str, from: usize, dot: usize, next: usize, end: usize) -> bool {
        let before = text.get(from..dot).unwrap_or("");
        // `rfind` gives a character's start: slicing there cannot panic.
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
        let following: String = text.get(next..end).unwrap_or("").chars().take_while(|c| c.is_alphanumeric()).collect();
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
        let raw = slice(text, span);
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
        .filter(|w| match w {
            [Some(a), Some(b)] => {
                !slice(text, *a).ends_with(['.', '!', '?', ':', '"'])
                    && slice(text, *b).starts_with(|c: char| c.is_lowercase())
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

/// `span` without the spaces (and characters that take no room) at its ends.
fn trim_span(text: &str, span: Span) -> Span {
    let blank = |c: char| is_space(c) || is_invisible(c);
    let slice = slice(text, span);
    let lead = slice.len() - slice.trim_start_matches(blank).len();
    let trail = slice.len() - slice.trim_end_matches(blank).len();
    Span::new(span.start + lead, (span.end - trail).max(span.start + lead))
}

/// Display text: whitespace (control characters included) collapsed,
/// characters that take no room, markdown links, emphasis and footnote markers
/// removed.
fn clean(raw: &str) -> String {
    let raw: Cow<str> =
        if raw.contains(is_invisible) { raw.chars().filter(|c| !is_invisible(*c)).collect() } else { raw.into() };
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

    /// Found by the segmentation property test: the label was run into the
    /// first kept piece, so its span covered the dropped bulk before it.
    #[test]
    fn a_labelled_row_that_opens_with_bulk_keeps_its_spans_apart() {
        let text = "FinlandConfirmed participant.\nSpainAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, it said so.";
        let seg = rules(20).segment(text);
        let dropped: Vec<Span> = seg.dropped.iter().map(|d| d.span).collect();
        let kept = seg.sentences.last().expect("a sentence");
        assert_eq!(kept.text, "it said so.");
        assert_eq!(kept.context.as_deref(), Some("Spain"));
        assert!(dropped.iter().all(|d| d.end <= kept.span.start || kept.span.end <= d.start), "{dropped:?} {kept:?}");
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

    fn rules(max: usize) -> SegmentRules {
        SegmentRules { max_sentence_chars: max, ..Lexicon::builtin().segment_rules.clone() }
    }

    #[test]
    fn nul_and_other_controls_are_whitespace() {
        let text = "NATO has 32 members.\0 The alliance met.\0\0Leaders\u{1}came to\0the summit.";
        let seg = Lexicon::builtin().segment_rules.segment(text);
        let texts: Vec<&str> = seg.sentences.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, ["NATO has 32 members.", "The alliance met.", "Leaders came to the summit."]);
        let slices: Vec<&str> = seg.sentences.iter().map(|s| &text[s.span.start..s.span.end]).collect();
        assert_eq!(slices, ["NATO has 32 members.", "The alliance met.", "Leaders\u{1}came to\0the summit."]);
    }

    #[test]
    fn invisible_characters_neither_join_nor_split_sentences() {
        let text = "\u{FEFF}NATO has 3\u{200D}2 mem\u{202E}bers.\u{200B} The alliance met.\u{2060}";
        let seg = Lexicon::builtin().segment_rules.segment(text);
        let texts: Vec<&str> = seg.sentences.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, ["NATO has 32 members.", "The alliance met."]);
        let slices: Vec<&str> = seg.sentences.iter().map(|s| &text[s.span.start..s.span.end]).collect();
        assert_eq!(slices, ["NATO has 3\u{200D}2 mem\u{202E}bers.", "The alliance met."]);
    }

    #[test]
    fn an_overlong_sentence_is_split_at_commas() {
        let clause = "leaders of many countries met in the old city, ";
        let text = format!("NATO has 32 members, {}and Sweden joined in 2024.", clause.repeat(85));
        assert!(text.chars().count() > 4000);
        let seg = rules(MAX_SENTENCE_CHARS).segment(&text);
        assert_eq!(seg.overlong, 1);
        assert!(seg.dropped.is_empty());
        assert_eq!(seg.sentences.len(), 2);
        for s in &seg.sentences {
            assert!(s.text.chars().count() <= MAX_SENTENCE_CHARS, "{}", s.text.len());
            assert!(s.text.chars().count() >= MAX_SENTENCE_CHARS / 4, "{}", s.text.len());
        }
        assert!(seg.sentences[0].text.starts_with("NATO has 32 members,"));
        assert!(seg.sentences[0].text.ends_with("city,"));
        assert!(seg.sentences[1].text.ends_with("and Sweden joined in 2024."));
        // Nothing is lost.
        let joined: Vec<&str> = seg.sentences.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(joined.join(" "), text);
    }

    #[test]
    fn semicolons_are_preferred_to_commas_and_commas_to_dashes() {
        // max 40: the second half of the limit is characters 20 to 40.
        let seg = rules(40).segment("Alpha beta gamma - delta epsilon, zeta; eta theta iota kappa lambda mu nu xi.");
        let texts: Vec<&str> = seg.sentences.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, ["Alpha beta gamma - delta epsilon, zeta;", "eta theta iota kappa lambda mu nu xi."]);
        let seg = rules(40).segment("Alpha beta gamma - delta epsilon, zeta eta theta iota kappa mu.");
        let texts: Vec<&str> = seg.sentences.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, ["Alpha beta gamma - delta epsilon,", "zeta eta theta iota kappa mu."]);
        let seg = rules(40).segment("Alpha beta gamma delta \u{2014} epsilon zeta eta theta iota kappa mu.");
        let texts: Vec<&str> = seg.sentences.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, ["Alpha beta gamma delta \u{2014}", "epsilon zeta eta theta iota kappa mu."]);
    }

    #[test]
    fn an_overlong_run_without_punctuation_is_dropped() {
        let text = "NATO has 31 members and ".repeat(100_000);
        let seg = rules(MAX_SENTENCE_CHARS).segment(&text);
        assert!(seg.sentences.is_empty());
        assert_eq!(seg.overlong, 1);
        // One dropped block, the whole run.
        assert_eq!(seg.dropped.len(), 1);
        assert_eq!(seg.dropped[0].reason, DropReason::Overlong);
        assert_eq!(seg.dropped[0].span, Span::new(0, text.trim_end().len()));
    }

    #[test]
    fn bulk_is_dropped_up_to_the_next_clause_boundary() {
        let bulk = "word ".repeat(50);
        let text = format!("Leaders met in the city, and then {bulk}more words, and NATO has 32 members. It grew.");
        let seg = rules(60).segment(&text);
        let texts: Vec<&str> = seg.sentences.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, ["Leaders met in the city,", "and NATO has 32 members.", "It grew."]);
        assert_eq!(seg.overlong, 1);
        assert_eq!(seg.dropped.len(), 1);
        let dropped = &text[seg.dropped[0].span.start..seg.dropped[0].span.end];
        assert!(dropped.starts_with("and then word word") && dropped.ends_with("word more words,"), "{dropped}");
    }

    #[test]
    fn a_run_without_spaces_is_cut_on_character_boundaries() {
        for max in 1..12 {
            for text in ["é\u{1F600}ab,😀 c;dé—f", "日本語のテキスト、句読点。", "A. é, é é, é\0é\u{200B},\u{200B} é"]
            {
                let seg = rules(max).segment(text);
                for s in &seg.sentences {
                    assert!(text.get(s.span.start..s.span.end).is_some());
                }
                for d in &seg.dropped {
                    assert!(text.get(d.span.start..d.span.end).is_some());
                }
            }
        }
    }

    #[test]
    fn the_limit_counts_characters_not_bytes() {
        let seg = rules(12).segment("Été à Noël.");
        assert_eq!(seg.sentences.len(), 1);
        assert_eq!(seg.overlong, 0);
        let seg = rules(10).segment("Été à Noël.");
        assert_eq!(seg.overlong, 1);
    }

    #[test]
    fn a_sentence_limit_of_zero_is_one() {
        let seg = rules(0).segment("NATO has 32 members, and Sweden joined.");
        assert!(seg.sentences.is_empty());
        assert_eq!(seg.overlong, 1);
    }

    #[test]
    fn spans_point_into_the_text() {
        let text = "  First one here.  Second one here.";
        let seg = Lexicon::builtin().segment_rules.segment(text);
        let slices: Vec<&str> = seg.sentences.iter().map(|s| &text[s.span.start..s.span.end]).collect();
        assert_eq!(slices, ["First one here.", "Second one here."]);
    }
}
