//! Snapshots of every renderer on the bundled corpus, and determinism.

mod common;

use veracity::report::{render, OutputFormat, RenderOptions};

fn bundled_report() -> veracity::model::Report {
    common::in_root(|| {
        let engine = common::bundled_engine();
        common::check(&engine, common::claims("claims/coalition.toml"))
    })
}

#[test]
fn text_report() {
    let report = bundled_report();
    let options = RenderOptions { all_evidence: true, ..RenderOptions::default() };
    insta::assert_snapshot!(render(&report, OutputFormat::Text, options));
}

#[test]
fn json_report() {
    let report = bundled_report();
    insta::assert_snapshot!(render(&report, OutputFormat::Json, RenderOptions::default()));
}

#[test]
fn every_bundled_expectation_holds() {
    let report = bundled_report();
    let failed: Vec<&str> = report.claims.iter().filter(|c| c.ok == Some(false)).map(|c| c.id.as_str()).collect();
    assert!(failed.is_empty(), "expectations failed: {failed:?}");
    assert!(report.claims.len() >= 60);
}

#[test]
fn reports_are_byte_identical_across_runs() {
    let first = render(&bundled_report(), OutputFormat::Json, RenderOptions::default());
    let second = render(&bundled_report(), OutputFormat::Json, RenderOptions::default());
    assert_eq!(first, second);
}

#[test]
fn every_verdict_explains_itself() {
    for claim in bundled_report().claims {
        assert!(!claim.reasons.is_empty(), "{} has no reason", claim.id);
        if claim.verdict != veracity::model::Verdict::Unsourced {
            assert!(!claim.evidence.is_empty(), "{} has no evidence", claim.id);
            assert!(claim.evidence[0].reasons.iter().any(|r| !r.message().is_empty()));
        }
        assert!((0.0..=1.0).contains(&claim.confidence));
    }
}

#[test]
fn colour_only_when_asked() {
    let report = bundled_report();
    let plain = render(&report, OutputFormat::Text, RenderOptions::default());
    let coloured = render(&report, OutputFormat::Text, RenderOptions { color: true, ..RenderOptions::default() });
    assert!(!plain.contains('\u{1b}'));
    assert!(coloured.contains('\u{1b}'));
}

#[test]
fn no_evidence_line_is_listed_twice_for_a_claim() {
    // A sentence read with the one before it is shown at that one's line:
    // that line is not listed again on its own.
    for claim in bundled_report().claims {
        let mut seen = std::collections::HashSet::new();
        for e in &claim.evidence {
            assert!(seen.insert((e.source.clone(), e.line, e.column)), "{}: {}:{} twice", claim.id, e.source, e.line);
        }
    }
}
