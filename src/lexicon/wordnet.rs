//! Word relations from WordNet 3.0 (`data/wordnet.txt`, built by
//! `scripts/wordnet-lexicon.py`): shared senses, broader terms and antonyms,
//! with WordNet's own rules for finding a word's base form.

use super::{memo, FastHash};
use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;
use std::sync::{Arc, LazyLock, Mutex};

const DATA: &str = include_str!("../../data/wordnet.txt");
/// How many hypernym steps a broader term may be away.
const DEPTH: usize = 3;
/// How many words' base forms each thread keeps.
const KEPT_LEMMAS: usize = 1 << 16;

/// How a claim word relates to a source word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// They share a sense ("creek", "brook").
    Same,
    /// The claim's word is broader: the source's entails it ("poodle" says "dog").
    Broader,
}

/// The relations, loaded once: borrowed from the built-in text, the senses
/// and hypernyms searched in place (nothing to build at start), a list's ids
/// read when a word is first looked up (most never are).
#[derive(Debug, Default)]
pub struct WordNet {
    /// The `S lemma pos ids` lines, in (lemma, part of speech) order.
    senses: SortedLines,
    /// The `H id ids` lines (a synset, those above it), in id order.
    hypernyms: SortedLines,
    antonyms: HashMap<&'static str, Vec<&'static str>, FastHash>,
    exceptions: HashMap<(char, &'static str), Vec<&'static str>, FastHash>,
    /// The second words of its verbs of two words ("down", "part").
    seconds: HashSet<&'static str, FastHash>,
    /// What is known of each word looked up so far.
    memo: Mutex<HashMap<String, Arc<Word>>>,
    /// Whose base forms a thread keeps.
    owner: memo::Owner,
}

/// What WordNet knows of one word: its base forms, senses, the senses above
/// them, and its antonyms' base forms.
#[derive(Debug, Default)]
pub struct Word {
    lemmas: Vec<String>,
    synsets: Vec<u32>,
    ancestors: Vec<u32>,
    antonyms: Vec<String>,
}

impl Word {
    /// How this (claim) word relates to a source word, if it does.
    pub fn relation(&self, source: &Word) -> Option<Relation> {
        if self.synsets.is_empty() {
            None
        } else if overlap(&self.synsets, &source.synsets) {
            Some(Relation::Same)
        } else if overlap(&self.synsets, &source.ancestors) {
            Some(Relation::Broader)
        } else {
            None
        }
    }

    /// Whether WordNet has a sense of the word at all.
    pub fn is_known(&self) -> bool {
        !self.synsets.is_empty()
    }

    /// Whether the two words are antonyms in some sense.
    pub fn is_antonym_of(&self, other: &Word) -> bool {
        other.lemmas.iter().any(|l| self.antonyms.contains(l))
    }
}

/// The ids of a comma-separated list.
fn ids(list: &str) -> impl Iterator<Item = u32> + '_ {
    list.split(',').filter_map(|x| x.parse().ok())
}

/// A field's first character (a part of speech).
fn first_char(field: &str) -> char {
    field.chars().next().unwrap_or('n')
}

/// Lines of text in the order of a key, searched in place by bisecting bytes.
#[derive(Debug, Default)]
struct SortedLines(&'static str);

impl SortedLines {
    /// The line whose key `order` (the line's key against the sought one) finds equal.
    fn find(&self, order: impl Fn(&str) -> Ordering) -> Option<&'static str> {
        let text = self.0;
        let bytes = text.as_bytes();
        // `lo` and `hi` are line starts (or the end); a newline is never
        // inside a character, so every slice below is on a boundary.
        let (mut lo, mut hi) = (0, text.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let start = bytes[lo..mid].iter().rposition(|&b| b == b'\n').map_or(lo, |i| lo + i + 1);
            let end = bytes[start..hi].iter().position(|&b| b == b'\n').map_or(hi, |i| start + i);
            match order(&text[start..end]) {
                Ordering::Equal => return Some(&text[start..end]),
                Ordering::Less => lo = end + 1,
                Ordering::Greater => hi = start,
            }
        }
        None
    }
}

/// Field `n` (from 0) of a space-separated line. Read byte by byte: the
/// fields are a few bytes long, and every step of a search reads two.
fn field(line: &str, n: usize) -> &str {
    let space = |text: &str| text.bytes().position(|b| b == b' ');
    let mut rest = line;
    for _ in 0..n {
        match space(rest) {
            Some(at) => rest = &rest[at + 1..],
            None => return "",
        }
    }
    &rest[..space(rest).unwrap_or(rest.len())]
}

/// The (lemma, part of speech) an `S` line is sorted by.
fn sense_key(line: &str) -> (&str, char) {
    (field(line, 1), first_char(field(line, 2)))
}

/// The synset id an `H` line is sorted by.
fn hypernym_key(line: &str) -> u32 {
    field(line, 1).parse().unwrap_or(0)
}

fn overlap(a: &[u32], b: &[u32]) -> bool {
    a.iter().any(|x| b.binary_search(x).is_ok())
}

static WORDNET: LazyLock<WordNet> = LazyLock::new(|| WordNet::parse(DATA));

/// Suffix rules for base forms, per part of speech (WordNet's morphy).
const RULES: &[(char, &str, &str)] = &[
    ('n', "s", ""),
    ('n', "ses", "s"),
    ('n', "xes", "x"),
    ('n', "zes", "z"),
    ('n', "ches", "ch"),
    ('n', "shes", "sh"),
    ('n', "men", "man"),
    ('n', "ies", "y"),
    ('v', "s", ""),
    ('v', "ies", "y"),
    ('v', "es", "e"),
    ('v', "es", ""),
    ('v', "ed", "e"),
    ('v', "ed", ""),
    ('v', "ing", "e"),
    ('v', "ing", ""),
    ('a', "er", ""),
    ('a', "est", ""),
    ('a', "er", "e"),
    ('a', "est", "e"),
];

impl WordNet {
    /// The built-in relations.
    pub fn builtin() -> &'static WordNet {
        &WORDNET
    }

    /// Reads the built-in text, whose lines come in blocks: `S`, `H`, `A`, `X`
    /// (`scripts/wordnet-lexicon.py` writes them so; a test proves it). Only
    /// the small `A` and `X` blocks are read line by line.
    fn parse(data: &'static str) -> WordNet {
        let at = |kind: &str| data.find(&format!("\n{kind} ")).map_or(data.len(), |i| i + 1);
        let (senses, hypernyms, rest) = (at("S"), at("H"), at("A"));
        let mut wn = WordNet {
            senses: SortedLines(data[senses..hypernyms].trim_end()),
            hypernyms: SortedLines(data[hypernyms..rest].trim_end()),
            ..WordNet::default()
        };
        for line in data[rest..].lines() {
            let mut parts = line.split(' ');
            match (parts.next(), parts.next(), parts.next(), parts.next()) {
                // Opposite nouns ("man", "woman") name different things, not
                // incompatible states: only adjectives, adverbs and verbs count.
                (Some("A"), Some(lemma), Some(pos), Some(list)) if pos != "n" => {
                    wn.antonyms.entry(lemma).or_default().extend(list.split(','));
                }
                (Some("X"), Some(pos), Some(inflected), Some(base)) => {
                    wn.exceptions.entry((first_char(pos), inflected)).or_default().push(base);
                }
                (Some("P"), Some(second), None, None) => {
                    wn.seconds.insert(second);
                }
                _ => {}
            }
        }
        wn
    }

    /// The synset ids of a lemma in one part of speech, if WordNet has it.
    fn senses_of(&self, lemma: &str, pos: char) -> Option<&'static str> {
        self.senses.find(|line| sense_key(line).cmp(&(lemma, pos)))?.rsplit(' ').next()
    }

    /// The ids of the synsets right above `synset`, comma-separated.
    fn hypernyms_of(&self, synset: u32) -> Option<&'static str> {
        self.hypernyms.find(|line| hypernym_key(line).cmp(&synset))?.rsplit(' ').next()
    }

    /// The base forms WordNet lists for an irregular form in one part of speech.
    fn exceptions_of(&self, pos: char, word: &str) -> Vec<&'static str> {
        let exceptions: &HashMap<(char, &str), Vec<&'static str>, FastHash> = &self.exceptions;
        exceptions.get(&(pos, word)).cloned().unwrap_or_default()
    }

    /// The base forms of a lower-case word that WordNet knows, with their
    /// part of speech: kept by each thread, as analysis asks for the same
    /// words again and again.
    pub fn lemmas(&self, word: &str) -> Rc<[(String, char)]> {
        thread_local! {
            static LEMMAS: memo::Memo<Rc<[(String, char)]>> = Default::default();
        }
        memo::kept(&LEMMAS, &self.owner, KEPT_LEMMAS, word, || self.find_lemmas(word).into())
    }

    /// [`WordNet::lemmas`], looked up.
    fn find_lemmas(&self, word: &str) -> Vec<(String, char)> {
        let mut found = Vec::new();
        for pos in ['n', 'v', 'a', 'r'] {
            let mut push = |lemma: String| {
                if self.senses_of(&lemma, pos).is_some() && !found.contains(&(lemma.clone(), pos)) {
                    found.push((lemma, pos));
                }
            };
            push(word.to_string());
            for base in self.exceptions_of(pos, word) {
                push(base.to_string());
            }
            for (p, suffix, ending) in RULES {
                if *p == pos {
                    if let Some(stem) = word.strip_suffix(suffix).filter(|s| s.len() >= 2) {
                        push(format!("{stem}{ending}"));
                    }
                }
            }
        }
        found
    }

    /// What WordNet knows of the lower-case `verb` followed by `next` when the
    /// two are a verb of its own ("broke" "down": "break down"): the first
    /// word's senses and the two words' together.
    pub fn two_word_verb(&self, verb: &str, next: &str) -> Option<Arc<Word>> {
        thread_local! {
            static TWO_WORDS: memo::Memo<Option<Arc<Word>>> = Default::default();
        }
        if !self.seconds.contains(next) {
            return None;
        }
        memo::kept(&TWO_WORDS, &self.owner, KEPT_LEMMAS, &format!("{verb} {next}"), || {
            self.find_two_word_verb(verb, next)
        })
    }

    /// [`WordNet::two_word_verb`], looked up.
    fn find_two_word_verb(&self, verb: &str, next: &str) -> Option<Arc<Word>> {
        let lemma = self.lemmas(verb).iter().filter(|(_, pos)| *pos == 'v').find_map(|(base, _)| {
            let lemma = format!("{base}_{next}");
            self.senses_of(&lemma, 'v').map(|_| lemma)
        })?;
        let (one, two) = (self.word(verb), self.word(&lemma));
        let union = |a: &[u32], b: &[u32]| {
            let mut all = [a, b].concat();
            all.sort_unstable();
            all.dedup();
            all
        };
        let w = Arc::new(Word {
            lemmas: one.lemmas.iter().chain(&two.lemmas).cloned().collect(),
            synsets: union(&one.synsets, &two.synsets),
            ancestors: union(&one.ancestors, &two.ancestors),
            antonyms: one.antonyms.iter().chain(&two.antonyms).cloned().collect(),
        });
        Some(w)
    }

    /// Whether WordNet lists the word as an irregular verb form ("met", "led").
    pub fn is_irregular_verb(&self, word: &str) -> bool {
        !self.exceptions_of('v', word).is_empty()
    }

    /// What WordNet knows of a lower-case word, computed once per word.
    pub fn word(&self, word: &str) -> Arc<Word> {
        if let Some(w) = self.memo.lock().ok().and_then(|m| m.get(word).cloned()) {
            return w;
        }
        let lemmas = self.lemmas(word);
        let mut synsets: Vec<u32> =
            lemmas.iter().filter_map(|(lemma, pos)| self.senses_of(lemma, *pos)).flat_map(ids).collect();
        synsets.sort_unstable();
        synsets.dedup();
        let mut ancestors: Vec<u32> = self.ancestors(&synsets, DEPTH).into_iter().collect();
        ancestors.sort_unstable();
        let mut names: Vec<String> = lemmas.iter().map(|(l, _)| l.clone()).collect();
        names.dedup();
        let antonyms = names
            .iter()
            .flat_map(|l| self.antonyms.get(l.as_str()).into_iter().flatten().map(|a| a.to_string()))
            .collect();
        let w = Arc::new(Word { lemmas: names, synsets, ancestors, antonyms });
        if let Ok(mut memo) = self.memo.lock() {
            memo.insert(word.to_string(), w.clone());
        }
        w
    }

    /// The synsets up to `depth` hypernym steps above `synsets`.
    fn ancestors(&self, synsets: &[u32], depth: usize) -> HashSet<u32> {
        let mut all = HashSet::new();
        let mut frontier: Vec<u32> = synsets.to_vec();
        for _ in 0..depth {
            frontier = frontier.iter().filter_map(|&s| self.hypernyms_of(s)).flat_map(ids).collect();
            frontier.retain(|s| all.insert(*s));
            if frontier.is_empty() {
                break;
            }
        }
        all
    }

    /// Whether a lower-case word is a noun with a sense that is a kind of
    /// person ("director", "chair" as in chairman), however far up. Kept by
    /// each thread: the place detector asks of words near every country.
    pub fn names_a_person(&self, word: &str) -> bool {
        thread_local! {
            static PERSON: memo::Memo<bool> = Default::default();
        }
        memo::kept(&PERSON, &self.owner, KEPT_LEMMAS, word, || {
            let person = self.senses_of("person", 'n').and_then(|list| ids(list).next());
            self.is_a_kind_of(word, 'n', person.as_slice())
        })
    }

    /// Whether a lower-case word is a verb with a sense that is a way to
    /// communicate or to utter ("said", "announced", "urged"), however far
    /// up: below a sense of "communicate" or of "utter" (WordNet files
    /// "say" under "express, utter", a top of its own).
    /// Kept by each thread: the role detector asks of the claim's verb and
    /// of a sentence's words for every candidate sentence.
    pub fn is_saying(&self, word: &str) -> bool {
        thread_local! {
            static SAYING: memo::Memo<bool> = Default::default();
        }
        memo::kept(&SAYING, &self.owner, KEPT_LEMMAS, word, || {
            let tops: Vec<u32> =
                ["communicate", "utter"].iter().filter_map(|w| self.senses_of(w, 'v')).flat_map(ids).collect();
            self.is_a_kind_of(word, 'v', &tops)
        })
    }

    /// Whether `word` in part of speech `pos` has a sense that is, or is
    /// below, one of the synsets `tops`.
    fn is_a_kind_of(&self, word: &str, pos: char, tops: &[u32]) -> bool {
        let senses: Vec<u32> = self
            .lemmas(word)
            .iter()
            .filter(|(_, p)| *p == pos)
            .filter_map(|(lemma, _)| self.senses_of(lemma, pos))
            .flat_map(ids)
            .collect();
        let ancestors = self.ancestors(&senses, usize::MAX);
        tops.iter().any(|top| senses.contains(top) || ancestors.contains(top))
    }

    /// How `claim_word` relates to `source_word`, if it does.
    pub fn relation(&self, claim_word: &str, source_word: &str) -> Option<Relation> {
        self.word(claim_word).relation(&self.word(source_word))
    }

    /// Whether the two words are antonyms in some sense.
    pub fn are_antonyms(&self, a: &str, b: &str) -> bool {
        self.word(a).is_antonym_of(&self.word(b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbs_of_saying() {
        let wordnet = WordNet::builtin();
        for word in ["said", "says", "announced", "urged", "asked", "spoken", "hailed", "warned", "declared"] {
            assert!(wordnet.is_saying(word), "{word}");
        }
        for word in ["hosted", "built", "ran", "attended", "founded", "joined", "deployed", "welcomed"] {
            assert!(!wordnet.is_saying(word), "{word}");
        }
    }

    /// A field is what splitting at each space gives, empty ones included.
    #[test]
    fn fields_are_split_at_each_space() {
        for line in ["S abandon n 12487,16662", "", " ", "a  b ", "H 6748", "x y"] {
            for n in 0..5 {
                assert_eq!(field(line, n), line.split(' ').nth(n).unwrap_or_default(), "{line:?} {n}");
            }
        }
    }

    #[test]
    fn the_lines_searched_in_place_are_whole_blocks_in_order() {
        let wn = WordNet::builtin();
        let senses: Vec<&str> = wn.senses.0.lines().collect();
        let hypernyms: Vec<&str> = wn.hypernyms.0.lines().collect();
        assert!(senses.iter().all(|l| l.starts_with("S ")) && hypernyms.iter().all(|l| l.starts_with("H ")));
        assert_eq!(senses.len(), DATA.lines().filter(|l| l.starts_with("S ")).count());
        assert_eq!(hypernyms.len(), DATA.lines().filter(|l| l.starts_with("H ")).count());
        assert!(senses.windows(2).all(|w| sense_key(w[0]) < sense_key(w[1])));
        assert!(hypernyms.windows(2).all(|w| hypernym_key(w[0]) < hypernym_key(w[1])));
        // Every line is found by its own key: first, last and all between.
        assert!(senses.iter().all(|l| wn.senses.find(|x| sense_key(x).cmp(&sense_key(l))) == Some(*l)));
        assert!(hypernyms.iter().all(|l| wn.hypernyms.find(|x| hypernym_key(x).cmp(&hypernym_key(l))) == Some(*l)));
        assert_eq!(wn.senses.find(|x| sense_key(x).cmp(&("zzzzzz", 'n'))), None);
        assert_eq!(SortedLines("").find(|_| Ordering::Equal), None);
    }

    #[test]
    fn base_forms() {
        let wn = WordNet::builtin();
        assert!(wn.lemmas("children").contains(&("child".to_string(), 'n')));
        assert!(wn.lemmas("running").contains(&("run".to_string(), 'v')));
        assert!(wn.lemmas("ran").contains(&("run".to_string(), 'v')));
    }

    #[test]
    fn relations() {
        let wn = WordNet::builtin();
        assert_eq!(wn.relation("stream", "creek"), Some(Relation::Broader));
        assert_eq!(wn.relation("creek", "brook"), Some(Relation::Same));
        assert_eq!(wn.relation("dog", "poodle"), None, "more than three steps up");
        assert_eq!(wn.relation("man", "woman"), None);
        assert_eq!(wn.relation("creek", "stream"), None, "a narrower claim is not entailed");
    }

    #[test]
    fn antonyms() {
        let wn = WordNet::builtin();
        assert!(wn.are_antonyms("wet", "dry"));
        assert!(wn.are_antonyms("younger", "old"));
        assert!(!wn.are_antonyms("man", "dog"));
        assert!(!wn.are_antonyms("man", "woman"), "opposite nouns are different things");
        assert!(wn.are_antonyms("open", "closed"));
    }

    #[test]
    fn people() {
        let wn = WordNet::builtin();
        for word in ["director", "executive", "chair", "presidents", "mayor"] {
            assert!(wn.names_a_person(word), "{word}");
        }
        for word in ["summit", "plan", "trust", "clear", "hospital"] {
            assert!(!wn.names_a_person(word), "{word}");
        }
    }
}
