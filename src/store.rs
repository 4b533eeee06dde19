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
//! indexed again, never trusted. Readers need no lock; [`DiskIndex::sweep`]
//! (removing the files no longer used) takes `lock`, so that two `veracity
//! index` runs do not sweep at once. The folder is safe to delete.

use crate::index::{DocumentCache, IndexedDocument};
use crate::model::SourceText;
use std::collections::HashSet;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Changes whenever the files' layout does.
pub const FORMAT: u32 = 1;
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

/// What [`DiskIndex::update`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Update {
    /// Sources whose indexed document was already kept.
    pub kept: usize,
    /// Sources segmented and written.
    pub read: usize,
    /// The sentences of those.
    pub sentences_read: usize,
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

    /// What went wrong so far, once each.
    pub fn problems(&self) -> Vec<String> {
        self.problems.lock().map(|p| p.clone()).unwrap_or_default()
    }

    fn problem(&self, message: String) {
        if let Ok(mut problems) = self.problems.lock() {
            problems.push(message);
        }
    }

    fn read(&self, key: &str) -> Result<Option<IndexedDocument>, String> {
        let bytes = match fs::read(self.doc(key)) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(format!("cannot read: {e}")),
        };
        let Some(header) = Header::parse(&bytes) else {
            return Err("not an index file (truncated or overwritten)".into());
        };
        if header.format != FORMAT {
            return Ok(None);
        }
        let payload = &bytes[HEADER..];
        if payload.len() as u64 != header.length || fnv(&[payload]) != header.checksum {
            return Err("damaged: its length or checksum does not match".into());
        }
        postcard::from_bytes(payload).map(Some).map_err(|e| format!("damaged: {e}"))
    }

    fn write(&self, key: &str, document: &IndexedDocument) -> io::Result<()> {
        let payload = postcard::to_stdvec(document).map_err(io::Error::other)?;
        let mut bytes = Vec::with_capacity(HEADER + payload.len());
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&FORMAT.to_le_bytes());
        bytes.extend_from_slice(&(payload.len() as u64).to_le_bytes());
        bytes.extend_from_slice(&fnv(&[&payload]).to_le_bytes());
        bytes.extend_from_slice(&payload);
        let mut temp = tempfile::NamedTempFile::new_in(self.dir.join("tmp"))?;
        temp.write_all(&bytes)?;
        temp.as_file().sync_data()?;
        temp.persist(self.doc(key)).map_err(|e| e.error)?;
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

    /// Brings the index up to date with `sources` without loading what it
    /// keeps: a source whose file is there is left alone, the others are
    /// segmented (on every core) and written. Returns how many were kept and
    /// how many sentences the new ones have.
    pub fn update(&self, sources: Vec<SourceText>, lexicon: &crate::lexicon::Lexicon) -> Update {
        use rayon::prelude::*;
        let added: Vec<Option<usize>> = sources
            .into_par_iter()
            .map(|source| {
                let key = self.key(&source);
                if self.has(&key) {
                    return None;
                }
                let document = IndexedDocument::of(source, lexicon);
                self.put(&key, &document);
                Some(document.sentences.len())
            })
            .collect();
        Update {
            kept: added.iter().filter(|a| a.is_none()).count(),
            read: added.iter().flatten().count(),
            sentences_read: added.iter().flatten().sum(),
        }
    }

    /// Removes the kept documents this run did not use, and temporary files
    /// left by killed runs. Fails when another process holds the lock.
    pub fn sweep(&self) -> io::Result<usize> {
        let _lock = Lock::take(&self.dir.join("lock"))?;
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
        self.mark(key);
        match self.read(key) {
            Ok(found) => found,
            Err(why) => {
                self.problem(format!("index file docs/{key} is {why}; indexing its source again"));
                None
            }
        }
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
        assert_eq!(index.problems().len(), 2, "{:?}", index.problems());
        assert!(index.problems().iter().all(|p| p.contains("damaged")), "{:?}", index.problems());
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
