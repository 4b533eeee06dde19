//! Property tests: the parsers never panic, and what they return points
//! into the text they were given.

use proptest::prelude::*;
use veracity::analysis::Analysis;
use veracity::lexicon::Lexicon;
use veracity::text::html::strip_html;

fn lexicon() -> &'static Lexicon {
    static LEXICON: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
    LEXICON.get_or_init(Lexicon::builtin)
}

/// Text made of news-like pieces, so that the interesting paths are hit.
fn newsy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Mr. ".to_string()),
        Just("U.S. ".to_string()),
        Just("£1.6 billion ".to_string()),
        Just("10,000\u{2013}30,000 ".to_string()),
        Just("\u{201C}Quote.\u{201D} ".to_string()),
        Just("2 March 2025 ".to_string()),
        Just("not ".to_string()),
        Just("FinlandConfirmed participant.\n".to_string()),
        Just("<p>".to_string()),
        Just("&amp;".to_string()),
        Just("+++\n".to_string()),
        // The phrases of the timeline and of tallies, whose readers look ahead.
        Just("was named ".to_string()),
        Just("succeeded ".to_string()),
        Just("took office as ".to_string()),
        Just("stepped down ".to_string()),
        Just("Prime Minister ".to_string()),
        Just("7 to ".to_string()),
        "[a-zA-Z]{1,8} ",
        "[0-9,.]{1,6} ",
        "[.!?\n\"'()]",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn segmentation_spans_are_in_bounds(text in newsy()) {
        let seg = lexicon().segment_rules.segment(&text);
        for s in &seg.sentences {
            prop_assert!(s.span.start <= s.span.end && s.span.end <= text.len());
            prop_assert!(text.is_char_boundary(s.span.start) && text.is_char_boundary(s.span.end));
            prop_assert!(!s.text.trim().is_empty());
        }
        for d in &seg.dropped {
            prop_assert!(text.get(d.span.start..d.span.end).is_some());
        }
    }

    #[test]
    fn html_stripping_keeps_length_and_lines(text in newsy()) {
        let stripped = strip_html(&text);
        prop_assert_eq!(stripped.len(), text.len());
        prop_assert_eq!(stripped.matches('\n').count(), text.matches('\n').count());
    }

    #[test]
    fn analysis_never_panics_and_stays_in_bounds(text in newsy()) {
        let a = Analysis::new(&text, lexicon());
        for q in &a.quantities {
            prop_assert!(q.first <= q.last && q.last < a.tokens.len());
            prop_assert!(q.lo <= q.hi);
        }
        for d in &a.dates {
            prop_assert!(d.first <= d.last && d.last < a.tokens.len());
        }
        for t in &a.terms {
            prop_assert!(t.first <= t.last && t.last < a.tokens.len());
        }
    }

    #[test]
    fn claims_parser_never_panics(text in "\\PC{0,200}") {
        let _ = veracity::ingest::claims::parse("fuzz.toml", &text);
    }

    #[test]
    fn claims_parser_locates_errors_inside_the_file(body in "[a-z =\"\\[\\]\n]{0,80}") {
        let text = format!("[[claim]]\n{body}");
        if let Err(errors) = veracity::ingest::claims::parse("fuzz.toml", &text) {
            for e in errors {
                if let Some(line) = e.line {
                    prop_assert!(line >= 1 && line <= text.lines().count().max(1) + 1);
                }
            }
        }
    }
}

fn engine() -> &'static veracity::Engine {
    static ENGINE: std::sync::OnceLock<veracity::Engine> = std::sync::OnceLock::new();
    ENGINE.get_or_init(|| {
        let sources = vec![veracity::model::SourceText {
            path: "s.txt".into(),
            text: "NATO has had 32 members since Sweden joined on 7 March 2024. The summit, lasting over three hours, ended.\n\
                   FinlandConfirmed participant. Finland\u{2019}s government said so.\nSpainExpected to take part.\n\
                   Neither leader was invited to the gathering in London. \u{201C}We want peace,\u{201D} Macron said.\n"
                .into(),
            original: None,
            meta: Default::default(),
        }];
        veracity::Engine::new(sources, &veracity::config::Config::default()).expect("engine")
    })
}

proptest! {
    #[test]
    fn checking_any_claim_never_panics(claim in newsy()) {
        let report = engine().check(vec![veracity::model::Claim::adhoc(1, &claim)]);
        let c = &report.claims[0];
        prop_assert!((0.0..=1.0).contains(&c.confidence));
        for (start, end) in &c.marks {
            prop_assert!(c.text.get(*start..*end).is_some());
        }
        for e in &c.evidence {
            for (start, end) in &e.marks {
                prop_assert!(e.sentence.get(*start..*end).is_some());
            }
        }
        for format in [veracity::report::OutputFormat::Text, veracity::report::OutputFormat::Html] {
            let _ = veracity::report::render(&report, format, veracity::report::RenderOptions::default());
        }
    }
}

proptest! {
    #[test]
    fn any_source_text_can_be_indexed_and_checked(text in newsy(), claim in newsy()) {
        let source = veracity::model::SourceText { path: "s.txt".into(), text: text.clone(), original: None, meta: Default::default() };
        let html = veracity::model::SourceText {
            path: "s.html".into(),
            text: veracity::text::html::strip_html(&text),
            original: None,
            meta: Default::default(),
        };
        let engine = veracity::Engine::new(vec![source, html], &veracity::config::Config::default()).expect("engine");
        let report = engine.check(vec![veracity::model::Claim::adhoc(1, &claim), veracity::model::Claim::adhoc(2, &text)]);
        for c in &report.claims {
            prop_assert!((0.0..=1.0).contains(&c.confidence));
            for e in &c.evidence {
                prop_assert!(e.line >= 1 && e.column >= 1);
            }
        }
    }
}
