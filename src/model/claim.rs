//! A claim to check and where it was written.

use super::Verdict;

/// Where a claim was written.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// The claims file, as the user named it.
    pub path: String,
    /// 1-based line of the claim's text.
    pub line: usize,
    /// 1-based column of the claim's text.
    pub column: usize,
    /// The whole line the claim's text starts on, as written.
    pub line_text: String,
}

/// A claim to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// Unique within its file.
    pub id: String,
    /// The statement.
    pub text: String,
    /// The verdict it should get, if known.
    pub expect: Option<Verdict>,
    /// A remark for people.
    pub note: Option<String>,
    /// Where it was written; `None` for claims given on the command line.
    pub location: Option<Location>,
}

impl Claim {
    /// A claim given directly (command line, REPL), numbered from 1.
    pub fn adhoc(n: usize, text: &str) -> Self {
        Claim { id: format!("claim-{n}"), text: text.trim().to_string(), expect: None, note: None, location: None }
    }
}
