//! Static word vectors distilled from the sentence encoder all-MiniLM-L6-v2
//! (`data/static/`, built by `scripts/distill-static.py`; Apache-2.0, see
//! `data/static/LICENSE`): one unit vector per WordPiece token, a word's
//! vector the mean of its pieces'. Their cosine measures relatedness, not
//! entailment (antonyms score high): a paraphrase signal, never a verdict.

use super::memo;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::LazyLock;

const VOCAB: &str = include_str!("../../data/static/vocab.txt");
const VECTORS: &[u8] = include_bytes!("../../data/static/vectors.bin");
/// The longest word WordPiece splits (longer ones are unknown).
const MAX_WORD: usize = 100;
/// How many words' vectors each thread keeps (1.5 KB each) before it
/// starts again.
const KEPT_VECTORS: usize = 1 << 13;

/// A word's unit vector and its first WordPiece (see [`Vectors::word_and_root`]).
pub type WordVector = (Rc<[f32]>, usize);

/// The vocabulary and its rows.
pub struct Vectors {
    ids: HashMap<&'static str, usize, super::FastHash>,
    dims: usize,
    rows: &'static [u8],
    /// Tells these vectors apart in each thread's memo.
    owner: memo::Owner,
}

static BUILTIN: LazyLock<Vectors> = LazyLock::new(|| Vectors::parse(VOCAB, VECTORS));

impl Vectors {
    /// The vectors built into the binary.
    pub fn builtin() -> &'static Vectors {
        &BUILTIN
    }

    fn parse(vocab: &'static str, data: &'static [u8]) -> Vectors {
        let u32_at =
            |at: usize| data.get(at..at + 4).map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize);
        let (count, dims) = if data.starts_with(b"VSE1") { (u32_at(4), u32_at(8)) } else { (0, 0) };
        let rows = data.get(12..12 + count * dims).unwrap_or_default();
        let mut ids = HashMap::with_capacity_and_hasher(count, Default::default());
        ids.extend(vocab.lines().take(count).enumerate().map(|(i, token)| (token, i)));
        Vectors { ids, dims: if rows.is_empty() { 0 } else { dims }, rows, owner: memo::Owner::new() }
    }

    fn row(&self, id: usize) -> &[u8] {
        &self.rows[id * self.dims..(id + 1) * self.dims]
    }

    /// The WordPiece ids of a lower-case word: longest match first, later
    /// pieces prefixed `##`; `None` when some part has no piece.
    fn pieces(&self, word: &str) -> Option<Vec<usize>> {
        if word.is_empty() || word.len() > MAX_WORD {
            return None;
        }
        let mut out = Vec::new();
        let mut start = 0;
        // "##" and the rest of the word, for the pieces after the first.
        let mut rest = String::with_capacity(word.len() + 2);
        while start < word.len() {
            if start > 0 {
                rest.clear();
                rest.push_str("##");
                rest.push_str(&word[start..]);
            }
            let mut end = word.len();
            let found = loop {
                if end <= start {
                    break None;
                }
                let id = if start == 0 { self.ids.get(&word[..end]) } else { self.ids.get(&rest[..end - start + 2]) };
                if let Some(&id) = id {
                    break Some(id);
                }
                end = word[..end].char_indices().next_back().map_or(0, |(i, _)| i);
            };
            out.push(found?);
            start = end;
        }
        Some(out)
    }

    /// A word's unit vector: the mean of its pieces' rows, normalised.
    pub fn word(&self, word: &str) -> Option<Rc<[f32]>> {
        self.word_and_root(word).map(|(vector, _)| vector)
    }

    /// [`Vectors::word`], and the word's first piece: two words with the
    /// same ("peace", "peacekeepers") are relatives by form, which the
    /// vectors rate close whatever they mean. Each thread keeps the words
    /// it asked about lately (a claim's words meet many candidates').
    pub fn word_and_root(&self, word: &str) -> Option<WordVector> {
        thread_local! {
            static WORDS: memo::Memo<Option<WordVector>> = Default::default();
        }
        memo::kept(&WORDS, &self.owner, KEPT_VECTORS, word, || self.find_word(word))
    }

    /// [`Vectors::word_and_root`], worked out.
    fn find_word(&self, word: &str) -> Option<WordVector> {
        let pieces = self.pieces(word)?;
        let root = *pieces.first()?;
        let mut sum = vec![0.0_f32; self.dims];
        for id in pieces {
            for (s, &b) in sum.iter_mut().zip(self.row(id)) {
                *s += f32::from(b as i8);
            }
        }
        let norm = sum.iter().map(|x| x * x).sum::<f32>().sqrt();
        (norm > 0.0).then(|| (sum.into_iter().map(|x| x / norm).collect(), root))
    }
}

impl Vectors {
    /// The unit mean of the known words' vectors; `None` when none is known.
    pub fn mean<'w>(&self, words: impl IntoIterator<Item = &'w str>) -> Option<Vec<f32>> {
        let mut sum = vec![0.0_f32; self.dims];
        for vector in words.into_iter().filter_map(|w| self.word(w)) {
            sum.iter_mut().zip(vector.iter()).for_each(|(s, v)| *s += v);
        }
        let norm = sum.iter().map(|x| x * x).sum::<f32>().sqrt();
        (norm > 0.0).then(|| sum.into_iter().map(|x| x / norm).collect())
    }
}

/// The cosine of two unit vectors.
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn similarity(a: &str, b: &str) -> f32 {
        let v = Vectors::builtin();
        cosine(&v.word(a).expect(a), &v.word(b).expect(b))
    }

    #[test]
    fn word_pieces_longest_first() {
        let v = Vectors::builtin();
        assert_eq!(v.pieces("troops").map(|p| p.len()), Some(1));
        assert!(v.pieces("peacekeepers").is_some_and(|p| p.len() > 1));
        assert_eq!(v.word("").map(|w| w.len()), None);
    }

    #[test]
    fn related_words_are_closer_than_unrelated_ones() {
        assert!(similarity("troops", "soldiers") > 0.6);
        assert!(similarity("troops", "soldiers") > similarity("troops", "banana") + 0.3);
    }
}
