//! schema.org `ClaimReview` JSON-LD, the format fact-checking organisations
//! publish and search engines read: one review per claim, the verdict as the
//! rating, the evidence as citations.

use crate::model::Verdict;
use crate::model::{ClaimReport, Report};
use serde_json::{json, Value};

/// The rating of a verdict on a 1 (false) to 3 (true) scale, and its name.
fn rating(verdict: Verdict) -> (u8, &'static str) {
    match verdict {
        Verdict::Contradicted => (1, "False: contradicted by the sources"),
        Verdict::Unsourced => (2, "Unproven: nothing in the sources settles it"),
        Verdict::Supported => (3, "True: stated by the sources"),
    }
}

fn review(claim: &ClaimReport, report: &Report) -> Value {
    let (value, name) = rating(claim.verdict);
    let appearance: Vec<Value> = claim
        .location
        .iter()
        .map(|l| json!({"@type": "CreativeWork", "url": format!("{}#L{}", l.path, l.line)}))
        .collect();
    let citations: Vec<Value> = claim
        .evidence
        .iter()
        .map(|e| {
            let meta = report.context.sources.get(&e.source);
            let mut cite = json!({
                "@type": "CreativeWork",
                "text": e.sentence,
                "identifier": format!("{}:{}:{}", e.source, e.line, e.column),
            });
            if let Some(m) = meta {
                if let Some(url) = &m.url {
                    cite["url"] = json!(url);
                }
                if let Some(title) = &m.title {
                    cite["name"] = json!(title);
                }
                if let Some(outlet) = &m.outlet {
                    cite["publisher"] = json!({"@type": "Organization", "name": outlet});
                }
                if let Some(date) = &m.published {
                    cite["datePublished"] = json!(date);
                }
            }
            cite
        })
        .collect();
    json!({
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "identifier": claim.id,
        "claimReviewed": claim.text,
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": value,
            "bestRating": 3,
            "worstRating": 1,
            "alternateName": name,
            "ratingExplanation": claim.reasons.iter().map(|r| r.message()).collect::<Vec<_>>().join("; ")
        },
        "itemReviewed": {"@type": "Claim", "appearance": appearance},
        "citation": citations,
        "author": {"@type": "Organization", "name": "Veracity"}
    })
}

/// Renders the report as a JSON-LD array of `ClaimReview`s.
pub fn render(report: &Report) -> String {
    let reviews: Vec<Value> = report.claims.iter().map(|c| review(c, report)).collect();
    serde_json::to_string_pretty(&reviews).unwrap_or_default() + "\n"
}
