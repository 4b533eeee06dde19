//! Every report format on the bundled corpus: a snapshot each, byte-identical
//! across runs, and each passing its validator (XML for JUnit, the SARIF 2.1.0
//! schema, the report's own JSON schema).

mod common;

use veracity::model::Report;
use veracity::report::{render, OutputFormat, RenderOptions};

/// The bundled claims plus one contradicted claim without `expect`, so that
/// every format has a finding to show.
fn report() -> Report {
    common::in_root(|| {
        let engine = common::bundled_engine();
        let mut claims = common::claims("claims/coalition.toml");
        claims.push(veracity::model::Claim::adhoc(1, "NATO has 31 members."));
        common::check(&engine, claims)
    })
}

fn rendered(format: OutputFormat) -> String {
    render(&report(), format, RenderOptions::default())
}

fn schema(path: &str) -> jsonschema::Validator {
    let text = std::fs::read_to_string(common::root().join(path)).expect("schema file");
    // The SARIF 2.1.0 schema's `run.language` pattern has a stray `]`, which the
    // checker of regular expressions rejects; it is replaced here by the pattern
    // the specification describes (a language tag: "en" or "en-US"). Our reports
    // do not set `language`, so the change validates nothing differently.
    let text = text.replace(r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#, r#""^[a-zA-Z]{2}(-[a-zA-Z]{2})?$""#);
    let schema: serde_json::Value = serde_json::from_str(&text).expect("schema is JSON");
    jsonschema::validator_for(&schema).expect("schema compiles")
}

fn assert_valid(validator: &jsonschema::Validator, doc: &serde_json::Value) {
    let errors: Vec<String> = validator.iter_errors(doc).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn every_format_is_byte_identical_across_runs() {
    for format in [
        OutputFormat::Text,
        OutputFormat::Json,
        OutputFormat::Jsonl,
        OutputFormat::Markdown,
        OutputFormat::Junit,
        OutputFormat::Sarif,
        OutputFormat::Github,
        OutputFormat::Html,
        OutputFormat::Claimreview,
    ] {
        assert_eq!(rendered(format), rendered(format), "{format:?}");
    }
}

#[test]
fn markdown_snapshot() {
    insta::assert_snapshot!(rendered(OutputFormat::Markdown));
}

#[test]
fn html_snapshot() {
    let html = rendered(OutputFormat::Html);
    for external in ["<link", " src=", "url(", "@import"] {
        assert!(!html.contains(external), "self-contained: no {external}");
    }
    insta::assert_snapshot!(html);
}

#[test]
fn claimreview_snapshot() {
    let reviews: serde_json::Value = serde_json::from_str(&rendered(OutputFormat::Claimreview)).expect("JSON-LD");
    let reviews = reviews.as_array().expect("an array of reviews");
    assert_eq!(reviews.len(), report().claims.len());
    assert!(reviews.iter().all(|r| r["@type"] == "ClaimReview" && r["reviewRating"]["ratingValue"].is_u64()));
    insta::assert_snapshot!(rendered(OutputFormat::Claimreview));
}

#[test]
fn github_snapshot() {
    insta::assert_snapshot!(rendered(OutputFormat::Github));
}

#[test]
fn junit_snapshot_and_xml() {
    let xml = rendered(OutputFormat::Junit);
    let doc = roxmltree::Document::parse(&xml).expect("JUnit output is well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let cases = doc.descendants().filter(|n| n.has_tag_name("testcase")).count();
    assert_eq!(root.attribute("tests"), Some(cases.to_string().as_str()));
    let failures = doc.descendants().filter(|n| n.has_tag_name("failure")).count();
    assert_eq!(failures, 1, "the one contradicted claim without expect");
    assert_eq!(root.attribute("failures"), Some("1"));
    insta::assert_snapshot!(xml);
}

#[test]
fn sarif_snapshot_and_schema() {
    let sarif = rendered(OutputFormat::Sarif);
    let doc: serde_json::Value = serde_json::from_str(&sarif).expect("SARIF is JSON");
    let validator = schema("tests/schemas/sarif-schema-2.1.0.json");
    assert_valid(&validator, &doc);
    let mut broken = doc.clone();
    broken["runs"][0]["results"][0]["level"] = "severe".into();
    assert!(!validator.is_valid(&broken), "the schema does reject a bad report");
    let results = doc["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), 1);
    insta::assert_snapshot!(sarif);
}

#[test]
fn json_matches_its_schema() {
    let doc: serde_json::Value = serde_json::from_str(&rendered(OutputFormat::Json)).expect("JSON");
    let validator = schema("schemas/report-v1.schema.json");
    assert_valid(&validator, &doc);
    let mut broken = doc.clone();
    broken["claims"][0]["verdict"] = "true".into();
    assert!(!validator.is_valid(&broken), "the schema does reject a bad report");
}

#[test]
fn jsonl_is_one_claim_a_line_matching_the_json_report() {
    let json: serde_json::Value = serde_json::from_str(&rendered(OutputFormat::Json)).expect("JSON");
    let lines: Vec<serde_json::Value> =
        rendered(OutputFormat::Jsonl).lines().map(|l| serde_json::from_str(l).expect("each line is JSON")).collect();
    assert_eq!(json["claims"].as_array().map(Vec::as_slice), Some(lines.as_slice()));
    insta::assert_snapshot!(rendered(OutputFormat::Jsonl));
}

#[test]
fn markup_in_claims_stays_text() {
    let engine = common::in_root(common::bundled_engine);
    let claim = veracity::model::Claim::adhoc(1, "<script>alert('x')</script> NATO & \"friends\" has 31 members.");
    let mut report = engine.check(vec![claim]);
    let policy = veracity::policy::Policy { fail_on: vec![veracity::model::Verdict::Contradicted], baseline: None };
    policy.apply(&mut report);
    let xml = render(&report, OutputFormat::Junit, RenderOptions::default());
    let doc = roxmltree::Document::parse(&xml).expect("well-formed despite markup in the claim");
    assert!(doc.descendants().any(|n| n.text().is_some_and(|t| t.contains("<script>"))));
    assert!(!xml.contains("<script>"));
}

#[test]
fn markup_in_sources_stays_text() {
    let source = veracity::model::SourceText {
        path: "evil.txt".into(),
        text: "<img src=x onerror=alert(1)> NATO has 32 members, <b>says</b> the note.\n".into(),
        original: None,
        meta: Default::default(),
    };
    let engine = veracity::Engine::new(vec![source], &veracity::config::Config::default()).expect("engine");
    let report = engine.check(vec![veracity::model::Claim::adhoc(1, "NATO has 31 members.")]);
    assert_eq!(report.claims[0].verdict, veracity::model::Verdict::Contradicted);
    let html = render(&report, OutputFormat::Html, RenderOptions::default());
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"), "the source's markup is shown as text");
    assert!(!html.contains("<img") && !html.contains("<b>says"));
}
