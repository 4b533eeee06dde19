//! The file-system boundary: finds the configuration, walks source folders,
//! reads front matter and manifests, and hands texts to the core. Loading
//! never fails as a whole: a bad file becomes a diagnostic and is skipped.
//!
//! What is read is bounded: each real folder is walked once however many
//! links lead to it, only regular files are opened (never a FIFO, socket or
//! device), and no file is read past `ingest.max_file_size`. Text is decoded
//! to UTF-8 without a byte-order mark (UTF-16 with a BOM is decoded, text
//! that is not UTF-8 is read as Windows-1252 with a warning), and the core's
//! byte offsets are offsets in that decoded text, whose lines and columns are
//! the file's.

pub mod article;
pub mod claims;
pub mod stream;

use crate::config::{self, Config, Ingest};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Claim;
use crate::model::{SourceMeta, SourceText};
use crate::text::html;
use crate::text::span::{LineIndex, Span};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs::{File, Metadata};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;
use toml::Spanned;

/// The manifest file giving metadata for the files of its folder.
pub const MANIFEST: &str = "sources.toml";

/// How many leading bytes are looked at for a NUL byte, which marks a binary file.
const BINARY_SNIFF: usize = 8192;

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

/// Reads and parses a claims file. A file that is not UTF-8 is an error
/// located at its first bad byte.
pub fn read_claims(path: &Path) -> Result<Vec<Claim>, Vec<Diagnostic>> {
    let shown = display(path);
    let bytes = read_limited(path, crate::config::Ingest::default().max_file_size).map_err(|e| {
        let why = match e {
            Unread::Io(e) => e.to_string(),
            Unread::Refused(reason) => reason,
        };
        vec![Diagnostic::file(Severity::Error, &shown, format!("cannot read claims file: {why}"))]
    })?;
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let bytes = e.as_bytes();
            let valid = e.utf8_error().valid_up_to();
            let bad = bytes.get(valid).copied().unwrap_or_default();
            let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
            let hint = if utf16 { "it looks like UTF-16; save it as UTF-8" } else { "save it as UTF-8" };
            let message = format!("claims file is not UTF-8: byte 0x{bad:02X} at byte {valid} ({hint})");
            return Err(vec![at_bad_byte(Severity::Error, &shown, bytes, valid, message)]);
        }
    };
    claims::parse(&shown, &text)
}

/// A diagnostic at byte `valid` of `bytes`, the first byte that is not UTF-8
/// (the bytes before it are).
fn at_bad_byte(severity: Severity, path: &str, bytes: &[u8], valid: usize, message: String) -> Diagnostic {
    let before = bytes.get(..valid).and_then(|b| std::str::from_utf8(b).ok()).unwrap_or_default();
    Diagnostic::at(severity, path, before, Span::new(before.len(), before.len()), message)
}

/// The folder paths are shown relative to: the project's (where its
/// `veracity.toml` is), once [`set_display_root`] says so; else the current one.
static DISPLAY_ROOT: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();

/// Shows paths relative to `root` from now on (the project's folder), so that
/// reports name the same file the same way from any folder below it (a CI
/// annotation needs the path from the repository's root).
pub fn set_display_root(root: &Path) {
    let _ = DISPLAY_ROOT.set(clean(root));
}

/// A path with `.` and `..` resolved lexically.
fn clean(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir if out.file_name().is_some() => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// A path as shown in reports: relative to the project's folder (see
/// [`set_display_root`]) or else the current one when it is inside it, with
/// `/` separators; `-` is `<stdin>`.
pub fn display(path: &Path) -> String {
    if is_stdin(path) {
        return "<stdin>".to_string();
    }
    let cwd = std::env::current_dir().ok();
    let absolute = match &cwd {
        Some(cwd) if path.is_relative() => clean(&cwd.join(path)),
        _ => clean(path),
    };
    let root = DISPLAY_ROOT.get().cloned().or(cwd.map(|c| clean(&c)));
    let shown = match root.as_deref().map(|r| absolute.strip_prefix(r)) {
        Some(Ok(inside)) if !inside.as_os_str().is_empty() => inside.to_path_buf(),
        _ if path.is_relative() => clean(path),
        _ => absolute,
    };
    shown.to_string_lossy().replace('\\', "/")
}

/// Whether `path` means standard input (`-`).
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// The claims files a path names: the file itself, or every `*.toml` file in
/// a folder (sorted; a folder's own `veracity.toml` and `sources.toml` left out).
pub fn claims_files(path: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    if is_stdin(path) || !path.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let entries = std::fs::read_dir(path)
        .map_err(|e| Diagnostic::file(Severity::Error, display(path), format!("cannot read folder: {e}")))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml") && p.is_file())
        .filter(|p| !p.file_name().is_some_and(|n| n == config::FILE_NAME || n == MANIFEST))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(Diagnostic::file(Severity::Error, display(path), "no claims files (*.toml) in this folder"));
    }
    Ok(files)
}

/// Loads every source under `roots` (folders are walked, files taken as
/// they are), following `settings` (`follow_symlinks`, `max_file_size`).
pub fn load_sources(roots: &[PathBuf], settings: &Ingest) -> LoadedSources {
    list_sources(roots, settings).read()
}

/// A file to read as it was when listed: its path, size, modification time
/// and metadata from a manifest. Equal stamps are taken for equal contents
/// (as `git status` does), when the file is older than what was read from it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Stamp {
    /// The path as shown.
    pub path: String,
    /// Its size in bytes.
    pub len: u64,
    /// When it was last modified, in nanoseconds since 1970 (0 if unknown).
    pub modified: i128,
    /// Its metadata from a manifest, as JSON.
    pub meta: String,
}

/// The source files found under some roots, not read yet: what walking the
/// folders (and reading their manifests) found.
#[derive(Debug)]
pub struct Listing<'a> {
    settings: &'a Ingest,
    files: Vec<(PathBuf, Option<SourceMeta>)>,
    /// Files listed in a manifest but not found.
    missing: Vec<PathBuf>,
    /// What walking found wrong, and the files it skipped.
    pub walked: LoadedSources,
}

/// Walks the folders under `roots` (files are taken as they are) and reads
/// their manifests, following `settings`; reads no source file.
pub fn list_sources<'a>(roots: &[PathBuf], settings: &'a Ingest) -> Listing<'a> {
    let mut walk = Walk {
        settings,
        visited: HashSet::new(),
        files: Vec::new(),
        metas: BTreeMap::new(),
        skipped: HashSet::new(),
        out: LoadedSources::default(),
    };
    for root in roots {
        match std::fs::metadata(root) {
            Ok(meta) if meta.is_dir() => walk.folder(root, &meta),
            // Not a regular file: `read_source_with` says why.
            Ok(_) => walk.files.push(root.clone()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                walk.out.diagnostics.push(Diagnostic::file(
                    Severity::Error,
                    display(root),
                    "source path does not exist",
                ));
            }
            Err(e) => walk.out.diagnostics.push(Diagnostic::file(
                Severity::Error,
                display(root),
                format!("cannot read source path: {e}"),
            )),
        }
    }
    let Walk { mut files, mut metas, skipped, out, .. } = walk;
    files.sort();
    files.dedup();
    let files = files
        .into_iter()
        .map(|path| {
            let meta = metas.remove(&path);
            (path, meta)
        })
        .collect();
    let missing = metas.into_keys().filter(|p| !skipped.contains(p)).collect();
    Listing { settings, files, missing, walked: out }
}

impl Listing<'_> {
    /// The files, in order, with their metadata from a manifest.
    pub fn files(&self) -> &[(PathBuf, Option<SourceMeta>)] {
        &self.files
    }

    /// Each file's stamp, from the file system now.
    pub fn stamps(&self) -> Vec<Stamp> {
        self.files
            .iter()
            .map(|(path, meta)| {
                let fs = std::fs::metadata(path).ok();
                let modified =
                    fs.as_ref().and_then(|m| m.modified().ok()).and_then(|t| t.duration_since(UNIX_EPOCH).ok());
                Stamp {
                    path: display(path),
                    len: fs.map_or(0, |m| m.len()),
                    modified: modified.map_or(0, |d| d.as_nanos() as i128),
                    meta: meta.as_ref().map(|m| serde_json::to_string(m).unwrap_or_default()).unwrap_or_default(),
                }
            })
            .collect()
    }

    /// Reads every file listed.
    pub fn read(self) -> LoadedSources {
        let mut out = self.walked;
        for (path, meta) in self.files {
            match read_source_with(&path, meta, self.settings, &mut out.diagnostics) {
                Ok(source) => out.sources.push(source),
                Err(reason) => out.skipped.push(Skipped { path: display(&path), reason }),
            }
        }
        out.diagnostics.extend(missing(&self.missing));
        out
    }

    /// What loading says without reading a file: what walking found, and the
    /// files a manifest lists that are not there. [`Listing::read`] says the
    /// same when no file it reads gives a warning or is skipped.
    pub fn unread(&self) -> LoadedSources {
        let mut out = LoadedSources {
            sources: Vec::new(),
            skipped: self.walked.skipped.clone(),
            diagnostics: self.walked.diagnostics.clone(),
        };
        out.diagnostics.extend(missing(&self.missing));
        out
    }
}

/// The warnings for files a manifest lists that are not there.
fn missing(paths: &[PathBuf]) -> impl Iterator<Item = Diagnostic> + '_ {
    paths
        .iter()
        .map(|path| Diagnostic::file(Severity::Warning, display(path), format!("listed in {MANIFEST} but not found")))
}

/// A real folder, to walk each once.
#[cfg(unix)]
type FolderId = (u64, u64);
#[cfg(not(unix))]
type FolderId = PathBuf;

#[cfg(unix)]
fn folder_id(_path: &Path, meta: &Metadata) -> Option<FolderId> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn folder_id(path: &Path, _meta: &Metadata) -> Option<FolderId> {
    std::fs::canonicalize(path).ok()
}

/// The state of walking the source folders.
struct Walk<'a> {
    settings: &'a Ingest,
    /// Folders already walked.
    visited: HashSet<FolderId>,
    /// Files to read.
    files: Vec<PathBuf>,
    /// Manifest metadata, by file.
    metas: BTreeMap<PathBuf, SourceMeta>,
    /// Files skipped while walking (a manifest may list them).
    skipped: HashSet<PathBuf>,
    out: LoadedSources,
}

impl Walk<'_> {
    fn skip(&mut self, path: &Path, reason: impl Into<String>) {
        self.out.skipped.push(Skipped { path: display(path), reason: reason.into() });
        self.skipped.insert(path.to_path_buf());
    }

    /// Walks `dir` (whose metadata, links followed, is `meta`) unless it was walked already.
    fn folder(&mut self, dir: &Path, meta: &Metadata) {
        match folder_id(dir, meta) {
            Some(id) => {
                if !self.visited.insert(id) {
                    return;
                }
            }
            None => {
                self.out.diagnostics.push(Diagnostic::file(
                    Severity::Warning,
                    display(dir),
                    "cannot tell which folder this is (not read)",
                ));
                return;
            }
        }
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => {
                self.out.diagnostics.push(Diagnostic::file(
                    Severity::Error,
                    display(dir),
                    format!("cannot read folder: {e}"),
                ));
                return;
            }
        };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths {
            self.entry(&path);
        }
    }

    fn entry(&mut self, path: &Path) {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if name.starts_with('.') || self.settings.exclude.contains(&name) {
            return;
        }
        let own = match std::fs::symlink_metadata(path) {
            Ok(meta) => meta,
            Err(e) => return self.skip(path, format!("cannot read: {e}")),
        };
        let meta = if own.file_type().is_symlink() {
            match std::fs::metadata(path) {
                Ok(target) if target.is_dir() && !self.settings.follow_symlinks => {
                    return self.skip(path, "a link to a folder, not followed (ingest.follow_symlinks = false)");
                }
                Ok(target) => target,
                Err(e) => return self.skip(path, format!("a broken link ({e})")),
            }
        } else {
            own
        };
        if meta.is_dir() {
            self.folder(path, &meta);
        } else if !meta.is_file() {
            self.skip(path, not_regular(&meta));
        } else if name == MANIFEST {
            self.manifest(path);
        } else if kind_of(path).is_some() {
            self.files.push(path.to_path_buf());
        } else {
            self.skip(path, "not a .txt, .md or .html file");
        }
    }

    fn manifest(&mut self, path: &Path) {
        let shown = display(path);
        let text = match read_text(path, &shown, self.settings.max_file_size, &mut self.out.diagnostics) {
            Ok(text) => text,
            Err(Unread::Io(e)) => {
                let message = format!("cannot read manifest: {e}");
                return self.out.diagnostics.push(Diagnostic::file(Severity::Error, shown, message));
            }
            Err(Unread::Refused(reason)) => {
                let message = format!("manifest ignored: {reason}");
                return self.out.diagnostics.push(Diagnostic::file(Severity::Warning, shown, message));
            }
        };
        let (entries, diagnostics) = parse_manifest(&shown, &text);
        self.out.diagnostics.extend(diagnostics);
        let dir = path.parent().unwrap_or(Path::new(""));
        for (file, meta) in entries {
            self.metas.insert(dir.join(file), meta);
        }
    }
}

/// Why a file was not read.
enum Unread {
    /// The file system said no.
    Io(std::io::Error),
    /// The file is not one to read (not a regular file, too large, binary).
    Refused(String),
}

impl Unread {
    fn reason(self) -> String {
        match self {
            Unread::Io(e) => format!("cannot read: {e}"),
            Unread::Refused(reason) => reason,
        }
    }
}

/// "not a regular file (a FIFO)" and the like.
fn not_regular(meta: &Metadata) -> String {
    let kind = meta.file_type();
    let what = if kind.is_dir() { "a folder" } else { special_kind(&kind) };
    format!("not a regular file ({what})")
}

#[cfg(unix)]
fn special_kind(kind: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        "a FIFO"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_char_device() {
        "a character device"
    } else if kind.is_block_device() {
        "a block device"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_kind(_kind: &std::fs::FileType) -> &'static str {
    "a special file"
}

/// Refuses what is not a regular file of at most `limit` bytes.
fn refuse(meta: &Metadata, limit: u64) -> Result<(), Unread> {
    if !meta.is_file() {
        Err(Unread::Refused(not_regular(meta)))
    } else if meta.len() > limit {
        Err(Unread::Refused(format!("{} bytes, over the limit of {limit} (ingest.max_file_size)", meta.len())))
    } else {
        Ok(())
    }
}

/// The bytes of the regular file `path`, at most `limit` of them. The type
/// and size are checked before the file is opened (a FIFO is never opened),
/// checked again on what was opened, and at most `limit + 1` bytes are read
/// (a file may grow meanwhile).
fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, Unread> {
    if is_stdin(path) {
        return read_at_most(std::io::stdin().lock(), limit, Vec::new(), " on standard input (ingest.max_file_size)");
    }
    refuse(&std::fs::metadata(path).map_err(Unread::Io)?, limit)?;
    let file = File::open(path).map_err(Unread::Io)?;
    let opened = file.metadata().map_err(Unread::Io)?;
    refuse(&opened, limit)?;
    let bytes = Vec::with_capacity(usize::try_from(opened.len()).unwrap_or_default());
    let why = format!(", over the limit of {limit} (ingest.max_file_size; it grew while read)");
    read_at_most(file, limit, bytes, &why)
}

/// Reads `from` to its end into `bytes`, refusing it once it goes past
/// `limit` bytes: "more than `limit` bytes" followed by `why`.
fn read_at_most(from: impl Read, limit: u64, mut bytes: Vec<u8>, why: &str) -> Result<Vec<u8>, Unread> {
    from.take(limit.saturating_add(1)).read_to_end(&mut bytes).map_err(Unread::Io)?;
    if u64::try_from(bytes.len()).map_or(true, |n| n > limit) {
        return Err(Unread::Refused(format!("more than {limit} bytes{why}")));
    }
    Ok(bytes)
}

/// Reads `path` (shown as `shown`) as text: bounded by `limit`, decoded,
/// with a warning in `diagnostics` when it was not UTF-8.
fn read_text(path: &Path, shown: &str, limit: u64, diagnostics: &mut Vec<Diagnostic>) -> Result<String, Unread> {
    let bytes = read_limited(path, limit)?;
    let (text, warning) = decode(shown, &bytes).map_err(Unread::Refused)?;
    diagnostics.extend(warning);
    Ok(text)
}

/// Decodes a file's bytes: UTF-16 with a byte-order mark, UTF-8 (a BOM
/// dropped), or else Windows-1252 (which covers Latin-1), with a warning.
/// The text has no U+FEFF. The error says why the bytes are not text (a
/// NUL byte near the start that is not UTF-16: a binary file).
fn decode(path: &str, bytes: &[u8]) -> Result<(String, Option<Diagnostic>), String> {
    let (text, warning) = match encoding_rs::Encoding::for_bom(bytes) {
        Some((encoding, bom)) if encoding != encoding_rs::UTF_8 => {
            let (text, malformed) = encoding.decode_without_bom_handling(bytes.get(bom..).unwrap_or_default());
            let warning = malformed.then(|| {
                let message = format!("not valid {}: the bad parts were replaced by U+FFFD", encoding.name());
                Diagnostic::file(Severity::Warning, path, message)
            });
            (text.into_owned(), warning)
        }
        bom => {
            let bom = bom.map_or(0, |(_, len)| len);
            let body = bytes.get(bom..).unwrap_or_default();
            if let Some(at) = body.iter().take(BINARY_SNIFF).position(|&b| b == 0) {
                return Err(format!("a binary file (a NUL byte at byte {})", at + bom));
            }
            match std::str::from_utf8(body) {
                Ok(text) => (text.to_owned(), None),
                Err(e) => {
                    let valid = e.valid_up_to();
                    let bad = body.get(valid).copied().unwrap_or_default();
                    let message = format!("not UTF-8: read as Windows-1252 (byte 0x{bad:02X} here is not UTF-8)");
                    let warning = at_bad_byte(Severity::Warning, path, body, valid, message);
                    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(body);
                    (text.into_owned(), Some(warning))
                }
            }
        }
    };
    let text = if text.contains('\u{feff}') { text.replace('\u{feff}', "") } else { text };
    Ok((text, warning))
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

/// Reads one source file (text, markdown or HTML) with its front matter,
/// with the default [`Ingest`] settings (size limit); see [`read_source_with`].
pub fn read_source(
    path: &Path,
    manifest_meta: Option<SourceMeta>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<SourceText, String> {
    read_source_with(path, manifest_meta, &Ingest::default(), diagnostics)
}

/// Reads one source file (text, markdown or HTML) with its front matter;
/// problems with the front matter or the encoding go to `diagnostics`. The
/// error says why the file cannot be read at all (not a regular file, over
/// `settings.max_file_size`, binary, unreadable).
pub fn read_source_with(
    path: &Path,
    manifest_meta: Option<SourceMeta>,
    settings: &Ingest,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<SourceText, String> {
    let shown = display(path);
    // Standard input is read as plain text.
    let kind = if is_stdin(path) { Some(FileKind::Text) } else { kind_of(path) };
    let kind = kind.ok_or_else(|| "not a .txt, .md or .html file".to_string())?;
    let text = read_text(path, &shown, settings.max_file_size, diagnostics).map_err(Unread::reason)?;
    let (text, front, found) = parse_front_matter(&shown, text);
    diagnostics.extend(found);
    let mut meta = match front {
        Some(meta) => meta,
        None => {
            // Checked already when it came from a manifest; this is for other callers.
            let mut meta = manifest_meta.unwrap_or_default();
            for (_, message) in check_meta(&mut meta) {
                diagnostics.push(Diagnostic::file(Severity::Warning, &shown, message));
            }
            meta
        }
    };
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
/// that is not a real `YYYY[-MM[-DD]]` date): the field and a message for each.
fn check_meta(meta: &mut SourceMeta) -> Vec<(&'static str, String)> {
    let mut problems = Vec::new();
    if let Some(trust) = meta.trust.filter(|t| !(0.0..=1.0).contains(t)) {
        problems.push(("trust", format!("`trust` must be from 0 to 1, not {trust} (ignored)")));
        meta.trust = None;
    }
    if let Some(date) = meta.published.as_deref().filter(|d| !SourceMeta::is_date(d)) {
        problems.push((
            "published",
            format!(
                "`published` must be a real date, YYYY-MM-DD, YYYY-MM or YYYY, not `{}` (ignored)",
                date.escape_debug()
            ),
        ));
        meta.published = None;
    }
    problems
}

/// A TOML table with the places of its keys and values.
type SpannedTable = BTreeMap<Spanned<String>, Spanned<toml::Value>>;

fn span_of<T>(spanned: &Spanned<T>) -> Span {
    Span::new(spanned.span().start, spanned.span().end)
}

/// Reads TOML front matter between `+++` lines at the start of `text`
/// (after a byte-order mark, which becomes three spaces) and blanks it out of the text
/// (newlines kept, so lines and offsets do not move). Returns the text, the
/// metadata (`None` without front matter, or when it is not valid: then a
/// located warning says why) and warnings, located in the text; misleading
/// values (see `published`, `trust`) are dropped with a warning each.
pub fn parse_front_matter(path: &str, text: String) -> (String, Option<SourceMeta>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    // A byte-order mark is three bytes: three spaces keep the offsets.
    let (text, fence) = match text.strip_prefix('\u{feff}') {
        Some(rest) => (format!("   {rest}"), 3),
        None => (text, 0),
    };
    let after = text.get(fence..).unwrap_or_default();
    let Some(body) = after.strip_prefix("+++\n").or_else(|| after.strip_prefix("+++\r\n")) else {
        return (text, None, diagnostics);
    };
    let open = text.len() - body.len();
    let Some(close) = closing_fence(&text, open) else {
        diagnostics.push(Diagnostic::at(
            Severity::Warning,
            path,
            &text,
            Span::new(fence, fence + 3),
            "front matter is not closed by a `+++` line (read as text)",
        ));
        return (text, None, diagnostics);
    };
    let front = text.get(open..close).unwrap_or_default();
    let meta = match toml::from_str::<SourceMeta>(front) {
        Ok(mut meta) => {
            let spans: HashMap<String, Span> = toml::from_str::<SpannedTable>(front)
                .map(|table| table.iter().map(|(k, v)| (k.get_ref().clone(), span_of(v))).collect())
                .unwrap_or_default();
            for (field, message) in check_meta(&mut meta) {
                diagnostics.push(match spans.get(field) {
                    Some(at) => Diagnostic::at(
                        Severity::Warning,
                        path,
                        &text,
                        Span::new(open + at.start, open + at.end),
                        message,
                    ),
                    None => Diagnostic::file(Severity::Warning, path, message),
                });
            }
            Some(meta)
        }
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
    let blanked: String = text.bytes().take(end).map(|b| if b == b'\n' { '\n' } else { ' ' }).collect::<String>();
    let text = blanked + text.get(end..).unwrap_or_default();
    (text, meta, diagnostics)
}

/// Where the line `+++` closing front matter that opens at `open` starts.
fn closing_fence(text: &str, open: usize) -> Option<usize> {
    let mut at = open;
    for line in text.get(open..)?.split_inclusive('\n') {
        let bare = line.strip_suffix('\n').map_or(line, |l| l.strip_suffix('\r').unwrap_or(l));
        if bare == "+++" {
            return Some(at);
        }
        at += line.len();
    }
    None
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawManifest {
    #[serde(default)]
    source: Vec<Spanned<SpannedTable>>,
}

/// Reads the `[[source]]` entries of a `sources.toml` manifest: each file
/// (relative to the manifest's folder) and its metadata, in file order, a
/// file listed twice once (the later entry). Problems are warnings, located
/// in the manifest: an unknown key or a value of the wrong type is ignored
/// (the entry's other keys kept), as is a misleading value (a date that is
/// not a real date, a trust outside 0..1); an entry without `file` is
/// ignored; a manifest that is not valid TOML, or has other tables, is
/// ignored as a whole.
pub fn parse_manifest(path: &str, text: &str) -> (Vec<(String, SourceMeta)>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let manifest = match toml::from_str::<RawManifest>(text) {
        Ok(manifest) => manifest,
        Err(e) => {
            let mut d = crate::diagnostic::toml_error(path, text, &e);
            d.severity = Severity::Warning;
            d.message = format!("{} (manifest ignored)", d.message);
            diagnostics.push(d);
            return (Vec::new(), diagnostics);
        }
    };
    let warn = |diagnostics: &mut Vec<Diagnostic>, span: Span, message: String| {
        diagnostics.push(Diagnostic::at(Severity::Warning, path, text, span, message));
    };
    let mut entries: Vec<(String, SourceMeta)> = Vec::new();
    let mut first_seen: HashMap<String, (usize, Span)> = HashMap::new();
    for entry in manifest.source {
        let entry_span = span_of(&entry);
        let mut keys: Vec<(Spanned<String>, Spanned<toml::Value>)> = entry.into_inner().into_iter().collect();
        keys.sort_by_key(|(key, _)| key.span().start);
        let mut file = None;
        let mut good = toml::Table::new();
        let mut value_spans: HashMap<String, Span> = HashMap::new();
        for (key, value) in keys {
            let (key_span, value_span) = (span_of(&key), span_of(&value));
            let (key, value) = (key.into_inner(), value.into_inner());
            if key == "file" {
                match value {
                    toml::Value::String(name) if !name.trim().is_empty() => file = Some((name, value_span)),
                    _ => warn(&mut diagnostics, value_span, "`file` must be a file name (entry ignored)".into()),
                }
                continue;
            }
            let one = toml::Table::from_iter([(key.clone(), value.clone())]);
            match toml::Value::Table(one).try_into::<SourceMeta>() {
                Ok(_) => {
                    value_spans.insert(key.clone(), value_span);
                    good.insert(key, value);
                }
                Err(e) => {
                    let message = e.message().trim().replace('\n', " ");
                    let key = key.escape_debug();
                    match message.split_once(", expected one of ") {
                        Some((unknown, expected)) if unknown.starts_with("unknown field") => warn(
                            &mut diagnostics,
                            key_span,
                            format!("unknown key `{key}` in a [[source]] entry (ignored); expected `file`, {expected}"),
                        ),
                        _ => warn(&mut diagnostics, value_span, format!("`{key}`: {message} (ignored)")),
                    }
                }
            }
        }
        let Some((file, file_span)) = file else {
            warn(&mut diagnostics, entry_span, "a [[source]] entry without `file` (ignored)".into());
            continue;
        };
        let mut meta = match toml::Value::Table(good).try_into::<SourceMeta>() {
            Ok(meta) => meta,
            Err(e) => {
                let message = format!("{} (metadata ignored)", e.message().trim().replace('\n', " "));
                warn(&mut diagnostics, entry_span, message);
                SourceMeta::default()
            }
        };
        for (field, message) in check_meta(&mut meta) {
            warn(&mut diagnostics, value_spans.get(field).copied().unwrap_or(entry_span), message);
        }
        match first_seen.get(&file) {
            Some(&(index, first)) => {
                let line = LineIndex::new(text).position(text, first.start).line;
                let message = format!(
                    "`{}` is listed again (first on line {line}); this later entry is used",
                    file.escape_debug()
                );
                warn(&mut diagnostics, file_span, message);
                if let Some(slot) = entries.get_mut(index) {
                    slot.1 = meta;
                }
            }
            None => {
                first_seen.insert(file.clone(), (entries.len(), file_span));
                entries.push((file, meta));
            }
        }
    }
    (entries, diagnostics)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_read_and_blanked() {
        let text = "+++\ntitle = \"T\"\nkind = \"reference\"\n+++\nBody here.\n".to_string();
        let (body, meta, diags) = parse_front_matter("n.md", text.clone());
        assert!(diags.is_empty());
        assert_eq!(body.len(), text.len());
        assert_eq!(meta.unwrap().title.as_deref(), Some("T"));
        assert!(body.trim_start().starts_with("Body here."));
        assert_eq!(body.find("Body"), text.find("Body"));
    }

    #[test]
    fn misleading_metadata_is_dropped_with_a_warning() {
        let mut meta = SourceMeta { trust: Some(f64::NAN), published: Some("yesterday".into()), ..Default::default() };
        assert_eq!(check_meta(&mut meta).len(), 2);
        assert_eq!((meta.trust, meta.published), (None, None));
        let mut fine = SourceMeta { trust: Some(0.9), published: Some("2025-03".into()), ..Default::default() };
        assert!(check_meta(&mut fine).is_empty());
        assert_eq!((fine.trust, fine.published.as_deref()), (Some(0.9), Some("2025-03")));
    }

    #[test]
    fn bad_front_matter_is_a_located_diagnostic() {
        let text = "+++\ntitle = \"T\"\ntrust = \"high\"\n+++\nBody.\n".to_string();
        let (_, meta, diags) = parse_front_matter("n.md", text);
        assert!(meta.is_none());
        assert_eq!(diags[0].line, Some(3));
    }

    #[test]
    fn impossible_dates_in_front_matter_are_located_and_dropped() {
        for date in ["2025-13-45", "2025-02-30"] {
            let text = format!("+++\ntitle = \"T\"\npublished = \"{date}\"\n+++\nBody.\n");
            let (_, meta, diags) = parse_front_matter("n.md", text);
            let meta = meta.unwrap();
            assert_eq!((meta.title.as_deref(), meta.published), (Some("T"), None));
            assert_eq!(diags.len(), 1, "{diags:?}");
            assert_eq!((diags[0].line, diags[0].column), (Some(3), Some(13)), "{}", diags[0]);
            assert!(diags[0].message.contains("real date"), "{}", diags[0]);
        }
    }

    #[test]
    fn front_matter_after_a_bom_and_the_closing_fence_at_a_line_start() {
        let (body, meta, diags) = parse_front_matter("n.md", "\u{feff}+++\ntitle = \"T\"\n+++\nBody.".into());
        assert!(diags.is_empty() && !body.contains('\u{feff}'));
        assert_eq!(meta.unwrap().title.as_deref(), Some("T"));
        assert_eq!((body.len(), body.find("Body")), (28, Some(23)));
        // `+++` inside a value does not close the front matter.
        let (_, meta, diags) = parse_front_matter("n.md", "+++\ntitle = \"a+++\"\n+++".into());
        assert_eq!(meta.unwrap().title.as_deref(), Some("a+++"), "{diags:?}");
        let (body, meta, diags) = parse_front_matter("n.md", "+++\ntitle = \"a\"\nx+++".into());
        assert!(meta.is_none() && body.starts_with("+++"));
        assert!(diags[0].message.contains("not closed"));
    }

    #[test]
    fn manifest_unknown_keys_are_located_warnings_and_the_rest_is_kept() {
        let text = "[[source]]\nfile = \"a.txt\"\ntitle = \"A\"\ntrsut = 1.0\ntrust = \"high\"\n";
        let (entries, diags) = parse_manifest("sources.toml", text);
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].0, "a.txt");
        assert_eq!((entries[0].1.title.as_deref(), entries[0].1.trust), (Some("A"), None));
        assert_eq!(diags.len(), 2, "{diags:?}");
        assert_eq!((diags[0].line, diags[0].column), (Some(4), Some(1)));
        assert!(diags[0].message.contains("unknown key `trsut`") && diags[0].message.contains("`trust`"));
        assert_eq!((diags[1].line, diags[1].column), (Some(5), Some(9)));
        assert!(diags.iter().all(|d| d.severity == Severity::Warning));
    }

    #[test]
    fn manifest_dates_must_be_real() {
        let text = "[[source]]\nfile = \"a.txt\"\npublished = \"2025-13-45\"\n\n[[source]]\nfile = \"b.txt\"\npublished = \"2025-02-30\"\n\n[[source]]\nfile = \"c.txt\"\npublished = \"2024-02-29\"\n";
        let (entries, diags) = parse_manifest("sources.toml", text);
        let dates: Vec<_> = entries.iter().map(|(_, m)| m.published.as_deref()).collect();
        assert_eq!(dates, [None, None, Some("2024-02-29")]);
        let lines: Vec<_> = diags.iter().map(|d| d.line).collect();
        assert_eq!(lines, [Some(3), Some(7)], "{diags:?}");
    }

    #[test]
    fn manifest_entries_without_file_or_listed_twice() {
        let text = "[[source]]\ntitle = \"x\"\n[[source]]\nfile = \"a.txt\"\ntitle = \"1\"\n[[source]]\nfile = \"a.txt\"\ntitle = \"2\"\n";
        let (entries, diags) = parse_manifest("sources.toml", text);
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].1.title.as_deref(), Some("2"));
        assert_eq!(diags.len(), 2, "{diags:?}");
        assert!(diags[0].message.contains("without `file`") && diags[0].line == Some(1));
        assert!(diags[1].message.contains("first on line 4") && diags[1].line == Some(7));
        let (entries, diags) = parse_manifest("sources.toml", "[[sources]]\nfile = \"a.txt\"\n");
        assert!(entries.is_empty() && diags[0].message.contains("manifest ignored"));
    }

    #[test]
    fn decoding_boms_utf16_and_windows_1252() {
        let (text, warning) = decode("a.txt", b"\xEF\xBB\xBFHello.\n").unwrap();
        assert_eq!((text.as_str(), warning), ("Hello.\n", None));
        let le: Vec<u8> = [0xFF, 0xFE].into_iter().chain("Hé.\n".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let be: Vec<u8> = [0xFE, 0xFF].into_iter().chain("Hé.\n".encode_utf16().flat_map(u16::to_be_bytes)).collect();
        assert_eq!(decode("a.txt", &le).unwrap(), ("Hé.\n".to_string(), None));
        assert_eq!(decode("a.txt", &be).unwrap(), ("Hé.\n".to_string(), None));
        let (text, warning) = decode("a.txt", b"Line one.\nCaf\xe9 \x93quoted\x94.\n").unwrap();
        assert_eq!(text, "Line one.\nCafé \u{201c}quoted\u{201d}.\n");
        let warning = warning.unwrap();
        assert!(warning.message.contains("not UTF-8: read as Windows-1252"), "{warning}");
        assert_eq!((warning.path.as_str(), warning.line, warning.column), ("a.txt", Some(2), Some(4)));
        assert!(decode("a.bin", b"PK\x03\x04\x00\x00binary").unwrap_err().contains("binary"));
        assert!(!decode("a.txt", "mid\u{feff}dle".as_bytes()).unwrap().0.contains('\u{feff}'));
    }
}
