//! The word lists that drive matching and conflict detection, kept as data
//! files in `data/` and extendable from `veracity.toml`.

pub(crate) mod memo;
pub mod vectors;
pub mod wordnet;

use crate::text::segment::SegmentRules;
use crate::text::tokenize::{tokenize, Token, TokenKind};
use regex::{Regex, RegexBuilder};
use rust_stemmers::{Algorithm, Stemmer};
use std::collections::{BTreeMap, HashMap, HashSet};

const STOPWORDS: &str = include_str!("../../data/stopwords.txt");
const ABBREVIATIONS: &str = include_str!("../../data/abbreviations.txt");
const NEGATIONS: &str = include_str!("../../data/negations.txt");
const HEDGES: &str = include_str!("../../data/hedges.txt");
const PROJECTIONS: &str = include_str!("../../data/projections.txt");
const FACTS: &str = include_str!("../../data/facts.txt");
const ANTONYMS: &str = include_str!("../../data/antonyms.txt");
const SYNONYMS: &str = include_str!("../../data/synonyms.txt");
const LIGHT: &str = include_str!("../../data/light.txt");
const VALENCE: &str = include_str!("../../data/valence.txt");
const ALIASES: &str = include_str!("../../data/aliases.toml");
const FURNITURE: &str = include_str!("../../data/furniture.txt");
const PLACES: &str = include_str!("../../data/places.txt");
const ROLES: &str = include_str!("../../data/roles.txt");
const POPULATION: &str = include_str!("../../data/population.toml");

/// `data/population.toml`: the words of a population ("a city of 84,000 people").
#[derive(serde::Deserialize)]
struct Population {
    places: Vec<String>,
    counts: Vec<String>,
}

/// A content term of a text: an alias's canonical name, a synonym group's
/// name or a word stem, with the tokens it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The matching key.
    pub key: String,
    /// Index of its first token.
    pub first: usize,
    /// Index of its last token.
    pub last: usize,
}

#[derive(Debug, Clone)]
struct Alias {
    words: Vec<String>,
    canonical: String,
    /// Short all-capital aliases ("US") match only when written in capitals.
    exact_case: bool,
    /// Names from the places table match only when capitalised ("Pole", not "pole").
    proper: bool,
}

/// The places table (`data/places.txt`, from WordNet): each country's key and
/// every spelling that stands for it (names, demonyms, capitals, seats of
/// government). A spelling several countries share goes to the one with a
/// capital (a state that exists, not a former one), or to none.
fn places() -> Vec<(String, Vec<String>)> {
    let rows: Vec<(String, Vec<String>, bool)> = lines(PLACES)
        .filter_map(|line| {
            let mut fields = line.split('\t');
            let key = fields.next()?.to_string();
            let fields: Vec<&str> = fields.collect();
            let has_capital = fields.get(2).is_some_and(|f| !f.is_empty());
            let spellings = fields.iter().flat_map(|f| f.split('|')).filter(|s| !s.is_empty()).map(String::from);
            Some((key, spellings.collect(), has_capital))
        })
        .collect();
    let mut owners: HashMap<&str, Vec<(&str, bool)>> = HashMap::new();
    for (key, spellings, has_capital) in &rows {
        for s in spellings {
            owners.entry(s.as_str()).or_default().push((key.as_str(), *has_capital));
        }
    }
    let owner = |s: &str| -> Option<&str> {
        match owners[s].as_slice() {
            [(key, _)] => Some(key),
            many => match many.iter().filter(|(_, capital)| *capital).collect::<Vec<_>>().as_slice() {
                [(key, _)] => Some(key),
                _ => None,
            },
        }
    };
    rows.iter()
        .map(|(key, spellings, _)| {
            let own = spellings.iter().filter(|s| owner(s) == Some(key.as_str())).cloned().collect();
            (key.clone(), own)
        })
        .collect()
}

/// A multi-word cue ("ruled out") as lower-case words.
pub type Phrase = Vec<String>;

/// A list of phrases, found in tokens through their first words.
#[derive(Debug, Clone, Default)]
pub struct Phrases {
    list: Vec<Phrase>,
    /// The positions in `list` of the phrases each first word starts, in order.
    starting: WordMap<Vec<usize>>,
}

impl FromIterator<Phrase> for Phrases {
    fn from_iter<I: IntoIterator<Item = Phrase>>(phrases: I) -> Self {
        let list: Vec<Phrase> = phrases.into_iter().collect();
        let mut starting: WordMap<Vec<usize>> = WordMap::default();
        for (n, phrase) in list.iter().enumerate() {
            if let Some(first) = phrase.first() {
                starting.entry(first.clone()).or_default().push(n);
            }
        }
        Phrases { list, starting }
    }
}

impl Phrases {
    /// The phrases, in the order given.
    pub fn list(&self) -> &[Phrase] {
        &self.list
    }

    /// Positions `(first, last)` of the token runs matching a phrase, by
    /// first token, then in the phrases' order.
    pub fn find(&self, tokens: &[Token]) -> Vec<(usize, usize)> {
        let mut found = Vec::new();
        for (i, token) in tokens.iter().enumerate() {
            for &n in self.starting.get(&token.lower).map_or(&[][..], Vec::as_slice) {
                let phrase = &self.list[n];
                let rest = &tokens[i..];
                if phrase.len() <= rest.len() && phrase.iter().zip(rest).all(|(w, t)| *w == t.lower) {
                    found.push((i, i + phrase.len() - 1));
                }
            }
        }
        found
    }
}

/// A fast hash for words and terms (FxHash's step over eight bytes at a
/// time): every token of every indexed sentence is looked up by it, and the
/// words are the user's own sources, not an adversary's.
#[derive(Default)]
pub struct WordHasher(u64);

impl std::hash::Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0_u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Hash maps keyed by words: see [`WordHasher`].
pub type FastHash = std::hash::BuildHasherDefault<WordHasher>;

/// A set of words, hashed by [`WordHasher`].
type WordSet = HashSet<String, FastHash>;

/// A map from words, hashed by [`WordHasher`].
type WordMap<V> = HashMap<String, V, FastHash>;

/// How many keys each thread keeps before it starts again.
const THREAD_KEYS: usize = 1 << 18;

/// The page-furniture patterns, built-in and `extra`, as one case-insensitive
/// alternation. Each of `extra` is compiled alone first, so that a bad one is
/// named in the error.
fn furniture(extra: &[String]) -> Result<Regex, LexiconError> {
    let build = |pattern: &str| RegexBuilder::new(pattern).case_insensitive(true).build();
    for pattern in extra {
        build(pattern).map_err(|e| LexiconError(format!("furniture pattern `{pattern}`: {e}")))?;
    }
    let all: Vec<String> =
        lines(FURNITURE).chain(extra.iter().map(String::as_str)).map(|p| format!("(?:{p})")).collect();
    build(&all.join("|")).map_err(|e| LexiconError(format!("furniture patterns: {e}")))
}

/// Word lists and the rules built from them.
pub struct Lexicon {
    stopwords: WordSet,
    stemmer: Stemmer,
    /// The keys already worked out, by lower-case word: stemming is most of
    /// the cost of reading a text, and words repeat.
    keys: std::sync::RwLock<HashMap<String, String, FastHash>>,
    /// Tells this lexicon's keys apart in each thread's copy.
    owner: memo::Owner,
    aliases: WordMap<Vec<Alias>>,
    synonyms: WordMap<String>,
    light: WordSet,
    /// How good or bad each word says a thing is, from -5 to 5 (`data/valence.txt`).
    valence: WordMap<i8>,
    /// Keys of the places table's countries.
    places: WordSet,
    /// Keys of verbs whose doer is one party per event (`data/roles.txt`).
    single_holder: WordSet,
    /// Keys of the places that have a population, and of what counts one (`data/population.toml`).
    population: (WordSet, Vec<String>),
    /// Negation cues.
    pub negations: Phrases,
    /// Hedge cues (projection, possibility).
    pub hedges: Phrases,
    /// The hedge cues that project a future ("expected", "set to").
    pub projections: Phrases,
    /// Fact cues (took office, became, current).
    pub facts: Phrases,
    antonyms: WordMap<Vec<String>>,
    /// Sentence segmentation rules.
    pub segment_rules: SegmentRules,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon").field("aliases", &self.aliases.len()).finish_non_exhaustive()
    }
}

/// An error in user-supplied lexicon settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconError(pub String);

impl Lexicon {
    /// The built-in word lists only.
    pub fn builtin() -> Self {
        // Only the compiled-in lists, no input: the tests build it.
        Self::new(&BTreeMap::new(), &[]).expect("built-in lexicon is valid")
    }

    /// The built-in word lists, with extra aliases (canonical name to
    /// spellings) and extra furniture patterns.
    pub fn new(
        extra_aliases: &BTreeMap<String, Vec<String>>,
        extra_furniture: &[String],
    ) -> Result<Self, LexiconError> {
        let builtin: BTreeMap<String, Vec<String>> =
            toml::from_str(ALIASES).map_err(|e| LexiconError(format!("built-in aliases: {e}")))?;
        let mut lexicon = Lexicon {
            stopwords: words(STOPWORDS).collect(),
            stemmer: Stemmer::create(Algorithm::English),
            keys: Default::default(),
            owner: memo::Owner::new(),
            aliases: WordMap::default(),
            synonyms: WordMap::default(),
            light: WordSet::default(),
            valence: lines(VALENCE)
                .filter_map(|l| l.split_once(' '))
                .filter_map(|(word, value)| Some((word.to_string(), value.parse().ok()?)))
                .collect(),
            places: WordSet::default(),
            single_holder: WordSet::default(),
            population: (WordSet::default(), Vec::new()),
            negations: phrases(NEGATIONS),
            hedges: phrases(HEDGES).list.into_iter().chain(phrases(PROJECTIONS).list).collect(),
            projections: phrases(PROJECTIONS),
            facts: phrases(FACTS),
            antonyms: WordMap::default(),
            segment_rules: SegmentRules {
                abbreviations: words(ABBREVIATIONS).collect(),
                furniture: furniture(extra_furniture)?,
                max_sentence_chars: crate::text::segment::MAX_SENTENCE_CHARS,
            },
        };
        for line in lines(SYNONYMS) {
            let group: Vec<&str> = line.split_whitespace().collect();
            for word in &group {
                lexicon.synonyms.insert(word.to_string(), group[0].to_string());
            }
        }
        // Base forms also match their inflections, through the stem; inflected
        // entries ("stated") do not, so that "states" stays a noun.
        for line in lines(SYNONYMS) {
            let group: Vec<&str> = line.split_whitespace().collect();
            for word in group.iter().filter(|w| !w.ends_with("ed") && !w.ends_with('s') && !w.ends_with("ing")) {
                let stem = lexicon.stemmer.stem(&british_to_ize(word)).into_owned();
                lexicon.synonyms.entry(stem).or_insert_with(|| group[0].to_string());
            }
        }
        lexicon.light = words(LIGHT).map(|w| lexicon.key(&w)).collect();
        lexicon.single_holder = words(ROLES).map(|w| lexicon.key(&w)).collect();
        let population: Population =
            toml::from_str(POPULATION).map_err(|e| LexiconError(format!("built-in population words: {e}")))?;
        lexicon.population = (
            population.places.iter().map(|w| lexicon.key(w)).collect(),
            population.counts.iter().map(|w| lexicon.key(w)).collect(),
        );
        for (canonical, spellings) in builtin.iter().chain(extra_aliases) {
            for spelling in spellings {
                lexicon.add_alias(spelling, canonical);
            }
        }
        for (key, spellings) in places() {
            // A country the aliases already name keeps their key ("UK" is `uk`,
            // so London and Downing Street are too).
            let canonical = spellings.iter().find_map(|s| lexicon.canonical_of(s)).unwrap_or(key);
            for spelling in &spellings {
                lexicon.add_place(spelling, &canonical);
            }
            lexicon.places.insert(crate::text::normalize::fold_key(&canonical));
        }
        for list in lexicon.aliases.values_mut() {
            list.sort_by_key(|a| std::cmp::Reverse(a.words.len()));
        }
        for line in lines(ANTONYMS) {
            if let [a, b] = line.split_whitespace().collect::<Vec<_>>()[..] {
                let (a, b) = (lexicon.key(a), lexicon.key(b));
                lexicon.antonyms.entry(a.clone()).or_default().push(b.clone());
                lexicon.antonyms.entry(b).or_default().push(a);
            }
        }
        Ok(lexicon)
    }

    fn add_alias(&mut self, spelling: &str, canonical: &str) {
        self.add(spelling, canonical, false);
    }

    fn add_place(&mut self, spelling: &str, canonical: &str) {
        self.add(spelling, canonical, true);
    }

    /// The key an alias with exactly this spelling already has.
    fn canonical_of(&self, spelling: &str) -> Option<String> {
        let words: Vec<String> =
            tokenize(&crate::text::normalize::normalize(spelling)).into_iter().map(|t| t.lower).collect();
        self.aliases.get(words.first()?)?.iter().find(|a| a.words == words).map(|a| a.canonical.clone())
    }

    fn add(&mut self, spelling: &str, canonical: &str, proper: bool) {
        let tokens = tokenize(&crate::text::normalize::normalize(spelling));
        let Some(first) = tokens.first() else { return };
        let exact_case = tokens.len() == 1 && first.is_all_caps() && first.raw.len() <= 3;
        let alias = Alias {
            words: tokens.iter().map(|t| t.lower.clone()).collect(),
            canonical: crate::text::normalize::fold_key(canonical),
            exact_case,
            proper,
        };
        let list = self.aliases.entry(alias.words[0].clone()).or_default();
        if !list.iter().any(|a| a.words == alias.words && a.exact_case == alias.exact_case) {
            list.push(alias);
        }
    }

    /// Whether `lower` is a stop word.
    pub fn is_stopword(&self, lower: &str) -> bool {
        self.stopwords.contains(lower)
    }

    /// The matching key of one lower-case word: its synonym group or its stem.
    /// Looked up in this thread's keys first (threads reading at once would
    /// contend for the shared ones' lock), then in the shared ones.
    pub fn key(&self, lower: &str) -> String {
        thread_local! {
            static KEYS: memo::Memo<String> = Default::default();
        }
        memo::kept(&KEYS, &self.owner, THREAD_KEYS, lower, || self.shared_key(lower))
    }

    /// [`Lexicon::key`] through the keys shared by every thread.
    fn shared_key(&self, lower: &str) -> String {
        if let Some(key) = self.keys.read().ok().and_then(|keys| keys.get(lower).cloned()) {
            return key;
        }
        let key = match self.synonyms.get(lower) {
            Some(group) => group.clone(),
            None => {
                let stem = self.stemmer.stem(&british_to_ize(lower)).into_owned();
                self.synonyms.get(&stem).cloned().unwrap_or(stem)
            }
        };
        if let Ok(mut keys) = self.keys.write() {
            keys.insert(lower.to_string(), key.clone());
        }
        key
    }

    /// Whether a term key is a country's, from the places table.
    pub fn is_place(&self, key: &str) -> bool {
        self.places.contains(key)
    }

    /// What a count of a place's people counts, if `place` names a place with a
    /// population and `counted` what counts one: all the words of a population.
    pub fn population(&self, place: &str, counted: &[String]) -> Option<&[String]> {
        let (places, counts) = &self.population;
        (places.contains(place) && counted.iter().any(|c| counts.contains(c))).then_some(counts.as_slice())
    }

    /// Whether a verb is a single-holder role's: one doer per event ("host");
    /// irregular forms through WordNet's base forms ("led", "won").
    pub fn is_single_holder(&self, word: &str) -> bool {
        self.single_holder.contains(&self.key(word))
            || wordnet::WordNet::builtin()
                .lemmas(word)
                .iter()
                .any(|(lemma, pos)| *pos == 'v' && self.single_holder.contains(&self.key(lemma)))
    }

    /// Whether a term key is a light word, one that frames more than it says.
    pub fn is_light(&self, key: &str) -> bool {
        self.light.contains(key)
    }

    /// The content terms of a token sequence, aliases matched longest first.
    pub fn terms(&self, tokens: &[Token]) -> Vec<Term> {
        let mut terms = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            if let Some((len, canonical)) = self.alias_at(tokens, i) {
                terms.push(Term { key: canonical, first: i, last: i + len - 1 });
                i += len;
                continue;
            }
            let t = &tokens[i];
            if matches!(t.kind, TokenKind::Word | TokenKind::Acronym)
                && !self.is_stopword(&t.lower)
                && t.lower.len() > 1
            {
                terms.push(Term { key: self.key(&t.lower), first: i, last: i });
            }
            i += 1;
        }
        terms
    }

    fn alias_at(&self, tokens: &[Token], i: usize) -> Option<(usize, String)> {
        let candidates = self.aliases.get(&tokens[i].lower)?;
        candidates.iter().find_map(|alias| {
            let n = alias.words.len();
            let fits = i + n <= tokens.len()
                && alias.words.iter().zip(&tokens[i..i + n]).all(|(w, t)| *w == t.lower)
                && (!alias.exact_case || tokens[i].is_all_caps())
                && (!alias.proper || tokens[i].is_capitalized());
            fits.then(|| (n, alias.canonical.clone()))
        })
    }

    /// The keys of the antonyms of a word key.
    pub fn antonyms(&self, key: &str) -> &[String] {
        self.antonyms.get(key).map_or(&[], Vec::as_slice)
    }

    /// How good or bad a lower-case word says a thing is, from -5 to 5, if it says.
    pub fn valence(&self, lower: &str) -> Option<i8> {
        self.valence.get(lower).copied()
    }
}

/// Words whose "-ise" is not the British spelling of "-ize".
const ISE_WORDS: &[&str] = &[
    "promis",
    "surpris",
    "advis",
    "revis",
    "compris",
    "exercis",
    "supervis",
    "televis",
    "improvis",
    "despis",
    "devis",
    "premis",
    "disguis",
    "chastis",
    "apprais",
    "rais",
    "franchis",
    "merchandis",
    "enterpris",
    "expertis",
    "concis",
    "precis",
    "wis",
    "ris",
    "cruis",
    "pois",
    "nois",
    "prais",
    "vis",
];

/// The British nouns in "-ence" that American English spells "-ense".
const ENCE_NOUNS: &[&str] = &["defence", "offence", "pretence", "licence"];

/// British "-ise" spellings in the American "-ize" form ("organised" ->
/// "organized"), and "-ence" nouns in the "-ense" form ("defence").
fn british_to_ize(word: &str) -> std::borrow::Cow<'_, str> {
    let singular = word.strip_suffix('s').unwrap_or(word);
    if let Some(base) = ENCE_NOUNS.iter().find(|n| **n == singular).and_then(|n| n.strip_suffix("ence")) {
        return format!("{base}ense{}", &word[singular.len()..]).into();
    }
    for suffix in ["isation", "isations", "ised", "ises", "ising", "ise"] {
        if let Some(base) = word.strip_suffix(suffix) {
            let root = format!("{base}is");
            if base.len() >= 3 && !ISE_WORDS.iter().any(|w| root.ends_with(w) && root.len() - w.len() <= 2) {
                return format!("{base}iz{}", &suffix[2..]).into();
            }
        }
    }
    word.into()
}

/// Lines of a data file without comments and blanks.
fn lines(data: &str) -> impl Iterator<Item = &str> {
    data.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn words(data: &str) -> impl Iterator<Item = String> + '_ {
    lines(data).flat_map(str::split_whitespace).map(str::to_lowercase)
}

fn phrases(data: &str) -> Phrases {
    lines(data).map(|l| l.split_whitespace().map(str::to_lowercase).collect()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize::normalize;

    fn keys(text: &str) -> Vec<String> {
        let lex = Lexicon::builtin();
        lex.terms(&tokenize(&normalize(text))).into_iter().map(|t| t.key).collect()
    }

    #[test]
    fn aliases_unify_spellings() {
        assert_eq!(keys("the U.K. and Britain"), ["uk", "uk"]);
        assert_eq!(keys("United Kingdom"), ["uk"]);
        assert_eq!(keys("Zelenskyy met Zelenskiy"), ["zelensky", "met", "zelensky"]);
        assert_eq!(keys("US aid for America"), ["us", "aid", "us"]);
    }

    #[test]
    fn lower_case_us_is_a_pronoun() {
        assert_eq!(keys("let us go"), ["go"]);
    }

    #[test]
    fn synonyms_and_stems() {
        assert_eq!(keys("soldiers troops"), ["troop", "troop"]);
        assert_eq!(keys("meeting session"), ["summit", "summit"]);
        assert_eq!(keys("missiles"), ["missil"]);
    }

    #[test]
    fn british_and_american_spellings_meet() {
        assert_eq!(keys("organised organized"), ["organ", "organ"]);
        assert_eq!(keys("promised surprised"), ["promis", "surpris"]);
        assert_eq!(keys("defence defense defences"), ["defens", "defens", "defens"]);
        assert_eq!(keys("fence offences"), ["fenc", "offens"]);
    }

    #[test]
    fn synonym_bases_match_inflections() {
        assert_eq!(keys("supplies supplying"), ["provide", "provide"]);
        assert_eq!(keys("states stated"), ["state", "state"]);
    }

    #[test]
    fn antonyms_are_symmetric() {
        let lex = Lexicon::builtin();
        assert!(lex.antonyms(&lex.key("outgoing")).contains(&lex.key("incoming")));
        assert!(lex.antonyms(&lex.key("current")).contains(&lex.key("former")));
    }
}
