//! HTML stripping keeps byte offsets: `strip_html`'s doc comment promises
//! "the text of an HTML document, byte for byte as long as the input".
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let out = veracity::text::html::strip_html(text);
    assert_eq!(out.len(), text.len(), "strip_html changed the byte length");
    // Newlines are kept where they were (lines and columns stay put).
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            assert_eq!(out.as_bytes()[i], b'\n', "newline at byte {i} was not kept");
        }
    }
    let _ = veracity::text::html::title(text);
});
