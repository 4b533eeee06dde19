//! CLI cases as data: each `tests/cmd/*.toml` runs the binary on the bundled
//! corpus (or a fixture) and compares exit code, stdout and stderr with the
//! files beside it. `TRYCMD=overwrite cargo test --test cli` rewrites them.

#[test]
fn cli_cases() {
    trycmd::TestCases::new().case("tests/cmd/*.toml");
}

/// Sources are read and claims checked on every core: the report must not
/// depend on how many there are.
#[test]
fn the_report_is_the_same_whatever_the_thread_count() {
    let run = |threads: &str| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_veracity"))
            .args(["--threads", threads, "check", "claims/coalition.toml", "--format", "json"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .expect("veracity runs");
        assert!(output.status.code().is_some_and(|c| c < 2), "{}", String::from_utf8_lossy(&output.stderr));
        output.stdout
    };
    let one = run("1");
    assert!(!one.is_empty());
    for threads in ["2", "3", "8"] {
        assert!(one == run(threads), "--threads {threads} changed the report");
    }
}
