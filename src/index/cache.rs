//! Values made on demand, the recently used kept in bounded memory: the
//! corpus's readings and windows.

use std::borrow::Borrow;
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;

/// Two generations, each holding values of a total weight of at most the
/// capacity: a value asked for again moves to the newer one, and the older
/// is dropped when the newer is full. A value that weighs nothing is not
/// kept. Values are pure functions of their key, so what is kept never
/// changes a result.
pub(crate) struct Cache<K, V> {
    generations: Mutex<[(HashMap<K, V>, usize); 2]>,
    capacity: usize,
    weight: fn(&V) -> usize,
}

impl<K: Hash + Eq, V: Clone> Cache<K, V> {
    /// A cache of generations weighing at most `capacity`, each value `weight`.
    pub(crate) fn new(capacity: usize, weight: fn(&V) -> usize) -> Self {
        Cache { generations: Mutex::default(), capacity, weight }
    }

    /// The value kept for `key`, or `make`'s (made without holding the lock:
    /// making one may ask for others).
    pub(crate) fn get_or<Q>(&self, key: &Q, make: impl FnOnce() -> V) -> V
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ToOwned<Owned = K> + ?Sized,
    {
        if let Ok(mut g) = self.generations.lock() {
            if let Some(v) = g[0].0.get(key) {
                return v.clone();
            }
            if let Some(v) = g[1].0.remove(key) {
                let w = (self.weight)(&v);
                g[1].1 -= w;
                g[0].1 += w;
                g[0].0.insert(key.to_owned(), v.clone());
                return v;
            }
        }
        let v = make();
        let w = (self.weight)(&v);
        if w > 0 {
            if let Ok(mut g) = self.generations.lock() {
                if g[0].1 + w > self.capacity {
                    g[1] = std::mem::take(&mut g[0]);
                }
                g[0].1 += w;
                g[0].0.insert(key.to_owned(), v.clone());
            }
        }
        v
    }
}
