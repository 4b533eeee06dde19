//! The binary as a person or a pipeline meets it: a pseudo-terminal REPL,
//! reports written to files, colour rules.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn veracity() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_veracity"));
    cmd.current_dir(root());
    cmd
}

/// Under a pseudo-terminal (util-linux `script`), the REPL reads lines with
/// an editor: the up arrow recalls the previous claim from history.
#[test]
fn repl_edits_lines_and_keeps_history_under_a_terminal() {
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("`script` (util-linux) is not installed; pseudo-terminal test not run");
        return;
    }
    let bin = env!("CARGO_BIN_EXE_veracity");
    let mut child = Command::new("script")
        .args(["-q", "-e", "-c", &format!("{bin} repl --color never"), "/dev/null"])
        .current_dir(root())
        .env("TERM", "xterm")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("script runs");
    {
        let stdin = child.stdin.as_mut().expect("stdin");
        let mut send = |bytes: &[u8]| {
            stdin.write_all(bytes).expect("write");
            stdin.flush().expect("flush");
            std::thread::sleep(std::time::Duration::from_millis(400));
        };
        std::thread::sleep(std::time::Duration::from_millis(800));
        send(b"NATO has 31 members\r");
        // Up arrow recalls the line from history; ten backspaces and new text edit it.
        send(&[b"\x1b[A".as_slice(), &[0x7f; 10], b"32 members\r"].concat());
        send(b"\x04");
    }
    let out = child.wait_with_output().expect("script finishes");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("contradicted") && stdout.contains("NATO has 31 members"), "{stdout}");
    assert!(stdout.contains("supported") && stdout.contains("NATO has 32 members"), "{stdout}");
}

#[test]
fn output_file_is_written_whole_and_matches_stdout() {
    let dir = std::env::temp_dir().join(format!("veracity-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("report.json");
    let status = veracity().args(["check", "--format", "json", "--output"]).arg(&file).status().expect("runs");
    assert_eq!(status.code(), Some(0));
    let written = std::fs::read_to_string(&file).expect("report written");
    let stdout = veracity().args(["check", "--format", "json"]).output().expect("runs").stdout;
    assert_eq!(written.as_bytes(), stdout.as_slice());
    let leftovers: Vec<_> = std::fs::read_dir(&dir).expect("dir").filter_map(Result::ok).collect();
    assert_eq!(leftovers.len(), 1, "no temporary files are left behind");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn no_color_is_respected_and_pipes_are_plain() {
    let forced = veracity().args(["check", "--color", "always"]).output().expect("runs");
    assert!(String::from_utf8_lossy(&forced.stdout).contains('\u{1b}'));
    let piped = veracity().args(["check"]).output().expect("runs");
    assert!(!String::from_utf8_lossy(&piped.stdout).contains('\u{1b}'));
    let no_color = veracity().args(["check", "--color", "auto"]).env("NO_COLOR", "1").output().expect("runs");
    assert!(!String::from_utf8_lossy(&no_color.stdout).contains('\u{1b}'));
}

#[test]
fn a_bad_source_is_a_warning_and_the_rest_is_checked() {
    let dir = std::env::temp_dir().join(format!("veracity-bad-source-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("good.md"), "NATO has 32 members.\n").expect("write");
    std::fs::write(dir.join("broken.txt"), [0xff, 0xfe, b'x']).expect("write");
    std::fs::write(dir.join("bad-front.md"), "+++\ntrust = \"high\"\n+++\nSweden joined NATO in 2024.\n")
        .expect("write");
    std::fs::write(dir.join("image.png"), b"png").expect("write");
    let out =
        veracity().args(["check", "--claim", "NATO has 32 members.", "--sources"]).arg(&dir).output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("not valid UTF-16LE") && stderr.contains("image.png"), "{stderr}");
    assert!(stderr.contains("bad-front.md:2:9"), "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("supported"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_written_baseline_lets_todays_findings_through() {
    let dir = tempfile::tempdir().expect("temp dir");
    let baseline = dir.path().join("baseline.json");
    let claims = "tests/fixtures/ci-claims.toml";
    let first = veracity().args(["check", claims, "--write-baseline"]).arg(&baseline).output().expect("runs");
    assert_eq!(first.status.code(), Some(1), "today's findings still fail the run that records them");
    let recorded = std::fs::read_to_string(&baseline).expect("baseline written");
    assert!(recorded.contains("nato-size-old") && recorded.contains("rutte-new"));
    let second = veracity().args(["check", claims, "--baseline"]).arg(&baseline).output().expect("runs");
    assert_eq!(second.status.code(), Some(0), "{}", String::from_utf8_lossy(&second.stdout));
}

#[test]
fn several_reports_at_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (sarif, junit) = (dir.path().join("r.sarif"), dir.path().join("r.xml"));
    let status = veracity()
        .args(["check", "--format", "json", "--output"])
        .arg(dir.path().join("r.json"))
        .arg("--report")
        .arg(format!("sarif={}", sarif.display()))
        .arg("--report")
        .arg(format!("junit={}", junit.display()))
        .status()
        .expect("runs");
    assert_eq!(status.code(), Some(0));
    assert!(std::fs::read_to_string(&sarif).expect("sarif").contains("\"2.1.0\""));
    assert!(std::fs::read_to_string(&junit).expect("junit").starts_with("<?xml"));
    let bad = veracity().args(["check", "--report", "yaml=out.yaml"]).output().expect("runs");
    assert_eq!(bad.status.code(), Some(2));
}
