//! Merging decided entities into the longer name they form together.

use super::Resolved;
use crate::label::Label;
use crate::recognize::words::class;
use crate::recognize::{Ctx, Rule};
use crate::tokenize::Shape;

/// `Croix-Rouge du Vanuatu`, `Central Bank of Nigeria`, `Police nationale d’Haïti`: an organization
/// directly followed by `of`/`de`/`du`/`d’` (and perhaps `la`/`l’`) and a country or place is one
/// organization, the longest correct name (DESIGN §3).
#[inline(never)]
pub fn org_of_place(ctx: &Ctx<'_>, entities: &mut Vec<Resolved>) {
    // in place (a merged pair takes the slot of its first member): a copy of the list was fresh memory,
    // 6 MB for a 10 MB document, made even when nothing merged
    let (mut i, mut w) = (0, 0);
    while i < entities.len() {
        let e = &entities[i];
        let merged = entities.get(i + 1).filter(|f| {
            let org_name = e.label == Label::Organization
                && e.rule != Rule::Event
                && matches!(ctx.shape(e.end - 1), Shape::Capitalized | Shape::AllCaps | Shape::Mixed)
                && ctx.shape(e.start) != Shape::AllCaps;
            let place = matches!(f.label, Label::Country | Label::Location) && f.rule != Rule::Event;
            org_name && place && joined_by_of(ctx, e.end, f.start)
        });
        if let Some(f) = merged {
            entities[w] = Resolved { end: f.end, rule: Rule::OrgOfPlace, entry: None, ..*e };
            i += 2;
        } else {
            // until the first merge every entity is in its place already (most documents have none)
            if w != i {
                entities.swap(w, i);
            }
            i += 1;
        }
        w += 1;
    }
    entities.truncate(w);
}

/// Tokens `from..to` are `of`, `de`, `du`, `d’`, possibly followed by `la` or `l’`.
fn joined_by_of(ctx: &Ctx<'_>, from: usize, to: usize) -> bool {
    match to.checked_sub(from) {
        Some(1) => ctx.has(from, class::OF),
        Some(2) => ctx.has(from, class::OF) && matches!(ctx.text(from + 1), "la" | "l'" | "l’"),
        _ => false,
    }
}

/// `à Olano` read as a town, where the same document names `1. Olano (Esp)` or `M. Olano`: a place guessed
/// from a preposition alone (the weakest evidence) yields to a person recognized elsewhere under the same
/// form, so that one surface form keeps one label in a document (DESIGN §2).
#[inline(never)]
pub fn weak_places_yield(ctx: &Ctx<'_>, entities: &mut [Resolved]) {
    if !entities.iter().any(|e| e.rule == Rule::PlaceContext) {
        return;
    }
    // form → first one-word person with it (a map: a long document has many of both)
    let mut people: rustc_hash::FxHashMap<&str, usize> = rustc_hash::FxHashMap::default();
    for (i, e) in entities.iter().enumerate() {
        if e.label == Label::Person && e.end == e.start + 1 && e.rule != Rule::PlaceContext {
            people.entry(ctx.text(e.start)).or_insert(i);
        }
    }
    for e in entities.iter_mut().filter(|e| e.rule == Rule::PlaceContext && e.end == e.start + 1) {
        if let Some(&src) = people.get(ctx.text(e.start)) {
            e.label = Label::Person;
            e.rule = Rule::Propagated;
            e.antecedent = Some(src);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Language;
    use crate::tokenize::tokenize;

    fn entity(start: usize, label: Label, rule: Rule) -> Resolved {
        Resolved { start, end: start + 1, label, rule, entry: None, antecedent: None, cluster: 0, root: 0 }
    }

    /// A one-word weak place yields to the first one-word person with its form, wherever it is; a place
    /// with another form, and a person of two words, change nothing.
    #[test]
    fn weak_places_yield_to_the_first_person_with_their_form() {
        let m = crate::gazetteer::MatcherBuilder::new().build();
        //                0    1     2 3     4 5    6     7 8     9
        let doc = tokenize("à Olano , Diop , à Paris , Olano Olano");
        let ctx = Ctx::new(&doc, &m, Language::Fr);
        let mut entities = vec![
            entity(1, Label::Location, Rule::PlaceContext),
            entity(3, Label::Person, Rule::Title),
            entity(6, Label::Location, Rule::PlaceContext),
            entity(8, Label::Person, Rule::GivenName),
            entity(9, Label::Person, Rule::Title),
        ];
        weak_places_yield(&ctx, &mut entities);
        let got: Vec<_> = entities.iter().map(|e| (e.label, e.rule, e.antecedent)).collect();
        assert_eq!(
            got,
            [
                (Label::Person, Rule::Propagated, Some(3)),
                (Label::Person, Rule::Title, None),
                (Label::Location, Rule::PlaceContext, None),
                (Label::Person, Rule::GivenName, None),
                (Label::Person, Rule::Title, None),
            ]
        );
    }
}
