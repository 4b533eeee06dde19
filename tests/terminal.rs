//! The binary as a person or a pipeline meets it: a pseudo-terminal REPL,
//! reports written to files, colour rules.
//!
//! The REPL tests run it under a pseudo-terminal (util-linux `script`) and
//! read what it writes until what they wait for appears (an answer, the
//! prompt), with one generous deadline: never a fixed sleep.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn veracity() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_veracity"));
    cmd.current_dir(root());
    cmd
}

const PROMPT: &str = "claim> ";

/// How long a REPL test may take in all, slow machine and debug build included.
const DEADLINE: Duration = Duration::from_secs(60);

/// `veracity repl --color never` under a pseudo-terminal, its history in
/// `data` (XDG_DATA_HOME), never the user's. `stty` first sets the
/// terminal's size: `script` with piped input gives it none.
struct Pty {
    child: Child,
    stdin: Option<ChildStdin>,
    output: Receiver<Vec<u8>>,
    bytes: Vec<u8>,
    ended: bool,
    deadline: Instant,
}

impl Pty {
    /// Starts the REPL, and waits for its first prompt; `None` without `script`.
    fn start(data: &Path, columns: usize) -> Option<Pty> {
        if Command::new("script").arg("--version").output().is_err() {
            eprintln!("`script` (util-linux) is not installed; pseudo-terminal test not run");
            return None;
        }
        let bin = env!("CARGO_BIN_EXE_veracity");
        let command = format!("stty cols {columns} rows 50 && exec {bin} repl --color never");
        let mut child = Command::new("script")
            .args(["-q", "-e", "-c", &command, "/dev/null"])
            .current_dir(root())
            .env("TERM", "xterm")
            .env("XDG_DATA_HOME", data)
            .env_remove("COLUMNS")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("script runs");
        let mut stdout = child.stdout.take().expect("stdout");
        let (sender, output) = mpsc::channel();
        std::thread::spawn(move || {
            let mut buffer = [0; 4096];
            while let Ok(n @ 1..) = stdout.read(&mut buffer) {
                if sender.send(buffer[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        let stdin = child.stdin.take();
        let mut pty =
            Pty { child, stdin, output, bytes: Vec::new(), ended: false, deadline: Instant::now() + DEADLINE };
        pty.wait_for("the first prompt", |out| out.contains(PROMPT));
        Some(pty)
    }

    /// Types `bytes` (all at once: one write).
    fn send(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).expect("write");
        stdin.flush().expect("flush");
    }

    /// What the terminal shows so far, escape sequences and carriage returns left out.
    fn text(&self) -> String {
        plain(&String::from_utf8_lossy(&self.bytes))
    }

    /// Reads until `done` holds for the output so far.
    fn wait_for(&mut self, what: &str, done: impl Fn(&str) -> bool) {
        while !done(&self.text()) {
            let left = self.deadline.saturating_duration_since(Instant::now());
            match self.output.recv_timeout(left) {
                Ok(bytes) => self.bytes.extend(bytes),
                Err(RecvTimeoutError::Timeout) => {
                    panic!("no {what} within {DEADLINE:?}; the terminal shows:\n{}", self.text())
                }
                Err(RecvTimeoutError::Disconnected) => {
                    self.ended = true;
                    assert!(done(&self.text()), "the REPL ended before {what}; the terminal shows:\n{}", self.text());
                    return;
                }
            }
        }
    }

    /// Reads to the end of the output: the session is over.
    fn wait_for_end(&mut self) {
        while !self.ended {
            let left = self.deadline.saturating_duration_since(Instant::now());
            match self.output.recv_timeout(left) {
                Ok(bytes) => self.bytes.extend(bytes),
                Err(RecvTimeoutError::Timeout) => {
                    panic!("the session did not end within {DEADLINE:?}; the terminal shows:\n{}", self.text())
                }
                Err(RecvTimeoutError::Disconnected) => self.ended = true,
            }
        }
    }

    /// Reads until claim `n` is answered and the prompt is back.
    fn wait_for_answer(&mut self, n: usize) {
        let id = format!("  claim-{n}  ");
        self.wait_for(&format!("answer {n} and prompt after it"), |out| {
            out.find(&id).is_some_and(|at| out[at..].contains(PROMPT))
        });
    }

    /// Ends the session with `keys` (Ctrl-D, `:q`), checks it exits 0, and
    /// returns all it showed.
    fn end_with(mut self, keys: &[u8]) -> String {
        self.send(keys);
        self.stdin = None;
        self.wait_for_end();
        let status = self.child.wait().expect("script finishes");
        assert!(status.success(), "{status}; the terminal shows:\n{}", self.text());
        self.text()
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        // A failed test leaves nothing running.
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// The line that answers claim `n`: mark, verdict, confidence, id, text.
fn answer(out: &str, n: usize) -> &str {
    let id = format!("  claim-{n}  ");
    out.lines().find(|l| l.contains(&id)).unwrap_or("")
}

/// `text` without ANSI escape sequences and carriage returns.
fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' if chars.peek() == Some(&'[') => {
                chars.next();
                // Parameters and intermediates, then one final byte.
                while chars.next().is_some_and(|c| !('\u{40}'..='\u{7e}').contains(&c)) {}
            }
            '\u{1b}' => {
                chars.next();
            }
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Under a pseudo-terminal the REPL reads lines with an editor: the up arrow
/// recalls the previous claim from history.
#[test]
fn repl_edits_lines_and_keeps_history_under_a_terminal() {
    let data = tempfile::tempdir().expect("temp dir");
    let Some(mut pty) = Pty::start(data.path(), 200) else { return };
    pty.send(b"NATO has 31 members\r");
    pty.wait_for_answer(1);
    // Up arrow recalls the line from history; ten backspaces and new text edit it.
    pty.send(&[b"\x1b[A".as_slice(), &[0x7f; 10], b"32 members\r"].concat());
    pty.wait_for_answer(2);
    let out = pty.end_with(b"\x04");
    assert!(answer(&out, 1).contains("contradicted") && answer(&out, 1).ends_with("NATO has 31 members"), "{out}");
    assert!(answer(&out, 2).contains("supported") && answer(&out, 2).ends_with("NATO has 32 members"), "{out}");
}

/// Lines pasted or typed ahead reach the terminal at once: each is answered,
/// in order, none lost.
#[test]
fn a_paste_of_twenty_lines_is_answered_line_by_line() {
    let data = tempfile::tempdir().expect("temp dir");
    let Some(mut pty) = Pty::start(data.path(), 200) else { return };
    let lines: Vec<String> = (20..40).map(|n| format!("NATO has {n} members")).collect();
    pty.send(format!("{}\r", lines.join("\r")).as_bytes());
    // Without its `buffer-redux` feature, rustyline drops what it read past the first line.
    pty.wait_for("20 answers (rustyline keeps what it read ahead only with `buffer-redux`)", |out| {
        out.find("  claim-20  ").is_some_and(|at| out[at..].contains(PROMPT))
    });
    let out = pty.end_with(b"\x04");
    for (i, line) in lines.iter().enumerate() {
        assert!(answer(&out, i + 1).ends_with(line.as_str()), "line {} was not answered in order: {out}", i + 1);
    }
}

/// A terminal that brackets a paste sends it as one edit: each of its lines
/// is answered when it is entered.
#[test]
fn a_bracketed_paste_of_several_lines_is_answered_line_by_line() {
    let data = tempfile::tempdir().expect("temp dir");
    let Some(mut pty) = Pty::start(data.path(), 200) else { return };
    pty.send(b"\x1b[200~NATO has 32 members\rUkraine\rNATO has 31 members\r\x1b[201~\r");
    pty.wait_for_answer(3);
    let out = pty.end_with(b":q\r");
    assert!(out.contains("claim-1  NATO has 32 members"), "{out}");
    assert!(out.contains("not a checkable claim: too short"), "{out}");
    assert!(out.contains("claim-3  NATO has 31 members"), "{out}");
}

/// The history is kept in `$XDG_DATA_HOME/veracity/history` (made when
/// missing), and a later session recalls it.
#[test]
fn history_is_kept_across_sessions() {
    let data = tempfile::tempdir().expect("temp dir");
    let file = data.path().join("veracity").join("history");
    let Some(mut pty) = Pty::start(data.path(), 200) else { return };
    pty.send(b"NATO has 31 members\r");
    pty.wait_for_answer(1);
    pty.send(b"Sweden joined NATO in 2024\r");
    pty.wait_for_answer(2);
    pty.end_with(b":quit\r");
    let history = std::fs::read_to_string(&file).expect("history written");
    let kept: Vec<&str> = history.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(kept, ["NATO has 31 members", "Sweden joined NATO in 2024", ":quit"], "{history}");

    let Some(mut pty) = Pty::start(data.path(), 200) else { return };
    // Up three times: past `:quit` and the second claim, the first claim of the session before.
    pty.send(b"\x1b[A\x1b[A\x1b[A\r");
    pty.wait_for_answer(1);
    let out = pty.end_with(b"\x04");
    assert!(answer(&out, 1).contains("contradicted") && answer(&out, 1).ends_with("NATO has 31 members"), "{out}");
}

/// Piped input never touches the history.
#[test]
fn piped_input_keeps_no_history() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut child = veracity()
        .args(["repl"])
        .env("XDG_DATA_HOME", data.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("runs");
    child.stdin.take().expect("stdin").write_all(b"NATO has 32 members.\n").expect("write");
    let out = child.wait_with_output().expect("runs");
    assert!(String::from_utf8_lossy(&out.stdout).contains("claim-1"));
    assert!(!data.path().join("veracity").exists(), "a piped session wrote a history");
}

/// On a terminal, answers fit its width, and each caret stays under the
/// characters it marks.
#[test]
fn answers_are_wrapped_to_the_terminal_width() {
    let data = tempfile::tempdir().expect("temp dir");
    let Some(mut pty) = Pty::start(data.path(), 60) else { return };
    pty.send(b"NATO has 31 members\r");
    pty.wait_for_answer(1);
    let out = pty.end_with(b"\x04");
    let answer: Vec<&str> =
        out.lines().skip_while(|l| !l.contains("  claim-1  ")).take_while(|l| !l.starts_with(PROMPT)).collect();
    assert!(answer.len() > 5, "{out}");
    for line in &answer {
        assert!(line.chars().count() <= 60, "longer than the terminal's 60 columns: {line:?}\n{out}");
    }
    let mut carets = 0;
    for pair in answer.windows(2) {
        let (text, marks) = (pair[0], pair[1]);
        if !marks.contains('^') {
            continue;
        }
        let above: Vec<char> = text.chars().collect();
        let mut marked = String::new();
        for (column, c) in marks.chars().enumerate().skip_while(|(_, c)| *c != '^') {
            if c != '^' {
                break;
            }
            marked.push(above.get(column).copied().unwrap_or(' '));
        }
        assert!(["31", "32"].contains(&marked.as_str()), "carets under {marked:?}:\n{text}\n{marks}\n\n{out}");
        carets += 1;
    }
    assert!(carets >= 2, "the claim and the contradicting source each have a marked number: {out}");
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
