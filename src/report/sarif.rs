//! SARIF 2.1.0: one result per finding, located at its claim in the claims
//! file, with the evidence as related locations. Code-scanning tools read it.

use crate::model::{ClaimReport, Report};
use serde_json::{json, Value};

/// Paths are relative to the project's folder (where `veracity.toml` is, or
/// the folder Veracity ran in): the source root code-scanning tools resolve
/// relative URIs against.
const SRCROOT: &str = "%SRCROOT%";

fn rule(id: &str, text: &str) -> Value {
    json!({"id": id, "shortDescription": {"text": text}})
}

fn result(claim: &ClaimReport) -> Value {
    let rule_id = if claim.ok == Some(false) { "expectation" } else { claim.verdict.as_str() };
    let mut message = claim.text.clone();
    if let Some(expect) = claim.expect {
        message = format!("{message} (expected {expect}, got {})", claim.verdict);
    }
    for reason in claim.reasons.iter() {
        message.push_str("\n- ");
        message.push_str(&reason.message());
    }
    let locations: Vec<Value> = claim
        .location
        .iter()
        .map(|l| {
            json!({"physicalLocation": {
                "artifactLocation": {"uri": l.path, "uriBaseId": SRCROOT},
                "region": {"startLine": l.line, "startColumn": l.column}
            }})
        })
        .collect();
    let related: Vec<Value> = claim
        .evidence
        .iter()
        .enumerate()
        .map(|(i, e)| {
            json!({
                "id": i,
                "message": {"text": format!("{}: {}", e.stance_name(), e.sentence)},
                "physicalLocation": {
                    "artifactLocation": {"uri": e.source, "uriBaseId": SRCROOT},
                    "region": {"startLine": e.line, "startColumn": e.column}
                }
            })
        })
        .collect();
    json!({
        "ruleId": rule_id,
        "level": "error",
        "message": {"text": message},
        "locations": locations,
        "relatedLocations": related,
        "properties": {"id": claim.id, "verdict": claim.verdict, "confidence": claim.confidence}
    })
}

/// Renders the report as SARIF 2.1.0 JSON.
pub fn render(report: &Report) -> String {
    let results: Vec<Value> = report.claims.iter().filter(|c| c.finding).map(result).collect();
    let sarif = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "veracity",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": [
                    rule("contradicted", "A source states something incompatible with the claim."),
                    rule("unsourced", "Nothing in the sources settles the claim."),
                    rule("disputed", "Sources of comparable standing disagree about the claim."),
                    rule("supported", "A source states the claim."),
                    rule("expectation", "The claim's verdict differs from its `expect`."),
                ]
            }},
            "results": results,
            "properties": {"asOf": report.as_of}
        }]
    });
    serde_json::to_string_pretty(&sarif).unwrap_or_default() + "\n"
}
