//! What each fuzz target asserts, one function per target: the targets in
//! `fuzz_targets/` call these on every input, and `tests/fuzz_regressions.rs`
//! calls them on saved inputs in plain `cargo test` (one definition of each
//! invariant for both).
#![allow(dead_code)]

use std::sync::OnceLock;
use veracity::diagnostic::Diagnostic;
use veracity::lexicon::Lexicon;
use veracity::model::Report;
use veracity::report::{render, OutputFormat, RenderOptions};

/// The built-in lexicon, built once per process.
pub fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(Lexicon::builtin)
}

/// Asserts that a diagnostic about `text` points inside it: its 1-based line
/// is a line of `text` (lines split at `\n`), its 1-based column at most one
/// past that line's last character; and that it renders.
pub fn assert_diagnostic_in(text: &str, d: &Diagnostic) {
    let lines: Vec<&str> = text.split('\n').collect();
    match (d.line, d.column) {
        (Some(line), Some(column)) => {
            assert!(line >= 1 && line <= lines.len(), "line {line} outside 1..={} in {d:?}", lines.len());
            let chars = lines[line - 1].chars().count();
            assert!(column >= 1 && column <= chars + 1, "column {column} outside 1..={} in {d:?}", chars + 1);
        }
        (None, None) => {}
        other => panic!("line and column must come together, got {other:?} in {d:?}"),
    }
    let _ = d.to_string();
}

/// Sentence segmentation with the built-in rules: every sentence (and every
/// dropped block) is a span inside the text, on char boundaries, and the
/// sentences come in text order.
pub fn segment_holds(text: &str) {
    let seg = lexicon().segment_rules.segment(text);
    let spans =
        seg.sentences.iter().map(|s| ("sentence", s.span)).chain(seg.dropped.iter().map(|d| ("dropped", d.span)));
    for (what, span) in spans {
        assert!(span.start <= span.end, "{what} span {span:?} is reversed");
        assert!(span.end <= text.len(), "{what} span {span:?} ends past the text ({} bytes)", text.len());
        assert!(text.is_char_boundary(span.start), "{what} span {span:?} starts inside a char");
        assert!(text.is_char_boundary(span.end), "{what} span {span:?} ends inside a char");
    }
    // "The sentences, in text order."
    for pair in seg.sentences.windows(2) {
        assert!(
            pair[0].span.start <= pair[1].span.start,
            "sentences out of order: {:?} then {:?}",
            pair[0].span,
            pair[1].span
        );
    }
}

/// HTML stripping keeps byte offsets: `strip_html`'s doc comment promises
/// "the text of an HTML document, byte for byte as long as the input".
pub fn html_holds(text: &str) {
    let out = veracity::text::html::strip_html(text);
    assert_eq!(out.len(), text.len(), "strip_html changed the byte length");
    // Newlines are kept where they were (lines and columns stay put).
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            assert_eq!(out.as_bytes()[i], b'\n', "newline at byte {i} was not kept");
        }
    }
    let _ = veracity::text::html::title(text);
}

/// Analysis of a text (tokens, numbers, dates, cues): token offsets point
/// into the normalised text, on char boundaries, and every mention's token
/// indices are tokens.
pub fn analysis_holds(text: &str) {
    let a = veracity::analysis::Analysis::new(text, lexicon());
    let n = a.tokens.len();
    for t in &a.tokens {
        assert!(t.start <= t.end && t.end <= a.text.len(), "token {t:?} outside the text ({} bytes)", a.text.len());
        assert!(
            a.text.is_char_boundary(t.start) && a.text.is_char_boundary(t.end),
            "token {t:?} not on char boundaries"
        );
        assert_eq!(&a.text[t.start..t.end], t.raw, "token text is not its span");
    }
    for pair in a.tokens.windows(2) {
        assert!(pair[0].end <= pair[1].start, "tokens overlap or are out of order: {:?} then {:?}", pair[0], pair[1]);
    }
    assert_eq!(a.keys.len(), n);
    assert_eq!(a.words.len(), n);
    let ranges = a
        .terms
        .iter()
        .map(|t| (t.first, t.last))
        .chain(a.quantities.iter().map(|q| (q.first, q.last)))
        .chain(a.dates.iter().map(|d| (d.first, d.last)))
        .chain(a.negations.iter().chain(&a.hedges).chain(&a.facts).map(|c| (c.first, c.last)));
    for (first, last) in ranges {
        assert!(first <= last && last < n, "token range {first}..={last} outside {n} tokens");
        let _ = a.surface(first, last);
    }
    for q in &a.quantities {
        assert!(!q.lo.is_nan() && !q.hi.is_nan(), "quantity {q:?} is NaN");
    }
    if n > 1 {
        let _ = a.clause_break_between(0, n - 1);
    }
}

/// Claims files: parsing never panics; every diagnostic (and every claim's
/// location) points inside the text.
pub fn claims_holds(text: &str) {
    match veracity::ingest::claims::parse("fuzz.toml", text) {
        Ok(claims) => {
            for c in &claims {
                if let Some(loc) = &c.location {
                    let d = veracity::diagnostic::Diagnostic {
                        severity: veracity::diagnostic::Severity::Warning,
                        path: loc.path.clone(),
                        line: Some(loc.line),
                        column: Some(loc.column),
                        message: String::new(),
                        snippet: None,
                    };
                    assert_diagnostic_in(text, &d);
                }
            }
        }
        Err(diagnostics) => {
            assert!(!diagnostics.is_empty(), "an error without diagnostics");
            for d in &diagnostics {
                assert_diagnostic_in(text, d);
            }
        }
    }
}

/// `+++` front matter: parsing never panics, the body keeps the input's byte
/// length (offsets do not move), and diagnostics point inside the text.
pub fn front_matter_holds(text: &str) {
    let (body, _meta, diagnostics) = veracity::ingest::parse_front_matter("fuzz.md", text.to_string());
    assert_eq!(body.len(), text.len(), "front matter blanking changed the byte length");
    // Newlines stay where they were, so lines do not move.
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            assert_eq!(body.as_bytes()[i], b'\n', "newline at byte {i} was not kept");
        }
    }
    for d in &diagnostics {
        assert_diagnostic_in(text, d);
    }
}

/// `sources.toml` manifests: parsing never panics, diagnostics point inside
/// the text.
pub fn manifest_holds(text: &str) {
    let (entries, diagnostics) = veracity::ingest::parse_manifest("sources.toml", text);
    for (file, _meta) in &entries {
        assert!(!file.trim().is_empty(), "an entry with an empty `file`");
    }
    for d in &diagnostics {
        assert_diagnostic_in(text, d);
    }
}

/// Asserts that `(start, end)` is a byte range of `text` on char boundaries.
fn assert_range(what: &str, text: &str, (start, end): (usize, usize)) {
    assert!(start <= end && end <= text.len(), "{what} mark {start}..{end} outside {} bytes of {text:?}", text.len());
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "{what} mark {start}..{end} inside a char of {text:?}"
    );
}

/// One claim checked against the one source `text`: one claim, a confidence
/// from 0 to 1, evidence lines and columns inside the source, marks on char
/// boundaries of the sentence or claim; every format renders, plain and
/// streamed with colour; JSON, JSON Lines, SARIF and ClaimReview output parse
/// as JSON, JUnit output as XML.
pub fn report_holds(report: &Report, text: &str) {
    assert_eq!(report.claims.len(), 1);
    let lines: Vec<&str> = text.split('\n').collect();
    for c in &report.claims {
        assert!((0.0..=1.0).contains(&c.confidence), "confidence {} is not from 0 to 1", c.confidence);
        for &mark in &c.marks {
            assert_range("claim", &c.text, mark);
        }
        for e in &c.evidence {
            assert_eq!(e.source, "s.txt");
            assert!(e.line >= 1 && e.line <= lines.len(), "evidence line {} outside 1..={}", e.line, lines.len());
            let chars = lines[e.line - 1].chars().count();
            assert!(e.column >= 1 && e.column <= chars + 1, "evidence column {} outside 1..={}", e.column, chars + 1);
            for &mark in &e.marks {
                assert_range("evidence", &e.sentence, mark);
            }
        }
    }

    for format in OutputFormat::ALL {
        let out = render(report, format, Default::default());
        match format {
            OutputFormat::Json | OutputFormat::Sarif | OutputFormat::Claimreview => {
                if let Err(e) = serde_json::from_str::<serde_json::Value>(&out) {
                    panic!("{format:?} output is not JSON ({e}):\n{out}");
                }
            }
            OutputFormat::Jsonl => {
                for line in out.lines().filter(|l| !l.trim().is_empty()) {
                    if let Err(e) = serde_json::from_str::<serde_json::Value>(line) {
                        panic!("a JSON Lines line is not JSON ({e}):\n{line}");
                    }
                }
            }
            OutputFormat::Junit => {
                if let Err(e) = roxmltree::Document::parse(&out) {
                    panic!("JUnit output is not XML ({e}):\n{out}");
                }
            }
            _ => {}
        }
        let _ = render(
            report,
            format,
            RenderOptions { color: true, all_evidence: true, stream: true, ..Default::default() },
        );
    }
}
