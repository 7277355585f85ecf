//! The compiled gazetteer: a trie over token ids, read in place from a compiled image.
//!
//! DESIGN note: gazetteer names are tokenized with the same tokenizer as the text and each token key
//! (normalize::key) is interned to a `u32`. The trie walks token ids, so a text token that is in no
//! gazetteer name costs one hash lookup and most of the text is skipped at once; multi-word names never
//! match inside words, and `l’ONU` finds `ONU` because the tokenizer has already split the elision.
//! This plays the role of an Aho-Corasick automaton over tokens instead of bytes.
//!
//! The built-in lists are compiled by `build.rs` into an image ([`super::image`]) embedded in the binary,
//! so start-up reads it in place instead of parsing and hashing ~45,000 rows; user lists go through the
//! same builder at run time ([`MatcherBuilder`]).

pub use super::image::Origin;
use super::image::{
    fact, hash, id_mask, kind_from_code, lang_from_code, Header, ImageBuilder, ENTRY_WORDS, FACT_BYTES, NONE,
};
#[cfg(test)]
use super::parse::flags;
use super::parse::{Lang, Row, RowKind};
use crate::normalize::{caseless_key_into, key_in};
use crate::tokenize::{tokenize, Shape, Token, Tokenized};
use std::borrow::Cow;
use std::num::NonZeroU32;
use std::sync::OnceLock;

/// One gazetteer row, as the recognizers see it. Strings borrow from the embedded image when they can.
#[derive(Debug, Clone)]
pub struct Entry {
    pub kind: RowKind,
    pub name: Cow<'static, str>,
    pub canonical: Cow<'static, str>,
    pub kb_id: Option<Cow<'static, str>>,
    pub lang: Lang,
    pub iso: Option<Cow<'static, str>>,
    pub flags: u32,
    /// Index into [`Matcher::origins`].
    pub origin: u16,
    pub line: u32,
}

impl Entry {
    pub fn has(&self, flag: u32) -> bool {
        self.flags & flag != 0
    }
}

/// What the recognizers' per-match loops read of an entry, in eight bytes: its kind, flags, language, ISO
/// code and three facts of its name and origin. A document's matches read thousands of entries scattered
/// over the table; a full [`Entry`] is some 120 bytes, behind a lazily decoded block (a `OnceLock` and a
/// pointer), where these sit eight to a cache line in the image and are read with one index. The image
/// builder computes them ([`super::image::FACT_BYTES`]), so start-up does no per-entry work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Facts {
    pub flags: u32,
    pub kind: RowKind,
    /// [`fact`] bits, and the language code in bits 4 and 5.
    bits: u8,
    iso: [u8; 2],
}

impl Facts {
    /// The facts of one record of the image's facts table.
    #[inline]
    fn from_bytes(b: [u8; FACT_BYTES]) -> Facts {
        Facts {
            flags: u32::from_le_bytes([b[0], b[1], b[2], b[3]]),
            kind: kind_from_code(u32::from(b[4])),
            bits: b[5],
            iso: [b[6], b[7]],
        }
    }

    #[inline]
    pub fn has(self, flag: u32) -> bool {
        self.flags & flag != 0
    }

    /// [`Entry::lang`].
    #[inline]
    pub fn lang(self) -> Lang {
        lang_from_code(u32::from(self.bits >> fact::LANG_SHIFT))
    }

    /// [`Entry::iso`], when it has two bytes.
    #[inline]
    pub fn iso(self) -> Option<[u8; 2]> {
        (self.bits & fact::ISO != 0).then_some(self.iso)
    }

    /// Whether the entry comes from a user list.
    #[inline]
    pub fn user(self) -> bool {
        self.bits & fact::USER != 0
    }

    /// Whether [`Entry::name`] starts with `the `.
    #[inline]
    pub fn name_starts_with_the(self) -> bool {
        self.bits & fact::THE != 0
    }

    /// Whether [`Entry::name`] starts with a lower-case letter.
    #[inline]
    pub fn name_starts_lower(self) -> bool {
        self.bits & fact::LOWER != 0
    }
}

/// The facts table of a matcher ([`Matcher::facts`]), read by entry id.
#[derive(Debug, Clone, Copy)]
pub struct FactsTable<'a>(&'a [[u8; FACT_BYTES]]);

impl FactsTable<'_> {
    /// The facts of entry `e`; panics when `e` is out of range, as indexing the entries does.
    #[inline]
    pub fn get(self, e: u32) -> Facts {
        Facts::from_bytes(self.0[e as usize])
    }

    pub fn len(self) -> usize {
        self.0.len()
    }

    pub fn is_empty(self) -> bool {
        self.0.is_empty()
    }
}

/// A token id in [`TokIds`]: opaque, and never zero, so that `Option<TokId>` takes four bytes (one
/// [`TokIds`] per token of a document).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TokId(NonZeroU32);

impl TokId {
    #[inline]
    pub fn new(id: u32) -> TokId {
        TokId(NonZeroU32::MIN.saturating_add(id))
    }

    /// The id as [`Matcher::token_id`] gives it.
    #[inline]
    pub fn get(self) -> u32 {
        self.0.get() - 1
    }
}

/// The token ids of one text token: the exact key, and on headlines the caseless key.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TokIds {
    pub exact: Option<TokId>,
    pub caseless: Option<TokId>,
    /// A capitalized token unknown as written, known with a lower-case initial (`Unies` → `unies`):
    /// title-cased variants of multi-word names (`Nations Unies`) match past their first token.
    pub decap: Option<TokId>,
}

/// Buffers reused across the tokens of a document by [`Matcher::ids_of`].
#[derive(Debug, Default)]
pub struct Scratch {
    buf: String,
    word: String,
}

/// Long punctuation runs are never part of a name: no lookup.
#[inline]
pub fn skips_lookup(t: &Token) -> bool {
    !t.is_wordlike() && t.len() > 4
}

/// A gazetteer match over tokens `start..end`.
#[derive(Debug, Clone, Copy)]
pub struct Match {
    pub start: usize,
    pub end: usize,
    pub node: u32,
    /// Some token matched only through its caseless (headline) key.
    pub caseless: bool,
}

const ROOT: u32 = 0;

/// A compiled gazetteer.
#[derive(Debug)]
pub struct Matcher {
    /// The entries, decoded on first use; they own the image.
    pub entries: Entries,
    /// The image's facts table ([`Facts`] of each entry, by entry id): what the per-match loops read
    /// instead of [`Matcher::entries`]; borrowed from the embedded image, copied from a run-time one.
    facts: Cow<'static, [[u8; FACT_BYTES]]>,
    /// `ent_index` of the image, as `u32`s, so that [`Matcher::node_entries`] can lend slices.
    entry_index: Vec<u32>,
    pub origins: Vec<Origin>,
    max_len: usize,
    /// Unique per matcher built in this process: per-thread memos of lookups (the recognizers' token
    /// cache) are only valid for the matcher that filled them.
    uid: u64,
}

/// A compiled image with its header read.
#[derive(Debug)]
struct Image {
    bytes: Cow<'static, [u8]>,
    h: Header,
    /// The string pool, checked as UTF-8 once.
    pool: Cow<'static, str>,
}

impl Image {
    /// The embedded image, whose pool the compiler has already checked as UTF-8 (`include_str!`).
    fn from_static_parts(tables: &'static [u8], pool: &'static str) -> Result<Image, String> {
        let h = Header::read_split(tables, pool.len())?;
        Ok(Image { bytes: Cow::Borrowed(tables), h, pool: Cow::Borrowed(pool) })
    }

    fn new(bytes: Cow<'static, [u8]>) -> Result<Image, String> {
        let h = Header::read(&bytes)?;
        let invalid = |_| "gazetteer image: invalid UTF-8 in the string pool".to_string();
        let pool = match &bytes {
            Cow::Borrowed(b) => Cow::Borrowed(std::str::from_utf8(&b[h.pool as usize..]).map_err(invalid)?),
            Cow::Owned(v) => Cow::Owned(std::str::from_utf8(&v[h.pool as usize..]).map_err(invalid)?.to_string()),
        };
        Ok(Image { bytes, h, pool })
    }

    #[inline]
    fn word(&self, at: u32, i: usize) -> u32 {
        let p = at as usize + 4 * i;
        // an image that passed `Header::read` has every table in range; 0 reads as "empty slot"
        self.bytes.get(p..p + 4).and_then(|b| b.try_into().ok()).map_or(0, u32::from_le_bytes)
    }

    /// A pool string, borrowed when the image is static.
    fn string(&self, off: u32, len: u32) -> Cow<'static, str> {
        let r = off as usize..off as usize + len as usize;
        match &self.pool {
            Cow::Borrowed(p) => Cow::Borrowed(p.get(r).unwrap_or_default()),
            Cow::Owned(p) => Cow::Owned(p.get(r).unwrap_or_default().to_string()),
        }
    }

    /// Entries `start..end`, decoded at once: the records are one slice of the image, each read as a
    /// fixed-size array, and the pool is matched once per block, not once per string (this runs for most
    /// blocks of a run over a few megabytes, so it is start-up cost).
    fn entries(&self, start: usize, end: usize) -> Box<[Entry]> {
        const RECORD: usize = ENTRY_WORDS * 4;
        let at = self.h.entries as usize + start * RECORD;
        let len = (end - start) * RECORD;
        let records = match self.bytes.get(at..at + len) {
            Some(records) => Cow::Borrowed(records),
            // not for an image that passed `Header::read`; past the end reads as 0, as `word` does
            None => {
                let mut records = vec![0; len];
                let tail = self.bytes.get(at..).unwrap_or_default();
                let n = tail.len().min(len);
                records[..n].copy_from_slice(&tail[..n]);
                Cow::Owned(records)
            }
        };
        let records = &records[..];
        match &self.pool {
            Cow::Borrowed(pool) => {
                let pool: &'static str = pool;
                Self::decode(records, |r| Cow::Borrowed(pool.get(r).unwrap_or_default()))
            }
            Cow::Owned(pool) => Self::decode(records, |r| Cow::Owned(pool.get(r).unwrap_or_default().to_string())),
        }
    }

    #[inline]
    fn decode(records: &[u8], string: impl Fn(std::ops::Range<usize>) -> Cow<'static, str>) -> Box<[Entry]> {
        records
            .chunks_exact(ENTRY_WORDS * 4)
            .map(|rec| {
                let rec: [u8; ENTRY_WORDS * 4] = rec.try_into().unwrap_or([0; ENTRY_WORDS * 4]);
                let r = |k: usize| u32::from_le_bytes([rec[4 * k], rec[4 * k + 1], rec[4 * k + 2], rec[4 * k + 3]]);
                let range = |off: u32, len: u32| off as usize..off as usize + len as usize;
                let opt = |off: u32, len: u32| (len != NONE).then(|| string(range(off, len)));
                let head = r(0);
                Entry {
                    kind: kind_from_code(head & 0xff),
                    lang: lang_from_code((head >> 8) & 0xff),
                    origin: (head >> 16) as u16,
                    flags: r(1),
                    line: r(2),
                    name: string(range(r(3), r(4))),
                    canonical: string(range(r(5), r(6))),
                    kb_id: opt(r(7), r(8)),
                    iso: opt(r(9), r(10)),
                }
            })
            .collect()
    }
}

/// Equality of two byte strings of the same length, inline for the short ones (most token keys).
#[inline]
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let u32_at = |s: &[u8], j: usize| u32::from_le_bytes(s[j..j + 4].try_into().unwrap_or([0; 4]));
    match n {
        0 => true,
        1..=3 => a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1],
        4..=8 => u32_at(a, 0) == u32_at(b, 0) && u32_at(a, n - 4) == u32_at(b, n - 4),
        _ => a == b,
    }
}

/// Entries per lazily decoded block. Small, because the entries a run reads are scattered: a megabyte
/// of news touched more than half of the blocks of 32 (38,000 entries decoded), with blocks of 4 it
/// decodes a quarter as many (9,300), for 24 bytes of `OnceLock` per 4 entries.
const BLOCK: usize = 4;

/// The entries of a matcher, indexed by entry id. A block of entries is decoded from the image the first
/// time one of them is read, so start-up decodes nothing and a short text touches a few blocks.
#[derive(Debug)]
pub struct Entries {
    img: Image,
    blocks: Box<[OnceLock<Box<[Entry]>>]>,
}

impl Entries {
    pub fn len(&self) -> usize {
        self.img.h.n_entries as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn get(&self, e: usize) -> Option<&Entry> {
        if e >= self.len() {
            return None;
        }
        let block = self.blocks[e / BLOCK].get_or_init(|| {
            let start = e / BLOCK * BLOCK;
            self.img.entries(start, (start + BLOCK).min(self.len()))
        });
        Some(&block[e % BLOCK])
    }

    pub fn iter(&self) -> impl Iterator<Item = &Entry> + '_ {
        (0..self.len()).filter_map(|e| self.get(e))
    }
}

impl std::ops::Index<usize> for Entries {
    type Output = Entry;

    fn index(&self, e: usize) -> &Entry {
        match self.get(e) {
            Some(entry) => entry,
            None => panic!("entry {e} out of range ({} entries)", self.len()),
        }
    }
}

/// Builds a [`Matcher`] at run time; lists are added in priority order.
#[derive(Debug, Default)]
pub struct MatcherBuilder(ImageBuilder);

impl MatcherBuilder {
    pub fn new() -> Self {
        MatcherBuilder(ImageBuilder::new())
    }

    /// Adds the rows of one list.
    pub fn add_rows(&mut self, rows: &[Row], origin: Origin) {
        self.0.add_rows(rows, origin);
    }

    /// The image these lists compile to (what `build.rs` embeds for the built-in lists).
    pub fn image(self) -> Vec<u8> {
        self.0.finish()
    }

    pub fn build(self) -> Matcher {
        Matcher::from_image(Cow::Owned(self.image())).expect("the builder writes valid images")
    }
}

impl Default for Matcher {
    fn default() -> Self {
        MatcherBuilder::new().build()
    }
}

impl Matcher {
    /// Reads a compiled image in place: only the header is checked and the small per-node entry index
    /// copied; entries are decoded on first use (their strings borrow from a static image).
    pub fn from_image(bytes: Cow<'static, [u8]>) -> Result<Matcher, String> {
        Matcher::read(Image::new(bytes)?)
    }

    /// [`Matcher::from_image`] for an image embedded in two parts: the bytes up to the string pool, and
    /// the pool as a `str` (so that start-up does not check megabytes of names as UTF-8 again).
    pub fn from_static_parts(tables: &'static [u8], pool: &'static str) -> Result<Matcher, String> {
        Matcher::read(Image::from_static_parts(tables, pool)?)
    }

    fn read(img: Image) -> Result<Matcher, String> {
        let h = img.h;
        let n_pairs = img.word(h.node_ent_start, h.n_nodes as usize) as usize;
        let at = h.ent_index as usize;
        let entry_index: Vec<u32> = match img.bytes.get(at..at + 4 * n_pairs) {
            Some(words) => words.as_chunks().0.iter().map(|&w| u32::from_le_bytes(w)).collect(),
            None => (0..n_pairs).map(|i| img.word(h.ent_index, i)).collect(),
        };
        let origins: Vec<Origin> = (0..h.n_origins as usize)
            .map(|o| Origin {
                name: img.string(img.word(h.origins, 3 * o), img.word(h.origins, 3 * o + 1)).into_owned(),
                user: img.word(h.origins, 3 * o + 2) != 0,
            })
            .collect();
        let blocks = (0..(h.n_entries as usize).div_ceil(BLOCK)).map(|_| OnceLock::new()).collect();
        // the facts table in place: a slice of the image, as the other tables are read
        let (at, len) = (h.facts as usize, h.n_entries as usize * FACT_BYTES);
        let facts = match &img.bytes {
            Cow::Borrowed(b) => b.get(at..at + len).map(|t| Cow::Borrowed(t.as_chunks().0)),
            Cow::Owned(v) => v.get(at..at + len).map(|t| Cow::Owned(t.as_chunks().0.to_vec())),
        }
        .ok_or("gazetteer image: facts table out of range")?;
        static NEXT_UID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let uid = NEXT_UID.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Ok(Matcher { max_len: h.max_len as usize, entry_index, origins, entries: Entries { img, blocks }, facts, uid })
    }

    /// This matcher's identity (see the `uid` field).
    pub fn uid(&self) -> u64 {
        self.uid
    }

    /// The compiled image (for tests and tools), as two parts: the bytes up to the string pool, and the
    /// pool.
    pub fn image(&self) -> (&[u8], &str) {
        let img = &self.entries.img;
        (img.bytes.get(..img.h.pool as usize).unwrap_or_default(), &img.pool)
    }

    #[inline]
    fn word(&self, at: u32, i: usize) -> u32 {
        self.entries.img.word(at, i)
    }

    #[inline]
    fn pool(&self, a: u32, b: u32) -> &[u8] {
        &self.entries.img.pool.as_bytes()[a as usize..b as usize]
    }

    #[inline]
    fn h(&self) -> &Header {
        &self.entries.img.h
    }

    /// Looks `k` up in one of the image's hash tables; `at(i)` is the pool range of key `i`.
    #[inline]
    fn probe(&self, tab: u32, mask: u32, id_bits: u32, k: &[u8], at: impl Fn(usize) -> (u32, u32)) -> Option<usize> {
        let h = hash(k);
        let ids = id_mask(id_bits);
        let mut s = (h & mask) as usize;
        loop {
            let v = self.word(tab, s);
            if v & ids == 0 {
                return None;
            }
            if (v ^ h) & !ids == 0 {
                let i = ((v & ids) - 1) as usize;
                let (a, b) = at(i);
                if (b - a) as usize == k.len() && same_bytes(self.pool(a, b), k) {
                    return Some(i);
                }
            }
            s = (s + 1) & mask as usize;
        }
    }

    /// The id of a token key (already normalized).
    #[inline]
    pub fn key_id(&self, k: &str) -> Option<u32> {
        let h = self.h();
        let at = |i: usize| (self.word(h.vocab_off, i), self.word(h.vocab_off, i + 1));
        self.probe(h.vocab_tab, h.vocab_mask, h.vocab_id_bits, k.as_bytes(), at).map(|i| i as u32)
    }

    /// The token id a caseless key leads to.
    #[inline]
    fn caseless_id(&self, k: &str) -> Option<u32> {
        let h = self.h();
        let at = |i: usize| (self.word(h.caseless_off, i), self.word(h.caseless_off, i + 1));
        let i = self.probe(h.caseless_tab, h.caseless_mask, h.caseless_id_bits, k.as_bytes(), at)?;
        Some(self.word(h.caseless_id, i))
    }

    /// The trie node reached from `node` by token `id`.
    #[inline]
    fn edge(&self, node: u32, id: u32) -> Option<u32> {
        if node == ROOT {
            if id >= self.h().n_vocab {
                return None;
            }
            let n = self.word(self.h().root, id as usize);
            return (n != 0).then_some(n);
        }
        let (lo, hi) = self.edges(node);
        self.child_between(lo, hi, id)
    }

    /// The range of `node`'s edges in the `child` table.
    #[inline]
    fn edges(&self, node: u32) -> (usize, usize) {
        let h = self.h();
        (self.word(h.child_start, node as usize) as usize, self.word(h.child_start, node as usize + 1) as usize)
    }

    /// The node that edge `id` leads to among the edges `lo..hi` of one node (sorted by token id).
    #[inline]
    fn child_between(&self, mut lo: usize, mut hi: usize, id: u32) -> Option<u32> {
        let child = self.h().child;
        while lo < hi {
            let mid = (lo + hi) / 2;
            let m = self.word(child, 2 * mid);
            if m == id {
                return Some(self.word(child, 2 * mid + 1));
            }
            if m < id {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        None
    }

    /// The id of one surface form, as the text lookup computes it.
    pub fn token_id(&self, surface: &str) -> Option<u32> {
        let mut buf = String::new();
        self.key_id(key_in(surface, &mut buf))
    }

    /// Token ids for every token of a document.
    pub fn token_ids(&self, doc: &Tokenized<'_>) -> Vec<TokIds> {
        let mut key_buf = String::new();
        let mut scratch = Scratch::default();
        doc.tokens
            .iter()
            .map(|t| {
                if skips_lookup(t) {
                    return TokIds::default();
                }
                let k = key_in(t.text(doc.text), &mut key_buf);
                self.ids_of(doc, t, k, &mut scratch)
            })
            .collect()
    }

    /// The ids of one token whose key `k` the caller has computed (the recognizers need the key too, and
    /// computing it is most of the cost of a lookup).
    pub fn ids_of(&self, doc: &Tokenized<'_>, t: &Token, k: &str, scratch: &mut Scratch) -> TokIds {
        let exact = self.key_id(k).map(TokId::new);
        let decap = self.decap_id(t.text(doc.text), t.shape, exact, scratch);
        self.ids_with(doc, t, exact, decap, scratch)
    }

    /// The id of a capitalized form unknown as written, with a lower-case initial (`Unies` → `unies`).
    /// Like `exact`, a function of the text alone (shape included), so callers may remember it.
    pub fn decap_id(&self, s: &str, shape: Shape, exact: Option<TokId>, scratch: &mut Scratch) -> Option<TokId> {
        // (an ALL-CAPS token, the only kind with a caseless id, never has a decap id)
        if exact.is_some() || shape != Shape::Capitalized {
            return None;
        }
        let mut chars = s.chars();
        let c = chars.next()?;
        scratch.word.clear();
        scratch.word.extend(c.to_lowercase());
        scratch.word.push_str(chars.as_str());
        self.key_id(key_in(&scratch.word, &mut scratch.buf)).map(TokId::new)
    }

    /// [`Matcher::ids_of`] given the token's exact and decap ids; only the caseless id, which depends on
    /// the sentence (headlines), is looked up here.
    #[inline]
    pub fn ids_with(
        &self,
        doc: &Tokenized<'_>,
        t: &Token,
        exact: Option<TokId>,
        decap: Option<TokId>,
        scratch: &mut Scratch,
    ) -> TokIds {
        // inlined for the common case: only an ALL-CAPS token can have a caseless id
        let caseless = if t.shape == Shape::AllCaps { self.caseless_of(doc, t, exact, scratch) } else { None };
        TokIds { exact, caseless, decap }
    }

    /// The caseless id of an ALL-CAPS token: ALL-CAPS words match caselessly on headlines, and elsewhere
    /// when unknown as written (datelines: `GENEVA —`, `KINSHASA, 3 mai`).
    #[inline(never)]
    fn caseless_of(
        &self,
        doc: &Tokenized<'_>,
        t: &Token,
        exact: Option<TokId>,
        scratch: &mut Scratch,
    ) -> Option<TokId> {
        let s = t.text(doc.text);
        if !(doc.sentences[t.sentence()].headline || (exact.is_none() && s.len() >= 3)) {
            return None;
        }
        caseless_key_into(s, &mut scratch.buf);
        let exact = exact.map(TokId::get);
        self.caseless_id(&scratch.buf).filter(|&c| Some(c) != exact).map(TokId::new)
    }

    /// The [`Facts`] of every entry, indexed by entry id (as [`Matcher::node_entries`] gives them).
    #[inline]
    pub fn facts(&self) -> FactsTable<'_> {
        FactsTable(&self.facts)
    }

    /// Entry ids stored at a trie node, highest priority first.
    pub fn node_entries(&self, node: u32) -> &[u32] {
        let (a, b) =
            (self.word(self.h().node_ent_start, node as usize), self.word(self.h().node_ent_start, node as usize + 1));
        &self.entry_index[a as usize..b as usize]
    }

    fn has_entries(&self, node: u32) -> bool {
        self.word(self.h().node_ent_start, node as usize) != self.word(self.h().node_ent_start, node as usize + 1)
    }

    /// Whether some name starts with token `id`: when neither the exact nor the caseless id of a token
    /// can, [`Matcher::matches_at`] finds nothing there and need not be called. A function of the id
    /// alone, so callers may remember it with the id.
    #[inline]
    pub fn starts_name(&self, id: TokId) -> bool {
        self.edge(ROOT, id.get()).is_some()
    }

    /// Every match starting at token `start`, shortest first.
    pub fn matches_at(&self, ids: &[TokIds], start: usize, out: &mut Vec<Match>) {
        if let Ok(start) = u32::try_from(start) {
            self.matches_from(ids, &[start], out);
        }
    }

    /// [`Matcher::matches_at`] of each of `starts` in turn. One loop for a document's starts, with the
    /// first two tokens of a walk looked at in place: most starts are function words that begin a few
    /// names (`de`, `la`, `le`: two in five on French news) and whose walk ends at the next token, so a
    /// call or two per start cost more than the walk.
    pub fn matches_from(&self, ids: &[TokIds], starts: &[u32], out: &mut Vec<Match>) {
        for &start in starts {
            let start = start as usize;
            let Some(t) = ids.get(start) else { continue };
            // the next token's ids, if a walk may go on to it (most often it has none: the walk stops at
            // the first token)
            let next =
                ids.get(start + 1).filter(|n| self.max_len > 1 && (n.exact.or(n.caseless).or(n.decap)).is_some());
            // the first token takes no decap id: a name starts as written
            if let Some(id) = t.exact {
                self.first_steps(ids, start, id, false, next, out);
            }
            if let Some(id) = t.caseless {
                self.first_steps(ids, start, id, true, next, out);
            }
        }
    }

    /// The matches from `start` whose first token has id `id`: the first two steps of the walk in place
    /// (most walks end there), [`Matcher::extend`] for the rest.
    #[inline(always)]
    fn first_steps(
        &self,
        ids: &[TokIds],
        start: usize,
        id: TokId,
        caseless: bool,
        next: Option<&TokIds>,
        out: &mut Vec<Match>,
    ) {
        let Some(node) = self.edge(ROOT, id.get()) else { return };
        let (lo, hi) = self.edges(node);
        if self.has_entries(node) {
            out.push(Match { start, end: start + 1, node, caseless });
        }
        let Some(&next_ids) = next.filter(|_| lo < hi) else { return };
        self.step(ids, start, start + 1, (lo, hi), next_ids, caseless, out);
    }

    /// The matches that continue the path to `node` (tokens `start..i`) with token `i` and beyond. Most
    /// nodes reached are single words with no longer name after them: their empty edge range ends the
    /// walk before any of the token's ids is looked up.
    fn extend(&self, ids: &[TokIds], start: usize, i: usize, node: u32, caseless: bool, out: &mut Vec<Match>) {
        if i >= ids.len() || i - start >= self.max_len {
            return;
        }
        let (lo, hi) = self.edges(node);
        if lo >= hi {
            return;
        }
        self.step(ids, start, i, (lo, hi), ids[i], caseless, out);
    }

    /// One step of a walk: token `i` (ids `t`) along the edges `lo..hi` of the node reached so far, then
    /// the rest of the walk from each child it leads to.
    #[allow(clippy::too_many_arguments)]
    #[inline(always)]
    fn step(
        &self,
        ids: &[TokIds],
        start: usize,
        i: usize,
        (lo, hi): (usize, usize),
        t: TokIds,
        caseless: bool,
        out: &mut Vec<Match>,
    ) {
        for (id, via_caseless) in [(t.exact, false), (t.caseless, true), (t.decap, false)] {
            let Some(next) = id.and_then(|id| self.child_between(lo, hi, id.get())) else { continue };
            let cl = caseless || via_caseless;
            if self.has_entries(next) {
                out.push(Match { start, end: i + 1, node: next, caseless: cl });
            }
            self.extend(ids, start, i + 1, next, cl, out);
        }
    }

    /// All entries whose surface form has the same key as `surface` (for `explain`).
    pub fn lookup(&self, surface: &str) -> Vec<&Entry> {
        self.lookup_ids(surface).iter().map(|&e| &self.entries[e as usize]).collect()
    }

    /// The entry ids of [`Matcher::lookup`], without collecting them. A surface of letters only is one
    /// token whatever the tokenizer's refinements (they split at punctuation, digits aside, and at
    /// ideographs and kana, excluded here), so the rules' one-word lookups skip tokenizing.
    pub fn lookup_ids(&self, surface: &str) -> &[u32] {
        let one_word = !surface.is_empty() && surface.chars().all(|c| c.is_alphabetic() && c < '\u{3040}');
        if one_word {
            return match self.token_id(surface).and_then(|id| self.edge(ROOT, id)) {
                Some(node) => self.node_entries(node),
                None => &[],
            };
        }
        self.lookup_tokens(surface)
    }

    /// [`Matcher::lookup_ids`] the long way, token by token: the reference of the one-word path.
    fn lookup_tokens(&self, surface: &str) -> &[u32] {
        let toks = tokenize(surface);
        let mut node = ROOT;
        for t in &toks.tokens {
            let Some(id) = self.token_id(t.text(surface)) else { return &[] };
            match self.edge(node, id) {
                Some(n) => node = n,
                None => return &[],
            }
        }
        self.node_entries(node)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::test_matcher as matcher;

    fn spans(m: &Matcher, text: &str) -> Vec<String> {
        let doc = tokenize(text);
        let ids = m.token_ids(&doc);
        let mut out = Vec::new();
        for i in 0..ids.len() {
            m.matches_at(&ids, i, &mut out);
        }
        out.iter()
            .map(|x| text[doc.tokens[x.start].start as usize..doc.tokens[x.end - 1].end as usize].to_string())
            .collect()
    }

    const TSV: &str = "name\tlabel\tcanonical\n\
        États-Unis\tCOUNTRY\tUnited States\n\
        Conseil de sécurité\tORGANIZATION\tUNSC\n\
        Conseil de sécurité de l'ONU\tORGANIZATION\tUNSC\n\
        ONU\tORGANIZATION\tUN\n\
        Le Caire\tLOCATION\tCairo\n\
        New York\tLOCATION\tNew York\n\
        Mali\tCOUNTRY\tMali\n";

    proptest::proptest! {
        /// The one-word path of `lookup_ids` finds what tokenizing finds.
        #[test]
        fn one_word_lookup_agrees(word in "(Mali|ONU|Caire|sécurité|Conseil|York|[a-zA-Zéèàçœ]{1,8}|[A-Za-z\\u{0100}-\\u{2FFF}]{1,6})") {
            let m = matcher(TSV);
            proptest::prop_assert_eq!(m.lookup_ids(&word), m.lookup_tokens(&word));
        }
    }

    /// The facts table says what the decoded entries say, for the built-in lists and a user list.
    #[test]
    fn facts_agree_with_entries() {
        let builtin = crate::gazetteer::compile(&crate::GazetteerConfig::default()).expect("built-in lists");
        let tsv = "name\tlabel\tcanonical\tlang\tflags\tiso\n\
            the UN\tORGANIZATION\tUN\ten\tambiguous\t\n\
            Le Caire\tLOCATION\tCairo\tfr\t\tEG\n\
            élysée\tLOCATION\tÉlysée\t\t\tFRA\n";
        let mut b = MatcherBuilder::new();
        b.add_rows(&crate::gazetteer::parse_tsv(tsv, "u").expect("rows"), Origin { name: "u".into(), user: true });
        let user = b.build();
        for m in [&builtin, &user] {
            assert_eq!(m.facts().len(), m.entries.len());
            let (mut the, mut lower, mut iso) = (0, 0, 0);
            for (i, e) in m.entries.iter().enumerate() {
                let f = m.facts().get(i as u32);
                assert_eq!(f.kind, e.kind, "{}", e.name);
                assert_eq!(f.flags, e.flags, "{}", e.name);
                assert_eq!(f.lang(), e.lang, "{}", e.name);
                assert_eq!(f.user(), m.origins[e.origin as usize].user, "{}", e.name);
                assert_eq!(f.name_starts_with_the(), e.name.starts_with("the "), "{}", e.name);
                assert_eq!(f.name_starts_lower(), e.name.starts_with(char::is_lowercase), "{}", e.name);
                let want: Option<[u8; 2]> = e.iso.as_deref().and_then(|c| c.as_bytes().try_into().ok());
                assert_eq!(f.iso(), want, "{}", e.name);
                the += usize::from(f.name_starts_with_the());
                lower += usize::from(f.name_starts_lower());
                iso += usize::from(f.iso().is_some());
            }
            assert!(the >= 1 && lower >= 1 && iso >= 1, "{the} {lower} {iso}");
        }
    }

    #[test]
    fn one_word_lookup_finds_entries() {
        let m = matcher(TSV);
        assert_eq!(m.lookup("Mali").len(), 1);
        assert_eq!(m.lookup("ONU").len(), 1);
        assert!(m.lookup("Bamako").is_empty());
        assert_eq!(m.lookup("Conseil de sécurité").len(), 1);
    }

    #[test]
    fn multiword_and_nested() {
        let m = matcher(TSV);
        assert_eq!(
            spans(&m, "le Conseil de sécurité de l’ONU à New York"),
            vec!["Conseil de sécurité", "Conseil de sécurité de l’ONU", "ONU", "New York"]
        );
    }

    #[test]
    fn accents_on_capitals_fold() {
        let m = matcher(TSV);
        assert_eq!(spans(&m, "les Etats-Unis"), vec!["Etats-Unis"]);
    }

    #[test]
    fn case_is_kept_except_headlines() {
        let m = matcher(TSV);
        assert!(spans(&m, "le mali").is_empty());
        // an ALL-CAPS word unknown as written matches caselessly (datelines: `MALI —`)
        assert_eq!(spans(&m, "Le MALI est"), vec!["MALI"]);
        assert_eq!(spans(&m, "LE MALI ET LES ÉTATS-UNIS"), vec!["MALI", "ÉTATS-UNIS"]);
    }

    #[test]
    fn article_alias() {
        let m = matcher(TSV);
        assert_eq!(spans(&m, "au Caire"), vec!["Caire"]);
        let e = m.lookup("Caire");
        assert!(e[0].has(flags::ARTICLE_DROPPED));
        assert_eq!(m.lookup("Le Caire")[0].canonical.as_ref(), "Cairo");
    }
}
