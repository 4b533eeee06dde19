//! Okapi BM25 over sentences, the default [`Retriever`]. The postings are
//! kept in segments: each a term dictionary (a finite-state map, which also
//! finds the terms within an edit distance of a name) and compact postings
//! lists, built in memory or mapped from the on-disk index. A segment's
//! documents may be dead (changed or removed since it was written): their
//! postings are skipped, so the scores are those of one index over the live
//! documents whatever the segments.

use super::{Hit, Retriever, SentenceId};
use crate::lexicon::memo;
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
/// terms); the postings (per term: the count (LEB128); for a list of more
/// than one [`BLOCK`], each block's last sentence, where its bytes end, its
/// highest term frequency and its shortest sentence (`u32` each); then each
/// sentence as a gap, its term frequency and its length, all LEB128); each
/// sentence's length (`u32`); each document's first sentence (`u32`, one
/// more than the documents).
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
    // Most numbers of a list (gaps, frequencies, lengths) take one byte.
    let first = *bytes.get(*at)?;
    *at += 1;
    let mut v = u64::from(first & 0x7f);
    if first < 0x80 {
        return Some(v);
    }
    let mut shift = 7;
    while shift < 64 {
        let b = *bytes.get(*at)?;
        *at += 1;
        v |= u64::from(b & 0x7f) << shift;
        if b < 0x80 {
            return Some(v);
        }
        shift += 7;
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
        for sentence in document {
            let id = self.lengths.len() as u32;
            let mut length = 0;
            for term in sentence {
                length += 1;
                // A term met again in this sentence counts on its last entry.
                match self.postings.get_mut(term) {
                    Some(list) => match list.last_mut() {
                        Some((last, count)) if *last == id => *count += 1,
                        _ => list.push((id, 1)),
                    },
                    None => {
                        self.postings.insert(term.to_string(), vec![(id, 1)]);
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
            let (mut entries, mut skips, mut last) = (Vec::new(), Vec::new(), 0);
            // Sentences were added in order: each list is in order.
            for block in list.chunks(BLOCK) {
                let (mut most, mut shortest) = (0, u32::MAX);
                for &(id, tf) in block {
                    let length = self.lengths[id as usize];
                    for field in [id - last, tf, length] {
                        push_varint(&mut entries, u64::from(field));
                    }
                    last = id;
                    most = most.max(tf);
                    shortest = shortest.min(length);
                }
                for field in [last, entries.len() as u32, most, shortest] {
                    skips.extend_from_slice(&field.to_le_bytes());
                }
            }
            if list.len() > BLOCK {
                data.extend_from_slice(&skips);
            }
            data.extend_from_slice(&entries);
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

    /// `term`'s postings list, if it has one.
    fn list(&self, term: &str) -> Option<List<'_>> {
        let n = self.terms.get(term)?;
        let b = self.bytes();
        let offset = |i: u64| self.offsets.start + 8 * i as usize;
        let (start, end) = (u64_at(b, offset(n)) as usize, u64_at(b, offset(n + 1)) as usize);
        b[self.postings.clone()].get(start..end).map(List::read)
    }
}

/// Postings a skip entry stands for: a sentence's entry in a long list is
/// found by decoding one block.
const BLOCK: usize = 128;

/// Bytes of a skip entry: four `u32`.
const SKIP: usize = 16;

/// One term's postings list in a segment: how many sentences have the term
/// (dead or alive), each block's skip entry, and the entries.
#[derive(Clone, Copy)]
struct List<'a> {
    count: usize,
    /// Per block: its last sentence, the end of its entries, its highest
    /// term frequency and its shortest sentence (`u32` each); empty for a
    /// list of one block.
    skips: &'a [u8],
    entries: &'a [u8],
}

impl<'a> List<'a> {
    /// A list from its bytes (one cut short reads as empty).
    fn read(bytes: &'a [u8]) -> List<'a> {
        let mut at = 0;
        let count = varint(bytes, &mut at).unwrap_or(0) as usize;
        let blocks = count.div_ceil(BLOCK);
        let skips = if blocks > 1 { SKIP * blocks } else { 0 };
        match (bytes.get(at..at.saturating_add(skips)), bytes.get(at.saturating_add(skips)..)) {
            (Some(skips), Some(entries)) => List { count, skips, entries },
            _ => List { count: 0, skips: &[], entries: &[] },
        }
    }

    fn blocks(&self) -> usize {
        if self.skips.is_empty() {
            1
        } else {
            self.skips.len() / SKIP
        }
    }

    /// The last sentence of block `b` (any sentence, for a list of one block).
    fn last(&self, b: usize) -> u32 {
        if self.skips.is_empty() {
            u32::MAX
        } else {
            u32_at(self.skips, SKIP * b)
        }
    }

    /// The highest term frequency and the shortest sentence of its entries,
    /// for a list of more than one block.
    fn extremes(&self) -> Option<(u32, u32)> {
        let field = |b: usize, f: usize| u32_at(self.skips, SKIP * b + 4 * f);
        (!self.skips.is_empty()).then(|| {
            (0..self.blocks())
                .fold((0, u32::MAX), |(most, shortest), b| (most.max(field(b, 2)), shortest.min(field(b, 3))))
        })
    }

    /// Decodes `count` entries from `at` on, after sentence `id`.
    fn decode(&self, mut at: usize, id: u32, count: usize, mut f: impl FnMut(Posting)) {
        let mut posting = Posting { local: id, tf: 0, length: 0 };
        for _ in 0..count {
            if !posting.read(self.entries, &mut at) {
                break;
            }
            f(posting);
        }
    }

    /// Each entry, in order.
    fn each(&self, f: impl FnMut(Posting)) {
        self.decode(0, 0, self.count, f);
    }
}

/// A postings entry: a sentence (numbered in the segment), how often it
/// has the term, and its length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Posting {
    local: u32,
    tf: u32,
    length: u32,
}

impl Posting {
    /// Reads the entry at `*at` over this one (the one before it); false
    /// past the end.
    fn read(&mut self, entries: &[u8], at: &mut usize) -> bool {
        // Most entries are three one-byte numbers: read at once.
        if let Some(&[gap, tf, length]) = entries.get(*at..*at + 3) {
            if (gap | tf | length) < 0x80 {
                *at += 3;
                self.local = self.local.saturating_add(u32::from(gap));
                (self.tf, self.length) = (u32::from(tf), u32::from(length));
                return true;
            }
        }
        let (Some(gap), Some(tf), Some(length)) = (varint(entries, at), varint(entries, at), varint(entries, at))
        else {
            return false;
        };
        self.local = self.local.saturating_add(u32::try_from(gap).unwrap_or(u32::MAX));
        (self.tf, self.length) = (tf as u32, length as u32);
        true
    }
}

/// A list's entries one by one, in order, or skipping to a sentence.
struct Stream<'a> {
    list: List<'a>,
    /// Where the next entry is, and how many came before it.
    at: usize,
    taken: usize,
    /// The entry at hand.
    current: Option<Posting>,
}

impl<'a> Stream<'a> {
    fn new(list: List<'a>) -> Self {
        let mut stream = Stream { list, at: 0, taken: 0, current: None };
        stream.advance();
        stream
    }

    /// Moves to the next entry.
    fn advance(&mut self) {
        let mut next = self.current.unwrap_or(Posting { local: 0, tf: 0, length: 0 });
        self.current = None;
        if self.taken < self.list.count {
            self.taken += 1;
            self.current = next.read(self.list.entries, &mut self.at).then_some(next);
        }
    }

    /// Moves to sentence `local`'s entry, or past where it would be, over
    /// whole blocks through their skip entries (sentences are asked for in
    /// order); the entry if the list has it.
    fn seek(&mut self, local: u32) -> Option<Posting> {
        let list = self.list;
        let b = self.taken.saturating_sub(1) / BLOCK;
        if self.current.is_some_and(|e| e.local < local) && list.last(b) < local {
            let (mut low, mut high) = (b + 1, list.blocks());
            while low < high {
                let mid = (low + high) / 2;
                if list.last(mid) < local {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            // Past the last block: nothing left. Else on to the end of the one before.
            self.taken = if low < list.blocks() { low * BLOCK } else { list.count };
            self.at = u32_at(list.skips, SKIP * (low - 1) + 4) as usize;
            self.current = Some(Posting { local: list.last(low - 1), tf: 0, length: 0 });
            self.advance();
        }
        while self.current.is_some_and(|e| e.local < local) {
            self.advance();
        }
        self.current.filter(|e| e.local == local)
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
    /// Where sentences of the segment are in the corpus, asked in increasing order.
    fn places(&self) -> Places<'_> {
        let bytes = self.segment.bytes();
        Places { placed: self, bytes, document: 0, next: self.segment.start(bytes, 1) }
    }

    /// The live entries of `list`, with their sentences' corpus ids.
    fn each(&self, list: List<'_>, mut f: impl FnMut(SentenceId, Posting)) {
        let mut places = self.places();
        list.each(|posting| {
            if let Some(id) = places.of(posting.local as usize) {
                f(id, posting);
            }
        });
    }
}

/// Corpus ids of a segment's sentences, asked for in increasing order.
struct Places<'a> {
    placed: &'a Placed,
    /// The segment's bytes, taken once.
    bytes: &'a [u8],
    /// The document of the sentence last asked for, and the next one's first sentence.
    document: usize,
    next: usize,
}

impl Places<'_> {
    /// The corpus id of the segment's sentence `local`, `None` when its document is dead.
    fn of(&mut self, local: usize) -> Option<SentenceId> {
        let (at, segment) = (&self.placed.at, &self.placed.segment);
        while self.document < at.len() && self.next <= local {
            self.document += 1;
            self.next = segment.start(self.bytes, self.document + 1);
        }
        let first = (*at.get(self.document)?)?;
        Some(first + local - segment.start(self.bytes, self.document))
    }
}

/// How many terms' live counts each thread keeps before it starts again.
const KEPT_COUNTS: usize = 1 << 16;

/// Okapi BM25 over sentences.
pub struct Bm25Index {
    segments: Vec<Placed>,
    /// Live sentences.
    count: usize,
    average_length: f64,
    /// [`norm_of`] the lengths below [`NORMS`].
    norms: Vec<f64>,
    /// Tells this index's counts apart in each thread's copy.
    owner: memo::Owner,
}

/// Sentence lengths whose normalisation is kept worked out.
const NORMS: u32 = 512;
/// Sentence lengths whose weights for a term met once a search works out
/// beforehand.
const ONCE: usize = 64;

/// BM25's length normalisation of a sentence of `length` terms.
fn norm_of(length: u32, average_length: f64) -> f64 {
    1.0 - B + B * f64::from(length) / average_length.max(1.0)
}

impl std::fmt::Debug for Bm25Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Bm25Index").field("segments", &self.segments).field("count", &self.count).finish()
    }
}

/// A query term: its list in each segment, and its idf.
struct QueryTerm<'a> {
    lists: Vec<Option<List<'a>>>,
    idf: f64,
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
        let average_length = total as f64 / count.max(1) as f64;
        Bm25Index {
            segments,
            count,
            average_length,
            norms: (0..NORMS).map(|length| norm_of(length, average_length)).collect(),
            owner: memo::Owner::new(),
        }
    }

    /// Its segments (an index built in memory has one: what the on-disk index keeps).
    pub fn segments(&self) -> impl Iterator<Item = &Segment> {
        self.segments.iter().map(|p| &p.segment)
    }

    /// `term`'s list in each segment.
    fn lists(&self, term: &str) -> Vec<Option<List<'_>>> {
        self.segments.iter().map(|p| p.segment.list(term)).collect()
    }

    /// How many live sentences have `term`: from its lists' headers when no
    /// document is dead, else by decoding them. Each thread keeps the counts
    /// of the terms it asked about lately (a claim's terms are asked about
    /// for every candidate); `lists` are the term's, when the caller has them.
    fn count(&self, term: &str, lists: Option<&[Option<List<'_>>]>) -> usize {
        thread_local! {
            static COUNTS: memo::Memo<usize> = Default::default();
        }
        memo::kept(&COUNTS, &self.owner, KEPT_COUNTS, term, || {
            let looked_up;
            let lists = match lists {
                Some(lists) => lists,
                None => {
                    looked_up = self.lists(term);
                    &looked_up
                }
            };
            if self.segments.iter().all(|s| s.alive) {
                return lists.iter().flatten().map(|l| l.count).sum();
            }
            let mut count = 0;
            for (placed, list) in self.segments.iter().zip(lists) {
                list.iter().for_each(|&list| placed.each(list, |_, _| count += 1));
            }
            count
        })
    }

    /// A sentence's length normalisation: 1 - B + B × length / average
    /// length (from the table for the common lengths).
    fn norm(&self, length: u32) -> f64 {
        match self.norms.get(length as usize) {
            Some(&norm) => norm,
            None => norm_of(length, self.average_length),
        }
    }

    fn idf_of(&self, df: usize) -> f64 {
        let (n, df) = (self.count as f64, df as f64);
        ((n - df + 0.5) / (df + 0.5) + 1.0).ln()
    }

    /// [`Retriever::search`], in `slots`.
    fn search_in(&self, query: &[String], k: usize, slots: &mut Slots) -> Vec<Hit> {
        let mut seen = HashSet::new();
        let terms: Vec<QueryTerm<'_>> = query
            .iter()
            .filter(|t| seen.insert(t.as_str()))
            .map(|t| {
                let lists = self.lists(t);
                let idf = self.idf_of(self.count(t, Some(&lists)));
                QueryTerm { lists, idf }
            })
            .collect();
        let part = |idf: f64, tf: u32, length: u32| {
            let tf = f64::from(tf);
            idf * tf * (K1 + 1.0) / (tf + K1 * self.norm(length))
        };
        // Most entries are a term met once in a short sentence: what each
        // term adds then, worked out once per search.
        let once: Vec<[f64; ONCE]> = terms.iter().map(|t| std::array::from_fn(|l| part(t.idf, 1, l as u32))).collect();
        let weigh = |term: usize, tf: u32, length: u32| match once[term].get(length as usize) {
            Some(&weight) if tf == 1 => weight,
            _ => part(terms[term].idf, tf, length),
        };
        // A sentence's score from each term's frequency in it, summed in
        // query order.
        let exact = |tfs: &[u32], length: u32| {
            (terms.iter().zip(tfs))
                .filter(|(_, &tf)| tf > 0)
                .fold(0.0, |sum, (term, &tf)| sum + part(term.idf, tf, length))
        };
        let mut best = Best::new(k);
        let (mut tfs, mut looked) = (vec![0_u32; terms.len()], Vec::with_capacity(terms.len()));
        let mut found = Vec::with_capacity(WINDOW);
        for (s, placed) in self.segments.iter().enumerate() {
            // The most each term adds in this segment (from its list's
            // highest frequency and shortest sentence), the terms by that,
            // least first, and what the first j of them add at most.
            let extremes: Vec<Option<(u32, u32)>> = terms.iter().map(|t| t.lists[s]?.extremes()).collect();
            let most = |i: usize| match terms[i].lists[s] {
                None => 0.0,
                Some(_) => extremes[i].map_or(terms[i].idf * (K1 + 1.0), |(tf, length)| part(terms[i].idf, tf, length)),
            };
            let bounds: Vec<f64> = (0..terms.len()).map(most).collect();
            let mut order: Vec<usize> = (0..terms.len()).collect();
            order.sort_by(|&a, &b| bounds[a].total_cmp(&bounds[b]).then(a.cmp(&b)));
            let below: Vec<f64> = std::iter::once(0.0)
                .chain(order.iter().scan(0.0, |sum, &i| {
                    *sum += bounds[i];
                    Some(*sum)
                }))
                .collect();
            let list = |j: usize| terms[order[j]].lists[s];
            // What the first j terms add at most to a sentence of a common
            // length: each at its list's highest frequency in a sentence
            // that long (the longer ones are bounded by `below`).
            let mut room = vec![[0.0; ONCE]];
            for j in 0..order.len() {
                let most_tf = extremes[order[j]].map(|(tf, _)| tf);
                let most =
                    |length: usize| most_tf.map_or(bounds[order[j]], |tf| part(terms[order[j]].idf, tf, length as u32));
                let next = std::array::from_fn(|length| room[j][length] + most(length));
                room.push(next);
            }
            let room = |j: usize, length: u32| room[j].get(length as usize).copied().unwrap_or(below[j]);
            // The first `lesser` terms cannot bring a sentence in alone:
            // only the others' lists are read through (`reading`, by j).
            let lesser_of = |best: &Best| (1..=order.len()).take_while(|&j| !best.may_take(below[j])).count();
            let mut lesser = lesser_of(&best);
            let mut reading: Vec<Option<Stream<'_>>> = (0..order.len()).map(|j| list(j).map(Stream::new)).collect();
            let mut lookups: Vec<Option<Stream<'_>>> = (0..order.len()).map(|j| list(j).map(Stream::new)).collect();
            let mut places = placed.places();
            // From the first sentence a list read through has left, a window at a time.
            while let Some(start) =
                reading[lesser..].iter().flatten().filter_map(|stream| stream.current).map(|e| e.local).min()
            {
                let end = start.saturating_add(WINDOW as u32);
                slots.open(order.len());
                for (j, stream) in reading.iter_mut().enumerate().skip(lesser) {
                    let Some(stream) = stream else { continue };
                    while let Some(posting) = stream.current.filter(|e| e.local < end) {
                        slots.add(
                            j,
                            (posting.local - start) as usize,
                            posting,
                            weigh(order[j], posting.tf, posting.length),
                        );
                        stream.advance();
                    }
                }
                slots.take(&mut found);
                for &slot in &found {
                    let local = start + slot as u32;
                    let (mut partial, length) = (slots.partial[slot], slots.length[slot]);
                    let mut taken = best.may_take(partial + room(lesser, length));
                    if !taken {
                        continue;
                    }
                    // Ids are below the live count, given by the segments' placing.
                    let Some(id) = places.of(local as usize).filter(|&id| id < self.count) else { continue };
                    looked.clear();
                    for j in (0..lesser).rev() {
                        if !taken {
                            break;
                        }
                        if let Some(posting) = lookups[j].as_mut().and_then(|l| l.seek(local)) {
                            looked.push((j, posting.tf));
                            partial += weigh(order[j], posting.tf, length);
                        }
                        taken = best.may_take(partial + room(j, length));
                    }
                    if taken {
                        tfs.iter_mut().for_each(|tf| *tf = 0);
                        looked.iter().for_each(|&(j, tf)| tfs[order[j]] = tf);
                        (lesser..order.len()).for_each(|j| tfs[order[j]] = slots.tf(j, slot));
                        best.offer(Hit { sentence: id, score: exact(&tfs, length) });
                    }
                }
                // The k-th best may have risen: fewer lists need reading through.
                lesser = lesser.max(lesser_of(&best));
            }
        }
        best.hits()
    }
}

/// The best `k` hits so far: the worst on top.
struct Best {
    k: usize,
    heap: std::collections::BinaryHeap<Worst>,
    /// The least score that may still be among them (give or take
    /// rounding): none until there are `k`.
    floor: f64,
}

/// A hit ordered worst first: the lower score, then the later sentence.
struct Worst(Hit);

impl Ord for Worst {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (other.0.score.total_cmp(&self.0.score)).then(self.0.sentence.cmp(&other.0.sentence))
    }
}

impl PartialOrd for Worst {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Worst {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other).is_eq()
    }
}

impl Eq for Worst {}

impl Best {
    fn new(k: usize) -> Best {
        let floor = if k == 0 { f64::INFINITY } else { f64::NEG_INFINITY };
        Best { k, heap: std::collections::BinaryHeap::with_capacity(k + 1), floor }
    }

    /// Whether a sentence whose score is at most `upper` (give or take
    /// rounding) may still be among the best.
    fn may_take(&self, upper: f64) -> bool {
        upper >= self.floor
    }

    fn offer(&mut self, hit: Hit) {
        if self.heap.len() < self.k {
            self.heap.push(Worst(hit));
        } else if self.heap.peek().is_some_and(|w| Worst(hit) < *w) {
            self.heap.pop();
            self.heap.push(Worst(hit));
        }
        if self.heap.len() >= self.k {
            // With k = 0 nothing is ever among them.
            self.floor = self.heap.peek().map_or(f64::INFINITY, |w| w.0.score * (1.0 - 1e-9));
        }
    }

    /// The hits, best first.
    fn hits(self) -> Vec<Hit> {
        self.heap.into_sorted_vec().into_iter().map(|w| w.0).collect()
    }
}

/// Sentences a search weighs at a time: the lists read through add each of
/// their entries in the window to its sentence's slot, then the sentences
/// found are weighed in order.
const WINDOW: usize = 1024;

/// A search's slots for a window of sentences, kept by each thread from
/// one search to the next.
struct Slots {
    /// Per slot: what the lists read through add, and the sentence's length.
    partial: Vec<f64>,
    length: Vec<u32>,
    /// Which slots have a sentence, a bit each.
    found: Vec<u64>,
    /// Per list read through (`j × WINDOW + slot`): the window's stamp in
    /// the high half, the term's frequency in the low; a stamp not the
    /// window's means the list does not have the sentence.
    tf: Vec<u64>,
    /// The window at hand's stamp.
    stamp: u64,
}

impl Slots {
    fn new() -> Self {
        Slots {
            partial: vec![0.0; WINDOW],
            length: vec![0; WINDOW],
            found: vec![0; WINDOW / 64],
            tf: Vec::new(),
            stamp: 0,
        }
    }

    /// Starts a window for `lists` lists.
    fn open(&mut self, lists: usize) {
        if self.tf.len() < lists * WINDOW {
            self.tf.resize(lists * WINDOW, 0);
        }
        self.stamp += 1;
        if self.stamp > u64::from(u32::MAX) {
            self.tf.fill(0);
            self.stamp = 1;
        }
    }

    /// Adds list `j`'s entry at `slot`, worth `part`.
    fn add(&mut self, j: usize, slot: usize, posting: Posting, part: f64) {
        let (word, bit) = (slot / 64, 1_u64 << (slot % 64));
        if self.found[word] & bit == 0 {
            self.found[word] |= bit;
            (self.partial[slot], self.length[slot]) = (part, posting.length);
        } else {
            self.partial[slot] += part;
        }
        self.tf[j * WINDOW + slot] = self.stamp << 32 | u64::from(posting.tf);
    }

    /// List `j`'s frequency at `slot` in this window (0: it has no entry there).
    fn tf(&self, j: usize, slot: usize) -> u32 {
        let entry = self.tf[j * WINDOW + slot];
        if entry >> 32 == self.stamp {
            entry as u32
        } else {
            0
        }
    }

    /// The slots found, in order, into `found`, each emptied as it is taken.
    fn take(&mut self, found: &mut Vec<usize>) {
        found.clear();
        for (w, word) in self.found.iter_mut().enumerate() {
            let mut bits = std::mem::take(word);
            while bits != 0 {
                found.push(w * 64 + bits.trailing_zeros() as usize);
                bits &= bits - 1;
            }
        }
    }
}

impl Retriever for Bm25Index {
    /// Exact top `k`, window by window of sentences in each segment
    /// (MaxScore): a term adds to a sentence at most what it adds at its
    /// list's highest frequency in its shortest sentence (for a list of one
    /// block, idf × (K1 + 1)), so the terms whose bounds sum below the k-th
    /// best score so far cannot bring a sentence in alone. Only the other
    /// terms' lists are read through, a window of sentences at a time; a
    /// sentence they find is looked up in the rest (skipping whole blocks)
    /// while it may still reach the best k, the rest bounded then at their
    /// highest frequency in a sentence of its length. A sentence that does
    /// is scored term by term in query order, as one pass over every term
    /// would: the same floats and ties.
    fn search(&self, query: &[String], k: usize) -> Vec<Hit> {
        thread_local! {
            static SLOTS: std::cell::RefCell<Slots> = std::cell::RefCell::new(Slots::new());
        }
        SLOTS.with(|slots| self.search_in(query, k, &mut slots.borrow_mut()))
    }

    fn contains(&self, term: &str) -> bool {
        self.count(term, None) > 0
    }

    fn idf(&self, term: &str) -> f64 {
        self.idf_of(self.count(term, None))
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
            let idf = index.idf(term);
            for (placed, list) in index.segments.iter().zip(index.lists(term)) {
                list.into_iter().for_each(|list| {
                    placed.each(list, |id, posting| {
                        let tf = f64::from(posting.tf);
                        let length = placed.segment.length(placed.segment.bytes(), posting.local as usize);
                        let norm = 1.0 - B + B * f64::from(length) / index.average_length.max(1.0);
                        *scores.entry(id).or_default() += idf * tf * (K1 + 1.0) / (tf + K1 * norm);
                    })
                });
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
        let whole = Bm25Index::new(documents.iter().map(|d| d.iter().map(|s| s.iter().copied())));
        // The same documents in three segments, placed in the corpus in
        // another order than the segments', some of them dead.
        let segment = |range: std::ops::Range<usize>| {
            Segment::build(documents[range].iter().map(|d| d.iter().map(|s| s.iter().copied())))
        };
        let place = |documents: &[Option<usize>]| documents.iter().map(|d| d.map(|d| d * 50)).collect::<Vec<_>>();
        let split = Bm25Index::of(vec![
            (
                segment(0..10),
                place(&[Some(20), None, Some(21), Some(0), Some(1), Some(2), None, Some(3), Some(4), Some(5)]),
            ),
            (
                segment(10..20),
                place(&[
                    Some(6),
                    Some(7),
                    Some(8),
                    Some(9),
                    Some(10),
                    Some(11),
                    Some(12),
                    Some(13),
                    Some(14),
                    Some(15),
                ]),
            ),
            (
                segment(20..30),
                place(&[None, Some(16), Some(17), Some(18), Some(19), Some(22), Some(23), Some(24), Some(25), None]),
            ),
        ]);
        let queries = [vec!["w0"], vec!["w0", "w1"], vec!["w7", "w0", "w1"], vec!["w2", "w39", "w0", "w5", "w2"]];
        for index in [&whole, &split] {
            for query in &queries {
                let query: Vec<String> = query.iter().map(|t| t.to_string()).collect();
                for k in [1, 4, 12, 5000] {
                    assert_eq!(index.search(&query, k), every_sentence(index, &query, k), "{query:?} k={k}");
                }
            }
        }
    }

    /// A sentence's entry found through the skip entries is the one decoding
    /// finds, and gives the sentence's length.
    #[test]
    fn skip_entries_find_every_entry() {
        let documents: Vec<Vec<Vec<&str>>> =
            vec![(0..1000).map(|s| if s % 3 == 0 || s % 7 == 0 { vec!["a"; 1 + s % 4] } else { vec!["b"] }).collect()];
        let segment = Segment::build(documents);
        let list = segment.list("a").expect("a list");
        assert!(list.blocks() > 1);
        let mut entries = Vec::new();
        list.each(|posting| entries.push(posting));
        assert_eq!(entries.len(), list.count);
        let mut stream = Stream::new(list);
        for local in 0..1000 {
            let expected = entries.iter().find(|e| e.local == local).copied();
            assert_eq!(stream.seek(local), expected, "{local}");
        }
        let (mut most, mut shortest) = (0, u32::MAX);
        for posting in &entries {
            assert_eq!(posting.length, segment.length(segment.bytes(), posting.local as usize));
            most = most.max(posting.tf);
            shortest = shortest.min(posting.length);
        }
        assert_eq!(list.extremes(), Some((most, shortest)));
    }

    /// An entry of one-byte numbers and one with longer ones read alike,
    /// and an entry cut short reads as the end.
    #[test]
    fn entries_read_whatever_their_numbers_take() {
        let mut entries = Vec::new();
        for (gap, tf, length) in [(3, 1, 9), (200, 2, 70_000), (1, 130, 5)] {
            [gap, tf, length].into_iter().for_each(|v| push_varint(&mut entries, v));
        }
        let (mut posting, mut at) = (Posting { local: 0, tf: 0, length: 0 }, 0);
        let mut read = Vec::new();
        while posting.read(&entries, &mut at) {
            read.push(posting);
        }
        let expected = [(3, 1, 9), (203, 2, 70_000), (204, 130, 5)];
        assert_eq!(read, expected.map(|(local, tf, length)| Posting { local, tf, length }));
        let (mut posting, mut at) = (Posting { local: 0, tf: 0, length: 0 }, 0);
        assert!(!posting.read(&entries[..2], &mut at));
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
