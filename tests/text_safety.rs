//! Hostile or broken text in sources and claims: invisible characters, NUL
//! bytes, and runs of text far longer than a sentence.

use veracity::config::Config;
use veracity::model::{Claim, ClaimReport, SourceText, Verdict};
use veracity::text::segment::DropReason;
use veracity::Engine;

fn engine(text: &str) -> Engine {
    let source = SourceText { path: "s.txt".into(), text: text.into(), original: None, meta: Default::default() };
    Engine::new(vec![source], &Config::default()).expect("engine")
}

fn check(engine: &Engine, claim: &str) -> ClaimReport {
    engine.check(vec![Claim::adhoc(1, claim)]).claims.remove(0)
}

/// Zero-width characters, and bidirectional controls.
const INVISIBLE: &[char] = &[
    '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202B}',
    '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
];

#[test]
fn invisible_characters_inside_a_source_word_do_not_stop_a_match() {
    for &c in INVISIBLE {
        let engine = engine(&format!("NA{c}TO has 3{c}2 mem{c}bers."));
        let report = check(&engine, "NATO has 32 members.");
        assert_eq!(report.verdict, Verdict::Supported, "U+{:04X}", c as u32);
        let evidence = &report.evidence[0];
        assert_eq!(evidence.sentence, "NATO has 32 members.", "U+{:04X}", c as u32);
        assert_eq!((evidence.line, evidence.column), (1, 1));
    }
}

#[test]
fn invisible_characters_inside_a_claim_word_do_not_stop_a_match() {
    let engine = engine("NATO has 32 members.");
    for &c in INVISIBLE {
        let report = check(&engine, &format!("{c}NA{c}TO has 32 mem{c}bers."));
        assert_eq!(report.verdict, Verdict::Supported, "U+{:04X}", c as u32);
    }
}

#[test]
fn marks_around_a_word_with_an_invisible_character_map_back_to_its_bytes() {
    let engine = engine("NATO has 32 members.");
    for &c in INVISIBLE {
        let claim = format!("NATO has 3{c}1 members.");
        let report = check(&engine, &claim);
        assert_eq!(report.verdict, Verdict::Contradicted, "U+{:04X}", c as u32);
        let marked: Vec<&str> = report.marks.iter().map(|&(a, b)| &claim[a..b]).collect();
        assert!(marked.contains(&format!("3{c}1").as_str()), "U+{:04X}: {marked:?}", c as u32);
        let evidence = &report.evidence[0];
        let marked: Vec<&str> = evidence.marks.iter().map(|&(a, b)| &evidence.sentence[a..b]).collect();
        assert!(marked.contains(&"32"), "{marked:?}");
    }
}

#[test]
fn nul_is_whitespace() {
    let engine = engine("NATO has 32 members.\0 The alliance met.\0\0It\0grew.");
    let texts: Vec<&str> = engine.corpus.every_sentence().map(|s| &*s.text).collect();
    assert_eq!(texts, ["NATO has 32 members.", "The alliance met.", "It grew."]);
    assert_eq!(check(&engine, "NATO has 32 members.").verdict, Verdict::Supported);
    assert_eq!(check(&engine, "NATO has 31 members.").verdict, Verdict::Contradicted);
    let report = check(&engine, "NATO has 32\0members.");
    assert_eq!(report.verdict, Verdict::Supported);
    assert!(!report.evidence[0].sentence.contains('\0'));
}

#[test]
fn a_megabyte_line_without_punctuation_neither_supports_nor_contradicts() {
    let line = "NATO has 31 members and ".repeat(1 << 20 >> 4);
    assert!(line.len() > 1 << 20);
    let started = std::time::Instant::now();
    let engine = engine(&line);
    let document = &engine.corpus.documents[0];
    assert_eq!(document.overlong, 1);
    assert!(document.sentences.is_empty());
    assert!(document.body().dropped.iter().all(|d| d.reason == DropReason::Overlong));
    for claim in ["NATO has 32 members.", "NATO has 31 members."] {
        let report = check(&engine, claim);
        assert_eq!(report.verdict, Verdict::Unsourced, "{claim}");
        assert!(report.evidence.is_empty());
    }
    // Loosely: linear work is well under a second even unoptimised.
    assert!(started.elapsed().as_secs() < 60, "{:?}", started.elapsed());
}

#[test]
fn a_long_sentence_with_commas_is_split_and_its_pieces_still_match() {
    let filler = "ministers from the member states met in Brussels, ";
    let text = format!(
        "After the summit, NATO has 32 members, {}and Sweden joined the alliance in March 2024.\nThe talks ended.",
        filler.repeat(80)
    );
    assert!(text.chars().count() > 4000);
    let engine = engine(&text);
    let document = &engine.corpus.documents[0];
    assert_eq!(document.overlong, 1);
    assert!(document.body().dropped.is_empty());
    assert_eq!(document.sentences.len(), 3);
    for s in engine.corpus.every_sentence() {
        assert!(s.text.chars().count() <= 3000);
    }
    assert_eq!(check(&engine, "NATO has 32 members.").verdict, Verdict::Supported);
    assert_eq!(check(&engine, "Sweden joined the alliance in March 2024.").verdict, Verdict::Supported);
    assert_eq!(check(&engine, "Sweden joined the alliance in March 2023.").verdict, Verdict::Contradicted);
}

#[test]
fn any_mix_of_multibyte_invisible_and_control_characters_is_safe() {
    let pieces = ["é", "😀", "\u{200D}", "\u{202E}", "\0", ",", ";", ". ", "A", " ", "—", "\u{2029}", "\n", "日"];
    let mut text = String::new();
    for i in 0..600 {
        text.push_str(pieces[(i * 7 + i / 3) % pieces.len()]);
    }
    for max in [1, 2, 3, 5, 8, 13, 40] {
        let config = Config {
            ingest: veracity::config::Ingest { max_sentence_chars: max, ..Default::default() },
            ..Default::default()
        };
        let source = SourceText { path: "s.txt".into(), text: text.clone(), original: None, meta: Default::default() };
        let engine = Engine::new(vec![source], &config).expect("engine");
        for s in engine.corpus.every_sentence() {
            assert!(text.get(s.span.start..s.span.end).is_some());
            assert!(!s.text.contains(['\0', '\u{200D}', '\u{202E}']));
        }
        let report = check(&engine, &text);
        for (a, b) in &report.marks {
            assert!(report.text.get(*a..*b).is_some());
        }
    }
}

mod properties {
    use proptest::prelude::*;
    use veracity::text::normalize::{normalize_with_offsets, original_span};
    use veracity::text::segment::SegmentRules;

    fn rules(max: usize) -> SegmentRules {
        let lexicon = veracity::lexicon::Lexicon::builtin();
        SegmentRules { max_sentence_chars: max, ..lexicon.segment_rules.clone() }
    }

    /// Words, punctuation, spaces, controls, invisible and multi-byte characters.
    fn hostile() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            "[A-Za-z]{1,6}",
            "[ .,;:!?\"'()\n-]",
            Just("\0".to_string()),
            Just("\u{2014}".to_string()),
            Just("\u{2013} ".to_string()),
            "[\u{200B}-\u{200F}\u{202A}-\u{202E}\u{2060}\u{2066}-\u{2069}\u{FEFF}\u{00AD}\u{2029}]",
            "[\u{1}-\u{1F}\u{7F}-\u{9F}]",
            any::<char>().prop_map(|c| c.to_string()),
        ];
        prop::collection::vec(piece, 0..80).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn segmentation_under_any_limit_stays_in_bounds(text in hostile(), max in 1usize..40) {
            let seg = rules(max).segment(&text);
            let mut spans: Vec<_> = seg.sentences.iter().map(|s| s.span).chain(seg.dropped.iter().map(|d| d.span)).collect();
            for s in &seg.sentences {
                prop_assert!(text.get(s.span.start..s.span.end).is_some());
                prop_assert!(!s.text.is_empty());
                prop_assert!(!s.text.contains(|c: char| c.is_control() || veracity::text::normalize::is_invisible(c)));
            }
            for d in &seg.dropped {
                prop_assert!(text.get(d.span.start..d.span.end).is_some());
            }
            spans.sort();
            for pair in spans.windows(2) {
                prop_assert!(pair[0].end <= pair[1].start, "{:?}", pair);
            }
        }

        #[test]
        fn normalised_spans_map_back_inside_the_text(text in hostile(), a in 0usize..400, b in 0usize..400) {
            let (norm, offsets) = normalize_with_offsets(&text);
            prop_assert_eq!(offsets.len(), norm.len());
            if let Some((start, end)) = original_span(&text, &offsets, a.min(b), a.max(b)) {
                prop_assert!(start < end && text.get(start..end).is_some());
            }
            for t in veracity::text::tokenize::tokenize(&norm) {
                prop_assert_eq!(norm.get(t.start..t.end), Some(t.raw.as_str()));
            }
        }
    }
}
