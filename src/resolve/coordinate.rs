//! Lists: the other members of an enumeration whose member was recognized (`avec Queen Latifah, Alicia
//! Silverstone, Andie MacDowell et Mena Suvari`; `les ports de Brest et de Toulon`) get the same label.
//! Only unknown capitalized words are taken, so a list that mixes kinds (`Nintendo, Sega et Sony`) keeps
//! the labels its members already have.

use super::Resolved;
use crate::label::Label;
use crate::recognize::words::class;
use crate::recognize::{Ctx, Rule};

fn is_conjunction(ctx: &Ctx<'_>, k: usize) -> bool {
    matches!(ctx.text(k), "," | "et" | "and" | "&" | "ou" | "or")
}

/// A capitalized word that no list and no other rule claims.
fn free_word(ctx: &Ctx<'_>, taken: &[bool], k: usize) -> bool {
    !taken[k]
        && ctx.is_name_word(k)
        && !ctx.info[k].in_entity
        && !ctx.is_title_start(k)
        && !ctx.has(k, class::COMMON_CAP | class::MONTH | class::ORG_HEAD | class::ORG_SUFFIX | class::LOC_SUFFIX)
}

/// The end of a member starting at `k`: 2–3 free words for a person (1–3 when a plural title opens the
/// list), 1–3 for a place.
fn member_end(ctx: &Ctx<'_>, taken: &[bool], k: usize, label: Label, plural: bool) -> Option<usize> {
    let mut e = k;
    while e < ctx.len() && e - k < 3 && ctx.same_sentence(k, e) && free_word(ctx, taken, e) {
        e += 1;
    }
    let min = if label == Label::Person && !plural { 2 } else { 1 };
    (e - k >= min).then_some(e)
}

/// `MM. Bertoni, Micheli et Tissières`, `Messrs Hall and Jones`: a plural civility title before the first
/// member says every member is a person, so a lone surname is one too.
fn after_plural_title(ctx: &Ctx<'_>, start: usize) -> bool {
    start > 0
        && ctx.info[start - 1].title_last
        && matches!(ctx.text(start - 1), "MM." | "MM" | "Mmes" | "Mmes." | "Messrs" | "Messrs.")
}

pub fn lists(ctx: &Ctx<'_>, entities: &mut Vec<Resolved>) {
    let mut taken = vec![false; ctx.len()];
    for e in entities.iter() {
        taken[e.start..e.end].iter_mut().for_each(|t| *t = true);
    }
    let mut added = Vec::new();
    for (idx, e) in entities.iter().enumerate() {
        if !matches!(e.label, Label::Person | Label::Location) || e.rule == Rule::Event {
            continue;
        }
        // forwards: `X, Y et Z`
        let plural = e.label == Label::Person && after_plural_title(ctx, e.start);
        let mut pos = e.end;
        while pos + 1 < ctx.len() && is_conjunction(ctx, pos) && ctx.same_sentence(e.start, pos) {
            let mut k = pos + 1;
            if e.label == Label::Location && k + 1 < ctx.len() && matches!(ctx.text(k), "de" | "d'" | "d’" | "à") {
                k += 1;
            }
            let Some(end) = member_end(ctx, &taken, k, e.label, plural) else { break };
            taken[k..end].iter_mut().for_each(|t| *t = true);
            added.push((k, end, e.label, idx));
            pos = end;
        }
        // backwards, for persons: `Alicia Silverstone, Andie MacDowell, Kevin Bacon` after one is known
        let mut pos = e.start;
        while e.label == Label::Person && pos >= 3 && ctx.text(pos - 1) == "," {
            let end = pos - 1;
            let mut s = end;
            while s > 0 && end - s < 3 && ctx.same_sentence(s - 1, end) && free_word(ctx, &taken, s - 1) {
                s -= 1;
            }
            if end - s < 2 || (s > 0 && ctx.is_name_word(s - 1)) {
                break;
            }
            taken[s..end].iter_mut().for_each(|t| *t = true);
            added.push((s, end, e.label, idx));
            pos = s;
        }
    }
    for (start, end, label, _src) in added {
        entities.push(Resolved {
            start,
            end,
            label,
            rule: Rule::Coordination,
            entry: None,
            antecedent: None,
            cluster: 0,
            root: 0,
        });
    }
    super::link::sort_by_start(entities);
}
