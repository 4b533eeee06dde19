//! JUnit XML: one test case per claim, a failure for each finding, one test
//! suite per claims file.

use super::escape_xml as x;
use crate::model::{ClaimReport, Report};
use std::collections::BTreeMap;
use std::fmt::Write;

/// Renders the report as JUnit XML.
pub fn render(report: &Report) -> String {
    let mut suites: BTreeMap<&str, Vec<&ClaimReport>> = BTreeMap::new();
    for claim in &report.claims {
        let file = claim.location.as_ref().map_or("command line", |l| l.path.as_str());
        suites.entry(file).or_default().push(claim);
    }
    let failures = |cs: &[&ClaimReport]| cs.iter().filter(|c| c.finding).count();
    let all: Vec<&ClaimReport> = report.claims.iter().collect();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(out, "<testsuites name=\"veracity\" tests=\"{}\" failures=\"{}\">", all.len(), failures(&all));
    let as_of = report.as_of.as_ref().map_or(String::new(), |d| {
        format!("    <properties>\n      <property name=\"as_of\" value=\"{}\"/>\n    </properties>\n", x(d))
    });
    for (file, claims) in &suites {
        let _ = writeln!(
            out,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\">",
            x(file),
            claims.len(),
            failures(claims)
        );
        out.push_str(&as_of);
        for claim in claims {
            let line = claim.location.as_ref().map_or(String::new(), |l| format!(" line=\"{}\"", l.line));
            let _ = write!(
                out,
                "    <testcase name=\"{}\" classname=\"{}\" file=\"{}\"{line}",
                x(&claim.id),
                x(file),
                x(file)
            );
            if !claim.finding {
                out.push_str("/>\n");
                continue;
            }
            let message = match claim.expect {
                Some(expect) => format!("expected {expect}, got {}", claim.verdict),
                None => format!("{}: {}", claim.verdict, claim.reasons.first().map_or(String::new(), |r| r.message())),
            };
            let mut body = format!("{}\n", claim.text);
            for reason in claim.reasons.iter() {
                let _ = writeln!(body, "- {}", reason.message());
            }
            for e in &claim.evidence {
                let _ = writeln!(body, "{} {}:{}:{}: {}", e.stance_name(), e.source, e.line, e.column, e.sentence);
            }
            let _ = writeln!(
                out,
                ">\n      <failure type=\"{}\" message=\"{}\">{}</failure>\n    </testcase>",
                claim.verdict,
                x(&message),
                x(&body)
            );
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}
