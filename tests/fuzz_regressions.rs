//! Inputs from fuzzing (`fuzz/`, see `fuzz/README.md`), replayed by plain
//! `cargo test`: each test calls the library function a fuzz target calls and
//! asserts what that target asserts (the `*_holds` helpers below mirror the
//! targets in `fuzz/fuzz_targets/`).
//!
//! Minimised crashing inputs go in the "crashes" section, one `#[test]`
//! each, named after the target. The edge cases are hand-picked inputs of the
//! kinds the fuzzers found interesting (byte-order marks, CRLF, multi-byte
//! characters at every boundary, unclosed markup); they pass today and guard
//! the targets' invariants without running the fuzzers.

use std::sync::OnceLock;
use veracity::config::Config;
use veracity::diagnostic::Diagnostic;
use veracity::lexicon::Lexicon;
use veracity::model::{Claim, SourceText};
use veracity::report::{render, OutputFormat, RenderOptions};

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(Lexicon::builtin)
}

/// A diagnostic about `text` points inside it and renders.
fn diagnostic_in(text: &str, d: &Diagnostic) {
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

/// fuzz target `segment`.
fn segment_holds(text: &str) {
    let seg = lexicon().segment_rules.segment(text);
    let spans = seg.sentences.iter().map(|s| s.span).chain(seg.dropped.iter().map(|d| d.span));
    for span in spans {
        assert!(span.start <= span.end && span.end <= text.len(), "span {span:?} outside {} bytes", text.len());
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end), "span {span:?} inside a char");
    }
    for pair in seg.sentences.windows(2) {
        assert!(pair[0].span.start <= pair[1].span.start, "sentences out of order");
    }
}

/// fuzz target `html`.
fn html_holds(text: &str) {
    let out = veracity::text::html::strip_html(text);
    assert_eq!(out.len(), text.len(), "strip_html changed the byte length of {text:?}");
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            assert_eq!(out.as_bytes()[i], b'\n', "newline at byte {i} was not kept");
        }
    }
    let _ = veracity::text::html::title(text);
}

/// fuzz target `analysis`.
fn analysis_holds(text: &str) {
    let a = veracity::analysis::Analysis::new(text, lexicon());
    let n = a.tokens.len();
    for t in &a.tokens {
        assert!(t.start <= t.end && t.end <= a.text.len(), "token {t:?} outside the text");
        assert!(a.text.is_char_boundary(t.start) && a.text.is_char_boundary(t.end), "token {t:?} inside a char");
        assert_eq!(&a.text[t.start..t.end], t.raw);
    }
    for pair in a.tokens.windows(2) {
        assert!(pair[0].end <= pair[1].start, "tokens overlap: {:?} then {:?}", pair[0], pair[1]);
    }
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
}

/// fuzz target `claims`.
fn claims_holds(text: &str) {
    match veracity::ingest::claims::parse("fuzz.toml", text) {
        Ok(claims) => {
            for c in claims {
                let loc = c.location.expect("a parsed claim has a location");
                assert!(loc.line >= 1 && loc.line <= text.split('\n').count());
            }
        }
        Err(diagnostics) => {
            assert!(!diagnostics.is_empty());
            diagnostics.iter().for_each(|d| diagnostic_in(text, d));
        }
    }
}

/// fuzz target `front_matter`.
fn front_matter_holds(text: &str) {
    let (body, _meta, diagnostics) = veracity::ingest::parse_front_matter("fuzz.md", text.to_string());
    assert_eq!(body.len(), text.len(), "front matter blanking changed the byte length of {text:?}");
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            assert_eq!(body.as_bytes()[i], b'\n', "newline at byte {i} was not kept");
        }
    }
    diagnostics.iter().for_each(|d| diagnostic_in(text, d));
}

/// fuzz target `manifest`.
fn manifest_holds(text: &str) {
    let (entries, diagnostics) = veracity::ingest::parse_manifest("sources.toml", text);
    for (file, _) in &entries {
        assert!(!file.trim().is_empty());
    }
    diagnostics.iter().for_each(|d| diagnostic_in(text, d));
}

const FORMATS: [OutputFormat; 9] = [
    OutputFormat::Text,
    OutputFormat::Json,
    OutputFormat::Jsonl,
    OutputFormat::Markdown,
    OutputFormat::Junit,
    OutputFormat::Sarif,
    OutputFormat::Github,
    OutputFormat::Html,
    OutputFormat::Claimreview,
];

/// fuzz target `check`: the first line is the claim, the rest the source.
fn check_holds(input: &str) {
    let (claim, text) = input.split_once('\n').unwrap_or((input, ""));
    let source = SourceText { path: "s.txt".into(), text: text.to_string(), original: None, meta: Default::default() };
    let engine = veracity::Engine::new(vec![source], &Config::default()).expect("default lexicon");
    let report = engine.check(vec![Claim::adhoc(1, claim)]);
    assert_eq!(report.claims.len(), 1);
    let lines: Vec<&str> = text.split('\n').collect();
    for c in &report.claims {
        assert!((0.0..=1.0).contains(&c.confidence));
        for &(s, e) in &c.marks {
            assert!(s <= e && c.text.get(s..e).is_some(), "claim mark {s}..{e} not in {:?}", c.text);
        }
        for ev in &c.evidence {
            assert!(ev.line >= 1 && ev.line <= lines.len());
            assert!(ev.column >= 1 && ev.column <= lines[ev.line - 1].chars().count() + 1);
            for &(s, e) in &ev.marks {
                assert!(s <= e && ev.sentence.get(s..e).is_some(), "evidence mark {s}..{e} not in {:?}", ev.sentence);
            }
        }
    }
    for format in FORMATS {
        let out = render(&report, format, RenderOptions::default());
        match format {
            OutputFormat::Json | OutputFormat::Sarif | OutputFormat::Claimreview => {
                serde_json::from_str::<serde_json::Value>(&out).expect("JSON output parses");
            }
            OutputFormat::Jsonl => {
                for line in out.lines().filter(|l| !l.trim().is_empty()) {
                    serde_json::from_str::<serde_json::Value>(line).expect("a JSON Lines line parses");
                }
            }
            OutputFormat::Junit => {
                roxmltree::Document::parse(&out).expect("JUnit output parses as XML");
            }
            _ => {}
        }
        let options = RenderOptions { color: true, all_evidence: true, stream: true, ..Default::default() };
        let _ = render(&report, format, options);
    }
}

// ------------------------------------------------------------------ crashes
//
// Minimised inputs that made a fuzz target panic (none so far: see the
// fuzzing report in fuzz/README.md).

// --------------------------------------------------------------- edge cases

#[test]
fn segment_edge_cases() {
    for text in [
        "",
        "\u{2029}",
        "é.",
        "U.S. ",
        "Dr. Smith said \"No.\" Then left.\u{2029}\u{2029}Next é…",
        "FinlandConfirmed participant.\nSwedenConfirmed participant.\n",
        "# Heading\n\n- item one.\n- item two\n\n[^1]: A citation.\n",
        "Photo (Getty Images/AFP)\n\u{00AD}\u{200B}\r\n\r\nà.b.c. d",
        "日本語の文。もう一つ。\n",
    ] {
        segment_holds(text);
    }
    segment_holds(&"Word é ".repeat(700));
}

#[test]
fn html_edge_cases() {
    for text in [
        "",
        "<",
        "<a",
        "&",
        "&#",
        "&#x1F600;",
        "&#xD800;",
        "&#99999999999;",
        "&amp",
        "&eacute;é&nbsp;",
        "<p>é</p><br/>\n<script>é",
        "<head><title>T</title>é<body>x",
        "<!-- é\n",
        "<style>\n</STYLE>x",
        "<svg/>é",
    ] {
        html_holds(text);
    }
}

#[test]
fn analysis_edge_cases() {
    for text in [
        "",
        "'s",
        "$1.6bn, £1.6 billion and 5,000 missiles; 3.5% more; 1e309 km",
        "999999999999999999999999 trillion",
        "-",
        "between 1 and 2 October 2024 to 31 February 0",
        "THE U.S. DOESN'T PLAN ANY TROOPS",
        "second-largest-ever é-à",
        "Ⅻ ½ ¾ ٣ 𝟙",
    ] {
        analysis_holds(text);
    }
}

#[test]
fn claims_edge_cases() {
    for text in [
        "",
        "[[claim]]",
        "[[claim]]\nid = \"\"\ntext = \"\"\n",
        "[[claim]]\nid = \"a\"\ntext = \"é\"\n[[claim]]\nid = \"a\"\ntext = \"b\"\n",
        "[[claim]]\r\nid = \"a\"\r\ntext = \"\"\"\né\n\"\"\"\r\nexpect = \"nope\"\r\n",
        "\u{feff}[[claim]]\nid = 1\n",
        "é = ",
        "[[claim]]\nid = \"x\"\ntext = \"y\"\nextra = true\n",
    ] {
        claims_holds(text);
    }
}

#[test]
fn front_matter_edge_cases() {
    for text in [
        "",
        "+++",
        "+++\n",
        "+++\r\n+++",
        "\u{feff}+++\n+++\n",
        "\u{feff}+++\r\ntitle = \nkind = \"reference\"\r\n+++\r\nBody.\r\n",
        "+++\ntitle = \"é\"\ntrust = 2.0\npublished = \"2025-02-30\"\n+++\nBody.\n",
        "+++\ntitle = \"never closed\"\n",
        "+++\n+++é",
        "+++\nx = 1\n+++ \n+++\n",
    ] {
        front_matter_holds(text);
    }
}

#[test]
fn manifest_edge_cases() {
    for text in [
        "",
        "[[source]]",
        "[[source]]\nfile = \"\"\n",
        "[[source]]\nfile = 1\ntrust = \"é\"\n",
        "[[source]]\nfile = \"a.txt\"\ntrust = 7\n\n[[source]]\nfile = \"a.txt\"\npublished = \"2025-13\"\nbogus = 1\n",
        "[other]\n",
        "\u{feff}[[source]]\r\nfile = \"é.md\"\r\n",
        "é = ",
    ] {
        manifest_holds(text);
    }
}

#[test]
fn check_edge_cases() {
    for input in [
        "",
        "\n",
        "é",
        "Germany plans to send troops to Ukraine this year.\nGermany doesn't plan to send troops to Ukraine this year.",
        "NATO has 31 members.\nNATO has had 32 members since Sweden joined on 7 March 2024.",
        "Mark Rutte is projected to become NATO Secretary-General.\nMark Rutte took office as NATO Secretary General on 1 October 2024.",
        "<script>é</script> & \"quotes\" ]]> --\n<b>é</b> & \"quotes\" ]]> -- said é.",
        "The deal is worth £1.6 billion.\nThe deal is worth £1.6 million é.",
    ] {
        check_holds(input);
    }
}
