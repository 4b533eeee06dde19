//! An act the claim says has already happened against a sentence that says
//! it is still to come: "has already lodged its application" against "would
//! apply for a judicial review within weeks".

use super::{text, Detector, Findings, Pair, Profile, Slot, SLOT};
use crate::analysis::Analysis;
use crate::lexicon::Lexicon;

/// "Already" in the claim against a verb the sentence puts in the future.
pub struct Aspect;

/// Modals of the future: a closed class of English.
const FUTURE: &[&str] = &["will", "would", "shall", "'ll"];
/// Words of plan or expectation before "to" and a verb: a closed class of English.
const PROSPECT: &[&str] = &[
    "plan", "plans", "planned", "planning", "expected", "set", "due", "intends", "intend", "intended", "aims", "aim",
    "hopes", "hope", "going", "seeks", "seeking", "ready", "prepared", "poised", "likely",
];

// "Already" bears on the verb after it: "are already deployed".
static PROFILE: Profile = Profile {
    slot: Slot { reach: SLOT, scope: true, needed: 2 },
    needs_participants: true,
    ..Profile::new("aspect", 0.8)
};

/// The claim's "already" and the term it bears on (the first within three words after it).
fn already(claim: &Analysis) -> Option<(usize, usize)> {
    let at = claim.tokens.iter().position(|t| t.lower == "already")?;
    let term = claim.terms.iter().position(|t| t.first > at && t.first <= at + 3)?;
    Some((at, term))
}

impl Detector for Aspect {
    fn profile(&self) -> &'static Profile {
        &PROFILE
    }

    fn anchors(&self, claim: &Analysis, _: &Lexicon) -> Vec<(usize, usize)> {
        already(claim).map(|(at, _)| (at, at)).into_iter().collect()
    }

    fn detect(&'static self, pair: &Pair, findings: &mut Findings) {
        let (claim, source) = (pair.claim, pair.source);
        let Some((at, term)) = already(claim) else { return };
        let Some(matched) = pair.alignment.matches[term] else { return };
        let verb = source.terms[matched].first;
        let words = &source.tokens;
        // "would apply", "will be deployed", "plans to deploy", "is expected to be confirmed".
        let future = |i: usize| {
            let w = words[i].lower.as_str();
            FUTURE.contains(&w) || w == "to" && i > 0 && PROSPECT.contains(&words[i - 1].lower.as_str())
        };
        let Some(lead) = (verb.saturating_sub(4)..verb).find(|&i| future(i) && !source.clause_break_between(i, verb))
        else {
            return;
        };
        if words.iter().any(|t| t.lower == "already") {
            return;
        }
        let first = if words[lead].lower == "to" { lead - 1 } else { lead };
        findings.conflict(
            self,
            "aspect: the claim says it has already happened (\u{201C}{claim}\u{201D}), the source says it is to come (\u{201C}{source}\u{201D})",
            vec![
                ("claim", text(claim.surface(at, claim.terms[term].last))),
                ("source", text(source.surface(first, source.terms[matched].last))),
            ],
            Some((at, claim.terms[term].last)),
            Some((first, source.terms[matched].last)),
        );
    }
}
