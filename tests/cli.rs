//! CLI cases as data: each `tests/cmd/*.toml` runs the binary on the bundled
//! corpus (or a fixture) and compares exit code, stdout and stderr with the
//! files beside it. `TRYCMD=overwrite cargo test --test cli` rewrites them.

#[test]
fn cli_cases() {
    trycmd::TestCases::new().case("tests/cmd/*.toml");
}
