//! The resolver: one decision per span (DESIGN §2).
//!
//! 1. [`overlap::select`] keeps non-overlapping candidates, best first;
//! 2. [`link::propagate`] gives every other occurrence of a recognized surface form the same label
//!    (`Wagner` after `le groupe Wagner`), which is also how annotators work;
//! 3. [`link::partial_names`] attaches later surname mentions (`Lavrov`, `M. Lavrov`) to the full name;
//! 4. [`link::clusters`] numbers referents in order of first mention.

pub mod coordinate;
mod forms;
mod keys;
pub mod link;
pub mod merge;
pub mod overlap;

use crate::label::Label;
use crate::recognize::{Candidate, Ctx, Rule};
use crate::tokenize::Shape;

/// A decided entity over tokens `start..end`.
#[derive(Debug, Clone, PartialEq)]
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
    let mut entities: Vec<Resolved> = selected.iter().map(Resolved::from_candidate).collect();
    merge::org_of_place(ctx, &mut entities);
    merge::weak_places_yield(ctx, &mut entities);
    if entities.is_empty() {
        return entities;
    }
    let mut keys = keys::KeyIds::new(ctx);
    let capitals = capitals(ctx);
    link::propagate(ctx, &mut keys, &capitals, &mut entities);
    coordinate::lists(ctx, &mut entities);
    link::partial_names(ctx, &mut keys, &capitals, &mut entities);
    if entities.iter().any(|e| e.rule == Rule::Event) {
        link::retain(&mut entities, |e| e.rule != Rule::Event);
    }
    link::clusters(ctx, &mut keys, &mut entities);
    entities
}

/// The positions of the tokens that can start a linked form (capitalized, ALL-CAPS or mixed case), so
/// that the linkers' searches skip the rest of the document without reading it.
fn capitals(ctx: &Ctx<'_>) -> Vec<u32> {
    let mut out = Vec::with_capacity(ctx.len() / 4);
    for (i, t) in ctx.doc.tokens.iter().enumerate() {
        if matches!(t.shape, Shape::Capitalized | Shape::AllCaps | Shape::Mixed) {
            out.push(i as u32);
        }
    }
    out
}
