//! `veracity check --stdin --format jsonl` streams: a million claims flow
//! through in bounded memory, each result written in input order as it is
//! ready. (A debug build, as `cargo test` makes, checks 100,000; `.ci/run`
//! also runs this test on a release build, with the full million.)

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};

/// How many claims flow through.
const CLAIMS: usize = if cfg!(debug_assertions) { 100_000 } else { 1_000_000 };
/// The most resident memory the run may take, in KiB (the binary's
/// allocator, mimalloc, keeps freed memory for reuse: ~65 MiB for this run).
const BOUND_KIB: u64 = 128 * 1024;
/// How much the peak may grow once a tenth of the claims are through, in
/// KiB: what flows through must not stay.
const GROWTH_KIB: u64 = 16 * 1024;

/// The peak resident memory of a running process, in KiB (Linux's `VmHWM`).
fn peak_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[test]
fn a_million_claims_stream_in_bounded_memory() {
    if !Path::new("/proc/self/status").exists() {
        println!("NOT RUN: no /proc to read the memory of a process from");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sources")).unwrap();
    let council: String = (0..50).map(|n| format!("Council {n} approved plan {n} by 7 votes to 2. ")).collect();
    std::fs::write(dir.path().join("sources/council.txt"), council).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_veracity"))
        .args(["check", "--stdin", "--format", "jsonl", "--quiet", "--sources", "sources"])
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let pid = child.id();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let mut out = std::io::BufWriter::new(&mut stdin);
        for i in 0..CLAIMS {
            // Every tenth claim as a JSON line with a field passed through.
            let (n, votes) = (i % 60, 7 + i % 3);
            let text = format!("Council {n} approved plan {n} by {votes} votes to 2.");
            let line = match i % 10 {
                0 => format!("{{\"id\": \"c{i}\", \"text\": \"{text}\", \"desk\": \"city\"}}"),
                _ => text,
            };
            writeln!(out, "{line}").unwrap();
        }
    });
    let (mut seen, mut peak, mut early) = (0, 0, None);
    for line in BufReader::new(child.stdout.take().unwrap()).lines() {
        let line = line.unwrap();
        // In input order: line N's result is the Nth, with its id.
        let id = if seen % 10 == 0 { format!("\"id\":\"c{seen}\"") } else { format!("\"id\":\"line-{}\"", seen + 1) };
        assert!(line.contains(&id), "result {seen} out of order: {line}");
        seen += 1;
        if seen % (CLAIMS / 20) == 0 {
            peak = peak.max(peak_kib(pid).unwrap_or(0));
            if seen == CLAIMS / 10 {
                early = Some(peak);
            }
        }
    }
    writer.join().unwrap();
    let status = child.wait().unwrap();
    let early = early.unwrap_or(0);
    println!("{CLAIMS} claims streamed, peak resident memory {early} KiB after a tenth, {peak} KiB in all");
    assert_eq!(seen, CLAIMS, "every claim has its result");
    assert!(status.code().is_some_and(|c| c <= 1), "{status:?}");
    assert!(peak > 0, "the memory was read while the run went on");
    assert!(peak < BOUND_KIB, "peak resident memory {peak} KiB over the bound of {BOUND_KIB} KiB");
    assert!(peak - early < GROWTH_KIB, "memory grew from {early} KiB to {peak} KiB as the claims flowed");
}
