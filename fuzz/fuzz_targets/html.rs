//! HTML stripping keeps byte offsets: `strip_html`'s doc comment promises
//! "the text of an HTML document, byte for byte as long as the input".
#![no_main]

#[path = "../invariants.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|text: &str| invariants::html_holds(text));
