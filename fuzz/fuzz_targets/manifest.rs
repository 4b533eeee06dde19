//! `sources.toml` manifests: parsing never panics, diagnostics point inside
//! the text.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let (entries, diagnostics) = veracity::ingest::parse_manifest("sources.toml", text);
    for (file, _meta) in &entries {
        assert!(!file.trim().is_empty(), "an entry with an empty `file`");
    }
    for d in &diagnostics {
        common::assert_diagnostic_in(text, d);
    }
});
