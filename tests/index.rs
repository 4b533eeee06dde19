//! The on-disk index (`veracity index`, `.veracity/`): the same verdicts as
//! reading every source, only new or changed files read again, a run that
//! changes nothing reading no source (the snapshot), damaged files reported
//! and rebuilt, one writer at a time, and a run killed at any point leaving
//! a usable index.

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

/// How many source files the bundled corpus has (`.txt`, `.md`, `.html`).
fn bundled_sources() -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    ["sources", "sources/reference"]
        .iter()
        .flat_map(|folder| std::fs::read_dir(root.join(folder)).unwrap().flatten())
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt" || x == "md" || x == "html"))
        .count()
}

/// The JSON report of the bundled claims, read through `index` if given.
fn report(dir: &Path, index: Option<&str>) -> Output {
    let mut args = vec!["check", "claims.toml", "--sources", "sources", "--format", "json"];
    args.extend(index.map(|i| ["--index", i]).into_iter().flatten());
    run(dir, &args)
}

fn docs(dir: &Path) -> Vec<PathBuf> {
    files(&dir.join(".veracity/docs"))
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().flatten().map(|e| e.path()).collect();
    files.sort();
    files
}

/// Sets every source file's modification time `seconds` from now: a stamp is
/// trusted only for a file that had settled before it was read.
fn touch(dir: &Path, seconds: i64) {
    let when = |s: i64| {
        let now = std::time::SystemTime::now();
        let by = std::time::Duration::from_secs(s.unsigned_abs());
        if s < 0 {
            now - by
        } else {
            now + by
        }
    };
    for folder in ["sources", "sources/reference"].map(|f| dir.join(f)).into_iter().filter(|f| f.is_dir()) {
        for file in files(&folder).into_iter().filter(|f| f.is_file()) {
            std::fs::File::options().write(true).open(file).unwrap().set_modified(when(seconds)).unwrap();
        }
    }
}

/// The report of the bundled claims through the default index, and whether
/// the run read its sources (else it used the snapshot).
fn report_and_read(dir: &Path) -> (Output, bool) {
    let out = run(dir, &["check", "claims.toml", "--sources", "sources", "--format", "json", "--verbose"]);
    let read = !text(&out.stderr).contains("files unchanged");
    (out, read)
}

#[test]
fn the_index_gives_the_same_report_and_reads_only_what_changed() {
    let dir = project();
    let dir = dir.path();
    let in_memory = report(dir, None);
    assert!(!dir.join(".veracity").exists(), "checking makes no index by itself");
    let first = run(dir, &["index", "--sources", "sources"]);
    assert_eq!(first.status.code(), Some(0), "{}", text(&first.stderr));
    assert!(
        text(&first.stdout).contains(&format!("(0 unchanged, {} read: ", bundled_sources())),
        "{}",
        text(&first.stdout)
    );
    let indexed = report(dir, None);
    assert_eq!(text(&indexed.stdout), text(&in_memory.stdout), "the index changes no verdict");
    assert_eq!(indexed.status.code(), in_memory.status.code());
    let again = run(dir, &["index", "--sources", "sources"]);
    assert!(
        text(&again.stdout).contains(&format!("({} unchanged, 0 read: 0 sentences)", bundled_sources())),
        "{}",
        text(&again.stdout)
    );
    // One file changed: only it is read again, and the old one goes.
    let note = dir.join("sources/reference/nato.md");
    let changed = std::fs::read_to_string(&note).unwrap() + "\nNATO was founded in 1949.\n";
    std::fs::write(&note, changed).unwrap();
    let after = run(dir, &["index", "--sources", "sources"]);
    let summary = text(&after.stdout);
    let unchanged = format!("({} unchanged, 1 read: ", bundled_sources() - 1);
    assert!(summary.contains(&unchanged) && summary.contains("1 old files removed"), "{summary}");
    assert_eq!(docs(dir).len(), bundled_sources());
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
    // Without the snapshot the sources are read: the documents kept for
    // them are asked for.
    std::fs::remove_file(dir.join(".veracity/snapshot")).unwrap();
    let checked = report(dir, None);
    assert_eq!(text(&checked.stdout), text(&in_memory.stdout));
    let warnings = text(&checked.stderr);
    assert_eq!(warnings.matches("indexing its source again").count(), bundled_sources(), "{warnings}");
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

/// The report of the bundled claims without the index (set aside for the run).
fn without_index(dir: &Path) -> Output {
    let (on, off) = (dir.join(".veracity"), dir.join("veracity-set-aside"));
    let kept = on.exists();
    if kept {
        std::fs::rename(&on, &off).unwrap();
    }
    let out = report(dir, None);
    if kept {
        std::fs::rename(&off, &on).unwrap();
    }
    out
}

#[test]
fn a_run_that_changes_nothing_reads_no_source() {
    let dir = project();
    let dir = dir.path();
    touch(dir, -3600);
    let in_memory = report(dir, None);
    run(dir, &["index", "--sources", "sources"]);
    let (warm, read) = report_and_read(dir);
    assert!(!read, "the snapshot answers: {}", text(&warm.stderr));
    assert_eq!(text(&warm.stdout), text(&in_memory.stdout), "the snapshot changes no verdict");
    // A file just written is not trusted by its stamp, however it looks: it
    // is read and compared; the snapshot is kept with its new stamp.
    touch(dir, 0);
    let (warm, read) = report_and_read(dir);
    assert!(
        !read && text(&warm.stderr).contains(&format!("({} read to compare)", bundled_sources())),
        "{}",
        text(&warm.stderr)
    );
    touch(dir, -3600);
    let (warm, _) = report_and_read(dir);
    assert!(text(&warm.stderr).contains(&format!("({} read to compare)", bundled_sources())), "{}", text(&warm.stderr));
    let (warm, _) = report_and_read(dir);
    assert!(text(&warm.stderr).contains("(0 read to compare)"), "{}", text(&warm.stderr));
    // One file changed: the run reads the sources and keeps a new snapshot
    // of everything, one segment.
    let note = dir.join("sources/reference/nato.md");
    std::fs::write(&note, std::fs::read_to_string(&note).unwrap() + "\nNATO was founded in 1949.\n").unwrap();
    touch(dir, -3600);
    let changed = without_index(dir);
    let (cold, read) = report_and_read(dir);
    assert!(read);
    assert_eq!(text(&cold.stdout), text(&changed.stdout));
    let (warm, read) = report_and_read(dir);
    assert!(!read, "{}", text(&warm.stderr));
    assert_eq!(text(&warm.stdout), text(&changed.stdout));
    assert_eq!(files(&dir.join(".veracity/segments")).len(), 1);
    // `veracity index` adds a segment for each change, and merges them
    // beyond eight: the verdicts are those of reading every source.
    let mut counts = Vec::new();
    for n in 0..10 {
        std::fs::write(dir.join(format!("sources/new-{n}.md")), format!("NATO has {n} new partners.\n")).unwrap();
        touch(dir, -3600);
        let update = run(dir, &["index", "--sources", "sources"]);
        let summary = format!("({} unchanged, 1 read: 1 sentences)", bundled_sources() + n);
        assert!(text(&update.stdout).contains(&summary), "{}", text(&update.stdout));
        counts.push(files(&dir.join(".veracity/segments")).len());
        let (warm, read) = report_and_read(dir);
        assert!(!read, "{}", text(&warm.stderr));
        assert_eq!(text(&warm.stdout), text(&without_index(dir).stdout), "after update {n}");
    }
    assert_eq!(counts, [2, 3, 4, 5, 6, 7, 8, 1, 2, 3], "a segment per change, merged beyond eight");
}

#[test]
fn a_run_through_the_snapshot_warns_as_one_that_reads() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    std::fs::create_dir(dir.join("sources")).unwrap();
    std::fs::write(dir.join("sources/council.txt"), "The council approved the plan by 7 votes to 2.\n").unwrap();
    std::fs::write(dir.join("sources/photo.png"), b"\x89PNG").unwrap();
    std::fs::write(dir.join("sources/budget.csv"), "year,amount\n").unwrap();
    touch(dir, -3600);
    let claim = ["check", "--claim", "The council approved the plan.", "--sources", "sources"];
    let cold = run(dir, &claim);
    assert!(text(&cold.stderr).contains("2 of 3 source files were skipped"), "{}", text(&cold.stderr));
    run(dir, &["index", "--sources", "sources"]);
    let warm = run(dir, &[&claim[..], &["--verbose"]].concat());
    assert!(text(&warm.stderr).contains("files unchanged"), "{}", text(&warm.stderr));
    let said = |out: &Output| {
        text(&out.stderr).lines().filter(|l| !l.starts_with("veracity: ")).collect::<Vec<_>>().join("\n")
    };
    assert_eq!(said(&warm), said(&cold));
    assert_eq!(text(&warm.stdout), text(&cold.stdout));
}

#[test]
fn a_snapshot_of_other_settings_is_not_used() {
    let dir = project();
    let dir = dir.path();
    touch(dir, -3600);
    run(dir, &["index", "--sources", "sources"]);
    let (_, read) = report_and_read(dir);
    assert!(!read);
    // Settings that change reading make a new snapshot.
    std::fs::write(dir.join("veracity.toml"), "[ingest]\nmax_sentence_chars = 2500\n").unwrap();
    let (checked, read) = report_and_read(dir);
    assert!(read, "{}", text(&checked.stderr));
    assert_eq!(text(&checked.stdout), text(&without_index(dir).stdout));
    let (_, read) = report_and_read(dir);
    assert!(!read, "the run kept a snapshot of its own");
}

#[test]
fn a_damaged_snapshot_or_segment_is_reported_and_the_sources_read() {
    let dir = project();
    let dir = dir.path();
    touch(dir, -3600);
    let in_memory = report(dir, None);
    for damaged in ["snapshot", "segment"] {
        run(dir, &["index", "--sources", "sources"]);
        let file = match damaged {
            "snapshot" => dir.join(".veracity/snapshot"),
            _ => files(&dir.join(".veracity/segments")).remove(0),
        };
        let mut bytes = std::fs::read(&file).unwrap();
        let at = bytes.len() - 3;
        bytes[at] ^= 1;
        std::fs::write(&file, bytes).unwrap();
        let (checked, read) = report_and_read(dir);
        assert!(read, "{damaged}");
        assert!(text(&checked.stderr).contains("damaged"), "{damaged}: {}", text(&checked.stderr));
        assert_eq!(text(&checked.stdout), text(&in_memory.stdout), "{damaged}");
        let (_, read) = report_and_read(dir);
        assert!(!read, "the run kept a new snapshot");
    }
    // A kept document damaged under a good snapshot: read from its source again.
    for file in docs(dir) {
        std::fs::write(file, b"not an index file").unwrap();
    }
    let (checked, read) = report_and_read(dir);
    assert!(!read);
    assert_eq!(text(&checked.stdout), text(&in_memory.stdout));
    assert!(text(&checked.stderr).contains("indexing its source again"), "{}", text(&checked.stderr));
}

#[test]
fn a_second_writer_is_told_who_holds_the_index() {
    let dir = project();
    let dir = dir.path();
    run(dir, &["index", "--sources", "sources"]);
    // A live process (this test) holds the lock.
    std::fs::write(dir.join(".veracity/lock"), std::process::id().to_string()).unwrap();
    let second = run(dir, &["index", "--sources", "sources"]);
    assert_eq!(second.status.code(), Some(2));
    let message = text(&second.stderr);
    assert!(
        message.contains(&format!("another veracity process ({}) is updating the index", std::process::id())),
        "{message}"
    );
    // Readers go on meanwhile.
    let in_memory = without_index(dir);
    assert_eq!(text(&report(dir, None).stdout), text(&in_memory.stdout));
    // A lock left by a process that is gone is taken over.
    std::fs::write(dir.join(".veracity/lock"), "999999999").unwrap();
    assert_eq!(run(dir, &["index", "--sources", "sources"]).status.code(), Some(0));
}
