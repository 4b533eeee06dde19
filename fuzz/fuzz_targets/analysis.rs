//! Analysis of a text (tokens, numbers, dates, cues): token offsets point
//! into the normalised text, on char boundaries, and every mention's token
//! indices are tokens.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use veracity::analysis::Analysis;

fuzz_target!(|text: &str| {
    let a = Analysis::new(text, common::lexicon());
    let n = a.tokens.len();
    for t in &a.tokens {
        assert!(t.start <= t.end && t.end <= a.text.len(), "token {t:?} outside the text ({} bytes)", a.text.len());
        assert!(
            a.text.is_char_boundary(t.start) && a.text.is_char_boundary(t.end),
            "token {t:?} not on char boundaries"
        );
        assert_eq!(&a.text[t.start..t.end], t.raw, "token text is not its span");
    }
    for pair in a.tokens.windows(2) {
        assert!(pair[0].end <= pair[1].start, "tokens overlap or are out of order: {:?} then {:?}", pair[0], pair[1]);
    }
    assert_eq!(a.keys.len(), n);
    assert_eq!(a.words.len(), n);
    let ranges = a
        .terms
        .iter()
        .map(|t| (t.first, t.last))
        .chain(a.quantities.iter().map(|q| (q.first, q.last)))
        .chain(a.dates.iter().map(|d| (d.first, d.last)))
        .chain(a.negations.iter().chain(&a.hedges).chain(&a.facts).map(|c| (c.first, c.last)));
    for (first, last) in ranges {
        assert!(first <= last && last < n, "token range {first}..={last} outside {n} tokens");
        let _ = a.surface(first, last);
    }
    for q in &a.quantities {
        assert!(!q.lo.is_nan() && !q.hi.is_nan(), "quantity {q:?} is NaN");
    }
    if n > 1 {
        let _ = a.clause_break_between(0, n - 1);
    }
});
