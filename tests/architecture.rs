//! The invariants of ARCHITECTURE.md that code can check: no cycles between
//! the library's modules, clap only in the command line, the file system only
//! at the ingest boundary and in the command line.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A library source file: its module path and its code without tests and comments.
struct File {
    path: PathBuf,
    module: Vec<String>,
    code: String,
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> =
        std::fs::read_dir(dir).expect("src is readable").map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The library's files (the binary, `main.rs` and `cli/`, left out).
fn library() -> Vec<File> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut paths = Vec::new();
    files(&src, &mut paths);
    paths
        .into_iter()
        .filter_map(|path| {
            let rel = path.strip_prefix(&src).unwrap().with_extension("");
            let mut module: Vec<String> = rel.iter().map(|c| c.to_string_lossy().into_owned()).collect();
            if module.last().is_some_and(|m| m == "mod" || m == "lib") {
                module.pop();
            }
            if module.first().is_some_and(|m| m == "main" || m == "cli") {
                return None;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            // Unit tests may reach anywhere; they are not part of the architecture.
            let code = text.split("#[cfg(test)]").next().unwrap_or("");
            let code = code.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n");
            Some(File { path, module, code })
        })
        .collect()
}

/// The modules each file refers to, as absolute module paths.
fn references(file: &File) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let words: Vec<&str> = file
        .code
        .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
        .filter(|w| w.contains("::"))
        .collect();
    for word in words {
        let parts: Vec<&str> = word.split("::").filter(|p| !p.is_empty()).collect();
        let target: Vec<String> = match parts.first() {
            Some(&"crate") => parts[1..].iter().map(|s| s.to_string()).collect(),
            Some(&"super") => {
                // Each `super` is one module up, for a `mod.rs` file as for any other.
                let ups = parts.iter().take_while(|p| **p == "super").count();
                let mut base = file.module[..file.module.len().saturating_sub(ups)].to_vec();
                base.extend(parts[ups..].iter().map(|s| s.to_string()));
                base
            }
            _ => continue,
        };
        out.push(target);
    }
    out
}

/// Edges between modules at `depth` (1: top-level modules; 2: the modules
/// inside one top-level module).
fn graph(depth: usize) -> BTreeMap<String, BTreeSet<String>> {
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in library() {
        if file.module.len() < depth {
            continue;
        }
        for target in references(&file) {
            if target.len() < depth || file.module[..depth - 1] != target[..depth - 1] {
                continue;
            }
            let (from, to) = (file.module[..depth].join("::"), target[..depth].join("::"));
            if from != to {
                edges.entry(from).or_default().insert(to);
            }
        }
    }
    edges
}

/// A cycle in `edges`, if there is one.
fn cycle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        match state.get(node) {
            Some(2) => return None,
            Some(1) => {
                let at = stack.iter().position(|n| n == node).unwrap_or(0);
                let mut found = stack[at..].to_vec();
                found.push(node.to_string());
                return Some(found);
            }
            _ => {}
        }
        state.insert(node.to_string(), 1);
        stack.push(node.to_string());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(found) = visit(next, edges, state, stack) {
                return Some(found);
            }
        }
        stack.pop();
        state.insert(node.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    edges.keys().find_map(|node| visit(node, edges, &mut state, &mut Vec::new()))
}

#[test]
fn top_level_modules_have_no_cycles() {
    let edges = graph(1);
    assert!(edges.len() >= 8, "the module graph was not read: {edges:?}");
    assert_eq!(cycle(&edges), None, "modules depend on each other in a cycle; graph: {edges:#?}");
}

#[test]
fn modules_inside_each_stage_have_no_cycles() {
    let edges = graph(2);
    assert_eq!(cycle(&edges), None, "sibling modules depend on each other in a cycle; graph: {edges:#?}");
}

#[test]
fn the_checker_finds_a_cycle() {
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    edges.entry("a".into()).or_default().insert("b".into());
    edges.entry("b".into()).or_default().insert("a".into());
    assert_eq!(cycle(&edges), Some(vec!["a".to_string(), "b".into(), "a".into()]));
}

#[test]
fn clap_only_in_the_command_line() {
    for file in library() {
        for line in file.code.lines().filter(|l| l.contains("clap")) {
            assert!(
                line.contains("cfg_attr(feature = \"cli\""),
                "{}: clap outside the `cli` feature: {line}",
                file.path.display()
            );
        }
    }
}

#[test]
fn the_file_system_only_at_the_ingest_boundary() {
    // Reading sources (ingest) and the on-disk index (store).
    for file in library() {
        let allowed = file.module.first().is_some_and(|m| m == "ingest" || m == "store");
        if !allowed {
            for needle in ["std::fs", "File::open", "read_dir"] {
                assert!(!file.code.contains(needle), "{} touches the file system ({needle})", file.path.display());
            }
        }
    }
}

#[test]
fn reasons_are_read_as_data_and_only_rendered_to_prose() {
    // A reason's prose (`Reason::message`) is for people: only renderers, the
    // model's serialisation and eval's prediction records write it out.
    for file in library() {
        let writes_prose =
            matches!(file.module.first().map(String::as_str), Some("report" | "model")) || file.module == ["eval"];
        if !writes_prose {
            let code = file.code.replace("e.message()", "");
            assert!(!code.contains(".message()"), "{} reads a reason's prose", file.path.display());
        }
    }
}
