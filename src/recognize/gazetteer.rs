//! Gazetteer lookup: every entity entry that matches proposes a candidate, with a score that says how
//! much the match alone can be trusted.

use super::words::{self, class};
use super::{Candidate, Ctx, Rule};
use crate::gazetteer::{flags, Facts, Lang, Match, RowKind};
use crate::label::Label;
use crate::lang::Language;
use crate::tokenize::Shape;

/// Base confidence of a gazetteer match, before the resolver's length bonus.
const SCORE: f32 = 0.9;

pub fn propose(ctx: &Ctx<'_>, out: &mut Vec<Candidate>) {
    // the entries' facts, not the entries: all the rule reads, eight bytes each
    let facts = ctx.m.facts();
    // the entity entries of the matches, in order (listed by `Ctx::new`)
    for &(k, e) in &ctx.entities {
        let (mt, entry) = (&ctx.matches[k as usize], facts.get(e));
        let RowKind::Entity(label) = entry.kind else { continue };
        if let Some(score) = score(ctx, mt, entry) {
            let start = name_start(ctx, mt);
            out.push(Candidate { start, end: mt.end, label, score, rule: Rule::Gazetteer(e) });
        }
    }
}

/// How many unambiguous places of the same country stand in the sentence or its neighbours: `Georgia`
/// next to `Savannah` and `Atlanta` is the US state, next to `Tbilisi` the country (DESIGN §2: a name in
/// two gazetteers gets the label its neighbours support).
fn iso_support(ctx: &Ctx<'_>, mt: &Match, entry: Facts) -> usize {
    if !matches!(entry.kind, RowKind::Entity(Label::Location | Label::Country)) {
        return 0;
    }
    // (a code of other than two bytes is no token's: no support)
    let Some(iso) = entry.iso() else { return 0 };
    let sent = ctx.doc.tokens[mt.start].sentence();
    let sentences = &ctx.doc.sentences;
    let from = sentences[sent.saturating_sub(1)].start;
    let to = sentences[(sent + 1).min(sentences.len() - 1)].end;
    (from..to).filter(|&k| (k < mt.start || k >= mt.end) && ctx.info[k].iso().is_some_and(|c| c == iso)).count()
}

/// Where the name proper starts: a listed form that opens with a lowercase classifier (`fleuve Niger`,
/// `lac Kivu`, `groupe Wagner`) is matched whole, but the classifier stays out of the span when the rest
/// is a name on its own (DESIGN §3); `mer Noire` keeps `mer` because `mer` is no such classifier.
fn name_start(ctx: &Ctx<'_>, mt: &Match) -> usize {
    let mut s = mt.start;
    if mt.end - s >= 2 && ctx.has(s, class::PLACE_CLASSIFIER | class::ORG_CLASSIFIER) {
        s += 1;
        if mt.end - s >= 2 && ctx.has(s, class::OF) {
            s += 1;
        }
        if ctx.shape(s) != Shape::Capitalized && ctx.shape(s) != Shape::AllCaps {
            return mt.start;
        }
    }
    s
}

/// The confidence of one match, or `None` when the context rules it out.
fn score(ctx: &Ctx<'_>, mt: &Match, entry: Facts) -> Option<f32> {
    let first = &ctx.doc.tokens[mt.start];
    let single = mt.end - mt.start == 1;
    // `the UN` is listed because a bare `UN` is ambiguous; matched without its `the`, it stays so
    let ambiguous = entry.has(flags::AMBIGUOUS) || (single && entry.name_starts_with_the());
    // `Caire` from `Le Caire` only after a contracted article: `au Caire`, `du Caire`.
    if entry.has(flags::ARTICLE_DROPPED) && !(mt.start > 0 && ctx.has(mt.start - 1, words::class::CONTRACTION)) {
        return None;
    }
    if mt.caseless && (ambiguous || entry.has(flags::ACRONYM) && single) {
        return None;
    }
    // on an ALL-CAPS headline every word looks like an acronym: `D’UN`, `L’EAU`
    if ambiguous && ctx.doc.is_headline(mt.start) {
        return None;
    }
    // a name is never a lower-case word of the text, unless the entry itself is written that way
    if matches!(first.shape, Shape::Lower) && !entry.name_starts_lower() {
        return None;
    }
    let mut score = SCORE;
    if ambiguous {
        let support = iso_support(ctx, mt, entry);
        // a common word capitalized by its position says nothing, unless its neighbours vouch for it
        if first.sent_start && support == 0 {
            return None;
        }
        score -= 0.3;
        score += 0.15 * support.min(2) as f32;
    }
    // the word before: `à Orange` is the town, `le groupe Orange` the company
    if mt.start > 0 {
        let place = matches!(entry.kind, RowKind::Entity(Label::Location | Label::Country));
        if place && ctx.has(mt.start - 1, class::PLACE_PREP | class::CONTRACTION) {
            score += 0.05;
        }
        if entry.kind == RowKind::Entity(Label::Organization) && ctx.has(mt.start - 1, class::ORG_CLASSIFIER) {
            score += 0.1;
        }
    }
    if single && first.sent_start && ctx.has(mt.start, words::class::COMMON_CAP) {
        return None;
    }
    let wrong_lang = matches!((entry.lang(), ctx.lang), (Lang::Fr, Language::En) | (Lang::En, Language::Fr));
    if wrong_lang {
        score -= 0.1;
    }
    if entry.user() {
        // user lists win over built-in ones
        score += 0.2;
    }
    Some(score)
}
