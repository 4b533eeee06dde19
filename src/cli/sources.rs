//! `veracity sources`: what was indexed, and what was not.

use super::args::{Cli, SourcesArgs};
use super::{emit, Context, ExitStatus, Failed};
use serde::Serialize;
use std::fmt::Write;
use veracity::index::SentenceStore;
use veracity::index::{Corpus, Document};
use veracity::ingest::Skipped;
use veracity::report::{count, OutputFormat};
use veracity::text::segment::DropReason;

#[derive(Serialize)]
struct Listing<'a> {
    version: u32,
    documents: Vec<DocumentRow<'a>>,
    skipped: &'a [Skipped],
}

/// A sentence or dropped block with its place, for `--sentences`.
#[derive(Serialize)]
struct Line {
    line: usize,
    column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    dropped: Option<DropReason>,
    text: String,
}

#[derive(Serialize)]
struct DocumentRow<'a> {
    path: &'a str,
    sentences: usize,
    dropped: usize,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    lines: Vec<Line>,
    trust: f64,
    #[serde(flatten)]
    meta: &'a veracity::model::SourceMeta,
}

/// Lists the indexed documents and skipped files.
pub fn run(cli: &Cli, args: &SourcesArgs) -> Result<ExitStatus, Failed> {
    let context = Context::load(cli)?;
    let (engine, loaded) = context.engine(&args.sources)?;
    let rows: Vec<DocumentRow> = engine
        .corpus
        .documents
        .iter()
        .map(|d| DocumentRow {
            path: &d.path,
            sentences: d.sentences.len(),
            dropped: d.body().dropped.len(),
            lines: if args.sentences { lines(&engine.corpus, d) } else { Vec::new() },
            trust: d.meta.trust(),
            meta: &d.meta,
        })
        .collect();
    let rendered = match args.format {
        OutputFormat::Json => {
            let listing =
                Listing { version: veracity::model::SCHEMA_VERSION, documents: rows, skipped: &loaded.skipped };
            serde_json::to_string_pretty(&listing).unwrap_or_default() + "\n"
        }
        _ => text(&rows, &loaded.skipped),
    };
    emit(&rendered, None)?;
    Ok(ExitStatus::Success)
}

/// Sentences and dropped blocks of a document, in text order.
fn lines(corpus: &Corpus, doc: &Document) -> Vec<Line> {
    let sentences = doc.sentences.clone().map(|id| corpus.sentence(id)).map(|s| (s.span, None, s.text.to_string()));
    let body = doc.body();
    let dropped =
        body.dropped.iter().map(|d| (d.span, Some(d.reason), body.text[d.span.start..d.span.end].to_string()));
    let mut all: Vec<_> = sentences.chain(dropped).collect();
    all.sort_by_key(|(span, _, _)| *span);
    all.into_iter()
        .map(|(span, dropped, text)| {
            let at = doc.position(span.start);
            Line { line: at.line, column: at.column, dropped, text }
        })
        .collect()
}

fn text(rows: &[DocumentRow], skipped: &[Skipped]) -> String {
    let mut out = String::new();
    let width = rows.iter().map(|r| r.path.chars().count()).max().unwrap_or(0);
    let _ = writeln!(out, "{:<width$}  sentences  dropped  trust  published   title", "document");
    for r in rows {
        let published = r.meta.published.as_deref().unwrap_or("-");
        let inferred = if r.meta.published_inferred { "*" } else { " " };
        let title = r.meta.title.as_deref().unwrap_or("");
        let _ = writeln!(
            out,
            "{:<width$}  {:>9}  {:>7}  {:>5.2}  {:<10}{inferred} {title}",
            r.path, r.sentences, r.dropped, r.trust, published
        );
        for l in &r.lines {
            let tag = l.dropped.map_or(String::new(), |d| {
                format!(
                    "[dropped: {}] ",
                    serde_json::to_value(d).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
                )
            });
            let _ = writeln!(out, "    {}:{}:{}  {tag}{}", r.path, l.line, l.column, l.text);
        }
    }
    let sentences: usize = rows.iter().map(|r| r.sentences).sum();
    let (documents, sentences) = (count(rows.len(), "document"), count(sentences, "sentence"));
    let _ = writeln!(out, "\n{documents}, {sentences}; * = date inferred");
    if !skipped.is_empty() {
        let _ = writeln!(out, "\nskipped:");
        for s in skipped {
            let _ = writeln!(out, "  {}: {}", s.path, s.reason);
        }
    }
    out
}
