//! `veracity.toml`: where the sources and claims are, aliases, furniture
//! patterns and verdict thresholds. Unknown keys are errors.

use crate::diagnostic::toml_error;
use crate::diagnostic::{Diagnostic, Severity};
use crate::engine::Settings;
use crate::model::{Publish, Verdict};
use crate::report::OutputFormat;
use crate::text::span::Span;
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The configuration file's name, looked for from the current directory upwards.
pub const FILE_NAME: &str = "veracity.toml";

/// The effective configuration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Source folders or files, relative to the configuration file.
    #[serde(default)]
    pub sources: Vec<String>,
    /// Claims files checked when none are named, relative to the configuration file.
    #[serde(default)]
    pub claims: Vec<String>,
    /// The report format of `check` when `--format` is not given.
    #[serde(default)]
    pub format: OutputFormat,
    /// Verdicts that make a claim without `expect` a finding (a failed
    /// expectation always is one).
    #[serde(default = "crate::policy::default_fail_on")]
    pub fail_on: Vec<Verdict>,
    /// Extra entity aliases: canonical name to other spellings.
    #[serde(default)]
    pub aliases: BTreeMap<String, Vec<String>>,
    /// Ingestion settings.
    #[serde(default)]
    pub ingest: Ingest,
    /// Verdict thresholds.
    #[serde(default)]
    pub check: Settings,
    /// How published reports name their publisher, address and date.
    #[serde(default)]
    pub publish: Publish,
}

/// `[ingest]`: how sources are read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Ingest {
    /// Extra page-furniture patterns (regular expressions matched against whole lines, case-insensitive).
    pub furniture: Vec<String>,
    /// Whether to follow symlinks to folders while walking sources (each real
    /// folder is read once however many links lead to it).
    pub follow_symlinks: bool,
    /// Largest source file read, in bytes; a larger one is skipped with a warning.
    pub max_file_size: u64,
    /// Longest sentence, in characters: a longer run of text is split at the
    /// best boundary it has (with a warning), so that it cannot decide a verdict on bulk.
    pub max_sentence_chars: usize,
    /// Names of folders and files not to read while walking sources (hidden
    /// ones, starting with a dot, are never read).
    pub exclude: Vec<String>,
}

impl Ingest {
    /// Checks that the limits are sensible; the error names the key.
    pub fn validate(&self) -> Result<(), (&'static str, String)> {
        if self.max_sentence_chars < 100 {
            let message = format!("`ingest.max_sentence_chars` must be at least 100, not {}", self.max_sentence_chars);
            return Err(("max_sentence_chars", message));
        }
        if self.max_file_size == 0 {
            return Err(("max_file_size", "`ingest.max_file_size` must be at least 1 byte".into()));
        }
        Ok(())
    }
}

impl Default for Ingest {
    fn default() -> Self {
        Ingest {
            furniture: Vec::new(),
            follow_symlinks: true,
            max_file_size: 64 << 20,
            max_sentence_chars: crate::text::segment::MAX_SENTENCE_CHARS,
            exclude: Vec::new(),
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            sources: Vec::new(),
            claims: Vec::new(),
            format: OutputFormat::default(),
            fail_on: crate::policy::default_fail_on(),
            aliases: BTreeMap::new(),
            ingest: Ingest::default(),
            check: Settings::default(),
            publish: Publish::default(),
        }
    }
}

impl Config {
    /// Parses the configuration file `path` whose contents are `text`.
    pub fn parse(path: &str, text: &str) -> Result<Config, Diagnostic> {
        let config: Config = toml::from_str(text).map_err(|e| toml_error(path, text, &e))?;
        config.check.validate().and_then(|()| config.ingest.validate()).map_err(|(key, message)| {
            // Point at the key where the file sets it.
            let at = Regex::new(&format!(r"(?m)^\s*{key}\s*=")).ok().and_then(|re| re.find(text));
            match at {
                Some(m) => {
                    let start = m.start() + (m.as_str().len() - m.as_str().trim_start().len());
                    Diagnostic::at(Severity::Error, path, text, Span::new(start, start + key.len()), message)
                }
                None => Diagnostic::file(Severity::Error, path, message),
            }
        })?;
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_are_rejected_with_their_place() {
        let e = Config::parse("veracity.toml", "sources = [\"s\"]\n[check]\nsupport = 0.8\nsuport = 1\n").unwrap_err();
        assert_eq!((e.line, e.column), (Some(4), Some(1)));
        assert!(e.message.contains("unknown field `suport`"));
    }

    #[test]
    fn out_of_range_settings_are_located() {
        let e = Config::parse("v.toml", "[check]\nsupport = 0.8\ncalibration = [[nan, 0.5]]\n").unwrap_err();
        assert_eq!((e.line, e.column), (Some(3), Some(1)), "{e}");
        assert!(e.message.contains("check.calibration"));
    }

    #[test]
    fn limits_that_would_drop_everything_are_located() {
        let e = Config::parse("v.toml", "[ingest]\nmax_sentence_chars = 0\n").unwrap_err();
        assert_eq!((e.line, e.column), (Some(2), Some(1)), "{e}");
        assert!(Config::parse("v.toml", "[ingest]\nmax_file_size = 0\n").is_err());
    }

    #[test]
    fn defaults_fill_in() {
        let c = Config::parse("v.toml", "claims = [\"c.toml\"]\n[aliases]\nuk = [\"Blighty\"]\n").unwrap();
        assert_eq!(c.check, Settings::default());
        assert_eq!(c.fail_on, [Verdict::Contradicted, Verdict::Disputed]);
        assert_eq!(c.aliases["uk"], ["Blighty"]);
    }
}
