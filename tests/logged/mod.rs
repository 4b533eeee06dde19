//! Running a slow external command (pre-commit, Spark) in a test, its output
//! kept in a log file.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Runs `command` with its standard output and error in `log`, waiting for
/// it to exit; kills it (and fails, showing the log) after `limit`. Gives
/// its exit code and the log.
pub fn run_logged(command: &mut Command, log: &Path, limit: Duration) -> (Option<i32>, String) {
    let file = fs::File::create(log).unwrap();
    command.stdin(Stdio::null()).stdout(file.try_clone().unwrap()).stderr(file);
    let mut child = command.spawn().unwrap_or_else(|e| panic!("cannot start {command:?}: {e}"));
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("timed out after {limit:?}:\n{}", fs::read_to_string(log).unwrap_or_default());
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    (status.code(), fs::read_to_string(log).unwrap_or_default())
}
