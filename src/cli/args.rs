//! Command-line arguments: each flag and its help defined once, here.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use veracity::model::Verdict;
use veracity::report::OutputFormat;

/// Checks claims against a folder of trusted sources and explains every verdict.
#[derive(Debug, Parser)]
#[command(name = "veracity", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    /// Configuration file (default: veracity.toml in the current folder or the nearest one above).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// When to colour the output; `auto` colours a terminal unless NO_COLOR is set.
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,
    /// Threads for reading sources and checking claims (default: one per
    /// core); the output is the same whatever the count.
    #[arg(long, global = true, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
    /// Say on standard error how long each phase took (reading sources,
    /// indexing, checking).
    #[arg(long, global = true)]
    pub verbose: bool,
}

/// When to use colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check claims files and one-off claims; exits 1 when there are findings.
    Check(CheckArgs),
    /// Check claims interactively, one a line (reads piped standard input too).
    Repl(ReplArgs),
    /// Show what was indexed: documents, sentence counts, skipped files.
    Sources(SourcesArgs),
    /// Build or bring up to date the on-disk index of the sources (`.veracity/`
    /// beside veracity.toml, or --index DIR): later commands read only new or
    /// changed files.
    Index(IndexArgs),
    /// Score the checker on labelled data: JSON Lines records, or a claims file with `expect`.
    Eval(EvalArgs),
    /// Print the effective configuration (defaults filled in) and where it was found.
    Config,
    /// Start a project here: a commented veracity.toml, claims/example.toml and sources/ with a note.
    Init,
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish) to standard output.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff) to standard output: `veracity man | man -l -`.
    Man,
}

/// Parses `FORMAT=PATH`.
fn parse_report(s: &str) -> Result<(OutputFormat, PathBuf), String> {
    let (format, path) = s.split_once('=').ok_or_else(|| format!("expected FORMAT=PATH, got `{s}`"))?;
    let format = OutputFormat::from_str(format, true).map_err(|e| format!("unknown format `{format}`: {e}"))?;
    if path.is_empty() {
        return Err("the path after `=` is empty".into());
    }
    Ok((format, PathBuf::from(path)))
}

/// The formats of listings and scores: `text` or `json`.
fn text_or_json() -> impl clap::builder::TypedValueParser<Value = OutputFormat> {
    use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
    let values =
        [PossibleValue::new("text").help("Text for people"), PossibleValue::new("json").help("JSON for tools")];
    PossibleValuesParser::new(values).map(|s| if s == "json" { OutputFormat::Json } else { OutputFormat::Text })
}

/// `veracity eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// JSON Lines ({"id", "claim", "evidence": [..], "label", "kind"?}; each claim is judged against
    /// its own evidence) or a claims TOML file with `expect` (checked against the sources).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    #[command(flatten)]
    pub sources: SourceArgs,
    /// Output format.
    #[arg(long, value_parser = text_or_json(), default_value = "text")]
    pub format: OutputFormat,
    /// Write one JSON line per record ({"id", "label", "predicted", "confidence", "reasons"}) to FILE.
    #[arg(long, value_name = "FILE")]
    pub predictions: Option<PathBuf>,
    /// List the N misses the checker was surest of, with their reasons.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub errors: usize,
    /// Fit the decision thresholds on this labelled JSON Lines file first (tune on dev, report on
    /// test); the settings found are printed to standard error, never written.
    #[arg(long, value_name = "DEV_FILE")]
    pub tune: Option<PathBuf>,
    /// The answers allowed (default: the labels the data uses, so two-way data gets two-way answers).
    #[arg(long, value_enum, value_delimiter = ',', value_name = "LABELS")]
    pub labels: Vec<Verdict>,
}

/// Where the sources are.
#[derive(Debug, Args)]
pub struct SourceArgs {
    /// Source folder or file (repeatable; overrides the configuration's `sources`).
    #[arg(long = "sources", value_name = "PATH")]
    pub sources: Vec<PathBuf>,
    /// Go on when the sources yield no sentence at all (every claim is then unsourced).
    #[arg(long)]
    pub allow_empty: bool,
    /// Judge status claims ("X is the president", "X is expected to become…") as of this
    /// date, YYYY, YYYY-MM or YYYY-MM-DD (overrides `check.as_of`; default: the newest date
    /// the sources give).
    #[arg(long, value_name = "DATE", value_parser = parse_as_of)]
    pub as_of: Option<String>,
    /// The on-disk index to read sources through and keep up to date (default:
    /// `.veracity/` beside veracity.toml, when `veracity index` has made it).
    #[arg(long, value_name = "DIR")]
    pub index: Option<PathBuf>,
}

/// Parses `--as-of`: a year, a month or a day.
fn parse_as_of(s: &str) -> Result<String, String> {
    veracity::analysis::date::Day::parse(s)
        .filter(|_| s.len() == 4 || veracity::model::SourceMeta::is_date(s))
        .map(|_| s.to_string())
        .ok_or_else(|| format!("`{s}` is not a date written YYYY, YYYY-MM or YYYY-MM-DD"))
}

/// `veracity index`.
#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Where the sources are, and the index.
    #[command(flatten)]
    pub sources: SourceArgs,
}

/// `veracity check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Claims files, or folders of them (every *.toml inside); `-` reads one from standard input
    /// (default: the configuration's `claims`).
    #[arg(value_name = "FILES")]
    pub files: Vec<PathBuf>,
    /// A claim to check (repeatable); with it, claims files are checked only when named.
    #[arg(long = "claim", value_name = "TEXT")]
    pub claims: Vec<String>,
    /// Read claims from standard input as they come, one a line: JSON Lines
    /// ({"id", "text", …}: other fields are given back with the result in
    /// json and jsonl) or plain text; with --format jsonl each result is written
    /// as soon as it is ready, in input order, in bounded memory.
    #[arg(long, conflicts_with_all = ["files", "claims", "article"])]
    pub stdin: bool,
    /// Check an article (txt, md, html; `-` reads plain text from standard input): each
    /// check-worthy sentence, reported at the article's lines; the article itself is left out of
    /// the sources.
    #[arg(long, value_name = "FILE")]
    pub article: Option<PathBuf>,
    #[command(flatten)]
    pub sources: SourceArgs,
    /// Output format (default: the configuration's `format`, else text).
    #[arg(long, value_enum)]
    pub format: Option<OutputFormat>,
    /// Write the report to FILE instead of standard output (`-`): a regular file is replaced
    /// atomically, keeping its permissions; a symlink is written through; a device or FIFO is
    /// written into.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also write a report in FORMAT to PATH (repeatable), e.g. `--report sarif=veracity.sarif`.
    #[arg(long = "report", value_name = "FORMAT=PATH", value_parser = parse_report)]
    pub reports: Vec<(OutputFormat, PathBuf)>,
    /// Verdicts that make a claim without `expect` a finding (default: the configuration's
    /// `fail_on`, else contradicted); a failed expectation always is one.
    #[arg(long, value_enum, value_delimiter = ',', value_name = "VERDICTS")]
    pub fail_on: Vec<Verdict>,
    /// Let through the findings recorded in FILE: only new findings fail.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record today's findings in FILE, for `--baseline`.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Show evidence under every claim, not only under findings.
    #[arg(long)]
    pub all_evidence: bool,
    /// Print only the findings and the summary in text (nothing when there are none).
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Report only claims with these verdicts (all still count for the exit code).
    #[arg(long, value_enum, value_delimiter = ',', value_name = "VERDICTS")]
    pub show: Vec<Verdict>,
    /// The publication date of the reports (ClaimReview, HTML), YYYY-MM-DD, or `today`; overrides
    /// `publish.date`. Reports carry no date otherwise.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<String>,
}

/// Parses `--date`: a real `YYYY-MM-DD` date, or `today` (the clock, in UTC).
fn parse_date(s: &str) -> Result<String, String> {
    if s == "today" {
        let days =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_err(|e| e.to_string())?.as_secs()
                / 86_400;
        return Ok(civil_date(days));
    }
    if s.len() == 10 && veracity::model::SourceMeta::is_date(s) {
        Ok(s.to_string())
    } else {
        Err(format!("`{s}` is not a date written YYYY-MM-DD (or `today`)"))
    }
}

/// The `YYYY-MM-DD` date `days` days after 1970-01-01.
fn civil_date(days: u64) -> String {
    veracity::analysis::date::Day::from_ordinal(days as i64).to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates_from_days() {
        assert_eq!(super::civil_date(0), "1970-01-01");
        assert_eq!(super::civil_date(20_513), "2026-03-01");
        assert_eq!(super::civil_date(19_782), "2024-02-29");
        assert!(super::parse_date("2025-02-30").is_err());
        assert_eq!(super::parse_date("2025-09-01").as_deref(), Ok("2025-09-01"));
    }
}

/// `veracity repl`.
#[derive(Debug, Args)]
pub struct ReplArgs {
    #[command(flatten)]
    pub sources: SourceArgs,
    /// Answer format: text, or json (and jsonl) for one JSON object a line, each as it is
    /// ready; a report format (html, junit, …) is written when the input ends.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
}

/// `veracity sources`.
#[derive(Debug, Args)]
pub struct SourcesArgs {
    #[command(flatten)]
    pub sources: SourceArgs,
    /// Output format.
    #[arg(long, value_parser = text_or_json(), default_value = "text")]
    pub format: OutputFormat,
    /// Also list every sentence with its location, and every dropped block with why.
    #[arg(long)]
    pub sentences: bool,
}
