//! Document-level linking: same-form propagation, partial person names, and referent numbering.

use super::canon::CanonIds;
use super::forms::Forms;
use super::keys::{key_digest, Digests, KeyIds};
use super::taken::Taken;
use super::{Capital, Resolved};
use crate::label::Label;
use crate::normalize::key;
use crate::recognize::{words, Ctx, Rule};
use crate::tokenize::Shape;
use rustc_hash::FxHashMap;

/// The bytes of token `i` (no character-boundary checks).
fn token_bytes<'a>(ctx: &Ctx<'a>, i: usize) -> &'a [u8] {
    &ctx.doc.text.as_bytes()[ctx.doc.tokens[i].range()]
}

/// Whether the key of token `i` starts with an upper-case letter, without computing the key when the
/// token starts with two ASCII bytes (the key maps no ASCII letter, and composes nothing with a
/// following ASCII character).
fn key_starts_upper(ctx: &Ctx<'_>, i: usize) -> bool {
    let text = ctx.text(i);
    match text.as_bytes() {
        [b] | [b, b'\0'..=b'\x7f', ..] if b.is_ascii() => b.is_ascii_uppercase(),
        _ => key(text).chars().next().is_some_and(char::is_uppercase),
    }
}

/// Another occurrence of a form that was recognized elsewhere in the document gets the same label
/// (`le groupe Wagner` … `Wagner`; `(Minusma)` … `Minusma`). A sentence-initial common word is not
/// taken, and neither is a lower-case occurrence (keys keep case).
///
/// `taken`: the tokens `entities` cover, before and after.
#[inline(never)]
pub fn propagate<'a>(
    ctx: &Ctx<'a>,
    keys: &mut KeyIds<'a>,
    capitals: &[Capital],
    digests: Option<&Digests>,
    taken: &mut Taken,
    entities: &mut Vec<Resolved>,
) {
    debug_assert!(*taken == Taken::covered(ctx.len(), entities));
    // a form can only occur again where a free capitalized token has the digest of its first key
    let wanted = Digests::wanted(digests, std::iter::empty());
    let filter = wanted.is_some();
    let wanted = wanted.unwrap_or_default();
    let listed = entities.len();
    let mut forms = Forms::take(entities.len());
    let mut seq = Vec::new();
    for (idx, e) in entities.iter().enumerate() {
        let digest = filter.then(|| key_digest(ctx, e.start));
        if digest.is_some_and(|d| !wanted.may_hold(d)) || !key_starts_upper(ctx, e.start) {
            continue;
        }
        seq.clear();
        seq.extend((e.start..e.end).map(|i| keys.id(ctx, i)));
        forms.insert(|| digest.unwrap_or_else(|| key_digest(ctx, e.start)), &seq, idx);
    }
    if forms.is_empty() {
        return;
    }

    // a sentence-initial common word, or a lone word of an ALL-CAPS headline (`D’UN`), is not taken
    let allow = |s: usize, e: usize| {
        e - s > 1 || !(ctx.doc.is_headline(s) || ctx.doc.tokens[s].sent_start && ctx.has(s, words::class::COMMON_CAP))
    };
    let found = forms.occurrences(ctx, keys, capitals, taken, allow);
    if found.is_empty() {
        return;
    }
    for (start, end, src) in found {
        let source = &entities[src];
        entities.push(Resolved {
            start,
            end,
            label: source.label,
            // another occurrence of an event name is an event too, dropped with it
            rule: if source.rule == Rule::Event { Rule::Event } else { Rule::Propagated },
            entry: source.entry,
            antecedent: Some(src),
            cluster: 0,
            root: 0,
        });
    }
    sort_appended(entities, listed);
}

/// Keeps the entities that pass `keep`, re-pointing `antecedent` indices (a dropped antecedent is
/// forgotten). In place: a copy of the list was fresh memory, 9 MB for a 10 MB document.
#[inline(never)]
pub fn retain(entities: &mut Vec<Resolved>, keep: impl Fn(&Resolved) -> bool) {
    let mut new_index = vec![None; entities.len()];
    let mut kept = 0;
    for (old, e) in entities.iter().enumerate() {
        if keep(e) {
            new_index[old] = Some(kept);
            kept += 1;
        }
    }
    // `Vec::retain` visits each element once, in order
    let mut old = 0;
    entities.retain(|_| {
        old += 1;
        new_index[old - 1].is_some()
    });
    for e in entities.iter_mut() {
        e.antecedent = e.antecedent.and_then(|a| new_index[a]);
    }
}

/// Sorts by position, stably, keeping `antecedent` indices pointing at the same mentions, where the
/// first `listed` mentions are sorted already (the linkers only push mentions after them). In place
/// (the linkers push their mentions into the room [`super::resolve`] reserved): a sorted copy of the list
/// was larger than any list freed before it, so fresh memory each time, and the pushes made the list
/// grow by doubling (together 60 MB, three times, for a 50 MB document).
#[inline(never)]
pub(crate) fn sort_appended(entities: &mut [Resolved], listed: usize) {
    if entities[..listed].is_sorted_by_key(|e| e.start) {
        merge_pushed(entities, listed);
        return;
    }
    let to = sort_all(entities);
    for e in entities.iter_mut() {
        e.antecedent = e.antecedent.map(|a| to[a] as usize);
    }
}

/// Sorts all the mentions stably by start; returns where each went (antecedents not re-pointed).
fn sort_all(entities: &mut [Resolved]) -> Vec<u32> {
    let mut order: Vec<u32> = (0..entities.len() as u32).collect();
    order.sort_by_key(|&i| entities[i as usize].start);
    let mut to = vec![0u32; entities.len()];
    for (new, &old) in order.iter().enumerate() {
        to[old as usize] = new as u32;
    }
    drop(order);
    let mut places = to.clone();
    // the cycles of the permutation, by swaps: each swap puts the mention at `i` in its place
    for i in 0..entities.len() {
        while places[i] as usize != i {
            let j = places[i] as usize;
            entities.swap(i, j);
            places.swap(i, j);
        }
    }
    to
}

/// [`sort_appended`] when the first `listed` mentions are in order: the pushed ones (a few) are sorted
/// alone and each goes after the listed ones with the same start or an earlier one. From the back, the
/// listed mentions between two places move in one copy, once, and only those after the first pushed
/// one (a merge moved them one by one, and wrote where each of the list went); the antecedents are
/// re-pointed by where the pushed ones went (a sort of the whole list compared every mention again).
fn merge_pushed(entities: &mut [Resolved], listed: usize) {
    let n = entities.len();
    let mut order: Vec<usize> = (listed..n).collect();
    order.sort_by_key(|&i| entities[i].start);
    let pushed: Vec<Resolved> = order.iter().map(|&i| entities[i]).collect();
    // per pushed mention (in order): the listed mentions that go before it
    let at: Vec<usize> = pushed.iter().map(|p| entities[..listed].partition_point(|e| e.start <= p.start)).collect();
    let mut end = listed;
    for (b, (&a, p)) in at.iter().zip(&pushed).enumerate().rev() {
        entities.copy_within(a..end, a + b + 1);
        entities[a + b] = *p;
        end = a;
    }
    // where each pushed mention went, by its index when pushed
    let mut pushed_to = vec![0; n - listed];
    for (b, &old) in order.iter().enumerate() {
        pushed_to[old - listed] = at[b] + b;
    }
    // a listed mention moved by the pushed ones that went before it
    let to = |old: usize| {
        if old < listed {
            old + at.partition_point(|&a| a <= old)
        } else {
            pushed_to[old - listed]
        }
    };
    for e in entities.iter_mut() {
        if let Some(a) = e.antecedent {
            e.antecedent = Some(to(a));
        }
    }
}

/// Later partial mentions of a person (`Lavrov`, `M. Lavrov`, `Le Pen`) join the full name seen in the
/// document: every suffix of a multi-word PERSON that starts with a capitalized word is registered; a
/// PERSON equal to such a suffix is linked, and an unrecognized capitalized occurrence becomes a PERSON.
/// `taken`: the tokens `entities` cover, before and after.
#[inline(never)]
pub fn partial_names<'a>(
    ctx: &Ctx<'a>,
    keys: &mut KeyIds<'a>,
    capitals: &[Capital],
    digests: Option<&Digests>,
    taken: &mut Taken,
    entities: &mut Vec<Resolved>,
) {
    debug_assert!(*taken == Taken::covered(ctx.len(), entities));
    // a suffix can only be found where a free capitalized token, or the first token of a person
    // mention that may link, has the digest of its first key
    let people = entities.iter().filter(|e| e.label == Label::Person && e.antecedent.is_none());
    let wanted = Digests::wanted(digests, people.map(|e| key_digest(ctx, e.start)));
    let filter = wanted.is_some();
    let wanted = wanted.unwrap_or_default();
    let mut forms = Forms::take(entities.len() / 4);
    let mut seq = Vec::new();
    for (idx, e) in entities.iter().enumerate() {
        if e.label != Label::Person || e.end - e.start < 2 || e.antecedent.is_some() {
            continue;
        }
        // each suffix that starts with a name word
        seq.clear();
        for s in e.start + 1..e.end {
            if !ctx.is_name_word(s) {
                continue;
            }
            let digest = filter.then(|| key_digest(ctx, s));
            if digest.is_some_and(|d| !wanted.may_hold(d)) {
                continue;
            }
            if seq.is_empty() {
                seq.extend((s..e.end).map(|i| keys.id(ctx, i)));
            }
            forms.insert(|| digest.unwrap_or_else(|| key_digest(ctx, s)), &seq[seq.len() - (e.end - s)..], idx);
        }
    }
    if forms.is_empty() {
        return;
    }
    // existing short PERSON mentions that equal a registered suffix link to the full name
    for (i, e) in entities.iter_mut().enumerate() {
        if e.label != Label::Person
            || e.antecedent.is_some()
            || !forms.may_start(ctx, keys, e.start, key_digest(ctx, e.start))
        {
            continue;
        }
        seq.clear();
        for j in e.start..e.end {
            match keys.known(ctx, j) {
                Some(n) => seq.push(n),
                None => break,
            }
        }
        if seq.len() < e.end - e.start {
            continue;
        }
        if let Some(t) = forms.get(&seq).filter(|&t| t != i) {
            e.antecedent = Some(t);
        }
    }
    let allow = |s: usize, _e: usize| ctx.is_name_word(s) || ctx.doc.tokens[s].shape == Shape::Capitalized;
    let found = forms.occurrences(ctx, keys, capitals, taken, allow);
    if found.is_empty() {
        return;
    }
    let listed = entities.len();
    for (start, end, src) in found {
        entities.push(Resolved {
            start,
            end,
            label: Label::Person,
            rule: Rule::PartialName,
            entry: entities[src].entry,
            antecedent: Some(src),
            cluster: 0,
            root: 0,
        });
    }
    sort_appended(entities, listed);
}

/// The most room reserved up front in a hash table with one entry per distinct form or referent: as
/// many as the mentions in a short document, and let grow in a long one, where distinct names are a
/// small fraction of the mentions.
pub(super) const MAP_ROOM: usize = 1024;

/// The root mention a mention refers back to.
fn root(entities: &[Resolved], mut i: usize) -> usize {
    let mut steps = 0;
    while let Some(a) = entities[i].antecedent {
        if a == i || steps > entities.len() {
            break;
        }
        i = a;
        steps += 1;
    }
    i
}

/// Numbers referents by first mention. Mentions share a number when they link to the same root, or
/// when their roots name the same gazetteer referent or the same surface form with the same label.
///
/// A referent is known by the canonical name of its gazetteer entry ([`CanonIds`] numbers, filed by
/// [`CanonIds::referent`]), or by the surface form of its root mention (its key numbers, filed in a
/// hash table). A form whose text starts with `=` is filed with the names, without the `=`: the
/// numbering has always compared `=` + canonical name with the form's keys joined by spaces.
#[inline(never)]
pub fn clusters<'a>(ctx: &Ctx<'a>, keys: &mut KeyIds<'a>, entities: &mut [Resolved]) {
    let roots: Vec<usize> = (0..entities.len()).map(|i| root(entities, i)).collect();
    for &r in &roots {
        let e = &entities[r];
        if e.entry.is_none() {
            (e.start..e.end).for_each(|i| _ = keys.id(ctx, i));
        }
    }
    let keys = &*keys;
    // referents are far fewer than mentions in a long document (7,000 for 123,000 mentions in a 10 MB
    // one), and a hash table is touched all over: room for every mention was 15 MB of fresh memory.
    // The key numbers of a form are equal exactly when the keys are, and so when the keys joined by
    // spaces are (keys never contain a space).
    let room = entities.len().min(MAP_ROOM);
    let mut forms: FxHashMap<(Label, &[u32]), usize> = FxHashMap::with_capacity_and_hasher(room, Default::default());
    // referents numbered so far
    let mut count = 0;
    let mut next = || {
        count += 1;
        count - 1
    };
    // the number of each root that is its own root (its entry cannot change below)
    let mut memo = vec![usize::MAX; entities.len()];
    let mut canon = CanonIds::take(ctx.m);
    for (i, &r) in roots.iter().enumerate() {
        let root_e = &entities[r];
        let (label, root_entry) = (root_e.label, root_e.entry);
        let n = if memo[r] != usize::MAX {
            memo[r]
        } else {
            let n = match root_entry {
                Some(e) => {
                    let name = canon.of_entry(ctx.m, e);
                    canon.referent(name, label, &mut next)
                }
                None if token_bytes(ctx, root_e.start).first() == Some(&b'=')
                    && key(ctx.text(root_e.start)).starts_with('=') =>
                {
                    let joined = (root_e.start..root_e.end).map(|t| key(ctx.text(t))).collect::<Vec<_>>().join(" ");
                    let name = canon.of_name(&joined[1..]);
                    canon.referent(name, label, &mut next)
                }
                None => *forms.entry((label, keys.slice(root_e.start, root_e.end))).or_insert_with(&mut next),
            };
            if roots[r] == r {
                memo[r] = n;
            }
            n
        };
        let e = &mut entities[i];
        e.cluster = n;
        e.root = r;
        if e.entry.is_none() {
            e.entry = root_entry;
        }
    }
    canon.give_back();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention(start: usize, antecedent: Option<usize>) -> Resolved {
        Resolved {
            start,
            end: start + 1,
            label: Label::Person,
            rule: Rule::Propagated,
            entry: None,
            antecedent,
            cluster: 0,
            root: 0,
        }
    }

    /// The reference: a stable sort into a copy, indices re-pointed by search.
    fn sorted_copy(all: &[Resolved]) -> Vec<(usize, Option<usize>)> {
        let mut order: Vec<usize> = (0..all.len()).collect();
        order.sort_by_key(|&i| all[i].start);
        let new = |a: usize| order.iter().position(|&o| o == a).unwrap();
        order.iter().map(|&i| (all[i].start, all[i].antecedent.map(new))).collect()
    }

    /// `sort_appended` sorts stably in place (long permutation cycles too), antecedents following their
    /// mentions, whether the listed mentions are in order (merged) or not (sorted again).
    #[test]
    fn sort_appended_is_stable_and_repoints() {
        // listed mentions out of order, then pushed ones
        let mut got = vec![mention(5, None), mention(1, Some(0)), mention(9, None), mention(5, Some(2))];
        got.extend([mention(5, Some(1)), mention(0, Some(3)), mention(9, Some(0)), mention(3, Some(2))]);
        let want = sorted_copy(&got);
        sort_appended(&mut got, 4);
        assert_eq!(got.iter().map(|e| (e.start, e.antecedent)).collect::<Vec<_>>(), want);
        // ties keep their order: the two listed at 5, then the pushed one
        assert_eq!(
            got.iter().filter(|e| e.start == 5).map(|e| e.antecedent).collect::<Vec<_>>(),
            [None, Some(6), Some(1)]
        );
        // listed in order: merged, the pushed ones after the listed ones with the same start
        let mut got = vec![mention(1, None), mention(4, Some(0)), mention(4, None), mention(8, Some(1))];
        got.extend([
            mention(9, Some(2)),
            mention(4, Some(3)),
            mention(0, Some(0)),
            mention(4, Some(5)),
            mention(8, None),
        ]);
        let want = sorted_copy(&got);
        sort_appended(&mut got, 4);
        assert_eq!(got.iter().map(|e| (e.start, e.antecedent)).collect::<Vec<_>>(), want);
        for listed in [0, 1, 50, 120, 200] {
            let mut got: Vec<Resolved> =
                (0..200).map(|i| mention(i * 7919 % 61, (i % 3 == 0).then_some(i * 31 % 200))).collect();
            got[..listed].sort_by_key(|e| e.start);
            let want = sorted_copy(&got);
            sort_appended(&mut got, listed);
            assert_eq!(got.iter().map(|e| (e.start, e.antecedent)).collect::<Vec<_>>(), want, "{listed}");
        }
    }

    /// `retain` drops in place and re-points antecedents; an antecedent dropped is forgotten.
    #[test]
    fn retain_repoints_antecedents() {
        let mut entities = vec![mention(0, None), mention(1, Some(0)), mention(2, Some(1)), mention(3, Some(0))];
        retain(&mut entities, |e| e.start != 1);
        assert_eq!(
            entities.iter().map(|e| (e.start, e.antecedent)).collect::<Vec<_>>(),
            [(0, None), (2, None), (3, Some(0))]
        );
        retain(&mut entities, |e| e.start != 0);
        assert_eq!(entities.iter().map(|e| (e.start, e.antecedent)).collect::<Vec<_>>(), [(2, None), (3, None)]);
    }
}
