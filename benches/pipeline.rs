//! `cargo bench`: the hot functions of the pipeline over the bundled corpus
//! (`sources/`, read as `veracity.toml` says) and the bundled claims
//! (`claims/coalition.toml`), through the library's public API only.
//!
//! - `segment`: the lexicon's segmentation rules over each source text;
//! - `analysis`: [`Analysis::written_on`] and [`Analysis::index_terms`] over
//!   every sentence of the corpus, as the corpus reads them;
//! - `retrieve`: the claims' retrieval queries against the BM25 index;
//! - `judge`: a whole check of every claim, with the corpus's readings kept
//!   (warm) and on a fresh engine (cold), and building the engine.
//!
//! One group: `cargo bench --bench pipeline -- segment`.

use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;
use veracity::analysis::date::Day;
use veracity::analysis::Analysis;
use veracity::config::Config;
use veracity::engine::align::FUZZY_NAME;
use veracity::index::{analysed_text, published};
use veracity::model::{Claim, SourceText};
use veracity::Engine;

/// The bundled corpus and claims, read as the command line reads them.
struct Fixture {
    config: Config,
    sources: Vec<SourceText>,
    claims: Vec<Claim>,
}

fn fixture() -> Fixture {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = veracity::ingest::read_config(&root.join(veracity::config::FILE_NAME))
        .unwrap_or_else(|d| panic!("veracity.toml: {d:?}"));
    let roots: Vec<PathBuf> = config.sources.iter().map(|s| root.join(s)).collect();
    let loaded = veracity::ingest::load_sources(&roots, &config.ingest);
    assert!(loaded.diagnostics.is_empty(), "loading the sources: {:?}", loaded.diagnostics);
    assert!(!loaded.sources.is_empty(), "no sources under {roots:?}");
    let claims = veracity::ingest::read_claims(&root.join("claims/coalition.toml"))
        .unwrap_or_else(|d| panic!("claims/coalition.toml: {d:?}"));
    assert!(!claims.is_empty(), "no claims");
    Fixture { config, sources: loaded.sources, claims }
}

fn engine(f: &Fixture) -> Engine {
    Engine::new(f.sources.clone(), &f.config).expect("the lexicon builds")
}

/// A source's file name, for a benchmark id.
fn name(source: &SourceText) -> &str {
    source.path.rsplit(['/', '\\']).next().unwrap_or(&source.path)
}

fn segment(c: &mut Criterion) {
    let f = fixture();
    let lexicon = veracity::lexicon(&f.config).expect("the lexicon builds");
    let rules = &lexicon.segment_rules;
    let mut group = c.benchmark_group("segment");
    for source in &f.sources {
        group.throughput(Throughput::Bytes(source.text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name(source)), &source.text, |b, text| {
            b.iter(|| rules.segment(black_box(text)))
        });
    }
    let total = f.sources.iter().map(|s| s.text.len() as u64).sum();
    group.throughput(Throughput::Bytes(total));
    group.bench_function("corpus", |b| {
        b.iter(|| f.sources.iter().map(|s| rules.segment(black_box(&s.text)).sentences.len()).sum::<usize>())
    });
    group.finish();
}

fn analysis(c: &mut Criterion) {
    let f = fixture();
    let engine = engine(&f);
    // Each sentence as the corpus reads it: with its table-row label, dated
    // by its document.
    let sentences: Vec<(String, Option<Day>)> = engine
        .corpus
        .every_sentence()
        .map(|s| {
            let published = published(&engine.corpus.documents[s.doc].meta);
            (analysed_text(s.label.as_deref(), &s.text), published)
        })
        .collect();
    let lexicon = &engine.lexicon;
    let mut group = c.benchmark_group("analysis");
    group.throughput(Throughput::Elements(sentences.len() as u64));
    group.bench_function("written_on", |b| {
        b.iter(|| {
            for (text, published) in &sentences {
                black_box(Analysis::written_on(black_box(text), lexicon, *published));
            }
        })
    });
    group.bench_function("index_terms", |b| {
        b.iter(|| {
            for (text, published) in &sentences {
                black_box(Analysis::index_terms(black_box(text), lexicon, *published));
            }
        })
    });
    group.finish();
}

fn retrieve(c: &mut Criterion) {
    let f = fixture();
    let engine = engine(&f);
    let index = engine.retriever.as_ref();
    let k = engine.settings.candidates;
    let claims: Vec<Analysis> = f.claims.iter().map(|claim| Analysis::new(&claim.text, &engine.lexicon)).collect();
    // The query the checker makes of a claim (src/engine/retrieve.rs): its
    // terms' keys, and the index's spellings of names it does not know. A
    // long claim's per-slot queries are left out (not public).
    let query = |claim: &Analysis| {
        let mut query: Vec<String> = claim.terms.iter().map(|t| t.key.clone()).collect();
        for term in &claim.terms {
            if claim.tokens[term.first].is_capitalized() && !index.contains(&term.key) {
                query.extend(index.similar_terms(&term.key, FUZZY_NAME));
            }
        }
        query
    };
    let queries: Vec<Vec<String>> = claims.iter().map(query).collect();
    let mut group = c.benchmark_group("retrieve");
    group.throughput(Throughput::Elements(claims.len() as u64));
    group.bench_function("search", |b| {
        b.iter(|| {
            for q in &queries {
                black_box(index.search(black_box(q), k));
            }
        })
    });
    group.sample_size(50);
    group.bench_function("query_and_search", |b| {
        b.iter(|| {
            for claim in &claims {
                black_box(index.search(&query(black_box(claim)), k));
            }
        })
    });
    group.finish();
}

fn judge(c: &mut Criterion) {
    let f = fixture();
    let texts: Vec<&str> = f.claims.iter().map(|c| c.text.as_str()).collect();
    let mut group = c.benchmark_group("judge");
    group.throughput(Throughput::Elements(texts.len() as u64));
    // The corpus keeps the readings it makes: after the first pass every
    // retrieved sentence is read already.
    let warm = engine(&f);
    let checker = warm.checker();
    group.sample_size(50);
    group.bench_function("check_warm", |b| {
        b.iter(|| {
            for text in &texts {
                black_box(checker.check(black_box(text)));
            }
        })
    });
    // A fresh engine for each pass (built outside the timing): every
    // retrieved sentence is read for the first time.
    group.sample_size(20);
    group.bench_function("check_cold", |b| {
        b.iter_batched(
            || engine(&f),
            |engine| {
                let checker = engine.checker();
                for text in &texts {
                    black_box(checker.check(black_box(text)));
                }
                drop(checker);
                engine
            },
            BatchSize::PerIteration,
        )
    });
    group.sample_size(10);
    group.throughput(Throughput::Bytes(f.sources.iter().map(|s| s.text.len() as u64).sum()));
    group.bench_function("engine_new", |b| {
        b.iter_batched(|| f.sources.clone(), |sources| Engine::new(sources, &f.config), BatchSize::PerIteration)
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(5));
    targets = segment, analysis, retrieve, judge
}
criterion_main!(benches);
