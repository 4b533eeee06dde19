//! Word relations from WordNet 3.0 (`data/wordnet.txt`, built by
//! `scripts/wordnet-lexicon.py`): shared senses, broader terms and antonyms,
//! with WordNet's own rules for finding a word's base form.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

const DATA: &str = include_str!("../data/wordnet.txt");
/// How many hypernym steps a broader term may be away.
const DEPTH: usize = 3;

/// How a claim word relates to a source word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// They share a sense ("creek", "brook").
    Same,
    /// The claim's word is broader: the source's entails it ("poodle" says "dog").
    Broader,
}

/// The relations, loaded once.
#[derive(Debug, Default)]
pub struct WordNet {
    senses: HashMap<(String, char), Vec<u32>>,
    hypernyms: HashMap<u32, Vec<u32>>,
    antonyms: HashMap<String, Vec<String>>,
    exceptions: HashMap<(char, String), Vec<String>>,
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

    fn parse(data: &str) -> WordNet {
        let mut wn = WordNet::default();
        let ids = |s: &str| s.split(',').filter_map(|x| x.parse().ok()).collect::<Vec<u32>>();
        for line in data.lines().filter(|l| !l.starts_with('#')) {
            let parts: Vec<&str> = line.split(' ').collect();
            match parts[..] {
                ["S", lemma, pos, list] => {
                    let pos = pos.chars().next().unwrap_or('n');
                    wn.senses.insert((lemma.to_string(), pos), ids(list));
                }
                ["H", id, list] => {
                    if let Ok(id) = id.parse() {
                        wn.hypernyms.insert(id, ids(list));
                    }
                }
                ["A", lemma, list] => {
                    wn.antonyms.insert(lemma.to_string(), list.split(',').map(str::to_string).collect());
                }
                ["X", pos, inflected, base] => {
                    let pos = pos.chars().next().unwrap_or('n');
                    wn.exceptions.entry((pos, inflected.to_string())).or_default().push(base.to_string());
                }
                _ => {}
            }
        }
        wn
    }

    /// The base forms of a lower-case word that WordNet knows, with their part of speech.
    pub fn lemmas(&self, word: &str) -> Vec<(String, char)> {
        let mut found = Vec::new();
        for pos in ['n', 'v', 'a', 'r'] {
            let mut push = |lemma: String| {
                if self.senses.contains_key(&(lemma.clone(), pos)) && !found.contains(&(lemma.clone(), pos)) {
                    found.push((lemma, pos));
                }
            };
            push(word.to_string());
            for base in self.exceptions.get(&(pos, word.to_string())).into_iter().flatten() {
                push(base.clone());
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

    fn synsets(&self, word: &str) -> HashSet<u32> {
        self.lemmas(word).into_iter().flat_map(|key| self.senses.get(&key).cloned().unwrap_or_default()).collect()
    }

    fn ancestors(&self, synsets: &HashSet<u32>) -> HashSet<u32> {
        let mut all = HashSet::new();
        let mut frontier: Vec<u32> = synsets.iter().copied().collect();
        for _ in 0..DEPTH {
            frontier = frontier.iter().flat_map(|s| self.hypernyms.get(s).cloned().unwrap_or_default()).collect();
            frontier.retain(|s| all.insert(*s));
        }
        all
    }

    /// How `claim_word` relates to `source_word`, if it does.
    pub fn relation(&self, claim_word: &str, source_word: &str) -> Option<Relation> {
        let claim = self.synsets(claim_word);
        if claim.is_empty() {
            return None;
        }
        let source = self.synsets(source_word);
        if claim.intersection(&source).next().is_some() {
            return Some(Relation::Same);
        }
        self.ancestors(&source).intersection(&claim).next().map(|_| Relation::Broader)
    }

    /// Whether the two words are antonyms in some sense.
    pub fn are_antonyms(&self, a: &str, b: &str) -> bool {
        let bases = |w: &str| self.lemmas(w).into_iter().map(|(l, _)| l).collect::<Vec<_>>();
        let (a, b) = (bases(a), bases(b));
        a.iter().any(|x| self.antonyms.get(x).is_some_and(|list| b.iter().any(|y| list.contains(y))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
