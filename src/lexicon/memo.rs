//! Values worked out per word, kept by each thread: threads reading at once
//! would contend for a shared map's lock on every word.

use super::FastHash;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread::LocalKey;

/// What a memo's values belong to (a lexicon, an index), telling them from
/// another's of the same kind.
#[derive(Debug)]
pub(crate) struct Owner(u64);

impl Owner {
    /// A new owner, unlike every other.
    pub(crate) fn new() -> Owner {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        Owner(NEXT.fetch_add(1, Ordering::Relaxed))
    }
}

impl Default for Owner {
    fn default() -> Self {
        Owner::new()
    }
}

/// One thread's values by word, of one owner at a time (0: none yet).
pub(crate) type Memo<V> = RefCell<(u64, HashMap<String, V, FastHash>)>;

/// `word`'s value kept in this thread's `memo` for `owner`, or `make`'s,
/// then kept (at most `bound` values: then the memo starts again). `make`
/// must not ask the same memo.
pub(crate) fn kept<V: Clone>(
    memo: &'static LocalKey<Memo<V>>,
    owner: &Owner,
    bound: usize,
    word: &str,
    make: impl FnOnce() -> V,
) -> V {
    memo.with_borrow_mut(|(number, values)| {
        if *number != owner.0 || values.len() >= bound {
            (*number, *values) = (owner.0, HashMap::default());
        }
        if let Some(value) = values.get(word) {
            return value.clone();
        }
        let value = make();
        values.insert(word.to_string(), value.clone());
        value
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    thread_local! {
        static LENGTHS: Memo<usize> = Default::default();
    }

    /// A value is made once per owner, and each owner's are its own.
    #[test]
    fn values_are_kept_per_owner() {
        let (a, b) = (Owner::new(), Owner::new());
        let made = std::cell::Cell::new(0);
        let length = |owner: &Owner, word: &str, plus: usize| {
            kept(&LENGTHS, owner, 4, word, || {
                made.set(made.get() + 1);
                word.len() + plus
            })
        };
        assert_eq!(length(&a, "nato", 0), 4);
        assert_eq!(length(&a, "nato", 10), 4);
        assert_eq!(made.get(), 1);
        assert_eq!(length(&b, "nato", 10), 14);
        assert_eq!(made.get(), 2);
    }
}
