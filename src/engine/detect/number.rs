//! Another number for the same thing: "31 members" against "32 members"
//! (shares are the `share` detector's).

use super::{compare_values, in_a_past_plan, Detector, Findings, Gate, Pair, Profile, Slot, Stated, SLOT};
use crate::analysis::date::DateMention;
use crate::analysis::quantity::{Quantity, QuantityKind};
use crate::analysis::{Analysis, Prepared, Side};
use crate::lexicon::Lexicon;

/// Numbers, read as intervals with units.
pub struct Number;

impl Stated for Quantity {
    fn tokens(&self) -> (usize, usize) {
        (self.first, self.last)
    }
}

/// What the detector reads from a text alone: its figures' leads ([`leads`])
/// and, for a sentence, the lengths of time between its dates ([`spans`]).
struct Figures {
    leads: Vec<Option<String>>,
    spans: Vec<Quantity>,
}

/// For each quantity of a text, the key of the content word just before it
/// (within two words): what it is the figure of ("borrow £30 million").
fn leads(a: &Analysis) -> Vec<Option<String>> {
    let lead = |q: &Quantity| a.terms.iter().rev().find(|t| t.last < q.first && t.last + 3 >= q.first);
    a.quantities.iter().map(|q| lead(q).map(|t| t.key.clone())).collect()
}

// A number's slot is the few words that say what it counts; only a number
// about the same event conflicts.
static PROFILE: Profile = Profile {
    gate: Gate::Quantity,
    slot: Slot { reach: SLOT / 2, scope: false, needed: 2 },
    same_event_only: true,
    needs_participants: true,
    ..Profile::new("number", 0.95)
};

impl Detector for Number {
    fn profile(&self) -> &'static Profile {
        &PROFILE
    }

    fn anchors(&self, claim: &Analysis, _: &Lexicon) -> Vec<(usize, usize)> {
        claim.quantities.iter().map(|q| (q.first, q.last)).collect()
    }

    fn prepare(&self, text: &Analysis, side: Side) -> Option<Prepared> {
        // A sentence's spans between its dates are read once, with it.
        let spans = if side == Side::Source { spans(text) } else { Vec::new() };
        (!text.quantities.is_empty() || !spans.is_empty())
            .then(|| Box::new(Figures { leads: leads(text), spans }) as Prepared)
    }

    fn detect(&'static self, pair: &Pair, findings: &mut Findings) {
        let (claim, source) = (pair.claim, pair.source);
        let none = Figures { leads: Vec::new(), spans: Vec::new() };
        let claim_leads = &pair.claim_prepared::<Figures>().unwrap_or(&none).leads;
        let Figures { leads: source_leads, spans } = pair.source_prepared::<Figures>().unwrap_or(&none);
        // Where the sentence has a figure in the claim's figure's place (after
        // the same word: "borrow £12 million", "borrow £30 million"), that
        // figure is the one to compare, not another of the same kind.
        let in_place: Vec<Option<&Quantity>> = claim
            .quantities
            .iter()
            .zip(claim_leads)
            .map(|(c, word)| {
                let word = word.as_ref()?;
                let same = |(s, lead): &(&Quantity, &Option<String>)| c.comparable(s) && lead.as_ref() == Some(word);
                source.quantities.iter().zip(source_leads).find(same).map(|(s, _)| s)
            })
            .collect();
        let place_of =
            |a: &Quantity| claim.quantities.iter().position(|c| std::ptr::eq(c, a)).and_then(|i| in_place[i]);
        // Figures the sentence states through others are not compared: a
        // change the claim gives as a figure ("climbed by £23 million", "£19
        // million over the estimate") by two figures that far apart ("£91
        // million, up from £68 million"); a length of time by two dates
        // ("postponed from 18 May 2026 to 7 September 2026").
        let derived = |q: &Quantity| {
            is_change(claim, q) && apart_by(q, &source.quantities)
                || spans.iter().any(|s| q.same_measure(s) && q.compatible(s))
        };
        let claimed = claim.quantities.iter().filter(|q| q.kind != QuantityKind::Share && !derived(q));
        let (own, elsewhere): (Vec<&Quantity>, Vec<&Quantity>) =
            claimed.partition(|q| of_what_is_said(claim, q, source));
        // Lengths in other units when they are of one thing: a word beside
        // each is the same ("to last 26 months", "to last two years"), or
        // the claim has none to tell.
        let comparable = |a: &Quantity, b: &Quantity| {
            let comparable = a.comparable(b) || a.same_measure(b) && beside(claim, a, source, b);
            comparable && place_of(a).is_none_or(|p| std::ptr::eq(p, b)) || a.same_bare(b)
        };
        let compatible = |a: &Quantity, b: &Quantity| a.compatible(b) || in_a_past_plan(pair.source, b.first);
        let template = "number: the claim says \u{201C}{claim}\u{201D}, the source says \u{201C}{source}\u{201D}";
        compare_values((self, template), (own, &source.quantities), pair, comparable, compatible, findings);
        // A figure of a thing the sentence does not name may be stated by it, not contradicted.
        let stating = |a: &Quantity, b: &Quantity| comparable(a, b) && compatible(a, b);
        compare_values((self, template), (elsewhere, &source.quantities), pair, stating, compatible, findings);
    }
}

/// Whether the sentence speaks of what a figure joined to its unit describes:
/// "a 24-bed ward" is a ward's size, not contradicted by a sentence that has
/// no ward ("540 inpatient beds" at the infirmary). The thing is the last noun
/// among the (up to three) words right after the figure ("inpatient ward").
fn of_what_is_said(claim: &Analysis, q: &Quantity, source: &Analysis) -> bool {
    let tokens = &claim.tokens;
    // The figure's last word and the words hyphened to it ("24-bed", "six-month").
    let mut end = q.last;
    while tokens.get(end + 1).is_some_and(|t| t.hyphen_before) {
        end += 1;
    }
    // A word ("24-bed"), not a range or a score ("20-30", "3-1").
    let word = tokens[end].kind == crate::text::tokenize::TokenKind::Word;
    if end == q.first || !tokens[end].hyphen_before || !word {
        return true;
    }
    let wordnet = crate::lexicon::wordnet::WordNet::builtin();
    let noun = |t: &&crate::lexicon::Term| {
        t.first == t.last && wordnet.lemmas(&tokens[t.first].lower).iter().any(|(_, p)| *p == 'n')
    };
    // A verb's inflected form ends the phrase ("a 24-bed ward opens in May").
    let inflected_verb = |t: &crate::lexicon::Term| {
        let word = &tokens[t.first].lower;
        wordnet.lemmas(word).iter().any(|(lemma, p)| *p == 'v' && lemma != word)
    };
    let mut next = end + 1;
    let head = claim
        .terms
        .iter()
        .skip_while(|t| t.first <= end)
        .take_while(|t| {
            let follows = t.first == next;
            next = t.last + 1;
            follows && !inflected_verb(t)
        })
        .take(3)
        .filter(noun)
        .last();
    head.is_none_or(|h| source.terms.iter().any(|t| t.key == h.key))
}

/// Whether a content word next to quantity `a` of the claim (two words
/// either side) is next to `b` in the sentence, if the claim has one.
fn beside(claim: &Analysis, a: &Quantity, source: &Analysis, b: &Quantity) -> bool {
    let near = |q: &Quantity, t: &crate::lexicon::Term| {
        (t.last < q.first && t.last + 3 >= q.first) || (t.first > q.last && t.first <= q.last + 2)
    };
    let keys = |text: &'_ Analysis, q: &Quantity| {
        text.terms.iter().filter(|t| near(q, t)).map(|t| t.key.clone()).collect::<Vec<String>>()
    };
    let (ours, theirs) = (keys(claim, a), keys(source, b));
    ours.is_empty() || ours.iter().any(|k| theirs.contains(k))
}

/// The lengths of time between two dates of a text, in days (as an
/// interval: a month or a year spans its days).
fn spans(text: &Analysis) -> Vec<Quantity> {
    let days: Vec<(&DateMention, (i64, i64))> = text.dates.iter().filter_map(|d| Some((d, d.days()?))).collect();
    let mut out = Vec::new();
    for (i, (a, (a_lo, a_hi))) in days.iter().enumerate() {
        for (b, (b_lo, b_hi)) in &days[i + 1..] {
            let (lo, hi) = ((b_lo - a_hi).max(a_lo - b_hi).max(0), (b_hi - a_lo).max(a_hi - b_lo));
            let kind = QuantityKind::Duration("day".into());
            out.push(Quantity { lo: lo as f64, hi: hi as f64, kind, unit: Vec::new(), first: a.first, last: b.last });
        }
    }
    out
}

/// Words after a figure that make it a difference ("£19 million over", "two more").
const CHANGE_AFTER: &[&str] =
    &["more", "less", "fewer", "over", "under", "higher", "lower", "above", "below", "up", "down"];

/// Whether the claim gives quantity `q` as a change or difference: "by"
/// before it, or a word of comparison after it.
fn is_change(claim: &Analysis, q: &Quantity) -> bool {
    let before = q.first.checked_sub(1).map(|b| claim.tokens[b].lower.as_str());
    let after = claim.tokens.get(q.last + 1).map(|t| t.lower.as_str());
    before == Some("by") || after.is_some_and(|w| CHANGE_AFTER.contains(&w))
}

/// Whether two comparable figures of `stated` lie `q` apart.
fn apart_by(q: &Quantity, stated: &[Quantity]) -> bool {
    let same: Vec<&Quantity> = stated.iter().filter(|s| q.comparable(s)).collect();
    same.iter().enumerate().any(|(i, x)| {
        same[i + 1..].iter().any(|y| {
            let (big, small) = if x.lo >= y.lo { (x, y) } else { (y, x) };
            let gap = Quantity { lo: (big.lo - small.hi).max(0.0), hi: big.hi - small.lo, ..q.clone() };
            q.compatible(&gap)
        })
    })
}
