//! The on-disk index: each source file's indexed document (its sentences and
//! their terms, [`IndexedDocument`]) kept between runs in a folder
//! (`.veracity/` beside `veracity.toml`, or `--index DIR`), so that a run
//! reads and segments only the files that are new or changed.
//!
//! A document is kept in `docs/KEY`, where KEY is a hash of everything its
//! indexing depends on: the source's path, metadata and text, and a
//! fingerprint of the program and of the settings that change analysis. A
//! changed file, word list or setting is a new key, so nothing is ever stale.
//! Files are written whole to `tmp/` and renamed into place: a process killed
//! at any point leaves every kept file complete or absent. Each file carries a
//! format number, its length and a checksum: a damaged one is reported and
//! indexed again, never trusted.
//!
//! A [`Snapshot`] (the file `snapshot`) makes a run that changes nothing
//! fast: the stamps (size, time, metadata) of the source files it was read
//! from, each document's [`Entry`], and the BM25 [`Segment`]s over their
//! sentences (`segments/NAME`, mapped, not read). When the stamps still hold,
//! a run opens it without reading a source; documents are read from `docs/`
//! when first asked for. `veracity index` adds a segment for the new and
//! changed documents (the old ones' postings are skipped) and merges them all
//! into one when there are too many or too much is dead.
//!
//! Readers need no lock. Writers (`veracity index`, and a run that writes a
//! snapshot) take `lock`: a second `veracity index` fails with a clear
//! message, and a run leaves the snapshot to the process holding it. The
//! folder is safe to delete.

use crate::index::{Bm25Index, Bytes, DocumentCache, Entry, IndexedDocument, KeptDocument, Segment, SentenceId};
use crate::ingest::Stamp;
use crate::model::SourceText;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Changes whenever the files' layout does.
pub const FORMAT: u32 = 4;
/// At most this many segments are kept; `veracity index` merges them beyond.
const MAX_SEGMENTS: usize = 8;
/// `veracity index` builds at most this many segments at once, in parallel…
const GROUPS: usize = 4;
/// … of at least this many documents each.
const GROUP_LEAST: usize = 64;
/// A stamp is trusted only for a file last modified this long (in
/// nanoseconds) before the run that read it began: a change within the file
/// system's time resolution could leave its stamp as it was.
const SETTLED: i128 = 2_000_000_000;
const MAGIC: &[u8; 8] = b"VERACITY";
const HEADER: usize = 8 + 4 + 8 + 8;

/// A kept file's header: the format, and the length and checksum of the
/// payload that follows it.
struct Header {
    format: u32,
    length: u64,
    checksum: u64,
}

impl Header {
    /// The header at the start of `bytes`; `None` when they are too short or
    /// are not an index file's.
    fn parse(bytes: &[u8]) -> Option<Header> {
        let field = |at: usize, n: usize| bytes[at..at + n].iter().rev().fold(0_u64, |v, &b| v << 8 | u64::from(b));
        (bytes.len() >= HEADER && &bytes[..8] == MAGIC).then(|| Header {
            format: field(8, 4) as u32,
            length: field(12, 8),
            checksum: field(20, 8),
        })
    }
}

/// A checksum of a file's payload, fast enough to check a mapped segment on
/// every run: four lanes of 64-bit words, multiplied and rotated, then the
/// tail and the length, all through FNV-1a.
fn checksum(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut lanes = [1_u64, 2, 3, 4];
    let mut chunks = bytes.chunks_exact(32);
    for chunk in &mut chunks {
        for (lane, word) in lanes.iter_mut().zip(chunk.chunks_exact(8)) {
            let word = u64::from_le_bytes(word.try_into().unwrap_or_default());
            *lane = (*lane ^ word).wrapping_mul(K).rotate_left(29);
        }
    }
    let lanes: Vec<u8> = lanes.iter().flat_map(|l| l.to_le_bytes()).collect();
    fnv(&[&lanes, chunks.remainder()])
}

/// 64-bit FNV-1a: stable on every machine and run.
pub fn fnv(parts: &[&[u8]]) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325_u64;
    for part in parts {
        for &b in part.iter().chain(&(part.len() as u64).to_le_bytes()) {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

/// A run of documents indexed into a segment: each document's place, entry
/// and whether it was read (not taken from `docs/`), and the segment.
type Run = (Vec<(usize, Entry, bool)>, Segment);

/// How many segments `documents` new documents make.
fn groups(documents: usize) -> usize {
    documents.div_ceil(GROUP_LEAST).min(GROUPS)
}

/// What [`DiskIndex::update`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Update {
    /// Sources whose indexed document was already kept.
    pub kept: usize,
    /// Sources segmented and written.
    pub read: usize,
    /// The sentences of those.
    pub sentences_read: usize,
    /// Kept documents no longer used, removed.
    pub removed: usize,
}

/// An on-disk index folder.
#[derive(Debug)]
pub struct DiskIndex {
    dir: PathBuf,
    fingerprint: u64,
    /// The keys this run read or wrote: what [`DiskIndex::sweep`] keeps.
    used: Mutex<HashSet<String>>,
    /// What went wrong reading or writing, for warnings (the run goes on).
    problems: Mutex<Vec<String>>,
}

impl DiskIndex {
    /// Opens (creating it if need be) the index in `dir`, for a program and
    /// settings summed up by `fingerprint`.
    pub fn open(dir: &Path, fingerprint: u64) -> io::Result<DiskIndex> {
        fs::create_dir_all(dir.join("docs"))?;
        fs::create_dir_all(dir.join("tmp"))?;
        let readme = dir.join("README");
        if !readme.exists() {
            let _ = fs::write(&readme, "Veracity's index of the sources (`veracity index`). Safe to delete.\n");
        }
        Ok(DiskIndex { dir: dir.to_path_buf(), fingerprint, used: Mutex::default(), problems: Mutex::default() })
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// What went wrong since this was last asked.
    pub fn take_problems(&self) -> Vec<String> {
        self.problems.lock().map(|mut p| std::mem::take(&mut *p)).unwrap_or_default()
    }

    pub(crate) fn problem(&self, message: String) {
        if let Ok(mut problems) = self.problems.lock() {
            problems.push(message);
        }
    }

    /// The document kept under `key` (an `IndexedDocument`, or a
    /// `KeptDocument`, which leaves the terms unread).
    fn read<D: serde::de::DeserializeOwned>(&self, key: &str) -> Result<Option<D>, String> {
        let Some(bytes) = read_file(&self.doc(key))? else { return Ok(None) };
        let Some(payload) = payload(&bytes)? else { return Ok(None) };
        postcard::from_bytes(payload).map(Some).map_err(|e| format!("damaged: {e}"))
    }

    /// The document kept under `key`, if any; a damaged one is reported.
    fn get_as<D: serde::de::DeserializeOwned>(&self, key: &str) -> Option<D> {
        self.mark(key);
        self.read(key).unwrap_or_else(|why| {
            self.problem(format!("index file docs/{key} is {why}; indexing its source again"));
            None
        })
    }

    fn write(&self, key: &str, document: &IndexedDocument) -> io::Result<()> {
        self.write_file(&self.doc(key), &postcard::to_stdvec(document).map_err(io::Error::other)?)
    }

    /// Writes `payload` with its header to `path`, whole: into `tmp/`, then renamed.
    fn write_file(&self, path: &Path, payload: &[u8]) -> io::Result<()> {
        let mut temp = tempfile::NamedTempFile::new_in(self.dir.join("tmp"))?;
        let mut header = Vec::with_capacity(HEADER);
        header.extend_from_slice(MAGIC);
        header.extend_from_slice(&FORMAT.to_le_bytes());
        header.extend_from_slice(&(payload.len() as u64).to_le_bytes());
        header.extend_from_slice(&checksum(payload).to_le_bytes());
        temp.write_all(&header)?;
        temp.write_all(payload)?;
        // Not synced: a killed process leaves the page cache as written, and
        // a file cut short by a power loss fails its checksum and is indexed
        // again.
        temp.persist(path).map_err(|e| e.error)?;
        Ok(())
    }

    /// Whether a complete file is kept under `key` (its header and length
    /// check out; the checksum is verified when it is read), counted as used.
    fn has(&self, key: &str) -> bool {
        use std::io::Read;
        self.mark(key);
        let mut bytes = [0_u8; HEADER];
        let read = fs::File::open(self.doc(key)).and_then(|mut f| f.read_exact(&mut bytes).and_then(|_| f.metadata()));
        let Ok(metadata) = read else { return false };
        Header::parse(&bytes).is_some_and(|h| h.format == FORMAT && metadata.len() == HEADER as u64 + h.length)
    }

    /// Where the document kept under `key` is.
    fn doc(&self, key: &str) -> PathBuf {
        self.dir.join("docs").join(key)
    }

    /// Brings the index up to date with `sources`, under the writer lock
    /// (failing when another process holds it): the sources whose document
    /// is kept are left alone, the others segmented (on every core) and
    /// written; their postings go into a new segment, or, when there would
    /// be too many segments or most of what they hold is dead, every
    /// document's into one. Then writes the snapshot and removes what is no
    /// longer used.
    pub fn update(&self, sources: Sources, lexicon: &crate::lexicon::Lexicon) -> io::Result<Update> {
        use rayon::prelude::*;
        let _lock = self.lock()?;
        let Sources { texts, stamps, read_at } = sources;
        let previous = self.snapshot().unwrap_or_else(|| self.snapshot_of(Vec::new(), 0, Vec::new()));
        let keys: Vec<String> = texts.par_iter().map(|s| self.key(s)).collect();
        let live: HashSet<&str> = keys.iter().map(String::as_str).collect();
        let entries: HashMap<&str, &Entry> = previous.documents.iter().map(|e| (e.key.as_str(), e)).collect();
        let sentences = |key: &str| entries.get(key).map(|e| e.sentences);
        // The previous segments that still hold a live document, and how
        // many of their sentences are dead.
        let mut kept_segments = Vec::new();
        let (mut covered, mut dead, mut alive) = (HashSet::new(), 0, 0);
        for (name, segment_keys) in &previous.segments {
            if !segment_keys.iter().any(|k| live.contains(k.as_str())) {
                continue;
            }
            for key in segment_keys {
                if live.contains(key.as_str()) && covered.insert(key.as_str()) {
                    alive += sentences(key).unwrap_or(0);
                } else {
                    dead += sentences(key).unwrap_or(usize::MAX / 4);
                }
            }
            kept_segments.push((name.clone(), segment_keys.clone()));
        }
        let fresh = keys.iter().filter(|k| !(covered.contains(k.as_str()) && entries.contains_key(k.as_str()))).count();
        let merge = kept_segments.len() + groups(fresh) > MAX_SEGMENTS || dead > alive;
        let reuse = |key: &str| !merge && covered.contains(key) && entries.contains_key(key) && self.has(key);
        // The documents to add to new segments, in order, split into at most
        // GROUPS runs of at least GROUP_LEAST, indexed on every core: a run's
        // documents are read (or taken from docs/) and added in order.
        let mut documents: Vec<Option<Entry>> =
            keys.iter().map(|k| reuse(k).then(|| entries[k.as_str()].clone())).collect();
        let work: Vec<(usize, SourceText)> =
            texts.into_iter().enumerate().filter(|(i, _)| documents[*i].is_none()).collect();
        let per_group = work.len().div_ceil(groups(work.len()).max(1));
        let mut runs: Vec<Vec<(usize, SourceText)>> = Vec::new();
        let mut work = work.into_iter().peekable();
        while work.peek().is_some() {
            runs.push(work.by_ref().take(per_group).collect());
        }
        let built: Vec<io::Result<Run>> = runs
            .into_par_iter()
            .map(|group| {
                let mut builder = crate::index::SegmentBuilder::new();
                let mut done = Vec::with_capacity(group.len());
                for (i, source) in group {
                    let key = &keys[i];
                    let (document, read) = match self.has(key).then(|| self.get(key)).flatten() {
                        Some(kept) => (kept, false),
                        None => {
                            let document = IndexedDocument::of(source, lexicon);
                            self.write(key, &document)?;
                            (document, true)
                        }
                    };
                    builder.add(document.terms.iter().map(|t| t.iter().map(String::as_str)));
                    done.push((i, Entry::of(&document, key.clone()), read));
                }
                Ok((done, builder.finish()))
            })
            .collect();
        let mut update = Update { kept: 0, read: 0, sentences_read: 0, removed: 0 };
        let mut segments = Vec::with_capacity(built.len());
        for group in built {
            let (done, segment) = group?;
            let keys: Vec<String> = done.iter().map(|(_, e, _)| e.key.clone()).collect();
            for (i, entry, read) in done {
                if read {
                    update.read += 1;
                    update.sentences_read += entry.sentences;
                }
                documents[i] = Some(entry);
            }
            segments.push((segment, keys));
        }
        update.kept = keys.len() - update.read;
        let documents = documents.into_iter().flatten().collect();
        let mut snapshot = self.snapshot_of(stamps, read_at, documents);
        snapshot.segments = if merge { Vec::new() } else { kept_segments };
        let new: Vec<(&Segment, Vec<String>)> = segments.iter().map(|(s, k)| (s, k.clone())).collect();
        self.save_locked(&mut snapshot, &new)?;
        update.removed = self.sweep_locked()?;
        Ok(update)
    }

    /// Removes the kept documents this run did not use, and temporary files
    /// left by killed runs. Fails when another process holds the lock.
    pub fn sweep(&self) -> io::Result<usize> {
        let _lock = self.lock()?;
        self.sweep_locked()
    }

    fn sweep_locked(&self) -> io::Result<usize> {
        let used = self.used.lock().map(|u| u.clone()).unwrap_or_default();
        let mut removed = 0;
        for entry in fs::read_dir(self.dir.join("docs"))?.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !used.contains(&name) && entry.file_type().is_ok_and(|t| t.is_file()) {
                fs::remove_file(entry.path())?;
                removed += 1;
            }
        }
        for entry in fs::read_dir(self.dir.join("tmp"))?.flatten() {
            let _ = fs::remove_file(entry.path());
        }
        Ok(removed)
    }

    /// The bytes the kept documents take.
    pub fn size(&self) -> u64 {
        fs::read_dir(self.dir.join("docs"))
            .map(|entries| entries.flatten().filter_map(|e| e.metadata().ok()).map(|m| m.len()).sum())
            .unwrap_or(0)
    }

    fn mark(&self, key: &str) {
        if let Ok(mut used) = self.used.lock() {
            used.insert(key.to_string());
        }
    }
}

/// A file's bytes; `None` when there is none.
fn read_file(path: &Path) -> Result<Option<Vec<u8>>, String> {
    match fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("cannot read: {e}")),
    }
}

/// The payload of a kept file's bytes, checked; `None` for another format.
fn payload(bytes: &[u8]) -> Result<Option<&[u8]>, String> {
    let Some(header) = Header::parse(bytes) else {
        return Err("not an index file (truncated or overwritten)".into());
    };
    if header.format != FORMAT {
        return Ok(None);
    }
    let payload = &bytes[HEADER..];
    if payload.len() as u64 != header.length || checksum(payload) != header.checksum {
        return Err("damaged: its length or checksum does not match".into());
    }
    Ok(Some(payload))
}

/// What a run that changes nothing needs, without reading a source: see the
/// module's documentation.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Snapshot {
    /// The fingerprint of the program and settings it was made with.
    pub fingerprint: u64,
    /// The source files' stamps when they were read, in the order listed.
    pub stamps: Vec<Stamp>,
    /// When that reading began, in nanoseconds since 1970.
    pub read_at: i128,
    /// The documents, in corpus order.
    pub documents: Vec<Entry>,
    /// The segments, by file name, with the keys of their documents in order.
    pub segments: Vec<(String, Vec<String>)>,
}

impl Snapshot {
    /// The files (by their place in `stamps`) whose stamp does not vouch for
    /// their contents: changed since they were read, or not settled then.
    /// `None` when the files are other files (added, removed, renamed).
    pub fn unsure(&self, stamps: &[Stamp]) -> Option<Vec<usize>> {
        let same_files = self.stamps.len() == stamps.len()
            && self.documents.len() == stamps.len()
            && self.stamps.iter().zip(stamps).all(|(a, b)| a.path == b.path);
        same_files.then(|| {
            let vouches = |(old, new): (&Stamp, &Stamp)| old == new && new.modified + SETTLED < self.read_at;
            (0..stamps.len()).filter(|&i| !vouches((&self.stamps[i], &stamps[i]))).collect()
        })
    }

    /// Each document's first sentence id, by key.
    fn firsts(&self) -> HashMap<&str, SentenceId> {
        let mut first = 0;
        let mut at = HashMap::new();
        for entry in &self.documents {
            at.entry(entry.key.as_str()).or_insert(first);
            first += entry.sentences;
        }
        at
    }
}

/// What [`DiskIndex::update`] is given: the sources in order, their stamps
/// and when reading them began.
#[derive(Debug)]
pub struct Sources {
    /// The sources, in corpus order.
    pub texts: Vec<SourceText>,
    /// Their stamps.
    pub stamps: Vec<Stamp>,
    /// When reading them began, in nanoseconds since 1970.
    pub read_at: i128,
}

impl DiskIndex {
    /// The snapshot, if there is a usable one: made by this program with
    /// these settings (a damaged one is reported). The fingerprint, its
    /// first field, is read first: a snapshot another version made, in a
    /// layout this one may not read, is passed over without a word.
    pub fn snapshot(&self) -> Option<Snapshot> {
        let ours = |p: &[u8]| postcard::take_from_bytes::<u64>(p).is_ok_and(|(f, _)| f == self.fingerprint);
        let read = read_file(&self.dir.join("snapshot")).and_then(|bytes| match bytes {
            Some(bytes) => payload(&bytes)?
                .filter(|p| ours(p))
                .map(|p| postcard::from_bytes::<Snapshot>(p).map_err(|e| format!("damaged: {e}")))
                .transpose(),
            None => Ok(None),
        });
        read.unwrap_or_else(|why| {
            self.problem(format!("index file snapshot is {why}; reading the sources"));
            None
        })
    }

    /// A snapshot of these files and documents (its segments to be added),
    /// by this program with these settings.
    pub fn snapshot_of(&self, stamps: Vec<Stamp>, read_at: i128, documents: Vec<Entry>) -> Snapshot {
        Snapshot { fingerprint: self.fingerprint, stamps, read_at, documents, segments: Vec::new() }
    }

    /// Whether the sources are still those of `snapshot`, given their stamps
    /// now and a way to read file `i`: the files whose stamps do not vouch
    /// for them are read and compared by their keys. When some were read and
    /// all hold, the snapshot is kept with the new stamps, as of `read_at`.
    /// Returns how many were read, or `None` when the sources changed.
    pub fn holds(
        &self,
        snapshot: &Snapshot,
        stamps: &[Stamp],
        read_at: i128,
        read: impl Fn(usize) -> Option<SourceText> + Sync,
    ) -> Option<usize> {
        use rayon::prelude::*;
        let unsure = snapshot.unsure(stamps)?;
        let same = |i: &usize| read(*i).is_some_and(|s| self.key(&s) == snapshot.documents[*i].key);
        if !unsure.par_iter().all(same) {
            return None;
        }
        if !unsure.is_empty() {
            self.refresh(snapshot, stamps, read_at);
        }
        Some(unsure.len())
    }

    /// Keeps `snapshot` with new stamps, under the writer lock, unless
    /// another process has replaced it meanwhile.
    fn refresh(&self, snapshot: &Snapshot, stamps: &[Stamp], read_at: i128) {
        let Ok(_lock) = self.lock() else { return };
        let same = |now: &Snapshot| {
            now.segments == snapshot.segments
                && now.documents.iter().map(|e| &e.key).eq(snapshot.documents.iter().map(|e| &e.key))
        };
        if self.snapshot().is_some_and(|now| same(&now)) {
            self.save_reported(Snapshot { stamps: stamps.to_vec(), read_at, ..snapshot.clone() }, &[]);
        }
    }

    /// BM25 over the snapshot's segments, mapped from their files (each
    /// checked whole); `None`, with the problem reported, when one is missing
    /// or damaged or they do not cover every document once.
    pub fn retriever(&self, snapshot: &Snapshot) -> Option<Bm25Index> {
        let firsts = snapshot.firsts();
        let mut placed = HashSet::new();
        let mut segments = Vec::with_capacity(snapshot.segments.len());
        for (name, keys) in &snapshot.segments {
            let segment = self.map_segment(name).and_then(|segment| {
                (segment.documents() == keys.len())
                    .then_some(segment)
                    .ok_or_else(|| "damaged: its documents do not match".to_string())
            });
            let segment = match segment {
                Ok(segment) => segment,
                Err(why) => {
                    self.problem(format!("index file segments/{name} is {why}; reading the sources"));
                    return None;
                }
            };
            let at =
                keys.iter().map(|k| firsts.get(k.as_str()).copied().filter(|_| placed.insert(k.as_str()))).collect();
            segments.push((segment, at));
        }
        if placed.len() != firsts.len() {
            self.problem("the index's snapshot leaves documents out; reading the sources".into());
            return None;
        }
        Some(Bm25Index::of(segments))
    }

    fn map_segment(&self, name: &str) -> Result<Segment, String> {
        let file = fs::File::open(self.segment(name)).map_err(|e| format!("cannot be read: {e}"))?;
        // SAFETY: index files are never changed in place (they are written
        // whole and renamed into place, and removed, not truncated), so the
        // mapping does not change under us.
        let map = unsafe { memmap2::Mmap::map(&file) }.map_err(|e| format!("cannot be mapped: {e}"))?;
        let range = match payload(&map)? {
            Some(p) => HEADER..HEADER + p.len(),
            None => return Err("of another format".into()),
        };
        let bytes = Bytes::new(Arc::new(map)).slice(range);
        Segment::read(bytes).map_err(|e| format!("damaged: {}", e.0))
    }

    fn segment(&self, name: &str) -> PathBuf {
        self.dir.join("segments").join(name)
    }

    /// Writes `segments` (new ones, with their documents' keys) and then the
    /// snapshot naming them (and `kept`, already written), under the writer
    /// lock; leaves it to another process that holds the lock. Removes the
    /// segments no longer named. A failure is reported.
    pub fn save(&self, snapshot: Snapshot, segments: &[(&Segment, Vec<String>)]) {
        if let Ok(_lock) = self.lock() {
            self.save_reported(snapshot, segments);
        }
    }

    /// [`DiskIndex::save_locked`], a failure reported (the run goes on).
    fn save_reported(&self, mut snapshot: Snapshot, segments: &[(&Segment, Vec<String>)]) {
        if let Err(e) = self.save_locked(&mut snapshot, segments) {
            self.problem(format!("cannot write the index's snapshot: {e}"));
        }
    }

    /// The writer lock, or why it cannot be had.
    fn lock(&self) -> io::Result<Lock> {
        Lock::take(&self.dir.join("lock"))
    }

    fn save_locked(&self, snapshot: &mut Snapshot, segments: &[(&Segment, Vec<String>)]) -> io::Result<()> {
        fs::create_dir_all(self.dir.join("segments"))?;
        for (segment, keys) in segments {
            let keys_joined = keys.join(" ");
            let name = format!("{:016x}", fnv(&[segment.bytes(), keys_joined.as_bytes()]));
            self.write_file(&self.segment(&name), segment.bytes())?;
            snapshot.segments.push((name, keys.clone()));
        }
        self.write_file(&self.dir.join("snapshot"), &postcard::to_stdvec(&*snapshot).map_err(io::Error::other)?)?;
        let named: HashSet<&str> = snapshot.segments.iter().map(|(n, _)| n.as_str()).collect();
        for entry in fs::read_dir(self.dir.join("segments"))?.flatten() {
            if !named.contains(entry.file_name().to_string_lossy().as_ref()) {
                let _ = fs::remove_file(entry.path());
            }
        }
        Ok(())
    }
}

/// The documents of a snapshot: read from the index, or, where a kept file
/// is damaged or gone, from their source files again (and kept anew) when
/// those are as they were.
pub struct KeptDocuments {
    /// The index.
    pub index: Arc<DiskIndex>,
    /// Each document's key.
    pub keys: Vec<String>,
    /// Each document's source file and metadata from a manifest.
    pub files: Vec<(PathBuf, Option<crate::model::SourceMeta>)>,
    /// How sources are read.
    pub settings: crate::config::Ingest,
    /// The words they are read with.
    pub lexicon: Arc<crate::lexicon::Lexicon>,
}

impl crate::index::DocumentSource for KeptDocuments {
    fn load(&self, number: usize) -> Option<KeptDocument> {
        let key = self.keys.get(number)?;
        if let Some(document) = self.index.get_as::<KeptDocument>(key) {
            return Some(document);
        }
        let (path, meta) = self.files.get(number)?;
        let source = crate::ingest::read_source_with(path, meta.clone(), &self.settings, &mut Vec::new()).ok()?;
        if self.index.key(&source) != *key {
            self.index.problem(format!("{} changed during the run; its sentences are left out", source.path));
            return None;
        }
        let document = IndexedDocument::of(source, &self.lexicon);
        self.index.put(key, &document);
        Some(document.without_terms())
    }
}

impl DocumentCache for DiskIndex {
    /// A hash of the source's path, metadata and text, and of the
    /// fingerprint this index was opened with.
    fn key(&self, source: &SourceText) -> String {
        let meta = serde_json::to_string(&source.meta).unwrap_or_default();
        let original = source.original.as_deref().unwrap_or("");
        let hash = fnv(&[
            &self.fingerprint.to_le_bytes(),
            source.path.as_bytes(),
            meta.as_bytes(),
            source.text.as_bytes(),
            &[u8::from(source.original.is_some())],
            original.as_bytes(),
        ]);
        format!("{hash:016x}")
    }

    fn get(&self, key: &str) -> Option<IndexedDocument> {
        self.get_as(key)
    }

    fn put(&self, key: &str, document: &IndexedDocument) {
        self.mark(key);
        if let Err(e) = self.write(key, document) {
            self.problem(format!("cannot write index file docs/{key}: {e}"));
        }
    }
}

/// The lock file held while sweeping: created exclusively, removed when
/// dropped. A lock left by a killed process (whose id is gone) is taken over.
struct Lock(PathBuf);

impl Lock {
    fn take(path: &Path) -> io::Result<Lock> {
        for _ in 0..2 {
            match fs::OpenOptions::new().write(true).create_new(true).open(path) {
                Ok(mut file) => {
                    let _ = write!(file, "{}", std::process::id());
                    return Ok(Lock(path.to_path_buf()));
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                    let holder = fs::read_to_string(path).unwrap_or_default();
                    let alive = holder.trim().parse::<u32>().is_ok_and(process_exists);
                    if alive {
                        return Err(io::Error::new(
                            io::ErrorKind::WouldBlock,
                            format!("another veracity process ({}) is updating the index", holder.trim()),
                        ));
                    }
                    fs::remove_file(path)?;
                }
                Err(e) => return Err(e),
            }
        }
        Err(io::Error::other("cannot take the index lock"))
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.0);
    }
}

/// Whether a process with this id runs (on Linux, by `/proc`; elsewhere
/// assumed, so that a lock is never taken from a live process).
fn process_exists(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        Path::new("/proc").join(pid.to_string()).exists()
    } else {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;
    use crate::model::SourceMeta;

    fn source(text: &str) -> SourceText {
        SourceText { path: "a.txt".into(), text: text.into(), original: None, meta: SourceMeta::default() }
    }

    #[test]
    fn kept_documents_come_back_and_damaged_ones_are_reported() {
        let dir = tempfile::tempdir().unwrap();
        let index = DiskIndex::open(dir.path(), 7).unwrap();
        let lexicon = Lexicon::builtin();
        let text = source("NATO has 32 members. Finland joined in 2023.\n");
        let key = index.key(&text);
        assert_eq!(index.get(&key).map(|d| d.path), None);
        let document = IndexedDocument::of(text.clone(), &lexicon);
        index.put(&key, &document);
        let back = index.get(&key).expect("kept");
        assert_eq!((back.sentences.len(), back.terms), (2, document.terms.clone()));
        assert_eq!(back.meta, document.meta);
        // Another text, or another fingerprint, is another key.
        assert_ne!(index.key(&source("NATO has 31 members.\n")), key);
        assert_ne!(DiskIndex::open(dir.path(), 8).unwrap().key(&text), key);
        // A truncated file and a flipped byte are reported, not trusted.
        let path = dir.path().join("docs").join(&key);
        let bytes = fs::read(&path).unwrap();
        fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
        assert!(index.get(&key).is_none());
        let mut flipped = bytes.clone();
        *flipped.last_mut().unwrap() ^= 1;
        fs::write(&path, &flipped).unwrap();
        assert!(index.get(&key).is_none());
        let problems = index.take_problems();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems.iter().all(|p| p.contains("damaged")), "{problems:?}");
    }

    #[test]
    fn a_snapshot_another_version_made_is_passed_over_quietly() {
        let dir = tempfile::tempdir().unwrap();
        let index = DiskIndex::open(dir.path(), 7).unwrap();
        let written = |fingerprint: u64| {
            // The fingerprint, then a layout this version cannot read.
            let mut payload = postcard::to_allocvec(&fingerprint).unwrap();
            payload.extend([0xff; 16]);
            index.write_file(&dir.path().join("snapshot"), &payload).unwrap();
        };
        written(8);
        assert!(index.snapshot().is_none());
        assert_eq!(index.take_problems(), Vec::<String>::new());
        written(7);
        assert!(index.snapshot().is_none());
        assert!(index.take_problems().iter().any(|p| p.contains("damaged")), "its own fingerprint: damaged");
    }

    #[test]
    fn sweeping_keeps_what_the_run_used() {
        let dir = tempfile::tempdir().unwrap();
        let lexicon = Lexicon::builtin();
        let first = DiskIndex::open(dir.path(), 1).unwrap();
        for text in ["One sentence here.\n", "Another sentence there.\n"] {
            let s = source(text);
            first.put(&first.key(&s), &IndexedDocument::of(s, &lexicon));
        }
        let second = DiskIndex::open(dir.path(), 1).unwrap();
        let kept = source("One sentence here.\n");
        assert!(second.get(&second.key(&kept)).is_some());
        fs::write(dir.path().join("tmp").join("left-by-a-killed-run"), b"x").unwrap();
        assert_eq!(second.sweep().unwrap(), 1);
        assert_eq!(fs::read_dir(dir.path().join("docs")).unwrap().count(), 1);
        assert_eq!(fs::read_dir(dir.path().join("tmp")).unwrap().count(), 0);
        assert!(!dir.path().join("lock").exists(), "the lock is given back");
    }

    #[test]
    fn a_live_lock_is_respected_and_a_dead_one_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lock");
        fs::write(&path, std::process::id().to_string()).unwrap();
        let err = Lock::take(&path).err().expect("held by this live process");
        assert!(err.to_string().contains("another veracity process"), "{err}");
        fs::write(&path, "999999999").unwrap();
        assert!(Lock::take(&path).is_ok());
    }
}
