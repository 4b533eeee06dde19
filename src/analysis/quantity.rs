//! Quantities: numbers with their scale, unit and approximation, read as the
//! interval of values the text allows.

use super::date::{day_of, is_month, is_year, year_value};
use crate::lexicon::Lexicon;
use crate::text::tokenize::{Token, TokenKind};

/// What is being counted or measured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuantityKind {
    /// A plain count of things ("31 countries").
    Count,
    /// Money in a currency ("£1.6 billion": `gbp`).
    Money(String),
    /// A percentage.
    Percent,
    /// A length of time in a unit ("three hours": `hour`).
    Duration(String),
    /// A rank ("second-largest").
    Ordinal,
    /// A tally of two sides, the first side's count as the value and the
    /// second's here ("7 to 2", "seven votes to two").
    Tally(u64),
    /// A share of a group, from 0 to 1: a quantifier ("most", "a clear
    /// majority", "three-quarters of"), a part of a stated whole ("120 of
    /// them" after "310 staff", "90 of the 120 posts") or a vote's winning side.
    Share,
}

/// A quantity mentioned in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// Lowest value the text allows.
    pub lo: f64,
    /// Highest value the text allows.
    pub hi: f64,
    /// What it measures.
    pub kind: QuantityKind,
    /// Keys of the noun words it counts ("air defence missiles").
    pub unit: Vec<String>,
    /// First token of the mention.
    pub first: usize,
    /// Last token of the mention (the number, scale or unit word).
    pub last: usize,
}

impl Quantity {
    /// Whether the two quantities measure the same thing, so that their values
    /// can be compared.
    pub fn comparable(&self, other: &Quantity) -> bool {
        match (&self.kind, &other.kind) {
            (QuantityKind::Money(a), QuantityKind::Money(b)) => a == b,
            // A tally is a vote or a score: two tallies count the same thing.
            (QuantityKind::Tally(_), QuantityKind::Tally(_)) => true,
            // Shares are compared whatever the group: the gate asks that the sentence be about it.
            (QuantityKind::Share, QuantityKind::Share) => true,
            (QuantityKind::Duration(a), QuantityKind::Duration(b)) => a == b,
            // Ranks by superlatives of one sense ("second-biggest", "second-largest").
            (QuantityKind::Ordinal, QuantityKind::Ordinal) if self.unit.first() != other.unit.first() => {
                let wordnet = crate::lexicon::wordnet::WordNet::builtin();
                let same_sense = self
                    .unit
                    .first()
                    .zip(other.unit.first())
                    .is_some_and(|(a, b)| wordnet.relation(a, b) == Some(crate::lexicon::wordnet::Relation::Same));
                same_sense
            }
            (a, b) if a == b => self.unit.iter().any(|u| other.unit.contains(u)),
            _ => false,
        }
    }

    /// Whether both are lengths of time, in any units ("26 months", "more
    /// than two years"): comparable when they are the length of one thing.
    pub fn same_measure(&self, other: &Quantity) -> bool {
        match (&self.kind, &other.kind) {
            (QuantityKind::Duration(a), QuantityKind::Duration(b)) => {
                a == b || TIME_UNITS.contains(&a.as_str()) && TIME_UNITS.contains(&b.as_str())
            }
            _ => false,
        }
    }

    /// Whether the other states this figure: the same kind of thing, a value
    /// it allows; or the same bare figure (see [`Quantity::same_bare`]).
    pub fn agrees(&self, other: &Quantity) -> bool {
        self.same_bare(other) || self.comparable(other) && self.compatible(other)
    }

    /// Whether both are the very same figure and neither says what it counts
    /// ("setsockopt(2)", "offset zero"): the other states it, though bare
    /// figures are comparable to none.
    pub fn same_bare(&self, other: &Quantity) -> bool {
        self.kind == other.kind
            && self.unit.is_empty()
            && other.unit.is_empty()
            && (self.lo, self.hi) == (other.lo, other.hi)
    }

    /// Whether both can be true at once: their intervals overlap (and a
    /// tally's second sides are the same).
    pub fn compatible(&self, other: &Quantity) -> bool {
        if let (QuantityKind::Tally(a), QuantityKind::Tally(b)) = (&self.kind, &other.kind) {
            if a != b {
                return false;
            }
        }
        // Lengths of time in two units are compared in days, give or take
        // what rounding to the larger unit allows ("two years", "730 days").
        let (a, b, slack) = match (&self.kind, &other.kind) {
            (QuantityKind::Duration(x), QuantityKind::Duration(y)) if x != y => {
                let days = |q: &Quantity, unit: &str| {
                    let d = days_in(unit);
                    (q.lo * d, q.hi * d)
                };
                (days(self, x), days(other, y), UNIT_SLACK)
            }
            _ => ((self.lo, self.hi), (other.lo, other.hi), 0.0),
        };
        let scale = [a.0, a.1, b.0, b.1].into_iter().filter(|v| v.is_finite()).fold(1.0_f64, |m, v| m.max(v.abs()));
        let eps = (1e-9 + slack) * scale;
        a.0 <= b.1 + eps && b.0 <= a.1 + eps
    }
}

const SMALL: &[(&str, f64)] = &[
    ("zero", 0.0),
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("seventeen", 17.0),
    ("eighteen", 18.0),
    ("nineteen", 19.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("seventy", 70.0),
    ("eighty", 80.0),
    ("ninety", 90.0),
    ("hundred", 100.0),
    ("dozen", 12.0),
];
const VAGUE: &[(&str, f64, f64)] = &[
    ("several", 3.0, 9.0),
    ("few", 2.0, 5.0),
    ("couple", 2.0, 3.0),
    ("handful", 2.0, 6.0),
    ("dozens", 24.0, 99.0),
    ("hundreds", 200.0, 999.0),
    ("thousands", 2000.0, 9999.0),
    ("millions", 2e6, 9.99e6),
    ("billions", 2e9, 9.99e9),
    ("multiple", 2.0, 9.0),
];
const SCALES: &[(&str, f64)] = &[
    ("hundred", 1e2),
    ("thousand", 1e3),
    ("million", 1e6),
    ("billion", 1e9),
    ("trillion", 1e12),
    ("bn", 1e9),
    ("mn", 1e6),
    ("k", 1e3),
];
const ORDINALS: &[(&str, f64)] = &[
    ("first", 1.0),
    ("second", 2.0),
    ("third", 3.0),
    ("fourth", 4.0),
    ("fifth", 5.0),
    ("sixth", 6.0),
    ("seventh", 7.0),
    ("eighth", 8.0),
    ("ninth", 9.0),
    ("tenth", 10.0),
];
const SUPERLATIVES: &[&str] =
    &["largest", "biggest", "greatest", "highest", "strongest", "richest", "smallest", "lowest", "weakest", "poorest"];
const TIME_UNITS: &[&str] = &["second", "minute", "hour", "day", "week", "fortnight", "month", "year", "decade"];

/// Days in a unit of [`TIME_UNITS`] (a month a twelfth of a mean year).
fn days_in(unit: &str) -> f64 {
    match unit {
        "second" => 1.0 / 86_400.0,
        "minute" => 1.0 / 1_440.0,
        "hour" => 1.0 / 24.0,
        "week" => 7.0,
        "fortnight" => 14.0,
        "month" => 365.25 / 12.0,
        "year" => 365.25,
        "decade" => 3_652.5,
        _ => 1.0,
    }
}

/// How far apart, as a share of the larger, two lengths of time in
/// different units may be and still be the same ("a month", "30 days").
const UNIT_SLACK: f64 = 0.03;
const CURRENCY_SIGNS: &[(&str, &str)] = &[("£", "gbp"), ("$", "usd"), ("€", "eur"), ("¥", "jpy")];
const CURRENCY_WORDS: &[(&str, &str)] = &[
    ("pounds", "gbp"),
    ("pound", "gbp"),
    ("sterling", "gbp"),
    ("dollars", "usd"),
    ("dollar", "usd"),
    ("euros", "eur"),
    ("euro", "eur"),
    ("yen", "jpy"),
];

/// An approximation or bound written before a number.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Qualifier {
    Exact,
    About,
    AtLeast,
    AtMost,
}

const QUALIFIERS: &[(&[&str], Qualifier)] = &[
    (&["more", "than"], Qualifier::AtLeast),
    (&["at", "least"], Qualifier::AtLeast),
    (&["upwards", "of"], Qualifier::AtLeast),
    (&["as", "many", "as"], Qualifier::AtMost),
    (&["up", "to"], Qualifier::AtMost),
    (&["less", "than"], Qualifier::AtMost),
    (&["fewer", "than"], Qualifier::AtMost),
    (&["no", "more", "than"], Qualifier::AtMost),
    (&["close", "to"], Qualifier::About),
    (&["over"], Qualifier::AtLeast),
    (&["exceeds"], Qualifier::AtLeast),
    (&["exceeded"], Qualifier::AtLeast),
    (&["exceeding"], Qualifier::AtLeast),
    (&["above"], Qualifier::AtLeast),
    (&["under"], Qualifier::AtMost),
    (&["below"], Qualifier::AtMost),
    (&["nearly"], Qualifier::AtMost),
    (&["almost"], Qualifier::AtMost),
    (&["around"], Qualifier::About),
    (&["about"], Qualifier::About),
    (&["approximately"], Qualifier::About),
    (&["roughly"], Qualifier::About),
    (&["some"], Qualifier::About),
    (&["estimated"], Qualifier::About),
    (&["circa"], Qualifier::About),
    (&["approx"], Qualifier::About),
];

fn lookup<T: Copy>(table: &[(&str, T)], word: &str) -> Option<T> {
    table.iter().find(|(w, _)| *w == word).map(|(_, v)| *v)
}

/// Whether a lower-case word can start a number ([`ORDINALS`], [`SMALL`],
/// [`VAGUE`]): one look-up passes over most words.
fn may_start_a_number(word: &str) -> bool {
    static WORDS: std::sync::LazyLock<std::collections::HashSet<&str, crate::lexicon::FastHash>> =
        std::sync::LazyLock::new(|| {
            let words = ORDINALS.iter().chain(SMALL).map(|(w, _)| *w);
            words.chain(VAGUE.iter().map(|(w, _, _)| *w)).collect()
        });
    WORDS.contains(word)
}

/// Parses a digit token: "5,000" -> 5000, "1.6" -> 1.6, "32nd" -> (32, ordinal).
fn parse_digits(raw: &str) -> Option<(f64, bool)> {
    let ordinal = ["st", "nd", "rd", "th"].iter().any(|s| raw.ends_with(s));
    let digits = raw.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    if raw.ends_with('s') && !ordinal {
        return None; // "1990s"
    }
    let plain: String = digits.chars().filter(|&c| c != ',').collect();
    plain.parse().ok().map(|v| (v, ordinal))
}

/// Whether the gap between two tokens holds punctuation that ends a phrase.
fn phrase_break(text: &str, a: &Token, b: &Token) -> bool {
    text.get(a.end..b.start).is_some_and(|gap| gap.contains([',', ';', ':', '.', '(', ')', '"', '!', '?']))
}

/// The quantities in a token sequence of `text`.
pub fn quantities(text: &str, tokens: &[Token], lexicon: &Lexicon) -> Vec<Quantity> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match read_share_word(tokens, i).or_else(|| read_quantity(text, tokens, i, lexicon)) {
            Some(q) => {
                i = q.last + 1;
                out.push(q);
            }
            None => i += 1,
        }
    }
    counted_alike(tokens, &mut out);
    summed_lengths(tokens, &mut out);
    let shares = parts_of_wholes(tokens, &out);
    out.extend(shares);
    out
}

/// A change "from three return sailings a day to two": the bare figure
/// after "to" counts what the figure after "from" counts.
fn counted_alike(tokens: &[Token], quantities: &mut [Quantity]) {
    for i in 1..quantities.len() {
        let (before, after) = quantities.split_at_mut(i);
        let (from, to) = (&before[i - 1], &mut after[0]);
        let changed = from.first > 0
            && tokens[from.first - 1].lower == "from"
            && to.first > from.last + 1
            && to.first - from.last <= 6
            && tokens[to.first - 1].lower == "to"
            && to.kind == QuantityKind::Count
            && from.kind == QuantityKind::Count
            && to.last == to.first;
        if changed {
            to.unit = from.unit.clone();
        }
    }
}

/// A length of time given in two units ("two years and two months", "one
/// hour, 30 minutes"): one length, in the smaller unit (26 months). The
/// smaller must be less than one of the larger ("two years, 18 months" is a
/// list), and neither a word's modifier ("a five-day, 40-hour week").
fn summed_lengths(tokens: &[Token], quantities: &mut Vec<Quantity>) {
    let unit = |q: &Quantity| match &q.kind {
        QuantityKind::Duration(u) if TIME_UNITS.contains(&u.as_str()) => Some(days_in(u)),
        _ => None,
    };
    let mut i = 1;
    while i < quantities.len() {
        let (larger, smaller) = (&quantities[i - 1], &quantities[i]);
        let joined = smaller.first == larger.last + 1
            || smaller.first == larger.last + 2 && tokens[larger.last + 1].lower == "and";
        let modifier = |q: &Quantity| tokens[q.last].hyphen_before;
        match (unit(larger), unit(smaller)) {
            (Some(a), Some(b)) if joined && a > b && !modifier(larger) && !modifier(smaller) => {
                // Whole where it should be (60 minutes an hour), not 59.999….
                let ratio = if (a / b - (a / b).round()).abs() < 1e-9 { (a / b).round() } else { a / b };
                if smaller.hi >= ratio {
                    i += 1;
                    continue;
                }
                let (lo, hi) = (larger.lo * ratio + smaller.lo, larger.hi * ratio + smaller.hi);
                let first = larger.first;
                let summed = &mut quantities[i];
                (summed.lo, summed.hi, summed.first) = (lo, hi, first);
                quantities.remove(i - 1);
            }
            _ => i += 1,
        }
    }
}

/// Words that size a majority: how large a share each allows.
const MAJORITIES: &[(&str, f64, f64)] = &[
    ("clear", 0.55, 1.0),
    ("large", 0.55, 1.0),
    ("big", 0.55, 1.0),
    ("comfortable", 0.55, 1.0),
    ("substantial", 0.55, 1.0),
    ("overwhelming", 0.75, 1.0),
    ("vast", 0.75, 1.0),
    ("narrow", MORE_THAN_HALF, 0.6),
    ("slim", MORE_THAN_HALF, 0.6),
    ("slender", MORE_THAN_HALF, 0.6),
    ("small", MORE_THAN_HALF, 0.6),
    ("simple", MORE_THAN_HALF, 1.0),
    ("absolute", MORE_THAN_HALF, 1.0),
];

/// Just over a half: the least share a majority allows.
const MORE_THAN_HALF: f64 = 0.5 + 1e-6;

/// Fractions written as words ("three-quarters", "a third"), by denominator.
const FRACTIONS: &[(&str, f64)] =
    &[("half", 2.0), ("halves", 2.0), ("third", 3.0), ("thirds", 3.0), ("quarter", 4.0), ("quarters", 4.0)];

/// Whether WordNet knows `word` as part of speech `pos` (`'n'`, `'v'`) and
/// never as an adjective or adverb: "most members" is a share, "most likely"
/// is not; "60 per cent oppose" is of a group.
fn only_as(word: &str, pos: char) -> bool {
    let lemmas = crate::lexicon::wordnet::WordNet::builtin().lemmas(word);
    lemmas.iter().any(|(_, p)| *p == pos) && !lemmas.iter().any(|(_, p)| matches!(p, 'a' | 's' | 'r'))
}

/// A quantifier word that states a share at token `i`: "mainly", "mostly"
/// (WordNet's adverbs of "for the most part"), "unanimously" (all, as
/// one), "most" (of a group,
/// not "the most"), "a (clear) majority" / "minority" (of a group, or
/// doing something), "half of", fractions ("three-quarters of", "a third
/// of"), each with the bound or approximation written before it ("more
/// than half", "about three-quarters").
fn read_share_word(tokens: &[Token], i: usize) -> Option<Quantity> {
    let t = &tokens[i];
    let next = tokens.get(i + 1).map(|n| n.lower.as_str());
    let before = i.checked_sub(1).map(|b| tokens[b].lower.as_str());
    let of_a_group = next == Some("of");
    let (mut first, last, lo, hi) = match t.lower.as_str() {
        // WordNet's adverbs for "for the most part": "mainly European states".
        "mainly" | "mostly" | "largely" | "chiefly" | "principally" | "primarily" | "predominantly" => {
            (i, i, MORE_THAN_HALF, 1.0)
        }
        // All of a group, as one: "approved unanimously", "a unanimous vote".
        "unanimously" | "unanimous" => (i, i, 1.0, 1.0),
        "most" if !matches!(before, Some("the" | "a" | "at")) => {
            let group =
                of_a_group || tokens.get(i + 1).is_some_and(|n| n.kind == TokenKind::Word && only_as(&n.lower, 'n'));
            if !group {
                return None;
            }
            (i, i, MORE_THAN_HALF, 1.0)
        }
        "majority" | "minority" => {
            // "majority of", "a majority backed"; not "majority leader".
            let modifies =
                tokens.get(i + 1).is_some_and(|n| n.kind == TokenKind::Word && !of_a_group && only_as(&n.lower, 'n'));
            if modifies {
                return None;
            }
            let sized = before.and_then(|b| MAJORITIES.iter().find(|(w, _, _)| *w == b));
            let first = if sized.is_some() { i - 1 } else { i };
            let (lo, hi) = match (t.lower.as_str(), sized) {
                ("majority", Some(&(_, lo, hi))) => (lo, hi),
                ("majority", None) => (MORE_THAN_HALF, 1.0),
                _ => (0.0, 0.5 - 1e-6),
            };
            (first, i, lo, hi)
        }
        _ => {
            // "half of", "three-quarters of", "a third of", "one-third of".
            let (numerator, at) = if t.lower == "half" {
                (1.0, i)
            } else {
                tokens.get(i + 1).filter(|f| lookup(FRACTIONS, &f.lower).is_some() && !f.lower.starts_with("half"))?;
                let count = if t.lower == "a" { 1.0 } else { lookup(SMALL, &t.lower)? };
                (count, i + 1)
            };
            let after = tokens.get(at + 1).map(|n| n.lower.as_str());
            if after != Some("of") && !(at == i && matches!(after, Some("the" | "its" | "their" | "his" | "her"))) {
                return None;
            }
            let value = numerator / lookup(FRACTIONS, &tokens[at].lower)?;
            if value > 1.0 {
                return None;
            }
            (i, at, value, value)
        }
    };
    let (qualifier, len) = qualifier_before(tokens, first);
    first -= len;
    let (lo, hi) = match qualifier {
        Qualifier::Exact => (lo, hi),
        Qualifier::About => ((lo - 0.05).max(0.0), (hi + 0.05).min(1.0)),
        Qualifier::AtLeast => (lo, 1.0),
        Qualifier::AtMost => (0.0, hi),
    };
    Some(Quantity { lo, hi, kind: QuantityKind::Share, unit: Vec::new(), first, last })
}

/// Whether `share` is one a text only implies through its counts (a tally's
/// winning side, a part of a whole), among the text's `quantities`.
pub fn implied_by_counts(share: &Quantity, quantities: &[Quantity]) -> bool {
    share.kind == QuantityKind::Share
        && quantities.iter().any(|q| q.kind != QuantityKind::Share && q.first <= share.last && share.first <= q.last)
}

/// Shares a text states through its counts: a vote's winning side ("by
/// eight votes to three"), a part of the whole before it ("310 staff, about
/// 120 of them new recruits") or after it ("90 of the 120 posts", "9 out of
/// 10"), a percentage of a group ("60 per cent oppose").
fn parts_of_wholes(tokens: &[Token], found: &[Quantity]) -> Vec<Quantity> {
    let share = |lo: f64, hi: f64, first: usize, last: usize| Quantity {
        lo: lo.clamp(0.0, 1.0),
        hi: hi.clamp(0.0, 1.0),
        kind: QuantityKind::Share,
        unit: Vec::new(),
        first,
        last,
    };
    let words = |from: usize, to: usize| tokens[from..to].iter().map(|t| t.lower.as_str()).collect::<Vec<_>>();
    let mut out = Vec::new();
    for (n, q) in found.iter().enumerate() {
        match q.kind {
            QuantityKind::Tally(against) if q.lo + against as f64 > 0.0 => {
                let value = q.lo / (q.lo + against as f64);
                out.push(share(value, value, q.first, q.last));
            }
            // A percentage of a group ("60 per cent of members", "60 per
            // cent oppose"), not of a change ("rose by 5 per cent").
            QuantityKind::Percent if of_a_group(tokens, q) => {
                out.push(share(q.lo / 100.0, q.hi / 100.0, q.first, q.last))
            }
            QuantityKind::Count if q.lo > 0.0 || q.hi > 0.0 => {
                // "about 120 of them", after a count of the whole.
                let them = tokens.get(q.last + 1).is_some_and(|t| t.lower == "of")
                    && tokens
                        .get(q.last + 2)
                        .is_some_and(|t| matches!(t.lower.as_str(), "them" | "whom" | "which" | "those" | "these"));
                let whole_before = found[..n].iter().rev().find(|w| w.kind == QuantityKind::Count && w.lo >= q.hi);
                if let (true, Some(whole)) = (them, whole_before) {
                    out.push(share(q.lo / whole.hi, q.hi / whole.lo, q.first, q.last + 2));
                    continue;
                }
                // "90 of the 120 posts", "9 out of 10".
                let Some(whole) =
                    found.get(n + 1).filter(|w| w.kind == QuantityKind::Count && w.lo >= q.hi && w.lo > 0.0)
                else {
                    continue;
                };
                let between = words(q.last + 1, whole.first.max(q.last + 1));
                if matches!(
                    between.as_slice(),
                    ["of"] | ["of", "the"] | ["of", "its"] | ["of", "their"] | ["out", "of"]
                ) {
                    out.push(share(q.lo / whole.hi, q.hi / whole.lo, q.first, whole.last));
                }
            }
            _ => {}
        }
    }
    out
}

/// Whether a percentage is of a group: "of" after it, or a verb it is the
/// subject of ("60 per cent oppose"), and no word of change or comparison
/// before it ("rose by", "up", "from").
fn of_a_group(tokens: &[Token], q: &Quantity) -> bool {
    let before = q.first.checked_sub(1).map(|b| tokens[b].lower.as_str());
    if matches!(before, Some("by" | "to" | "from" | "up" | "down" | "than" | "over" | "under")) {
        return false;
    }
    let Some(next) = tokens.get(q.last + 1) else { return false };
    next.lower == "of" || next.kind == TokenKind::Word && only_as(&next.lower, 'v')
}

/// Whether a token alone reads as a count: digits, or a number word ("one",
/// "several", "first").
pub fn is_number_word(t: &Token) -> bool {
    t.kind == TokenKind::Number || read_value(std::slice::from_ref(t), 0).is_some()
}

/// The value interval of a number word or digits at `i`, and the index of its last token.
fn read_value(tokens: &[Token], i: usize) -> Option<(f64, f64, usize, bool)> {
    let t = tokens.get(i)?;
    let (mut lo, mut hi, ordinal) = match t.kind {
        TokenKind::Number => {
            let (v, ord) = parse_digits(&t.raw)?;
            (v, v, ord)
        }
        TokenKind::Word => {
            if !may_start_a_number(&t.lower) {
                return None;
            }
            if let Some(v) = lookup(ORDINALS, &t.lower) {
                return Some((v, v, i, true));
            }
            if let Some(v) = lookup(SMALL, &t.lower) {
                if t.lower == "dozen" && !(i > 0 && tokens[i - 1].lower == "a") {
                    return None;
                }
                (v, v, false)
            } else if let Some((_, a, b)) = VAGUE.iter().find(|(w, _, _)| *w == t.lower) {
                (*a, *b, false)
            } else {
                return None;
            }
        }
        _ => return None,
    };
    let mut last = i;
    // "twenty-five", "one hundred"
    if let Some(next) = tokens.get(i + 1) {
        if let Some(v) = lookup(SMALL, &next.lower) {
            if next.hyphen_before && lo >= 20.0 && v < 10.0 {
                lo += v;
                hi += v;
                last += 1;
            }
        }
    }
    if let Some(next) = tokens.get(last + 1) {
        if let Some(scale) = lookup(SCALES, &next.lower) {
            lo *= scale;
            hi *= scale;
            last += 1;
        }
    }
    Some((lo, hi, last, ordinal))
}

fn read_quantity(text: &str, tokens: &[Token], i: usize, lexicon: &Lexicon) -> Option<Quantity> {
    let t = &tokens[i];
    // "the largest contributor": a superlative alone is rank one.
    if SUPERLATIVES.contains(&t.lower.as_str()) && !t.hyphen_before && i > 0 && tokens[i - 1].lower == "the" {
        let unit = unit_after(text, tokens, i, lexicon, &t.lower);
        return Some(Quantity { lo: 1.0, hi: 1.0, kind: QuantityKind::Ordinal, unit, first: i, last: i });
    }
    // "month-long": one month.
    if TIME_UNITS.contains(&singular(&t.lower))
        && tokens.get(i + 1).is_some_and(|n| n.hyphen_before && n.lower == "long")
        && !(i > 0 && t.hyphen_before)
    {
        let unit = singular(&t.lower).to_string();
        return Some(Quantity {
            lo: 1.0,
            hi: 1.0,
            kind: QuantityKind::Duration(unit),
            unit: Vec::new(),
            first: i,
            last: i + 1,
        });
    }
    if t.kind == TokenKind::Number && (is_date_part(tokens, i) || is_name_part(tokens, i)) {
        return None;
    }
    let mut first = i;
    let mut currency = None;
    if t.kind == TokenKind::Symbol {
        currency = lookup(CURRENCY_SIGNS, &t.raw);
        currency?;
        if tokens.get(i + 1).is_none_or(|n| n.kind != TokenKind::Number) {
            return None;
        }
    }
    let value_at = if currency.is_some() { i + 1 } else { i };
    let (lo, mut hi, mut last, ordinal) = read_value(tokens, value_at)?;
    // "Article 5", "Apollo 11": a number that a name labels counts that name.
    if let Some(label) = label_before(tokens, i, lexicon).filter(|_| currency.is_none() && !ordinal) {
        return Some(Quantity { lo, hi, kind: QuantityKind::Count, unit: vec![label], first: i, last });
    }
    if t.lower == "one" && tokens.get(i + 1).is_some_and(|n| n.lower == "of") {
        return None; // "one of the"
    }
    let (qualifier, qualifier_len) = qualifier_before(tokens, first);
    first -= qualifier_len;
    if i > 0 && currency.is_none() && tokens[i - 1].kind == TokenKind::Symbol {
        currency = lookup(CURRENCY_SIGNS, &tokens[i - 1].raw);
    }
    // Ranges: "10,000-30,000", "10,000 to 30,000", "between 2 and 5".
    if let Some(sep) = tokens.get(last + 1) {
        let to = sep.lower == "to" || (sep.lower == "and" && first > 0 && tokens[first - 1].lower == "between");
        let next_at = if to { last + 2 } else { last + 1 };
        if to || (sep.hyphen_before && sep.kind == TokenKind::Number) {
            if let Some((lo2, hi2, last2, _)) =
                tokens.get(next_at).filter(|n| n.kind == TokenKind::Number).and_then(|_| read_value(tokens, next_at))
            {
                if lo2 > lo {
                    hi = hi2;
                    last = last2;
                    if first > 0 && tokens[first - 1].lower == "between" {
                        first -= 1;
                    }
                }
            }
        }
    }
    let from = first > 0 && tokens[first - 1].lower == "from";
    if let Some(tally) = read_tally(tokens, lo, last).filter(|_| !from) {
        return Some(Quantity {
            lo,
            hi: lo,
            kind: QuantityKind::Tally(tally.0),
            unit: Vec::new(),
            first,
            last: tally.1,
        });
    }
    let mut kind = if ordinal { QuantityKind::Ordinal } else { QuantityKind::Count };
    let mut unit_from = last;
    if let Some(next) = tokens.get(last + 1) {
        if next.raw == "%" || (next.lower == "per" && tokens.get(last + 2).is_some_and(|c| c.lower == "cent")) {
            kind = QuantityKind::Percent;
            unit_from = if next.raw == "%" { last + 1 } else { last + 2 };
            last = unit_from;
        } else if let Some(c) = lookup(CURRENCY_WORDS, &next.lower) {
            currency = Some(c);
            last += 1;
            unit_from = last;
        } else if TIME_UNITS.contains(&singular(&next.lower)) && !phrase_break(text, &tokens[last], next) {
            let unit = singular(&next.lower);
            // An age is compared with ages only: "78-year-old", "30-39 year
            // olds", "60 years of age", "at the age of one year".
            let after = |k: usize| tokens.get(last + k).map(|n| n.lower.as_str());
            let age = matches!(after(2), Some("old" | "olds"))
                || (after(2), after(3)) == (Some("of"), Some("age"))
                || first >= 2 && tokens[first - 2].lower == "age" && tokens[first - 1].lower == "of";
            kind = QuantityKind::Duration(if age { format!("{unit} of age") } else { unit.to_string() });
            last += 1;
            unit_from = last;
            if tokens.get(last + 1).is_some_and(|n| n.hyphen_before && n.lower == "long") {
                last += 1;
                unit_from = last;
            }
        } else if ordinal && next.hyphen_before && SUPERLATIVES.contains(&next.lower.as_str()) {
            last += 1;
            unit_from = last - 1;
        }
    }
    if let Some(c) = currency {
        kind = QuantityKind::Money(c.to_string());
    }
    let mut unit = if kind == QuantityKind::Ordinal && unit_from < last {
        unit_after(text, tokens, last, lexicon, &tokens[last].lower)
    } else {
        unit_after(text, tokens, unit_from, lexicon, "")
    };
    // "a city of 84,000 people": its residents, inhabitants, population.
    let place = (first >= 2 && tokens[first - 1].lower == "of").then(|| lexicon.key(&tokens[first - 2].lower));
    if let Some(all) = place.and_then(|p| lexicon.population(&p, &unit)) {
        unit.extend(all.iter().filter(|k| !unit.contains(k)).cloned().collect::<Vec<_>>());
    }
    let (lo, hi) = apply(qualifier, lo, hi);
    Some(Quantity { lo, hi, kind, unit, first, last })
}

/// A tally's second side after a first of `first` ending at token `last`:
/// "to 2", "votes to two", "-2" (a smaller whole number, or it is a range);
/// its value and last token.
fn read_tally(tokens: &[Token], first: f64, last: usize) -> Option<(u64, usize)> {
    let next = tokens.get(last + 1)?;
    let at = match next.lower.as_str() {
        "to" => last + 2,
        _ if next.hyphen_before && next.kind == TokenKind::Number => last + 1,
        _ if next.kind == TokenKind::Word && tokens.get(last + 2).is_some_and(|t| t.lower == "to") => last + 3,
        _ => return None,
    };
    let (lo, hi, end, ordinal) = read_value(tokens, at)?;
    let whole = |v: f64| v.fract() == 0.0 && v >= 0.0;
    (lo == hi && !ordinal && whole(first) && whole(lo) && lo < first && tokens[end].kind != TokenKind::Symbol)
        .then_some((lo as u64, end))
}

fn singular(word: &str) -> &str {
    word.strip_suffix('s').filter(|s| TIME_UNITS.contains(s)).unwrap_or(word)
}

/// Keys of up to three content words after token `at`, within one phrase,
/// plus `head` (a superlative that ranks them) when given.
fn unit_after(text: &str, tokens: &[Token], at: usize, lexicon: &Lexicon, head: &str) -> Vec<String> {
    let mut unit: Vec<String> = Vec::new();
    if !head.is_empty() {
        unit.push(lexicon.key(head));
    }
    let mut prev = &tokens[at];
    for t in tokens.iter().skip(at + 1).take(4) {
        if phrase_break(text, prev, t) || t.kind != TokenKind::Word && t.kind != TokenKind::Acronym {
            break;
        }
        if lexicon.is_stopword(&t.lower) {
            // "of the", and "more" in "two more crews" (two extra ones), come before the unit.
            if unit.len() > usize::from(!head.is_empty()) || !matches!(t.lower.as_str(), "of" | "the" | "more") {
                break;
            }
        } else {
            let terms = lexicon.terms(std::slice::from_ref(t));
            unit.extend(terms.into_iter().map(|term| term.key));
        }
        prev = t;
    }
    unit
}

fn qualifier_before(tokens: &[Token], at: usize) -> (Qualifier, usize) {
    for (words, q) in QUALIFIERS {
        let n = words.len();
        if at >= n && words.iter().zip(&tokens[at - n..at]).all(|(w, t)| *w == t.lower) {
            return (*q, n);
        }
    }
    (Qualifier::Exact, 0)
}

fn apply(q: Qualifier, lo: f64, hi: f64) -> (f64, f64) {
    match q {
        Qualifier::Exact => (lo, hi),
        Qualifier::About => {
            let slack = (hi * 0.1).max(1.0);
            (lo - slack, hi + slack)
        }
        Qualifier::AtLeast => (lo, f64::INFINITY),
        Qualifier::AtMost => (0.0, hi),
    }
}

/// A number hyphenated to a word is part of a name: "COVID-19", "F-35", "SARS-CoV-2".
fn is_name_part(tokens: &[Token], i: usize) -> bool {
    i > 0 && tokens[i].hyphen_before && tokens[i - 1].kind == TokenKind::Word
}

/// The key of the capitalised common noun inside a sentence right before
/// token `i` (a number), if there is one: a label the number goes with ("Article 5",
/// "Apollo 11"). Not the first word ("About 30 leaders"), a month, a
/// possessive ("Macron's one-month"), a part of one word ("K164"), a year
/// (an edition: "Salt Lake City 2002 Winter Olympics"), nor a
/// place or other name WordNet does not list as a noun ("give Ukraine
/// 5,000 missiles").
fn label_before(tokens: &[Token], i: usize, lexicon: &Lexicon) -> Option<String> {
    let word = tokens.get(i.checked_sub(1)?)?;
    let noun = || {
        let wordnet = crate::lexicon::wordnet::WordNet::builtin();
        wordnet.lemmas(&word.lower).iter().any(|(lemma, pos)| *pos == 'n' && *lemma == word.lower)
    };
    (i >= 2
        && word.kind == TokenKind::Word
        && word.is_capitalized()
        && !word.is_all_caps()
        && !is_month(word)
        && word.end < tokens[i].start
        && year_value(&tokens[i]).is_none()
        && word.lower.chars().all(char::is_alphabetic))
    .then(|| lexicon.key(&word.lower))
    .filter(|key| !lexicon.is_place(key) && noun())
}

/// A number that belongs to a date ("2 March", "September 4", "in 2025").
fn is_date_part(tokens: &[Token], i: usize) -> bool {
    if is_year(tokens, i) {
        return true;
    }
    day_of(&tokens[i]).is_some() && (i > 0 && is_month(&tokens[i - 1]) || tokens.get(i + 1).is_some_and(is_month))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize::normalize;
    use crate::text::tokenize::tokenize;

    fn read(text: &str) -> Vec<Quantity> {
        let text = normalize(text);
        quantities(&text, &tokenize(&text), &Lexicon::builtin())
    }

    /// The one quantity a text states (a share its counts imply aside).
    fn one(text: &str) -> Quantity {
        let all = read(text);
        let mut q: Vec<Quantity> = all.iter().filter(|q| !implied_by_counts(q, &all)).cloned().collect();
        assert_eq!(q.len(), 1, "{text}: {q:?}");
        q.remove(0)
    }

    /// The share a text states, as (lo, hi) rounded to 0.01.
    fn share(text: &str) -> Option<(f64, f64)> {
        let round = |v: f64| (v * 100.0).round() / 100.0;
        read(text).into_iter().find(|q| q.kind == QuantityKind::Share).map(|q| (round(q.lo), round(q.hi)))
    }

    #[test]
    fn shares_in_words_and_through_counts() {
        assert_eq!(share("Most of the staff are new."), Some((0.5, 1.0)));
        assert_eq!(share("Most members backed it."), Some((0.5, 1.0)));
        assert_eq!(share("A clear majority of the board backed the plan."), Some((0.55, 1.0)));
        assert_eq!(share("A minority of councillors opposed it."), Some((0.0, 0.5)));
        assert_eq!(share("About three-quarters of the jobs are filled."), Some((0.7, 0.8)));
        assert_eq!(share("More than half of the posts are filled."), Some((0.5, 1.0)));
        assert_eq!(share("a third of the budget"), Some((0.33, 0.33)));
        assert_eq!(share("around 31 countries, mainly European states"), Some((0.5, 1.0)));
        // Through counts: a part of the whole before it or after it, a vote's winning side.
        assert_eq!(share("The trust will employ 310 staff, about 120 of them new recruits."), Some((0.35, 0.43)));
        assert_eq!(share("Around 90 of the 120 new posts have been filled."), Some((0.68, 0.83)));
        assert_eq!(share("The board approved it by eight votes to three."), Some((0.73, 0.73)));
        // All of them; a percentage of a group.
        assert_eq!(share("The board approved it unanimously."), Some((1.0, 1.0)));
        assert_eq!(share("A survey found 60 per cent oppose the plan."), Some((0.6, 0.6)));
        assert_eq!(share("60 per cent of members backed it."), Some((0.6, 0.6)));
        // No share: a superlative, an adverb of degree, a noun "majority" modifies, a time.
        for text in [
            "the most senior officials",
            "It will most likely fail.",
            "the majority leader",
            "half an hour",
            "a third meeting",
            "Prices rose by 5 per cent in May.",
        ] {
            assert_eq!(share(text), None, "{text}");
        }
    }

    #[test]
    fn a_change_counts_one_thing() {
        let change = read("It will cut its winter service from three return sailings a day to two while it is away.");
        assert_eq!(change.len(), 2, "{change:?}");
        assert_eq!(change[1].lo, 2.0);
        assert!(change[0].comparable(&change[1]), "{change:?}");
    }

    #[test]
    fn tallies_of_two_sides() {
        let a = one("The vote was 7 to 2.");
        assert_eq!((a.lo, a.kind.clone()), (7.0, QuantityKind::Tally(2)));
        let b = one("The expansion was approved by seven votes to two.");
        assert!(a.comparable(&b) && a.compatible(&b));
        let c = one("Council members voted 6 to 3 in favour.");
        assert!(a.comparable(&c) && !a.compatible(&c));
        assert!(!a.compatible(&one("a 7-3 vote")));
        // A rising range and a change "from 7 to 2" are no tallies.
        assert_eq!(one("between 2 to 7 ships").kind, QuantityKind::Count);
        assert!(read("fell from 7 to 2 percent").iter().all(|q| q.kind != QuantityKind::Tally(2)));
        // A text that ends at "to" (found by the property tests: it panicked).
        assert_eq!(one("£1.6 billion to ").kind, QuantityKind::Money("gbp".into()));
    }

    #[test]
    fn a_number_a_name_labels_counts_that_name() {
        // Whatever follows: "Article 5," and "Article 5-style guarantees" are one figure.
        let article = one("The framework mirrors NATO's Article 5, offering assurances.");
        assert_eq!((article.lo, article.unit.clone()), (5.0, vec![Lexicon::builtin().key("article")]));
        assert!(one("It gives Article 5-style guarantees.").agrees(&article));
        assert!(!one("It gives Article 6 guarantees.").compatible(&article));
        // Not a sentence's first word, nor a month: "About 30 leaders", "on May 5".
        assert_eq!(one("About 30 leaders met.").unit[0], Lexicon::builtin().key("leader"));
        assert!(read("They met on May 5.").is_empty());
        let missiles = one("The deal will give Ukraine 5,000 missiles.");
        assert_eq!(missiles.unit[0], Lexicon::builtin().key("missile"));
        assert!(one("the Salt Lake City 2002 Winter Olympics").unit.len() > 1);
        assert!(read("a chain at PCNA K164").iter().all(|q| q.unit.is_empty()));
        assert_eq!(one("Macron's one-month ceasefire").kind, QuantityKind::Duration("month".into()));
    }

    #[test]
    fn a_population_counts_residents() {
        let city = one("Riverton, a city of 84,000 people, last raised taxes in 2019.");
        assert!(one("Riverton has about 84,000 residents.").comparable(&city));
        // Only a place's people: "a crowd of 400 people" counts no residents.
        assert!(!one("about 400 residents").comparable(&one("a crowd of 400 people")));
    }

    #[test]
    fn ranks_by_superlatives_of_one_sense() {
        let a = one("Germany is the second-biggest provider of aid");
        let b = one("Germany is the second-largest contributor of aid");
        assert!(a.comparable(&b) && a.compatible(&b));
        assert!(!a.comparable(&one("the second-strongest army")));
    }

    #[test]
    fn thousands_separators_and_plain_digits_agree() {
        let a = one("5000 air defence missiles");
        let b = one("5,000 missiles");
        assert_eq!((a.lo, a.hi), (5000.0, 5000.0));
        assert!(a.comparable(&b) && a.compatible(&b));
        assert_eq!(a.unit, ["air", "defens", "missil"]);
        // The same bare figure is stated, though a bare figure is comparable to none.
        let bare = one("listed in setsockopt(2)");
        assert!(bare.agrees(&one("see setsockopt(2)")) && !bare.comparable(&one("see setsockopt(2)")));
        assert!(!bare.agrees(&one("see setsockopt(3)")));
        // "two more crews" counts crews, as "two extra crews" does.
        let more = one("two more ambulance crews");
        assert_eq!(more.unit, ["ambul", "crew"]);
        assert!(more.comparable(&one("two extra ambulance crews")));
        assert_eq!(one("more than two crews").unit, ["crew"]);
    }

    #[test]
    fn money_with_scale() {
        let q = one("an historic £1.6 billion deal");
        assert_eq!(q.kind, QuantityKind::Money("gbp".into()));
        assert!((q.lo - 1.6e9).abs() < 1.0);
        let euros = one("at least 200 billion euros for defence");
        assert_eq!(euros.kind, QuantityKind::Money("eur".into()));
        assert_eq!(euros.hi, f64::INFINITY);
        assert!(!q.comparable(&euros));
    }

    #[test]
    fn durations_in_words_and_hyphens() {
        let a = one("a one-month ceasefire");
        assert_eq!(a.kind, QuantityKind::Duration("month".into()));
        assert_eq!((a.lo, a.hi), (1.0, 1.0));
        let b = one("a month-long ceasefire");
        assert!(a.comparable(&b) && a.compatible(&b));
        let c = one("a six-month truce");
        assert!(a.comparable(&c) && !a.compatible(&c));
        let d = one("lasting over three hours");
        assert_eq!(d.kind, QuantityKind::Duration("hour".into()));
        assert!(d.compatible(&one("three hours")) && !d.compatible(&one("one hour")));
    }

    #[test]
    fn approximations_are_compatible_but_not_far_values() {
        let a = one("around 31 countries");
        let b = one("about 30 countries");
        let c = one("12 countries");
        assert!(a.comparable(&b) && a.compatible(&b));
        assert!(a.comparable(&c) && !a.compatible(&c));
    }

    #[test]
    fn ranges() {
        let r = one("between 10,000-30,000 troops");
        assert_eq!((r.lo, r.hi), (10000.0, 30000.0));
        assert!(r.compatible(&one("20,000 troops")));
        assert!(!r.compatible(&one("100,000 troops")));
        let r2 = one("10,000 to 30,000 troops");
        assert_eq!((r2.lo, r2.hi), (10000.0, 30000.0));
    }

    #[test]
    fn vague_quantities() {
        let several = one("several thousand troops each");
        assert!(several.lo >= 2000.0 && several.hi < 10000.0);
        let big = one("100,000 troops");
        assert!(several.comparable(&big) && !several.compatible(&big));
    }

    #[test]
    fn ordinals_and_superlatives() {
        let second = one("Germany is the second-largest contributor of aid");
        assert_eq!(second.kind, QuantityKind::Ordinal);
        assert_eq!((second.lo, second.unit[0].as_str()), (2.0, "largest"));
        let first = one("Germany is the largest contributor of aid");
        assert!(first.comparable(&second) && !first.compatible(&second));
        let nth = one("Sweden became the 32nd member");
        assert_eq!((nth.kind, nth.lo), (QuantityKind::Ordinal, 32.0));
    }

    #[test]
    fn dates_and_years_are_not_quantities() {
        assert!(read("on 2 March 2025 and September 4, in 2014").is_empty());
        assert!(read("one of the leaders").is_empty());
        assert!(read("on November 22nd, 1968").is_empty(), "an ordinal day is part of the date");
    }

    #[test]
    fn numbers_in_names_are_not_quantities() {
        assert!(read("COVID-19 and SARS-CoV-2 and the F-35").is_empty());
        assert_eq!(one("a one-month truce").kind, QuantityKind::Duration("month".into()));
    }

    #[test]
    fn a_length_in_two_units_is_one_length() {
        let q = one("to run for two years and two months");
        assert_eq!((q.lo, q.hi, q.kind), (26.0, 26.0, QuantityKind::Duration("month".into())));
        let q = one("one hour, 30 minutes");
        assert_eq!((q.lo, q.hi, q.kind), (90.0, 90.0, QuantityKind::Duration("minute".into())));
        // Two lengths of two things stay two.
        assert_eq!(read("two months and three years").len(), 2);
        assert_eq!(read("sentences of two years, 18 months and six months").len(), 3);
        assert_eq!(read("a five-day, 40-hour week").len(), 2);
        // An age is compared with ages only.
        let weeks = one("several weeks of rising rates");
        for age in ["the 78-year-old former president", "among 30-39 year olds", "above 60 years of age"] {
            assert!(!one(age).same_measure(&weeks), "{age}");
        }
        assert!(one("at the age of one year").agrees(&one("when they were 1 year old")));
    }

    #[test]
    fn percentages() {
        let p = one("spending rose 3.5 per cent");
        assert_eq!((p.kind, p.lo), (QuantityKind::Percent, 3.5));
        assert_eq!(one("2% of GDP").kind, QuantityKind::Percent);
    }
}
