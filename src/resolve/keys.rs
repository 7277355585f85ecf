//! Per-document numbers for token match keys, so the linkers compare surface forms as sequences of
//! integers instead of building, hashing and freeing one `String` per token and per form.
//!
//! Two tokens get the same number exactly when their [`key`]s are equal. A token whose key is in the
//! gazetteer vocabulary already carries that key's id from [`Ctx::new`] (`ids[i].exact`, which is
//! `Matcher::key_id(key(text))`), and that id is its number: no string is looked at. Any other key is
//! numbered on first sight from a per-document map, above [`INTERNED`] so the two ranges never meet.

use crate::bytes::load_le;
use crate::gazetteer::skips_lookup;
use crate::normalize::key;
use crate::recognize::Ctx;
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::ops::Range;

/// Numbers at or above this are per-document; below it, gazetteer vocabulary ids.
const INTERNED: u32 = 1 << 31;
/// Not computed yet.
const UNSET: u32 = u32::MAX;

/// The key numbers of one document's tokens, computed on demand and remembered.
pub struct KeyIds<'a> {
    /// Per token: its number, or [`UNSET`] (longer than the document when the array is the thread's
    /// spare one).
    ids: Vec<u32>,
    /// The tokens whose number is set, to unset them again when the array is given back.
    set: Vec<u32>,
    /// Keys outside the vocabulary → their numbers.
    interned: Interned<'a>,
}

/// A key of 1 to 16 bytes as [`Interned`] compares it: its bytes as two zero-padded little-endian words
/// (equal words and lengths ⇔ equal bytes).
#[derive(Clone, Copy, PartialEq, Eq)]
struct Short {
    words: [u64; 2],
    len: u32,
}

impl Short {
    /// `b` (1 to 16 bytes).
    #[inline]
    fn of(b: &[u8]) -> Short {
        let words = if b.len() <= 8 {
            [load_le(b), 0]
        } else {
            [u64::from_le_bytes(b[..8].try_into().unwrap_or([0; 8])), load_le(&b[8..])]
        };
        Short { words, len: b.len() as u32 }
    }

    /// The key of the token text `src[range]` (1 to 16 bytes) when the text is its own key for a reason
    /// seen in its words alone: ASCII without `` ` ``, controls or spaces (what [`key`] maps). Most
    /// capitalized words of news text are; any other goes through [`key`]. The 16 bytes from the
    /// token's start are read as two words when `src` has them (no loop over the bytes, no branch on
    /// the length), and what follows the token is masked off.
    #[inline]
    fn of_plain_text(src: &[u8], range: Range<usize>) -> Option<Short> {
        const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
        const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
        let n = range.len();
        debug_assert!((1..=16).contains(&n));
        let [w0, w1] = match src.get(range.start..range.start + 16) {
            Some(wide) => {
                let word = |i: usize| u64::from_le_bytes(wide[i..i + 8].try_into().unwrap_or([0; 8]));
                [word(0), word(8)]
            }
            None => Short::of(&src[range]).words,
        };
        let m0 = if n >= 8 { u64::MAX } else { (1u64 << (8 * n)) - 1 };
        let m1 = if n <= 8 { 0 } else { u64::MAX >> (128 - 8 * n) };
        let (k0, k1) = (w0 & m0, w1 & m1);
        if (k0 | k1) & HIGH != 0 {
            return None;
        }
        // per byte, bit 7 set for a byte below `!` (controls, space; NUL too, which only costs the slow
        // way) or a `` ` ``. Exact for the lowest such byte, and above it only a byte that is one can be
        // flagged, so the flags within the token say whether it holds one; the bytes after it may be
        // anything (their flags are masked off with them).
        let flags = |v: u64| {
            let tick = v ^ (ONES * u64::from(b'`'));
            (v.wrapping_sub(ONES * 0x21) & !v | tick.wrapping_sub(ONES) & !tick) & HIGH
        };
        (flags(w0) & m0 | flags(w1) & m1 == 0).then_some(Short { words: [k0, k1], len: n as u32 })
    }

    #[inline]
    fn hash(&self) -> u64 {
        let h = (self.words[0] ^ u64::from(self.len).rotate_left(40)).wrapping_mul(0x9e37_79b9_7f4a_7c15)
            ^ self.words[1].wrapping_mul(0xc2b2_ae3d_27d4_eb4f);
        h ^ (h >> 29)
    }
}

/// One slot of [`Interned::slots`]; `len` 0 marks an empty one.
#[derive(Clone, Copy, Default)]
struct Slot {
    words: [u64; 2],
    len: u32,
    number: u32,
}

/// Keys outside the vocabulary → their numbers (counted from [`INTERNED`] up, in order of first sight).
/// A key of up to 16 bytes (almost every one) is compared as two words in a table of its own (open
/// addressing): hashing and comparing it is a few instructions, where a map of strings hashed and
/// compared it byte by byte behind a pointer. Longer keys go to a map of strings. Which one holds a key
/// depends on its length alone, so equal keys always meet.
#[derive(Default)]
struct Interned<'a> {
    /// A power of two long, at most half full (empty until the first short key; the thread's table of
    /// its last document, emptied, when it had one: growing a table for every document was most of the
    /// cost of numbering its first keys).
    slots: Vec<Slot>,
    /// The slots filled, to empty them again when the table is given back.
    filled: Vec<u32>,
    shorts: usize,
    long: FxHashMap<Cow<'a, str>, u32>,
}

impl<'a> Interned<'a> {
    fn len(&self) -> usize {
        self.shorts + self.long.len()
    }

    /// The slot holding `k`, or the empty slot where it would go.
    #[inline]
    fn probe(&self, k: &Short) -> usize {
        let mask = self.slots.len() - 1;
        let mut at = k.hash() as usize & mask;
        loop {
            let slot = &self.slots[at];
            if slot.len == 0 || (slot.len == k.len && slot.words == k.words) {
                return at;
            }
            at = (at + 1) & mask;
        }
    }

    fn get_short(&self, k: &Short) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let slot = &self.slots[self.probe(k)];
        (slot.len != 0).then_some(slot.number)
    }

    fn number_short(&mut self, k: &Short) -> u32 {
        if 2 * (self.shorts + 1) > self.slots.len() {
            self.grow();
        }
        let at = self.probe(k);
        if self.slots[at].len == 0 {
            let number = INTERNED | self.len() as u32;
            self.slots[at] = Slot { words: k.words, len: k.len, number };
            self.filled.push(at as u32);
            self.shorts += 1;
        }
        self.slots[at].number
    }

    #[cold]
    fn grow(&mut self) {
        let old = std::mem::take(&mut self.slots);
        self.slots = vec![Slot::default(); (2 * old.len()).max(64)];
        self.filled.clear();
        for slot in old.into_iter().filter(|s| s.len != 0) {
            let at = self.probe(&Short { words: slot.words, len: slot.len });
            self.slots[at] = slot;
            self.filled.push(at as u32);
        }
    }

    /// The emptied table, for the thread's next document (`None` when it is too large to keep).
    fn into_spare(mut self) -> Option<(Vec<Slot>, Vec<u32>)> {
        if self.slots.len() > SPARE_SLOTS_MAX {
            return None;
        }
        for &at in &self.filled {
            self.slots[at as usize].len = 0;
        }
        self.filled.clear();
        Some((self.slots, self.filled))
    }

    /// The number of `key` (given as a token text when that text is its own key).
    fn number(&mut self, key: Cow<'a, str>) -> u32 {
        match key.len() {
            1..=16 => self.number_short(&Short::of(key.as_bytes())),
            _ => {
                let next = INTERNED | self.len() as u32;
                *self.long.entry(key).or_insert(next)
            }
        }
    }

    fn get(&self, key: &str) -> Option<u32> {
        match key.len() {
            1..=16 => self.get_short(&Short::of(key.as_bytes())),
            _ => self.long.get(key).copied(),
        }
    }
}

/// The digest of token `i`'s key, read off the text when it can be.
#[inline]
pub fn key_digest(ctx: &Ctx<'_>, i: usize) -> u16 {
    text_digest(token_bytes(ctx, i)).unwrap_or_else(|| key_digest_slow(ctx, i))
}

#[cold]
fn key_digest_slow(ctx: &Ctx<'_>, i: usize) -> u16 {
    digest(key(ctx.text(i)).as_bytes())
}

/// Token `i`'s key as a [`Short`] when read off its text ([`Short::of_plain_text`]).
#[inline]
fn plain_short(ctx: &Ctx<'_>, i: usize) -> Option<Short> {
    let range = ctx.doc.tokens[i].range();
    if range.is_empty() || range.len() > 16 {
        return None;
    }
    Short::of_plain_text(ctx.doc.text.as_bytes(), range)
}

fn token_bytes<'a>(ctx: &Ctx<'a>, i: usize) -> &'a [u8] {
    &ctx.doc.text.as_bytes()[ctx.doc.tokens[i].range()]
}

/// A digest of a key (the low five bits of its first and last bytes: for letters, which letters they
/// are), for [`Digests`].
fn digest(key: &[u8]) -> u16 {
    mix(key.first().copied().unwrap_or(0), key.last().copied().unwrap_or(0))
}

#[inline]
fn mix(first: u8, last: u8) -> u16 {
    (u16::from(first & 31) << 5) | u16::from(last & 31)
}

/// The [`digest`] of the key of `text` without computing the key, when its first and last bytes can be
/// read off the text. The first character: an ASCII one, or a Latin-1 letter (two bytes, `0xC3` and
/// one), followed by nothing, an ASCII character or a Latin-1 letter (nothing the key composes with
/// it). The last character: an ASCII one or a Latin-1 letter (which compose with nothing before them).
/// Of ASCII, the key only changes `` ` `` (to `'`); of the Latin-1 letters, only the capitals with a
/// diacritic, to their base letter ([`latin1_key_byte`]); white space never occurs in a token. French
/// words that end in `é` or start with `É` are read off too: their keys were computed (and
/// allocated) each time.
#[inline]
fn text_digest(text: &[u8]) -> Option<u16> {
    let map = |b: u8| if b == b'`' { b'\'' } else { b };
    // the common case inline: ASCII first and last, nothing composed with the first
    match *text {
        [f] if f.is_ascii() => Some(mix(map(f), map(f))),
        [f, second, .., l] | [f, second @ l]
            if f.is_ascii() && l.is_ascii() && (second.is_ascii() || second == 0xC3) =>
        {
            Some(mix(map(f), map(l)))
        }
        _ => text_digest_latin1(text),
    }
}

/// [`text_digest`] beyond its common case.
#[inline(never)]
fn text_digest_latin1(text: &[u8]) -> Option<u16> {
    let map = |b: u8| if b == b'`' { b'\'' } else { b };
    let plain_next = |b: Option<&u8>| b.is_none_or(|&b| b.is_ascii() || b == 0xC3);
    let first = match *text {
        [f, ref rest @ ..] if f.is_ascii() && plain_next(rest.first()) => map(f),
        [0xC3, c @ 0x80..=0xBF, ref rest @ ..] if plain_next(rest.first()) => match latin1_key_byte(c) {
            0 => 0xC3,
            b => b,
        },
        _ => return None,
    };
    let last = match *text {
        [.., l] if l.is_ascii() => map(l),
        [.., 0xC3, c @ 0x80..=0xBF] => match latin1_key_byte(c) {
            0 => c,
            b => b,
        },
        _ => return None,
    };
    Some(mix(first, last))
}

/// For the Latin-1 letter `U+00C0 + (c - 0x80)` (UTF-8 `0xC3`, `c`): the ASCII base letter its key has
/// in its place when it is a capital with a diacritic (`É` → `E`), else 0 (the key keeps it).
#[inline]
fn latin1_key_byte(c: u8) -> u8 {
    match c {
        0x80..=0x85 => b'A',
        0x87 => b'C',
        0x88..=0x8B => b'E',
        0x8C..=0x8F => b'I',
        0x91 => b'N',
        0x92..=0x96 => b'O',
        0x99..=0x9C => b'U',
        0x9D => b'Y',
        _ => 0,
    }
}

/// A set of key digests (1024 bits): when the digest of a token's key is not in it, no key in the set
/// equals the token's; when it is, the key must be looked up.
#[derive(Default)]
pub struct Digests([u64; 16]);

impl Digests {
    /// Adds a [`digest`] (below 1024).
    pub fn add(&mut self, d: u16) {
        self.0[usize::from(d >> 6) & 15] |= 1 << (d & 63);
    }

    /// `set`, the digests of `capitals`, or `None` when there are so many capitals that it would be dense
    /// (a long document): filtering by it would cost more than it saves.
    pub fn of_capitals(capitals: &[super::Capital], set: Digests) -> Option<Digests> {
        (capitals.len() <= 1024).then_some(set)
    }

    /// The digests of the capitals ([`Digests::of_capitals`]) and `more`, or `None` when the capitals
    /// are too many or the set is dense.
    pub fn wanted(capitals: Option<&Digests>, more: impl Iterator<Item = u16>) -> Option<Digests> {
        let mut set = Digests(capitals?.0);
        more.for_each(|d| set.add(d));
        (set.0.iter().map(|w| w.count_ones()).sum::<u32>() <= 768).then_some(set)
    }

    /// Whether a key with digest `d` may be in the set.
    #[inline]
    pub fn may_hold(&self, d: u16) -> bool {
        self.0[usize::from(d >> 6) & 15] & (1 << (d & 63)) != 0
    }
}

impl<'a> KeyIds<'a> {
    pub fn new(ctx: &Ctx<'a>) -> Self {
        let Spare { mut ids, slots, filled } = SPARE.take();
        if ids.len() < ctx.len() {
            ids.resize(ctx.len(), UNSET);
        }
        KeyIds { ids, set: Vec::new(), interned: Interned { slots, filled, ..Interned::default() } }
    }

    /// Remembers the number of token `i`.
    #[inline]
    fn remember(&mut self, i: usize, id: u32) {
        self.ids[i] = id;
        self.set.push(i as u32);
    }

    /// The vocabulary id of token `i`'s key when the recognizer context has it (the common case, kept
    /// small enough to inline).
    #[inline]
    fn exact(ctx: &Ctx<'a>, i: usize) -> Option<u32> {
        ctx.ids[i].exact.map(|t| t.get()).filter(|&v| v < INTERNED)
    }

    /// Whether `number` is a per-document number (a key outside the vocabulary).
    pub fn is_interned(number: u32) -> bool {
        number >= INTERNED
    }

    /// Whether token `i`'s number, when it has one, is per-document ([`KeyIds::is_interned`]): its key
    /// is not in the vocabulary. Decided without the token's text when the number is not known yet.
    #[inline]
    pub fn numbered_by_text(&self, ctx: &Ctx<'a>, i: usize) -> bool {
        match self.ids[i] {
            UNSET => Self::exact(ctx, i).is_none() && !skips_lookup(&ctx.doc.tokens[i]),
            known => Self::is_interned(known),
        }
    }

    /// The vocabulary id of the key of a token without an exact id: long punctuation runs were not
    /// looked up, but their key may still be in the vocabulary.
    #[inline]
    fn unlooked(ctx: &Ctx<'a>, i: usize) -> Option<u32> {
        if skips_lookup(&ctx.doc.tokens[i]) && ctx.ids[i].exact.is_none() {
            Self::vocab_of_text(ctx, i)
        } else {
            None
        }
    }

    #[cold]
    fn vocab_of_text(ctx: &Ctx<'a>, i: usize) -> Option<u32> {
        ctx.m.key_id(&key(ctx.text(i))).filter(|&v| v < INTERNED)
    }

    /// The number of token `i`'s key, numbering the key if it is new.
    #[inline(always)]
    pub fn id(&mut self, ctx: &Ctx<'a>, i: usize) -> u32 {
        let known = self.ids[i];
        if known != UNSET {
            return known;
        }
        let id = match Self::exact(ctx, i) {
            Some(v) => v,
            None => self.number(ctx, i),
        };
        self.remember(i, id);
        id
    }

    /// [`KeyIds::id`] from the text.
    #[inline(never)]
    fn number(&mut self, ctx: &Ctx<'a>, i: usize) -> u32 {
        if let Some(v) = Self::unlooked(ctx, i) {
            return v;
        }
        match plain_short(ctx, i) {
            Some(k) => self.interned.number_short(&k),
            None => self.interned.number(key(ctx.text(i))),
        }
    }

    /// The number of token `i`'s key if that key has been seen: `None` means no token numbered so far
    /// has the same key (nothing registered can match it), and numbers nothing.
    #[inline(always)]
    pub fn known(&mut self, ctx: &Ctx<'a>, i: usize) -> Option<u32> {
        let known = self.ids[i];
        if known != UNSET {
            return Some(known);
        }
        let id = match Self::exact(ctx, i) {
            Some(v) => v,
            None => self.lookup(ctx, i)?,
        };
        self.remember(i, id);
        Some(id)
    }

    /// [`KeyIds::known`] from the text.
    #[inline(never)]
    fn lookup(&self, ctx: &Ctx<'a>, i: usize) -> Option<u32> {
        if let Some(v) = Self::unlooked(ctx, i) {
            return Some(v);
        }
        if self.interned.len() == 0 {
            return None;
        }
        match plain_short(ctx, i) {
            Some(k) => self.interned.get_short(&k),
            None => self.interned.get(&key(ctx.text(i))),
        }
    }

    /// The numbers of tokens `start..end` (all computed before).
    pub fn slice(&self, start: usize, end: usize) -> &[u32] {
        &self.ids[start..end]
    }
}

/// What a thread keeps of its last document's [`KeyIds`] for the next one.
#[derive(Default)]
struct Spare {
    /// The per-token array, all [`UNSET`] again: a document sets a number for a few of its tokens only
    /// (capitalized words, entities), so unsetting those is cheaper than filling an array for every
    /// token of every document.
    ids: Vec<u32>,
    /// The table of short keys ([`Interned::slots`]), empty, and its list of filled slots (empty too).
    slots: Vec<Slot>,
    filled: Vec<u32>,
}

thread_local! {
    static SPARE: std::cell::Cell<Spare> = std::cell::Cell::new(Spare::default());
}

/// The longest array kept for the next document (4 MiB): memory stays bounded by a typical document, not
/// by the largest one met.
const SPARE_IDS_MAX: usize = 1 << 20;

/// The largest table of short keys kept for the next document (1.5 MiB).
const SPARE_SLOTS_MAX: usize = 1 << 16;

impl Drop for KeyIds<'_> {
    fn drop(&mut self) {
        let (slots, filled) = std::mem::take(&mut self.interned).into_spare().unwrap_or_default();
        if self.ids.len() > SPARE_IDS_MAX {
            SPARE.set(Spare { ids: Vec::new(), slots, filled });
            return;
        }
        for &i in &self.set {
            self.ids[i as usize] = UNSET;
        }
        SPARE.set(Spare { ids: std::mem::take(&mut self.ids), slots, filled });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::test_matcher as matcher;
    use crate::lang::Language;
    use crate::tokenize::tokenize;

    /// Numbers are equal exactly when keys are, whether the keys are in the vocabulary or not, and
    /// whatever the spelling variant (`État`/`Etat`, `l’`/`l'`).
    #[test]
    fn equal_numbers_iff_equal_keys() {
        let m = matcher("name\tlabel\nEtat de Palestine\tCOUNTRY\nBanque mondiale\tORGANIZATION\n");
        let text = "L’État de Palestine et l'Etat d’Ozark. La Banque mondiale, la banque et Ozark ------ ——————.";
        let doc = tokenize(text);
        let ctx = Ctx::new(&doc, &m, Language::Fr);
        let mut ids = KeyIds::new(&ctx);
        let numbers: Vec<u32> = (0..ctx.len()).map(|i| ids.id(&ctx, i)).collect();
        for a in 0..ctx.len() {
            for b in 0..ctx.len() {
                assert_eq!(
                    numbers[a] == numbers[b],
                    key(ctx.text(a)) == key(ctx.text(b)),
                    "{:?} {:?}",
                    ctx.text(a),
                    ctx.text(b)
                );
            }
        }
        // vocabulary keys are numbered without the map
        assert!(numbers.iter().any(|&n| n < INTERNED) && numbers.iter().any(|&n| n >= INTERNED));
    }

    /// A text read as its own key is its own key, and most plain words are read so; the words of a
    /// short key are its bytes.
    #[test]
    fn plain_texts_are_their_own_keys() {
        let texts = [
            "A",
            "Ozark",
            "New-York",
            "0123456789abcdef",
            "d'Ivoire",
            "l`",
            "`",
            "a b",
            "a\tb",
            "X\0",
            "É",
            "Zoé",
            "Ségou",
            "0123456789abcdefg",
            "~}|{",
            "a\u{7f}",
            "``````````````",
            "abcdefghijklmno`",
            "@!",
            " ",
        ];
        // alone (read by the short way), and followed by bytes that would be flagged (read as two words)
        let plain = |text: &str| {
            let alone = Short::of_plain_text(text.as_bytes(), 0..text.len());
            let src = format!("{text}`\t É 0123456789abcdef");
            let read = Short::of_plain_text(src.as_bytes(), 0..text.len());
            assert!(alone == read, "{text:?}");
            alone
        };
        for text in texts {
            if let Some(k) = (!text.is_empty() && text.len() <= 16).then(|| plain(text)).flatten() {
                assert_eq!(key(text), text, "{text:?}");
                assert!(k == Short::of(key(text).as_bytes()), "{text:?}");
            }
        }
        for text in ["A", "Ozark", "New-York", "0123456789abcdef", "d'Ivoire", "~}|{", "@!", "abcdefgh"] {
            assert!(plain(text).is_some(), "{text:?}");
        }
        for text in ["l`", "`", "a b", "a\tb", "X\0", "É", "abcdefghijklmno`", "Zoé", "abcdefgh`"] {
            assert!(plain(text).is_none(), "{text:?}");
        }
        let words = |b: &[u8]| Short::of(b).words;
        assert_eq!(words(b"ab"), [0x6261, 0]);
        assert_eq!(words(b"abcdefghi"), [u64::from_le_bytes(*b"abcdefgh"), u64::from(b'i')]);
    }

    /// Many keys (the table grows), long ones (the map of strings), and spellings of one key all get
    /// numbers equal exactly when the keys are.
    #[test]
    fn interned_numbers_follow_keys() {
        let mut keys: Vec<String> = (0..300).map(|i| format!("Nom{i}")).collect();
        keys.extend((0..40).map(|i| format!("Organisation-numéro-{i}")));
        keys.extend(
            ["État", "Etat", "l’Ozark", "l'Ozark", "X", "0123456789abcdef", "0123456789abcdefg"].map(String::from),
        );
        let mut interned = Interned::default();
        let numbers: Vec<u32> = keys.iter().map(|k| interned.number(key(k))).collect();
        for (a, ka) in keys.iter().enumerate() {
            assert_eq!(interned.get(&key(ka)), Some(numbers[a]), "{ka:?}");
            for (b, kb) in keys.iter().enumerate() {
                assert_eq!(numbers[a] == numbers[b], key(ka) == key(kb), "{ka:?} {kb:?}");
            }
        }
        assert_eq!(interned.get("Absent"), None);
        assert_eq!(interned.get("Organisation-absente"), None);
    }

    /// The array of a document's numbers is handed to the next one on the thread with nothing set, longer
    /// or shorter: numbers are the same as in a fresh one.
    #[test]
    fn spare_array_holds_no_number_of_the_previous_document() {
        let m = matcher("name\tlabel\nBanque mondiale\tORGANIZATION\n");
        let numbers = |text: &str| {
            let doc = tokenize(text);
            let ctx = Ctx::new(&doc, &m, Language::Fr);
            let mut ids = KeyIds::new(&ctx);
            let known: Vec<Option<u32>> = (0..ctx.len()).map(|i| ids.known(&ctx, i)).collect();
            let numbers: Vec<u32> = (0..ctx.len()).map(|i| ids.id(&ctx, i)).collect();
            (known, numbers)
        };
        let (long, short) = ("La Banque mondiale et Ozark, Ozark et Zoé à Ségou.", "Zoé, Ozark.");
        let fresh = std::thread::scope(|s| s.spawn(|| numbers(short)).join().expect("thread"));
        assert!(fresh.0.iter().all(Option::is_none));
        numbers(long);
        assert_eq!(numbers(short), fresh);
        assert_eq!(numbers(long), numbers(long));
        // the spare array is as long as the longest document and holds no number
        let spare = SPARE.take();
        assert!(spare.ids.len() >= tokenize(long).tokens.len() && spare.ids.iter().all(|&n| n == UNSET));
        assert!(!spare.slots.is_empty() && spare.slots.iter().all(|s| s.len == 0) && spare.filled.is_empty());
    }

    /// A text whose digest is read off it has the digest of its key, whatever the key function does.
    #[test]
    fn text_digest_is_key_digest() {
        let texts = ["A", "`", "Ozark", "l`", "`Ozark`", "d'Ivoire", "L", "ab", "New-York", "X`Y", "Ségou", "Aé-b"];
        for text in texts {
            assert_eq!(text_digest(text.as_bytes()), Some(digest(key(text).as_bytes())), "{text:?}");
        }
        // Latin-1 letters first or last, capitals with a diacritic folded by the key
        for text in ["École", "Zoé", "Sé", "É", "é", "Ôé", "Àb", "ÇaÿÉ", "ÉÉ", "Ñ", "×÷", "Þ", "ß"] {
            assert_eq!(text_digest(text.as_bytes()), Some(digest(key(text).as_bytes())), "{text:?}");
        }
        // every Latin-1 character first and last, with neighbours of every kind
        for c in '\u{C0}'..='\u{FF}' {
            for other in ["", "a", "é", "É", "ab", "`", "e\u{301}", "\u{2019}", "\u{301}", "ÿ"] {
                for text in [format!("{c}{other}"), format!("{other}{c}"), format!("{c}{other}{c}")] {
                    if let Some(d) = text_digest(text.as_bytes()) {
                        assert_eq!(d, digest(key(&text).as_bytes()), "{text:?}");
                    }
                }
            }
            assert!(text_digest(format!("{c}a{c}").as_bytes()).is_some());
        }
        // the key may change the first or last byte: no digest from the text
        for text in ["E\u{301}cole", "E\u{301}", "É\u{301}", "Ko\u{301}", "Bl\u{2019}", "\u{2019}s", "Ā"] {
            assert_eq!(text_digest(text.as_bytes()), None, "{text:?}");
        }
        let mut set = Digests::default();
        set.add(digest(b"Ozark"));
        let may = |text: &str| text_digest(text.as_bytes()).is_none_or(|d| set.may_hold(d));
        assert!(may("Ozark") && may("Oak") && may("E\u{301}dith") && !may("Édith"));
        assert!(!may("Ozarks") && !may("Paris"));
    }

    /// The vocabulary numbers rest on `ids[i].exact` being the id of the token's key: if the recognizer
    /// context ever stores something else there, this fails.
    #[test]
    fn exact_ids_are_key_ids() {
        let m = matcher("name\tlabel\nSergueï Lavrov\tPERSON\nÉtats-Unis\tCOUNTRY\n");
        let doc = tokenize("ETATS-UNIS. Sergueï Lavrov et les Etats-Unis, les États‐Unis ; LAVROV.");
        let ctx = Ctx::new(&doc, &m, Language::Fr);
        let mut seen = 0;
        for i in 0..ctx.len() {
            if let Some(t) = ctx.ids[i].exact {
                assert_eq!(Some(t.get()), m.key_id(&key(ctx.text(i))), "{:?}", ctx.text(i));
                seen += 1;
            }
        }
        assert!(seen >= 4);
    }
}
