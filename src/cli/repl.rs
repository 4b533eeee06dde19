//! `veracity repl`: one claim a line, answered with verdict, confidence,
//! evidence and reasons. A line editor with history (kept across sessions)
//! on a terminal; plain line reading when standard input is piped.
//!
//! Standard output has only the answers, in the session's format; the REPL's
//! own words (the greeting, `:help`, `:sources`, errors) go to standard error.
//! A line that starts with `:` is a command (`:help` lists them); a line that
//! is not a checkable claim is answered so, without a verdict.

use super::args::{Cli, ReplArgs};
use super::{output, Context, ExitStatus, Failed};
use rustyline::error::ReadlineError;
use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use veracity::diagnostic::{Diagnostic, Severity};
use veracity::engine::Checker;
use veracity::index::SentenceStore;
use veracity::model::{Claim, Context as ReportContext};
use veracity::policy::Policy;
use veracity::report::{self, OutputFormat, RenderOptions, Reporter};
use veracity::Engine;

const PROMPT: &str = "claim> ";

/// What `:help` prints.
const HELP: &str = "\
Type a claim to check it against the sources, one a line. Commands:
  :help          this list
  :sources       the documents and how many sentences each has
  :format text   answers for people (the default)
  :format json   answers as one JSON object a line
  :quit, :q      end the session (so does Ctrl-D)";

/// Lines kept in the history file.
const HISTORY_SIZE: usize = 1000;

/// Runs the read-check-print loop.
pub fn run(cli: &Cli, args: &ReplArgs) -> Result<ExitStatus, Failed> {
    let context = Context::load(cli)?;
    let (engine, _) = context.engine(&args.sources)?;
    let report_context = context.report_context(&engine);
    let mut session = Session {
        engine: &engine,
        checker: engine.checker(),
        policy: Policy::default(),
        context: &report_context,
        format: args.format,
        width: None,
        reporter: None,
        n: 0,
    };
    let read = if std::io::stdin().is_terminal() { interactive(&mut session) } else { piped(&mut session) };
    // What was answered stays answered: the reporter is finished (a batch
    // format written) even when reading failed.
    let finished = session.finish_reporter();
    read?;
    finished?;
    Ok(ExitStatus::Success)
}

/// Whether the session goes on after a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Next {
    Continue,
    Quit,
}

/// One REPL session: each line is checked and answered as it comes.
struct Session<'e> {
    engine: &'e Engine,
    checker: Checker<'e>,
    policy: Policy,
    context: &'e ReportContext,
    format: OutputFormat,
    /// The terminal's width, when standard input and output are one.
    width: Option<usize>,
    /// The reporter of the current format and width, made when first needed.
    reporter: Option<Box<dyn Reporter + 'e>>,
    /// Lines answered so far (claims and non-claims), for `claim-N` ids.
    n: usize,
}

impl<'e> Session<'e> {
    /// Answers one line: a command, a claim, or a line that is not a claim.
    fn line(&mut self, line: &str) -> Result<Next, Failed> {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            return Ok(Next::Continue);
        }
        if let Some(command) = trimmed.strip_prefix(':') {
            return self.command(command);
        }
        self.n += 1;
        match Claim::not_checkable(trimmed) {
            Some(why) => self.not_checkable(trimmed, why)?,
            None => {
                let mut result = self.engine.check_one(&self.checker, Claim::adhoc(self.n, line));
                self.policy.judge(&mut result);
                let reporter = self.reporter();
                written(reporter.claim(result))?;
            }
        }
        Ok(Next::Continue)
    }

    /// Runs a `:` command (`command` is what follows the colon).
    fn command(&mut self, command: &str) -> Result<Next, Failed> {
        let mut words = command.split_whitespace();
        let name = words.next().unwrap_or("");
        let rest: Vec<&str> = words.collect();
        match (name, rest.as_slice()) {
            ("q" | "quit", []) => return Ok(Next::Quit),
            ("help" | "h" | "?", []) => self.say(HELP),
            ("sources", []) => self.say(&self.sources()),
            ("format", []) => {
                self.say(&format!("answers are in {}; `:format text` or `:format json` switches", self.format_name()))
            }
            ("format", [format]) => match format.to_ascii_lowercase().as_str() {
                "text" => self.switch(OutputFormat::Text)?,
                "json" | "jsonl" => self.switch(OutputFormat::Json)?,
                other => self.error(&format!("unknown format `{other}`: `:format text` or `:format json`")),
            },
            ("q" | "quit" | "help" | "h" | "?" | "sources" | "format", _) => {
                self.error(&format!("`:{}` does not take that; `:help` lists the commands", command.trim()));
            }
            _ => self.error(&format!("unknown command `:{}`; `:help` lists the commands", command.trim())),
        }
        Ok(Next::Continue)
    }

    /// Answers a line that is not a checkable claim, in the session's format.
    fn not_checkable(&mut self, text: &str, why: &str) -> Result<(), Failed> {
        match self.format {
            OutputFormat::Text => {
                let hint = match text.trim_end_matches(['.', '!']).to_lowercase().as_str() {
                    "help" | "h" | "commands" => "; `:help` lists the commands",
                    "quit" | "exit" | "q" | "bye" => "; `:quit` or Ctrl-D ends the session",
                    _ => "",
                };
                let answer = wrap(&format!("not a checkable claim: {why}{hint}"), self.width, "  ");
                super::emit(&format!("{answer}\n"), None)
            }
            OutputFormat::Json | OutputFormat::Jsonl => {
                let answer = NotCheckable { id: format!("claim-{}", self.n), text, checkable: false, reason: why };
                super::emit(&format!("{}\n", serde_json::to_string(&answer).unwrap_or_default()), None)
            }
            // A report written at the end (or annotations) has no place
            // for it: said aside, it is left out.
            _ => {
                self.error(&format!("not a checkable claim: {why}; left out of the report"));
                Ok(())
            }
        }
    }

    /// The documents and their sentence counts, for `:sources`.
    fn sources(&self) -> String {
        let documents = &self.engine.corpus.documents;
        let width = documents.iter().map(|d| d.path.chars().count()).max().unwrap_or(0).max("document".len());
        let mut out = format!("{:<width$}  sentences\n", "document");
        for d in documents {
            out.push_str(&format!("{:<width$}  {:>9}\n", report::visible(&d.path), d.sentences.len()));
        }
        let sentences: usize = documents.iter().map(|d| d.sentences.len()).sum();
        out.push_str(&format!(
            "{}, {}",
            report::count(documents.len(), "document"),
            report::count(sentences, "sentence")
        ));
        out
    }

    /// Answers in `format` from now on: the reporter of the old format is
    /// finished (a report format writes what it has) and a new one made.
    fn switch(&mut self, format: OutputFormat) -> Result<(), Failed> {
        if format != self.format {
            self.finish_reporter()?;
            self.format = format;
        }
        self.say(&format!("answers are in {} from now on", self.format_name()));
        Ok(())
    }

    /// Notes the terminal's width; the text reporter is remade when it changes.
    fn set_width(&mut self, width: Option<usize>) -> Result<(), Failed> {
        if width != self.width {
            self.width = width;
            if self.format == OutputFormat::Text {
                self.finish_reporter()?;
            }
        }
        Ok(())
    }

    /// The reporter for the current format and width.
    fn reporter(&mut self) -> &mut Box<dyn Reporter + 'e> {
        let (format, options, context) = (self.format, self.options(), self.context);
        self.reporter
            .get_or_insert_with(|| report::reporter(format, options, context, Box::new(output::Stdout::default())))
    }

    /// How answers are rendered: text wrapped to the terminal's width.
    fn options(&self) -> RenderOptions {
        RenderOptions { color: true, all_evidence: true, stream: true, width: self.width, ..RenderOptions::default() }
    }

    fn finish_reporter(&mut self) -> Result<(), Failed> {
        match self.reporter.take() {
            Some(reporter) => written(reporter.finish()),
            None => Ok(()),
        }
    }

    fn format_name(&self) -> &'static str {
        match self.format {
            OutputFormat::Text => "text",
            OutputFormat::Json | OutputFormat::Jsonl => "json",
            _ => "a report format",
        }
    }

    /// Says something to the person at the terminal (standard error).
    fn say(&self, text: &str) {
        let _ = writeln!(anstream::stderr(), "{}", wrap(text, self.width, "  "));
    }

    /// A short error that does not end the session.
    fn error(&self, message: &str) {
        let _ = writeln!(anstream::stderr(), "{}", wrap(&format!("error: {message}"), self.width, "  "));
    }
}

/// The JSON answer to a line that is not a checkable claim.
#[derive(serde::Serialize)]
struct NotCheckable<'a> {
    id: String,
    text: &'a str,
    checkable: bool,
    reason: &'a str,
}

/// Reads piped standard input a line at a time, to its end or `:quit`.
fn piped(session: &mut Session) -> Result<(), Failed> {
    let stdin = std::io::stdin();
    for (n, line) in stdin.lock().split(b'\n').enumerate() {
        let line = line.map_err(|e| Diagnostic::file(Severity::Error, "<stdin>", format!("cannot read: {e}")))?;
        match String::from_utf8(line) {
            Ok(line) => {
                if session.line(&line)? == Next::Quit {
                    break;
                }
            }
            Err(e) => not_utf8(&format!("line {}", n + 1), e.utf8_error().valid_up_to()),
        }
    }
    Ok(())
}

/// Reads lines with the line editor, keeping them in the history file.
fn interactive(session: &mut Session) -> Result<(), Failed> {
    let config = rustyline::Config::builder()
        .auto_add_history(false)
        .max_history_size(HISTORY_SIZE)
        .and_then(|b| b.history_ignore_dups(true))
        .map(|b| b.build())
        .unwrap_or_default();
    let mut editor = rustyline::DefaultEditor::with_config(config)
        .map_err(|e| Diagnostic::file(Severity::Error, "<terminal>", format!("cannot start the line editor: {e}")))?;
    let mut history = History::open(&mut editor);
    eprintln!(
        "veracity {}: {}, {}. Type a claim, or :help; Ctrl-D to quit.",
        env!("CARGO_PKG_VERSION"),
        veracity::report::count(session.engine.corpus.documents.len(), "document"),
        veracity::report::count(session.engine.corpus.len(), "sentence")
    );
    let on_terminal = std::io::stdout().is_terminal();
    loop {
        session.set_width(editor.dimensions().map(|(columns, _)| columns).filter(|_| on_terminal))?;
        match editor.readline(PROMPT) {
            // A bracketed paste comes as one edit of several lines: each is answered.
            Ok(text) => {
                for line in text.split('\n').map(|l| l.trim_end_matches('\r')).filter(|l| !l.trim().is_empty()) {
                    history.add(&mut editor, line);
                    if session.line(line)? == Next::Quit {
                        return Ok(());
                    }
                }
            }
            Err(ReadlineError::Interrupted) => {}
            Err(ReadlineError::Eof) => break,
            Err(ReadlineError::Io(e)) if e.kind() == std::io::ErrorKind::InvalidData => {
                eprintln!("warning: that line is not UTF-8; skipped");
            }
            Err(e) => return Err(Diagnostic::file(Severity::Error, "<terminal>", format!("cannot read: {e}")).into()),
        }
    }
    Ok(())
}

/// The history file, `$XDG_DATA_HOME/veracity/history` (by default
/// `~/.local/share/veracity/history`): read when the session starts, each
/// line added as it is entered. A failure is a warning, and the file is
/// then left alone for the rest of the session.
struct History {
    path: Option<PathBuf>,
}

impl History {
    fn open(editor: &mut rustyline::DefaultEditor) -> History {
        let Some(path) = history_path() else {
            warn("no history is kept: neither XDG_DATA_HOME nor HOME is set");
            return History { path: None };
        };
        match editor.load_history(&path) {
            Ok(()) => {}
            Err(ReadlineError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                // Writing a file that could not be read could lose it.
                warn(&format!("cannot read the history {}: {e}; this session's lines are not kept", path.display()));
                return History { path: None };
            }
        }
        History { path: Some(path) }
    }

    fn add(&mut self, editor: &mut rustyline::DefaultEditor, line: &str) {
        if !editor.add_history_entry(line).unwrap_or(false) {
            return;
        }
        let Some(path) = &self.path else { return };
        let saved = match path.parent() {
            Some(folder) => std::fs::create_dir_all(folder).map_err(ReadlineError::from),
            None => Ok(()),
        }
        .and_then(|()| editor.append_history(path));
        if let Err(e) = saved {
            warn(&format!("cannot write the history {}: {e}; this session's lines are not kept", path.display()));
            self.path = None;
        }
    }
}

/// Where the history is kept, following the XDG base directories.
fn history_path() -> Option<PathBuf> {
    let absolute = |name: &str| std::env::var_os(name).map(PathBuf::from).filter(|p| p.is_absolute());
    let data = absolute("XDG_DATA_HOME").or_else(|| absolute("HOME").map(|home| home.join(".local/share")))?;
    Some(data.join("veracity").join("history"))
}

/// `text` with each line cut at spaces to fit `width` columns (none: as it
/// is), continuation lines starting with `indent`.
fn wrap(text: &str, width: Option<usize>, indent: &str) -> String {
    let Some(width) = width.filter(|&w| w > indent.len() + 20) else { return text.to_string() };
    let mut out = String::new();
    for line in text.lines() {
        let mut column = 0;
        for (i, word) in line.split(' ').enumerate() {
            let len = word.chars().count();
            if i > 0 && column + 1 + len > width && column > indent.len() {
                out.push('\n');
                out.push_str(indent);
                column = indent.len();
            } else if i > 0 {
                out.push(' ');
                column += 1;
            }
            out.push_str(word);
            column += len;
        }
        out.push('\n');
    }
    out.pop();
    out
}

fn warn(message: &str) {
    let _ = writeln!(anstream::stderr(), "warning: {message}");
}

/// Warns that a line of input is not UTF-8 and is skipped.
fn not_utf8(line: &str, valid_up_to: usize) {
    let message = format!("{line} is not UTF-8 (at byte {}): skipped", valid_up_to + 1);
    super::print_diagnostics(&[Diagnostic::file(Severity::Warning, "<stdin>", message)]);
}

/// A failure to write an answer as a diagnostic (standard output is an
/// [`output::Stdout`]: a closed pipe is not one).
fn written(result: std::io::Result<()>) -> Result<(), Failed> {
    result.map_err(|e| super::cannot_write("<stdout>", &e))
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wraps_at_spaces_to_the_width() {
        let text = "not a checkable claim: too short to state anything: a claim says something about something";
        let wrapped = wrap(text, Some(40), "  ");
        assert!(wrapped.lines().all(|l| l.chars().count() <= 40), "{wrapped}");
        assert!(wrapped.lines().skip(1).all(|l| l.starts_with("  ")), "{wrapped}");
        assert_eq!(wrapped.split_whitespace().collect::<Vec<_>>(), text.split_whitespace().collect::<Vec<_>>());
        assert_eq!(wrap(text, None, "  "), text);
    }
}
