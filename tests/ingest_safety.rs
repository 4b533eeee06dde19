//! Reading inputs safely: link loops, special files, size limits, encodings,
//! manifests and claims files, through the library's ingest API on
//! temporary folders.
#![cfg(unix)]

use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use veracity::config::{Config, Ingest};
use veracity::diagnostic::Severity;
use veracity::ingest::{self, LoadedSources};

const BOM: char = '\u{feff}';
const SENTENCE: &str = "The committee approved the new budget on Tuesday after a long debate.\n";

/// Loads `root` with `settings` on another thread, failing the test if it
/// takes longer than `limit` (a walk that loops or a read that blocks).
fn load_within(root: &Path, settings: Ingest, limit: Duration) -> LoadedSources {
    let (tx, rx) = mpsc::channel();
    let root = root.to_path_buf();
    std::thread::spawn(move || {
        let _ = tx.send(ingest::load_sources(&[root], &settings));
    });
    rx.recv_timeout(limit).expect("loading finished in time (no loop, no blocking read)")
}

fn load(root: &Path) -> LoadedSources {
    load_within(root, Ingest::default(), Duration::from_secs(10))
}

fn names(loaded: &LoadedSources, root: &Path) -> Vec<String> {
    loaded
        .sources
        .iter()
        .map(|s| Path::new(&s.path).strip_prefix(root).map_or(s.path.clone(), |p| p.display().to_string()))
        .collect()
}

fn folder_with_two_files() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let s = dir.path().join("s");
    fs::create_dir(&s).unwrap();
    fs::write(s.join("a.txt"), SENTENCE).unwrap();
    fs::create_dir(s.join("sub")).unwrap();
    fs::write(s.join("sub/b.md"), SENTENCE).unwrap();
    (dir, s)
}

#[test]
fn two_links_to_the_same_folder_finish_fast_and_read_each_file_once() {
    let (_dir, s) = folder_with_two_files();
    symlink(".", s.join("l1")).unwrap();
    symlink(".", s.join("l2")).unwrap();
    let started = Instant::now();
    let loaded = load_within(&s, Ingest::default(), Duration::from_secs(5));
    assert!(started.elapsed() < Duration::from_secs(1), "took {:?}", started.elapsed());
    assert_eq!(names(&loaded, &s), ["a.txt", "sub/b.md"]);
}

#[test]
fn a_link_loop_reads_each_file_once() {
    let (_dir, s) = folder_with_two_files();
    symlink(".", s.join("loop")).unwrap();
    symlink("..", s.join("sub/up")).unwrap();
    let loaded = load(&s);
    assert_eq!(names(&loaded, &s), ["a.txt", "sub/b.md"]);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
}

#[test]
fn links_to_folders_are_followed_once_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let (outside, s) = (dir.path().join("outside"), dir.path().join("s"));
    fs::create_dir(&outside).unwrap();
    fs::create_dir(&s).unwrap();
    fs::write(outside.join("o.txt"), SENTENCE).unwrap();
    fs::write(s.join("a.txt"), SENTENCE).unwrap();
    symlink(&outside, s.join("x1")).unwrap();
    symlink(&outside, s.join("x2")).unwrap();
    let followed = load(&s);
    assert_eq!(names(&followed, &s), ["a.txt", "x1/o.txt"]);
    let settings = Ingest { follow_symlinks: false, ..Ingest::default() };
    let not_followed = load_within(&s, settings, Duration::from_secs(10));
    assert_eq!(names(&not_followed, &s), ["a.txt"]);
    assert_eq!(not_followed.skipped.len(), 2, "{:?}", not_followed.skipped);
    assert!(not_followed.skipped.iter().all(|k| k.reason.contains("follow_symlinks = false")));
}

#[test]
fn fifos_sockets_and_devices_are_skipped_without_opening_them() {
    let dir = tempfile::tempdir().unwrap();
    let s = dir.path();
    fs::write(s.join("a.txt"), SENTENCE).unwrap();
    let made = std::process::Command::new("mkfifo").arg(s.join("pipe.txt")).status().unwrap();
    assert!(made.success());
    let _socket = std::os::unix::net::UnixListener::bind(s.join("socket.txt")).unwrap();
    symlink("/dev/zero", s.join("zero.txt")).unwrap();
    symlink("/dev/null", s.join("null.md")).unwrap();
    let loaded = load(s);
    assert_eq!(names(&loaded, s), ["a.txt"]);
    let reasons: Vec<(String, String)> = loaded
        .skipped
        .iter()
        .map(|k| (Path::new(&k.path).file_name().unwrap().to_string_lossy().into_owned(), k.reason.clone()))
        .collect();
    let expected = [
        ("null.md", "not a regular file (a character device)"),
        ("pipe.txt", "not a regular file (a FIFO)"),
        ("socket.txt", "not a regular file (a socket)"),
        ("zero.txt", "not a regular file (a character device)"),
    ];
    assert_eq!(reasons, expected.map(|(a, b)| (a.to_string(), b.to_string())));
    // Named directly, as a root, a FIFO is skipped too.
    let fifo = load_within(&s.join("pipe.txt"), Ingest::default(), Duration::from_secs(10));
    assert!(fifo.sources.is_empty() && fifo.skipped[0].reason.contains("a FIFO"), "{:?}", fifo.skipped);
    // A FIFO named sources.toml is not opened either.
    let m = tempfile::tempdir().unwrap();
    fs::write(m.path().join("a.txt"), SENTENCE).unwrap();
    std::process::Command::new("mkfifo").arg(m.path().join("sources.toml")).status().unwrap();
    let loaded = load(m.path());
    assert_eq!(loaded.sources.len(), 1);
}

#[test]
fn files_over_the_size_limit_are_skipped_with_their_size() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("small.txt"), &SENTENCE.as_bytes()[..50]).unwrap();
    fs::write(dir.path().join("big.txt"), SENTENCE.repeat(3)).unwrap();
    let settings = Ingest { max_file_size: 50, ..Ingest::default() };
    let loaded = load_within(dir.path(), settings, Duration::from_secs(10));
    assert_eq!(names(&loaded, dir.path()), ["small.txt"]);
    let size = SENTENCE.len() * 3;
    assert_eq!(loaded.skipped[0].reason, format!("{size} bytes, over the limit of 50 (ingest.max_file_size)"));
}

/// The line and column of each sentence of the only document, and its text.
fn positions(loaded: LoadedSources) -> Vec<(usize, usize, String)> {
    let engine = veracity::Engine::new(loaded.sources, &Config::default()).unwrap();
    let doc = &engine.corpus.documents[0];
    engine
        .corpus
        .every_sentence()
        .map(|s| {
            let at = doc.position(s.span.start);
            (at.line, at.column, doc.body().text[s.span.start..s.span.end].to_string())
        })
        .collect()
}

#[test]
fn a_utf8_bom_is_dropped_and_positions_stay_right() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("\u{feff}{SENTENCE}Then the mayor signed the budget into law on Friday morning.\n");
    fs::write(dir.path().join("a.txt"), &text).unwrap();
    let front = format!("\u{feff}+++\ntitle = \"T\"\n+++\n{SENTENCE}");
    fs::write(dir.path().join("b.md"), front).unwrap();
    let loaded = load(dir.path());
    assert!(loaded.sources.iter().all(|s| !s.text.contains('\u{feff}')), "{:?}", loaded.sources);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    assert_eq!(loaded.sources[1].meta.title.as_deref(), Some("T"));
    let a = ingest::load_sources(&[dir.path().join("a.txt")], &Ingest::default());
    let found = positions(a);
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!((found[0].0, found[0].1), (1, 1));
    assert!(found[0].2.starts_with("The committee"), "{found:?}");
    assert_eq!((found[1].0, found[1].1), (2, 1));
    let b = ingest::load_sources(&[dir.path().join("b.md")], &Ingest::default());
    let found = positions(b);
    assert_eq!((found[0].0, found[0].1), (4, 1), "{found:?}");
}

#[test]
fn utf16_with_a_bom_is_decoded() {
    let dir = tempfile::tempdir().unwrap();
    let le: Vec<u8> = [0xFF, 0xFE].into_iter().chain(SENTENCE.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let be: Vec<u8> = [0xFE, 0xFF].into_iter().chain(SENTENCE.encode_utf16().flat_map(u16::to_be_bytes)).collect();
    fs::write(dir.path().join("le.txt"), le).unwrap();
    fs::write(dir.path().join("be.txt"), be).unwrap();
    let loaded = load(dir.path());
    assert!(loaded.skipped.is_empty(), "{:?}", loaded.skipped);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    assert_eq!(loaded.sources.len(), 2);
    assert!(loaded.sources.iter().all(|s| s.text == SENTENCE));
}

#[test]
fn latin1_text_is_read_as_windows_1252_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("l.txt"), b"The caf\xe9 in M\xfcnchen opened in 1990, the \x93owner\x94 said.\n")
        .unwrap();
    let loaded = load(dir.path());
    assert_eq!(loaded.sources.len(), 1, "{:?}", loaded.skipped);
    assert_eq!(loaded.sources[0].text, "The café in München opened in 1990, the \u{201c}owner\u{201d} said.\n");
    let d = &loaded.diagnostics[0];
    assert_eq!(d.severity, Severity::Warning);
    assert!(d.message.contains("not UTF-8: read as Windows-1252") && d.path.ends_with("l.txt"), "{d}");
    assert_eq!((d.line, d.column), (Some(1), Some(8)));
}

#[test]
fn binary_files_are_still_skipped() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("b.txt"), b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR").unwrap();
    let loaded = load(dir.path());
    assert!(loaded.sources.is_empty());
    assert!(loaded.skipped[0].reason.contains("binary"), "{:?}", loaded.skipped);
}

#[test]
fn manifest_unknown_keys_and_impossible_dates_are_located_warnings() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), SENTENCE).unwrap();
    fs::write(dir.path().join("b.md"), format!("+++\npublished = \"2025-02-30\"\n+++\n{SENTENCE}")).unwrap();
    let manifest = "[[source]]\nfile = \"a.txt\"\ntitle = \"A\"\ntrsut = 1.0\npublished = \"2025-13-45\"\n";
    fs::write(dir.path().join("sources.toml"), manifest).unwrap();
    let loaded = load(dir.path());
    assert_eq!(loaded.sources.len(), 2);
    let a = &loaded.sources[0].meta;
    assert_eq!((a.title.as_deref(), a.trust, a.published.as_deref()), (Some("A"), None, None));
    assert_eq!(loaded.sources[1].meta.published, None);
    let found: Vec<_> = loaded
        .diagnostics
        .iter()
        .map(|d| (Path::new(&d.path).file_name().unwrap().to_string_lossy().into_owned(), d.line, d.severity))
        .collect();
    let expected = [
        ("sources.toml".to_string(), Some(4), Severity::Warning),
        ("sources.toml".to_string(), Some(5), Severity::Warning),
        ("b.md".to_string(), Some(2), Severity::Warning),
    ];
    assert_eq!(found, expected, "{:?}", loaded.diagnostics);
    assert!(loaded.diagnostics[0].message.contains("unknown key `trsut`"));
}

#[test]
fn the_pure_parsers_agree_with_the_walk() {
    let (entries, diags) = ingest::parse_manifest("sources.toml", "[[source]]\nfile = \"a.txt\"\ntrsut = 1\n");
    assert_eq!(entries.len(), 1);
    assert_eq!(diags.len(), 1);
    let input = "+++\npublished = \"2025-13-45\"\n+++\nx";
    let (text, meta, diags) = ingest::parse_front_matter("a.md", input.into());
    assert_eq!((text.len(), meta.map(|m| m.published), diags.len()), (input.len(), Some(None), 1));
}

#[test]
fn a_claims_file_that_is_not_utf8_is_a_located_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.toml");
    fs::write(&path, b"[[claim]]\nid = \"a\"\ntext = \"The caf\xe9 opened in 1990.\"\n").unwrap();
    let errors = ingest::read_claims(&path).unwrap_err();
    assert_eq!(errors.len(), 1);
    let e = &errors[0];
    assert_eq!(e.severity, Severity::Error);
    assert_eq!((e.line, e.column), (Some(3), Some(16)), "{e}");
    assert!(e.message.contains("not UTF-8") && e.message.contains("0xE9"), "{e}");
}

#[test]
fn a_claim_id_with_a_newline_cannot_inject_output() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.toml");
    fs::write(&path, "[[claim]]\nid = \"x\\n::error::INJECTED\"\ntext = \"NATO has 32 members.\"\n").unwrap();
    let errors = ingest::read_claims(&path).unwrap_err();
    assert!(errors[0].message.contains("claim id contains a control character"), "{:?}", errors);
    assert_eq!(errors[0].line, Some(2));
}

proptest::proptest! {
    #[test]
    fn the_pure_parsers_never_panic(text in "(\\+\\+\\+\r?\n)?[ -~\n\u{feff}\u{e9}]{0,80}(\n\\+\\+\\+)?[ -~\n]{0,20}") {
        let (body, _, _) = ingest::parse_front_matter("a.md", text.clone());
        proptest::prop_assert_eq!(body.len(), text.len());
        proptest::prop_assert!(!body.starts_with(BOM));
        let _ = ingest::parse_manifest("sources.toml", &text);
        let _ = ingest::parse_manifest("sources.toml", &format!("[[source]]\nfile = \"a\"\n{text}"));
    }
}
