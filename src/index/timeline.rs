//! Who held which office when, read from dated statements in every source
//! ("X took office as R on D", "X succeeded Y as R on D", "the Bundestag
//! elected X R on D, succeeding Y"), so that status claims ("X is R", "X is
//! a former R", "X is projected to become R") are judged as of a date.
//!
//! An office is the set of its matching keys ("President of the United
//! States" and "US president" are both `{president, us}`); a person is the
//! keys of their name. Nothing here knows any office or person in advance:
//! the corpus says which there are.

use super::SentenceId;
use crate::analysis::date::{DateMention, Day};
use crate::analysis::Analysis;
use crate::lexicon::wordnet::WordNet;
use crate::lexicon::Phrases;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

/// A person as a text names them: the keys of the name's words, and the words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// Matching keys of the name's words.
    pub keys: Vec<String>,
    /// The name as written.
    pub name: String,
}

impl Person {
    /// Whether a name with these keys is this person: the surname (last word) agrees.
    pub fn is_named(&self, keys: &[String]) -> bool {
        self.keys.last().is_some_and(|k| keys.contains(k))
    }
}

/// One holder's term in an office, from the sentence that states its start.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Tenure {
    /// The office's keys, sorted.
    pub office: Vec<String>,
    /// The office as written.
    pub office_name: String,
    /// Who took it.
    pub holder: Person,
    /// Whom they followed, when the sentence says.
    pub predecessor: Option<Person>,
    /// When the term began (the date after "from" or "since" the office,
    /// else the sentence's latest date, else its source's publication).
    pub start: Day,
    /// When it ended, where the sentence says ("R from D to D").
    pub end: Option<Day>,
    /// The sentence that says so.
    pub sentence: SentenceId,
}

/// Someone leaving whatever post they held ("X stepped down on D").
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Departure {
    /// Who left.
    pub holder: Person,
    /// When (the date after the words, else the source's publication).
    pub day: Day,
    /// The sentence that says so.
    pub sentence: SentenceId,
}

/// The changes of office one document states, its sentences numbered from 0:
/// found when the document is indexed ([`Changes::read`], for the sentences
/// that [`may_name_a_change`]) and kept
/// with it, so that a timeline is assembled without reading again.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Changes {
    /// The tenures, in text order.
    pub tenures: Vec<Tenure>,
    /// The departures, in text order.
    pub departures: Vec<Departure>,
}

impl Changes {
    /// Adds the changes that sentence `i`, analysed, states.
    pub fn read(&mut self, analysis: &Analysis, i: SentenceId, published: Option<Day>) {
        let tenures = tenures_in(analysis, i, published);
        let ended = tenures
            .iter()
            .filter_map(|t| t.end.map(|day| Departure { holder: t.holder.clone(), day, sentence: t.sentence }));
        self.departures.extend(ended);
        self.tenures.extend(tenures);
        self.departures.extend(departures_in(analysis, i, published));
    }
}

/// Every tenure the sources state, and the date claims are judged as of.
#[derive(Debug, Clone, Default)]
pub struct Timeline {
    /// The tenures, in corpus order.
    pub tenures: Vec<Tenure>,
    /// The departures, in corpus order.
    pub departures: Vec<Departure>,
    /// The newest date any source is published on or states a tenure from.
    pub newest: Option<Day>,
}

/// The words of timelines and claims of office, from `data/timeline.toml`.
#[derive(serde::Deserialize)]
pub struct Words {
    takes_after_name: Vec<String>,
    held_since: Vec<String>,
    held_from: Vec<String>,
    succeeds: Vec<String>,
    succeeded_by: Vec<String>,
    takes_from: Vec<String>,
    came_first: Vec<String>,
    came_second: Vec<String>,
    takes_before_name: Vec<String>,
    following: Vec<String>,
    leaves: Vec<String>,
    /// "a former R".
    pub former: Vec<String>,
    /// "X is the current R".
    pub present: Vec<String>,
    /// "X was R": no present status.
    pub past: Vec<String>,
}

/// The phrases of [`Words`] split into words, and the word lists.
pub struct Vocabulary {
    takes_after_name: Phrases,
    held_since: Phrases,
    held_from: Phrases,
    succeeds: Phrases,
    succeeded_by: Phrases,
    takes_from: Phrases,
    came_first: Phrases,
    came_second: Phrases,
    takes_before_name: Phrases,
    following: Phrases,
    leaves: Phrases,
    /// The word lists as written.
    pub words: Words,
}

/// Built into the binary, not input: a test proves it parses.
pub static VOCABULARY: LazyLock<Vocabulary> = LazyLock::new(|| {
    let words: Words = toml::from_str(include_str!("../../data/timeline.toml")).expect("data/timeline.toml parses");
    let phrases = |list: &[String]| list.iter().map(|p| p.split_whitespace().map(str::to_string).collect()).collect();
    Vocabulary {
        takes_after_name: phrases(&words.takes_after_name),
        held_since: phrases(&words.held_since),
        held_from: phrases(&words.held_from),
        succeeds: phrases(&words.succeeds),
        succeeded_by: phrases(&words.succeeded_by),
        takes_from: phrases(&words.takes_from),
        came_first: phrases(&words.came_first),
        came_second: phrases(&words.came_second),
        takes_before_name: phrases(&words.takes_before_name),
        following: phrases(&words.following),
        leaves: phrases(&words.leaves),
        words,
    }
});

/// Auxiliaries and adverbs of time that may stand between a name and the
/// verb of a change of office; closed-class grammar.
const SKIPPED_BEFORE_VERB: &[&str] =
    &["has", "had", "have", "also", "earlier", "previously", "once", "already", "later", "then", "first"];

/// Words that end an office's name.
const OFFICE_ENDS: &[&str] = &[
    "on",
    "in",
    "from",
    "since",
    "succeeding",
    "replacing",
    "after",
    "until",
    "for",
    "at",
    "with",
    "and",
    "having",
    "by",
    "when",
    "who",
    "which",
    "to",
];

/// Whether token `i` is `word`.
fn at(a: &Analysis, i: usize, word: &str) -> bool {
    a.tokens.get(i).is_some_and(|t| t.lower == word)
}

/// Each match of `phrases` as `(first, end)` (`end` one past its last token),
/// the first phrase at a position, none overlapping the one before.
fn matches(a: &Analysis, phrases: &Phrases) -> Vec<(usize, usize)> {
    let mut from = 0;
    let mut out = Vec::new();
    for (first, last) in phrases.find(&a.tokens) {
        if first >= from {
            out.push((first, last + 1));
            from = last + 1;
        }
    }
    out
}

/// The first match of `phrases` at or after token `from`.
fn find(a: &Analysis, phrases: &Phrases, from: usize) -> Option<(usize, usize)> {
    phrases.find(&a.tokens).into_iter().find(|&(first, _)| first >= from).map(|(f, l)| (f, l + 1))
}

/// The capitalised name that ends just before token `end`, skipping
/// auxiliaries and adverbs ("Trump had earlier served as…").
fn name_before(a: &Analysis, end: usize) -> Option<Person> {
    name_span_before(a, end).map(|(_, p)| p)
}

/// [`name_before`], with the token the name's capitalised run starts at.
fn name_span_before(a: &Analysis, mut end: usize) -> Option<(usize, Person)> {
    let skipped = |t: &crate::text::tokenize::Token| {
        !t.is_capitalized() && (SKIPPED_BEFORE_VERB.contains(&t.lower.as_str()) || t.lower.ends_with("ly"))
    };
    while end > 0 && skipped(&a.tokens[end - 1]) {
        end -= 1;
    }
    let mut start = end;
    while start > 0 && a.tokens[start - 1].is_capitalized() && is_word(a, start - 1) {
        start -= 1;
    }
    person(a, start, end).map(|p| (start, p))
}

/// Where the capitalised words that start at token `start` end.
fn name_end(a: &Analysis, start: usize) -> usize {
    start + (start..a.tokens.len()).take_while(|&i| a.tokens[i].is_capitalized() && is_word(a, i)).count()
}

/// The capitalised name that starts at token `start`.
pub fn name_after(a: &Analysis, start: usize) -> Option<Person> {
    person(a, start, name_end(a, start))
}

fn person(a: &Analysis, start: usize, end: usize) -> Option<Person> {
    let end = end.min(a.tokens.len());
    // A leading article is not part of a name ("The Bundestag").
    let start = (start..end).find(|&i| !matches!(a.tokens[i].lower.as_str(), "the" | "a" | "an"))?;
    let keys: Vec<String> =
        a.terms.iter().filter(|t| t.first >= start && t.last < end).map(|t| t.key.clone()).collect();
    (!keys.is_empty()).then(|| Person { keys, name: a.surface(start, end - 1).to_string() })
}

/// The keys of the words that may name an office from token `start`, up
/// to a word that ends it, whether or not they name one holder: a claim's
/// "the chancellor", to be looked up among the offices the sources name.
pub fn office_keys_at(a: &Analysis, start: usize) -> Option<Vec<String>> {
    office_words_at(a, start).map(|(o, _, _)| o.keys)
}

/// An office a sentence names: its keys (sorted), as written, and the token after it.
struct Office {
    keys: Vec<String>,
    name: String,
    end: usize,
}

/// The office named from token `start`: up to a word that ends it, naming
/// one holder: no indefinite article ("a member of NATO" is one of many),
/// and a capitalised word ("Prime Minister of Canada") or a head noun that
/// names a person ("chief executive", "chair of the trust").
fn office_at(a: &Analysis, start: usize) -> Option<Office> {
    if a.tokens.get(start).is_some_and(|t| matches!(t.lower.as_str(), "a" | "an")) {
        return None;
    }
    let (office, first, head) = office_words_at(a, start)?;
    let capitalised = a.tokens[first..office.end].iter().any(|t| t.is_capitalized());
    (capitalised || WordNet::builtin().names_a_person(&a.tokens[head].lower)).then_some(office)
}

/// The words from token `start` up to a word that ends an office's name
/// (the article and an ordinal in front left out), with the tokens of its
/// first word and of its head noun.
fn office_words_at(a: &Analysis, mut start: usize) -> Option<(Office, usize, usize)> {
    // "the 47th President": the article and the ordinal are not the office.
    while start < a.tokens.len()
        && (a.tokens[start].lower == "the" || a.tokens[start].lower.starts_with(|c: char| c.is_ascii_digit()))
    {
        start += 1;
    }
    let mut end = start;
    while end < a.tokens.len()
        && !OFFICE_ENDS.contains(&a.tokens[end].lower.as_str())
        && (end == start || !a.clause_break_between(end - 1, end))
        && is_word(a, end)
    {
        end += 1;
    }
    if end == start {
        return None;
    }
    let head = (start + 1..end).find(|&i| a.tokens[i].lower == "of").unwrap_or(end) - 1;
    let mut keys: Vec<String> =
        a.terms.iter().filter(|t| t.first >= start && t.last < end).map(|t| t.key.clone()).collect();
    keys.sort();
    keys.dedup();
    (!keys.is_empty()).then(|| (Office { keys, name: a.surface(start, end - 1).to_string(), end }, start, head))
}

/// The day of a date mention, a year-less one in `published`'s year.
fn day_of(date: &DateMention, published: Option<Day>) -> Option<Day> {
    Day::of(&DateMention { year: date.year.or(published.map(|Day(y, _, _)| y)), ..*date })
}

/// The date mention that starts at token `i`.
fn date_at(a: &Analysis, i: usize) -> Option<&DateMention> {
    a.dates.iter().find(|d| d.first == i)
}

/// The span an office is said to be held over, from the token after it:
/// "since D" (from D), "from D to D" or "from D until D" (from D, ended D).
fn span_after(a: &Analysis, end: usize, published: Option<Day>) -> Option<(Day, Option<Day>)> {
    let word = |i: usize| a.tokens.get(i).map(|t| t.lower.as_str());
    let date = date_at(a, end + 1)?;
    let from = day_of(date, published)?;
    match word(end)? {
        "since" => Some((from, None)),
        "from" => {
            let to = date.last + 1;
            let until = matches!(word(to), Some("to" | "until")).then(|| date_at(a, to + 1)).flatten();
            Some((from, until.and_then(|d| day_of(d, published))))
        }
        _ => None,
    }
}

/// Whether token `i` is a word (not punctuation or a number).
fn is_word(a: &Analysis, i: usize) -> bool {
    a.tokens[i].lower.chars().all(|c| c.is_alphabetic() || c == '-' || c == '.' || c == '\'')
}

/// The predecessors a text names after a word of succession ("X succeeded
/// Y", ", replacing Y"): people it puts before someone else in time.
pub fn predecessors(a: &Analysis) -> Vec<Person> {
    let words = &*VOCABULARY;
    let mut found = matches(a, &words.succeeds);
    found.extend(matches(a, &words.following));
    found.into_iter().filter_map(|(_, j)| name_after(a, j)).collect()
}

/// The tenures one sentence states, with `published` standing in for a missing date.
pub fn tenures_in(a: &Analysis, sentence: SentenceId, published: Option<Day>) -> Vec<Tenure> {
    let mut out = Vec::new();
    let Some(latest) = a.dates.iter().filter_map(Day::of).max().or(published) else { return out };
    let mut push = |holder, predecessor, office: Office| {
        let span = span_after(a, office.end, published);
        out.push(Tenure {
            office: office.keys,
            office_name: office.name,
            holder,
            predecessor,
            start: span.map_or(latest, |(from, _)| from),
            end: span.and_then(|(_, until)| until),
            sentence,
        });
    };
    let words = &*VOCABULARY;
    for (i, j) in matches(a, &words.succeeds) {
        let (Some(holder), Some(before)) = (name_before(a, i), name_after(a, j)) else { continue };
        let after_name = name_end(a, j);
        if at(a, after_name, "as") {
            if let Some(office) = office_at(a, after_name + 1) {
                push(holder, Some(before), office);
            }
        }
    }
    // "Y was succeeded by X as R", "Y was replaced as R by X".
    for (i, j) in matches(a, &words.succeeded_by) {
        let Some(before) = name_before(a, i) else { continue };
        let found = if at(a, j, "as") {
            office_at(a, j + 1).filter(|o| at(a, o.end, "by")).and_then(|o| Some((name_after(a, o.end + 1)?, o)))
        } else if at(a, j, "by") {
            let after_name = name_end(a, j + 1);
            name_after(a, j + 1).zip(at(a, after_name, "as").then(|| office_at(a, after_name + 1)).flatten())
        } else {
            None
        };
        if let Some((holder, office)) = found {
            push(holder, Some(before), office);
        }
    }
    // "X took over the chair from Y" ("took over as R" is a start, above).
    for (i, j) in matches(a, &words.takes_from) {
        let Some(holder) = name_before(a, i) else { continue };
        if let Some(office) = office_at(a, j).filter(|o| !at(a, j, "as") && at(a, o.end, "from")) {
            if let Some(before) = name_after(a, office.end + 1) {
                push(holder, Some(before), office);
            }
        }
    }
    // "X was Y's predecessor as R", "X is Y's successor as R".
    for (phrases, first_is_holder) in [(&words.came_first, false), (&words.came_second, true)] {
        for (k, j) in matches(a, phrases) {
            let possessive = k > 0 && a.text[a.tokens[k - 1].end..].starts_with("'s");
            let Some((start, second)) = name_span_before(a, k).filter(|_| possessive) else { continue };
            let linked = start > 0 && matches!(a.tokens[start - 1].lower.as_str(), "is" | "was" | "are" | "were");
            let Some(first) = name_before(a, start.saturating_sub(1)).filter(|_| linked) else { continue };
            if let Some(office) = at(a, j, "as").then(|| office_at(a, j + 1)).flatten() {
                let (holder, before) = if first_is_holder { (first, second) } else { (second, first) };
                push(holder, Some(before), office);
            }
        }
    }
    for (i, j) in matches(a, &words.takes_after_name) {
        let Some(holder) = name_before(a, i) else { continue };
        if let Some(office) = office_at(a, j) {
            let predecessor = find(a, &words.following, j).and_then(|(_, k)| name_after(a, k));
            push(holder, predecessor, office);
        }
    }
    // "X has been R since D", "X was R from D to D": only with the span.
    for (phrases, opens) in [(&words.held_since, "since"), (&words.held_from, "from")] {
        for (i, j) in matches(a, phrases) {
            let Some(holder) = name_before(a, i) else { continue };
            if let Some(office) =
                office_at(a, j).filter(|o| at(a, o.end, opens) && span_after(a, o.end, published).is_some())
            {
                push(holder, None, office);
            }
        }
    }
    for (_, j) in matches(a, &words.takes_before_name) {
        let Some(holder) = name_after(a, j) else { continue };
        let after_name = name_end(a, j);
        let k = if at(a, after_name, "as") { after_name + 1 } else { after_name };
        // The name runs into the office ("elected Friedrich Merz Chancellor of
        // Germany"): the name is its first two words, the office the rest.
        let (holder, k) = match person(a, j, j + 2) {
            Some(first_two) if k == after_name && holder.keys.len() > 2 => (first_two, j + 2),
            _ => (holder, k),
        };
        if let Some(office) = office_at(a, k) {
            let predecessor = find(a, &words.following, k).and_then(|(_, m)| name_after(a, m));
            push(holder, predecessor, office);
        }
    }
    out
}

/// The departures one sentence states: the doers of a leaving phrase, on the
/// first date after it (a year-less one in `published`'s year), else on `published`.
pub fn departures_in(a: &Analysis, sentence: SentenceId, published: Option<Day>) -> Vec<Departure> {
    let mut out = Vec::new();
    for (i, j) in matches(a, &VOCABULARY.leaves) {
        let on = a.dates.iter().filter(|d| d.first >= j).find_map(|d| day_of(d, published));
        let Some(day) = on.or(published) else { continue };
        for last in crate::analysis::frame::doers(a, i) {
            if let Some(holder) = person(a, crate::analysis::frame::name_start(a, last), last + 1) {
                out.push(Departure { holder, day, sentence });
            }
        }
    }
    out
}

/// Whether a text may have a phrase that names a change of office
/// ("succeeded", "took office", "stepped down"; its words with anything but
/// letters and digits between them; "has been" and "was" only with a
/// "since" or "from" later on): without one,
/// [`tenures_in`] and [`departures_in`] find nothing, so the text need not be
/// analysed for them.
pub fn may_name_a_change(text: &str) -> bool {
    static FIRST: LazyLock<regex::Regex> = LazyLock::new(|| {
        let v = &*VOCABULARY;
        let alternation = |lists: &[&Phrases]| {
            let mut words: Vec<String> = lists
                .iter()
                .flat_map(|phrases| phrases.list())
                .map(|phrase| phrase.iter().map(|w| regex::escape(w)).collect::<Vec<_>>().join(r"\W+"))
                .collect();
            words.sort();
            words.dedup();
            words.join("|")
        };
        let changes = alternation(&[
            &v.succeeds,
            &v.succeeded_by,
            &v.takes_from,
            &v.came_first,
            &v.came_second,
            &v.takes_after_name,
            &v.takes_before_name,
            &v.leaves,
        ]);
        let (since, from) = (alternation(&[&v.held_since]), alternation(&[&v.held_from]));
        let pattern = format!(r"(?i)\b(?:{changes})\b|\b(?:{since})\b.*\bsince\b|\b(?:{from})\b.*\bfrom\b");
        regex::Regex::new(&pattern).expect("escaped words make a regex")
    });
    FIRST.is_match(&crate::text::normalize::normalize(text))
}

/// Whether an office with keys `narrow` is one of the office with keys
/// `broad`: it has all of its keys ("President of the United States" is one
/// of "President"; "chair" is not one of "interim chair").
pub fn within(narrow: &[String], broad: &[String]) -> bool {
    broad.iter().all(|k| narrow.contains(k))
}

impl Timeline {
    /// The timeline of a corpus from each document's changes, number of
    /// sentences and publication date, in corpus order.
    pub fn assemble<'a>(documents: impl IntoIterator<Item = (&'a Changes, usize, Option<Day>)>) -> Timeline {
        let mut timeline = Timeline::default();
        let mut first = 0;
        for (changes, sentences, published) in documents {
            let start = first;
            let at = |sentence: SentenceId| start + sentence;
            first += sentences;
            timeline.tenures.extend(changes.tenures.iter().map(|t| Tenure { sentence: at(t.sentence), ..t.clone() }));
            timeline
                .departures
                .extend(changes.departures.iter().map(|d| Departure { sentence: at(d.sentence), ..d.clone() }));
            timeline.newest = timeline.newest.max(published);
        }
        timeline.newest = timeline.newest.max(timeline.tenures.iter().map(|t| t.start).max());
        timeline
    }

    /// Offices whose every key the claim has, the most specific first.
    pub fn offices_in(&self, keys: &[String]) -> Vec<&[String]> {
        let mut offices: Vec<&[String]> =
            self.tenures.iter().map(|t| t.office.as_slice()).filter(|o| o.iter().all(|k| keys.contains(k))).collect();
        offices.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        offices.dedup();
        offices
    }

    /// When the person with these keys took `office`, by the sources.
    pub fn took<'a>(&'a self, office: &'a [String], keys: &'a [String]) -> Option<&'a Tenure> {
        self.tenures.iter().filter(|t| t.office == office && t.holder.is_named(keys)).min_by_key(|t| t.start)
    }

    /// When the person with these keys left `office`, by `day`: their tenure
    /// of it (or of a narrower office: "President of the United States" is
    /// one of "President") that began last by then, and a departure after its start.
    pub fn left(&self, office: &[String], keys: &[String], day: Day) -> Option<(&Tenure, &Departure)> {
        let tenure = self
            .tenures
            .iter()
            .filter(|t| within(&t.office, office) && t.holder.is_named(keys) && t.start <= day)
            .max_by_key(|t| t.start)?;
        let departure = self
            .departures
            .iter()
            .filter(|d| d.holder.is_named(&tenure.holder.keys) && tenure.start < d.day && d.day <= day)
            .min_by_key(|d| d.day)?;
        Some((tenure, departure))
    }

    /// Who held `office` (or a narrower one) on `day`: the tenure that began last by then.
    pub fn holder(&self, office: &[String], day: Day) -> Option<&Tenure> {
        self.tenures.iter().filter(|t| within(&t.office, office) && t.start <= day).max_by_key(|t| t.start)
    }

    /// Who held an office like `office` in time order, each with the tenure
    /// that names them: a named predecessor just before their successor. An
    /// office is like another when the keys of one are all among the
    /// other's ("chair" and "interim chair"). A flag tells a holder's own
    /// term from a predecessor named in another's.
    fn holders(&self, office: &[String]) -> Vec<(&Person, &Tenure, bool)> {
        let like = |o: &[String]| within(o, office) || within(office, o);
        let mut order: Vec<(Day, bool, usize, &Person, &Tenure)> = Vec::new();
        for (i, t) in self.tenures.iter().enumerate().filter(|(_, t)| like(&t.office)) {
            order.push((t.start, true, i, &t.holder, t));
            if let Some(p) = &t.predecessor {
                order.push((t.start, false, i, p, t));
            }
        }
        order.sort_by_key(|&(day, term, i, _, _)| (day, term, i));
        order.into_iter().map(|(_, term, _, person, tenure)| (person, tenure, term)).collect()
    }

    /// Each term in an office like `office` (see [`Timeline::holders`]) of
    /// the person with these keys, with whoever held it just before: the
    /// predecessor its sentence names, else the other holder whose term
    /// began last before it.
    pub fn successions<'a>(&'a self, office: &[String], keys: &[String]) -> Vec<(&'a Tenure, &'a Person)> {
        let order = self.holders(office);
        (0..order.len())
            .filter(|&n| order[n].2 && order[n].0.is_named(keys))
            .filter_map(|n| {
                let (person, tenure, _) = order[n];
                let before = order[..n].iter().rev().map(|e| e.0).find(|p| !p.is_named(&person.keys))?;
                Some((tenure, before))
            })
            .collect()
    }

    /// Whether every mention of the person with keys `first` in an office
    /// like `office` comes before every mention of the one with keys `then`.
    pub fn always_before(&self, office: &[String], first: &[String], then: &[String]) -> bool {
        let order = self.holders(office);
        let last_first = order.iter().rposition(|e| e.0.is_named(first));
        let first_then = order.iter().position(|e| e.0.is_named(then));
        matches!((last_first, first_then), (Some(a), Some(b)) if a < b)
    }

    /// The tenures of `office` (or a narrower one) that name a person with
    /// these keys as holder or predecessor.
    pub fn mentions<'a>(&'a self, office: &'a [String], keys: &'a [String]) -> impl Iterator<Item = &'a Tenure> {
        self.tenures.iter().filter(move |t| {
            within(&t.office, office)
                && (t.holder.is_named(keys) || t.predecessor.as_ref().is_some_and(|p| p.is_named(keys)))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;

    /// The changes a document's sentences state, as indexing finds them.
    fn in_document<'a>(
        sentences: impl IntoIterator<Item = &'a str>,
        lexicon: &Lexicon,
        published: Option<Day>,
    ) -> Changes {
        let mut changes = Changes::default();
        for (i, text) in sentences.into_iter().enumerate() {
            if may_name_a_change(text) {
                changes.read(&Analysis::written_on(text, lexicon, published), i, published);
            }
        }
        changes
    }

    #[test]
    fn a_name_at_the_end_of_a_sentence() {
        // Found by the benchmark: "named X" as the last words panicked.
        assert!(tenures("In 1998 a ship was named Endeavour.").is_empty());
        assert!(tenures("In 1998 a ship was named").is_empty());
    }

    #[test]
    fn only_texts_without_a_change_of_office_are_passed_over() {
        let v = &*VOCABULARY;
        let lists = [&v.succeeds, &v.succeeded_by, &v.takes_from, &v.takes_after_name, &v.takes_before_name, &v.leaves];
        for phrase in lists.into_iter().flat_map(Phrases::list) {
            let text = format!("On 1 May 2024 Jane Roe {} John Doe as Mayor.", phrase.join(" "));
            assert!(may_name_a_change(&text), "{text}");
            assert!(may_name_a_change(&text.to_uppercase()), "{text}");
        }
        assert!(may_name_a_change("Keir Starmer took\u{00A0}office as Prime Minister on 5 July 2024."));
        assert!(!may_name_a_change("NATO has 32 members, among them Finland."));
        assert!(!may_name_a_change("The mayor overtook the council."), "a word inside another is no match");
    }

    fn keys(k: &[&str]) -> Vec<String> {
        k.iter().map(|s| s.to_string()).collect()
    }

    fn tenures(text: &str) -> Vec<(String, Vec<String>, Option<String>, String)> {
        let lexicon = Lexicon::builtin();
        let a = Analysis::new(text, &lexicon);
        tenures_in(&a, 0, None)
            .into_iter()
            .map(|t| (t.holder.name, t.office, t.predecessor.map(|p| p.name), t.start.to_string()))
            .collect()
    }

    #[test]
    fn departures_on_the_date_after_the_words() {
        let lexicon = Lexicon::builtin();
        let published = Day::parse("2026-05-16");
        let text = "Sunita Rao, who had led the authority since April 2023, stepped down on Thursday, 14 May.";
        let read = |text: &str| {
            departures_in(&Analysis::written_on(text, &lexicon, published), 0, published)
                .into_iter()
                .map(|d| (d.holder.name, d.day.to_string()))
                .collect::<Vec<_>>()
        };
        assert_eq!(read(text), [("Sunita Rao".to_string(), "2026-05-14".to_string())]);
        assert_eq!(read("Marcus Hale resigned."), [("Marcus Hale".to_string(), "2026-05-16".to_string())]);
        assert!(read("The board resigned itself to delay.").is_empty());
    }

    #[test]
    fn dated_statements_of_office() {
        let cases: [(&str, &str, &[&str], &str, &str); 4] = [
            (
                "Mark Rutte succeeded Jens Stoltenberg as NATO Secretary General on 1 October 2024.",
                "Mark Rutte",
                &["nato", "secretary-general"],
                "Jens Stoltenberg",
                "2024-10-01",
            ),
            (
                "Donald Trump was inaugurated as the 47th President of the United States on 20 January 2025, succeeding Joe Biden.",
                "Donald Trump",
                &["presid", "us"],
                "Joe Biden",
                "2025-01-20",
            ),
            (
                "The Bundestag elected Friedrich Merz Chancellor of Germany in a second ballot on 6 May 2025, succeeding Olaf Scholz.",
                "Friedrich Merz",
                &["chancellor", "germany"],
                "Olaf Scholz",
                "2025-05-06",
            ),
            // An office in lower case whose head noun names a person.
            (
                "Gordon Whitlock became chair of the trust on 1 September 2021, succeeding Patricia Oyelaran.",
                "Gordon Whitlock",
                &["chair", "trust"],
                "Patricia Oyelaran",
                "2021-09-01",
            ),
        ];
        for (text, holder, office, predecessor, start) in cases {
            assert_eq!(
                tenures(text),
                [(holder.to_string(), keys(office), Some(predecessor.to_string()), start.to_string())],
                "{text}"
            );
        }
        assert!(tenures("Mark Rutte is projected to become NATO Secretary General.").is_empty(), "no date, no tenure");
    }

    #[test]
    fn succession_in_other_words() {
        let read = |text: &str| {
            tenures(text).into_iter().map(|(holder, office, before, _)| (holder, office, before)).collect::<Vec<_>>()
        };
        let kimber =
            |office: &[&str]| vec![("Rachel Kimber".to_string(), keys(office), Some("Michael Dunstan".to_string()))];
        let ce = ["chief", "execut"];
        assert_eq!(read("Michael Dunstan was succeeded by Rachel Kimber as chief executive in 2026."), kimber(&ce));
        assert_eq!(read("Michael Dunstan was replaced as chief executive by Rachel Kimber in 2026."), kimber(&ce));
        assert_eq!(read("In 2026 Rachel Kimber took over the chair from Michael Dunstan."), kimber(&["chair"]));
        assert_eq!(read("In 2026 Michael Dunstan was Rachel Kimber's predecessor as chief executive."), kimber(&ce));
        assert_eq!(read("In 2026 Rachel Kimber was Michael Dunstan's successor as chief executive."), kimber(&ce));
        assert_eq!(read("In 2026 Rachel Kimber was Michael Dunstan's successor."), [], "no office, no tenure");
        assert_eq!(
            tenures("Trump had earlier served as the 45th President, from 2017 to 2021."),
            [("Trump".to_string(), keys(&["presid"]), None, "2017".to_string())],
            "an adverb between the name and the verb"
        );
    }

    #[test]
    fn the_holder_before_is_read_from_the_order_of_terms() {
        let lexicon = Lexicon::builtin();
        let published = Day::parse("2026-06-01");
        let note = [
            "Lena Morrow became chair of the company on 2 March 2019.",
            "Tomas Reyes has been interim chair since 1 May 2026.",
            "Owen Lacey was chief executive from 1 June 2018 to 31 December 2024.",
            "Priya Nandi was interim chief executive from 1 January 2025 to 31 March 2025.",
            "Priya Nandi became chief executive on 1 April 2025.",
        ];
        let changes = in_document(note, &lexicon, published);
        let timeline = Timeline::assemble([(&changes, note.len(), published)]);
        let before = |office: &[&str], holder: &[&str]| {
            timeline
                .successions(&keys(office), &keys(holder))
                .into_iter()
                .map(|(_, p)| p.name.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(before(&["chair"], &["rey"]), ["Lena Morrow"], "an interim chair follows the chair");
        assert_eq!(before(&["chief", "execut"], &["nandi"]), ["Owen Lacey", "Owen Lacey"], "each of her terms");
        assert!(before(&["chief", "execut"], &["lacey"]).is_empty(), "the first holder known");
        assert!(timeline.always_before(&keys(&["chair"]), &keys(&["morrow"]), &keys(&["rey"])));
        assert!(!timeline.always_before(&keys(&["chair"]), &keys(&["rey"]), &keys(&["morrow"])));
    }

    #[test]
    fn offices_in_lower_case_name_a_person() {
        assert!(tenures("On 3 May 2024 Jane Roe became clear about it.").is_empty(), "no person: no office");
        assert!(
            tenures("Finland became a member of NATO on 4 April 2023.").is_empty(),
            "one of many: no single holder"
        );
    }

    #[test]
    fn offices_held_since_or_from_a_date() {
        let lexicon = Lexicon::builtin();
        let read = |text: &str| {
            let a = Analysis::new(text, &lexicon);
            tenures_in(&a, 0, None)
                .into_iter()
                .map(|t| (t.holder.name, t.office_name, t.start.to_string(), t.end.map(|d| d.to_string())))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            read("Joanna Ferrand has been interim chair since 1 June 2026."),
            [("Joanna Ferrand".into(), "interim chair".into(), "2026-06-01".into(), None)]
        );
        assert_eq!(
            read("Michael Dunstan was chief executive from 1 July 2019 to 31 December 2025."),
            [("Michael Dunstan".into(), "chief executive".into(), "2019-07-01".into(), Some("2025-12-31".into()))]
        );
        assert!(
            read("Michael Dunstan was chief executive in 2019.").is_empty(),
            "\"was\" needs the dates it was held over"
        );
        assert!(read("Jane Roe has been critical since 1 June 2026.").is_empty());
        let changes =
            in_document(["Michael Dunstan was chief executive from 1 July 2019 to 31 December 2025."], &lexicon, None);
        assert_eq!(changes.departures.len(), 1, "the end of a span is a departure");
        assert_eq!(changes.departures[0].day.to_string(), "2025-12-31");
    }

    #[test]
    fn the_word_lists_parse() {
        assert!(VOCABULARY.succeeds.list().iter().any(|p| p == &["took", "over", "from"]));
        assert!(VOCABULARY.words.former.iter().any(|w| w == "former"));
    }

    #[test]
    fn days_parse_and_order() {
        assert_eq!(Day::parse("2025-09"), Some(Day(2025, 9, 0)));
        assert!(Day::parse("2025-09-04") > Day::parse("2025-09"));
        assert_eq!(Day::parse("2025-13"), None);
        assert_eq!(Day(2024, 10, 1).to_string(), "2024-10-01");
    }
}
