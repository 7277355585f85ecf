//! Registered surface forms (sequences of token key numbers, [`super::keys`]) and the search for their
//! other occurrences in a document.
//!
//! A form is looked up by its whole sequence (hash, then comparison), trying only the lengths registered
//! under its first number, longest first, so a document with very many distinct names (a huge or
//! hostile input) costs time in proportion to its tokens, not to tokens × names.

use super::keys::{Digests, KeyIds};
use super::taken::Taken;
use super::Capital;
use crate::recognize::Ctx;
use rustc_hash::FxHashMap;

/// No form: the end of a hash chain.
const NONE: u32 = u32::MAX;

struct Form {
    /// Range of the form's numbers in [`Forms::numbers`].
    at: usize,
    len: usize,
    /// The entity the form came from.
    src: usize,
    /// The previous form registered in the same bucket of [`Tables::heads`], or [`NONE`].
    next: u32,
    /// The low bits of its [`hash`], to file it again when the buckets double.
    hash: u32,
}

/// Forms with the index of their source entity; the first one registered wins.
#[derive(Default)]
pub struct Forms {
    tables: Tables,
    /// Digests of the first keys: most capitalized words that start no form are ruled out without
    /// looking them up.
    first_digests: Digests,
    /// The same for the first keys outside the gazetteer vocabulary ([`KeyIds::is_interned`]): a
    /// capitalized word outside it, whose number is looked up by its text, is ruled out by these.
    interned_digests: Digests,
}

/// The lists and hash tables of [`Forms`]: the thread keeps them, emptied, for its next document
/// ([`Forms::take`]), where each document allocated them twice and let them go.
#[derive(Default)]
struct Tables {
    /// The key numbers of every form, back to back.
    numbers: Vec<u32>,
    forms: Vec<Form>,
    /// Per bucket (the low bits of a form's [`hash`]; a power of two, at least twice as many as the
    /// forms, or none before the first form): the last form registered in it, or [`NONE`]. A hash
    /// table of chains through [`Form::next`]: a map from hash to chain hashed the hash again, and was
    /// most of the cost of registering a form.
    heads: Vec<u32>,
    /// First number → the lengths registered under it below 64, as bits (`1 << len`).
    short: FxHashMap<u32, u64>,
    /// First number → the lengths of 64 and more registered under it, longest first (hostile input).
    long: FxHashMap<u32, Vec<usize>>,
}

impl Tables {
    /// Room for about `n` forms (the hash tables for at most `room`).
    fn reserve(&mut self, n: usize, room: usize) {
        self.numbers.reserve(2 * n);
        self.forms.reserve(n);
        self.short.reserve(room);
    }

    /// The bucket of `hash` (buckets must exist).
    #[inline]
    fn bucket(&self, hash: u32) -> usize {
        hash as usize & (self.heads.len() - 1)
    }

    /// Doubles the buckets (64 at first) and files every form again.
    #[cold]
    fn grow(&mut self) {
        let len = (2 * self.heads.len()).max(64);
        self.heads.clear();
        self.heads.resize(len, NONE);
        let mask = len - 1;
        for (f, form) in self.forms.iter_mut().enumerate() {
            let b = form.hash as usize & mask;
            form.next = self.heads[b];
            self.heads[b] = f as u32;
        }
    }
}

thread_local! {
    static SPARE: std::cell::Cell<Tables> = std::cell::Cell::new(Tables::default());
}

/// The most forms whose tables are kept for the next document: memory stays bounded by a typical
/// document, not by the largest one met.
const SPARE_MAX: usize = 1 << 14;

impl Drop for Forms {
    fn drop(&mut self) {
        let t = &mut self.tables;
        if t.forms.capacity() > SPARE_MAX
            || t.numbers.capacity() > 4 * SPARE_MAX
            || t.heads.len() > 2 * SPARE_MAX
            || t.short.capacity() > SPARE_MAX
        {
            return;
        }
        // the buckets the forms are in, and only those (there may be many more)
        for f in 0..t.forms.len() {
            let b = t.bucket(t.forms[f].hash);
            t.heads[b] = NONE;
        }
        t.numbers.clear();
        t.forms.clear();
        t.short.clear();
        t.long.clear();
        SPARE.set(std::mem::take(t));
    }
}

/// A hash of a form's numbers, word by word (hashing the slice went through its bytes, and was most of
/// the cost of registering a form).
#[inline]
fn hash(seq: &[u32]) -> u64 {
    seq.iter().fold(seq.len() as u64, |h, &x| (h.rotate_left(26) ^ u64::from(x)).wrapping_mul(0x517c_c1b7_2722_0a95))
}

/// The form equal to `seq`, whose [`hash`] has the low bits `hash`, in the chain starting at `f`.
fn find<'f>(forms: &'f [Form], numbers: &[u32], mut f: u32, seq: &[u32], hash: u32) -> Option<&'f Form> {
    while f != NONE {
        let form = &forms[f as usize];
        // compared number by number: the forms are a few words long, too short for a call to `memcmp`
        if form.hash == hash
            && form.len == seq.len()
            && numbers[form.at..form.at + form.len].iter().zip(seq).all(|(a, b)| a == b)
        {
            return Some(form);
        }
        f = form.next;
    }
    None
}

impl Forms {
    /// Room for about `n` forms (the hash tables for at most [`super::link::MAP_ROOM`]: they are
    /// touched all over, and a long document registers a tenth as many forms as it has entities).
    #[cfg(test)]
    pub fn with_capacity(n: usize) -> Self {
        let mut tables = Tables::default();
        tables.reserve(n, n.min(super::link::MAP_ROOM));
        Forms { tables, first_digests: Digests::default(), interned_digests: Digests::default() }
    }

    /// [`Forms::with_capacity`] in the tables of the thread's last forms, emptied.
    pub fn take(n: usize) -> Self {
        let mut tables = SPARE.take();
        tables.reserve(n, n.min(super::link::MAP_ROOM));
        Forms { tables, first_digests: Digests::default(), interned_digests: Digests::default() }
    }

    /// Registers `seq` (not empty) for entity `src`, unless it is registered already.
    /// `first_digest` gives the digest of the first token's key ([`super::keys::key_digest`]).
    pub fn insert(&mut self, first_digest: impl FnOnce() -> u16, seq: &[u32], src: usize) {
        let t = &mut self.tables;
        if 2 * (t.forms.len() + 1) > t.heads.len() {
            t.grow();
        }
        let hash = hash(seq) as u32;
        let b = t.bucket(hash);
        if find(&t.forms, &t.numbers, t.heads[b], seq, hash).is_some() {
            return;
        }
        let head = std::mem::replace(&mut t.heads[b], t.forms.len() as u32);
        let len = seq.len();
        if len < 64 {
            let interned = &mut self.interned_digests;
            let lengths = self.tables.short.entry(seq[0]).or_insert_with(|| {
                let d = first_digest();
                self.first_digests.add(d);
                if KeyIds::is_interned(seq[0]) {
                    interned.add(d);
                }
                0
            });
            *lengths |= 1 << len;
        } else {
            if !self.tables.long.contains_key(&seq[0]) {
                let d = first_digest();
                self.first_digests.add(d);
                if KeyIds::is_interned(seq[0]) {
                    self.interned_digests.add(d);
                }
            }
            let lengths = self.tables.long.entry(seq[0]).or_default();
            if !lengths.contains(&len) {
                lengths.push(len);
                lengths.sort_unstable_by(|a, b| b.cmp(a));
            }
        }
        self.tables.forms.push(Form { at: self.tables.numbers.len(), len, src, next: head, hash });
        self.tables.numbers.extend_from_slice(seq);
    }

    pub fn is_empty(&self) -> bool {
        self.tables.forms.is_empty()
    }

    /// The source entity of the form made of exactly `seq`.
    pub fn get(&self, seq: &[u32]) -> Option<usize> {
        if seq.is_empty() {
            return None;
        }
        let t = &self.tables;
        if t.heads.is_empty() {
            return None;
        }
        let hash = hash(seq) as u32;
        find(&t.forms, &t.numbers, t.heads[t.bucket(hash)], seq, hash).map(|f| f.src)
    }

    /// Whether token `i`, the digest of whose key is `digest` ([`super::keys::key_digest`]), may start a
    /// form, decided without its number: no form starts with a key of another digest, and a word outside
    /// the vocabulary (numbered by its text, the costly way) can only start a form whose first key is
    /// outside it too.
    #[inline]
    pub fn may_start<'a>(&self, ctx: &Ctx<'a>, keys: &KeyIds<'a>, i: usize, digest: u16) -> bool {
        self.first_digests.may_hold(digest)
            && (self.interned_digests.may_hold(digest) || !keys.numbered_by_text(ctx, i))
    }

    /// Whether some form starts with `first`.
    pub fn starts_with(&self, first: u32) -> bool {
        self.tables.short.contains_key(&first)
            || (!self.tables.long.is_empty() && self.tables.long.contains_key(&first))
    }

    /// The lengths registered under `first`, longest first.
    fn lengths(&self, first: u32) -> impl Iterator<Item = usize> + '_ {
        let long = if self.tables.long.is_empty() { None } else { self.tables.long.get(&first) };
        let mut bits = self.tables.short.get(&first).copied().unwrap_or(0);
        long.into_iter().flatten().copied().chain(std::iter::from_fn(move || {
            (bits != 0).then(|| {
                let len = 63 - bits.leading_zeros() as usize;
                bits &= !(1 << len);
                len
            })
        }))
    }

    /// Finds the occurrences of the forms over untaken tokens, leftmost first and at each position the
    /// longest, and returns `(start, end, source)` for each (marking them taken). `capitals` are the
    /// capitalized tokens in order: every form starts with one.
    #[inline(never)]
    pub fn occurrences<'a>(
        &self,
        ctx: &Ctx<'a>,
        keys: &mut KeyIds<'a>,
        capitals: &[Capital],
        taken: &mut Taken,
        allow: impl Fn(usize, usize) -> bool,
    ) -> Vec<(usize, usize, usize)> {
        let mut found = Vec::new();
        let mut seq = Vec::new();
        // tokens before `from` are inside an occurrence found already
        let mut from = 0;
        for c in capitals {
            let i = c.pos as usize;
            if i < from
                || !self.first_digests.may_hold(c.digest)
                || taken.get(i)
                || !self.may_start(ctx, keys, i, c.digest)
            {
                continue;
            }
            let Some(first) = keys.known(ctx, i).filter(|&f| self.starts_with(f)) else { continue };
            for len in self.lengths(first) {
                let end = i + len;
                if end > ctx.len() || taken.any(i, end) || !allow(i, end) {
                    continue;
                }
                seq.clear();
                seq.push(first);
                for j in i + 1..end {
                    match keys.known(ctx, j) {
                        Some(n) => seq.push(n),
                        None => break,
                    }
                }
                if seq.len() < len {
                    continue;
                }
                if let Some(src) = self.get(&seq) {
                    taken.set(i, end);
                    found.push((i, end, src));
                    from = end;
                    break;
                }
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::MatcherBuilder;
    use crate::lang::Language;
    use crate::resolve::keys::key_digest;
    use crate::tokenize::tokenize;

    /// The longest registered form wins at a position, the first entity registered with a form is its
    /// source, and a form is not found over taken tokens.
    #[test]
    fn longest_first_and_first_registered_wins() {
        let m = MatcherBuilder::new().build();
        //                0      1    2  3      4    5   6 7      8    9   10 11     12
        let doc = tokenize("Banque Nord et Banque Nord Sud . Banque Nord Sud et Banque .");
        let ctx = Ctx::new(&doc, &m, Language::Fr);
        let mut keys = KeyIds::new(&ctx);
        let mut forms = Forms::with_capacity(4);
        for (start, end, src) in [(0, 2, 100), (3, 6, 101), (7, 9, 102)] {
            let seq: Vec<u32> = (start..end).map(|i| keys.id(&ctx, i)).collect();
            forms.insert(|| key_digest(&ctx, start), &seq, src);
        }
        let seq: Vec<u32> = (7..9).map(|i| keys.id(&ctx, i)).collect();
        assert_eq!(forms.get(&seq), Some(100));
        let mut taken = Taken::new(ctx.len());
        taken.set(0, 6);
        let capitals: Vec<super::super::Capital> = [7, 8, 9, 11]
            .into_iter()
            .map(|i| super::super::Capital { pos: i as u32, digest: key_digest(&ctx, i) })
            .collect();
        let found = forms.occurrences(&ctx, &mut keys, &capitals, &mut taken, |_, _| true);
        assert_eq!(found, [(7, 10, 101)]);
        assert!(taken.get(9) && !taken.get(11));
    }

    /// Many forms (the buckets double several times) are all found, a form registered again keeps its
    /// first source, and the tables given back to the thread hold nothing for the next forms.
    #[test]
    fn many_forms_and_tables_reused() {
        let seqs: Vec<Vec<u32>> = (0..700u32).map(|i| (0..1 + i % 5).map(|k| i * 7 + k).collect()).collect();
        let mut forms = Forms::take(4);
        for (src, seq) in seqs.iter().enumerate() {
            forms.insert(|| 0, seq, src);
            forms.insert(|| 0, seq, src + 1000);
        }
        for (src, seq) in seqs.iter().enumerate() {
            assert_eq!(forms.get(seq), Some(src));
        }
        assert_eq!(forms.get(&[1, 2, 3]), None);
        drop(forms);
        let mut again = Forms::take(4);
        assert!(again.is_empty() && seqs.iter().all(|seq| again.get(seq).is_none()));
        again.insert(|| 0, &seqs[3], 9);
        assert_eq!((again.get(&seqs[3]), again.get(&seqs[4])), (Some(9), None));
    }

    /// Forms whose first key is in the gazetteer vocabulary and forms whose first key is not are both
    /// found; a word outside the vocabulary is not looked up for a form of the first kind.
    #[test]
    fn vocabulary_and_document_first_keys() {
        let m = crate::gazetteer::test_matcher("name\tlabel\nBanque mondiale\tORGANIZATION\n");
        //                0      1    2  3     4 5      6    7 8     9 10     11
        let doc = tokenize("Banque Nord et Boris . Banque Nord , Boris . Bangue Boris .");
        let ctx = Ctx::new(&doc, &m, Language::Fr);
        let mut keys = KeyIds::new(&ctx);
        let mut forms = Forms::with_capacity(4);
        for (start, end, src) in [(0, 2, 100), (3, 4, 101)] {
            let seq: Vec<u32> = (start..end).map(|i| keys.id(&ctx, i)).collect();
            forms.insert(|| key_digest(&ctx, start), &seq, src);
        }
        assert!(!KeyIds::is_interned(keys.id(&ctx, 0)) && KeyIds::is_interned(keys.id(&ctx, 3)));
        let mut taken = Taken::new(ctx.len());
        taken.set(0, 4);
        let capitals: Vec<super::super::Capital> = [5, 6, 8, 10, 11]
            .into_iter()
            .map(|i| super::super::Capital { pos: i as u32, digest: key_digest(&ctx, i) })
            .collect();
        let found = forms.occurrences(&ctx, &mut keys, &capitals, &mut taken, |_, _| true);
        assert_eq!(found, [(5, 7, 100), (8, 9, 101), (11, 12, 101)]);
        // `Bangue` has the digest of `Banque` but is outside the vocabulary: it starts no form
        assert!(keys.numbered_by_text(&ctx, 10) && keys.known(&ctx, 10).is_none());
    }
}
