//! Sums up the program's source and data files as `VERACITY_SOURCE_HASH`:
//! the on-disk index's files depend on how the program reads text, and a
//! build from other sources must not trust them. A hash of the contents (not
//! the binary's size or time) lets a copied binary, such as one shipped to a
//! Spark executor, use an index made by the original.

use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn main() {
    let mut paths = vec![PathBuf::from("Cargo.toml"), PathBuf::from("Cargo.lock")];
    for dir in ["src", "data"] {
        println!("cargo:rerun-if-changed={dir}");
        files(Path::new(dir), &mut paths);
    }
    println!("cargo:rerun-if-changed=Cargo.toml");
    println!("cargo:rerun-if-changed=Cargo.lock");
    paths.sort();
    // 64-bit FNV-1a over each path and its contents.
    let mut hash = 0xcbf2_9ce4_8422_2325_u64;
    for path in &paths {
        let contents = std::fs::read(path).unwrap_or_default();
        for &b in path.to_string_lossy().as_bytes().iter().chain(&[0]).chain(&contents) {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    println!("cargo:rustc-env=VERACITY_SOURCE_HASH={hash:016x}");
}
