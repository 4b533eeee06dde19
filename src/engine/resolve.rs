//! Resolving a disagreement between a supporting and a contradicting source.

use super::{Assessment, Checker, Resolve};
use crate::model::{Reason, ReasonKind, Stance, Value};

impl Checker<'_> {
    /// Whether a sentence only projects what it says ("is expected to be held").
    fn projects(&self, a: &Assessment) -> bool {
        let reading = self.store.reading(a.sentence);
        reading.hedges.iter().any(|c| reading.is_projection(c, self.lexicon))
    }

    /// Picks between a supporting and a contradicting sentence by the rules of
    /// `Settings::resolve` in order (default: a dated fact, or a statement
    /// over an expectation it is no older than, then trust). Recency
    /// needs both sources dated: an undated source does not lose to a dated
    /// one for want of a date. `None` when no rule settles it: the claim is
    /// disputed. Explains the outcome in `reasons`.
    pub(super) fn resolve<'x>(
        &self,
        s: &'x Assessment,
        c: &'x Assessment,
        reasons: &mut Vec<Reason>,
    ) -> Option<&'x Assessment> {
        // One source "disagreeing" with itself is two readings of it: the
        // timeline's, as of a date, stands; else the closer one.
        if self.store.sentence(s.sentence).doc == self.store.sentence(c.sentence).doc {
            return Some(match (s.dated, c.dated) {
                (None, Some(_)) => c,
                (Some(_), None) => s,
                _ if s.coverage >= c.coverage => s,
                _ => c,
            });
        }
        let decided = self.settings.resolve.iter().find_map(|rule| {
            let (w, l) = match rule {
                Resolve::Trust if self.trust(s) != self.trust(c) => {
                    if self.trust(s) > self.trust(c) {
                        (s, c)
                    } else {
                        (c, s)
                    }
                }
                Resolve::Recency => match (self.published(s), self.published(c)) {
                    (Some(a), Some(b)) if a > b => (s, c),
                    (Some(a), Some(b)) if a < b => (c, s),
                    _ => return None,
                },
                Resolve::Dated => match (s.dated, c.dated, self.projects(s), self.projects(c)) {
                    (Some(_), None, ..) => (s, c),
                    (None, Some(_), ..) => (c, s),
                    // An expectation gives way to a statement made no earlier.
                    (None, None, s_projects, c_projects) if s_projects != c_projects => {
                        let (statement, expectation) = if s_projects { (c, s) } else { (s, c) };
                        let (made, expected) = (self.published(statement), self.published(expectation));
                        if expected.is_none() || made < expected {
                            return None;
                        }
                        (statement, expectation)
                    }
                    _ => return None,
                },
                Resolve::Trust => return None,
            };
            let why = match rule {
                Resolve::Trust => format!("trust {:.2} over {:.2}", self.trust(w), self.trust(l)),
                Resolve::Recency => format!("the more recent source ({})", self.published(w).unwrap_or_default()),
                Resolve::Dated => match w.dated {
                    Some(d) => format!("the dated fact ({d})"),
                    None => format!("a statement ({}) over an expectation", self.published(w).unwrap_or_default()),
                },
            };
            Some((w, l, why))
        });
        let path = |a: &Assessment| Value::Text(self.store.document_of(a.sentence).path.clone());
        let Some((winner, loser, why)) = decided else {
            reasons.push(Reason::new(
                ReasonKind::SourcesDisagree,
                "sources of comparable standing disagree: {supporting} supports it, {contradicting} contradicts it, and neither trust nor a date settles it",
                vec![("supporting", path(s)), ("contradicting", path(c))],
            ));
            return None;
        };
        let stance =
            |a: &Assessment| Value::Text(if a.stance == Stance::Supports { "supports" } else { "contradicts" }.into());
        reasons.push(Reason::new(
            ReasonKind::SourcesDisagree,
            "sources disagree: {winner} {winner_stance} it, {loser} {loser_stance} it; resolved by {why}",
            vec![
                ("winner", path(winner)),
                ("winner_stance", stance(winner)),
                ("loser", path(loser)),
                ("loser_stance", stance(loser)),
                ("why", Value::Text(why)),
            ],
        ));
        Some(winner)
    }
}
