//! A per-thread memo of what a token's text alone decides: its exact and decap gazetteer ids and its word
//! classes.
//!
//! News text repeats its words (a few thousand forms make most of any article), while a lookup in the
//! gazetteer image touches a large table at random, which costs cache misses more than instructions. The
//! memo is keyed by the token text, so a hit skips the key normalization, the image lookup and the
//! word-class lookups. It lives in a thread-local (each worker thread of a batch has its own, no locks),
//! remembers which matcher filled it, and is emptied when it grows past [`CAPACITY`] forms, so its memory
//! stays bounded whatever the corpus.

use crate::gazetteer::{Matcher, TokId};
use rustc_hash::FxHashMap;
use std::cell::RefCell;

/// Distinct forms kept before the memo starts over (a few MiB at most).
const CAPACITY: usize = 1 << 16;

/// The facts about one form: its exact token id, and its class bits (0 for punctuation).
#[derive(Debug, Clone, Copy)]
pub struct Known {
    pub exact: Option<TokId>,
    pub decap: Option<TokId>,
    /// Some name starts with the exact id ([`Matcher::starts_name`]).
    pub starts: bool,
    pub class: u64,
}

#[derive(Default)]
pub struct TokenCache {
    owner: u64,
    map: FxHashMap<Box<str>, Known>,
}

impl TokenCache {
    /// The facts about `text`, computed by `compute` the first time this thread meets the form.
    #[inline]
    pub fn get_or_compute(&mut self, text: &str, compute: impl FnOnce() -> Known) -> Known {
        if let Some(&k) = self.map.get(text) {
            return k;
        }
        let k = compute();
        if self.map.len() >= CAPACITY {
            self.map.clear();
        }
        self.map.insert(text.into(), k);
        k
    }
}

thread_local! {
    static CACHE: RefCell<TokenCache> = RefCell::new(TokenCache::default());
}

/// Runs `f` with this thread's memo for matcher `m` (emptied first if another matcher filled it).
pub fn with<R>(m: &Matcher, f: impl FnOnce(&mut TokenCache) -> R) -> R {
    CACHE.with(|c| match c.try_borrow_mut() {
        Ok(mut cache) => {
            if cache.owner != m.uid() {
                cache.map.clear();
                cache.owner = m.uid();
            }
            f(&mut cache)
        }
        // not reachable (nothing in `f` extracts), but a fresh memo is always correct
        Err(_) => f(&mut TokenCache { owner: m.uid(), map: FxHashMap::default() }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn computes_once_per_form_and_starts_over_for_another_matcher() {
        let (a, b) = (Matcher::default(), Matcher::default());
        let mut calls = 0;
        for _ in 0..3 {
            with(&a, |c| {
                c.get_or_compute("Mali", || {
                    calls += 1;
                    Known { exact: None, decap: None, starts: false, class: 7 }
                })
            });
        }
        assert_eq!(calls, 1);
        let got = with(&b, |c| {
            c.get_or_compute("Mali", || {
                calls += 1;
                Known { exact: None, decap: None, starts: false, class: 9 }
            })
        });
        assert_eq!((calls, got.class), (2, 9));
    }
}
