//! The on-disk index (`veracity index`, `.veracity/`): the same verdicts as
//! reading every source, only new or changed files read again, damaged files
//! reported and rebuilt, and a run killed at any point leaving a usable index.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn veracity(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_veracity"));
    command.current_dir(dir).env("NO_COLOR", "1");
    command
}

fn run(dir: &Path, args: &[&str]) -> Output {
    veracity(dir).args(args).output().expect("veracity runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A folder with a copy of the bundled sources and claims, and no configuration.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for folder in ["sources", "sources/reference"] {
        std::fs::create_dir_all(dir.path().join(folder)).unwrap();
        for entry in std::fs::read_dir(root.join(folder)).unwrap().flatten() {
            if entry.file_type().unwrap().is_file() {
                std::fs::copy(entry.path(), dir.path().join(folder).join(entry.file_name())).unwrap();
            }
        }
    }
    std::fs::copy(root.join("claims/coalition.toml"), dir.path().join("claims.toml")).unwrap();
    dir
}

/// The JSON report of the bundled claims, read through `index` if given.
fn report(dir: &Path, index: Option<&str>) -> Output {
    let mut args = vec!["check", "claims.toml", "--sources", "sources", "--format", "json"];
    args.extend(index.map(|i| ["--index", i]).into_iter().flatten());
    run(dir, &args)
}

fn docs(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(dir.join(".veracity/docs")).unwrap().flatten().map(|e| e.path()).collect();
    files.sort();
    files
}

#[test]
fn the_index_gives_the_same_report_and_reads_only_what_changed() {
    let dir = project();
    let dir = dir.path();
    let in_memory = report(dir, None);
    assert!(!dir.join(".veracity").exists(), "checking makes no index by itself");
    let first = run(dir, &["index", "--sources", "sources"]);
    assert_eq!(first.status.code(), Some(0), "{}", text(&first.stderr));
    assert!(text(&first.stdout).contains("(0 unchanged, 9 read: "), "{}", text(&first.stdout));
    let indexed = report(dir, None);
    assert_eq!(text(&indexed.stdout), text(&in_memory.stdout), "the index changes no verdict");
    assert_eq!(indexed.status.code(), in_memory.status.code());
    let again = run(dir, &["index", "--sources", "sources"]);
    assert!(text(&again.stdout).contains("(9 unchanged, 0 read: 0 sentences)"), "{}", text(&again.stdout));
    // One file changed: only it is read again, and the old one goes.
    let note = dir.join("sources/reference/nato.md");
    let changed = std::fs::read_to_string(&note).unwrap() + "\nNATO was founded in 1949.\n";
    std::fs::write(&note, changed).unwrap();
    let after = run(dir, &["index", "--sources", "sources"]);
    let summary = text(&after.stdout);
    assert!(summary.contains("(8 unchanged, 1 read: ") && summary.contains("1 old files removed"), "{summary}");
    assert_eq!(docs(dir).len(), 9);
}

#[test]
fn a_damaged_index_file_is_reported_and_read_again() {
    let dir = project();
    let dir = dir.path();
    let in_memory = report(dir, None);
    run(dir, &["index", "--sources", "sources"]);
    for (i, file) in docs(dir).iter().enumerate() {
        let bytes = std::fs::read(file).unwrap();
        // Truncated, emptied, or one byte changed.
        let damaged = match i % 3 {
            0 => bytes[..bytes.len() / 3].to_vec(),
            1 => Vec::new(),
            _ => bytes.iter().enumerate().map(|(j, &b)| if j == bytes.len() - 5 { b ^ 0x20 } else { b }).collect(),
        };
        std::fs::write(file, damaged).unwrap();
    }
    let checked = report(dir, None);
    assert_eq!(text(&checked.stdout), text(&in_memory.stdout));
    let warnings = text(&checked.stderr);
    assert_eq!(warnings.matches("indexing its source again").count(), 9, "{warnings}");
    let healed = report(dir, None);
    assert!(!text(&healed.stderr).contains("indexing its source again"), "rewritten: {}", text(&healed.stderr));
}

#[test]
fn a_killed_index_run_leaves_a_usable_index() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    std::fs::create_dir(dir.join("sources")).unwrap();
    // Enough files that a run is still writing when it is killed.
    for n in 0..400 {
        let body: String =
            (0..40).map(|i| format!("Council {n} approved plan {i} by {} votes to {}. ", 5 + i % 4, i % 3)).collect();
        std::fs::write(dir.join("sources").join(format!("{n:03}.txt")), body).unwrap();
    }
    let claim = ["check", "--claim", "Council 7 approved plan 3 by 8 votes to 0.", "--sources", "sources"];
    let expected = text(&run(dir, &claim).stdout);
    for round in 0..6 {
        // Kill at a point the run has reached: once it has written this many files.
        let reached = round * 60;
        let mut child = veracity(dir)
            .args(["index", "--sources", "sources"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        loop {
            let written = std::fs::read_dir(dir.join(".veracity/docs")).map_or(0, |d| d.count());
            if written >= reached || child.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::yield_now();
        }
        let _ = child.kill();
        let _ = child.wait();
        let checked = run(dir, &claim);
        assert_eq!(text(&checked.stdout), expected, "after a kill at {reached} files: {}", text(&checked.stderr));
        assert!(!text(&checked.stderr).contains("damaged"), "{}", text(&checked.stderr));
    }
    let finished = run(dir, &["index", "--sources", "sources"]);
    assert!(text(&finished.stdout).contains("400 source files"), "{}", text(&finished.stdout));
}
