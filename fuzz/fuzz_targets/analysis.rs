//! Analysis of a text (tokens, numbers, dates, cues): token offsets point
//! into the normalised text, on char boundaries, and every mention's token
//! indices are tokens.
#![no_main]

#[path = "../invariants.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|text: &str| invariants::analysis_holds(text));
