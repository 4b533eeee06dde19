//! `veracity init`: a project to start from, in the current folder.

use super::{ExitStatus, Failed};
use std::path::Path;
use veracity::diagnostic::{Diagnostic, Severity};

/// The files `init` writes, and what they hold.
const FILES: &[(&str, &str)] = &[
    ("veracity.toml", include_str!("init/veracity.toml")),
    ("claims/example.toml", include_str!("init/example-claims.toml")),
    ("sources/example.md", include_str!("init/example-source.md")),
];

/// Writes the starter files that are not there yet; never overwrites one.
pub fn run() -> Result<ExitStatus, Failed> {
    let mut notes = Vec::new();
    for (path, text) in FILES {
        let path = Path::new(path);
        if path.exists() {
            notes.push(format!("kept {} (already there)", path.display()));
            continue;
        }
        let written = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::OpenOptions::new().write(true).create_new(true).open(path))
            .and_then(|mut file| std::io::Write::write_all(&mut file, text.as_bytes()));
        written
            .map_err(|e| Diagnostic::file(Severity::Error, path.display().to_string(), format!("cannot write: {e}")))?;
        notes.push(format!("wrote {}", path.display()));
    }
    for note in notes {
        eprintln!("{note}");
    }
    eprintln!("next: add sources to sources/ and claims to claims/, then run `veracity check`");
    Ok(ExitStatus::Success)
}
