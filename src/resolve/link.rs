//! Document-level linking: same-form propagation, partial person names, and referent numbering.

use super::Resolved;
use crate::label::Label;
use crate::normalize::key;
use crate::recognize::{words, Ctx, Rule};
use crate::tokenize::Shape;
use rustc_hash::FxHashMap;
use std::borrow::Cow;

/// Token keys of tokens `start..end`.
fn keys<'a>(ctx: &Ctx<'a>, start: usize, end: usize) -> Vec<Cow<'a, str>> {
    (start..end).map(|i| key(ctx.text(i))).collect()
}

fn covered(ctx: &Ctx<'_>, entities: &[Resolved]) -> Vec<bool> {
    let mut taken = vec![false; ctx.len()];
    for e in entities {
        taken[e.start..e.end].iter_mut().for_each(|t| *t = true);
    }
    taken
}

/// Registered forms (token-key sequences) with the index of their source entity; the first one registered
/// wins. Looked up by whole sequence, trying only the lengths registered under the first key, longest
/// first, so a document with very many distinct names (a huge or hostile input) costs time in proportion
/// to its tokens, not to tokens × names.
#[derive(Default)]
struct Forms {
    /// Keys joined by U+001F → (the keys, source entity); the keys are compared on a hit, so a key that
    /// contains the separator can only cause a miss.
    seqs: FxHashMap<String, (Vec<String>, usize)>,
    /// First key → the lengths registered under it, longest first.
    lengths: FxHashMap<String, Vec<usize>>,
}

/// `seq` joined by U+001F.
fn joined<S: AsRef<str>>(seq: &[S]) -> String {
    let mut out = String::new();
    for (k, s) in seq.iter().enumerate() {
        if k > 0 {
            out.push('\u{1F}');
        }
        out.push_str(s.as_ref());
    }
    out
}

impl Forms {
    fn insert(&mut self, seq: Vec<String>, src: usize) {
        let joined = joined(&seq);
        if self.seqs.contains_key(&joined) {
            return;
        }
        let lengths = self.lengths.entry(seq[0].clone()).or_default();
        if !lengths.contains(&seq.len()) {
            lengths.push(seq.len());
            lengths.sort_unstable_by(|a, b| b.cmp(a));
        }
        self.seqs.insert(joined, (seq, src));
    }

    fn is_empty(&self) -> bool {
        self.seqs.is_empty()
    }

    /// The source entity of the form made of exactly `seq`.
    fn get<S: AsRef<str>>(&self, seq: &[S]) -> Option<usize> {
        let (keys, src) = self.seqs.get(&joined(seq))?;
        (keys.len() == seq.len() && keys.iter().zip(seq).all(|(a, b)| a == b.as_ref())).then_some(*src)
    }
}

/// Finds the uncovered occurrences of `forms`, longest first, and returns `(start, end, source)` for each.
fn occurrences(
    ctx: &Ctx<'_>,
    forms: &Forms,
    taken: &mut [bool],
    allow: impl Fn(usize, usize) -> bool,
) -> Vec<(usize, usize, usize)> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < ctx.len() {
        let mut hit = None;
        // every registered form starts with a capital: skip other tokens without computing keys
        let capital = matches!(ctx.shape(i), Shape::Capitalized | Shape::AllCaps | Shape::Mixed);
        if !taken[i] && capital {
            if let Some(lengths) = forms.lengths.get(key(ctx.text(i)).as_ref()) {
                for &len in lengths {
                    let end = i + len;
                    if end <= ctx.len() && !taken[i..end].iter().any(|&t| t) && allow(i, end) {
                        if let Some(src) = forms.get(&keys(ctx, i, end)) {
                            hit = Some((end, src));
                            break;
                        }
                    }
                }
            }
        }
        match hit {
            Some((end, src)) => {
                taken[i..end].iter_mut().for_each(|t| *t = true);
                found.push((i, end, src));
                i = end;
            }
            None => i += 1,
        }
    }
    found
}

/// Another occurrence of a form that was recognized elsewhere in the document gets the same label
/// (`le groupe Wagner` … `Wagner`; `(Minusma)` … `Minusma`). A sentence-initial common word is not
/// taken, and neither is a lower-case occurrence (keys keep case).
pub fn propagate(ctx: &Ctx<'_>, entities: &mut Vec<Resolved>) {
    let mut forms = Forms::default();
    for (idx, e) in entities.iter().enumerate() {
        let seq: Vec<String> = keys(ctx, e.start, e.end).into_iter().map(Cow::into_owned).collect();
        if seq[0].chars().next().is_none_or(|c| !c.is_uppercase()) {
            continue;
        }
        forms.insert(seq, idx);
    }
    let mut taken = covered(ctx, entities);
    // a sentence-initial common word, or a lone word of an ALL-CAPS headline (`D’UN`), is not taken
    let allow = |s: usize, e: usize| {
        e - s > 1 || !(ctx.doc.is_headline(s) || ctx.doc.tokens[s].sent_start && ctx.has(s, words::class::COMMON_CAP))
    };
    for (start, end, src) in occurrences(ctx, &forms, &mut taken, allow) {
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
    sort_by_start(entities);
}

/// Keeps the entities that pass `keep`, re-pointing `antecedent` indices (a dropped antecedent is
/// forgotten).
pub fn retain(entities: &mut Vec<Resolved>, keep: impl Fn(&Resolved) -> bool) {
    let mut new_index = vec![None; entities.len()];
    let mut kept = Vec::with_capacity(entities.len());
    for (old, e) in entities.iter().enumerate() {
        if keep(e) {
            new_index[old] = Some(kept.len());
            kept.push(e.clone());
        }
    }
    for e in &mut kept {
        e.antecedent = e.antecedent.and_then(|a| new_index[a]);
    }
    *entities = kept;
}

/// Sorts by position, keeping `antecedent` indices pointing at the same mentions.
pub(crate) fn sort_by_start(entities: &mut Vec<Resolved>) {
    let mut order: Vec<usize> = (0..entities.len()).collect();
    order.sort_by_key(|&i| entities[i].start);
    let mut new_index = vec![0; entities.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let mut sorted: Vec<Resolved> = order.iter().map(|&i| entities[i].clone()).collect();
    for e in &mut sorted {
        e.antecedent = e.antecedent.map(|a| new_index[a]);
    }
    *entities = sorted;
}

/// Later partial mentions of a person (`Lavrov`, `M. Lavrov`, `Le Pen`) join the full name seen in the
/// document: every suffix of a multi-word PERSON that starts with a capitalized word is registered; a
/// PERSON equal to such a suffix is linked, and an unrecognized capitalized occurrence becomes a PERSON.
pub fn partial_names(ctx: &Ctx<'_>, entities: &mut Vec<Resolved>) {
    let mut forms = Forms::default();
    for (idx, e) in entities.iter().enumerate() {
        if e.label != Label::Person || e.end - e.start < 2 || e.antecedent.is_some() {
            continue;
        }
        for s in e.start + 1..e.end {
            if !ctx.is_name_word(s) {
                continue;
            }
            forms.insert(keys(ctx, s, e.end).into_iter().map(Cow::into_owned).collect(), idx);
        }
    }
    if forms.is_empty() {
        return;
    }
    // existing short PERSON mentions that equal a registered suffix link to the full name
    #[allow(clippy::needless_range_loop)] // the loop writes entities[i] after reading the map
    for i in 0..entities.len() {
        let e = &entities[i];
        if e.label != Label::Person || e.antecedent.is_some() {
            continue;
        }
        let target = forms.get(&keys(ctx, e.start, e.end));
        if let Some(t) = target.filter(|&t| t != i) {
            entities[i].antecedent = Some(t);
        }
    }
    let mut taken = covered(ctx, entities);
    let allow = |s: usize, _e: usize| ctx.is_name_word(s) || ctx.doc.tokens[s].shape == Shape::Capitalized;
    for (start, end, src) in occurrences(ctx, &forms, &mut taken, allow) {
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
    sort_by_start(entities);
}

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
pub fn clusters(ctx: &Ctx<'_>, entities: &mut [Resolved]) {
    let mut numbers: FxHashMap<(Label, String), usize> = FxHashMap::default();
    for i in 0..entities.len() {
        let r = root(entities, i);
        let root_e = &entities[r];
        let id = match root_e.entry {
            Some(e) => format!("={}", ctx.m.entries[e as usize].canonical),
            None => keys(ctx, root_e.start, root_e.end).join(" "),
        };
        let next = numbers.len();
        let (label, root_entry) = (root_e.label, root_e.entry);
        let n = *numbers.entry((label, id)).or_insert(next);
        let e = &mut entities[i];
        e.cluster = n;
        e.root = r;
        if e.entry.is_none() {
            e.entry = root_entry;
        }
    }
}
