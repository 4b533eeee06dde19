//! The command-line front end: configuration discovery, output and exit codes.

mod args;
mod eval;
mod repl;
mod sources;

use anstream::ColorChoice;
use args::{CheckArgs, Cli, ColorWhen, Command, SourceArgs};
use clap::Parser;
use std::io::Write;
use std::path::{Path, PathBuf};
use veracity::config::Config;
use veracity::diagnostic::{Diagnostic, Severity};
use veracity::ingest;
use veracity::model::Claim;
use veracity::policy::{Baseline, Policy};
use veracity::report::{self, RenderOptions};
use veracity::Engine;

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// No findings.
    Success = 0,
    /// Findings: a failed expectation or a contradicted claim.
    Failure = 1,
    /// Usage or input error.
    Error = 2,
}

impl From<ExitStatus> for std::process::ExitCode {
    fn from(status: ExitStatus) -> Self {
        std::process::ExitCode::from(status as u8)
    }
}

/// A run-ending error: its diagnostics are already printed or are printed by [`run`].
pub struct Failed(Vec<Diagnostic>);

impl From<Diagnostic> for Failed {
    fn from(d: Diagnostic) -> Self {
        Failed(vec![d])
    }
}

/// Runs the command line.
pub fn run() -> ExitStatus {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { ExitStatus::Error } else { ExitStatus::Success };
        }
    };
    match cli.color {
        ColorWhen::Always => ColorChoice::Always.write_global(),
        ColorWhen::Never => ColorChoice::Never.write_global(),
        ColorWhen::Auto => {}
    }
    let result = match &cli.command {
        Command::Check(args) => check(&cli, args),
        Command::Repl(args) => repl::run(&cli, args),
        Command::Sources(args) => sources::run(&cli, args),
        Command::Eval(args) => eval::run(&cli, args),
        Command::Config => show_config(&cli),
    };
    match result {
        Ok(status) => status,
        Err(Failed(diagnostics)) => {
            print_diagnostics(&diagnostics);
            ExitStatus::Error
        }
    }
}

/// Prints diagnostics to standard error.
pub fn print_diagnostics(diagnostics: &[Diagnostic]) {
    let mut err = anstream::stderr();
    for d in diagnostics {
        let _ = write!(err, "{d}");
    }
}

/// The configuration in effect and the folder its relative paths start from.
pub struct Context {
    config: Config,
    base: PathBuf,
    path: Option<PathBuf>,
}

impl Context {
    /// Finds and reads the configuration.
    pub fn load(cli: &Cli) -> Result<Context, Failed> {
        let path = match &cli.config {
            Some(path) => Some(path.clone()),
            None => std::env::current_dir().ok().and_then(|cwd| ingest::find_config(&cwd)),
        };
        match path {
            Some(path) => {
                let config = ingest::read_config(&path)?;
                let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
                Ok(Context { config, base, path: Some(path) })
            }
            None => Ok(Context { config: Config::default(), base: PathBuf::new(), path: None }),
        }
    }

    /// The configuration in effect.
    pub fn config(&self) -> &Config {
        &self.config
    }

    fn resolve(&self, paths: &[String]) -> Vec<PathBuf> {
        paths.iter().map(|p| self.base.join(p)).collect()
    }

    /// Loads and indexes the sources, printing warnings.
    pub fn engine(&self, args: &SourceArgs) -> Result<(Engine, ingest::LoadedSources), Failed> {
        self.engine_without(args, None)
    }

    /// Loads and indexes the sources but the one shown as `exclude`, printing warnings.
    pub fn engine_without(
        &self,
        args: &SourceArgs,
        exclude: Option<&str>,
    ) -> Result<(Engine, ingest::LoadedSources), Failed> {
        let roots = if args.sources.is_empty() { self.resolve(&self.config.sources) } else { args.sources.clone() };
        if roots.is_empty() {
            return Err(Diagnostic::file(
                Severity::Error,
                "veracity.toml",
                "no sources: pass --sources PATH or list `sources` in veracity.toml",
            )
            .into());
        }
        let mut loaded = ingest::load_sources(&roots);
        print_diagnostics(&loaded.diagnostics);
        if loaded.diagnostics.iter().any(Diagnostic::is_error) {
            return Err(Failed(Vec::new()));
        }
        for s in &loaded.skipped {
            print_diagnostics(&[Diagnostic::file(Severity::Warning, &s.path, format!("skipped: {}", s.reason))]);
        }
        let mut sources = std::mem::take(&mut loaded.sources);
        // The same file however its path is spelled ("../sources/a.txt", "./sources//a.txt").
        let same_file = |a: &str, b: &str| match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
            (Ok(a), Ok(b)) => a == b,
            _ => a == b,
        };
        sources.retain(|s| !exclude.is_some_and(|x| same_file(&s.path, x)));
        let engine =
            Engine::new(sources, &self.config).map_err(|e| Diagnostic::file(Severity::Error, "veracity.toml", e.0))?;
        Ok((engine, loaded))
    }
}

fn check(cli: &Cli, args: &CheckArgs) -> Result<ExitStatus, Failed> {
    let context = Context::load(cli)?;
    let files = if !args.files.is_empty() || !args.claims.is_empty() || args.article.is_some() {
        args.files.clone()
    } else {
        context.resolve(&context.config.claims)
    };
    if files.is_empty() && args.claims.is_empty() && args.article.is_none() {
        return Err(Diagnostic::file(
            Severity::Error,
            "veracity.toml",
            "no claims: name claims files, pass --claim TEXT, or list `claims` in veracity.toml",
        )
        .into());
    }
    let mut claims: Vec<Claim> = Vec::new();
    let mut errors = Vec::new();
    for file in &files {
        match ingest::read_claims(file) {
            Ok(found) => claims.extend(found),
            Err(diagnostics) => errors.extend(diagnostics),
        }
    }
    if !errors.is_empty() {
        return Err(Failed(errors));
    }
    if args.claims.iter().any(|c| c.trim().is_empty()) {
        return Err(Diagnostic::file(Severity::Error, "--claim", "a claim given with --claim is empty").into());
    }
    claims.extend(args.claims.iter().enumerate().map(|(i, text)| Claim::adhoc(i + 1, text)));
    let baseline = args.baseline.as_deref().map(read_baseline).transpose()?;
    let article = args.article.as_deref().map(read_article).transpose()?;
    let exclude = article.as_ref().map(|a| a.path.as_str());
    let (engine, _) = context.engine_without(&args.sources, exclude)?;
    if let Some(article) = &article {
        claims.extend(veracity::ingest::article::claims(article, &engine.lexicon));
    }
    let fail_on = if args.fail_on.is_empty() { &context.config.fail_on } else { &args.fail_on };
    let policy = Policy { fail_on: fail_on.clone(), baseline };
    let all_evidence = args.all_evidence || !args.claims.is_empty();
    let format = args.format.unwrap_or(context.config.format);
    let to_stdout = RenderOptions { color: args.output.is_none(), all_evidence, stream: false };
    let sources = engine.sources();
    // Standard output gets each claim as it is checked (where the format
    // streams); files are written whole, atomically, once every claim is in.
    let mut files: Vec<Vec<u8>> = vec![Vec::new(); args.reports.len() + 1];
    let (output, reports) = files.split_at_mut(1);
    let out: Box<dyn Write + '_> = match args.output {
        None => Box::new(Stdout::default()),
        Some(_) => Box::new(&mut output[0]),
    };
    let mut reporters = vec![report::reporter(format, to_stdout, &sources, out)];
    for ((format, _), buffer) in args.reports.iter().zip(reports.iter_mut()) {
        let options = RenderOptions { color: false, ..to_stdout };
        reporters.push(report::reporter(*format, options, &sources, Box::new(buffer)));
    }
    let checker = engine.checker();
    let mut known = Baseline::default();
    let mut findings = 0;
    for claim in claims {
        let mut result = engine.check_one(&checker, claim);
        policy.judge(&mut result);
        known.add(&result);
        findings += usize::from(result.finding);
        for reporter in &mut reporters {
            reporter.claim(result.clone()).map_err(|e| cannot_write("<stdout>", &e))?;
        }
    }
    for reporter in reporters {
        reporter.finish().map_err(|e| cannot_write("<stdout>", &e))?;
    }
    if let Some(path) = &args.write_baseline {
        emit(&known.to_json(), Some(path))?;
    }
    if let Some(path) = &args.output {
        emit_bytes(&files[0], Some(path))?;
    }
    for ((_, path), rendered) in args.reports.iter().zip(&files[1..]) {
        emit_bytes(rendered, Some(path))?;
    }
    Ok(if findings > 0 { ExitStatus::Failure } else { ExitStatus::Success })
}

/// Standard output for streamed reports: a closed pipe (`veracity … | head`)
/// ends the output, not the run.
#[derive(Default)]
struct Stdout {
    closed: bool,
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if !self.closed {
            match anstream::stdout().write_all(buf) {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => self.closed = true,
                other => other?,
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match anstream::stdout().flush() {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            other => other,
        }
    }
}

fn cannot_write(path: &str, e: &std::io::Error) -> Failed {
    Diagnostic::file(Severity::Error, path, format!("cannot write: {e}")).into()
}

/// Reads the article to check, printing any warnings about it.
fn read_article(path: &Path) -> Result<veracity::model::SourceText, Failed> {
    let mut diagnostics = Vec::new();
    let source = ingest::read_source(path, None, &mut diagnostics)
        .map_err(|reason| Diagnostic::file(Severity::Error, ingest::display(path), reason))?;
    print_diagnostics(&diagnostics);
    Ok(source)
}

fn read_baseline(path: &Path) -> Result<Baseline, Failed> {
    let shown = ingest::display(path);
    let text = std::fs::read_to_string(path)
        .map_err(|e| Diagnostic::file(Severity::Error, &shown, format!("cannot read baseline: {e}")))?;
    Baseline::parse(&text).map_err(|e| {
        let line_start: usize = text.split_inclusive('\n').take(e.line().saturating_sub(1)).map(str::len).sum();
        let at = (line_start + e.column().saturating_sub(1)).min(text.len());
        let at = (0..=at).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
        let span = veracity::text::span::Span::new(at, at);
        Failed(vec![Diagnostic::at(Severity::Error, &shown, &text, span, format!("not a baseline: {e}"))])
    })
}

/// `veracity config`: the effective configuration as TOML.
fn show_config(cli: &Cli) -> Result<ExitStatus, Failed> {
    let context = Context::load(cli)?;
    let found = match &context.path {
        Some(path) => format!("# from {}\n", ingest::display(path)),
        None => "# no veracity.toml found: defaults\n".to_string(),
    };
    let toml = toml::to_string(&context.config)
        .map_err(|e| Diagnostic::file(Severity::Error, "veracity.toml", format!("cannot print: {e}")))?;
    emit(&(found + &toml), None)?;
    Ok(ExitStatus::Success)
}

/// Writes a rendered report to standard output, or atomically to a file.
pub fn emit(rendered: &str, output: Option<&Path>) -> Result<(), Failed> {
    emit_bytes(rendered.as_bytes(), output)
}

/// [`emit`] for bytes.
fn emit_bytes(rendered: &[u8], output: Option<&Path>) -> Result<(), Failed> {
    let shown = |p: &Path| ingest::display(p);
    match output {
        None => {
            let mut out = anstream::stdout();
            out.write_all(rendered)
                .and_then(|()| out.flush())
                .or_else(|e| if e.kind() == std::io::ErrorKind::BrokenPipe { Ok(()) } else { Err(e) })
                .map_err(|e| Diagnostic::file(Severity::Error, "<stdout>", format!("cannot write: {e}")).into())
        }
        Some(path) => {
            let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
            std::fs::write(&tmp, rendered).and_then(|()| std::fs::rename(&tmp, path)).map_err(|e| {
                let _ = std::fs::remove_file(&tmp);
                Diagnostic::file(Severity::Error, shown(path), format!("cannot write report: {e}")).into()
            })
        }
    }
}
