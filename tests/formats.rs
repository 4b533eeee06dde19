//! Every report format on the bundled corpus: a snapshot each, byte-identical
//! across runs, and each passing its validator (XML for JUnit, the SARIF 2.1.0
//! schema, the report's own JSON schema).

mod common;

use serde_json::Value;
use veracity::model::{Location, Publish, Report, SourceMeta};
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

/// Where the published report lives, in [`published`].
const PUBLISHED_AT: &str = "https://factcheck.example/reports/coalition.html";
/// The address of the one claim with a review page of its own.
const OWN_PAGE: &str = "https://factcheck.example/reviews/paris-meeting";
/// The article the last claim is found in (as with `--article`), and its address.
const ARTICLE: (&str, &str) = ("articles/today.html", "https://news.example/2025/09/today");

/// [`report`] as a fact-checker publishes it, with the context the command
/// line gives it: `[publish]` set, the settings behind the verdicts, web
/// addresses for the cited articles (not for the reference notes), the first
/// claim with a review page of its own, and the last one found in an article
/// with an address.
fn published() -> Report {
    let mut report = report();
    let config = veracity::ingest::read_config(&common::root().join("veracity.toml")).expect("bundled config");
    let settings = toml::to_string(&config.check).expect("settings serialise");
    report.context.settings = settings.lines().filter(|l| !l.trim().is_empty()).map(str::to_string).collect();
    report.context.publish = Publish {
        organization: Some("Example Fact Checks".into()),
        url: Some(PUBLISHED_AT.into()),
        date: Some("2025-09-05".into()),
    };
    for (path, meta) in &mut report.context.sources {
        if let Some(name) = path.strip_prefix("sources/").filter(|n| n.starts_with('0')) {
            meta.url = Some(format!("https://news.example/{}", name.trim_end_matches(".txt")));
        }
    }
    let article = SourceMeta {
        title: Some("Leaders gather in Paris".into()),
        outlet: Some("News Example".into()),
        url: Some(ARTICLE.1.into()),
        published: Some("2025-09-04".into()),
        ..SourceMeta::default()
    };
    report.context.sources.insert(ARTICLE.0.into(), article);
    report.claims[0].url = Some(OWN_PAGE.into());
    let last = report.claims.last_mut().expect("claims");
    last.location = Some(Location { path: ARTICLE.0.into(), line: 3, column: 1, line_text: last.text.clone() });
    report
}

/// Whether `url` is an absolute web address: `http(s)://`, a host, no spaces.
fn is_web_address(url: &str) -> bool {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    rest.is_some_and(|r| !r.is_empty() && !r.starts_with('/')) && !url.chars().any(char::is_whitespace)
}

/// What a review lacks of Google's fact-check markup
/// (developers.google.com/search/docs/appearance/structured-data/factcheck):
/// the required `claimReviewed`, `reviewRating` (an `alternateName`; for a
/// numeric rating `ratingValue` between `worstRating` and `bestRating`),
/// `author` (an Organization or Person with a `name`) and `url` (absolute),
/// and, when `published`, the recommended `datePublished` (ISO 8601) and
/// `itemReviewed` (a Claim). Every `url`, and every `appearance`, is a web
/// address wherever it is: never a local path.
fn google_problems(review: &Value, published: bool) -> Vec<String> {
    let mut problems = Vec::new();
    let text = |v: &Value| v.as_str().is_some_and(|s| !s.trim().is_empty());
    if review["@context"] != "https://schema.org" || review["@type"] != "ClaimReview" {
        problems.push("not a schema.org ClaimReview".to_string());
    }
    if !text(&review["claimReviewed"]) {
        problems.push("claimReviewed is missing or empty".into());
    }
    let rating = &review["reviewRating"];
    if rating["@type"] != "Rating" || !text(&rating["alternateName"]) {
        problems.push("reviewRating needs @type Rating and an alternateName".into());
    }
    if !rating["ratingValue"].is_null() {
        let (value, best, worst) =
            (rating["ratingValue"].as_f64(), rating["bestRating"].as_f64(), rating["worstRating"].as_f64());
        match (value, best, worst) {
            (Some(v), Some(b), Some(w)) if w < b && (w..=b).contains(&v) => {}
            _ => problems.push(format!("numeric rating out of its scale: {rating}")),
        }
    }
    let author = &review["author"];
    if !matches!(author["@type"].as_str(), Some("Organization" | "Person")) || !text(&author["name"]) {
        problems.push(format!("author needs a type and a name: {author}"));
    }
    if published {
        if !review["url"].as_str().is_some_and(is_web_address) {
            problems.push(format!("url is not an absolute web address: {}", review["url"]));
        }
        let date = review["datePublished"].as_str().unwrap_or("");
        let iso = date.len() == 10 && veracity::model::SourceMeta::is_date(date);
        if !iso {
            problems.push(format!("datePublished is not YYYY-MM-DD: {date:?}"));
        }
        if review["itemReviewed"]["@type"] != "Claim" {
            problems.push("itemReviewed is not a Claim".into());
        }
    }
    let item = &review["itemReviewed"];
    for key in ["appearance", "firstAppearance"] {
        let works = match &item[key] {
            Value::Null => vec![],
            Value::Array(works) => works.iter().collect(),
            work => vec![work],
        };
        for work in works {
            if !work["url"].as_str().is_some_and(is_web_address) {
                problems.push(format!("{key} without a web address: {work}"));
            }
        }
    }
    let mut urls = Vec::new();
    every_url(review, &mut urls);
    problems
        .extend(urls.into_iter().filter(|u| !is_web_address(u)).map(|u| format!("a url is not a web address: {u}")));
    problems
}

/// Every value of a `url` key, at any depth.
fn every_url<'a>(value: &'a Value, out: &mut Vec<&'a str>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                match (key.as_str(), v.as_str()) {
                    ("url", Some(url)) => out.push(url),
                    _ => every_url(v, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| every_url(v, out)),
        _ => {}
    }
}

fn reviews_of(json: &str) -> Vec<Value> {
    let reviews: Value = serde_json::from_str(json).expect("JSON-LD");
    reviews.as_array().expect("an array of reviews").clone()
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
    for format in OutputFormat::ALL {
        assert_eq!(rendered(format), rendered(format), "{format:?}");
    }
}

#[test]
fn markdown_snapshot() {
    insta::assert_snapshot!(rendered(OutputFormat::Markdown));
}

/// The version, which changes with every release, out of a snapshot.
fn without_version(text: &str) -> String {
    text.replace(concat!("Veracity ", env!("CARGO_PKG_VERSION")), "Veracity [version]")
}

#[test]
fn html_snapshot() {
    let html = render(&published(), OutputFormat::Html, RenderOptions::default());
    for external in ["<link", " src=", "url(", "@import"] {
        assert!(!html.contains(external), "self-contained: no {external}");
    }
    insta::assert_snapshot!(without_version(&html));
}

#[test]
fn html_shows_the_sources_the_version_and_the_settings() {
    let report = published();
    let html = render(&report, OutputFormat::Html, RenderOptions::default());
    let (_, sources) = html.split_once("<section class=\"sources\"").expect("a Sources section");
    let (sources, foot) = sources.split_once("</section>").expect("the section ends");
    let cited: std::collections::BTreeSet<&str> =
        report.claims.iter().flat_map(|c| &c.evidence).map(|e| e.source.as_str()).collect();
    assert_eq!(sources.matches("<li class=\"source\">").count(), cited.len(), "each cited source once");
    for path in &cited {
        assert!(sources.contains(&format!("<code class=\"path\">{path}</code>")), "{path} is listed");
        let meta = &report.context.sources[*path];
        if let Some(title) = &meta.title {
            let title = title.replace('&', "&amp;").replace('\'', "&apos;");
            assert!(sources.contains(&title), "{path}: its title");
        }
        match &meta.url {
            Some(url) => assert!(sources.contains(&format!("<a href=\"{url}\"")), "{path}: a link"),
            None => assert!(path.starts_with("sources/reference/"), "only the notes have no address"),
        }
    }
    assert!(!sources.contains(ARTICLE.0), "an article no evidence cites is not a source");
    assert!(sources.contains("(inferred)"), "inferred dates say so");
    assert!(sources.contains("trust 0.90") && sources.contains("trust 0.50"));
    assert!(foot.contains(concat!("Veracity ", env!("CARGO_PKG_VERSION"))));
    assert!(foot.contains("<time datetime=\"2025-09-05\">2025-09-05</time>"));
    assert!(foot.contains("published by Example Fact Checks"));
    assert!(foot.contains("<details class=\"settings\"><summary>"), "settings are collapsed");
    for line in &report.context.settings {
        assert!(foot.contains(line.replace('"', "&quot;").as_str()), "{line}");
    }
    assert!(html.contains(&format!("id=\"{}\"", report.claims[1].id)), "a claim is an anchor for #ID");

    // Unpublished, there is no date, and no clock.
    let html = rendered(OutputFormat::Html);
    assert!(!html.contains("<time") && html.contains(concat!("Veracity ", env!("CARGO_PKG_VERSION"))));
}

#[test]
fn html_links_only_web_addresses_of_sources() {
    let mut report = published();
    let mut paths = report.context.sources.keys().filter(|p| p.starts_with("sources/0")).cloned();
    let (first, second) = (paths.next().expect("an article"), paths.next().expect("another"));
    report.context.sources.get_mut(&first).expect("meta").url = Some("javascript:alert(1)".into());
    report.context.sources.get_mut(&second).expect("meta").url = Some("/home/me/notes.html".into());
    let html = render(&report, OutputFormat::Html, RenderOptions::default());
    assert!(!html.contains("href=\"javascript:") && !html.contains("href=\"/home"));
    assert!(html.contains("<span class=\"url\">javascript:alert(1)</span>"), "shown as text");
}

#[test]
fn claimreview_snapshot() {
    let report = published();
    let json = render(&report, OutputFormat::Claimreview, RenderOptions::default());
    let reviews = reviews_of(&json);
    assert_eq!(reviews.len(), report.claims.len());
    assert!(reviews.iter().all(|r| r["@type"] == "ClaimReview" && r["reviewRating"]["ratingValue"].is_u64()));
    insta::assert_snapshot!(json);
}

#[test]
fn published_claimreviews_have_what_google_requires() {
    let report = published();
    let reviews = reviews_of(&render(&report, OutputFormat::Claimreview, RenderOptions::default()));
    for (review, claim) in reviews.iter().zip(&report.claims) {
        let problems = google_problems(review, true);
        assert!(problems.is_empty(), "{}: {problems:#?}", claim.id);
        assert_eq!(review["author"]["name"], "Example Fact Checks");
        assert_eq!(review["datePublished"], "2025-09-05");
    }
    assert_eq!(reviews[0]["url"], OWN_PAGE, "a claim's own address comes first");
    assert_eq!(reviews[1]["url"], format!("{PUBLISHED_AT}#{}", report.claims[1].id));
    let last = reviews.last().expect("reviews");
    assert_eq!(last["url"], format!("{PUBLISHED_AT}#claim-1"));
    assert_eq!(last["itemReviewed"]["appearance"][0]["url"], ARTICLE.1, "where the claim was made");
    assert_eq!(last["itemReviewed"]["appearance"][0]["headline"], "Leaders gather in Paris");
    for review in &reviews[..reviews.len() - 1] {
        assert!(review["itemReviewed"]["appearance"].is_null(), "a claims file is not where a claim was made");
    }

    // An id is escaped for the fragment; an article without a web address is no appearance.
    let mut report = published();
    report.claims[1].id = "a b#c&d".into();
    let article = report.context.sources.get_mut(ARTICLE.0).expect("the article");
    article.url = Some(ARTICLE.0.into());
    let reviews = reviews_of(&render(&report, OutputFormat::Claimreview, RenderOptions::default()));
    assert_eq!(reviews[1]["url"], format!("{PUBLISHED_AT}#a%20b%23c%26d"));
    assert!(reviews.last().expect("reviews")["itemReviewed"]["appearance"].is_null());
    assert!(reviews.iter().all(|r| google_problems(r, true).is_empty()));
}

#[test]
fn unpublished_claimreviews_are_deterministic_and_undated() {
    let json = rendered(OutputFormat::Claimreview);
    assert_eq!(json, rendered(OutputFormat::Claimreview));
    let reviews = reviews_of(&json);
    for review in &reviews {
        assert!(google_problems(review, false).is_empty(), "{:#?}", google_problems(review, false));
        assert!(review["datePublished"].is_null(), "no date unless one is given");
        assert!(review["url"].is_null(), "no address unless one is given");
        assert_eq!(review["author"]["name"], "Veracity");
        assert!(review["itemReviewed"]["appearance"].is_null(), "no local path as an appearance");
    }
    assert!(!json.contains("claims/coalition.toml"), "no local path in a review");
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
    let meta = SourceMeta {
        title: Some("<i>Title</i>".into()),
        outlet: Some("<u>Outlet</u> & co".into()),
        url: Some("https://x.example/?a=\"><script>alert(2)</script>".into()),
        published: Some("2025-01-01".into()),
        ..SourceMeta::default()
    };
    let source = veracity::model::SourceText {
        path: "evil<b>.txt".into(),
        text: "<img src=x onerror=alert(1)> NATO has 32 members, <b>says</b> the note.\n".into(),
        original: None,
        meta,
    };
    let engine = veracity::Engine::new(vec![source], &veracity::config::Config::default()).expect("engine");
    let report = engine.check(vec![veracity::model::Claim::adhoc(1, "NATO has 31 members.")]);
    assert_eq!(report.claims[0].verdict, veracity::model::Verdict::Contradicted);
    let html = render(&report, OutputFormat::Html, RenderOptions::default());
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"), "the source's markup is shown as text");
    assert!(!html.contains("<img") && !html.contains("<b>says"));
    assert!(
        html.contains("<cite>&lt;i&gt;Title&lt;/i&gt;</cite>") && html.contains("&lt;u&gt;Outlet&lt;/u&gt; &amp; co")
    );
    assert!(html.contains("evil&lt;b&gt;.txt") && !html.contains("evil<b>"));
    assert!(!html.contains("<i>") && !html.contains("<u>") && html.matches("<script").count() == 1);
}
