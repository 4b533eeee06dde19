//! Sentence segmentation with the built-in rules: every sentence (and every
//! dropped block) is a span inside the text, on char boundaries, and the
//! sentences come in text order.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let seg = common::lexicon().segment_rules.segment(text);
    let spans =
        seg.sentences.iter().map(|s| ("sentence", s.span)).chain(seg.dropped.iter().map(|d| ("dropped", d.span)));
    for (what, span) in spans {
        assert!(span.start <= span.end, "{what} span {span:?} is reversed");
        assert!(span.end <= text.len(), "{what} span {span:?} ends past the text ({} bytes)", text.len());
        assert!(text.is_char_boundary(span.start), "{what} span {span:?} starts inside a char");
        assert!(text.is_char_boundary(span.end), "{what} span {span:?} ends inside a char");
    }
    // "The sentences, in text order."
    for pair in seg.sentences.windows(2) {
        assert!(
            pair[0].span.start <= pair[1].span.start,
            "sentences out of order: {:?} then {:?}",
            pair[0].span,
            pair[1].span
        );
    }
});
