//! One self-contained HTML page (no network, no external assets): summary
//! counts, a verdict filter and a search box, each claim with its evidence and
//! the conflicting words highlighted, source metadata; light and dark, readable
//! on a phone. The filter state lives in the address's `#` part
//! (`#verdict=contradicted&q=rutte`, `#verdict=findings`), so a filtered view
//! can be linked to; each claim is also an anchor (`#ID`, where ClaimReview's
//! `{publish.url}#ID` points). Below the claims: the sources the evidence
//! cites, with their metadata; at the foot, the Veracity version, the
//! publication date (only when `[publish] date` is set: no clock) and the
//! settings behind the verdicts.

use super::{count, escape_xml as esc, stance_name, web};
use crate::model::SourceMeta;
use crate::model::Verdict;
use crate::model::{ClaimReport, Evidence, Report};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

const STYLE: &str = include_str!("html/report.css");
const SCRIPT: &str = include_str!("html/report.js");

/// Renders the report as an HTML page.
pub fn render(report: &Report) -> String {
    let s = &report.summary;
    let findings = report.findings();
    let mut out = String::new();
    out.push_str("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<meta name=\"color-scheme\" content=\"light dark\">\n<title>Veracity report</title>\n");
    let _ = write!(out, "<style>\n{STYLE}</style>\n</head>\n<body>\n<header>\n<h1>Veracity report</h1>\n");
    let _ = writeln!(
        out,
        "<p class=\"counts\">{}: <span class=\"v-supported\">{} supported</span>, <span class=\"v-contradicted\">{} contradicted</span>, <span class=\"v-unsourced\">{} unsourced</span>{}; <strong>{}</strong>{}</p>",
        count(report.claims.len(), "claim"),
        s.supported,
        s.contradicted,
        s.unsourced,
        if s.disputed == 0 { String::new() } else { format!(", <span class=\"v-disputed\">{} disputed</span>", s.disputed) },
        count(findings, "finding"),
        super::as_of_note(report.as_of.as_deref())
    );
    out.push_str("<nav class=\"filters\" aria-label=\"Filter claims\">\n");
    let buttons = [
        ("all", "All", report.claims.len()),
        ("supported", "Supported", s.supported),
        ("contradicted", "Contradicted", s.contradicted),
        ("unsourced", "Unsourced", s.unsourced),
        ("disputed", "Disputed", s.disputed),
        ("findings", "Findings", findings),
    ];
    for (key, label, n) in buttons {
        let _ = writeln!(out, "<button type=\"button\" data-filter=\"{key}\" aria-pressed=\"false\">{label} <span class=\"n\">{n}</span></button>");
    }
    out.push_str("<input type=\"search\" id=\"search\" placeholder=\"Search claims and evidence\" aria-label=\"Search claims and evidence\">\n");
    out.push_str("</nav>\n<p id=\"shown\" aria-live=\"polite\"></p>\n</header>\n<main>\n<ol class=\"claims\">\n");
    let mut anchors = BTreeSet::new();
    for claim in &report.claims {
        // An id is an anchor once: a second claim with the same id has none.
        // (HTML ids have no spaces.)
        let anchor = !claim.id.is_empty()
            && !claim.id.chars().any(|c| c.is_ascii_whitespace())
            && anchors.insert(claim.id.as_str());
        claim_item(&mut out, claim, report, anchor);
    }
    out.push_str("</ol>\n");
    sources(&mut out, report);
    out.push_str("</main>\n");
    footer(&mut out, report);
    let _ = write!(out, "<script>\n{SCRIPT}</script>\n</body>\n</html>\n");
    out
}

/// The sources the evidence cites, by path, each with its metadata (when
/// known) and how many claims cite it.
fn sources(out: &mut String, report: &Report) {
    let mut cited: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
    for (i, claim) in report.claims.iter().enumerate() {
        for e in &claim.evidence {
            cited.entry(e.source.as_str()).or_default().insert(i);
        }
    }
    if cited.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<section class=\"sources\" aria-labelledby=\"sources-title\">\n<h2 id=\"sources-title\">Sources <span class=\"n\">{}</span></h2>\n<ol class=\"sources\">",
        cited.len()
    );
    for (path, claims) in cited {
        let meta = report.context.sources.get(path);
        out.push_str("<li class=\"source\">");
        match meta.and_then(|m| m.title.as_deref()) {
            Some(title) => {
                let _ = write!(out, "<cite>{}</cite>", esc(title));
            }
            None => {
                let _ = write!(out, "<cite class=\"untitled\">{}</cite>", esc(path));
            }
        }
        let mut parts: Vec<String> = Vec::new();
        if let Some(meta) = meta {
            parts.extend(meta.outlet.as_deref().map(esc));
            parts.extend(meta.author.as_deref().map(esc));
            if let Some(date) = &meta.published {
                let inferred = if meta.published_inferred {
                    " <span class=\"inferred\" title=\"inferred, not printed in the source\">(inferred)</span>"
                } else {
                    ""
                };
                parts.push(format!("{}{inferred}", esc(date)));
            }
            parts.push(format!("{} · trust {:.2}", source_kind(meta), meta.trust()));
        }
        parts.push(format!("cited by {}", count(claims.len(), "claim")));
        let _ = write!(out, "<div class=\"meta\">{}</div>", parts.join(" · "));
        let mut place: Vec<String> = Vec::new();
        match meta.and_then(|m| m.url.as_deref()) {
            Some(url) if web(url).is_some() => {
                place.push(format!("<a href=\"{0}\" rel=\"noopener noreferrer\">{0}</a>", esc(url)));
            }
            Some(url) => place.push(format!("<span class=\"url\">{}</span>", esc(url))),
            None => {}
        }
        if meta.is_some_and(|m| m.title.is_some()) {
            place.push(format!("<code class=\"path\">{}</code>", esc(path)));
        }
        if !place.is_empty() {
            let _ = write!(out, "<div class=\"where\">{}</div>", place.join(" "));
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n</section>\n");
}

/// "reference" or "article".
fn source_kind(meta: &SourceMeta) -> &'static str {
    match meta.kind {
        crate::model::SourceKind::Reference => "reference",
        crate::model::SourceKind::Article => "article",
    }
}

/// The version, who published the report and when (only when `[publish]`
/// says so), and the settings that affect verdicts.
fn footer(out: &mut String, report: &Report) {
    let publish = &report.context.publish;
    let _ = write!(out, "<footer>\n<p class=\"about\">Veracity {}", esc(env!("CARGO_PKG_VERSION")));
    if let Some(organization) = publish.organization.as_deref().filter(|o| !o.trim().is_empty()) {
        let _ = write!(out, " · published by {}", esc(organization));
    }
    if let Some(date) = &publish.date {
        let _ = write!(out, " · <time datetime=\"{0}\">{0}</time>", esc(date));
    }
    out.push_str("</p>\n");
    let settings = &report.context.settings;
    if !settings.is_empty() {
        let _ = writeln!(
            out,
            "<details class=\"settings\"><summary>Settings that affect verdicts</summary>\n<pre>{}</pre>\n</details>",
            esc(&settings.join("\n"))
        );
    }
    out.push_str("</footer>\n");
}

/// `text` with the byte ranges `marks` wrapped in `<mark>`, all escaped.
fn marked(text: &str, marks: &[(usize, usize)]) -> String {
    let mut out = String::new();
    let mut at = 0;
    for &(start, end) in marks {
        let (Some(before), Some(inside)) = (text.get(at..start), text.get(start..end)) else { continue };
        out.push_str(&esc(before));
        let _ = write!(out, "<mark>{}</mark>", esc(inside));
        at = end;
    }
    out.push_str(&esc(text.get(at..).unwrap_or("")));
    out
}

fn claim_item(out: &mut String, claim: &ClaimReport, report: &Report, anchor: bool) {
    let verdict = claim.verdict.as_str();
    let id = esc(&claim.id);
    let _ = write!(
        out,
        "<li class=\"claim\" data-id=\"{id}\" data-verdict=\"{verdict}\" data-finding=\"{}\"",
        claim.finding
    );
    if anchor {
        let _ = write!(out, " id=\"{id}\"");
    }
    out.push_str(">\n");
    let _ = write!(out, "<div class=\"head\"><span class=\"badge v-{verdict}\">{verdict}</span>");
    if claim.finding {
        out.push_str(" <span class=\"badge finding\">finding</span>");
    }
    let _ = write!(
        out,
        " <span class=\"conf\" title=\"confidence\">{:.2}</span> <code class=\"cid\">{}</code>",
        claim.confidence,
        esc(&claim.id)
    );
    if let Some(loc) = &claim.location {
        let _ = write!(out, " <span class=\"loc\">{}:{}:{}</span>", esc(&loc.path), loc.line, loc.column);
    }
    out.push_str("</div>\n");
    let _ = writeln!(out, "<p class=\"text\">{}</p>", marked(&claim.text, &claim.marks));
    if let (Some(expect), Some(false)) = (claim.expect, claim.ok) {
        let _ = writeln!(out, "<p class=\"expect\">expected {expect}, got {}</p>", claim.verdict);
    }
    out.push_str("<ul class=\"reasons\">\n");
    for reason in claim.reasons.iter() {
        let _ = writeln!(out, "<li>{}</li>", esc(&reason.message()));
    }
    out.push_str("</ul>\n");
    if !claim.evidence.is_empty() {
        let open = if claim.finding || claim.verdict != Verdict::Unsourced { " open" } else { "" };
        let _ = writeln!(
            out,
            "<details{open}><summary>Evidence ({})</summary>\n<ul class=\"evidence\">",
            claim.evidence.len()
        );
        for e in &claim.evidence {
            evidence_item(out, e, report.context.sources.get(&e.source));
        }
        out.push_str("</ul>\n</details>\n");
    }
    out.push_str("</li>\n");
}

fn evidence_item(out: &mut String, e: &Evidence, meta: Option<&SourceMeta>) {
    let stance = stance_name(e.stance);
    let _ = write!(out, "<li class=\"s-{stance}\"><div class=\"src\"><span class=\"stance\">{stance}</span> ");
    let place = format!("{}:{}:{}", e.source, e.line, e.column);
    match meta.and_then(|m| m.url.as_deref()).filter(|u| web(u).is_some()) {
        Some(url) => {
            let _ = write!(out, "<a href=\"{}\" rel=\"noopener noreferrer\">{}</a>", esc(url), esc(&place));
        }
        None => {
            let _ = write!(out, "<span class=\"place\">{}</span>", esc(&place));
        }
    }
    if let Some(meta) = meta {
        let mut parts: Vec<String> = Vec::new();
        if let Some(title) = &meta.title {
            parts.push(format!("<cite>{}</cite>", esc(title)));
        }
        if let Some(outlet) = &meta.outlet {
            parts.push(esc(outlet));
        }
        if let Some(date) = &meta.published {
            let inferred = if meta.published_inferred { " (inferred)" } else { "" };
            parts.push(format!("{}{inferred}", esc(date)));
        }
        parts.push(format!("trust {:.2}", meta.trust()));
        let _ = write!(out, " <span class=\"meta\">{}</span>", parts.join(" · "));
    }
    let _ = writeln!(out, "</div>\n<blockquote>{}</blockquote>", marked(&e.sentence, &e.marks));
    out.push_str("<ul class=\"reasons\">");
    for reason in e.reasons.iter() {
        let _ = write!(out, "<li>{}</li>", esc(&reason.message()));
    }
    out.push_str("</ul></li>\n");
}
