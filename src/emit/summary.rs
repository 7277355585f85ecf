//! "Who is in this article": the distinct referents of a document with their mention counts.
//!
//! Mentions are grouped by their `entity` number (the resolver already ties `Lavrov` to `Sergueï
//! Lavrov`), so a summary counts referents, not surface forms.

use crate::{Entity, Label};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// One referent of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SummaryItem {
    pub label: Label,
    /// Borrowed as the entity's are (see [`Entity::canonical`]).
    pub canonical: Cow<'static, str>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub kb_id: Option<Cow<'static, str>>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub iso: Option<Cow<'static, str>>,
    /// The `entity` number its mentions share.
    pub entity: usize,
    pub mentions: usize,
    /// The distinct surface forms, in order of first appearance.
    pub forms: Vec<String>,
}

/// The referents of `entities`, most mentioned first, then in order of first appearance (so the order is
/// stable and the article's main actors come first).
pub fn summarize(entities: &[Entity]) -> Vec<SummaryItem> {
    let mut items: Vec<SummaryItem> = Vec::new();
    // referent number → index in `items`; numbers are small and dense, a Vec is enough
    let mut slot: Vec<Option<usize>> = Vec::new();
    for e in entities {
        if slot.len() <= e.entity {
            slot.resize(e.entity + 1, None);
        }
        match slot[e.entity] {
            Some(i) => {
                let item = &mut items[i];
                item.mentions += 1;
                if !item.forms.contains(&e.text) {
                    item.forms.push(e.text.clone());
                }
                if item.kb_id.is_none() {
                    item.kb_id.clone_from(&e.kb_id);
                }
            }
            None => {
                slot[e.entity] = Some(items.len());
                items.push(SummaryItem {
                    label: e.label,
                    canonical: e.canonical.clone(),
                    kb_id: e.kb_id.clone(),
                    iso: e.iso.clone(),
                    entity: e.entity,
                    mentions: 1,
                    forms: vec![e.text.clone()],
                });
            }
        }
    }
    // stable sort: ties keep the order of first appearance
    items.sort_by_key(|i| std::cmp::Reverse(i.mentions));
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ent(text: &str, label: Label, entity: usize, kb_id: Option<&'static str>) -> Entity {
        Entity {
            text: text.into(),
            label,
            start: 0,
            end: 0,
            byte_start: 0,
            byte_end: 0,
            canonical: if entity == 0 { "Sergueï Lavrov".into() } else { text.to_string().into() },
            kb_id: kb_id.map(Into::into),
            iso: None,
            entity,
            recognizer: "test".into(),
        }
    }

    #[test]
    fn groups_by_referent_and_sorts_by_mentions() {
        let ents = [
            ent("Mali", Label::Country, 1, Some("Q912")),
            ent("Sergueï Lavrov", Label::Person, 0, None),
            ent("Lavrov", Label::Person, 0, Some("Q131")),
            ent("Bamako", Label::Location, 2, None),
            ent("Lavrov", Label::Person, 0, None),
        ];
        let s = summarize(&ents);
        let got: Vec<(&str, usize)> = s.iter().map(|i| (i.canonical.as_ref(), i.mentions)).collect();
        assert_eq!(got, [("Sergueï Lavrov", 3), ("Mali", 1), ("Bamako", 1)]);
        assert_eq!(s[0].forms, ["Sergueï Lavrov", "Lavrov"]);
        assert_eq!(s[0].kb_id.as_deref(), Some("Q131"), "an id from any mention");
        assert!(summarize(&[]).is_empty());
    }
}
