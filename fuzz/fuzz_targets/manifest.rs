//! `sources.toml` manifests: parsing never panics, diagnostics point inside
//! the text.
#![no_main]

#[path = "../invariants.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|text: &str| invariants::manifest_holds(text));
