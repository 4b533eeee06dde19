//! Claims files: parsing never panics; every diagnostic (and every claim's
//! location) points inside the text.
#![no_main]

#[path = "../invariants.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|text: &str| invariants::claims_holds(text));
