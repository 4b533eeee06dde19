//! Which event: a contradiction that comes from another occurrence of the
//! claim's act. "Zelensky met Trump in Anchorage" is not contradicted by a
//! caption of their meeting in the East Room on 18 August when another
//! sentence puts the Anchorage meeting on 15 August: the claim names no date,
//! and the two anchors (a place and a date) tell the two occasions apart.

use super::align::is_name;
use super::{Assessment, Checker};
use crate::analysis::date::DateMention;
use crate::analysis::Analysis;
use crate::model::{Reason, ReasonKind, Stance, Value};

/// The anchors of one text: the dates it states and the places it puts things in (as words).
struct Anchors {
    dates: Vec<DateMention>,
    places: Vec<Vec<String>>,
}

impl Anchors {
    fn of(a: &Analysis) -> Anchors {
        let words = |(f, l): (usize, usize)| a.tokens[f..=l].iter().map(|t| t.lower.clone()).collect();
        Anchors { dates: a.dates.clone(), places: a.places().into_iter().map(words).collect() }
    }

    /// Whether these and `other` state dates and none of them can be the same day.
    fn other_day(&self, other: &Anchors) -> bool {
        !self.dates.is_empty()
            && !other.dates.is_empty()
            && !self.dates.iter().any(|a| other.dates.iter().any(|b| a.compatible(b)))
    }

    /// Whether these and `other` put things in places and share none.
    fn other_place(&self, other: &Anchors) -> bool {
        !self.places.is_empty() && !other.places.is_empty() && !self.places.iter().any(|p| other.places.contains(p))
    }
}

impl Checker<'_> {
    /// Turns into related evidence each contradiction that rests only on a
    /// place (or a date) when another sentence has the claim's place (date)
    /// and tells the occasions apart by the other anchor: the claim names no
    /// date (no place) and the two sentences state different ones, or the
    /// claim names one, the other sentence states it and the contradicting
    /// one does not; or, for a place where the claim names no date, the other
    /// sentence has more of the claim's participants (its names outside its
    /// places). Two occasions, and the claim's is the other.
    pub(super) fn set_apart_other_events(&self, claim: &Analysis, all: &mut [Assessment]) {
        if !all.iter().any(|a| a.stance == Stance::Contradicts) {
            return;
        }
        let readings: Vec<_> = all.iter().map(|a| self.store.reading(a.sentence)).collect();
        let anchors: Vec<Anchors> = readings.iter().map(|r| Anchors::of(r)).collect();
        let claimed = Anchors::of(claim);
        // The claim's participants: its names outside its places.
        let places = claim.places();
        let names: Vec<&str> = claim
            .terms
            .iter()
            .filter(|t| is_name(claim, t))
            .filter(|t| !places.iter().any(|&(f, l)| f <= t.first && t.last <= l))
            .map(|t| t.key.as_str())
            .collect();
        let participants: Vec<usize> =
            readings.iter().map(|r| names.iter().filter(|k| r.terms.iter().any(|t| t.key == **k)).count()).collect();
        for i in 0..all.len() {
            let c = &all[i];
            let kinds: Vec<&str> = c.conflicts.iter().map(|k| k.detector.profile().name).collect();
            if c.stance != Stance::Contradicts || kinds.is_empty() {
                continue;
            }
            let by_place = kinds.iter().all(|k| *k == "place");
            let by_date = kinds.iter().all(|k| *k == "date");
            if !(by_place || by_date) {
                continue;
            }
            // Another sentence with the claim's anchor, and why it tells the occasions apart.
            let other = all.iter().zip(&anchors).zip(&participants).find_map(|((a, x), &named)| {
                // The claim's own place ("Anchorage" in "Anchorage, Alaska"), or its date as precisely.
                let has_claims_anchor = if by_place {
                    claimed
                        .places
                        .iter()
                        .any(|p| x.places.iter().any(|q| q.windows(p.len()).any(|w| w == p.as_slice())))
                } else {
                    claimed.dates.iter().any(|d| x.dates.iter().any(|e| e.states(d)))
                };
                if a.sentence == c.sentence || a.coverage < self.settings.related || !has_claims_anchor {
                    return None;
                }
                // The other anchor: the claim's, stated by the other sentence but
                // not by the contradicting one; or, where the claim names none,
                // a different one in each sentence.
                let apart = match (by_place, &claimed) {
                    (true, Anchors { dates, .. }) if dates.is_empty() => x.other_day(&anchors[i]),
                    (true, Anchors { dates, .. }) => dates.iter().all(|d| {
                        x.dates.iter().any(|e| e.states(d)) && !anchors[i].dates.iter().any(|e| d.compatible(e))
                    }),
                    (false, Anchors { places, .. }) if places.is_empty() => x.other_place(&anchors[i]),
                    (false, Anchors { places, .. }) => {
                        places.iter().all(|p| x.places.contains(p) && !anchors[i].places.contains(p))
                    }
                };
                // Or, where the claim names no date, the other sentence has
                // more of the claim's participants in the claim's place.
                let among =
                    by_place && claimed.dates.is_empty() && a.stance != Stance::Contradicts && named > participants[i];
                if !(apart || among) {
                    return None;
                }
                let doc = self.store.document_of(a.sentence);
                let line = doc.position(self.store.sentence(a.sentence).span.start).line;
                let other = ("other", Value::Text(format!("{}:{line}", doc.path)));
                Some(if apart {
                    Reason::new(
                        ReasonKind::AnotherEvent,
                        "another occasion: {other} puts the claim's {anchor} on another {by}",
                        vec![
                            other,
                            ("anchor", Value::Text(if by_place { "place" } else { "date" }.into())),
                            ("by", Value::Text(if by_place { "date" } else { "place" }.into())),
                        ],
                    )
                } else {
                    Reason::new(
                        ReasonKind::AnotherEvent,
                        "another occasion: {other} has more of the claim's participants in the claim's place",
                        vec![other],
                    )
                })
            });
            let Some(reason) = other else { continue };
            let c = &mut all[i];
            c.stance = Stance::Related;
            c.marks.clear();
            c.reasons.insert(0, reason);
        }
    }
}
