//! Lists: the other members of an enumeration whose member was recognized (`avec Queen Latifah, Alicia
//! Silverstone, Andie MacDowell et Mena Suvari`; `les ports de Brest et de Toulon`) get the same label.
//! Only unknown capitalized words are taken, so a list that mixes kinds (`Nintendo, Sega et Sony`) keeps
//! the labels its members already have.

use super::taken::Taken;
use super::Resolved;
use crate::label::Label;
use crate::recognize::words::class;
use crate::recognize::{Ctx, Rule};

/// The bytes of token `k` (compared as bytes: no character-boundary checks).
fn bytes<'a>(ctx: &Ctx<'a>, k: usize) -> &'a [u8] {
    &ctx.doc.text.as_bytes()[ctx.doc.tokens[k].range()]
}

#[inline]
fn is_conjunction(ctx: &Ctx<'_>, k: usize) -> bool {
    matches!(bytes(ctx, k), b"," | b"et" | b"and" | b"&" | b"ou" | b"or")
}

/// The tokens covered by an entity or an added member, and which entity covers a token.
struct Owners<'e, 't> {
    taken: &'t mut Taken,
    /// Sorted by start, not overlapping (as the resolver keeps them).
    entities: &'e [Resolved],
}

impl Owners<'_, '_> {
    fn taken(&self, k: usize) -> bool {
        self.taken.get(k)
    }

    /// The entity (not an added member) that covers token `k`. Searched for only when `k` is covered:
    /// most tokens the people test walks over are not.
    fn entity(&self, k: usize) -> Option<usize> {
        if !self.taken.get(k) {
            return None;
        }
        let after = self.entities.partition_point(|e| e.start <= k);
        let o = after.checked_sub(1)?;
        (self.entities[o].end > k).then_some(o)
    }

    fn add(&mut self, start: usize, end: usize) {
        self.taken.set(start, end);
    }
}

/// A capitalized word that no list and no other rule claims.
fn free_word(ctx: &Ctx<'_>, taken: &Owners<'_, '_>, k: usize) -> bool {
    !taken.taken(k)
        && ctx.is_name_word(k)
        && !ctx.info[k].in_entity()
        && !ctx.is_title_start(k)
        && !ctx.has(k, class::COMMON_CAP | class::MONTH | class::ORG_HEAD | class::ORG_SUFFIX | class::LOC_SUFFIX)
}

/// The end of a member starting at `k`: 2–3 free words for a person (1–3 when a plural title opens the
/// list or another member is a person too), 1–3 for a place.
fn member_end(ctx: &Ctx<'_>, taken: &Owners<'_, '_>, k: usize, label: Label, plural: bool) -> Option<usize> {
    let mut e = k;
    while e < ctx.len() && e - k < 3 && ctx.same_sentence(k, e) && free_word(ctx, taken, e) {
        e += 1;
    }
    let min = if label == Label::Person && !plural { 2 } else { 1 };
    // a lone surname must end its member (`Paquin et`), not open a name we cannot read (`Massimo D’Alema`)
    let closed = e >= ctx.len() || matches!(bytes(ctx, e), b"," | b"." | b";" | b")" | b"et" | b"and" | b"ou" | b"or");
    (e - k >= min && (label != Label::Person || e - k >= 2 || closed)).then_some(e)
}

/// `MM. Bertoni, Micheli et Tissières`, `Messrs Hall and Jones`: a plural civility title before the first
/// member says every member is a person, so a lone surname is one too.
fn after_plural_title(ctx: &Ctx<'_>, start: usize) -> bool {
    start > 0
        && ctx.info[start - 1].title_last()
        && matches!(bytes(ctx, start - 1), b"MM." | b"MM" | b"Mmes" | b"Mmes." | b"Messrs" | b"Messrs.")
}

/// Whether the list around entity `idx` (members joined by commas and `et`/`and`, each a recognized entity
/// or capitalized words) holds another recognized person: `Poiret, Madeleine Vionnet, Paquin et Lucien
/// Lelong` lists people, so its one-word members (`Poiret`, `Paquin`) are people too.
fn lists_people(ctx: &Ctx<'_>, entities: &[Resolved], owner: &Owners<'_, '_>, idx: usize) -> bool {
    let e = &entities[idx];
    let person_at = |k: usize| owner.entity(k).filter(|&o| o != idx).map(|o| (o, entities[o].label == Label::Person));
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

/// `taken`: the tokens `entities` cover, before and after.
#[inline(never)]
pub fn lists(ctx: &Ctx<'_>, taken: &mut Taken, entities: &mut Vec<Resolved>) {
    debug_assert!(*taken == Taken::covered(ctx.len(), entities));
    // the members added below cover their tokens too, but are no entity the people test looks at (it
    // reads the list as it was)
    let mut owners = Owners { taken, entities };
    let mut added = Vec::new();
    for (idx, e) in entities.iter().enumerate() {
        if !matches!(e.label, Label::Person | Label::Location) || e.rule == Rule::Event {
            continue;
        }
        let forwards = e.end + 1 < ctx.len() && is_conjunction(ctx, e.end) && ctx.same_sentence(e.start, e.end);
        let backwards = e.label == Label::Person && e.start >= 3 && bytes(ctx, e.start - 1) == b",";
        if !forwards && !backwards {
            continue;
        }
        // whether the people test is needed is only known here (it reads no added member)
        let plural =
            e.label == Label::Person && (after_plural_title(ctx, e.start) || lists_people(ctx, entities, &owners, idx));
        // forwards: `X, Y et Z`
        let mut pos = e.end;
        while pos + 1 < ctx.len() && is_conjunction(ctx, pos) && ctx.same_sentence(e.start, pos) {
            let mut k = pos + 1;
            if e.label == Label::Location && k + 1 < ctx.len() && matches!(ctx.text(k), "de" | "d'" | "d’" | "à") {
                k += 1;
            }
            let Some(end) = member_end(ctx, &owners, k, e.label, plural) else { break };
            owners.add(k, end);
            added.push((k, end, e.label));
            pos = end;
        }
        // backwards, for persons: `Alicia Silverstone, Andie MacDowell, Kevin Bacon` after one is known
        let mut pos = e.start;
        while e.label == Label::Person && pos >= 3 && bytes(ctx, pos - 1) == b"," {
            let end = pos - 1;
            let mut s = end;
            while s > 0 && end - s < 3 && ctx.same_sentence(s - 1, end) && free_word(ctx, &owners, s - 1) {
                s -= 1;
            }
            // a lone surname must open its member too (`Aravinda de Silva` is no `Silva`)
            let lone_open = end - s != 1 || (s > 0 && is_conjunction(ctx, s - 1));
            if end - s < if plural { 1 } else { 2 } || !lone_open || (s > 0 && ctx.is_name_word(s - 1)) {
                break;
            }
            owners.add(s, end);
            added.push((s, end, e.label));
            pos = s;
        }
    }
    if added.is_empty() {
        return;
    }
    let listed = entities.len();
    for (start, end, label) in added {
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
    super::link::sort_appended(entities, listed);
}
