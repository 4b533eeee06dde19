//! Helpers shared by the fuzz targets.
#![allow(dead_code)]

use std::sync::OnceLock;
use veracity::diagnostic::Diagnostic;
use veracity::lexicon::Lexicon;

/// The built-in lexicon, built once per process.
pub fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(Lexicon::builtin)
}

/// Asserts that a diagnostic about `text` points inside it: its 1-based line
/// is a line of `text` (lines split at `\n`), its 1-based column at most one
/// past that line's last character; and that it renders.
pub fn assert_diagnostic_in(text: &str, d: &Diagnostic) {
    let lines: Vec<&str> = text.split('\n').collect();
    match (d.line, d.column) {
        (Some(line), Some(column)) => {
            assert!(line >= 1 && line <= lines.len(), "line {line} outside 1..={} in {d:?}", lines.len());
            let chars = lines[line - 1].chars().count();
            assert!(column >= 1 && column <= chars + 1, "column {column} outside 1..={} in {d:?}", chars + 1);
        }
        (None, None) => {}
        other => panic!("line and column must come together, got {other:?} in {d:?}"),
    }
    let _ = d.to_string();
}
