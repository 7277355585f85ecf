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

impl<'a> KeyIds<'a> {
    pub fn new(ctx: &Ctx<'a>) -> Self {
        KeyIds { ids: vec![UNSET; ctx.len()], interned: FxHashMap::default() }
    }

    /// The vocabulary id of token `i`'s key, if it has one below [`INTERNED`].
    #[inline]
    fn vocab(ctx: &Ctx<'a>, i: usize) -> Option<u32> {
        match ctx.ids[i].exact {
            Some(t) => Some(t.get()).filter(|&v| v < INTERNED),
            // long punctuation runs were not looked up, but their key may still be in the vocabulary
            None if skips_lookup(&ctx.doc.tokens[i]) => ctx.m.key_id(&key(ctx.text(i))).filter(|&v| v < INTERNED),
            None => None,
        }
    }

    /// The number of token `i`'s key, numbering the key if it is new.
    #[inline]
    pub fn id(&mut self, ctx: &Ctx<'a>, i: usize) -> u32 {
        let known = self.ids[i];
        if known != UNSET {
            return known;
        }
        let id = match Self::vocab(ctx, i) {
            Some(v) => v,
            None => {
                let next = INTERNED | self.interned.len() as u32;
                *self.interned.entry(key(ctx.text(i))).or_insert(next)
            }
        };
        self.ids[i] = id;
        id
    }

    /// The number of token `i`'s key if that key has been seen: `None` means no token numbered so far
    /// has the same key (nothing registered can match it), and numbers nothing.
    #[inline]
    pub fn known(&mut self, ctx: &Ctx<'a>, i: usize) -> Option<u32> {
        let known = self.ids[i];
        if known != UNSET {
            return Some(known);
        }
        let id = match Self::vocab(ctx, i) {
            Some(v) => v,
            None => *self.interned.get(key(ctx.text(i)).as_ref())?,
        };
        self.ids[i] = id;
        Some(id)
    }

    /// The numbers of tokens `start..end` (all computed before).
    pub fn slice(&self, start: usize, end: usize) -> &[u32] {
        &self.ids[start..end]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::{parse_tsv, Matcher, MatcherBuilder, Origin};
    use crate::lang::Language;
    use crate::tokenize::tokenize;

    fn matcher(tsv: &str) -> Matcher {
        let rows = parse_tsv(tsv, "t").unwrap();
        let mut b = MatcherBuilder::new();
        b.add_rows(&rows, Origin { name: "t".into(), user: false });
        b.build()
    }

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
