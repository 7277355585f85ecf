//! The resolver: one decision per span (DESIGN §2).
//!
//! 1. [`overlap::select`] keeps non-overlapping candidates, best first;
//! 2. [`link::propagate`] gives every other occurrence of a recognized surface form the same label
//!    (`Wagner` after `le groupe Wagner`), which is also how annotators work;
//! 3. [`link::partial_names`] attaches later surname mentions (`Lavrov`, `M. Lavrov`) to the full name;
//! 4. [`link::clusters`] numbers referents in order of first mention.

mod canon;
pub mod coordinate;
mod forms;
mod keys;
pub mod link;
pub mod merge;
pub mod overlap;
mod taken;

use crate::label::Label;
use crate::recognize::words::class;
use crate::recognize::{Candidate, Ctx, Rule};

/// A decided entity over tokens `start..end` (`Copy`: the linkers move runs of them with one copy).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Resolved {
    pub start: usize,
    pub end: usize,
    pub label: Label,
    pub rule: Rule,
    /// The gazetteer entry that names the referent, if any (directly or through a link).
    pub entry: Option<u32>,
    /// Index (in the resolved list) of the mention this one refers back to.
    pub antecedent: Option<usize>,
    /// Referent number, assigned by [`link::clusters`].
    pub cluster: usize,
    /// Index of the first-named mention of the referent (the full name for a partial mention).
    pub root: usize,
}

impl Resolved {
    fn from_candidate(c: &Candidate) -> Self {
        let entry = match c.rule {
            Rule::Gazetteer(e) => Some(e),
            _ => None,
        };
        Resolved {
            start: c.start,
            end: c.end,
            label: c.label,
            rule: c.rule,
            entry,
            antecedent: None,
            cluster: 0,
            root: 0,
        }
    }
}

/// Settles the candidates of one document into sorted, non-overlapping, linked entities.
pub fn resolve(ctx: &Ctx<'_>, candidates: Vec<Candidate>) -> Vec<Resolved> {
    let selected = overlap::select(ctx, candidates);
    // room for the mentions the linkers add (half as many again in a long news document), so that they
    // are added in place (room not filled costs no memory)
    let mut entities: Vec<Resolved> = Vec::with_capacity(2 * selected.len());
    entities.extend(selected.iter().map(Resolved::from_candidate));
    merge::org_of_place(ctx, &mut entities);
    merge::weak_places_yield(ctx, &mut entities);
    if entities.is_empty() {
        return entities;
    }
    let mut keys = keys::KeyIds::new(ctx);
    // the tokens the entities cover, kept up to date by the three passes that add entities (each of
    // them built it again from the list)
    let mut taken = taken::Taken::covered(ctx.len(), &entities);
    let (capitals, digests) = capitals(ctx, &taken);
    link::propagate(ctx, &mut keys, &capitals, digests.as_ref(), &mut taken, &mut entities);
    coordinate::lists(ctx, &mut taken, &mut entities);
    link::partial_names(ctx, &mut keys, &capitals, digests.as_ref(), &mut taken, &mut entities);
    if entities.iter().any(|e| e.rule == Rule::Event) {
        link::retain(&mut entities, |e| e.rule != Rule::Event);
    }
    link::clusters(ctx, &mut keys, &mut entities);
    entities
}

/// A token that can start a linked form (capitalized, ALL-CAPS or mixed case) outside the entities
/// decided so far, with the digest of its key ([`keys::key_digest`]): the linkers' searches visit only
/// these (entities are only added while they run), most of them only as far as the digest, and forms
/// that start with no such digest are not even registered.
pub struct Capital {
    pos: u32,
    digest: u16,
}

///
/// With the set of their digests ([`keys::Digests::of_capitals`]), gathered here once for both linkers
/// (each of them went over the capitals again for it).
#[inline(never)]
fn capitals(ctx: &Ctx<'_>, taken: &taken::Taken) -> (Vec<Capital>, Option<keys::Digests>) {
    let mut out = Vec::with_capacity(ctx.len() / 8);
    let mut digests = keys::Digests::default();
    for i in ctx.each(class::CAPITAL | class::MIXED) {
        if !taken.get(i) {
            let digest = keys::key_digest(ctx, i);
            digests.add(digest);
            out.push(Capital { pos: i as u32, digest });
        }
    }
    let digests = keys::Digests::of_capitals(&out, digests);
    (out, digests)
}
