//! Inputs from fuzzing (`fuzz/`, see `fuzz/README.md`), replayed by plain
//! `cargo test`: each test calls the library function a fuzz target calls and
//! asserts what that target asserts: the same functions, from
//! `fuzz/invariants.rs`.
//!
//! Minimised crashing inputs go in the "crashes" section, one `#[test]`
//! each, named after the target. The edge cases are hand-picked inputs of the
//! kinds the fuzzers found interesting (byte-order marks, CRLF, multi-byte
//! characters at every boundary, unclosed markup); they pass today and guard
//! the targets' invariants without running the fuzzers.

#[path = "../fuzz/invariants.rs"]
mod invariants;

use invariants::{analysis_holds, claims_holds, front_matter_holds, html_holds, manifest_holds, segment_holds};
use veracity::config::Config;
use veracity::model::{Claim, SourceText};

/// fuzz target `check`: the first line is the claim, the rest the source.
fn check_holds(input: &str) {
    let (claim, text) = input.split_once('\n').unwrap_or((input, ""));
    let source = SourceText { path: "s.txt".into(), text: text.to_string(), original: None, meta: Default::default() };
    let engine = veracity::Engine::new(vec![source], &Config::default()).expect("default lexicon");
    invariants::report_holds(&engine.check(vec![Claim::adhoc(1, claim)]), text);
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
