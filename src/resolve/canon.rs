//! Numbers for canonical names, so that [`super::link::clusters`] files a referent named by a gazetteer
//! entry under an integer instead of hashing and comparing the canonical name string for every root.
//!
//! Two names get the same number exactly when they are equal strings. The numbers are kept per thread
//! for one matcher ([`Matcher::uid`]): most documents name the same few hundred entries, so after the
//! first documents an entry's number is one array read. A matcher of another identity starts afresh.

use crate::gazetteer::Matcher;
use crate::label::Label;
use rustc_hash::FxHashMap;
use std::cell::Cell;

/// The labels, for [`CanonIds::referents`].
const LABELS: usize = Label::ALL.len();

/// Not numbered yet.
const UNSET: u32 = u32::MAX;

/// The canonical-name numbers of one matcher.
#[derive(Default)]
pub struct CanonIds {
    /// The matcher these numbers are for.
    uid: u64,
    /// Per entry: the number of its canonical name, or [`UNSET`] (only as long as the largest entry met).
    of_entry: Vec<u32>,
    /// Name → number (numbers are counted from 0 in order of first sight).
    by_name: FxHashMap<Box<str>, u32>,
    /// Per name number and label (`LABELS * name + label`): the referent number given in the document
    /// [`CanonIds::stamp`], and that stamp ([`CanonIds::referent`]).
    referents: Vec<(u32, usize)>,
    /// The document the numbers are taken for (from 1; 0 in `referents` is no document).
    stamp: u32,
}

/// Past this many names (user text can bring any number of `=`-forms), the thread starts afresh: the
/// numbers only have to agree within one document.
const MAX_NAMES: usize = 1 << 20;

impl CanonIds {
    /// The number of `name`, numbering it if it is new.
    pub fn of_name(&mut self, name: &str) -> u32 {
        if let Some(&n) = self.by_name.get(name) {
            return n;
        }
        let n = self.by_name.len() as u32;
        self.by_name.insert(name.into(), n);
        n
    }

    /// The number of entry `e`'s canonical name.
    #[inline]
    pub fn of_entry(&mut self, m: &Matcher, e: u32) -> u32 {
        match self.of_entry.get(e as usize) {
            Some(&n) if n != UNSET => n,
            _ => self.of_entry_slow(m, e),
        }
    }

    #[cold]
    fn of_entry_slow(&mut self, m: &Matcher, e: u32) -> u32 {
        let n = self.of_name(&m.entries[e as usize].canonical);
        let at = e as usize;
        if self.of_entry.len() <= at {
            self.of_entry.resize(at + 1, UNSET);
        }
        self.of_entry[at] = n;
        n
    }

    /// The thread's numbers for `m` (empty when they were for another matcher or have grown past
    /// [`MAX_NAMES`]); [`CanonIds::give_back`] keeps them for the thread's next document.
    pub fn take(m: &Matcher) -> CanonIds {
        let mut ids = CANON_IDS.take();
        if ids.uid != m.uid() || ids.by_name.len() > MAX_NAMES {
            return CanonIds { uid: m.uid(), stamp: 1, ..CanonIds::default() };
        }
        // a new document: the referent numbers of the last one are stale
        ids.stamp = ids.stamp.wrapping_add(1);
        if ids.stamp == 0 {
            ids.referents.clear();
            ids.stamp = 1;
        }
        ids
    }

    /// The referent number of (`name`, `label`) in this document, numbered `next()` on first sight: a
    /// table read where a hash table of every referent hashed and compared each root (most roots are
    /// named by a gazetteer entry).
    #[inline]
    pub fn referent(&mut self, name: u32, label: Label, next: impl FnOnce() -> usize) -> usize {
        let at = LABELS * name as usize + label as usize;
        if self.referents.len() <= at {
            self.referents.resize(at + LABELS, (0, 0));
        }
        let slot = &mut self.referents[at];
        if slot.0 != self.stamp {
            *slot = (self.stamp, next());
        }
        slot.1
    }

    /// Keeps these numbers for the thread's next document.
    pub fn give_back(self) {
        CANON_IDS.set(self);
    }
}

thread_local! {
    static CANON_IDS: Cell<CanonIds> = Cell::new(CanonIds::default());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::{parse_tsv, MatcherBuilder, Origin};

    /// Equal names get equal numbers, different names different ones, in order of first sight.
    #[test]
    fn names_numbered_by_equality() {
        let mut ids = CanonIds::default();
        assert_eq!(ids.of_name("Paris"), 0);
        assert_eq!(ids.of_name("Lyon"), 1);
        assert_eq!(ids.of_name("Paris"), 0);
        assert_eq!(ids.of_name("paris"), 2);
    }

    fn matcher() -> Matcher {
        let tsv = "name\tlabel\tcanonical\tkb_id\tlang\tiso\tflags\tsource\n\
            Nice\tLOCATION\tNice\t\t*\tFR\t\tgeonames\n\
            Mali\tCOUNTRY\tMali\tQ912\t*\tML\t\tcountry-codes\n\
            Nissa\tLOCATION\tNice\t\t*\tFR\t\tgeonames\n";
        let rows = parse_tsv(tsv, "t.tsv").unwrap();
        let mut b = MatcherBuilder::new();
        b.add_rows(&rows, Origin { name: "test".into(), user: false });
        b.build()
    }

    /// Entries get the number of their canonical name: shared by entries of one name and by the name
    /// itself (as a `=`-form gives it), whichever is seen first; and the numbers are kept for the
    /// thread's next document with the same matcher, not with another one.
    #[test]
    fn entries_numbered_by_canonical_name() {
        let m = matcher();
        let by_name = |name: &str| -> Vec<u32> {
            (0..m.entries.len() as u32).filter(|&e| m.entries[e as usize].canonical == name).collect()
        };
        let mut ids = CanonIds::take(&m);
        let nice = by_name("Nice");
        let mali = by_name("Mali");
        assert!(nice.len() == 2 && mali.len() == 1, "{nice:?} {mali:?}");
        let n = ids.of_name("Nice");
        assert_eq!(ids.of_entry(&m, nice[1]), n);
        assert_eq!(ids.of_entry(&m, nice[0]), n);
        let k = ids.of_entry(&m, mali[0]);
        assert_ne!(k, n);
        assert_eq!(ids.of_name("Mali"), k);
        ids.give_back();
        let mut again = CanonIds::take(&m);
        assert_eq!(again.of_name("Mali"), k);
        again.give_back();
        let other = matcher();
        let mut fresh = CanonIds::take(&other);
        assert_eq!(fresh.of_name("Mali"), 0);
        fresh.give_back();
    }
}
