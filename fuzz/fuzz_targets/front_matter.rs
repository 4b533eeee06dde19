//! `+++` front matter: parsing never panics, the body keeps the input's byte
//! length (offsets do not move), and diagnostics point inside the text.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let (body, _meta, diagnostics) = veracity::ingest::parse_front_matter("fuzz.md", text.to_string());
    assert_eq!(body.len(), text.len(), "front matter blanking changed the byte length");
    // Newlines stay where they were, so lines do not move.
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            assert_eq!(body.as_bytes()[i], b'\n', "newline at byte {i} was not kept");
        }
    }
    for d in &diagnostics {
        common::assert_diagnostic_in(text, d);
    }
});
