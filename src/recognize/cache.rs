//! A per-thread memo of what a token's text alone decides: its exact and decap gazetteer ids and its word
//! classes.
//!
//! News text repeats its words (a few thousand forms make most of any article), while a lookup in the
//! gazetteer image touches a large table at random, which costs cache misses more than instructions. The
//! memo is keyed by the token text, so a hit skips the key normalization, the image lookup and the
//! word-class lookups. It lives in a thread-local (each worker thread of a batch has its own, no locks),
//! remembers which matcher filled it, and is emptied when it grows past [`CAPACITY`] forms, so its memory
//! stays bounded whatever the corpus.
//!
//! DESIGN note: an open-addressing table of our own rather than a `HashMap<Box<str>, _>`: it is probed
//! once per token of every document, and most tokens are short words, so a form of up to 16 bytes is
//! stored inline as two zero-padded words. A probe then hashes two `u64`s and compares them, with no
//! pointer to follow and no byte loop; longer forms keep their bytes in an arena.

use super::words::class;
use crate::bytes::load_le;
use crate::gazetteer::{Matcher, TokId};
use std::cell::RefCell;
use std::ops::Range;

/// Distinct forms kept before the memo starts over (a few MiB at most).
const CAPACITY: usize = 1 << 16;

/// Slots of a new table; it doubles as forms arrive, up to twice [`CAPACITY`].
const FIRST_SLOTS: usize = 1 << 10;

/// The facts about one form: its exact and decap token ids, its class bits (0 for punctuation) and whether
/// some name starts with its exact id. Packed as the slot keeps them (twelve bytes), so that a hit is one
/// copy out of the slot, not a rebuilt struct.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Known {
    pub exact: Option<TokId>,
    pub decap: Option<TokId>,
    /// The class bits (text bits only, [`class::TEXT_BITS`]), and [`STARTS`].
    bits: u32,
}

/// [`Known::starts`], kept above the class bits.
const STARTS: u32 = 1 << 31;

impl Known {
    /// `class` keeps only its text bits ([`class::TEXT_BITS`]): the others depend on more than the text.
    pub fn new(exact: Option<TokId>, decap: Option<TokId>, starts: bool, class: u64) -> Self {
        debug_assert!(class & !class::TEXT_BITS == 0);
        let starts = if starts { STARTS } else { 0 };
        Known { exact, decap, bits: (class & class::TEXT_BITS) as u32 | starts }
    }

    /// Some name starts with the exact id ([`Matcher::starts_name`]).
    #[inline]
    pub fn starts(&self) -> bool {
        self.bits & STARTS != 0
    }

    /// The word-class bits of the form.
    #[inline]
    pub fn class(&self) -> u64 {
        (self.bits & !STARTS) as u64
    }
}

/// A form as the table compares it: up to 16 bytes zero-padded in `words`, or (longer) its hash in
/// `words[0]` and its bytes in the arena.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Key {
    words: [u64; 2],
    len: u32,
}

/// One form and its facts in 32 bytes, two to a cache line: the table is probed once per token, and a
/// probe that misses the cache costs more than everything else the token needs.
#[derive(Clone, Copy, Default)]
#[repr(align(32))]
struct Slot {
    /// [`Key::words`]; for a long form, its hash and its start in [`TokenCache::arena`].
    words: [u64; 2],
    /// Byte length of the form; 0 marks an empty slot (no token is empty).
    len: u32,
    known: Known,
}

pub struct TokenCache {
    owner: u64,
    slots: Vec<Slot>,
    arena: Vec<u8>,
    len: usize,
}

impl Default for TokenCache {
    fn default() -> Self {
        TokenCache { owner: 0, slots: vec![Slot::default(); FIRST_SLOTS], arena: Vec::new(), len: 0 }
    }
}

#[inline]
fn key_of(text: &str) -> Key {
    let b = text.as_bytes();
    let n = b.len();
    let words = if n <= 8 {
        [load_le(b), 0]
    } else if n <= 16 {
        [u64::from_le_bytes(b[..8].try_into().unwrap_or_default()), load_le(&b[8..])]
    } else {
        // long forms compare by hash first, then by bytes (`words[1]` is where the slot keeps them)
        let mut h = 0u64;
        for c in b.chunks(8) {
            h = (h.rotate_left(5) ^ load_le(c)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
        [h, 0]
    };
    Key { words, len: n as u32 }
}

/// [`key_of`] of `src[range]`: [`short_key`] when it applies, else from the form's bytes.
#[inline(always)]
fn key_at(src: &str, range: Range<usize>) -> Key {
    short_key(src, range.clone()).unwrap_or_else(|| key_of(&src[range]))
}

/// [`key_of`] of `src[range]` for a form of 1 to 16 bytes with 16 bytes of `src` from its start: two words
/// read at once and masked to its length; `None` for any other form.
#[inline(always)]
fn short_key(src: &str, range: Range<usize>) -> Option<Key> {
    let n = range.end.wrapping_sub(range.start);
    let (Some(wide), Some(mask)) = (src.as_bytes().get(range.start..range.start + 16), MASKS.get(n)) else {
        return None;
    };
    if n == 0 {
        return None;
    }
    let word = |i: usize| u64::from_le_bytes(wide[i..i + 8].try_into().unwrap_or([0; 8]));
    Some(Key { words: [word(0) & mask[0], word(8) & mask[1]], len: n as u32 })
}

/// The masks that keep the first `n` bytes of two little-endian words, for `n` up to 16: a table read
/// is cheaper than the variable 128-bit shift.
static MASKS: [[u64; 2]; 17] = {
    let mut t = [[0u64; 2]; 17];
    let mut n = 1;
    while n <= 16 {
        t[n] = if n <= 8 { [u64::MAX >> (64 - 8 * n), 0] } else { [u64::MAX, u64::MAX >> (128 - 8 * n)] };
        n += 1;
    }
    t
};

/// The hash of a key, whose high bits pick the slot ([`TokenCache::first_slot`]): a multiplication
/// carries every bit of a word to the high bits of the product. The length is left out: two forms that
/// differ only by it (trailing NUL bytes) share a probe sequence and are told apart by the comparison.
#[inline]
fn hash(k: &Key) -> u64 {
    k.words[0].wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ k.words[1].wrapping_mul(0xc2b2_ae3d_27d4_eb4f)
}

impl TokenCache {
    /// Where the probe of a key with hash `h` starts: the high bits of `h`, as many as the table's size
    /// has (it is a power of two).
    #[inline(always)]
    fn first_slot(&self, h: u64) -> usize {
        (h >> (64 - self.slots.len().trailing_zeros())) as usize
    }

    /// The facts about `text`, computed by `compute` the first time this thread meets the form.
    #[inline]
    pub fn get_or_compute(&mut self, text: &str, compute: impl FnOnce() -> Known) -> Known {
        self.get_or_compute_in(text, 0..text.len(), compute)
    }

    /// [`TokenCache::get_or_compute`] of the form `src[range]` (a token of a document). A form of up to
    /// 16 bytes with 16 bytes of `src` from its start is loaded as two words and masked to its
    /// length: no branch on the length, which varies from one word to the next and which the CPU
    /// cannot predict.
    #[inline]
    pub fn get_or_compute_in(&mut self, src: &str, range: Range<usize>, compute: impl FnOnce() -> Known) -> Known {
        let key = key_at(src, range.clone());
        match self.find::<false>(&key, src, range.clone()) {
            Some(known) => known,
            None => self.compute_and_insert(key, &src[range], compute),
        }
    }

    /// The facts remembered for the form `src[range]`, when it is one of 1 to 16 bytes with 16 bytes of
    /// `src` from its start, the case of nearly every token; `None` for any other form (the caller then
    /// asks [`TokenCache::get_or_compute_in`]) or an unknown one. Its probe has no long-form branch: the
    /// loop that calls it keeps only what that case needs.
    #[inline(always)]
    pub fn get_short(&self, src: &str, range: Range<usize>) -> Option<Known> {
        self.find::<true>(&short_key(src, range.clone())?, src, range)
    }

    /// The facts remembered for the form `src[range]`, if any (nothing is computed).
    #[inline(always)]
    pub fn get_in(&self, src: &str, range: Range<usize>) -> Option<Known> {
        self.find::<false>(&key_at(src, range.clone()), src, range)
    }

    /// Asks memory now for the slot where the probe of `src[range]` (a form of 1 to 16 bytes) begins, so
    /// that [`TokenCache::get_short`] of it, a few tokens later, finds the line in cache. The table is
    /// larger than the L2 cache: without this, each rare form's probe waits for memory with the loop
    /// stalled behind it, and that wait was most of the per-token pass's time.
    #[inline(always)]
    pub fn prefetch_short(&self, src: &str, range: Range<usize>) {
        if let Some(key) = short_key(src, range) {
            let s = self.first_slot(hash(&key));
            // (no bounds test: `s` is masked to the table, and a prefetch of any address is harmless)
            prefetch(self.slots.as_ptr().wrapping_add(s));
        }
    }

    /// The slot of `key` (the key of `src[range]`); `SHORT`: the key is known to be of 1 to 16 bytes.
    #[inline(always)]
    fn find<const SHORT: bool>(&self, key: &Key, src: &str, range: Range<usize>) -> Option<Known> {
        let mask = self.slots.len() - 1;
        let mut s = self.first_slot(hash(key));
        loop {
            let slot = self.slots.get(s)?;
            // one test for a form of 1 to 16 bytes: length and both words at once (a long form keeps
            // an arena offset in `words[1]`, so it is compared below; an empty form is never kept)
            let diff = u64::from(slot.len ^ key.len) | (slot.words[0] ^ key.words[0]) | (slot.words[1] ^ key.words[1]);
            if (diff == 0) & (SHORT || key.len.wrapping_sub(1) < 16) {
                return Some(slot.known);
            }
            if slot.len == 0 {
                return None;
            }
            if !SHORT
                && key.len > 16
                && slot.len == key.len
                && slot.words[0] == key.words[0]
                && self.long_equal(slot.words[1], &src[range.clone()])
            {
                return Some(slot.known);
            }
            s = (s + 1) & mask;
        }
    }

    /// The miss path, out of line: the values `compute` captures then take no registers in the caller's
    /// per-token loop, where nearly every token hits.
    #[cold]
    #[inline(never)]
    fn compute_and_insert(&mut self, key: Key, form: &str, compute: impl FnOnce() -> Known) -> Known {
        let known = compute();
        self.insert(key, form, known);
        known
    }

    fn long_equal(&self, at: u64, text: &str) -> bool {
        let at = at as usize;
        self.arena.get(at..at + text.len()) == Some(text.as_bytes())
    }

    #[cold]
    fn insert(&mut self, key: Key, text: &str, known: Known) {
        if key.len == 0 {
            return;
        }
        if self.len >= CAPACITY {
            self.clear();
        }
        if 2 * (self.len + 1) > self.slots.len() {
            self.grow();
        }
        let mut words = key.words;
        if key.len > 16 {
            words[1] = self.arena.len() as u64;
            self.arena.extend_from_slice(text.as_bytes());
        }
        self.place(Slot { words, len: key.len, known });
        self.len += 1;
    }

    /// Puts a slot known to be absent into the first free place of its probe sequence.
    fn place(&mut self, slot: Slot) {
        let mask = self.slots.len() - 1;
        let key = Key { words: [slot.words[0], if slot.len <= 16 { slot.words[1] } else { 0 }], len: slot.len };
        let mut s = self.first_slot(hash(&key));
        while self.slots[s].len != 0 {
            s = (s + 1) & mask;
        }
        self.slots[s] = slot;
    }

    fn grow(&mut self) {
        let bigger = vec![Slot::default(); self.slots.len() * 2];
        let old = std::mem::replace(&mut self.slots, bigger);
        for slot in old.into_iter().filter(|s| s.len != 0) {
            self.place(slot);
        }
    }

    fn clear(&mut self) {
        self.slots = vec![Slot::default(); FIRST_SLOTS];
        self.arena.clear();
        self.len = 0;
    }
}

/// A hint to the CPU that the memory at `p` will be read soon; nothing on targets without one.
#[inline(always)]
fn prefetch<T>(p: *const T) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        // SAFETY: a prefetch is a hint: it reads nothing the program sees, writes nothing and never
        // faults, whatever the address; SSE is part of every x86-64 CPU.
        unsafe { _mm_prefetch::<_MM_HINT_T0>(p.cast::<i8>()) };
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

thread_local! {
    static CACHE: RefCell<TokenCache> = RefCell::new(TokenCache::default());
}

/// Runs `f` with this thread's memo for matcher `m` (emptied first if another matcher filled it).
pub fn with<R>(m: &Matcher, f: impl FnOnce(&mut TokenCache) -> R) -> R {
    CACHE.with(|c| match c.try_borrow_mut() {
        Ok(mut cache) => {
            if cache.owner != m.uid() {
                cache.clear();
                cache.owner = m.uid();
            }
            f(&mut cache)
        }
        // not reachable (nothing in `f` extracts), but a fresh memo is always correct
        Err(_) => f(&mut TokenCache { owner: m.uid(), ..TokenCache::default() }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn known(class: u64) -> Known {
        Known::new(None, None, false, class)
    }

    #[test]
    fn computes_once_per_form_and_starts_over_for_another_matcher() {
        let (a, b) = (Matcher::default(), Matcher::default());
        let mut calls = 0;
        for _ in 0..3 {
            with(&a, |c| {
                c.get_or_compute("Mali", || {
                    calls += 1;
                    known(7)
                })
            });
        }
        assert_eq!(calls, 1);
        let got = with(&b, |c| {
            c.get_or_compute("Mali", || {
                calls += 1;
                known(9)
            })
        });
        assert_eq!((calls, got.class()), (2, 9));
    }

    #[test]
    fn zero_padded_keys_tell_forms_apart() {
        // a form and the same bytes followed by NULs must not share a key
        assert!(key_of("ab") != key_of("ab\0"));
        assert!(key_of("abcdefgh") != key_of("abcdefgh\0"));
        assert!(key_of("abcdefghijklmnop") != key_of("abcdefghijklmno"));
        assert_eq!(key_of("Lavrov"), key_of(&String::from("Lavrov")));
    }

    /// An empty form matches no slot (empty slots have length 0 too): it is computed every time.
    #[test]
    fn empty_form_is_never_remembered() {
        let mut cache = TokenCache::default();
        cache.get_or_compute("a", || known(7));
        for _ in 0..2 {
            let mut computed = false;
            let k = cache.get_or_compute_in("a", 1..1, || {
                computed = true;
                known(3)
            });
            assert!(computed);
            assert_eq!(k.class(), 3);
        }
    }

    proptest! {
        /// The wide load gives the key the byte-wise one gives, wherever the form sits in the text.
        #[test]
        fn wide_key_is_the_key(text in "[a-zé\x00 ]{0,40}", a in 0usize..40, len in 0usize..24) {
            let start = text.char_indices().map(|(i, _)| i).find(|&i| i >= a).unwrap_or(text.len());
            let end = text.char_indices().map(|(i, _)| i).chain([text.len()]).find(|&i| i >= start + len).unwrap_or(text.len());
            prop_assert_eq!(key_at(&text, start..end), key_of(&text[start..end]));
        }

        /// Whatever the forms (short, long, repeated, colliding, past the capacity), the memo answers
        /// what was computed for exactly that form, or computes it again.
        #[test]
        fn answers_what_was_computed_for_that_form(forms in prop::collection::vec("[a-c\\x00é]{0,20}", 1..200)) {
            let mut cache = TokenCache::default();
            for f in &forms {
                let class = {
                    use std::hash::{Hash, Hasher};
                    let mut h = std::collections::hash_map::DefaultHasher::new();
                    f.hash(&mut h);
                    h.finish() & class::TEXT_BITS
                };
                let got = cache.get_or_compute(f, || known(class));
                prop_assert_eq!(got.class(), class, "{:?}", f);
            }
        }
    }

    /// The short path answers what the general one answers, and nothing for what it does not handle.
    #[test]
    fn short_path_agrees_with_the_general_one() {
        let text =
            "le Conseil de sécurité des Nations unies anticonstitutionnellement et l’organisation internationale";
        let mut cache = TokenCache::default();
        let forms: Vec<std::ops::Range<usize>> = {
            let mut at = 0;
            text.split(' ')
                .map(|w| {
                    let r = at..at + w.len();
                    at += w.len() + 1;
                    r
                })
                .collect()
        };
        for (n, r) in forms.iter().enumerate() {
            assert_eq!(cache.get_short(text, r.clone()), None, "nothing known yet");
            cache.get_or_compute_in(text, r.clone(), || known(n as u64 + 1));
        }
        for (n, r) in forms.iter().enumerate() {
            // a prefetch changes no answer, for any form, long, near the end or empty
            cache.prefetch_short(text, r.clone());
            cache.prefetch_short(text, r.start..r.start);
            let short = cache.get_short(text, r.clone());
            let long_or_near_end = r.len() > 16 || r.start + 16 > text.len();
            if long_or_near_end {
                assert_eq!(short, None, "{:?}", &text[r.clone()]);
            } else {
                assert_eq!(short.map(|k| k.class()), Some(n as u64 + 1), "{:?}", &text[r.clone()]);
            }
            assert_eq!(cache.get_in(text, r.clone()).map(|k| k.class()), Some(n as u64 + 1));
        }
        assert_eq!(cache.get_short(text, 3..3), None, "an empty form");
    }

    #[test]
    fn starts_over_past_the_capacity_and_keeps_answering() {
        let mut cache = TokenCache::default();
        for i in 0..CAPACITY + 10 {
            let form = format!("form{i}");
            let got = cache.get_or_compute(&form, || known(i as u64));
            assert_eq!(got.class(), i as u64);
        }
        assert!(cache.len <= CAPACITY);
        let long = "x".repeat(40);
        assert_eq!(cache.get_or_compute(&long, || known(5)).class(), 5);
        assert_eq!(cache.get_or_compute(&long, || known(6)).class(), 5);
    }
}
