//! `veracity eval`: scores the checker on labelled data.

use super::args::{Cli, EvalArgs};
use super::{emit, Context, ExitStatus, Failed};
use veracity::diagnostic::{Diagnostic, Severity};
use veracity::engine::Settings;
use veracity::eval::{self, Prediction};
use veracity::ingest;
use veracity::report::render_scores;

#[derive(serde::Serialize)]
struct TunedSettings<'a> {
    check: &'a Settings,
}

/// Checks the labelled claims of `args.file` and prints the scores.
pub fn run(cli: &Cli, args: &EvalArgs) -> Result<ExitStatus, Failed> {
    let context = Context::load(cli)?;
    let shown = ingest::display(&args.file);
    let is_claims_file = args.file.extension().is_some_and(|e| e == "toml");
    let predictions: Vec<Prediction> = if is_claims_file {
        let claims = ingest::read_claims(&args.file).map_err(Failed)?;
        if !claims.iter().any(|c| c.expect.is_some()) {
            return Err(Diagnostic::file(Severity::Error, &shown, "no claim here has an `expect` to score").into());
        }
        let (engine, _) = context.engine(&args.sources)?;
        eval::from_engine(&engine, claims)
    } else {
        let records = read_records(&args.file)?;
        let labels = if args.labels.is_empty() { eval::labels_of(&records) } else { args.labels.clone() };
        let config = context.config();
        let lexicon = veracity::lexicon(config).map_err(|e| Diagnostic::file(Severity::Error, "veracity.toml", e.0))?;
        let lexicon = std::sync::Arc::new(lexicon);
        let mut settings = context.config().check.clone();
        if let Some(dev) = &args.tune {
            let dev_shown = ingest::display(dev);
            let dev_records = read_records(dev)?;
            let dev_eval = eval::Evaluation::new(&dev_records, lexicon.clone());
            settings = dev_eval.tune(&settings, &eval::labels_of(&dev_records));
            let found = toml::to_string(&TunedSettings { check: &settings }).unwrap_or_default();
            eprintln!(
                "# settings fitted on {dev_shown} (not written anywhere; copy to veracity.toml to use them)\n{found}"
            );
        }
        eval::Evaluation::new(&records, lexicon).predict(&settings, &labels)
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

/// Reads labelled JSON Lines records; none at all is an error.
fn read_records(path: &std::path::Path) -> Result<Vec<eval::Record>, Failed> {
    let shown = ingest::display(path);
    let text = std::fs::read_to_string(path)
        .map_err(|e| Diagnostic::file(Severity::Error, &shown, format!("cannot read: {e}")))?;
    let records = eval::parse_records(&shown, &text).map_err(Failed)?;
    if records.is_empty() {
        let message = "no records: expected JSON Lines, one {\"id\", \"claim\", \"evidence\", \"label\"} object a line";
        return Err(Diagnostic::file(Severity::Error, &shown, message).into());
    }
    Ok(records)
}
