//! Sentence segmentation with the built-in rules: every sentence (and every
//! dropped block) is a span inside the text, on char boundaries, and the
//! sentences come in text order.
#![no_main]

#[path = "../invariants.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|text: &str| invariants::segment_holds(text));
