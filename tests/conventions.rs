//! What users of ripgrep, ruff and typos expect, end to end: a project from
//! `veracity init`, a start with no configuration, paths from the project's
//! root in any folder below it, completions and a man page, and the README's
//! GitHub Actions workflow run as written.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn veracity(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_veracity"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("veracity runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A fresh project made by `veracity init` in a temporary folder.
fn initialised() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = veracity(dir.path(), &["init"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    dir
}

#[test]
fn init_then_check_passes() {
    let dir = initialised();
    for file in ["veracity.toml", "claims/example.toml", "sources/example.md"] {
        assert!(dir.path().join(file).is_file(), "{file}");
    }
    let out = veracity(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(0), "{}{}", text(&out.stdout), text(&out.stderr));
    assert!(text(&out.stdout).contains("0 of 3 expectations failed"), "{}", text(&out.stdout));
    // A second init keeps what is there.
    std::fs::write(dir.path().join("veracity.toml"), "sources = [\"sources\"]\n").unwrap();
    assert_eq!(veracity(dir.path(), &["init"]).status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(dir.path().join("veracity.toml")).unwrap(), "sources = [\"sources\"]\n");
}

#[test]
fn without_a_configuration_the_sources_folder_beside_is_used() {
    let dir = initialised();
    std::fs::remove_file(dir.path().join("veracity.toml")).unwrap();
    let out = veracity(dir.path(), &["check", "claims/example.toml"]);
    assert_eq!(out.status.code(), Some(0), "{}{}", text(&out.stdout), text(&out.stderr));
    assert!(text(&out.stderr).contains("reading sources from sources/"), "{}", text(&out.stderr));
}

#[test]
fn from_a_subfolder_reports_name_files_from_the_project_root() {
    let dir = initialised();
    let claims = dir.path().join("claims");
    std::fs::write(
        claims.join("wrong.toml"),
        "[[claim]]\nid = \"wrong\"\ntext = \"NATO has 31 member countries.\"\nexpect = \"supported\"\n",
    )
    .unwrap();
    let out = veracity(&claims, &["check", "wrong.toml", "--format", "github"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let annotations = text(&out.stdout);
    assert!(annotations.contains("::error file=claims/wrong.toml,line=3"), "{annotations}");
    let out = veracity(&claims, &["check", "wrong.toml", "--format", "sarif"]);
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let location = &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    assert_eq!(location["uri"], "claims/wrong.toml");
    assert_eq!(location["uriBaseId"], "%SRCROOT%");
    let evidence = &sarif["runs"][0]["results"][0]["relatedLocations"][0]["physicalLocation"]["artifactLocation"];
    assert_eq!(evidence["uri"], "sources/example.md");
}

#[test]
fn completions_parse_and_the_man_page_renders() {
    let dir = tempfile::tempdir().unwrap();
    let out = veracity(dir.path(), &["completions", "bash"]);
    assert_eq!(out.status.code(), Some(0));
    let script = dir.path().join("veracity.bash");
    std::fs::write(&script, &out.stdout).unwrap();
    let parsed = Command::new("bash").arg("-n").arg(&script).status().unwrap();
    assert!(parsed.success(), "bash parses the completion script");
    for shell in ["zsh", "fish", "powershell"] {
        let out = veracity(dir.path(), &["completions", shell]);
        assert!(out.status.success() && !out.stdout.is_empty(), "{shell}");
    }
    let out = veracity(dir.path(), &["man"]);
    assert_eq!(out.status.code(), Some(0));
    let page = dir.path().join("veracity.1");
    std::fs::write(&page, &out.stdout).unwrap();
    let Ok(rendered) = Command::new("man").arg("-l").arg(&page).env("MANPAGER", "cat").env("MANWIDTH", "80").output()
    else {
        assert!(std::env::var_os("CI").is_none(), "man is required under CI");
        eprintln!("NOT RUN: man is not installed");
        return;
    };
    assert!(rendered.status.success(), "{}", text(&rendered.stderr));
    let rendered = text(&rendered.stdout);
    assert!(rendered.contains("veracity") && rendered.contains("check"), "{rendered}");
}

/// The `run:` commands of the README's GitHub Actions workflow, in order.
fn readme_workflow_commands() -> Vec<String> {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let start = readme.find("A worked GitHub Actions workflow").expect("the README has the workflow");
    let yaml = &readme[start..];
    let yaml = &yaml[yaml.find("```yaml").expect("a yaml block") + 7..];
    let yaml = &yaml[..yaml.find("```").expect("the block ends")];
    let mut commands = Vec::new();
    let mut lines = yaml.lines().peekable();
    while let Some(line) = lines.next() {
        let Some(run) = line.trim_start().strip_prefix("run:") else { continue };
        let indent = line.len() - line.trim_start().len();
        let run = run.trim();
        if run == ">" || run == "|" {
            // A block scalar: the more indented lines that follow, folded.
            let mut parts = Vec::new();
            while let Some(next) = lines.peek().filter(|l| l.len() - l.trim_start().len() > indent) {
                parts.push(next.trim().to_string());
                lines.next();
            }
            commands.push(parts.join(if run == ">" { " " } else { "\n" }));
        } else {
            commands.push(run.to_string());
        }
    }
    commands
}

#[test]
fn the_readme_workflow_runs_as_written() {
    let dir = initialised();
    let commands = readme_workflow_commands();
    assert!(commands.iter().any(|c| c.starts_with("veracity check")), "{commands:?}");
    // The workflow's own build step needs the network: the binary under test stands in for it.
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_veracity"));
    let path = format!("{}:{}", bin.parent().unwrap().display(), std::env::var("PATH").unwrap_or_default());
    for command in commands.iter().filter(|c| !c.starts_with("cargo install")) {
        let out =
            Command::new("bash").arg("-c").arg(command).current_dir(dir.path()).env("PATH", &path).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{command}\n{}{}", text(&out.stdout), text(&out.stderr));
        assert!(text(&out.stdout).contains("::notice title=Veracity::"), "{}", text(&out.stdout));
    }
    for report in ["veracity.sarif", "veracity.html", "veracity-junit.xml"] {
        assert!(dir.path().join(report).is_file(), "{report} written");
    }
}

#[test]
fn in_a_repository_reports_name_files_from_its_root() {
    let repository = tempfile::tempdir().unwrap();
    std::fs::create_dir(repository.path().join(".git")).unwrap();
    let project = repository.path().join("site");
    std::fs::create_dir(&project).unwrap();
    assert_eq!(veracity(&project, &["init"]).status.code(), Some(0));
    let claims = project.join("claims");
    std::fs::write(
        claims.join("wrong.toml"),
        "[[claim]]\nid = \"wrong\"\ntext = \"NATO has 31 member countries.\"\nexpect = \"supported\"\n",
    )
    .unwrap();
    let out = veracity(&claims, &["check", "wrong.toml", "--format", "github"]);
    let annotations = text(&out.stdout);
    assert!(annotations.contains("::error file=site/claims/wrong.toml,line=3"), "{annotations}");
}
