//! The command-line front end: configuration discovery, output and exit codes.

mod args;
mod eval;
mod init;
mod output;
mod repl;
mod sources;

use anstream::ColorChoice;
use args::{CheckArgs, Cli, ColorWhen, Command, IndexArgs, SourceArgs};
use clap::{CommandFactory, Parser};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Instant, UNIX_EPOCH};
use veracity::config::Config;
use veracity::diagnostic::{Diagnostic, Severity};
use veracity::index::Bm25Index;
use veracity::index::SentenceStore;
use veracity::ingest;
use veracity::model::Claim;
use veracity::policy::{Baseline, Policy};
use veracity::report::{self, RenderOptions};
use veracity::store::{DiskIndex, Snapshot, Sources};
use veracity::Engine;

/// A value the process keeps until it exits, never freed: freeing an index
/// of many sentences piece by piece takes longer than the rest of a short
/// command (a seventh of a whole `check` against 100,000 sentences), and the
/// operating system takes the memory back at once.
pub type Kept<T> = std::mem::ManuallyDrop<T>;

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
    output::note_standard_output();
    output::install_signal_handler();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { ExitStatus::Error } else { ExitStatus::Success };
        }
    };
    if let Some(n) = cli.threads {
        // Only fails when a pool exists already, which nothing starts before this.
        let _ = rayon::ThreadPoolBuilder::new().num_threads(usize::from(n)).build_global();
    }
    match cli.color {
        ColorWhen::Always => ColorChoice::Always.write_global(),
        ColorWhen::Never => ColorChoice::Never.write_global(),
        ColorWhen::Auto => {}
    }
    let result = run_command(&cli);
    // What went wrong reading the index during the run (documents are read
    // from it when first asked for).
    if let Some(index) = OPENED_INDEX.get() {
        warn_index_problems(index);
    }
    match result {
        Ok(status) => status,
        Err(Failed(diagnostics)) => {
            print_diagnostics(&diagnostics);
            ExitStatus::Error
        }
    }
}

/// The on-disk index this run reads through, once opened.
static OPENED_INDEX: std::sync::OnceLock<Arc<DiskIndex>> = std::sync::OnceLock::new();

fn run_command(cli: &Cli) -> Result<ExitStatus, Failed> {
    match &cli.command {
        // Every other command writes its answer to standard output.
        Command::Repl(_) | Command::Sources(_) | Command::Eval(_) | Command::Config if !output::stdout_is_open() => {
            Err(Diagnostic::file(Severity::Error, "<stdout>", STDOUT_CLOSED).into())
        }
        Command::Check(args) => check(cli, args),
        Command::Repl(args) => repl::run(cli, args),
        Command::Sources(args) => sources::run(cli, args),
        Command::Index(args) => index(cli, args),
        Command::Eval(args) => eval::run(cli, args),
        Command::Config => show_config(cli),
        Command::Init => init::run(),
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(*shell, &mut Cli::command(), "veracity", &mut script);
            emit_bytes(&script, None).map(|()| ExitStatus::Success)
        }
        Command::Man => {
            let mut page = Vec::new();
            clap_mangen::Man::new(Cli::command())
                .render(&mut page)
                .map_err(|e| cannot_write("<stdout>", &e))
                .and_then(|()| emit_bytes(&page, None).map(|()| ExitStatus::Success))
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

/// Whether the command was asked to be quiet (`check --quiet`).
fn quiet(cli: &Cli) -> bool {
    matches!(&cli.command, Command::Check(args) if args.quiet)
}

/// The configuration in effect and the folder its relative paths start from.
pub struct Context {
    config: Config,
    base: PathBuf,
    path: Option<PathBuf>,
    verbose: bool,
    /// `--quiet`, where the command has it: no progress shown.
    quiet: bool,
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
                // Reports name files from the repository's root (the folder
                // with `.git` at or above the project's), else the project's
                // folder, wherever Veracity runs: CI annotations need that.
                let project = std::env::current_dir().map(|cwd| cwd.join(&base)).unwrap_or(base.clone());
                let repository = project.ancestors().find(|d| d.join(".git").exists()).map(Path::to_path_buf);
                ingest::set_display_root(&repository.unwrap_or(project));
                Ok(Context { config, base, path: Some(path), verbose: cli.verbose, quiet: quiet(cli) })
            }
            None => {
                // No configuration: the sources are ./sources/ if there is
                // one, else this folder, leaving out build and vendor folders.
                let mut config = Config::default();
                let folder = Path::new(DEFAULT_SOURCES).is_dir();
                config.sources = vec![if folder { DEFAULT_SOURCES } else { "." }.to_string()];
                if !folder {
                    config.ingest.exclude = ["target", "node_modules", "vendor"].map(String::from).to_vec();
                }
                Ok(Context { config, base: PathBuf::new(), path: None, verbose: cli.verbose, quiet: quiet(cli) })
            }
        }
    }

    /// Where a problem with the configuration is reported: its file, or the
    /// command line when there is none.
    fn config_shown(&self) -> String {
        self.path.as_deref().map_or_else(|| "<arguments>".to_string(), ingest::display)
    }

    /// Under `--verbose`, says on standard error what a phase did and how
    /// long it took since `started`.
    pub fn took(&self, phase: &str, started: Instant, what: impl std::fmt::Display) {
        if self.verbose {
            eprintln!("veracity: {phase}: {what} in {:.3} s", started.elapsed().as_secs_f64());
        }
    }

    /// A progress bar on standard error (a spinner without `len`), shown
    /// only on a terminal, outside CI and unless `quiet`.
    pub fn progress(&self, len: Option<u64>, message: String, quiet: bool) -> ProgressBar {
        use std::io::IsTerminal;
        let shown = std::io::stderr().is_terminal() && std::env::var_os("CI").is_none() && !quiet;
        if !shown {
            return ProgressBar::hidden();
        }
        let bar = match len {
            Some(n) => ProgressBar::new(n).with_style(
                ProgressStyle::with_template("{msg} {wide_bar} {pos}/{len} {eta}")
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
            ),
            None => ProgressBar::new_spinner(),
        };
        bar.set_message(message);
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        bar
    }

    /// The configuration in effect.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// What reports say besides their claims: every source's metadata, the
    /// configuration's publication details and the settings behind verdicts.
    pub fn report_context(&self, engine: &Engine) -> veracity::model::Context {
        let settings = toml::to_string(&self.config.check).unwrap_or_default();
        veracity::model::Context {
            sources: engine.sources(),
            publish: self.config.publish.clone(),
            settings: settings.lines().filter(|l| !l.trim().is_empty()).map(str::to_string).collect(),
            as_of: engine.as_of(),
        }
    }

    fn resolve(&self, paths: &[String]) -> Vec<PathBuf> {
        paths.iter().map(|p| self.base.join(p)).collect()
    }

    /// Loads and indexes the sources, printing warnings.
    pub fn engine(&self, args: &SourceArgs) -> Result<(Kept<Engine>, ingest::LoadedSources), Failed> {
        self.engine_without(args, None)
    }

    /// Loads and indexes the sources but the one shown as `exclude`, printing
    /// warnings, through the on-disk index when there is one (see
    /// [`Context::index_dir`]). The engine is never freed (see [`Kept`]).
    pub fn engine_without(
        &self,
        args: &SourceArgs,
        exclude: Option<&str>,
    ) -> Result<(Kept<Engine>, ingest::LoadedSources), Failed> {
        let index = self.index_dir(args).and_then(|dir| self.open_index(&dir));
        self.load_engine(args, exclude, index.as_ref())
    }

    /// The on-disk index to use: `--index DIR`, else `.veracity/` beside the
    /// configuration (or in the current folder without one) when it exists.
    fn index_dir(&self, args: &SourceArgs) -> Option<PathBuf> {
        args.index.clone().or_else(|| Some(self.default_index_dir()).filter(|d| d.is_dir()))
    }

    /// Where `veracity index` makes the index unless told: `.veracity/` beside
    /// the configuration, or in the current folder without one.
    fn default_index_dir(&self) -> PathBuf {
        self.base.join(".veracity")
    }

    /// Opens the index in `dir`, or warns and goes on without one.
    fn open_index(&self, dir: &Path) -> Option<Arc<DiskIndex>> {
        match DiskIndex::open(dir, self.index_fingerprint()) {
            Ok(index) => Some(OPENED_INDEX.get_or_init(|| Arc::new(index)).clone()),
            Err(e) => {
                let message = format!("cannot use the index here ({e}); reading every source");
                print_diagnostics(&[Diagnostic::file(Severity::Warning, ingest::display(dir), message)]);
                None
            }
        }
    }

    /// What the index's files depend on besides the sources: this program
    /// (a hash of the source and data files it was built from, so that a
    /// copy of the binary uses the same index) and the settings that change
    /// reading (aliases, ingest).
    fn index_fingerprint(&self) -> u64 {
        let program = concat!(env!("CARGO_PKG_VERSION"), " ", env!("VERACITY_SOURCE_HASH"));
        let settings = serde_json::to_string(&(&self.config.aliases, &self.config.ingest)).unwrap_or_default();
        veracity::store::fnv(&[&veracity::store::FORMAT.to_le_bytes(), program.as_bytes(), settings.as_bytes()])
    }

    /// Reads the sources (`--sources`, else the configuration's) but the
    /// one shown as `exclude`, printing warnings; also gives the load's
    /// details and the roots read. With `index` (and no `exclude`), sources
    /// whose stamps still match the index's snapshot are not read: the
    /// snapshot is given instead, with BM25 over its segments.
    fn load_sources(
        &self,
        args: &SourceArgs,
        exclude: Option<&str>,
        index: Option<&Arc<DiskIndex>>,
    ) -> Result<(Loaded, ingest::LoadedSources, Vec<PathBuf>), Failed> {
        let roots = if args.sources.is_empty() { self.resolve(&self.config.sources) } else { args.sources.clone() };
        if roots.is_empty() {
            let message = "no sources: pass --sources PATH or list `sources` in veracity.toml";
            return Err(Diagnostic::file(Severity::Error, self.config_shown(), message).into());
        }
        if self.path.is_none() && args.sources.is_empty() {
            eprintln!(
                "note: no veracity.toml: reading sources from {}/ (`veracity init` writes a configuration)",
                self.config.sources.join(", ")
            );
        }
        let started = Instant::now();
        let read_at = std::time::SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos() as i128);
        let listing = ingest::list_sources(&roots, &self.config.ingest);
        let stamps = listing.stamps();
        let unread = listing.unread();
        let files = listing.files();
        let read = |i: usize| {
            let (path, meta) = &files[i];
            ingest::read_source_with(path, meta.clone(), &self.config.ingest, &mut Vec::new()).ok()
        };
        let unchanged = index.filter(|_| exclude.is_none()).and_then(|index| {
            let snapshot = index.snapshot()?;
            let compared = index.holds(&snapshot, &stamps, read_at, read)?;
            let retriever = index.retriever(&snapshot)?;
            Some((Loaded::Unchanged(Box::new(snapshot), retriever, index.clone(), files.to_vec()), compared))
        });
        if let Some((unchanged, compared)) = unchanged {
            let what = format_args!("{} files unchanged ({compared} read to compare)", stamps.len());
            self.took("read sources", started, what);
            self.report_loaded(&unread, files.len(), &roots)?;
            return Ok((unchanged, unread, roots));
        }
        let mut loaded = listing.read();
        self.took("read sources", started, format_args!("{} files", loaded.sources.len()));
        self.report_loaded(&loaded, loaded.sources.len(), &roots)?;
        // A snapshot is kept only of sources read without a warning: a run
        // that reads none could not repeat it.
        let snapshot =
            exclude.is_none() && loaded.diagnostics == unread.diagnostics && loaded.skipped == unread.skipped;
        let mut texts = std::mem::take(&mut loaded.sources);
        // The same file however its path is spelled ("../sources/a.txt", "./sources//a.txt").
        let same_file = |a: &str, b: &str| match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
            (Ok(a), Ok(b)) => a == b,
            _ => a == b,
        };
        texts.retain(|s| !exclude.is_some_and(|x| same_file(&s.path, x)));
        Ok((Loaded::Read(Sources { texts, stamps, read_at }, snapshot), loaded, roots))
    }

    /// Prints what loading the sources found wrong; fails on an error.
    /// `read` files were (or, unchanged, would be) read.
    fn report_loaded(&self, loaded: &ingest::LoadedSources, read: usize, roots: &[PathBuf]) -> Result<(), Failed> {
        print_diagnostics(&loaded.diagnostics);
        if loaded.diagnostics.iter().any(Diagnostic::is_error) {
            return Err(Failed(Vec::new()));
        }
        for s in &loaded.skipped {
            print_diagnostics(&[Diagnostic::file(Severity::Warning, &s.path, format!("skipped: {}", s.reason))]);
        }
        let skipped = loaded.skipped.len();
        if skipped > read && read > 0 {
            let message = format!("{skipped} of {} source files were skipped (see the warnings above)", read + skipped);
            print_diagnostics(&[Diagnostic::file(Severity::Warning, shown_roots(roots), message)]);
        }
        Ok(())
    }

    /// [`Context::engine_without`] through `index`, if any.
    fn load_engine(
        &self,
        args: &SourceArgs,
        exclude: Option<&str>,
        index: Option<&Arc<DiskIndex>>,
    ) -> Result<(Kept<Engine>, ingest::LoadedSources), Failed> {
        let (sources, loaded, roots) = self.load_sources(args, exclude, index)?;
        let skipped = loaded.skipped.len();
        let mut config = std::borrow::Cow::Borrowed(&self.config);
        if let Some(day) = &args.as_of {
            config.to_mut().check.as_of = Some(day.clone());
        }
        let failed = |e: veracity::lexicon::LexiconError| Diagnostic::file(Severity::Error, self.config_shown(), e.0);
        let started = Instant::now();
        let (engine, reused) = match (sources, index) {
            (Loaded::Unchanged(snapshot, retriever, index, files), _) => {
                let documents = snapshot.documents.len();
                (Engine::kept(&snapshot, retriever, &config, &index, files).map_err(failed)?, documents)
            }
            (Loaded::Read(sources, snapshot), Some(index)) => {
                let bar = self.progress(None, format!("indexing {} source files", sources.texts.len()), self.quiet);
                let built = Engine::indexed(sources, &config, index, snapshot).map_err(failed)?;
                bar.finish_and_clear();
                warn_index_problems(index);
                built
            }
            (Loaded::Read(sources, _), None) => {
                let bar = self.progress(None, format!("indexing {} source files", sources.texts.len()), self.quiet);
                let engine = Engine::new(sources.texts, &config).map_err(failed)?;
                bar.finish_and_clear();
                (engine, 0)
            }
        };
        let indexed = format_args!(
            "{} sentences of {} files ({reused} from the index)",
            engine.corpus.len(),
            engine.corpus.documents.len()
        );
        self.took("index", started, indexed);
        for d in engine.corpus.documents.iter().filter(|d| d.overlong > 0) {
            let message = format!(
                "{} run(s) of text longer than {} characters were split, or left out where they have no punctuation (ingest.max_sentence_chars)",
                d.overlong, self.config.ingest.max_sentence_chars
            );
            print_diagnostics(&[Diagnostic::file(Severity::Warning, &d.path, message)]);
        }
        if engine.corpus.is_empty() && !args.allow_empty {
            let why = match skipped {
                0 => format!("{} source files, none with a sentence", engine.corpus.documents.len()),
                n => {
                    format!("{} source files read, {n} skipped (see the warnings above)", engine.corpus.documents.len())
                }
            };
            let message = format!(
                "no sentences to check against: {why}; every claim would be unsourced (pass --allow-empty to go on)"
            );
            return Err(Diagnostic::file(Severity::Error, shown_roots(&roots), message).into());
        }
        Ok((Kept::new(engine), loaded))
    }
}

/// The sources of a run: read (and whether a snapshot may be kept of them),
/// or unchanged since the index's snapshot (with BM25 over its segments).
enum Loaded {
    Read(Sources, bool),
    Unchanged(Box<Snapshot>, Bm25Index, Arc<DiskIndex>, Vec<(PathBuf, Option<veracity::model::SourceMeta>)>),
}

/// Where sources are looked for when there is no configuration.
const DEFAULT_SOURCES: &str = "sources";

/// Source folders as one path for a diagnostic: "sources", "a, b".
fn shown_roots(roots: &[PathBuf]) -> String {
    roots.iter().map(|r| ingest::display(r)).collect::<Vec<_>>().join(", ")
}

const STDOUT_CLOSED: &str =
    "standard output is closed: the answer would be lost (`check` can write it with --output FILE)";

/// The files a run writes, each at most once, and standard output only if open.
fn check_outputs(args: &CheckArgs) -> Result<(), Failed> {
    let mut outputs: Vec<(String, &Path)> = Vec::new();
    outputs.push(("--output".into(), args.output.as_deref().unwrap_or(Path::new("-"))));
    for (format, path) in &args.reports {
        outputs.push((format!("--report {}", format_name(*format)), path));
    }
    if let Some(path) = &args.write_baseline {
        outputs.push(("--write-baseline".into(), path));
    }
    if outputs.iter().any(|(_, p)| output::is_stdout(p)) && !output::stdout_is_open() {
        return Err(Diagnostic::file(Severity::Error, "<stdout>", STDOUT_CLOSED).into());
    }
    for (flag, path) in &outputs {
        output::can_write(path).map_err(|e| {
            let message = format!("{flag}: cannot write report: {e}");
            Diagnostic::file(Severity::Error, ingest::display(path), message)
        })?;
    }
    for (i, (flag, path)) in outputs.iter().enumerate() {
        let same = |other: &Path| output::identity(path) == output::identity(other);
        if let Some((first, _)) = outputs[..i].iter().find(|(_, other)| same(other)) {
            let shown = if output::is_stdout(path) { "standard output".into() } else { ingest::display(path) };
            let message = format!("{first} and {flag} would both write {shown}; give each its own path");
            return Err(Diagnostic::file(Severity::Error, "<arguments>", message).into());
        }
    }
    Ok(())
}

/// The lower-case name of a format, as `--format` takes it.
fn format_name(format: report::OutputFormat) -> String {
    use clap::ValueEnum;
    format.to_possible_value().map_or_else(String::new, |v| v.get_name().to_string())
}

fn check(cli: &Cli, args: &CheckArgs) -> Result<ExitStatus, Failed> {
    check_outputs(args)?;
    let context = Context::load(cli)?;
    let files = if !args.files.is_empty() || !args.claims.is_empty() || args.article.is_some() || args.stdin {
        args.files.clone()
    } else {
        context.resolve(&context.config.claims)
    };
    if files.is_empty() && args.claims.is_empty() && args.article.is_none() && !args.stdin {
        let message = "no claims: name claims files, pass --claim TEXT or --stdin, or list `claims` in veracity.toml";
        return Err(Diagnostic::file(Severity::Error, context.config_shown(), message).into());
    }
    let mut claims: Vec<Claim> = Vec::new();
    let mut errors = Vec::new();
    let mut expanded = Vec::new();
    for path in &files {
        match ingest::claims_files(path) {
            Ok(found) => expanded.extend(found),
            Err(d) => errors.push(d),
        }
    }
    let files = expanded;
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
    for text in &args.claims {
        if let Some(why) = Claim::not_checkable(text) {
            let message = format!("{:?} is not a checkable claim: {why}", text.trim());
            return Err(Diagnostic::file(Severity::Error, "--claim", message).into());
        }
    }
    claims.extend(args.claims.iter().enumerate().map(|(i, text)| Claim::adhoc(i + 1, text)));
    let baseline = args.baseline.as_deref().map(read_baseline).transpose()?;
    let article = args.article.as_deref().map(|p| read_article(p, &context.config.ingest)).transpose()?;
    let exclude = article.as_ref().map(|a| a.path.as_str());
    let (engine, _) = context.engine_without(&args.sources, exclude)?;
    if let Some(article) = &article {
        claims.extend(veracity::ingest::article::claims(article, &engine.lexicon));
    }
    if claims.is_empty() && !args.stdin {
        let from: Vec<String> = files.iter().map(|f| ingest::display(f)).chain(exclude.map(str::to_string)).collect();
        let message = "no claims to check: it has no `[[claim]]` (an article: no check-worthy sentence)";
        return Err(Diagnostic::file(Severity::Error, from.join(", "), message).into());
    }
    let fail_on = if args.fail_on.is_empty() { &context.config.fail_on } else { &args.fail_on };
    let policy = Policy { fail_on: fail_on.clone(), baseline };
    let all_evidence = args.all_evidence || !args.claims.is_empty();
    let format = args.format.unwrap_or(context.config.format);
    let to_stdout =
        RenderOptions { color: args.output.is_none(), all_evidence, stream: false, quiet: args.quiet, width: None };
    let mut report_context = context.report_context(&engine);
    if let Some(article) = &article {
        report_context.sources.insert(article.path.clone(), article.meta.clone());
    }
    if let Some(date) = &args.date {
        report_context.publish.date = Some(date.clone());
    }
    // Standard output gets each claim as it is checked (where the format
    // streams); files are written whole, safely, once every claim is in.
    let to_file = args.output.as_deref().filter(|p| !output::is_stdout(p));
    let mut files: Vec<Vec<u8>> = vec![Vec::new(); args.reports.len() + 1];
    let (first, reports) = files.split_at_mut(1);
    let out: Box<dyn Write + '_> = match to_file {
        None => Box::new(output::Stdout::default()),
        Some(_) => Box::new(&mut first[0]),
    };
    let mut reporters = vec![report::reporter(format, to_stdout, &report_context, out)];
    for ((format, _), buffer) in args.reports.iter().zip(reports.iter_mut()) {
        let options = RenderOptions { color: false, ..to_stdout };
        reporters.push(report::reporter(*format, options, &report_context, Box::new(buffer)));
    }
    let mut known = Baseline::default();
    let mut findings = 0;
    // Only standard output can fail while streaming (the rest goes to
    // memory): the first error is kept, and the files are still written.
    let mut stdout_error = None;
    // Streamed claims are read as they are checked; a line that is not a
    // claim is reported at once, and the run ends with exit code 2.
    let bad_input = std::cell::Cell::new(false);
    let streamed = args.stdin.then(|| ingest::stream::claims(std::io::stdin().lock())).into_iter().flatten();
    let streamed = streamed.filter_map(|read| {
        read.map_err(|d| {
            print_diagnostics(&[d]);
            bad_input.set(true);
        })
        .ok()
    });
    let started = Instant::now();
    let mut checked = 0_usize;
    let count = (!args.stdin).then_some(claims.len() as u64);
    let bar = context.progress(count, "checking".into(), args.quiet);
    engine.check_each(claims.into_iter().chain(streamed), |mut result| {
        checked += 1;
        bar.inc(1);
        policy.judge(&mut result);
        if args.write_baseline.is_some() {
            known.add(&result);
        }
        findings += usize::from(result.finding);
        if !args.show.is_empty() && !args.show.contains(&result.verdict) {
            return;
        }
        for reporter in &mut reporters {
            if let Err(e) = reporter.claim(result.clone()) {
                stdout_error.get_or_insert(e);
            }
        }
    });
    bar.finish_and_clear();
    context.took("check", started, format_args!("{checked} claims"));
    for reporter in reporters {
        if let Err(e) = reporter.finish() {
            stdout_error.get_or_insert(e);
        }
    }
    if let Some(path) = &args.write_baseline {
        emit(&known.to_json(), Some(path))?;
    }
    if let Some(path) = to_file {
        emit_bytes(&files[0], Some(path))?;
    }
    for ((_, path), rendered) in args.reports.iter().zip(&files[1..]) {
        emit_bytes(rendered, Some(path))?;
    }
    if let Some(e) = stdout_error {
        return Err(cannot_write("<stdout>", &e));
    }
    Ok(if bad_input.get() {
        ExitStatus::Error
    } else if findings > 0 {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}

/// `veracity index`: brings the on-disk index up to date with the sources
/// (segmenting only the new or changed ones, without loading what it keeps),
/// then removes the files it no longer needs.
fn index(cli: &Cli, args: &IndexArgs) -> Result<ExitStatus, Failed> {
    let context = Context::load(cli)?;
    let dir = args.sources.index.clone().unwrap_or_else(|| context.default_index_dir());
    let shown = ingest::display(&dir);
    let failed = |what: &str, e: std::io::Error| Diagnostic::file(Severity::Error, &shown, format!("{what}: {e}"));
    let index = DiskIndex::open(&dir, context.index_fingerprint()).map_err(|e| failed("cannot open the index", e))?;
    let lexicon = veracity::lexicon(context.config())
        .map_err(|e| Diagnostic::file(Severity::Error, context.config_shown(), e.0))?;
    let (Loaded::Read(sources, _), _, _) = context.load_sources(&args.sources, None, None)? else {
        unreachable!("sources are read when no index is given")
    };
    let files = sources.texts.len();
    let started = Instant::now();
    let bar = context.progress(None, format!("indexing {files} source files"), context.quiet);
    let update = index.update(sources, &lexicon);
    bar.finish_and_clear();
    warn_index_problems(&index);
    let update = update.map_err(|e| failed("cannot update the index", e))?;
    let removed = update.removed;
    context.took("index", started, format_args!("{} files read, {} kept", update.read, update.kept));
    let summary = format!(
        "{shown}: {files} source files ({} unchanged, {} read: {} sentences), {} KB; {removed} old files removed\n",
        update.kept,
        update.read,
        update.sentences_read,
        index.size().div_ceil(1024),
    );
    emit(&summary, None)?;
    Ok(ExitStatus::Success)
}

/// Warns of what went wrong reading or writing the on-disk index (the run goes on).
fn warn_index_problems(index: &DiskIndex) {
    let shown = ingest::display(index.dir());
    let warnings: Vec<Diagnostic> =
        index.take_problems().into_iter().map(|p| Diagnostic::file(Severity::Warning, &shown, p)).collect();
    print_diagnostics(&warnings);
}

/// A failure to write to `path` as a diagnostic.
fn cannot_write(path: &str, e: &std::io::Error) -> Failed {
    Diagnostic::file(Severity::Error, path, format!("cannot write: {e}")).into()
}

/// Reads the article to check, printing any warnings about it.
fn read_article(path: &Path, settings: &veracity::config::Ingest) -> Result<veracity::model::SourceText, Failed> {
    let mut diagnostics = Vec::new();
    let source = ingest::read_source_with(path, None, settings, &mut diagnostics)
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
            let mut out = output::Stdout::default();
            out.write_all(rendered).and_then(|()| out.flush()).map_err(|e| cannot_write("<stdout>", &e))
        }
        Some(path) => output::write(path, rendered)
            .map_err(|e| Diagnostic::file(Severity::Error, shown(path), format!("cannot write report: {e}")).into()),
    }
}
