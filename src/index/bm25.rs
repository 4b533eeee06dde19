//! Okapi BM25 over sentences, the default [`Retriever`]. The postings are
//! kept in segments: each a term dictionary (a finite-state map, which also
//! finds the terms within an edit distance of a name) and compact postings
//! lists, built in memory or mapped from the on-disk index. A segment's
//! documents may be dead (changed or removed since it was written): their
//! postings are skipped, so the scores are those of one index over the live
//! documents whatever the segments.

use super::cache::Cache;
use super::{Hit, Retriever, SentenceId};
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::Arc;

const K1: f64 = 1.2;
const B: f64 = 0.75;

/// Bytes shared cheaply: a whole buffer (in memory or mapped) and a range of it.
#[derive(Clone)]
pub struct Bytes {
    data: Arc<dyn AsRef<[u8]> + Send + Sync>,
    range: Range<usize>,
}

impl Bytes {
    /// All of `data`.
    pub fn new(data: Arc<dyn AsRef<[u8]> + Send + Sync>) -> Bytes {
        let len = (*data).as_ref().len();
        Bytes { data, range: 0..len }
    }

    /// Bytes `range` of these (checked by the caller).
    pub fn slice(&self, range: Range<usize>) -> Bytes {
        Bytes { data: self.data.clone(), range: self.range.start + range.start..self.range.start + range.end }
    }
}

impl AsRef<[u8]> for Bytes {
    fn as_ref(&self) -> &[u8] {
        &(*self.data).as_ref()[self.range.clone()]
    }
}

/// Why a segment's bytes cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadSegment(pub String);

/// The postings of some documents' sentences, numbered from 0 in the
/// segment. Layout (little-endian): five `u64` counts (terms, documents,
/// sentences, dictionary bytes, postings bytes); the dictionary (term →
/// term number); each term's postings offset (`u64`, one more than the
/// terms); the postings (per term: the count, then each sentence as a gap
/// and its term frequency, all LEB128); each sentence's length (`u32`); each
/// document's first sentence (`u32`, one more than the documents).
#[derive(Clone)]
pub struct Segment {
    bytes: Bytes,
    terms: fst::Map<Bytes>,
    offsets: Range<usize>,
    postings: Range<usize>,
    lengths: Range<usize>,
    starts: Range<usize>,
    documents: usize,
}

impl std::fmt::Debug for Segment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Segment").field("terms", &self.terms.len()).field("documents", &self.documents).finish()
    }
}

fn u64_at(bytes: &[u8], at: usize) -> u64 {
    bytes.get(at..at + 8).map_or(0, |b| u64::from_le_bytes(b.try_into().unwrap_or_default()))
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    bytes.get(at..at + 4).map_or(0, |b| u32::from_le_bytes(b.try_into().unwrap_or_default()))
}

fn push_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push(v as u8 | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Reads a LEB128 number at `*at`, moving past it; `None` past the end.
fn varint(bytes: &[u8], at: &mut usize) -> Option<u64> {
    let mut v = 0_u64;
    for shift in (0..64).step_by(7) {
        let b = *bytes.get(*at)?;
        *at += 1;
        v |= u64::from(b & 0x7f) << shift;
        if b < 0x80 {
            return Some(v);
        }
    }
    None
}

type TermMap<V> = HashMap<String, V, crate::lexicon::FastHash>;

/// Builds a [`Segment`] a document at a time.
#[derive(Debug, Default)]
pub struct SegmentBuilder {
    postings: TermMap<Vec<(u32, u32)>>,
    lengths: Vec<u32>,
    starts: Vec<u32>,
}

impl SegmentBuilder {
    /// An empty segment to add documents to.
    pub fn new() -> Self {
        SegmentBuilder { starts: vec![0], ..SegmentBuilder::default() }
    }

    /// How many documents it has.
    pub fn documents(&self) -> usize {
        self.starts.len() - 1
    }

    /// Adds a document, given as its sentences' terms.
    pub fn add<'a, S, T>(&mut self, document: S)
    where
        S: IntoIterator<Item = T>,
        T: IntoIterator<Item = &'a str>,
    {
        let mut terms: Vec<&str> = Vec::new();
        for sentence in document {
            let id = self.lengths.len() as u32;
            terms.clear();
            terms.extend(sentence);
            let length = terms.len() as u32;
            terms.sort_unstable();
            for run in terms.chunk_by(|a, b| a == b) {
                let (term, count) = (run[0], run.len() as u32);
                match self.postings.get_mut(term) {
                    Some(list) => list.push((id, count)),
                    None => {
                        self.postings.insert(term.to_string(), vec![(id, count)]);
                    }
                }
            }
            self.lengths.push(length);
        }
        self.starts.push(self.lengths.len() as u32);
    }

    /// The segment.
    pub fn finish(self) -> Segment {
        let mut terms: Vec<(String, Vec<(u32, u32)>)> = self.postings.into_iter().collect();
        terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut dictionary = fst::MapBuilder::memory();
        let (mut offsets, mut data) = (Vec::with_capacity(terms.len() + 1), Vec::new());
        for (n, (term, list)) in terms.iter().enumerate() {
            // Terms are sorted and unique: inserting cannot fail.
            let _ = dictionary.insert(term, n as u64);
            offsets.push(data.len() as u64);
            push_varint(&mut data, list.len() as u64);
            let mut last = 0;
            // Sentences were added in order: each list is in order.
            for &(id, tf) in list {
                push_varint(&mut data, u64::from(id - last));
                push_varint(&mut data, u64::from(tf));
                last = id;
            }
        }
        offsets.push(data.len() as u64);
        let dictionary = dictionary.into_inner().unwrap_or_default();
        let mut bytes = Vec::new();
        let counts = [terms.len(), self.starts.len() - 1, self.lengths.len(), dictionary.len(), data.len()];
        for count in counts {
            bytes.extend_from_slice(&(count as u64).to_le_bytes());
        }
        bytes.extend_from_slice(&dictionary);
        offsets.iter().for_each(|o| bytes.extend_from_slice(&o.to_le_bytes()));
        bytes.extend_from_slice(&data);
        self.lengths.iter().chain(&self.starts).for_each(|l| bytes.extend_from_slice(&l.to_le_bytes()));
        // The layout is this function's own: reading it back cannot fail.
        Segment::read(Bytes::new(Arc::new(bytes))).expect("a segment just built reads back")
    }
}

impl Segment {
    /// Builds a segment of documents given as their sentences' terms.
    pub fn build<'a, D, S, T>(documents: D) -> Segment
    where
        D: IntoIterator<Item = S>,
        S: IntoIterator<Item = T>,
        T: IntoIterator<Item = &'a str>,
    {
        let mut builder = SegmentBuilder::new();
        documents.into_iter().for_each(|d| builder.add(d));
        builder.finish()
    }

    /// Reads a segment from its bytes, checking that its parts fit.
    pub fn read(bytes: Bytes) -> Result<Segment, BadSegment> {
        let b = bytes.as_ref();
        let bad = |what: &str| BadSegment(format!("its {what} does not fit"));
        if b.len() < 40 {
            return Err(bad("header"));
        }
        let count = |i: usize| usize::try_from(u64_at(b, 8 * i)).unwrap_or(usize::MAX);
        let (terms, documents, sentences, dictionary, postings) = (count(0), count(1), count(2), count(3), count(4));
        let mut at = 40_usize;
        let mut part = |len: Option<usize>| -> Result<Range<usize>, BadSegment> {
            let end = len.and_then(|l| at.checked_add(l)).filter(|&e| e <= b.len()).ok_or_else(|| bad("length"))?;
            let range = at..end;
            at = end;
            Ok(range)
        };
        let dictionary = part(Some(dictionary))?;
        let offsets = part(terms.checked_add(1).and_then(|n| n.checked_mul(8)))?;
        let postings = part(Some(postings))?;
        let lengths = part(sentences.checked_mul(4))?;
        let starts = part(documents.checked_add(1).and_then(|n| n.checked_mul(4)))?;
        if at != b.len() {
            return Err(bad("length"));
        }
        let map = fst::Map::new(bytes.slice(dictionary)).map_err(|e| BadSegment(format!("its dictionary: {e}")))?;
        if map.len() != terms {
            return Err(bad("dictionary"));
        }
        Ok(Segment { bytes, terms: map, offsets, postings, lengths, starts, documents })
    }

    /// The segment's bytes, as [`Segment::read`] reads them.
    pub fn bytes(&self) -> &[u8] {
        self.bytes.as_ref()
    }

    /// How many documents it has.
    pub fn documents(&self) -> usize {
        self.documents
    }

    /// The first sentence of each document, and one past the last.
    /// Read from `bytes`, the segment's own (taken once by a caller that
    /// reads many).
    fn start(&self, bytes: &[u8], document: usize) -> usize {
        u32_at(bytes, self.starts.start + 4 * document) as usize
    }

    /// A sentence's length (its number of terms), read from `bytes` as [`Segment::start`].
    fn length(&self, bytes: &[u8], sentence: usize) -> u32 {
        u32_at(bytes, self.lengths.start + 4 * sentence)
    }

    /// The bytes of `term`'s postings list, if it has one.
    fn list(&self, term: &str) -> Option<&[u8]> {
        let n = self.terms.get(term)?;
        let b = self.bytes();
        let offset = |i: u64| self.offsets.start + 8 * i as usize;
        let (start, end) = (u64_at(b, offset(n)) as usize, u64_at(b, offset(n + 1)) as usize);
        b[self.postings.clone()].get(start..end)
    }

    /// How many sentences have `term` (dead or alive), without decoding its postings.
    fn count(&self, term: &str) -> usize {
        self.list(term).and_then(|list| varint(list, &mut 0)).unwrap_or(0) as usize
    }

    /// The postings of `term`: its sentences (numbered in the segment) and
    /// term frequencies, in order; empty when it has none (or they are cut short).
    fn postings(&self, term: &str) -> Vec<(usize, u32)> {
        let Some(list) = self.list(term) else { return Vec::new() };
        let mut at = 0;
        let count = varint(list, &mut at).unwrap_or(0) as usize;
        let mut out = Vec::with_capacity(count.min(list.len()));
        let mut id = 0_u64;
        for _ in 0..count {
            let (Some(gap), Some(tf)) = (varint(list, &mut at), varint(list, &mut at)) else { break };
            id += gap;
            out.push((id as usize, tf as u32));
        }
        out
    }
}

/// A segment and where each of its documents is in the corpus (`None`: dead).
#[derive(Debug, Clone)]
struct Placed {
    segment: Segment,
    /// Per document of the segment, its first sentence's id in the corpus.
    at: Vec<Option<SentenceId>>,
    /// Whether every document is alive: counts need no decoding.
    alive: bool,
}

impl Placed {
    /// The live postings of `term`: corpus sentence id, term frequency, sentence length.
    fn postings(&self, term: &str, out: &mut Vec<(SentenceId, u32, u32)>) {
        let segment = &self.segment;
        let bytes = segment.bytes();
        let start = |document: usize| segment.start(bytes, document);
        let (mut document, mut next) = (0, start(1));
        for (local, tf) in segment.postings(term) {
            while document < self.at.len() && next <= local {
                document += 1;
                next = start(document + 1);
            }
            if let Some(Some(first)) = self.at.get(document) {
                out.push((first + local - start(document), tf, segment.length(bytes, local)));
            }
        }
    }
}

/// A term's live postings: corpus sentence id, term frequency, sentence length.
type Postings = Arc<Vec<(SentenceId, u32, u32)>>;

/// How many postings the decoded lists kept may hold, per generation: a
/// claim's queries (the whole claim, then each slot) and the next claims
/// share common terms.
const KEPT_POSTINGS: usize = 1 << 19;
/// Lists shorter than this are decoded each time: keeping them saves little.
const KEPT_LEAST: usize = 512;

/// Okapi BM25 over sentences.
pub struct Bm25Index {
    segments: Vec<Placed>,
    /// Live sentences.
    count: usize,
    average_length: f64,
    /// Long postings lists decoded lately.
    lists: Cache<String, Postings>,
}

impl std::fmt::Debug for Bm25Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Bm25Index").field("segments", &self.segments).field("count", &self.count).finish()
    }
}

impl Bm25Index {
    /// Indexes documents given as their sentences' terms, numbered from 0 in
    /// order: one segment, in memory.
    pub fn new<'a, D, S, T>(documents: D) -> Self
    where
        D: IntoIterator<Item = S>,
        S: IntoIterator<Item = T>,
        T: IntoIterator<Item = &'a str>,
    {
        let segment = Segment::build(documents);
        let at = (0..segment.documents()).map(|d| Some(segment.start(segment.bytes(), d))).collect();
        Bm25Index::of(vec![(segment, at)])
    }

    /// An index over segments, each with the corpus id of its documents'
    /// first sentences (`None` for a dead document). Each live sentence must
    /// be in one segment only.
    pub fn of(segments: Vec<(Segment, Vec<Option<SentenceId>>)>) -> Self {
        let (mut count, mut total) = (0_usize, 0_u64);
        for (segment, at) in &segments {
            for (d, _) in at.iter().enumerate().filter(|(_, a)| a.is_some()) {
                let bytes = segment.bytes();
                let sentences = segment.start(bytes, d)..segment.start(bytes, d + 1);
                count += sentences.len();
                total += sentences.map(|s| u64::from(segment.length(bytes, s))).sum::<u64>();
            }
        }
        let segments = segments
            .into_iter()
            .map(|(segment, at)| Placed { alive: at.iter().all(Option::is_some), segment, at })
            .collect();
        Bm25Index {
            segments,
            count,
            average_length: total as f64 / count.max(1) as f64,
            lists: Cache::new(KEPT_POSTINGS, |list| if list.len() < KEPT_LEAST { 0 } else { list.len() }),
        }
    }

    /// Its segments (an index built in memory has one: what the on-disk index keeps).
    pub fn segments(&self) -> impl Iterator<Item = &Segment> {
        self.segments.iter().map(|p| &p.segment)
    }

    /// The live postings of `term`, across segments.
    fn postings(&self, term: &str) -> Postings {
        self.lists.get_or(term, || {
            let mut out = Vec::new();
            self.segments.iter().for_each(|s| s.postings(term, &mut out));
            Arc::new(out)
        })
    }

    /// How many live sentences have `term`: from the lists' headers when no
    /// document is dead, else by decoding (a long list is kept decoded).
    fn count(&self, term: &str) -> usize {
        if self.segments.iter().all(|s| s.alive) {
            self.segments.iter().map(|s| s.segment.count(term)).sum()
        } else {
            self.postings(term).len()
        }
    }

    fn idf_of(&self, df: usize) -> f64 {
        let (n, df) = (self.count as f64, df as f64);
        ((n - df + 0.5) / (df + 0.5) + 1.0).ln()
    }
}

impl Retriever for Bm25Index {
    /// Exact top `k`, without scoring every sentence of a common term: terms
    /// are taken rarest first (a term adds less than idf × (K1 + 1) to any
    /// sentence), and once what the remaining terms could add is below the
    /// k-th best score so far, they add only to the sentences already
    /// admitted. The admitted sentences' scores are then summed again in
    /// query order, as one pass over every term would: the same floats and
    /// ties. Sums go in a dense array kept by each thread.
    fn search(&self, query: &[String], k: usize) -> Vec<Hit> {
        thread_local! {
            static SCRATCH: std::cell::RefCell<(Vec<f64>, Vec<u64>)> =
                const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
        }
        if k == 0 {
            return Vec::new();
        }
        let mut seen = HashSet::new();
        let terms: Vec<(Postings, f64)> = query
            .iter()
            .filter(|t| seen.insert(t.as_str()))
            .map(|t| {
                let postings = self.postings(t);
                let idf = self.idf_of(postings.len());
                (postings, idf)
            })
            .collect();
        let average = self.average_length.max(1.0);
        let part = |idf: f64, tf: u32, length: u32| {
            let tf = f64::from(tf);
            let norm = 1.0 - B + B * f64::from(length) / average;
            idf * tf * (K1 + 1.0) / (tf + K1 * norm)
        };
        SCRATCH.with_borrow_mut(|(scores, admitted)| {
            if scores.len() < self.count {
                scores.resize(self.count, 0.0);
                admitted.resize(self.count.div_ceil(64), 0);
            }
            // Ids are below the live count, given by the segments' placing.
            let is_in = |admitted: &[u64], id: SentenceId| admitted[id / 64] >> (id % 64) & 1 == 1;
            let mut rarest: Vec<usize> = (0..terms.len()).collect();
            rarest.sort_by(|&a, &b| terms[b].1.total_cmp(&terms[a].1).then(a.cmp(&b)));
            let bound = |i: usize| terms[i].1 * (K1 + 1.0);
            let mut rest: f64 = rarest.iter().map(|&i| bound(i)).sum();
            let (mut touched, mut open) = (Vec::new(), true);
            for &i in &rarest {
                rest -= bound(i);
                let (postings, idf) = &terms[i];
                for &(id, tf, length) in postings.iter().filter(|p| p.0 < self.count) {
                    if !is_in(admitted, id) {
                        if !open {
                            continue;
                        }
                        admitted[id / 64] |= 1 << (id % 64);
                        touched.push(id);
                    }
                    scores[id] += part(*idf, tf, length);
                }
                if open && touched.len() >= k {
                    let mut best: Vec<f64> = touched.iter().map(|&id| scores[id]).collect();
                    best.select_nth_unstable_by(k - 1, |a, b| b.total_cmp(a));
                    open = rest >= best[k - 1] * (1.0 - 1e-9);
                }
            }
            touched.iter().for_each(|&id| scores[id] = 0.0);
            for (postings, idf) in &terms {
                for &(id, tf, length) in postings.iter().filter(|p| p.0 < self.count) {
                    if is_in(admitted, id) {
                        scores[id] += part(*idf, tf, length);
                    }
                }
            }
            let mut hits: Vec<Hit> =
                touched.iter().map(|&sentence| Hit { sentence, score: scores[sentence] }).collect();
            for &id in &touched {
                scores[id] = 0.0;
                admitted[id / 64] = 0;
            }
            let order = |a: &Hit, b: &Hit| b.score.total_cmp(&a.score).then(a.sentence.cmp(&b.sentence));
            if hits.len() > k {
                hits.select_nth_unstable_by(k - 1, order);
            }
            hits.truncate(k);
            hits.sort_by(order);
            hits
        })
    }

    fn contains(&self, term: &str) -> bool {
        self.count(term) > 0
    }

    fn idf(&self, term: &str) -> f64 {
        self.idf_of(self.count(term))
    }

    /// Terms within two edits of `term` (one for a term of four letters or
    /// fewer), found by a Levenshtein automaton over each dictionary, and
    /// kept when their Jaro-Winkler similarity is at least `min`.
    fn similar_terms(&self, term: &str, min: f64) -> Vec<String> {
        use fst::{IntoStreamer, Streamer};
        let edits = if term.chars().count() <= 4 { 1 } else { 2 };
        let Ok(automaton) =
            fst::automaton::Levenshtein::new(term, edits).or_else(|_| fst::automaton::Levenshtein::new(term, 1))
        else {
            return Vec::new();
        };
        let mut found = Vec::new();
        for placed in &self.segments {
            let mut stream = placed.segment.terms.search(&automaton).into_stream();
            while let Some((key, _)) = stream.next() {
                let Ok(key) = std::str::from_utf8(key) else { continue };
                if key != term && strsim::jaro_winkler(key, term) >= min {
                    found.push(key.to_string());
                }
            }
        }
        found.sort();
        found.dedup();
        found.retain(|key| self.contains(key));
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences() -> Vec<Vec<&'static str>> {
        vec![vec!["rutt", "nato", "secretari"], vec!["nato", "member"], vec!["finland", "coalit"]]
    }

    fn index() -> Bm25Index {
        Bm25Index::new([sentences()])
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

    /// Segments with dead documents score as one index of the live ones.
    #[test]
    fn segments_score_as_one_index() {
        let (a, b, c) = (vec![vec!["nato", "summit"]], sentences(), vec![vec!["nato", "paris"], vec!["rutt"]]);
        let whole = Bm25Index::new([a.clone(), c.clone(), b.clone()]);
        let old = Segment::build([a.clone(), vec![vec!["gone", "nato"]], c.clone()]);
        let new = Segment::build([b]);
        let split = Bm25Index::of(vec![(old, vec![Some(0), None, Some(1)]), (new, vec![Some(3)])]);
        for query in [vec!["nato"], vec!["rutt", "summit"], vec!["gone"], vec!["finland", "nato", "paris"]] {
            let query: Vec<String> = query.into_iter().map(String::from).collect();
            assert_eq!(whole.search(&query, 10), split.search(&query, 10), "{query:?}");
            assert_eq!(whole.idf(&query[0]), split.idf(&query[0]));
        }
        assert!(!split.contains("gone"));
        assert_eq!(split.similar_terms("gon", 0.5), Vec::<String>::new());
    }

    /// Every sentence scored, in query order: what the pruned search must equal.
    fn every_sentence(index: &Bm25Index, query: &[String], k: usize) -> Vec<Hit> {
        let mut scores: HashMap<SentenceId, f64> = HashMap::new();
        let mut seen = HashSet::new();
        for term in query.iter().filter(|t| seen.insert(t.as_str())) {
            let postings = index.postings(term);
            let idf = index.idf_of(postings.len());
            for &(id, tf, length) in postings.iter() {
                let tf = f64::from(tf);
                let norm = 1.0 - B + B * f64::from(length) / index.average_length.max(1.0);
                *scores.entry(id).or_default() += idf * tf * (K1 + 1.0) / (tf + K1 * norm);
            }
        }
        let mut hits: Vec<Hit> = scores.into_iter().map(|(sentence, score)| Hit { sentence, score }).collect();
        hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.sentence.cmp(&b.sentence)));
        hits.truncate(k);
        hits
    }

    /// Common, middling and rare terms in sentences of many lengths, with
    /// ties: the pruned search gives exactly the hits of scoring everything.
    #[test]
    fn pruning_changes_no_hit() {
        let words: Vec<String> = (0..40).map(|w| format!("w{w}")).collect();
        let documents: Vec<Vec<Vec<&str>>> = (0..30)
            .map(|d| {
                (0..50)
                    .map(|s| {
                        let n = d * 50 + s;
                        // w0 in every sentence, w1 in every other, w(n mod 40) once or twice.
                        let mut terms = vec!["w0"];
                        if n % 2 == 0 {
                            terms.push("w1");
                        }
                        terms.extend(std::iter::repeat_n(words[n % 40].as_str(), 1 + n % 2));
                        terms.extend(std::iter::repeat_n("w2", n % 3));
                        terms
                    })
                    .collect()
            })
            .collect();
        let index = Bm25Index::new(documents.iter().map(|d| d.iter().map(|s| s.iter().copied())));
        for query in [vec!["w0"], vec!["w0", "w1"], vec!["w7", "w0", "w1"], vec!["w2", "w39", "w0", "w5", "w2"]] {
            let query: Vec<String> = query.into_iter().map(String::from).collect();
            for k in [1, 4, 12, 5000] {
                assert_eq!(index.search(&query, k), every_sentence(&index, &query, k), "{query:?} k={k}");
            }
        }
    }

    #[test]
    fn damaged_bytes_are_refused() {
        let segment = Segment::build([sentences()]);
        let bytes = segment.bytes().to_vec();
        for cut in [0, 20, bytes.len() / 2, bytes.len() - 1] {
            assert!(Segment::read(Bytes::new(Arc::new(bytes[..cut].to_vec()))).is_err(), "{cut}");
        }
        assert!(Segment::read(Bytes::new(Arc::new(bytes))).is_ok());
    }
}
