//! The compiled gazetteer image: the one format of a compiled matcher, built the same way at build time
//! (`build.rs` embeds the built-in lists) and at run time (user lists, `--no-builtin-gazetteers`).
//!
//! DESIGN note: this file is compiled twice, into the library and into `build.rs` (with `normalize.rs`,
//! `tokenize/` and `parse.rs`), so a name in a TSV file and the same name in a text are keyed by the very
//! same code whichever way the matcher was built. The image is a little-endian byte string read in place
//! (no deserialization, no hashing at start-up): a string pool, open-addressing hash tables over the token
//! keys and the caseless keys, the trie as sorted edge arrays, fixed-size entry records, and the entries'
//! 8-byte facts ([`FACT_BYTES`]) that the recognizers' per-match loops read.

use super::parse::{Lang, Row, RowKind};
use crate::label::Label;
use crate::normalize::{caseless_key, key};
use crate::tokenize::{tokenize, Shape};
use rustc_hash::FxHashMap;

pub const MAGIC: u32 = u32::from_le_bytes(*b"NERg");
pub const VERSION: u32 = 3;
/// `u32` words per entry record.
pub const ENTRY_WORDS: usize = 11;
/// A missing optional string.
pub const NONE: u32 = u32::MAX;
/// Bytes per entry in the facts table: the flags (4 bytes, little-endian), the kind code, the [`fact`]
/// bits and the two bytes of the ISO code (zero unless [`fact::ISO`]).
pub const FACT_BYTES: usize = 8;

/// The bits of an entry's facts byte.
pub mod fact {
    /// The entry's list is a user list ([`super::Origin::user`]).
    pub const USER: u8 = 1;
    /// The ISO code has exactly two bytes (kept in the record's last two bytes).
    pub const ISO: u8 = 1 << 1;
    /// The name starts with `the `.
    pub const THE: u8 = 1 << 2;
    /// The name starts with a lower-case letter.
    pub const LOWER: u8 = 1 << 3;
    /// The language code ([`super::lang_code`]) sits in bits 4 and 5.
    pub const LANG_SHIFT: u32 = 4;
}

/// The hash of the image's tables: FxHash-style over 8-byte words, then mixed. Defined here (not taken
/// from a crate) because the build script and the library must agree on it bit for bit, on any platform.
#[inline]
pub fn hash(s: &[u8]) -> u32 {
    const K: u64 = 0xf135_7aea_2e62_a9c5;
    let len = s.len();
    let mut h = (len as u64).wrapping_mul(K);
    let mut i = 0;
    while i + 8 <= len {
        let w = u64::from_le_bytes(s[i..i + 8].try_into().unwrap_or([0; 8]));
        h = (h ^ w).wrapping_mul(K).rotate_left(23);
        i += 8;
    }
    let r = len - i;
    if r > 0 {
        // the last 1–7 bytes without a copy: two overlapping 4-byte reads, or first, middle and last byte
        let u32_at = |j: usize| u32::from_le_bytes(s[j..j + 4].try_into().unwrap_or([0; 4])) as u64;
        let w = if r >= 4 {
            u32_at(i) | u32_at(len - 4) << 32
        } else {
            s[i] as u64 | (s[i + r / 2] as u64) << 8 | (s[len - 1] as u64) << 16
        };
        h = (h ^ w).wrapping_mul(K).rotate_left(23);
    }
    h ^= h >> 31;
    h = h.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    (h >> 32) as u32
}

/// Where the sections are: byte offsets into the image, and counts. Stored as the first words.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Header {
    pub n_vocab: u32,
    pub n_caseless: u32,
    pub n_nodes: u32,
    pub n_entries: u32,
    pub n_origins: u32,
    pub max_len: u32,
    /// Slot masks of the two hash tables (slot count − 1, a power of two minus one).
    pub vocab_mask: u32,
    pub caseless_mask: u32,
    /// Low bits of a slot that hold `index + 1` (see [`table`]); the high bits hold the hash's.
    pub vocab_id_bits: u32,
    pub caseless_id_bits: u32,
    /// Byte pool of all strings.
    pub pool: u32,
    /// `n_vocab + 1` pool offsets: token key `i` is `pool[off[i]..off[i + 1]]`.
    pub vocab_off: u32,
    /// Hash table of token keys ([`table`]).
    pub vocab_tab: u32,
    /// `n_caseless + 1` pool offsets of the caseless keys.
    pub caseless_off: u32,
    /// The token id each caseless key leads to.
    pub caseless_id: u32,
    /// Hash table of caseless keys ([`table`]).
    pub caseless_tab: u32,
    /// `n_vocab` words: the trie node reached from the root by each token id (`0`: none).
    pub root: u32,
    /// `n_nodes + 1` indices into `child`: the other nodes' edges.
    pub child_start: u32,
    /// `(token id, next node)` pairs, sorted by token id within a node.
    pub child: u32,
    /// `n_nodes + 1` indices into `ent_index`.
    pub node_ent_start: u32,
    /// Entry ids per node, highest priority first.
    pub ent_index: u32,
    /// `n_entries` records of [`ENTRY_WORDS`] words.
    pub entries: u32,
    /// `n_origins` records: pool offset, length, user flag.
    pub origins: u32,
    /// `n_entries` records of [`FACT_BYTES`] bytes: what the recognizers read of an entry.
    pub facts: u32,
    /// Total image length in bytes.
    pub len: u32,
}

impl Header {
    pub const WORDS: usize = 27;

    fn fields(&self) -> [u32; Self::WORDS - 2] {
        [
            self.n_vocab,
            self.n_caseless,
            self.n_nodes,
            self.n_entries,
            self.n_origins,
            self.max_len,
            self.vocab_mask,
            self.caseless_mask,
            self.vocab_id_bits,
            self.caseless_id_bits,
            self.pool,
            self.vocab_off,
            self.vocab_tab,
            self.caseless_off,
            self.caseless_id,
            self.caseless_tab,
            self.root,
            self.child_start,
            self.child,
            self.node_ent_start,
            self.ent_index,
            self.entries,
            self.origins,
            self.facts,
            self.len,
        ]
    }

    /// Reads and checks the header of an image.
    pub fn read(img: &[u8]) -> Result<Header, String> {
        let h = Self::read_fields(img)?;
        if h.len as usize != img.len() {
            return Err("gazetteer image length mismatch".into());
        }
        Ok(h)
    }

    /// Reads and checks the header of an image split in two at its string pool (`tables` is the image
    /// up to [`Header::pool`], the pool the rest): how the built-in image is embedded, see
    /// `gazetteer::BUILTIN_POOL`.
    pub fn read_split(tables: &[u8], pool_len: usize) -> Result<Header, String> {
        let h = Self::read_fields(tables)?;
        if h.pool as usize != tables.len() || h.len as usize != tables.len() + pool_len {
            return Err("gazetteer image length mismatch".into());
        }
        Ok(h)
    }

    fn read_fields(img: &[u8]) -> Result<Header, String> {
        let word = |i: usize| -> Option<u32> {
            img.get(4 * i..4 * i + 4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        };
        if word(0) != Some(MAGIC) || word(1) != Some(VERSION) {
            return Err("not a gazetteer image of this version".into());
        }
        let mut f = [0u32; Self::WORDS - 2];
        for (i, v) in f.iter_mut().enumerate() {
            *v = word(i + 2).ok_or("truncated gazetteer image")?;
        }
        let h = Header {
            n_vocab: f[0],
            n_caseless: f[1],
            n_nodes: f[2],
            n_entries: f[3],
            n_origins: f[4],
            max_len: f[5],
            vocab_mask: f[6],
            caseless_mask: f[7],
            vocab_id_bits: f[8],
            caseless_id_bits: f[9],
            pool: f[10],
            vocab_off: f[11],
            vocab_tab: f[12],
            caseless_off: f[13],
            caseless_id: f[14],
            caseless_tab: f[15],
            root: f[16],
            child_start: f[17],
            child: f[18],
            node_ent_start: f[19],
            ent_index: f[20],
            entries: f[21],
            origins: f[22],
            facts: f[23],
            len: f[24],
        };
        Ok(h)
    }
}

/// Where a list came from; `user` lists win over built-in ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// Short name used in `recognizer` fields: `countries`, or a user file's path.
    pub name: String,
    pub user: bool,
}

/// Entry kind as stored in the image.
pub fn kind_code(k: RowKind) -> u32 {
    match k {
        RowKind::Given => 0,
        RowKind::Title => 1,
        RowKind::Demonym => 2,
        RowKind::Entity(Label::Person) => 3,
        RowKind::Entity(Label::Country) => 4,
        RowKind::Entity(Label::Organization) => 5,
        RowKind::Entity(Label::Location) => 6,
    }
}

pub fn kind_from_code(c: u32) -> RowKind {
    match c {
        0 => RowKind::Given,
        1 => RowKind::Title,
        2 => RowKind::Demonym,
        3 => RowKind::Entity(Label::Person),
        4 => RowKind::Entity(Label::Country),
        5 => RowKind::Entity(Label::Organization),
        _ => RowKind::Entity(Label::Location),
    }
}

pub fn lang_code(l: Lang) -> u32 {
    match l {
        Lang::Any => 0,
        Lang::Fr => 1,
        Lang::En => 2,
    }
}

pub fn lang_from_code(c: u32) -> Lang {
    match c {
        1 => Lang::Fr,
        2 => Lang::En,
        _ => Lang::Any,
    }
}

/// One row as the builder keeps it until serialization.
#[derive(Debug, Clone)]
struct EntryData {
    kind: RowKind,
    name: String,
    canonical: String,
    kb_id: Option<String>,
    lang: Lang,
    iso: Option<String>,
    flags: u32,
    origin: u16,
    line: u32,
}

impl EntryData {
    /// The entry's facts record ([`FACT_BYTES`]): the one place they are computed from an entry, for the
    /// built-in image (at build time) and user lists alike, so start-up reads them in place.
    fn facts(&self, origins: &[Origin]) -> [u8; FACT_BYTES] {
        let mut bits = (lang_code(self.lang).min(3) as u8) << fact::LANG_SHIFT;
        if origins.get(self.origin as usize).is_some_and(|o| o.user) {
            bits |= fact::USER;
        }
        if self.name.starts_with("the ") {
            bits |= fact::THE;
        }
        if self.name.starts_with(char::is_lowercase) {
            bits |= fact::LOWER;
        }
        let mut iso = [0; 2];
        if let Some(Ok(code)) = self.iso.as_deref().map(|c| <[u8; 2]>::try_from(c.as_bytes())) {
            iso = code;
            bits |= fact::ISO;
        }
        let [f0, f1, f2, f3] = self.flags.to_le_bytes();
        [f0, f1, f2, f3, kind_code(self.kind) as u8, bits, iso[0], iso[1]]
    }
}

/// Set by the builder: see [`super::parse::flags::ARTICLE_DROPPED`].
const ARTICLE_DROPPED: u32 = super::parse::flags::ARTICLE_DROPPED;

/// French capitalized articles that may begin a place or title name and contract away (`au Caire`).
fn is_leading_article(k: &str) -> bool {
    matches!(k, "Le" | "La" | "Les" | "L'")
}

/// Builds an image; lists are added in priority order.
#[derive(Debug, Default)]
pub struct ImageBuilder {
    vocab: FxHashMap<Box<str>, u32>,
    /// Token keys by id.
    keys: Vec<Box<str>>,
    /// Caseless key → index into `caseless_keys` / `caseless_ids`.
    caseless: FxHashMap<Box<str>, u32>,
    caseless_keys: Vec<Box<str>>,
    caseless_ids: Vec<u32>,
    edges: FxHashMap<(u32, u32), u32>,
    node_count: u32,
    pairs: Vec<(u32, u32)>,
    entries: Vec<EntryData>,
    origins: Vec<Origin>,
    max_len: usize,
}

impl ImageBuilder {
    pub fn new() -> Self {
        ImageBuilder { node_count: 1, ..Default::default() }
    }

    fn intern(&mut self, k: &str, shape: Shape) -> u32 {
        if let Some(&id) = self.vocab.get(k) {
            return id;
        }
        let id = self.keys.len() as u32;
        self.vocab.insert(k.into(), id);
        self.keys.push(k.into());
        // The caseless key maps to a form seen, preferring non-ALL-CAPS forms so that a headline `MALI`
        // reaches the entries of `Mali`: a later non-ALL-CAPS form replaces an earlier one.
        let ck = caseless_key(k);
        match self.caseless.get(ck.as_str()) {
            Some(_) if shape == Shape::AllCaps => {}
            Some(&i) => self.caseless_ids[i as usize] = id,
            None => {
                let i = self.caseless_keys.len() as u32;
                self.caseless.insert(ck.as_str().into(), i);
                self.caseless_keys.push(ck.into());
                self.caseless_ids.push(id);
            }
        }
        id
    }

    fn insert_path(&mut self, ids: &[u32]) -> u32 {
        let mut node = 0;
        for &id in ids {
            node = match self.edges.get(&(node, id)) {
                Some(&n) => n,
                None => {
                    let n = self.node_count;
                    self.node_count += 1;
                    self.edges.insert((node, id), n);
                    n
                }
            };
        }
        node
    }

    /// Adds the rows of one list.
    pub fn add_rows(&mut self, rows: &[Row], origin: Origin) {
        let origin_id = self.origins.len() as u16;
        self.origins.push(origin);
        for row in rows {
            let toks = tokenize(&row.name);
            if toks.tokens.is_empty() {
                continue;
            }
            let mut ids: Vec<u32> = toks.tokens.iter().map(|t| self.intern(&key(t.text(&row.name)), t.shape)).collect();
            // a lowercase `the` is never part of a name (`the UN` is `UN`); `The Hague` keeps its capital
            if ids.len() >= 2 && toks.tokens[0].text(&row.name) == "the" {
                ids.remove(0);
            }
            let entry = EntryData {
                kind: row.kind,
                name: row.name.clone(),
                canonical: row.canonical.clone(),
                kb_id: row.kb_id.clone(),
                lang: row.lang,
                iso: row.iso.clone(),
                flags: row.flags,
                origin: origin_id,
                line: row.line as u32,
            };
            let article = ids.len() >= 2
                && is_leading_article(&key(toks.tokens[0].text(&row.name)))
                && matches!(row.kind, RowKind::Entity(Label::Location) | RowKind::Entity(Label::Organization));
            if article {
                let mut alias = entry.clone();
                alias.flags |= ARTICLE_DROPPED;
                let node = self.insert_path(&ids[1..]);
                self.pairs.push((node, self.entries.len() as u32));
                self.entries.push(alias);
            }
            // `président` also opens a sentence as `Président`
            if row.kind == RowKind::Title && row.name.starts_with(char::is_lowercase) {
                let mut chars = toks.tokens[0].text(&row.name).chars();
                if let Some(c) = chars.next() {
                    let cap: String = c.to_uppercase().chain(chars).collect();
                    let mut cap_ids = ids.clone();
                    cap_ids[0] = self.intern(&key(&cap), Shape::Capitalized);
                    let node = self.insert_path(&cap_ids);
                    self.pairs.push((node, self.entries.len() as u32));
                    self.entries.push(entry.clone());
                }
            }
            let node = self.insert_path(&ids);
            self.max_len = self.max_len.max(ids.len());
            self.pairs.push((node, self.entries.len() as u32));
            self.entries.push(entry);
        }
    }

    /// Serializes the image. Deterministic: the same lists give the same bytes on every platform.
    pub fn finish(mut self) -> Vec<u8> {
        let mut pool = Pool::default();
        // token keys first and contiguous, so that key `i` is `pool[off[i]..off[i + 1]]`
        let mut vocab_off = Vec::with_capacity(self.keys.len() + 1);
        for k in &self.keys {
            vocab_off.push(pool.bytes.len() as u32);
            pool.bytes.extend_from_slice(k.as_bytes());
        }
        vocab_off.push(pool.bytes.len() as u32);
        let mut caseless_off = Vec::with_capacity(self.caseless_keys.len() + 1);
        for k in &self.caseless_keys {
            caseless_off.push(pool.bytes.len() as u32);
            pool.bytes.extend_from_slice(k.as_bytes());
        }
        caseless_off.push(pool.bytes.len() as u32);
        let vocab_tab = table(&self.keys);
        let caseless_tab = table(&self.caseless_keys);

        // the trie: root edges by token id, other nodes' edges sorted
        let mut root = vec![0u32; self.keys.len()];
        let mut edges: Vec<(u32, u32, u32)> = Vec::with_capacity(self.edges.len());
        for (&(node, id), &next) in &self.edges {
            if node == 0 {
                root[id as usize] = next;
            } else {
                edges.push((node, id, next));
            }
        }
        edges.sort_unstable();
        let n_nodes = self.node_count as usize;
        let mut child_start = vec![0u32; n_nodes + 1];
        for &(node, _, _) in &edges {
            child_start[node as usize + 1] += 1;
        }
        for i in 0..n_nodes {
            child_start[i + 1] += child_start[i];
        }
        let child: Vec<u32> = edges.iter().flat_map(|&(_, id, next)| [id, next]).collect();

        // entries per node: a stable sort keeps list order within a node (earlier lists first)
        self.pairs.sort_by_key(|&(node, _)| node);
        let mut node_ent_start = vec![0u32; n_nodes + 1];
        for &(node, _) in &self.pairs {
            node_ent_start[node as usize + 1] += 1;
        }
        for i in 0..n_nodes {
            node_ent_start[i + 1] += node_ent_start[i];
        }
        let ent_index: Vec<u32> = self.pairs.iter().map(|&(_, e)| e).collect();

        let mut entries = Vec::with_capacity(self.entries.len() * ENTRY_WORDS);
        for e in &self.entries {
            let (name_off, name_len) = pool.add(&e.name);
            let (can_off, can_len) = pool.add(&e.canonical);
            let (kb_off, kb_len) = e.kb_id.as_deref().map(|s| pool.add(s)).unwrap_or((0, NONE));
            let (iso_off, iso_len) = e.iso.as_deref().map(|s| pool.add(s)).unwrap_or((0, NONE));
            entries.extend_from_slice(&[
                kind_code(e.kind) | lang_code(e.lang) << 8 | (e.origin as u32) << 16,
                e.flags,
                e.line,
                name_off,
                name_len,
                can_off,
                can_len,
                kb_off,
                kb_len,
                iso_off,
                iso_len,
            ]);
        }
        let facts: Vec<u8> = self.entries.iter().flat_map(|e| e.facts(&self.origins)).collect();
        let mut origins = Vec::with_capacity(self.origins.len() * 3);
        for o in &self.origins {
            let (off, len) = pool.add(&o.name);
            origins.extend_from_slice(&[off, len, o.user as u32]);
        }
        while pool.bytes.len() % 4 != 0 {
            pool.bytes.push(0);
        }

        let mut h = Header {
            n_vocab: self.keys.len() as u32,
            n_caseless: self.caseless_keys.len() as u32,
            n_nodes: n_nodes as u32,
            n_entries: self.entries.len() as u32,
            n_origins: self.origins.len() as u32,
            max_len: self.max_len as u32,
            vocab_mask: vocab_tab.mask,
            caseless_mask: caseless_tab.mask,
            vocab_id_bits: vocab_tab.id_bits,
            caseless_id_bits: caseless_tab.id_bits,
            ..Header::default()
        };
        let mut out: Vec<u8> = vec![0; Header::WORDS * 4];
        let section = |words: &[u32], out: &mut Vec<u8>| -> u32 {
            let at = out.len() as u32;
            for w in words {
                out.extend_from_slice(&w.to_le_bytes());
            }
            at
        };
        h.vocab_off = section(&vocab_off, &mut out);
        h.vocab_tab = section(&vocab_tab.slots, &mut out);
        h.caseless_off = section(&caseless_off, &mut out);
        h.caseless_id = section(&self.caseless_ids, &mut out);
        h.caseless_tab = section(&caseless_tab.slots, &mut out);
        h.root = section(&root, &mut out);
        h.child_start = section(&child_start, &mut out);
        h.child = section(&child, &mut out);
        h.node_ent_start = section(&node_ent_start, &mut out);
        h.ent_index = section(&ent_index, &mut out);
        h.entries = section(&entries, &mut out);
        h.origins = section(&origins, &mut out);
        h.facts = out.len() as u32;
        out.extend_from_slice(&facts);
        h.pool = out.len() as u32;
        out.extend_from_slice(&pool.bytes);
        h.len = out.len() as u32;
        let mut head = vec![MAGIC, VERSION];
        head.extend_from_slice(&h.fields());
        for (i, w) in head.iter().enumerate() {
            out[4 * i..4 * i + 4].copy_from_slice(&w.to_le_bytes());
        }
        out
    }
}

/// The string pool, with entry strings deduplicated.
#[derive(Default)]
struct Pool {
    bytes: Vec<u8>,
    seen: FxHashMap<String, (u32, u32)>,
}

impl Pool {
    fn add(&mut self, s: &str) -> (u32, u32) {
        if let Some(&r) = self.seen.get(s) {
            return r;
        }
        let r = (self.bytes.len() as u32, s.len() as u32);
        self.bytes.extend_from_slice(s.as_bytes());
        self.seen.insert(s.to_string(), r);
        r
    }
}

/// An open-addressing hash table of `u32` slots, at most half full, filled in index order. A slot holds
/// `index + 1` in its low `id_bits` bits (`0`: empty) and the high bits of the key's hash above them, so a
/// probe compares strings only on a likely hit, and the table is 4 bytes a slot.
pub struct Table {
    pub slots: Vec<u32>,
    pub mask: u32,
    pub id_bits: u32,
}

/// The bits of a slot that hold the index.
#[inline]
pub fn id_mask(id_bits: u32) -> u32 {
    ((1u64 << id_bits) - 1) as u32
}

fn table(keys: &[Box<str>]) -> Table {
    let slots = (keys.len() * 2).next_power_of_two().max(8);
    let mask = slots - 1;
    let id_bits = (u32::BITS - (keys.len() as u32 + 1).leading_zeros()).max(1);
    let ids = id_mask(id_bits);
    let mut tab = vec![0u32; slots];
    for (i, k) in keys.iter().enumerate() {
        let h = hash(k.as_bytes());
        let mut s = h as usize & mask;
        while tab[s] & ids != 0 {
            s = (s + 1) & mask;
        }
        tab[s] = (h & !ids) | (i as u32 + 1);
    }
    Table { slots: tab, mask: mask as u32, id_bits }
}
