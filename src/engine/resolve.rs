//! Resolving a disagreement between a supporting and a contradicting source.

use super::{Assessment, Checker, Resolve};
use crate::model::{Reason, ReasonKind, Stance, Value};

impl Checker<'_> {
    /// Picks between a supporting and a contradicting sentence by the rules of
    /// `Settings::resolve` in order (default: trust, then recency), then by
    /// alignment. Explains the choice in `reasons`.
    pub(super) fn resolve<'x>(
        &self,
        s: &'x Assessment,
        c: &'x Assessment,
        reasons: &mut Vec<Reason>,
    ) -> &'x Assessment {
        let decided = self.settings.resolve.iter().find_map(|rule| {
            let (w, l) = match rule {
                Resolve::Trust if self.trust(s) != self.trust(c) => {
                    if self.trust(s) > self.trust(c) {
                        (s, c)
                    } else {
                        (c, s)
                    }
                }
                Resolve::Recency if self.published(s) != self.published(c) => {
                    if self.published(s) > self.published(c) {
                        (s, c)
                    } else {
                        (c, s)
                    }
                }
                _ => return None,
            };
            let why = match rule {
                Resolve::Trust => format!("trust {:.2} over {:.2}", self.trust(w), self.trust(l)),
                Resolve::Recency => format!("the more recent source ({})", self.published(w).unwrap_or("undated")),
            };
            Some((w, l, why))
        });
        let (winner, loser, why) = decided.unwrap_or_else(|| {
            let (w, l) = if s.coverage >= c.coverage { (s, c) } else { (c, s) };
            (w, l, "the closer match".to_string())
        });
        let path = |a: &Assessment| Value::Text(self.store.document_of(a.sentence).path.clone());
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
        winner
    }
}
