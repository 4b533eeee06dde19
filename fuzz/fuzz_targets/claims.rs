//! Claims files: parsing never panics; every diagnostic (and every claim's
//! location) points inside the text.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    match veracity::ingest::claims::parse("fuzz.toml", text) {
        Ok(claims) => {
            for c in &claims {
                if let Some(loc) = &c.location {
                    let d = veracity::diagnostic::Diagnostic {
                        severity: veracity::diagnostic::Severity::Warning,
                        path: loc.path.clone(),
                        line: Some(loc.line),
                        column: Some(loc.column),
                        message: String::new(),
                        snippet: None,
                    };
                    common::assert_diagnostic_in(text, &d);
                }
            }
        }
        Err(diagnostics) => {
            assert!(!diagnostics.is_empty(), "an error without diagnostics");
            for d in &diagnostics {
                common::assert_diagnostic_in(text, d);
            }
        }
    }
});
