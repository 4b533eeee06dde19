//! `veracity repl`: one claim a line, answered with verdict, confidence,
//! evidence and reasons. A line editor with history on a terminal; plain
//! line reading when standard input is piped.

use super::args::{Cli, ReplArgs};
use super::{emit, Context, ExitStatus, Failed};
use std::io::{BufRead, IsTerminal};
use veracity::diagnostic::{Diagnostic, Severity};
use veracity::model::Claim;
use veracity::report::{self, RenderOptions};
use veracity::Engine;

const PROMPT: &str = "claim> ";

/// Runs the read-check-print loop.
pub fn run(cli: &Cli, args: &ReplArgs) -> Result<ExitStatus, Failed> {
    let context = Context::load(cli)?;
    let (engine, _) = context.engine(&args.sources)?;
    if std::io::stdin().is_terminal() {
        interactive(&engine, args)
    } else {
        let stdin = std::io::stdin();
        let mut n = 0;
        for line in stdin.lock().lines() {
            let line = line.map_err(|e| Diagnostic::file(Severity::Error, "<stdin>", format!("cannot read: {e}")))?;
            if !line.trim().is_empty() {
                n += 1;
                answer(&engine, args, n, &line)?;
            }
        }
        Ok(ExitStatus::Success)
    }
}

fn answer(engine: &Engine, args: &ReplArgs, n: usize, line: &str) -> Result<(), Failed> {
    let report = engine.check(vec![Claim::adhoc(n, line)]);
    let options = RenderOptions { color: true, all_evidence: true };
    emit(&report::render_claims(&report, args.format, options), None)
}

fn interactive(engine: &Engine, args: &ReplArgs) -> Result<ExitStatus, Failed> {
    let mut editor = rustyline::DefaultEditor::new()
        .map_err(|e| Diagnostic::file(Severity::Error, "<terminal>", format!("cannot start the line editor: {e}")))?;
    eprintln!(
        "veracity {}: {} documents, {} sentences. Type a claim; Ctrl-D to quit.",
        env!("CARGO_PKG_VERSION"),
        engine.corpus.documents.len(),
        engine.corpus.sentences.len()
    );
    let mut n = 0;
    loop {
        match editor.readline(PROMPT) {
            Ok(line) if line.trim().is_empty() => {}
            Ok(line) => {
                let _ = editor.add_history_entry(line.as_str());
                n += 1;
                answer(engine, args, n, &line)?;
            }
            Err(rustyline::error::ReadlineError::Interrupted) => {}
            Err(rustyline::error::ReadlineError::Eof) => break,
            Err(e) => return Err(Diagnostic::file(Severity::Error, "<terminal>", format!("cannot read: {e}")).into()),
        }
    }
    Ok(ExitStatus::Success)
}
