//! Okapi BM25 over sentences, in memory: the default [`Retriever`].

use super::{Hit, Retriever, SentenceId};
use std::collections::HashMap;

/// Okapi BM25 over sentences, in memory.
#[derive(Debug, Default)]
pub struct Bm25Index {
    postings: HashMap<String, Vec<(SentenceId, u32)>>,
    lengths: Vec<u32>,
    average_length: f64,
}

const K1: f64 = 1.2;
const B: f64 = 0.75;

impl Bm25Index {
    /// Indexes documents given as their term sequences, numbered from 0.
    pub fn new<'a, D, T>(docs: D) -> Self
    where
        D: IntoIterator<Item = T>,
        T: IntoIterator<Item = &'a str>,
    {
        let mut index = Bm25Index::default();
        for (id, terms) in docs.into_iter().enumerate() {
            let mut counts: HashMap<&str, u32> = HashMap::new();
            let mut length = 0;
            for term in terms {
                *counts.entry(term).or_default() += 1;
                length += 1;
            }
            for (term, count) in counts {
                index.postings.entry(term.to_string()).or_default().push((id, count));
            }
            index.lengths.push(length);
        }
        let total: u64 = index.lengths.iter().map(|&l| u64::from(l)).sum();
        index.average_length = total as f64 / index.lengths.len().max(1) as f64;
        index
    }
}

impl Retriever for Bm25Index {
    fn search(&self, query: &[String], k: usize) -> Vec<Hit> {
        let mut scores: HashMap<SentenceId, f64> = HashMap::new();
        let mut seen = std::collections::HashSet::new();
        for term in query.iter().filter(|t| seen.insert(t.as_str())) {
            let Some(postings) = self.postings.get(term) else { continue };
            let idf = self.idf(term);
            for &(id, tf) in postings {
                let tf = f64::from(tf);
                let norm = 1.0 - B + B * f64::from(self.lengths[id]) / self.average_length.max(1.0);
                *scores.entry(id).or_default() += idf * tf * (K1 + 1.0) / (tf + K1 * norm);
            }
        }
        let mut hits: Vec<Hit> = scores.into_iter().map(|(sentence, score)| Hit { sentence, score }).collect();
        hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.sentence.cmp(&b.sentence)));
        hits.truncate(k);
        hits
    }

    fn contains(&self, term: &str) -> bool {
        self.postings.contains_key(term)
    }

    fn idf(&self, term: &str) -> f64 {
        let n = self.lengths.len() as f64;
        let df = self.postings.get(term).map_or(0, Vec::len) as f64;
        ((n - df + 0.5) / (df + 0.5) + 1.0).ln()
    }

    fn similar_terms(&self, term: &str, min: f64) -> Vec<String> {
        let mut found: Vec<String> = self
            .postings
            .keys()
            .filter(|k| k.as_str() != term && strsim::jaro_winkler(k, term) >= min)
            .cloned()
            .collect();
        found.sort();
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> Bm25Index {
        Bm25Index::new([vec!["rutt", "nato", "secretari"], vec!["nato", "member"], vec!["finland", "coalit"]])
    }

    #[test]
    fn ranks_by_rare_terms() {
        let hits = index().search(&["nato".into(), "rutt".into()], 2);
        assert_eq!(hits.iter().map(|h| h.sentence).collect::<Vec<_>>(), [0, 1]);
    }

    #[test]
    fn unknown_terms_weigh_most() {
        let index = index();
        assert!(index.idf("japan") > index.idf("nato"));
    }

    #[test]
    fn similar_spellings() {
        assert_eq!(index().similar_terms("finnland", 0.9), ["finland"]);
    }
}
