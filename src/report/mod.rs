//! Renderers: one per output format, all reading the same model. Results go
//! out through one interface, [`Reporter`]: a streaming format writes each
//! claim as it is ready; a batch format keeps them and writes the report at
//! the end. [`render`] is the whole report at once, through the same code.

mod claimreview;
mod github;
mod html;
mod json;
mod junit;
mod markdown;
mod sarif;
mod scores;
mod text;

pub use scores::render_scores;

use crate::model::{ClaimReport, Context, Evidence, Report, Stance, Summary};
use crate::text::normalize::collapse_whitespace as one_line;
use std::io::{self, Write};

/// How to write a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum OutputFormat {
    /// A readable table for people: one line per claim, evidence and reasons under each finding.
    #[default]
    Text,
    /// The versioned JSON report (schema in the README), for tools.
    Json,
    /// JSON Lines: one compact JSON object per claim, for streams.
    Jsonl,
    /// Markdown: a summary table, then one section per finding (pull-request comments).
    Markdown,
    /// JUnit XML: one test case per claim, a failure per finding (CI dashboards).
    Junit,
    /// SARIF 2.1.0: findings located in the claims file (code-scanning tools).
    Sarif,
    /// GitHub Actions workflow commands: findings annotate the claim's line.
    Github,
    /// One self-contained HTML page: counts, a verdict filter, search, highlighted evidence.
    Html,
    /// schema.org ClaimReview JSON-LD, one review per claim (fact-checkers, search engines).
    Claimreview,
}

impl OutputFormat {
    /// Every format, in the order `--help` lists them.
    pub const ALL: [OutputFormat; 9] = [
        OutputFormat::Text,
        OutputFormat::Json,
        OutputFormat::Jsonl,
        OutputFormat::Markdown,
        OutputFormat::Junit,
        OutputFormat::Sarif,
        OutputFormat::Github,
        OutputFormat::Html,
        OutputFormat::Claimreview,
    ];
}

/// The lower-case name of a stance.
pub fn stance_name(stance: Stance) -> &'static str {
    match stance {
        Stance::Supports => "supports",
        Stance::Contradicts => "contradicts",
        Stance::Related => "related",
    }
}

impl Evidence {
    /// The lower-case name of its stance.
    pub fn stance_name(&self) -> &'static str {
        stance_name(self.stance)
    }
}

/// "1 claim", "2 claims".
pub fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

/// "76 claims: 31 supported, 28 contradicted, 17 unsourced" (and ", 2
/// disputed" when any are).
fn verdict_counts(tally: &Tally) -> String {
    let s = &tally.summary;
    format!(
        "{}: {} supported, {} contradicted, {} unsourced{}",
        count(tally.claims, "claim"),
        s.supported,
        s.contradicted,
        s.unsourced,
        disputed(s)
    )
}

/// ", 2 disputed" when any claim is, or nothing.
fn disputed(s: &crate::model::Summary) -> String {
    if s.disputed == 0 {
        String::new()
    } else {
        format!(", {} disputed", s.disputed)
    }
}

/// `text` with every control character (C0, DEL, C1) and bidirectional
/// control shown as one visible character, so that nothing a claim or a
/// source says can move the cursor, colour the terminal, start a line or
/// reorder one. One character in, one out: columns stay where they were.
pub fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    let hidden = |c: char| c.is_control() || crate::text::normalize::is_bidi_control(c);
    if !text.chars().any(hidden) {
        return std::borrow::Cow::Borrowed(text);
    }
    let shown = text.chars().map(|c| match c {
        '\t' => ' ',
        // The Control Pictures block: ␀ … ␟, and ␡ for DEL.
        c if (c as u32) < 0x20 => char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}'),
        '\u{7F}' => '\u{2421}',
        c if hidden(c) => '\u{FFFD}',
        c => c,
    });
    std::borrow::Cow::Owned(shown.collect())
}

/// Text for a Markdown paragraph, list item or table cell: on one line, shown
/// as [`visible`], with HTML and link syntax escaped so that it stays text.
fn markdown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in visible(&one_line(text)).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '[' | ']' | '`' | '|' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// `url` when it is an absolute web address (`http://` or `https://`): a
/// local path or any other scheme is never published as an address.
pub fn web(url: &str) -> Option<&str> {
    let url = url.trim();
    let after = |scheme: &str| {
        url.get(..scheme.len()).filter(|p| p.eq_ignore_ascii_case(scheme)).and_then(|_| url.get(scheme.len()..))
    };
    let host = after("https://").or_else(|| after("http://"))?;
    (!host.is_empty() && !host.starts_with('/') && !url.chars().any(char::is_whitespace)).then_some(url)
}

/// Text for XML content and attribute values.
fn escape_xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\t' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// The closing words that say when status claims were judged: " (as of 2025-09)".
fn as_of_note(as_of: Option<&str>) -> String {
    as_of.map(|d| format!(" (as of {d})")).unwrap_or_default()
}

/// Options shared by renderers.
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderOptions {
    /// Use ANSI colours (the caller decides: a terminal, and `NO_COLOR` unset).
    pub color: bool,
    /// Show evidence under every claim, not only under findings.
    pub all_evidence: bool,
    /// Answer claim by claim (the REPL, streams): text without a summary and
    /// with every claim's evidence, JSON as one object a line.
    pub stream: bool,
    /// Text shows only the findings and the summary, and nothing when there
    /// are no findings.
    pub quiet: bool,
    /// Text is wrapped to this many columns (a terminal's width), each row of
    /// a quoted line followed by its carets; `None`: one line a line.
    pub width: Option<usize>,
}

/// Writes claim results as they are ready: one claim at a time, then
/// whatever follows the last (counts; for a batch format, the whole report).
pub trait Reporter {
    /// Writes one claim's result (a batch format keeps it until [`Reporter::finish`]).
    fn claim(&mut self, claim: ClaimReport) -> io::Result<()>;
    /// Writes what follows the last claim, and flushes.
    fn finish(self: Box<Self>) -> io::Result<()>;
}

/// How claims are counted as they go by, for the closing lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    /// Claims seen.
    pub claims: usize,
    /// Verdict counts and failed expectations.
    pub summary: Summary,
    /// Claims with an `expect`.
    pub expected: usize,
    /// Findings.
    pub findings: usize,
    /// Findings the baseline let through.
    pub baselined: usize,
}

impl Tally {
    /// Counts one more claim.
    pub fn add(&mut self, claim: &ClaimReport) {
        self.claims += 1;
        self.summary.add(claim);
        self.expected += usize::from(claim.expect.is_some());
        self.findings += usize::from(claim.finding);
        self.baselined += usize::from(claim.baselined);
    }

    /// The counts of a whole report.
    pub fn of(report: &Report) -> Tally {
        let mut tally = Tally::default();
        report.claims.iter().for_each(|c| tally.add(c));
        tally
    }
}

/// A reporter writing `format` to `out`; `context` has the metadata of the
/// sources the evidence may cite (by path) and how the report is published. With `options.stream`, text writes each claim
/// with its evidence and no summary (the REPL), and JSON is JSON Lines.
pub fn reporter<'w>(
    format: OutputFormat,
    options: RenderOptions,
    context: &'w Context,
    out: Box<dyn Write + 'w>,
) -> Box<dyn Reporter + 'w> {
    match format {
        OutputFormat::Jsonl => Box::new(json::Lines { out }),
        OutputFormat::Json if options.stream => Box::new(json::Lines { out }),
        OutputFormat::Text if options.stream => Box::new(text::Stream { out, options }),
        OutputFormat::Github => {
            Box::new(github::Commands { out, tally: Tally::default(), as_of: context.as_of.clone() })
        }
        _ => Box::new(Batch { format, options, context, claims: Vec::new(), out }),
    }
}

/// A format that needs every claim before it can write: kept, then rendered whole.
struct Batch<'w> {
    format: OutputFormat,
    options: RenderOptions,
    context: &'w Context,
    claims: Vec<ClaimReport>,
    out: Box<dyn Write + 'w>,
}

impl Reporter for Batch<'_> {
    fn claim(&mut self, claim: ClaimReport) -> io::Result<()> {
        self.claims.push(claim);
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> io::Result<()> {
        let report = Report::new(std::mem::take(&mut self.claims), self.context);
        self.out.write_all(render(&report, self.format, self.options).as_bytes())?;
        self.out.flush()
    }
}

/// Renders `report` in `format`.
pub fn render(report: &Report, format: OutputFormat, options: RenderOptions) -> String {
    match format {
        OutputFormat::Text if !options.stream => text::render(report, options),
        OutputFormat::Json if !options.stream => json::render(report),
        OutputFormat::Markdown => markdown::render(report),
        OutputFormat::Junit => junit::render(report),
        OutputFormat::Sarif => sarif::render(report),
        OutputFormat::Html => html::render(report),
        OutputFormat::Claimreview => claimreview::render(report),
        // The streaming formats, through their reporters.
        OutputFormat::Text | OutputFormat::Json | OutputFormat::Jsonl | OutputFormat::Github => {
            let mut buffer = Vec::new();
            let mut reporter = reporter(format, options, &report.context, Box::new(&mut buffer));
            let written =
                report.claims.iter().try_for_each(|c| reporter.claim(c.clone())).and_then(|()| reporter.finish());
            debug_assert!(written.is_ok(), "writing to memory does not fail");
            String::from_utf8(buffer).unwrap_or_default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Reasons, Verdict};
    use std::cell::RefCell;
    use std::rc::Rc;

    /// A writer whose bytes can be read while the reporter still holds it.
    #[derive(Clone, Default)]
    struct Shared(Rc<RefCell<Vec<u8>>>);

    impl Write for Shared {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    impl Shared {
        fn text(&self) -> String {
            String::from_utf8(self.0.borrow().clone()).unwrap()
        }
    }

    fn claim(id: &str, verdict: Verdict, finding: bool) -> ClaimReport {
        ClaimReport {
            id: id.into(),
            text: format!("claim {id}"),
            verdict,
            confidence: 0.9,
            expect: None,
            ok: None,
            conflict: false,
            finding,
            baselined: false,
            reasons: Reasons::default(),
            evidence: vec![],
            url: None,
            extra: Default::default(),
            location: None,
            marks: vec![],
        }
    }

    fn claims() -> Vec<ClaimReport> {
        vec![claim("a", Verdict::Contradicted, true), claim("b", Verdict::Supported, false)]
    }

    #[test]
    fn streaming_formats_write_each_claim_as_it_comes() {
        let sources = Context::default();
        for (format, stream) in [(OutputFormat::Jsonl, false), (OutputFormat::Json, true), (OutputFormat::Text, true)] {
            let out = Shared::default();
            let options = RenderOptions { stream, ..RenderOptions::default() };
            let mut reporter = reporter(format, options, &sources, Box::new(out.clone()));
            reporter.claim(claims()[0].clone()).unwrap();
            let first = out.text();
            assert!(first.contains("claim a") && !first.contains("claim b"), "{format:?}: {first}");
            reporter.claim(claims()[1].clone()).unwrap();
            assert!(out.text().contains("claim b"), "{format:?}");
            reporter.finish().unwrap();
        }
    }

    #[test]
    fn github_annotates_findings_as_they_come_and_counts_at_the_end() {
        let sources = Context::default();
        let out = Shared::default();
        let mut reporter = reporter(OutputFormat::Github, RenderOptions::default(), &sources, Box::new(out.clone()));
        reporter.claim(claims()[0].clone()).unwrap();
        assert!(out.text().starts_with("::error "), "{}", out.text());
        reporter.claim(claims()[1].clone()).unwrap();
        reporter.finish().unwrap();
        assert!(out.text().ends_with("2 claims: 1 supported, 1 contradicted, 0 unsourced; 1 finding\n"));
    }

    #[test]
    fn batch_formats_write_at_the_end_what_render_writes() {
        let sources = Context::default();
        let report = Report::new(claims(), &Context::default());
        for format in [OutputFormat::Text, OutputFormat::Json, OutputFormat::Markdown, OutputFormat::Junit] {
            let out = Shared::default();
            let mut reporter = reporter(format, RenderOptions::default(), &sources, Box::new(out.clone()));
            for c in claims() {
                reporter.claim(c).unwrap();
            }
            assert!(out.text().is_empty(), "{format:?} wrote before the end");
            reporter.finish().unwrap();
            assert_eq!(out.text(), render(&report, format, RenderOptions::default()), "{format:?}");
        }
    }

    #[test]
    fn nothing_a_claim_or_a_source_says_reaches_the_terminal_or_the_markup() {
        let mut c = claim("x\n::error::INJECTED", Verdict::Contradicted, true);
        c.text =
            "<script>alert(1)</script> <img src=x onerror=alert(2)> [link](javascript:alert(3)) <!-- hidden -->".into();
        c.evidence.push(Evidence {
            source: "s.txt".into(),
            line: 1,
            column: 1,
            sentence: "NATO \u{1b}[31mhas\u{1b}[0m 32 \u{202e}members\u{202c}.\u{7}".into(),
            stance: Stance::Contradicts,
            reasons: Reasons::default(),
            marks: vec![],
            line_text: String::new(),
        });
        let report = Report::new(vec![c], &Context::default());
        let options = RenderOptions { all_evidence: true, ..RenderOptions::default() };
        let text = render(&report, OutputFormat::Text, options);
        for hidden in ['\u{1b}', '\u{202e}', '\u{202c}', '\u{7}'] {
            assert!(!text.contains(hidden), "{hidden:?} reached the terminal: {text}");
        }
        assert!(!text.contains("\n::error::"), "an id cannot start a line");
        let markdown = render(&report, OutputFormat::Markdown, options);
        // An escaped bracket (`\]`) is text, not link syntax.
        let unescaped = markdown.replace("\\[", "").replace("\\]", "");
        assert!(!unescaped.contains("](javascript:"), "a link passed through: {markdown}");
        for raw in ["<script", "<img", "<!--", "\n::error::"] {
            assert!(!markdown.contains(raw), "{raw} passed through: {markdown}");
        }
        assert!(markdown.contains("&lt;script&gt;"), "{markdown}");
    }
}
