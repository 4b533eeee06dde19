//! Shared set-up: the bundled corpus and claims, loaded through the library.

use std::path::PathBuf;
use veracity::model::Claim;
use veracity::Engine;

/// The project root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The engine over the bundled sources, configured by the bundled veracity.toml.
pub fn bundled_engine() -> Engine {
    let root = root();
    let config = veracity::ingest::read_config(&root.join("veracity.toml")).expect("bundled config parses");
    let roots: Vec<PathBuf> = config.sources.iter().map(|s| root.join(s)).collect();
    let loaded = veracity::ingest::load_sources(&roots, &config.ingest);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    Engine::new(loaded.sources, &config).expect("bundled lexicon builds")
}

/// Checks claims with the bundled engine and the default CI policy, as `veracity check` does.
pub fn check(engine: &Engine, claims: Vec<Claim>) -> veracity::model::Report {
    let mut report = engine.check(claims);
    veracity::policy::Policy::default().apply(&mut report);
    report
}

/// The claims of a file under the project root.
pub fn claims(path: &str) -> Vec<Claim> {
    veracity::ingest::read_claims(&root().join(path)).expect("claims parse")
}

/// Runs `f` with the current directory at the project root, so that paths in
/// reports are relative like the CLI's.
pub fn in_root<T>(f: impl FnOnce() -> T) -> T {
    std::env::set_current_dir(root()).expect("project root exists");
    f()
}
