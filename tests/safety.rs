//! What the command line does with hostile or careless input and output
//! paths: it never destroys what is at a path, never loses output silently,
//! never goes green on nothing, and never lets a killed run leave a partial
//! report.

use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The binary under test: this build, or another named by `VERACITY_BIN`
/// (to show what an older build did with the same cases).
fn bin() -> String {
    std::env::var("VERACITY_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_veracity").to_string())
}

fn veracity() -> Command {
    let mut command = Command::new(bin());
    command.current_dir(env!("CARGO_MANIFEST_DIR")).env("NO_COLOR", "1");
    command
}

fn run(args: &[&str]) -> Output {
    veracity().args(args).output().expect("veracity runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

const CLAIM: &[&str] = &["check", "--claim", "NATO has 32 members."];

fn with(extra: &[&str]) -> Vec<String> {
    CLAIM.iter().chain(extra).map(|s| s.to_string()).collect()
}

fn run_owned(args: &[String]) -> Output {
    veracity().args(args).output().expect("veracity runs")
}

fn temp_files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().ends_with(".tmp")))
        .collect()
}

#[test]
fn output_to_dev_null_leaves_the_device_alone() {
    let output = run_owned(&with(&["--output", "/dev/null"]));
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let meta = std::fs::symlink_metadata("/dev/null").unwrap();
    assert!(meta.file_type().is_char_device(), "/dev/null is still a character device");
}

#[test]
fn output_to_a_fifo_is_written_into() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("report.fifo");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let (sent, received) = std::sync::mpsc::channel();
    {
        let fifo = fifo.clone();
        std::thread::spawn(move || sent.send(std::fs::read_to_string(fifo).unwrap_or_default()));
    }
    let output = run_owned(&with(&["--format", "json", "--output", fifo.to_str().unwrap()]));
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(std::fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo(), "the FIFO was replaced");
    // The reader gets the report once the writer closes the FIFO (it would
    // wait forever on a FIFO replaced by a file: hence the generous bound).
    let read = received.recv_timeout(std::time::Duration::from_secs(60)).expect("the report came through the FIFO");
    assert!(read.contains("\"version\": 1"));
}

#[test]
fn output_through_a_symlink_writes_its_target_and_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let (real, link) = (dir.path().join("real.json"), dir.path().join("link.json"));
    std::fs::write(&real, "old").unwrap();
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let output = run_owned(&with(&["--format", "json", "--output", link.to_str().unwrap()]));
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert!(std::fs::read_to_string(&real).unwrap().contains("\"version\": 1"));
}

#[test]
fn a_read_only_report_keeps_its_mode() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.json");
    std::fs::write(&path, "old").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let output = run_owned(&with(&["--format", "json", "--output", path.to_str().unwrap()]));
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o444);
    assert!(temp_files(dir.path()).is_empty());
}

#[test]
fn output_dash_is_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let output = veracity()
        .args(with(&["--format", "json", "--output", "-"]))
        .arg("--sources")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("sources"))
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(String::from_utf8_lossy(&output.stdout).contains("\"version\": 1"));
    assert!(!dir.path().join("-").exists(), "no file named `-`");
}

#[test]
fn two_outputs_to_one_file_are_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.json");
    let spelled = dir.path().join(".").join("r.json");
    let report = format!("sarif={}", spelled.display());
    let output = run_owned(&with(&["--output", path.to_str().unwrap(), "--report", &report]));
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("would both write"), "{}", stderr(&output));
    assert!(!path.exists(), "nothing written");
    let output = run_owned(&with(&["--report", "json=-"]));
    assert_eq!(output.status.code(), Some(2), "two reports on standard output");
}

#[test]
fn a_closed_standard_output_is_an_error_not_a_silent_success() {
    let mut args = vec!["exec \"$0\" \"$@\" >&-".to_string(), bin()];
    args.extend(with(&[]));
    let output = Command::new("sh").arg("-c").args(&args).current_dir(env!("CARGO_MANIFEST_DIR")).output().unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("standard output is closed"), "{}", stderr(&output));
}

#[test]
fn an_empty_sources_folder_is_an_error_unless_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let sources = dir.path().to_str().unwrap();
    let output = run(&["check", "--claim", "NATO has 32 members.", "--sources", sources]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("no sentences to check against"), "{}", stderr(&output));
    let output = run(&["check", "--claim", "NATO has 32 members.", "--sources", sources, "--allow-empty"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

#[test]
fn a_folder_whose_every_file_is_skipped_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.bin"), [0u8, 1, 2, 3]).unwrap();
    std::fs::write(dir.path().join("b.png"), [0x89u8, b'P', b'N', b'G']).unwrap();
    let output = run(&["check", "--claim", "NATO has 32 members.", "--sources", dir.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(err.contains("skipped") && err.contains("no sentences to check against"), "{err}");
}

#[test]
fn an_empty_claims_file_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let claims = dir.path().join("claims.toml");
    std::fs::write(&claims, "# nothing yet\n").unwrap();
    let output = run(&["check", claims.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("no claims to check"), "{}", stderr(&output));
}

#[test]
fn eval_of_nothing_is_an_error() {
    let output = run(&["eval", "/dev/null"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("no records"), "{}", stderr(&output));
}

#[test]
fn the_repl_skips_a_line_that_is_not_utf8_and_goes_on() {
    use std::io::Write;
    let mut child = veracity()
        .args(["repl", "--format", "jsonl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"NATO has 32 members.\n\xff\xfe broken\nJapan sent troops.\n").unwrap();
    drop(stdin);
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(String::from_utf8_lossy(&output.stdout).lines().count(), 2, "both good lines answered");
    assert!(stderr(&output).contains("line 2 is not UTF-8"), "{}", stderr(&output));
}

#[test]
fn a_full_disk_leaves_the_old_report_whole() {
    // A file-size limit of 1 KiB makes the write fail as a full disk would
    // (EFBIG, with SIGXFSZ ignored).
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.json");
    std::fs::write(&path, "old report").unwrap();
    let script = "ulimit -f 1; trap '' XFSZ; exec \"$0\" \"$@\"";
    let mut args = vec![script.to_string(), bin()];
    args.extend(with(&["--format", "json", "--all-evidence", "--output", path.to_str().unwrap()]));
    let output = Command::new("sh").arg("-c").args(&args).current_dir(env!("CARGO_MANIFEST_DIR")).output().unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("cannot write report"), "{}", stderr(&output));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "old report");
    assert!(temp_files(dir.path()).is_empty(), "{:?}", temp_files(dir.path()));
}

#[test]
fn killing_a_run_at_any_point_leaves_the_old_report_or_the_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let (report, baseline) = (dir.path().join("report.json"), dir.path().join("baseline.json"));
    let args = || {
        with(&[
            "--claim",
            "NATO has 31 members.",
            "--format",
            "json",
            "--output",
            report.to_str().unwrap(),
            "--write-baseline",
            baseline.to_str().unwrap(),
        ])
    };
    // The complete reports, as a run that is not interrupted writes them.
    assert_eq!(run_owned(&args()).status.code(), Some(1));
    let (new_report, new_baseline) =
        (std::fs::read_to_string(&report).unwrap(), std::fs::read_to_string(&baseline).unwrap());
    let (old_report, old_baseline) = ("{\"old\": true}\n", "{\"version\": 1, \"findings\": []}\n");
    // What a run killed with the old naming scheme left: its process is gone.
    let stale = dir.path().join(".report.json.4194305.tmp");
    std::fs::write(&stale, "partial").unwrap();
    let mut seed = 0x2545_f491_u64;
    for _ in 0..40 {
        std::fs::write(&report, old_report).unwrap();
        std::fs::write(&baseline, old_baseline).unwrap();
        let mut child = veracity().args(args()).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
        // A pseudo-random point in the run: from at once to after it ends.
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        std::thread::sleep(std::time::Duration::from_micros(seed % 400_000));
        let _ = child.kill();
        let _ = child.wait();
        let r = std::fs::read_to_string(&report).unwrap();
        let b = std::fs::read_to_string(&baseline).unwrap();
        assert!(r == old_report || r == new_report, "a partial report: {r:.80}");
        assert!(b == old_baseline || b == new_baseline, "a partial baseline: {b:.80}");
    }
    // Whatever the killed runs left, the next run removes.
    assert_eq!(run_owned(&args()).status.code(), Some(1));
    assert!(temp_files(dir.path()).is_empty(), "{:?}", temp_files(dir.path()));
}
