//! The file-system boundary: finds the configuration, walks source folders,
//! reads front matter and manifests, and hands texts to the core. Loading
//! never fails as a whole: a bad file becomes a diagnostic and is skipped.

pub mod article;
pub mod claims;

use crate::config::{self, Config};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Claim;
use crate::model::{SourceMeta, SourceText};
use crate::text::html;
use crate::text::span::Span;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The manifest file giving metadata for the files of its folder.
pub const MANIFEST: &str = "sources.toml";

/// A file that was not indexed, and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Skipped {
    /// The file.
    pub path: String,
    /// Why.
    pub reason: String,
}

/// What loading the sources produced.
#[derive(Debug, Default)]
pub struct LoadedSources {
    /// Texts to index, sorted by path.
    pub sources: Vec<SourceText>,
    /// Files not indexed.
    pub skipped: Vec<Skipped>,
    /// Problems found (bad front matter, manifests).
    pub diagnostics: Vec<Diagnostic>,
}

/// Finds `veracity.toml` in `start` or the nearest folder above it.
pub fn find_config(start: &Path) -> Option<PathBuf> {
    start.ancestors().map(|d| d.join(config::FILE_NAME)).find(|p| p.is_file())
}

/// Reads a configuration file.
pub fn read_config(path: &Path) -> Result<Config, Diagnostic> {
    let shown = display(path);
    let text = std::fs::read_to_string(path)
        .map_err(|e| Diagnostic::file(Severity::Error, &shown, format!("cannot read configuration: {e}")))?;
    Config::parse(&shown, &text)
}

/// Reads and parses a claims file.
pub fn read_claims(path: &Path) -> Result<Vec<Claim>, Vec<Diagnostic>> {
    let shown = display(path);
    let text = std::fs::read_to_string(path)
        .map_err(|e| vec![Diagnostic::file(Severity::Error, &shown, format!("cannot read claims file: {e}"))])?;
    claims::parse(&shown, &text)
}

/// A path as shown in reports: relative to the current directory when
/// possible, with `/` separators.
pub fn display(path: &Path) -> String {
    let cwd = std::env::current_dir().ok();
    let shown = cwd.as_deref().and_then(|c| path.strip_prefix(c).ok()).unwrap_or(path);
    let shown = shown.strip_prefix(".").unwrap_or(shown);
    shown.to_string_lossy().replace('\\', "/")
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    #[serde(default)]
    source: Vec<ManifestEntry>,
}

#[derive(Deserialize)]
struct ManifestEntry {
    file: String,
    #[serde(flatten)]
    meta: SourceMeta,
}

/// Loads every source under `roots` (folders are walked, files taken as they are).
pub fn load_sources(roots: &[PathBuf]) -> LoadedSources {
    let mut out = LoadedSources::default();
    let mut files = Vec::new();
    let mut metas: BTreeMap<PathBuf, SourceMeta> = BTreeMap::new();
    for root in roots {
        if root.is_dir() {
            walk(root, &mut files, &mut metas, &mut out);
        } else if root.is_file() {
            files.push(root.clone());
        } else {
            out.diagnostics.push(Diagnostic::file(Severity::Error, display(root), "source path does not exist"));
        }
    }
    files.sort();
    files.dedup();
    for path in files {
        let meta = metas.remove(&path);
        load_file(&path, meta, &mut out);
    }
    for path in metas.keys() {
        out.diagnostics.push(Diagnostic::file(
            Severity::Warning,
            display(path),
            format!("listed in {MANIFEST} but not found"),
        ));
    }
    out
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, metas: &mut BTreeMap<PathBuf, SourceMeta>, out: &mut LoadedSources) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            out.diagnostics.push(Diagnostic::file(Severity::Error, display(dir), format!("cannot read folder: {e}")));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            walk(&path, files, metas, out);
        } else if name == MANIFEST {
            read_manifest(&path, metas, out);
        } else if kind_of(&path).is_some() {
            files.push(path);
        } else {
            out.skipped.push(Skipped { path: display(&path), reason: "not a .txt, .md or .html file".into() });
        }
    }
}

fn read_manifest(path: &Path, metas: &mut BTreeMap<PathBuf, SourceMeta>, out: &mut LoadedSources) {
    let shown = display(path);
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            out.diagnostics.push(Diagnostic::file(Severity::Error, shown, format!("cannot read manifest: {e}")));
            return;
        }
    };
    match toml::from_str::<Manifest>(&text) {
        Ok(manifest) => {
            let dir = path.parent().unwrap_or(Path::new(""));
            for entry in manifest.source {
                metas.insert(dir.join(&entry.file), entry.meta);
            }
        }
        Err(e) => {
            let mut d = crate::diagnostic::toml_error(&shown, &text, &e);
            d.severity = Severity::Warning;
            d.message = format!("{} (manifest ignored)", d.message);
            out.diagnostics.push(d);
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum FileKind {
    Text,
    Markdown,
    Html,
}

fn kind_of(path: &Path) -> Option<FileKind> {
    match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "txt" | "text" => Some(FileKind::Text),
        "md" | "markdown" => Some(FileKind::Markdown),
        "html" | "htm" => Some(FileKind::Html),
        _ => None,
    }
}

fn load_file(path: &Path, manifest_meta: Option<SourceMeta>, out: &mut LoadedSources) {
    match read_source(path, manifest_meta, &mut out.diagnostics) {
        Ok(source) => out.sources.push(source),
        Err(reason) => out.skipped.push(Skipped { path: display(path), reason }),
    }
}

/// Reads one source file (text, markdown or HTML) with its front matter;
/// problems with the front matter go to `diagnostics`. The error says why the
/// file cannot be read at all.
pub fn read_source(
    path: &Path,
    manifest_meta: Option<SourceMeta>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<SourceText, String> {
    let shown = display(path);
    let kind = kind_of(path).ok_or_else(|| "not a .txt, .md or .html file".to_string())?;
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    let text =
        String::from_utf8(bytes).map_err(|e| format!("not valid UTF-8 (at byte {})", e.utf8_error().valid_up_to()))?;
    let (text, front) = split_front_matter(&shown, text, diagnostics);
    let mut meta = front.or(manifest_meta).unwrap_or_default();
    check_meta(&shown, &mut meta, diagnostics);
    let (text, original) = if kind == FileKind::Html {
        if meta.title.is_none() {
            meta.title = html::title(&text);
        }
        (html::strip_html(&text), Some(text))
    } else {
        (text, None)
    };
    Ok(SourceText { path: shown, text, original, meta })
}

/// Drops metadata values that would mislead (a trust outside 0..1, a date
/// that does not sort as a date), with a warning each.
fn check_meta(path: &str, meta: &mut SourceMeta, diagnostics: &mut Vec<Diagnostic>) {
    if let Some(trust) = meta.trust.filter(|t| !(0.0..=1.0).contains(t)) {
        diagnostics.push(Diagnostic::file(
            Severity::Warning,
            path,
            format!("`trust` must be from 0 to 1, not {trust} (ignored)"),
        ));
        meta.trust = None;
    }
    let iso = |d: &str| {
        let parts: Vec<&str> = d.split('-').collect();
        let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
        !parts.is_empty() && parts.len() <= 3 && digits(parts[0], 4) && parts[1..].iter().all(|p| digits(p, 2))
    };
    if let Some(date) = meta.published.as_deref().filter(|d| !iso(d)) {
        diagnostics.push(Diagnostic::file(
            Severity::Warning,
            path,
            format!("`published` must be YYYY-MM-DD, YYYY-MM or YYYY, not `{date}` (ignored)"),
        ));
        meta.published = None;
    }
}

/// Reads TOML front matter between `+++` lines and blanks it out of the text
/// (newlines kept, so lines and offsets do not move).
fn split_front_matter(path: &str, text: String, diagnostics: &mut Vec<Diagnostic>) -> (String, Option<SourceMeta>) {
    let body_start = text.strip_prefix("\u{feff}").map_or(0, |_| 3);
    let rest = &text[body_start..];
    if !(rest.starts_with("+++\n") || rest.starts_with("+++\r\n")) {
        return (text, None);
    }
    let open = body_start + rest.find('\n').map_or(0, |p| p + 1);
    let close = text[open..]
        .match_indices("+++")
        .map(|(p, _)| open + p)
        .find(|&p| text[..p].ends_with('\n') && text[p + 3..].starts_with(['\n', '\r']) || p + 3 == text.len());
    let Some(close) = close else {
        diagnostics.push(Diagnostic::at(
            Severity::Warning,
            path,
            &text,
            Span::new(0, 3),
            "front matter is not closed by a `+++` line (read as text)",
        ));
        return (text, None);
    };
    let meta = match toml::from_str::<SourceMeta>(&text[open..close]) {
        Ok(meta) => Some(meta),
        Err(e) => {
            let mut d = match e.span() {
                Some(r) => Diagnostic::at(
                    Severity::Warning,
                    path,
                    &text,
                    Span::new(open + r.start, open + r.end),
                    e.message().trim(),
                ),
                None => Diagnostic::file(Severity::Warning, path, e.message().trim()),
            };
            d.message = format!("{} (front matter ignored)", d.message.replace('\n', " "));
            diagnostics.push(d);
            None
        }
    };
    let end = close + 3;
    let blanked: String = text.as_bytes()[..end].iter().map(|&b| if b == b'\n' { '\n' } else { ' ' }).collect();
    (blanked + &text[end..], meta)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_read_and_blanked() {
        let text = "+++\ntitle = \"T\"\nkind = \"reference\"\n+++\nBody here.\n".to_string();
        let mut diags = Vec::new();
        let (body, meta) = split_front_matter("n.md", text.clone(), &mut diags);
        assert!(diags.is_empty());
        assert_eq!(body.len(), text.len());
        assert_eq!(meta.unwrap().title.as_deref(), Some("T"));
        assert!(body.trim_start().starts_with("Body here."));
        assert_eq!(body.find("Body"), text.find("Body"));
    }

    #[test]
    fn misleading_metadata_is_dropped_with_a_warning() {
        let mut meta = SourceMeta { trust: Some(f64::NAN), published: Some("yesterday".into()), ..Default::default() };
        let mut diags = Vec::new();
        check_meta("n.md", &mut meta, &mut diags);
        assert_eq!((meta.trust, meta.published), (None, None));
        assert_eq!(diags.len(), 2);
        let mut fine = SourceMeta { trust: Some(0.9), published: Some("2025-03".into()), ..Default::default() };
        check_meta("n.md", &mut fine, &mut diags);
        assert_eq!((fine.trust, fine.published.as_deref()), (Some(0.9), Some("2025-03")));
    }

    #[test]
    fn bad_front_matter_is_a_located_diagnostic() {
        let text = "+++\ntitle = \"T\"\ntrust = \"high\"\n+++\nBody.\n".to_string();
        let mut diags = Vec::new();
        let (_, meta) = split_front_matter("n.md", text, &mut diags);
        assert!(meta.is_none());
        assert_eq!(diags[0].line, Some(3));
    }
}
