//! The ways Veracity is handed to other repositories: the pre-commit hook
//! (`.pre-commit-hooks.yaml`) and the composite GitHub Action (`action.yml`).
//!
//! - Both files are read with a small, strict reader of the YAML they use
//!   (below: it refuses anything it does not know rather than misread it).
//! - The action's `run:` steps are run with bash as the runner runs a
//!   composite action, `${{ inputs.* }}` substituted here, in a copy of a small
//!   project; this build's binary is first on PATH, so the install step must
//!   skip `cargo install` (a `cargo` that fails stands behind it to prove it).
//! - The hook's `entry` is run on the files its `files`/`types` select, as
//!   pre-commit would; and, when pre-commit is installed, `pre-commit
//!   try-repo` builds the hook from a temporary git repository holding this
//!   working tree (as `language: rust` does: `cargo install --path .`) and
//!   runs it. Without pre-commit that test says NOT RUN, except under `CI`,
//!   where it fails (`.ci/run` installs pre-commit). Its cargo build goes to
//!   Cargo's target tmp folder (`pre-commit-target`), kept between runs, so
//!   only the first run builds the dependencies (minutes).

#![cfg(unix)]

mod logged;

use logged::run_logged;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A strict reader of the block-style YAML subset the two files use:
/// mappings, sequences, plain and quoted scalars, `|`/`>` block scalars and
/// flow sequences of scalars. Anything else panics with its line number.
mod yaml {
    #[derive(Debug, Clone, PartialEq)]
    pub enum Node {
        Str(String),
        Seq(Vec<Node>),
        Map(Vec<(String, Node)>),
    }

    impl Node {
        pub fn get(&self, key: &str) -> Option<&Node> {
            match self {
                Node::Map(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
                other => panic!("looked up `{key}` in a non-mapping {other:?}"),
            }
        }

        pub fn at(&self, key: &str) -> &Node {
            self.get(key).unwrap_or_else(|| panic!("missing key `{key}` in {self:?}"))
        }

        pub fn str(&self) -> &str {
            match self {
                Node::Str(s) => s,
                other => panic!("expected a scalar, found {other:?}"),
            }
        }

        pub fn seq(&self) -> &[Node] {
            match self {
                Node::Seq(items) => items,
                other => panic!("expected a sequence, found {other:?}"),
            }
        }

        pub fn map(&self) -> &[(String, Node)] {
            match self {
                Node::Map(entries) => entries,
                other => panic!("expected a mapping, found {other:?}"),
            }
        }
    }

    struct Parser {
        /// (indent, text after the indent) of every line.
        lines: Vec<(usize, String)>,
        pos: usize,
    }

    /// Fails with the line number on anything outside the subset.
    macro_rules! fail {
        ($($arg:tt)*) => { return Err(format!($($arg)*)) };
    }
    macro_rules! ensure {
        ($cond:expr, $($arg:tt)*) => { if !$cond { fail!($($arg)*) } };
    }

    pub fn parse(source: &str) -> Result<Node, String> {
        let lines = source
            .lines()
            .map(|l| {
                let indent = l.len() - l.trim_start_matches(' ').len();
                (indent, l[indent..].to_string())
            })
            .collect();
        let mut p = Parser { lines, pos: 0 };
        let Some(first) = p.next_significant() else { fail!("an empty document") };
        ensure!(p.lines[first].0 == 0, "line {}: the document must start at column 1", first + 1);
        let node = p.block(0)?;
        if let Some(i) = p.next_significant() {
            fail!("line {}: unexpected content: {}", i + 1, p.lines[i].1);
        }
        Ok(node)
    }

    fn is_item(text: &str) -> bool {
        text == "-" || text.starts_with("- ")
    }

    /// `key: rest` with a plain key.
    fn split_key(text: &str) -> Option<(&str, &str)> {
        let colon = text.find(':')?;
        let (key, after) = (&text[..colon], &text[colon + 1..]);
        let plain = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        (plain && (after.is_empty() || after.starts_with(' '))).then(|| (key, after.trim_start()))
    }

    impl Parser {
        fn significant(&self, i: usize) -> bool {
            let text = self.lines[i].1.trim();
            !text.is_empty() && !text.starts_with('#')
        }

        fn next_significant(&self) -> Option<usize> {
            (self.pos..self.lines.len()).find(|&i| self.significant(i))
        }

        fn block(&mut self, indent: usize) -> Result<Node, String> {
            let Some(i) = self.next_significant() else { fail!("a block expected at the end") };
            ensure!(!self.lines[i].1.starts_with('\t'), "line {}: tab indentation", i + 1);
            if is_item(&self.lines[i].1) {
                self.sequence(indent)
            } else {
                self.mapping(indent)
            }
        }

        fn sequence(&mut self, indent: usize) -> Result<Node, String> {
            let mut items = Vec::new();
            while let Some(i) = self.next_significant() {
                let (at, text) = self.lines[i].clone();
                if at < indent || (at == indent && !is_item(&text)) {
                    break;
                }
                ensure!(at == indent, "line {}: unexpected indentation", i + 1);
                let rest = text[1..].trim_start();
                if rest.is_empty() {
                    self.pos = i + 1;
                    let child = self.next_significant().map_or(0, |j| self.lines[j].0);
                    ensure!(child > indent, "line {}: empty item", i + 1);
                    items.push(self.block(child)?);
                } else if split_key(rest).is_some() || is_item(rest) {
                    // The item's first line, re-read as if it started at its text.
                    let child = indent + (text.len() - rest.len());
                    self.lines[i] = (child, rest.to_string());
                    self.pos = i;
                    items.push(self.block(child)?);
                } else {
                    self.pos = i + 1;
                    items.push(self.scalar(i, rest)?);
                    self.no_continuation(indent, i)?;
                }
            }
            Ok(Node::Seq(items))
        }

        fn mapping(&mut self, indent: usize) -> Result<Node, String> {
            let mut entries: Vec<(String, Node)> = Vec::new();
            while let Some(i) = self.next_significant() {
                let (at, text) = self.lines[i].clone();
                if at < indent || (at == indent && is_item(&text)) {
                    break;
                }
                ensure!(at == indent, "line {}: unexpected indentation", i + 1);
                let Some((key, rest)) = split_key(&text) else { fail!("line {}: expected `key: value`", i + 1) };
                ensure!(entries.iter().all(|(k, _)| k != key), "line {}: duplicate key `{key}`", i + 1);
                self.pos = i + 1;
                let value = if rest.is_empty() || rest.starts_with('#') {
                    match self.next_significant() {
                        Some(j) if self.lines[j].0 > indent => {
                            let child = self.lines[j].0;
                            self.block(child)?
                        }
                        Some(j) if self.lines[j].0 == indent && is_item(&self.lines[j].1) => self.sequence(indent)?,
                        _ => Node::Str(String::new()),
                    }
                } else if rest.starts_with('|') || rest.starts_with('>') {
                    self.block_scalar(i, indent, rest)?
                } else {
                    let value = self.scalar(i, rest)?;
                    self.no_continuation(indent, i)?;
                    value
                };
                entries.push((key.to_string(), value));
            }
            Ok(Node::Map(entries))
        }

        /// Plain scalars continued on the next lines are not supported.
        fn no_continuation(&self, indent: usize, i: usize) -> Result<(), String> {
            if let Some(j) = self.next_significant() {
                ensure!(self.lines[j].0 <= indent, "line {}: multi-line plain scalars are not supported", i + 1);
            }
            Ok(())
        }

        fn block_scalar(&mut self, i: usize, parent: usize, header: &str) -> Result<Node, String> {
            let header = header.split(" #").next().unwrap_or_default().trim();
            let (folded, chomp) = match header {
                "|" => (false, "clip"),
                "|-" => (false, "strip"),
                "|+" => (false, "keep"),
                ">" => (true, "clip"),
                ">-" => (true, "strip"),
                other => fail!("line {}: unsupported block scalar header `{other}`", i + 1),
            };
            let blank = |(_, text): &(usize, String)| text.trim().is_empty();
            let first = (self.pos..self.lines.len()).find(|&j| !blank(&self.lines[j]));
            let Some(first) = first.filter(|&j| self.lines[j].0 > parent) else {
                return Ok(Node::Str(String::new()));
            };
            let indent = self.lines[first].0;
            let mut body: Vec<String> = Vec::new();
            let mut j = self.pos;
            while j < self.lines.len() && (blank(&self.lines[j]) || self.lines[j].0 >= indent) {
                let (at, text) = &self.lines[j];
                body.push(if blank(&self.lines[j]) { String::new() } else { " ".repeat(at - indent) + text });
                j += 1;
            }
            self.pos = j;
            let content_lines = body.iter().rposition(|l| !l.is_empty()).map_or(0, |k| k + 1);
            let trailing = body.len() - content_lines;
            body.truncate(content_lines);
            let mut text = if folded {
                let mut out = String::new();
                for (k, line) in body.iter().enumerate() {
                    if line.is_empty() {
                        out.push('\n');
                    } else {
                        if k > 0 && !body[k - 1].is_empty() {
                            out.push(' ');
                        }
                        out.push_str(line);
                    }
                }
                out
            } else {
                body.join("\n")
            };
            match chomp {
                "clip" if !text.is_empty() => text.push('\n'),
                "keep" => text.push_str(&"\n".repeat(trailing + 1)),
                _ => {}
            }
            Ok(Node::Str(text))
        }

        fn scalar(&self, i: usize, text: &str) -> Result<Node, String> {
            let line = i + 1;
            let text = text.trim();
            if let Some(inner) = text.strip_prefix('[') {
                let inner = inner.split(" #").next().unwrap_or_default().trim_end();
                let Some(inner) = inner.strip_suffix(']') else { fail!("line {line}: unclosed flow sequence") };
                if inner.trim().is_empty() {
                    return Ok(Node::Seq(Vec::new()));
                }
                return inner.split(',').map(|item| self.scalar(i, item)).collect::<Result<_, _>>().map(Node::Seq);
            }
            let (value, after) = if let Some(body) = text.strip_prefix('"') {
                let mut out = String::new();
                let mut chars = body.char_indices();
                let end = loop {
                    match chars.next() {
                        Some((k, '"')) => break k + 1,
                        Some((_, '\\')) => out.push(match chars.next().map(|(_, c)| c) {
                            Some('n') => '\n',
                            Some('t') => '\t',
                            Some(c @ ('"' | '\\' | '/')) => c,
                            other => fail!("line {line}: unsupported escape {other:?}"),
                        }),
                        Some((_, c)) => out.push(c),
                        None => fail!("line {line}: unclosed double quote"),
                    }
                };
                (out, &body[end..])
            } else if let Some(body) = text.strip_prefix('\'') {
                let mut out = String::new();
                let mut rest = body;
                loop {
                    let Some(q) = rest.find('\'') else { fail!("line {line}: unclosed single quote") };
                    out.push_str(&rest[..q]);
                    if rest[q + 1..].starts_with('\'') {
                        out.push('\'');
                        rest = &rest[q + 2..];
                    } else {
                        break (out, &rest[q + 1..]);
                    }
                }
            } else {
                if text.starts_with(['{', '&', '*', '!', '|', '>', '%', '@', '`']) {
                    fail!("line {line}: unsupported YAML: {text}");
                }
                let plain = text.split(" #").next().unwrap_or_default().trim_end();
                ensure!(!plain.contains(": "), "line {line}: `: ` in a plain scalar");
                return Ok(Node::Str(plain.to_string()));
            };
            let after = after.trim();
            ensure!(after.is_empty() || after.starts_with('#'), "line {line}: text after a quoted scalar");
            Ok(Node::Str(value))
        }
    }

    #[test]
    fn reads_the_subset() {
        let doc = parse(
            "# c\na: 1 # note\nb:\n  - x\n  - k: 'it''s'\n    l: \"q\\\"\"\nc: [p, \"q r\"]\nd: |\n  one\n\n    two\n\ne: >-\n  f g\n  h\nf:\n- y\n",
        )
        .expect("the subset parses");
        assert_eq!(doc.at("a").str(), "1");
        assert_eq!(doc.at("b").seq()[0].str(), "x");
        assert_eq!(doc.at("b").seq()[1].at("k").str(), "it's");
        assert_eq!(doc.at("b").seq()[1].at("l").str(), "q\"");
        assert_eq!(doc.at("c").seq().iter().map(Node::str).collect::<Vec<_>>(), ["p", "q r"]);
        assert_eq!(doc.at("d").str(), "one\n\n  two\n");
        assert_eq!(doc.at("e").str(), "f g h");
        assert_eq!(doc.at("f").seq()[0].str(), "y");
        for bad in ["a: {b: 1}\n", "a: 1\n  b: 2\n", "a: 1\na: 2\n", "a: b: c\n", "a: &x 1\n"] {
            assert!(parse(bad).is_err(), "accepted {bad:?}");
        }
    }
}

use yaml::Node;

fn to_json(node: &Node) -> serde_json::Value {
    match node {
        Node::Str(s) => s.clone().into(),
        Node::Seq(items) => items.iter().map(to_json).collect(),
        Node::Map(entries) => entries.iter().map(|(k, v)| (k.clone(), to_json(v))).collect(),
    }
}

/// The small reader agrees with PyYAML on both files, where PyYAML is
/// installed (pre-commit brings it): scalars compared as text.
#[test]
fn yaml_reader_agrees_with_pyyaml() {
    const DUMP: &str = "import json, sys, yaml\n\
        def text(x):\n\
        \x20   if isinstance(x, dict): return {k: text(v) for k, v in x.items()}\n\
        \x20   if isinstance(x, list): return [text(v) for v in x]\n\
        \x20   if isinstance(x, bool): return 'true' if x else 'false'\n\
        \x20   return str(x)\n\
        print(json.dumps(text(yaml.safe_load(open(sys.argv[1], encoding='utf-8')))))\n";
    for name in [".pre-commit-hooks.yaml", "action.yml"] {
        let out = Command::new("python3").args(["-c", DUMP]).arg(root().join(name)).output();
        let Some(out) = out.ok().filter(|o| o.status.success()) else {
            eprintln!("NOT RUN: no python3 with PyYAML");
            return;
        };
        let theirs: serde_json::Value = serde_json::from_slice(&out.stdout).expect("PyYAML's JSON");
        assert_eq!(to_json(&read_yaml(name)), theirs, "{name}");
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read_yaml(name: &str) -> Node {
    let text = fs::read_to_string(root().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    yaml::parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// A small project: one source note, a claims file with one finding, a clean
/// one, and TOML files the hook must leave alone.
fn project(dir: &Path) {
    let files = [
        ("veracity.toml", "sources = [\"sources\"]\nclaims = [\"claims/facts.toml\"]\n"),
        (
            "sources/note.md",
            "+++\ntitle = \"NATO membership\"\nkind = \"reference\"\npublished = \"2025-01-01\"\n+++\n# NATO\n\n\
             NATO has had 32 members since Sweden joined on 7 March 2024.\n\n\
             Mark Rutte took office as NATO Secretary General on 1 October 2024.\n",
        ),
        (
            "claims/facts.toml",
            "[[claim]]\nid = \"nato-size\"\ntext = \"NATO has 32 members.\"\nexpect = \"supported\"\n\n\
             [[claim]]\nid = \"nato-size-old\"\ntext = \"NATO has 31 members.\"\n",
        ),
        (
            "claims/good.toml",
            "[[claim]]\nid = \"rutte\"\n\
             text = \"Mark Rutte took office as NATO Secretary General on 1 October 2024.\"\nexpect = \"supported\"\n",
        ),
        ("claims/README.md", "Claims about NATO.\n"),
        // Not claims files: the hook must not pass them (each is an input error, exit 2).
        ("notes/settings.toml", "not = \"a claims file\"\n"),
        ("Cargo.toml", "[package]\nname = \"x\"\n"),
    ];
    for (path, text) in files {
        let path = dir.join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
}

/// The files under `dir`, relative, with `/` separators, sorted.
fn list(dir: &Path, base: &Path, out: &mut Vec<String>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n != ".git") {
                list(&path, base, out);
            }
        } else {
            out.push(path.strip_prefix(base).unwrap().to_string_lossy().replace('\\', "/"));
        }
    }
    out.sort();
}

// ---------------------------------------------------------------- pre-commit

fn hook() -> Node {
    let manifest = read_yaml(".pre-commit-hooks.yaml");
    let hooks = manifest.seq();
    assert_eq!(hooks.len(), 1, "one hook");
    hooks[0].clone()
}

/// The files pre-commit would give the hook: matched by `files`, not by
/// `exclude`, of every tag in `types` (only `file` and `toml` are understood).
fn selected(hook: &Node, files: &[String]) -> Vec<String> {
    let include = regex::Regex::new(hook.at("files").str()).expect("`files` is a valid regex");
    let exclude = hook.get("exclude").map(|e| regex::Regex::new(e.str()).expect("`exclude` is a valid regex"));
    let types: Vec<&str> = hook.get("types").map_or(vec!["file"], |t| t.seq().iter().map(Node::str).collect());
    files
        .iter()
        .filter(|f| include.is_match(f) && !exclude.as_ref().is_some_and(|e| e.is_match(f)))
        .filter(|f| {
            types.iter().all(|t| match *t {
                "file" => true,
                "toml" => f.ends_with(".toml"),
                other => panic!("test does not know the type tag `{other}`"),
            })
        })
        .cloned()
        .collect()
}

#[test]
fn pre_commit_manifest() {
    let hook = hook();
    assert_eq!(hook.at("id").str(), "veracity");
    assert_eq!(hook.at("language").str(), "rust", "built by pre-commit with cargo install --path .");
    assert_eq!(hook.at("entry").str(), "veracity check");
    assert_eq!(hook.at("pass_filenames").str(), "true");
    assert_eq!(hook.at("require_serial").str(), "true", "one run indexes the sources once");
    for key in hook.map().iter().map(|(k, _)| k.as_str()) {
        let known = [
            "id",
            "name",
            "description",
            "entry",
            "language",
            "files",
            "exclude",
            "types",
            "types_or",
            "exclude_types",
            "pass_filenames",
            "require_serial",
            "args",
            "stages",
            "always_run",
            "minimum_pre_commit_version",
        ];
        assert!(known.contains(&key), "unknown hook key `{key}`");
    }
    let candidates: Vec<String> = [
        "claims/coalition.toml",
        "claims/known-failures.toml",
        "claims/sub/more.toml",
        "claims/README.md",
        "veracity.toml",
        "sources/sources.toml",
        "Cargo.toml",
        "tests/fixtures/ci-claims.toml",
        "fuzz/claims/x.toml",
    ]
    .map(String::from)
    .to_vec();
    assert_eq!(
        selected(&hook, &candidates),
        ["claims/coalition.toml", "claims/known-failures.toml", "claims/sub/more.toml"],
        "the hook takes the TOML files under claims/ and nothing else"
    );
    // The entry names this crate's binary.
    let program = hook.at("entry").str().split_whitespace().next().unwrap().to_string();
    let built = Path::new(env!("CARGO_BIN_EXE_veracity")).file_name().unwrap().to_string_lossy().into_owned();
    assert_eq!(program, built.trim_end_matches(".exe"));
}

/// The hook as pre-commit runs it, without pre-commit: the entry, split at
/// whitespace, then the selected files, in the repository's root.
#[test]
fn pre_commit_entry_on_selected_files() {
    let hook = hook();
    let dir = tempfile::tempdir().unwrap();
    project(dir.path());
    let mut files = Vec::new();
    list(dir.path(), dir.path(), &mut files);
    let chosen = selected(&hook, &files);
    assert_eq!(chosen, ["claims/facts.toml", "claims/good.toml"]);
    let mut entry = hook.at("entry").str().split_whitespace();
    assert_eq!(entry.next(), Some("veracity"));
    let run = |files: &[String]| {
        Command::new(env!("CARGO_BIN_EXE_veracity"))
            .args(entry.clone())
            .args(files)
            .current_dir(dir.path())
            .env("NO_COLOR", "1")
            .output()
            .expect("veracity runs")
    };
    let out = run(&chosen);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "a finding fails the commit\n{stdout}");
    assert!(stdout.contains("nato-size-old") && stdout.contains("3 claims"), "{stdout}");
    let out = run(&chosen[1..]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
}

/// How to run pre-commit here: the `pre-commit` command or the Python module.
fn pre_commit() -> Option<Vec<String>> {
    let candidates = [vec!["pre-commit"], vec!["python3", "-m", "pre_commit"]];
    candidates.into_iter().map(|c| c.into_iter().map(String::from).collect::<Vec<_>>()).find(|c| {
        Command::new(&c[0])
            .args(&c[1..])
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    })
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(["-c", "user.name=Veracity tests", "-c", "user.email=tests@example.invalid"])
        .args(["-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", "-c", "core.hooksPath=/dev/null"])
        .args(args)
        .current_dir(dir)
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE")
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn pre_commit_try_repo() {
    let Some(pre_commit) = pre_commit() else {
        assert!(std::env::var_os("CI").is_none(), "pre-commit is required under CI (.ci/run installs it)");
        eprintln!("NOT RUN: pre-commit not installed");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();

    // The hook's repository: this working tree's files (tracked, and new ones
    // not ignored), committed in a repository of its own.
    let hooks = tmp.path().join("hooks");
    let listed = git(&root(), &["ls-files", "-z", "--cached", "--others", "--exclude-standard"]);
    for name in listed.split('\0').filter(|n| !n.is_empty()) {
        let from = root().join(name);
        if from.is_file() {
            let to = hooks.join(name);
            fs::create_dir_all(to.parent().unwrap()).unwrap();
            fs::copy(&from, &to).unwrap();
        }
    }
    assert!(hooks.join(".pre-commit-hooks.yaml").is_file());
    git(&hooks, &["init", "-q"]);
    git(&hooks, &["add", "-A"]);
    git(&hooks, &["commit", "-q", "-m", "hooks"]);
    let rev = git(&hooks, &["rev-parse", "HEAD"]).trim().to_string();

    // The repository that uses it.
    let user = tmp.path().join("user");
    project(&user);
    git(&user, &["init", "-q"]);
    git(&user, &["add", "-A"]);

    let target = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("pre-commit-target");
    let log = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("pre-commit-try-repo.log");
    let started = Instant::now();
    let (code, output) = run_logged(
        Command::new(&pre_commit[0])
            .args(&pre_commit[1..])
            .args(["try-repo", hooks.to_str().unwrap(), "veracity", "--ref", &rev])
            .args(["--all-files", "--verbose", "--color", "never"])
            .current_dir(&user)
            .env("PRE_COMMIT_HOME", tmp.path().join("pre-commit-home"))
            .env("CARGO_TARGET_DIR", &target)
            .env("NO_COLOR", "1")
            .env_remove("GIT_DIR")
            .env_remove("GIT_INDEX_FILE"),
        &log,
        Duration::from_secs(30 * 60),
    );
    eprintln!("pre-commit try-repo took {:.0?}", started.elapsed());
    let install_log = fs::read_to_string(tmp.path().join("pre-commit-home/pre-commit.log")).unwrap_or_default();
    assert_eq!(code, Some(1), "the hook fails on the finding\n{output}\n{install_log}");
    assert!(output.contains("- exit code: 1"), "veracity's findings exit, not an error:\n{output}\n{install_log}");
    assert!(output.contains("nato-size-old") && output.contains("NATO has 31 members."), "{output}");
    // Both claims files, and only they, were checked in one run.
    assert!(output.contains("3 claims:"), "{output}");
    assert!(!output.contains("settings.toml") && !output.contains("Cargo.toml"), "{output}");
}

// ---------------------------------------------------------- the GitHub Action

/// `${{ inputs.NAME }}` replaced by the given value or the input's default;
/// any other expression is an error.
fn substitute(text: &str, action: &Node, given: &BTreeMap<&str, &str>) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("${{") {
        out.push_str(&rest[..start]);
        let end = rest[start..].find("}}").expect("closed expression") + start;
        let expr = rest[start + 3..end].trim();
        let name = expr.strip_prefix("inputs.").unwrap_or_else(|| panic!("unsupported expression `{expr}`"));
        let input = action.at("inputs").get(name).unwrap_or_else(|| panic!("undeclared input `{name}`"));
        let value = given.get(name).map(|v| v.to_string());
        out.push_str(&value.unwrap_or_else(|| input.get("default").map_or("", Node::str).to_string()));
        rest = &rest[end + 2..];
    }
    out.push_str(rest);
    out
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Runs the action's steps as the runner runs a composite action: each with
/// `bash --noprofile --norc -eo pipefail`, its env and working directory
/// (from the workspace), a fresh GITHUB_PATH file whose lines go before PATH
/// for the later steps; the first failing step ends the run.
fn run_action(workspace: &Path, path: &str, given: &[(&str, &str)]) -> Run {
    let action = read_yaml("action.yml");
    let given: BTreeMap<&str, &str> = given.iter().copied().collect();
    let scratch = tempfile::tempdir().unwrap();
    let mut path = path.to_string();
    let (mut stdout, mut stderr) = (String::new(), String::new());
    for (n, step) in action.at("runs").at("steps").seq().iter().enumerate() {
        assert!(step.get("if").is_none() && step.get("uses").is_none(), "only run steps");
        assert_eq!(step.at("shell").str(), "bash");
        let script = scratch.path().join(format!("step{n}.sh"));
        fs::write(&script, substitute(step.at("run").str(), &action, &given)).unwrap();
        let github_path = scratch.path().join(format!("path{n}"));
        fs::write(&github_path, "").unwrap();
        let dir = step.get("working-directory").map_or(".".to_string(), |d| substitute(d.str(), &action, &given));
        let mut command = Command::new("bash");
        command
            .args(["--noprofile", "--norc", "-eo", "pipefail"])
            .arg(&script)
            .current_dir(workspace.join(dir))
            .env("PATH", &path)
            .env("GITHUB_ACTION_PATH", root())
            .env("GITHUB_WORKSPACE", workspace)
            .env("GITHUB_PATH", &github_path)
            .env("RUNNER_TEMP", scratch.path())
            .env("HOME", scratch.path())
            .env("NO_COLOR", "1")
            .env_remove("CARGO_HOME");
        for (key, value) in step.get("env").map_or(&[][..], Node::map) {
            command.env(key, substitute(value.str(), &action, &given));
        }
        let out = command.output().expect("bash runs");
        stdout.push_str(&String::from_utf8_lossy(&out.stdout));
        stderr.push_str(&String::from_utf8_lossy(&out.stderr));
        for line in fs::read_to_string(&github_path).unwrap().lines().rev() {
            path = format!("{line}:{path}");
        }
        if !out.status.success() {
            return Run { code: out.status.code(), stdout, stderr };
        }
    }
    Run { code: Some(0), stdout, stderr }
}

/// A folder holding only `name`, a link to `target`.
fn bin_dir(parent: &Path, folder: &str, name: &str, target: &Path) -> PathBuf {
    let dir = parent.join(folder);
    fs::create_dir_all(&dir).unwrap();
    std::os::unix::fs::symlink(target, dir.join(name)).unwrap();
    dir
}

/// A `cargo` that records its arguments in `log` and, for `install`, puts a
/// link to this build's binary in `$CARGO_HOME/bin` (default `~/.cargo`).
fn fake_cargo(parent: &Path, log: &Path, works: bool) -> PathBuf {
    let dir = parent.join("fake-cargo");
    fs::create_dir_all(&dir).unwrap();
    let body = if works {
        format!(
            "bin=\"${{CARGO_HOME:-$HOME/.cargo}}/bin\"; mkdir -p \"$bin\"; ln -sf '{}' \"$bin/veracity\"",
            env!("CARGO_BIN_EXE_veracity")
        )
    } else {
        "echo 'cargo must not run' >&2; exit 99".to_string()
    };
    let script = dir.join("cargo");
    fs::write(&script, format!("#!/bin/sh\necho \"$@\" >> '{}'\n{body}\n", log.display())).unwrap();
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(&script, fs::Permissions::from_mode(0o755)).unwrap();
    dir
}

/// The system PATH without any folder that has a `veracity`.
fn system_path() -> String {
    let path = std::env::var("PATH").unwrap_or_default();
    path.split(':').filter(|d| !d.is_empty() && !Path::new(d).join("veracity").exists()).collect::<Vec<_>>().join(":")
}

#[test]
fn action_manifest() {
    let action = read_yaml("action.yml");
    assert!(!action.at("name").str().is_empty() && !action.at("description").str().is_empty());
    assert_eq!(action.at("runs").at("using").str(), "composite");
    let inputs = action.at("inputs");
    assert_eq!(inputs.at("args").at("default").str(), "check --format github");
    assert_eq!(inputs.at("working-directory").at("default").str(), ".");
    for (name, input) in inputs.map() {
        assert!(!input.at("description").str().is_empty(), "input `{name}` is documented");
    }
    let steps = action.at("runs").at("steps").seq();
    for step in steps {
        // Inputs reach scripts through env, never spliced into the script.
        assert!(!step.at("run").str().contains("${{"), "an expression in a script: {step:?}");
    }
    let text = fs::read_to_string(root().join("action.yml")).unwrap();
    for (name, _) in inputs.map() {
        assert!(text.contains(&format!("${{{{ inputs.{name} }}}}")), "input `{name}` is used");
    }
}

#[test]
fn action_reports_findings_as_annotations() {
    let tmp = tempfile::tempdir().unwrap();
    let workspace = tmp.path().join("workspace");
    project(&workspace.join("site"));
    fs::copy(workspace.join("site/claims/good.toml"), workspace.join("site/claims/with space.toml")).unwrap();
    let cargo_log = tmp.path().join("cargo.log");
    let path = format!(
        "{}:{}:{}",
        bin_dir(tmp.path(), "built", "veracity", Path::new(env!("CARGO_BIN_EXE_veracity"))).display(),
        fake_cargo(tmp.path(), &cargo_log, false).display(),
        system_path()
    );
    let site = [("working-directory", "site")];

    // Default args: the configured claims, one finding.
    let run = run_action(&workspace, &path, &site);
    assert_eq!(run.code, Some(1), "a finding fails the step\n{}\n{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("already on PATH"), "{}", run.stdout);
    assert!(!cargo_log.exists(), "veracity on PATH: no cargo install");
    let errors: Vec<&str> = run.stdout.lines().filter(|l| l.starts_with("::error ")).collect();
    assert_eq!(errors.len(), 1, "{}", run.stdout);
    assert!(errors[0].starts_with("::error file=claims/facts.toml,line=8,col=8,title=nato-size-old%3A contradicted::"));
    assert!(run.stdout.contains("::notice title=Veracity::2 claims: 1 supported, 1 contradicted"), "{}", run.stdout);

    // Named files, quoted, and no finding: exit 0.
    let args = [
        ("working-directory", "site"),
        ("args", "check\n  claims/good.toml \"claims/with space.toml\" --format github"),
    ];
    let run = run_action(&workspace, &path, &args);
    assert_eq!(run.code, Some(0), "{}\n{}", run.stdout, run.stderr);
    assert!(!run.stdout.contains("::error"), "{}", run.stdout);
    assert!(run.stdout.contains("::notice title=Veracity::2 claims: 2 supported"), "{}", run.stdout);

    // A usage error passes through as 2; so does a bad args input.
    let run = run_action(&workspace, &path, &[("working-directory", "site"), ("args", "check missing.toml")]);
    assert_eq!(run.code, Some(2), "{}\n{}", run.stdout, run.stderr);
    let run = run_action(&workspace, &path, &[("working-directory", "site"), ("args", "check \"claims/good.toml")]);
    assert_eq!(run.code, Some(2), "{}\n{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("::error title=Veracity::the args input has an unmatched quote"), "{}", run.stdout);

    // Arguments are not shell code.
    let run =
        run_action(&workspace, &path, &[("working-directory", "site"), ("args", "check $(touch pwned) `touch pwned`")]);
    assert_eq!(run.code, Some(2), "{}\n{}", run.stdout, run.stderr);
    assert!(!workspace.join("site/pwned").exists(), "an argument was run as a command");
}

#[test]
fn action_installs_from_its_checkout_when_veracity_is_missing() {
    let tmp = tempfile::tempdir().unwrap();
    let workspace = tmp.path().join("workspace");
    project(&workspace);
    let cargo_log = tmp.path().join("cargo.log");
    let path = format!("{}:{}", fake_cargo(tmp.path(), &cargo_log, true).display(), system_path());
    let run = run_action(&workspace, &path, &[]);
    assert_eq!(run.code, Some(1), "{}\n{}", run.stdout, run.stderr);
    let cargo = fs::read_to_string(&cargo_log).expect("cargo ran");
    assert_eq!(cargo.trim(), format!("install --locked --path {}", root().display()));
    assert!(run.stdout.contains("::error file=claims/facts.toml,line=8"), "{}", run.stdout);
}
