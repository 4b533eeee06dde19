//! `+++` front matter: parsing never panics, the body keeps the input's byte
//! length (offsets do not move), and diagnostics point inside the text.
#![no_main]

#[path = "../invariants.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|text: &str| invariants::front_matter_holds(text));
