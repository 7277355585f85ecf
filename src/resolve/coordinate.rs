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
/// list or another member is a person too), 1–3 for a place.
fn member_end(ctx: &Ctx<'_>, taken: &[bool], k: usize, label: Label, plural: bool) -> Option<usize> {
    let mut e = k;
    while e < ctx.len() && e - k < 3 && ctx.same_sentence(k, e) && free_word(ctx, taken, e) {
        e += 1;
    }
    let min = if label == Label::Person && !plural { 2 } else { 1 };
    // a lone surname must end its member (`Paquin et`), not open a name we cannot read (`Massimo D’Alema`)
    let closed = e >= ctx.len() || matches!(ctx.text(e), "," | "." | ";" | ")" | "et" | "and" | "ou" | "or");
    (e - k >= min && (label != Label::Person || e - k >= 2 || closed)).then_some(e)
}

/// `MM. Bertoni, Micheli et Tissières`, `Messrs Hall and Jones`: a plural civility title before the first
/// member says every member is a person, so a lone surname is one too.
fn after_plural_title(ctx: &Ctx<'_>, start: usize) -> bool {
    start > 0
        && ctx.info[start - 1].title_last
        && matches!(ctx.text(start - 1), "MM." | "MM" | "Mmes" | "Mmes." | "Messrs" | "Messrs.")
}

/// Whether the list around entity `idx` (members joined by commas and `et`/`and`, each a recognized entity
/// or capitalized words) holds another recognized person: `Poiret, Madeleine Vionnet, Paquin et Lucien
/// Lelong` lists people, so its one-word members (`Poiret`, `Paquin`) are people too.
fn lists_people(ctx: &Ctx<'_>, entities: &[Resolved], owner: &[Option<usize>], idx: usize) -> bool {
    let e = &entities[idx];
    let person_at = |k: usize| owner[k].filter(|&o| o != idx).map(|o| (o, entities[o].label == Label::Person));
    // forwards
    let mut j = e.end;
    while j < ctx.len() && ctx.same_sentence(e.start, j) {
        if let Some((o, person)) = person_at(j) {
            if person {
                return true;
            }
            j = entities[o].end;
        } else if is_conjunction(ctx, j) || ctx.is_name_word(j) {
            j += 1;
        } else {
            break;
        }
    }
    // backwards
    let mut j = e.start;
    while j > 0 && ctx.same_sentence(e.start, j - 1) {
        if let Some((o, person)) = person_at(j - 1) {
            if person {
                return true;
            }
            j = entities[o].start;
        } else if is_conjunction(ctx, j - 1) || ctx.is_name_word(j - 1) {
            j -= 1;
        } else {
            break;
        }
    }
    false
}

pub fn lists(ctx: &Ctx<'_>, entities: &mut Vec<Resolved>) {
    let mut taken = vec![false; ctx.len()];
    let mut owner = vec![None; ctx.len()];
    for (i, e) in entities.iter().enumerate() {
        taken[e.start..e.end].iter_mut().for_each(|t| *t = true);
        owner[e.start..e.end].iter_mut().for_each(|t| *t = Some(i));
    }
    let mut added = Vec::new();
    for (idx, e) in entities.iter().enumerate() {
        if !matches!(e.label, Label::Person | Label::Location) || e.rule == Rule::Event {
            continue;
        }
        // forwards: `X, Y et Z`
        let plural =
            e.label == Label::Person && (after_plural_title(ctx, e.start) || lists_people(ctx, entities, &owner, idx));
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
            // a lone surname must open its member too (`Aravinda de Silva` is no `Silva`)
            let lone_open = end - s != 1 || (s > 0 && is_conjunction(ctx, s - 1));
            if end - s < if plural { 1 } else { 2 } || !lone_open || (s > 0 && ctx.is_name_word(s - 1)) {
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
