//! What a claim or a sentence says, read once: tokens, content terms,
//! quantities, dates, and cue words for polarity, hedging and fact.

pub mod date;
pub mod frame;
pub mod quantity;

use crate::lexicon::wordnet::{Word, WordNet};
use crate::lexicon::{Lexicon, Phrases, Term};
use crate::text::normalize::normalize;
use crate::text::tokenize::{tokenize, Token};
use date::{DateMention, Day};
use quantity::Quantity;
use std::sync::Arc;

/// A cue word or phrase, as token indices `[first, last]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cue {
    /// First token.
    pub first: usize,
    /// Last token.
    pub last: usize,
}

/// The analysed form of one text.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The normalised text that token offsets point into.
    pub text: String,
    /// Its tokens.
    pub tokens: Vec<Token>,
    /// The matching key of every token (stem or synonym group), stop words included.
    pub keys: Vec<String>,
    /// What WordNet knows of every token (of a verb of two words, at its first).
    pub words: Vec<Arc<Word>>,
    /// Its content terms, without the words of quantities, dates, negations and hedges.
    pub terms: Vec<Term>,
    /// Its quantities.
    pub quantities: Vec<Quantity>,
    /// Its dates.
    pub dates: Vec<DateMention>,
    /// Negation cues ("not", "ruled out").
    pub negations: Vec<Cue>,
    /// Hedge cues ("projected", "could").
    pub hedges: Vec<Cue>,
    /// Fact cues ("took office", "current").
    pub facts: Vec<Cue>,
}

/// Verbs of saying, as a refusal to say names them ("declined to comment
/// whether"): a closed class of English.
const SAYING: &[&str] = &[
    "say",
    "said",
    "says",
    "comment",
    "commented",
    "confirm",
    "confirmed",
    "disclose",
    "disclosed",
    "reveal",
    "revealed",
    "specify",
    "specified",
    "speculate",
    "indicate",
    "indicated",
    "state",
    "stated",
];

/// What a text's content terms depend on: the words of its quantities,
/// dates, negations and hedges are not terms.
struct Parts {
    text: String,
    tokens: Vec<Token>,
    quantities: Vec<Quantity>,
    dates: Vec<DateMention>,
    negations: Vec<Cue>,
    hedges: Vec<Cue>,
    terms: Vec<Term>,
}

impl Parts {
    fn of(text: &str, lexicon: &Lexicon, published: Option<Day>) -> Parts {
        let (text, tokens) = read_tokens(text);
        let quantities = quantity::quantities(&text, &tokens, lexicon);
        let mut negations = cues(&tokens, &lexicon.negations);
        negations.extend(
            tokens.iter().enumerate().filter(|(_, t)| t.lower.ends_with("n't")).map(|(i, _)| Cue { first: i, last: i }),
        );
        // "Against" before a verb's -ing form says not to do it: "voted
        // against referring" is "voted not to refer"; not before a name
        // ("against Reading") or an adjective ("against rising prices").
        let gerund = |t: &Token| {
            let lemmas = WordNet::builtin().lemmas(&t.lower);
            t.lower.ends_with("ing")
                && !t.is_capitalized()
                && lemmas.iter().any(|(_, p)| *p == 'v')
                && !lemmas.iter().any(|(l, p)| matches!(p, 'a' | 's') && *l == t.lower)
        };
        negations.extend(
            (1..tokens.len())
                .filter(|&i| {
                    tokens[i - 1].lower == "against"
                        && text[tokens[i - 1].end..tokens[i].start].trim().is_empty()
                        && gerund(&tokens[i])
                })
                .map(|i| Cue { first: i - 1, last: i - 1 }),
        );
        negations.sort_by_key(|c| c.first);
        // A refusal to say whether something is so ("declined to say whether",
        // "would not confirm if") negates the saying, not the thing: the
        // clause after "whether" is left open (a hedge).
        let about_saying = |c: &Cue| {
            let mut next = tokens.iter().skip(c.last + 1).map(|t| t.lower.as_str());
            let verb = match next.next() {
                Some("to") => next.next(),
                word => word,
            };
            verb.is_some_and(|v| SAYING.contains(&v)) && matches!(next.next(), Some("whether" | "if"))
        };
        negations.retain(|c| !about_saying(c));
        let mut hedges = cues(&tokens, &lexicon.hedges);
        // A month named May is no hedge.
        let hedged = hedges.iter().any(|c| !(c.first == c.last && date::is_month(&tokens[c.first])));
        let dates = date::dates(&tokens, published, hedged);
        let in_date = |c: &Cue| dates.iter().any(|d| d.first <= c.first && c.last <= d.last);
        // "May" written with a capital inside a sentence is the month ("at the end of May").
        let month = |c: &Cue| c.first == c.last && c.first > 0 && tokens[c.first].raw == "May";
        // "whether" after a comma, or opening the sentence, is concessive
        // ("deployment, whether under the coalition's banner or as
        // peacekeepers, constitutes a threat"): the sentence asserts its clause.
        let concessive = |c: &Cue| {
            tokens[c.first].lower == "whether"
                && (c.first == 0 || text[tokens[c.first - 1].end..tokens[c.first].start].contains(','))
        };
        hedges.retain(|c| !in_date(c) && !month(c) && !concessive(c));
        negations.retain(|c| !in_date(c));
        let mut taken = vec![false; tokens.len()];
        // A weekday stays a word too: a claim's "Thursday" has no date to be read against.
        let spans = quantities
            .iter()
            .map(|q| (q.first, q.last))
            .chain(dates.iter().filter(|d| !date::is_weekday(&tokens[d.first])).map(|d| (d.first, d.last)));
        let cue_spans = negations.iter().chain(&hedges).map(|c| (c.first, c.last));
        for (first, last) in spans.chain(cue_spans) {
            taken[first..=last].iter_mut().for_each(|t| *t = true);
        }
        let terms =
            lexicon.terms(&tokens).into_iter().filter(|t| !taken[t.first..=t.last].iter().any(|&x| x)).collect();
        Parts { text, tokens, quantities, dates, negations, hedges, terms }
    }
}

/// A text normalised (a headline in capitals lower-cased: its capitals say
/// nothing about names) and its tokens: how every analysis begins.
fn read_tokens(text: &str) -> (String, Vec<Token>) {
    let mut text = normalize(text);
    if is_shouting(&text) {
        text.make_ascii_lowercase();
    }
    let tokens = tokenize(&text);
    (text, tokens)
}

/// Where `phrases` occur in `tokens`, as cues.
fn cues(tokens: &[Token], phrases: &Phrases) -> Vec<Cue> {
    phrases.find(tokens).into_iter().map(|(first, last)| Cue { first, last }).collect()
}

/// Mostly upper-case letters over several words: a headline written in capitals.
fn is_shouting(text: &str) -> bool {
    let (mut letters, mut upper) = (0, 0);
    if text.is_ascii() {
        for b in text.bytes() {
            letters += usize::from(b.is_ascii_alphabetic());
            upper += usize::from(b.is_ascii_uppercase());
        }
    } else {
        for c in text.chars() {
            letters += usize::from(c.is_alphabetic());
            upper += usize::from(c.is_uppercase());
        }
    }
    upper * 10 >= letters * 7 && text.split_whitespace().nth(2).is_some()
}

impl Analysis {
    /// Analyses `text` with the word lists of `lexicon`.
    pub fn new(text: &str, lexicon: &Lexicon) -> Self {
        Analysis::written_on(text, lexicon, None)
    }

    /// Analyses `text`, published on `published`: its weekdays are dates
    /// counted from that day ("on Sunday").
    pub fn written_on(text: &str, lexicon: &Lexicon, published: Option<Day>) -> Self {
        let Parts { text, tokens, quantities, dates, negations, hedges, terms } = Parts::of(text, lexicon, published);
        let keys = tokens.iter().map(|t| lexicon.key(&t.lower)).collect();
        // A verb of two words is read at its first ("broke down": "break down").
        let wordnet = WordNet::builtin();
        let words = (0..tokens.len())
            .map(|i| {
                let two = tokens.get(i + 1).and_then(|next| wordnet.two_word_verb(&tokens[i].lower, &next.lower));
                two.unwrap_or_else(|| wordnet.word(&tokens[i].lower))
            })
            .collect();
        let facts = cues(&tokens, &lexicon.facts);
        Analysis { text, tokens, keys, words, terms, quantities, dates, negations, hedges, facts }
    }

    /// The tokens [`Analysis::written_on`] reads a text as, without the rest
    /// of the analysis.
    pub fn tokens_of(text: &str) -> Vec<Token> {
        read_tokens(text).1
    }

    /// The keys of a text's content terms, as [`Analysis::written_on`] finds
    /// them, without the rest of the analysis: what an index needs.
    pub fn index_terms(text: &str, lexicon: &Lexicon, published: Option<Day>) -> Vec<String> {
        Parts::of(text, lexicon, published).terms.into_iter().map(|t| t.key).collect()
    }

    /// The text of tokens `first..=last`.
    pub fn surface(&self, first: usize, last: usize) -> &str {
        &self.text[self.tokens[first].start..self.tokens[last].end]
    }

    /// Whether a hedge cue of this text is a projection ("expected", "set to").
    pub fn is_projection(&self, cue: &Cue, lexicon: &Lexicon) -> bool {
        let words = self.tokens[cue.first..=cue.last].iter().map(|t| t.lower.as_str());
        lexicon.projections.list().iter().any(|p| p.iter().map(String::as_str).eq(words.clone()))
    }

    /// Capitalised names after "in" or "at": the places a text puts things,
    /// as token ranges.
    pub fn places(&self) -> Vec<(usize, usize)> {
        let tokens = &self.tokens;
        let mut out = Vec::new();
        for (i, t) in tokens.iter().enumerate() {
            if !matches!(t.lower.as_str(), "in" | "at") {
                continue;
            }
            let mut j = i + 1;
            while j < tokens.len() && tokens[j].lower == "the" {
                j += 1;
            }
            let start = j;
            while j < tokens.len()
                && tokens[j].is_capitalized()
                && !date::is_weekday(&tokens[j])
                && !date::is_month(&tokens[j])
                && (j == start || !self.clause_break_between(j - 1, j))
            {
                j += 1;
            }
            if j > start {
                out.push((start, j - 1));
            }
        }
        out
    }

    /// Whether a clause break (punctuation or a contrastive conjunction) lies
    /// between tokens `a` and `b`.
    pub fn clause_break_between(&self, a: usize, b: usize) -> bool {
        let (a, b) = (a.min(b), a.max(b));
        if a == b {
            return false;
        }
        let gap = &self.text[self.tokens[a].end..self.tokens[b].start];
        gap.contains([';', ':', '(', ')', '?', '!'])
            || gap.contains(". ")
            || self.tokens[a + 1..b]
                .iter()
                .any(|t| matches!(t.lower.as_str(), "but" | "while" | "although" | "whereas" | "however"))
    }
}

/// Facts a conflict detector reads from one text, computed once per text
/// (see `engine::detect::Detector::prepare`).
pub type Prepared = Box<dyn std::any::Any + Send + Sync>;

/// Computes, for one analysed text, what each detector reads from it: the
/// engine's detector registry, in registry order.
pub trait Prepare {
    /// One entry per detector; `None` where it needs nothing from this side.
    fn prepare(&self, analysis: &Analysis, side: Side) -> Vec<Option<Prepared>>;
}

/// Which side of a comparison a text is on: detectors read different things
/// from a claim than from the sentences it is compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// A claim, read once per check.
    Claim,
    /// A source sentence or window, read once when the corpus is built.
    Source,
}

/// A text analysed, with the facts its detectors prepared from it.
pub struct Reading {
    /// The analysis.
    pub analysis: Analysis,
    /// What each detector prepared, in registry order.
    pub prepared: Vec<Option<Prepared>>,
}

impl Reading {
    /// Analyses `text` and prepares it for the detectors as `side`.
    pub fn new(text: &str, lexicon: &Lexicon, side: Side, prepare: &dyn Prepare) -> Self {
        Reading::of(Analysis::new(text, lexicon), side, prepare)
    }

    /// Prepares an analysis for the detectors as `side`.
    pub fn of(analysis: Analysis, side: Side, prepare: &dyn Prepare) -> Self {
        let prepared = prepare.prepare(&analysis, side);
        Reading { analysis, prepared }
    }
}

impl std::ops::Deref for Reading {
    type Target = Analysis;
    fn deref(&self) -> &Analysis {
        &self.analysis
    }
}

impl std::fmt::Debug for Reading {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Reading").field("text", &self.analysis.text).finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words of a text's negation cues.
    fn negations(text: &str) -> Vec<String> {
        let a = Analysis::new(text, &Lexicon::builtin());
        a.negations.iter().map(|c| a.tokens[c.first..=c.last].iter().map(|t| t.lower.as_str()).collect()).collect()
    }

    #[test]
    fn against_doing_is_not_doing() {
        assert_eq!(negations("The committee voted against referring the decision."), ["against"]);
        assert_eq!(negations("It decided against sending troops."), ["against"]);
        // Against a thing, or against then another clause: no negation.
        assert!(negations("Two councillors voted against the plan.").is_empty());
        assert!(negations("Pryce sided with them in voting against, saying it was rushed.").is_empty());
        // Nor before a name or an adjective.
        assert!(negations("Leeds won 2-0 against Reading.").is_empty());
        assert!(negations("Thousands marched against rising prices.").is_empty());
    }
}
