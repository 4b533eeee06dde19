//! `veracity eval`: scores the checker on labelled data.

use super::args::{Cli, EvalArgs};
use super::{emit, Context, ExitStatus, Failed};
use veracity::diagnostic::{Diagnostic, Severity};
use veracity::eval::{self, Prediction};
use veracity::load;
use veracity::report::render_scores;

/// Checks the labelled claims of `args.file` and prints the scores.
pub fn run(cli: &Cli, args: &EvalArgs) -> Result<ExitStatus, Failed> {
    let context = Context::load(cli)?;
    let shown = load::display(&args.file);
    let is_claims_file = args.file.extension().is_some_and(|e| e == "toml");
    let predictions: Vec<Prediction> = if is_claims_file {
        let claims = load::read_claims(&args.file).map_err(Failed)?;
        let (engine, _) = context.engine(&args.sources)?;
        eval::from_report(&engine.check(claims))
    } else {
        let text = std::fs::read_to_string(&args.file)
            .map_err(|e| Diagnostic::file(Severity::Error, &shown, format!("cannot read: {e}")))?;
        let records = eval::parse_records(&shown, &text).map_err(Failed)?;
        let labels = if args.labels.is_empty() { eval::labels_of(&records) } else { args.labels.clone() };
        eval::predict(&records, context.config(), &labels)
            .map_err(|e| Diagnostic::file(Severity::Error, "veracity.toml", e.0))?
    };
    if let Some(path) = &args.predictions {
        let lines: String = predictions.iter().map(|p| serde_json::to_string(p).unwrap_or_default() + "\n").collect();
        emit(&lines, Some(path))?;
    }
    let scores = eval::score(&predictions);
    let misses = eval::worst_misses(&predictions, args.errors);
    emit(&render_scores(&shown, &scores, &misses, args.format), None)?;
    Ok(ExitStatus::Success)
}
