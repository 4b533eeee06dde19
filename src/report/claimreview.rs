//! schema.org `ClaimReview` JSON-LD, the format fact-checking organisations
//! publish and search engines read: one review per claim, the verdict as the
//! rating, the evidence as citations.
//!
//! Google's fact-check markup requires `claimReviewed`, `reviewRating` (with
//! `alternateName`; `ratingValue`, `bestRating` and `worstRating` for a
//! numeric rating), `author` (with a `name`) and `url`, and recommends
//! `datePublished` and `itemReviewed` (a `Claim` whose `appearance` is where
//! it was made). The publisher, address and date come from `[publish]` in
//! `veracity.toml` ([`crate::model::Publish`]); without them a review has no
//! `url` and no date, and the output stays the same from run to run.

use super::web;
use crate::model::{ClaimReport, Publish, Report, SourceMeta, Verdict};
use serde_json::{json, Value};

/// The rating of a verdict on a 1 (false) to 3 (true) scale, and its name.
fn rating(verdict: Verdict) -> (u8, &'static str) {
    match verdict {
        Verdict::Contradicted => (1, "False: contradicted by the sources"),
        Verdict::Unsourced => (2, "Unproven: nothing in the sources settles it"),
        Verdict::Disputed => (2, "Disputed: the sources disagree"),
        Verdict::Supported => (3, "True: stated by the sources"),
    }
}

/// `id` percent-encoded for a URL fragment: letters, digits and `-._~:@!$'()*,;/`
/// stay as they are; every other byte of its UTF-8 is `%XX` (so `#`, `%`, `&`,
/// `=` and `+` never change how the address reads).
fn fragment(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~:@!$'()*,;/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The address of a claim's review: the claim's own `url`, else
/// `{publish.url}#{id}`, else none (Google needs one to show the review; set
/// `[publish] url` or the claim's `url`). Only web addresses are used.
fn review_url(claim: &ClaimReport, publish: &Publish) -> Option<String> {
    if let Some(own) = claim.url.as_deref().and_then(web) {
        return Some(own.to_string());
    }
    let base = publish.url.as_deref().and_then(web)?;
    let base = base.split_once('#').map_or(base, |(before, _)| before);
    Some(format!("{base}#{}", fragment(&claim.id)))
}

/// Where the claim was made, when that has a web address: the source
/// metadata of the file the claim was found in (an article checked with
/// `--article`). A claims file is not where a claim was made, and a local
/// path is never an address.
fn appearance(claim: &ClaimReport, report: &Report) -> Option<Value> {
    let path = &claim.location.as_ref()?.path;
    let meta: &SourceMeta = report.context.sources.get(path)?;
    let url = web(meta.url.as_deref()?)?;
    let mut work = json!({"@type": "CreativeWork", "url": url});
    if let Some(title) = &meta.title {
        work["headline"] = json!(title);
    }
    if let Some(date) = &meta.published {
        work["datePublished"] = json!(date);
    }
    if let Some(outlet) = &meta.outlet {
        work["publisher"] = json!({"@type": "Organization", "name": outlet});
    }
    Some(work)
}

fn review(claim: &ClaimReport, report: &Report) -> Value {
    let publish = &report.context.publish;
    let (value, name) = rating(claim.verdict);
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
    let mut item = json!({"@type": "Claim"});
    if let Some(work) = appearance(claim, report) {
        item["appearance"] = json!([work]);
    }
    let organization = publish.organization.as_deref().map(str::trim).filter(|o| !o.is_empty());
    let mut review = json!({
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
        "itemReviewed": item,
        "citation": citations,
        "author": {"@type": "Organization", "name": organization.unwrap_or("Veracity")}
    });
    if let Some(url) = review_url(claim, publish) {
        review["url"] = json!(url);
    }
    if let Some(date) = &publish.date {
        review["datePublished"] = json!(date);
    }
    review
}

/// Renders the report as a JSON-LD array of `ClaimReview`s.
pub fn render(report: &Report) -> String {
    let reviews: Vec<Value> = report.claims.iter().map(|c| review(c, report)).collect();
    serde_json::to_string_pretty(&reviews).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_addresses_are_addresses() {
        for good in ["https://example.org/a", "http://example.org", "HTTPS://Example.org/x?y#z"] {
            assert!(web(good).is_some(), "{good}");
        }
        for bad in ["claims/a.toml", "/home/me/a.html", "file:///a.html", "https://", "https:///x", "javascript:x", ""]
        {
            assert!(web(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn ids_are_escaped_for_a_fragment() {
        assert_eq!(fragment("claim-1"), "claim-1");
        assert_eq!(fragment("12:3"), "12:3");
        assert_eq!(fragment("a b#c%d&e=f"), "a%20b%23c%25d%26e%3Df");
        assert_eq!(fragment("é"), "%C3%A9");
    }
}
