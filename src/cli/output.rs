//! Writing reports without ever destroying what is at the path.
//!
//! - `-` is standard output ([`Stdout`]: a closed pipe ends the output, not the run).
//! - A regular file, or a path where nothing is yet, is replaced atomically:
//!   the report goes to a temporary file created exclusively (random name,
//!   `O_EXCL`, so never through a planted symlink) in the same folder, takes
//!   the old file's permissions, is flushed to disk and renamed over the
//!   target; then the folder is flushed.
//! - A symlink is written through, deliberately: the file it points to is
//!   replaced as above and the link is left as it is.
//! - Anything else (a device such as `/dev/null`, a FIFO) is opened and
//!   written as it is, never replaced.
//!
//! Temporary files (`.NAME.PID.RANDOM.tmp`) are removed when writing fails,
//! and on SIGINT or SIGTERM (see [`install_signal_handler`]); those a killed
//! run left (its PID no longer alive) are removed by the next write to the
//! same file.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Temporary files being written, removed if the process is interrupted.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Removes the temporary files still being written, then exits with 130
/// (interrupted), when the process gets SIGINT or SIGTERM.
pub fn install_signal_handler() {
    let _ = ctrlc::set_handler(|| {
        if let Ok(pending) = PENDING.lock() {
            for path in pending.iter() {
                let _ = std::fs::remove_file(path);
            }
        }
        std::process::exit(130);
    });
}

/// Standard output for streamed reports: a closed pipe (`veracity … | head`)
/// ends the output, not the run.
#[derive(Default)]
pub struct Stdout {
    closed: bool,
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if !self.closed {
            match anstream::stdout().write_all(buf) {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => self.closed = true,
                other => other?,
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match anstream::stdout().flush() {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            other => other,
        }
    }
}

/// Whether `path` means standard output.
pub fn is_stdout(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Whether standard output was open when the process started.
static STDOUT_OPEN: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(true);

/// Notes whether standard output was closed when the process started.
///
/// Rust's runtime puts `/dev/null`, opened read-write, on a standard
/// descriptor that is closed (`veracity check >&-`), before `main`; a report
/// written there would be lost without an error. A shell's `> /dev/null`
/// opens it write-only, so read-write `/dev/null` on descriptor 1 is taken as
/// "closed" (write `--output /dev/null` to discard a report on purpose).
pub fn note_standard_output() {
    // SAFETY: fstat and stat fill the zeroed structs they are given; fcntl
    // F_GETFL only reads the descriptor's flags.
    let reopened = unsafe {
        let (mut out, mut null): (libc::stat, libc::stat) = (std::mem::zeroed(), std::mem::zeroed());
        libc::fstat(1, &mut out) == 0
            && libc::stat(c"/dev/null".as_ptr(), &mut null) == 0
            && out.st_mode & libc::S_IFMT == libc::S_IFCHR
            && out.st_rdev == null.st_rdev
            && libc::fcntl(1, libc::F_GETFL) & libc::O_ACCMODE == libc::O_RDWR
    };
    STDOUT_OPEN.store(!reopened, std::sync::atomic::Ordering::Relaxed);
}

/// Whether standard output was open: with it closed (`>&-`), a report
/// written there would be lost without an error.
pub fn stdout_is_open() -> bool {
    STDOUT_OPEN.load(std::sync::atomic::Ordering::Relaxed)
}

/// Writes `bytes` to `path` as the module documentation says.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if is_stdout(path) {
        let mut out = Stdout::default();
        return out.write_all(bytes).and_then(|()| out.flush());
    }
    let target = match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => std::fs::canonicalize(path)?,
        _ => path.to_path_buf(),
    };
    match std::fs::metadata(&target) {
        Ok(meta) if meta.is_dir() => Err(io::Error::new(io::ErrorKind::IsADirectory, "is a directory")),
        Ok(meta) if !meta.is_file() => {
            // A device or a FIFO: write into it, never replace it.
            let mut file = std::fs::OpenOptions::new().write(true).open(&target)?;
            file.write_all(bytes).and_then(|()| file.flush())
        }
        Ok(meta) => replace(&target, bytes, Some(meta.permissions())),
        Err(e) if e.kind() == io::ErrorKind::NotFound => replace(&target, bytes, None),
        Err(e) => Err(e),
    }
}

/// Whether a report can be written to `path`, checked before any work is
/// done: a device, FIFO or `-` can; a file can when its folder exists and is
/// writable.
pub fn can_write(path: &Path) -> io::Result<()> {
    if is_stdout(path) {
        return Ok(());
    }
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => return Err(io::Error::new(io::ErrorKind::IsADirectory, "is a directory")),
        Ok(meta) if !meta.is_file() => return Ok(()),
        _ => {}
    }
    let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let dir = target.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let c_dir = std::ffi::CString::new(dir.as_os_str().as_encoded_bytes())
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "the path contains NUL"))?;
    // SAFETY: a valid NUL-terminated path; access only checks permissions.
    if unsafe { libc::access(c_dir.as_ptr(), libc::W_OK) } == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

/// Replaces the regular file `target` (or creates it) atomically.
fn replace(target: &Path, bytes: &[u8], permissions: Option<std::fs::Permissions>) -> io::Result<()> {
    let dir = target.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    remove_stale(dir, &name);
    let prefix = format!(".{name}.{}.", std::process::id());
    let temp = tempfile::Builder::new().prefix(&prefix).suffix(".tmp").tempfile_in(dir)?;
    let temp_path = temp.path().to_path_buf();
    if let Ok(mut pending) = PENDING.lock() {
        pending.push(temp_path.clone());
    }
    let written = (|| {
        let mut file = temp.as_file();
        file.write_all(bytes)?;
        if let Some(permissions) = permissions {
            file.set_permissions(permissions)?;
        }
        file.sync_all()?;
        temp.persist(target).map_err(|e| e.error)?;
        // The rename is durable once the folder is.
        if let Ok(folder) = std::fs::File::open(dir) {
            let _ = folder.sync_all();
        }
        Ok(())
    })();
    if let Ok(mut pending) = PENDING.lock() {
        pending.retain(|p| p != &temp_path);
    }
    // On error the temporary file was dropped, and so removed, by `persist`.
    written
}

/// Removes the temporary files for `name` in `dir` that a run killed while
/// writing left behind: those whose process is gone.
fn remove_stale(dir: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let prefix = format!(".{name}.");
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = file.strip_prefix(&prefix).filter(|r| r.ends_with(".tmp")) else { continue };
        let pid = rest.split('.').next().and_then(|p| p.parse::<i32>().ok());
        if pid.is_some_and(|pid| !alive(pid)) && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Whether a process with this id is running.
fn alive(pid: i32) -> bool {
    // SAFETY: signal 0 checks that the process exists; it sends nothing.
    let found = unsafe { libc::kill(pid, 0) } == 0;
    found || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

/// The file a path names, for telling whether two paths are the same file:
/// the path resolved through symlinks, or, for a file not there yet, its
/// resolved folder and its name.
pub fn identity(path: &Path) -> PathBuf {
    if let Ok(real) = std::fs::canonicalize(path) {
        return real;
    }
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    dir.join(path.file_name().unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::{FileTypeExt, PermissionsExt};

    #[test]
    fn a_regular_file_is_replaced_and_keeps_its_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.json");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
        write(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o444);
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["report.json"], "no temporary file is left");
    }

    #[test]
    fn a_symlink_is_written_through_and_stays_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.json");
        let link = dir.path().join("link.json");
        std::fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write(&link, b"new").unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
    }

    #[test]
    fn a_fifo_is_written_into_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let c = std::ffi::CString::new(fifo.to_string_lossy().as_bytes()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
        };
        write(&fifo, b"through the pipe").unwrap();
        assert_eq!(reader.join().unwrap(), "through the pipe");
        assert!(std::fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    }

    #[test]
    fn what_a_killed_run_left_is_removed_by_the_next() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.json");
        // No process has PID 2^22 + 1 (above Linux's largest PID).
        let stale = dir.path().join(".report.json.4194305.abcdef.tmp");
        let live = dir.path().join(format!(".report.json.{}.abcdef.tmp", std::process::id()));
        std::fs::write(&stale, "partial").unwrap();
        std::fs::write(&live, "being written").unwrap();
        write(&path, b"new").unwrap();
        assert!(!stale.exists());
        assert!(live.exists(), "a live process's temporary file is its own");
    }

    #[test]
    fn a_directory_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        assert!(write(dir.path(), b"x").is_err());
    }

    #[test]
    fn the_same_file_by_two_spellings() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("r.json");
        let b = dir.path().join(".").join("r.json");
        assert_eq!(identity(&a), identity(&b), "not there yet");
        std::fs::write(&a, "x").unwrap();
        assert_eq!(identity(&a), identity(&b));
    }
}
