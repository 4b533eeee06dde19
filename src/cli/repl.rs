//! `veracity repl`: one claim a line, answered with verdict, confidence,
//! evidence and reasons. A line editor with history on a terminal; plain
//! line reading when standard input is piped.

use super::args::{Cli, ReplArgs};
use super::{Context, ExitStatus, Failed};
use std::io::{BufRead, IsTerminal};
use veracity::diagnostic::{Diagnostic, Severity};
use veracity::engine::Checker;
use veracity::model::Claim;
use veracity::policy::Policy;
use veracity::report::{self, RenderOptions, Reporter};
use veracity::Engine;

const PROMPT: &str = "claim> ";

/// Runs the read-check-print loop.
pub fn run(cli: &Cli, args: &ReplArgs) -> Result<ExitStatus, Failed> {
    let context = Context::load(cli)?;
    let (engine, _) = context.engine(&args.sources)?;
    let report_context = context.report_context(&engine);
    let options = RenderOptions { color: true, all_evidence: true, stream: true, quiet: false };
    let out = Box::new(anstream::stdout());
    let mut session = Session {
        engine: &engine,
        checker: engine.checker(),
        policy: Policy::default(),
        reporter: report::reporter(args.format, options, &report_context, out),
        n: 0,
    };
    if std::io::stdin().is_terminal() {
        interactive(&mut session)?;
    } else {
        let stdin = std::io::stdin();
        for (n, line) in stdin.lock().split(b'\n').enumerate() {
            let line = line.map_err(|e| Diagnostic::file(Severity::Error, "<stdin>", format!("cannot read: {e}")))?;
            match String::from_utf8(line) {
                Ok(line) if line.trim().is_empty() => {}
                Ok(line) => session.answer(&line)?,
                Err(e) => not_utf8(&format!("line {}", n + 1), e.utf8_error().valid_up_to()),
            }
        }
    }
    written(session.reporter.finish())?;
    Ok(ExitStatus::Success)
}

/// One REPL session: each claim is checked and reported as it comes.
struct Session<'e> {
    engine: &'e Engine,
    checker: Checker<'e>,
    policy: Policy,
    reporter: Box<dyn Reporter + 'e>,
    n: usize,
}

impl Session<'_> {
    fn answer(&mut self, line: &str) -> Result<(), Failed> {
        self.n += 1;
        let mut result = self.engine.check_one(&self.checker, Claim::adhoc(self.n, line));
        self.policy.judge(&mut result);
        written(self.reporter.claim(result))
    }
}

/// Warns that a line of input is not UTF-8 and is skipped.
fn not_utf8(line: &str, valid_up_to: usize) {
    let message = format!("{line} is not UTF-8 (at byte {}): skipped", valid_up_to + 1);
    super::print_diagnostics(&[Diagnostic::file(Severity::Warning, "<stdin>", message)]);
}

/// A failure to write an answer as a diagnostic; a closed pipe is not one.
fn written(result: std::io::Result<()>) -> Result<(), Failed> {
    match result {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Diagnostic::file(Severity::Error, "<stdout>", format!("cannot write: {e}")).into())
        }
        _ => Ok(()),
    }
}

fn interactive(session: &mut Session) -> Result<(), Failed> {
    let mut editor = rustyline::DefaultEditor::new()
        .map_err(|e| Diagnostic::file(Severity::Error, "<terminal>", format!("cannot start the line editor: {e}")))?;
    eprintln!(
        "veracity {}: {} documents, {} sentences. Type a claim; Ctrl-D to quit.",
        env!("CARGO_PKG_VERSION"),
        session.engine.corpus.documents.len(),
        session.engine.corpus.sentences.len()
    );
    loop {
        match editor.readline(PROMPT) {
            Ok(line) if line.trim().is_empty() => {}
            Ok(line) => {
                let _ = editor.add_history_entry(line.as_str());
                session.answer(&line)?;
            }
            Err(rustyline::error::ReadlineError::Interrupted) => {}
            Err(rustyline::error::ReadlineError::Eof) => break,
            Err(rustyline::error::ReadlineError::Io(e)) if e.kind() == std::io::ErrorKind::InvalidData => {
                eprintln!("warning: that line is not UTF-8; skipped");
            }
            Err(e) => return Err(Diagnostic::file(Severity::Error, "<terminal>", format!("cannot read: {e}")).into()),
        }
    }
    Ok(())
}
