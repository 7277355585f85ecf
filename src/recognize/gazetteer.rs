//! Gazetteer lookup: every entity entry that matches proposes a candidate, with a score that says how
//! much the match alone can be trusted.

use super::{words, Candidate, Ctx, Rule};
use crate::gazetteer::{flags, Entry, Lang, Match, RowKind};
use crate::lang::Language;
use crate::tokenize::Shape;

/// Base confidence of a gazetteer match, before the resolver's length bonus.
const SCORE: f32 = 0.9;

pub fn propose(ctx: &Ctx<'_>, out: &mut Vec<Candidate>) {
    for mt in &ctx.matches {
        for &e in ctx.m.node_entries(mt.node) {
            let entry = &ctx.m.entries[e as usize];
            let RowKind::Entity(label) = entry.kind else { continue };
            if let Some(score) = score(ctx, mt, entry) {
                out.push(Candidate { start: mt.start, end: mt.end, label, score, rule: Rule::Gazetteer(e) });
            }
        }
    }
}

/// The confidence of one match, or `None` when the context rules it out.
fn score(ctx: &Ctx<'_>, mt: &Match, entry: &Entry) -> Option<f32> {
    let first = &ctx.doc.tokens[mt.start];
    let single = mt.end - mt.start == 1;
    let ambiguous = entry.has(flags::AMBIGUOUS);
    // `Caire` from `Le Caire` only after a contracted article: `au Caire`, `du Caire`.
    if entry.has(flags::ARTICLE_DROPPED) && !(mt.start > 0 && ctx.has(mt.start - 1, words::class::CONTRACTION)) {
        return None;
    }
    if mt.caseless && (ambiguous || entry.has(flags::ACRONYM) && single) {
        return None;
    }
    // a name is never a lower-case word of the text, unless the entry itself is written that way
    if matches!(first.shape, Shape::Lower) && !entry.name.starts_with(char::is_lowercase) {
        return None;
    }
    let mut score = SCORE;
    if ambiguous {
        // a common word capitalized by its position says nothing
        if first.sent_start {
            return None;
        }
        score -= 0.3;
    }
    if single && first.sent_start && ctx.has(mt.start, words::class::COMMON_CAP) {
        return None;
    }
    let wrong_lang = matches!((entry.lang, ctx.lang), (Lang::Fr, Language::En) | (Lang::En, Language::Fr));
    if wrong_lang {
        score -= 0.1;
    }
    if ctx.m.origins[entry.origin as usize].user {
        // user lists win over built-in ones
        score += 0.2;
    }
    Some(score)
}
