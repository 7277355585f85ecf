//! Per-document numbers for token match keys, so the linkers compare surface forms as sequences of
//! integers instead of building, hashing and freeing one `String` per token and per form.
//!
//! Two tokens get the same number exactly when their [`key`]s are equal. A token whose key is in the
//! gazetteer vocabulary already carries that key's id from [`Ctx::new`] (`ids[i].exact`, which is
//! `Matcher::key_id(key(text))`), and that id is its number: no string is looked at. Any other key is
//! numbered on first sight from a per-document map, above [`INTERNED`] so the two ranges never meet.

use crate::gazetteer::skips_lookup;
use crate::normalize::key;
use crate::recognize::Ctx;
use rustc_hash::FxHashMap;
use std::borrow::Cow;

/// Numbers at or above this are per-document; below it, gazetteer vocabulary ids.
const INTERNED: u32 = 1 << 31;
/// Not computed yet.
const UNSET: u32 = u32::MAX;

/// The key numbers of one document's tokens, computed on demand and remembered.
pub struct KeyIds<'a> {
    /// Per token: its number, or [`UNSET`].
    ids: Vec<u32>,
    /// Keys outside the vocabulary → their numbers.
    interned: FxHashMap<Cow<'a, str>, u32>,
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
/// read off the text: an ASCII first character followed by an ASCII character or a precomposed Latin-1
/// letter (nothing the key composes with it), and an ASCII last character (which composes with nothing
/// before it). Of ASCII, the key only changes `` ` `` (to `'`); white space never occurs in a token.
#[inline]
fn text_digest(text: &[u8]) -> Option<u16> {
    let map = |b: u8| if b == b'`' { b'\'' } else { b };
    match *text {
        [f] if f.is_ascii() => Some(mix(map(f), map(f))),
        [f, second, .., l] | [f, second @ l]
            if f.is_ascii() && l.is_ascii() && (second.is_ascii() || second == 0xC3) =>
        {
            Some(mix(map(f), map(l)))
        }
        _ => None,
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

    /// The digests of `capitals` and `more`, or `None` when there are so many that the set would be
    /// dense (a long document): filtering by it would cost more than it saves.
    pub fn wanted(capitals: &[super::Capital], more: impl Iterator<Item = u16>) -> Option<Digests> {
        if capitals.len() > 1024 {
            return None;
        }
        let mut set = Digests::default();
        capitals.iter().for_each(|c| set.add(c.digest));
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
        KeyIds { ids: vec![UNSET; ctx.len()], interned: FxHashMap::with_capacity_and_hasher(64, Default::default()) }
    }

    /// The vocabulary id of token `i`'s key when the recognizer context has it (the common case, kept
    /// small enough to inline).
    #[inline]
    fn exact(ctx: &Ctx<'a>, i: usize) -> Option<u32> {
        ctx.ids[i].exact.map(|t| t.get()).filter(|&v| v < INTERNED)
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
    #[inline]
    pub fn id(&mut self, ctx: &Ctx<'a>, i: usize) -> u32 {
        let known = self.ids[i];
        if known != UNSET {
            return known;
        }
        let id = match Self::exact(ctx, i) {
            Some(v) => v,
            None => self.number(ctx, i),
        };
        self.ids[i] = id;
        id
    }

    /// [`KeyIds::id`] from the text.
    #[inline(never)]
    fn number(&mut self, ctx: &Ctx<'a>, i: usize) -> u32 {
        if let Some(v) = Self::unlooked(ctx, i) {
            return v;
        }
        let next = INTERNED | self.interned.len() as u32;
        *self.interned.entry(key(ctx.text(i))).or_insert(next)
    }

    /// The number of token `i`'s key if that key has been seen: `None` means no token numbered so far
    /// has the same key (nothing registered can match it), and numbers nothing.
    #[inline]
    pub fn known(&mut self, ctx: &Ctx<'a>, i: usize) -> Option<u32> {
        let known = self.ids[i];
        if known != UNSET {
            return Some(known);
        }
        let id = match Self::exact(ctx, i) {
            Some(v) => v,
            None => self.lookup(ctx, i)?,
        };
        self.ids[i] = id;
        Some(id)
    }

    /// [`KeyIds::known`] from the text.
    #[inline(never)]
    fn lookup(&self, ctx: &Ctx<'a>, i: usize) -> Option<u32> {
        if let Some(v) = Self::unlooked(ctx, i) {
            return Some(v);
        }
        if self.interned.is_empty() {
            return None;
        }
        self.interned.get(key(ctx.text(i)).as_ref()).copied()
    }

    /// The numbers of tokens `start..end` (all computed before).
    pub fn slice(&self, start: usize, end: usize) -> &[u32] {
        &self.ids[start..end]
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

    /// A text whose digest is read off it has the digest of its key, whatever the key function does.
    #[test]
    fn text_digest_is_key_digest() {
        let texts = ["A", "`", "Ozark", "l`", "`Ozark`", "d'Ivoire", "L", "ab", "New-York", "X`Y", "Ségou", "Aé-b"];
        for text in texts {
            assert_eq!(text_digest(text.as_bytes()), Some(digest(key(text).as_bytes())), "{text:?}");
        }
        // the key may change the first or last byte: no digest from the text
        for text in ["E\u{301}cole", "École", "Zoé", "Sé", "Ko\u{301}", "Bl\u{2019}", "\u{2019}s"] {
            assert_eq!(text_digest(text.as_bytes()), None, "{text:?}");
        }
        let mut set = Digests::default();
        set.add(digest(b"Ozark"));
        let may = |text: &str| text_digest(text.as_bytes()).is_none_or(|d| set.may_hold(d));
        assert!(may("Ozark") && may("Oak") && may("Édith"));
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
