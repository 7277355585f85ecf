//! Event names, recognized only to be dropped: `Tour de France`, `Jeux de Barcelone`, `US Open`,
//! `Fed Cup`. Without them the place or country inside would be reported, and DESIGN §3 says events are
//! not entities. The resolver lets them win overlaps, then removes them.

use super::words::class;
use super::{Candidate, Ctx, Rule};
use crate::label::Label;
use crate::tokenize::Shape;

/// Above any single gazetteer match: the event swallows the place inside it.
const SCORE: f32 = 1.0;

pub fn propose(ctx: &Ctx<'_>, out: &mut Vec<Candidate>) {
    for i in ctx.each(class::EVENT_HEAD | class::EVENT_SUFFIX) {
        // `Tour de France`, `Jeux d’Athènes`, `Coupe du monde`
        if ctx.has(i, class::EVENT_HEAD) && ctx.shape(i) == Shape::Capitalized {
            let mut j = i + 1;
            while j < ctx.len() && j - i <= 3 && ctx.has(j, class::OF | class::CONNECTOR) {
                j += 1;
            }
            let mut end = j;
            while end < ctx.len() && end - j < 3 && ctx.same_sentence(i, end) && capitalized(ctx, end) {
                end += 1;
            }
            if end > j && j > i + 1 {
                out.push(Candidate { start: i, end, label: Label::Location, score: SCORE, rule: Rule::Event });
            }
        }
        // `US Open`, `Fed Cup`, `Dubaï Tour`
        if ctx.has(i, class::EVENT_SUFFIX) && i > 0 && capitalized(ctx, i - 1) && ctx.same_sentence(i - 1, i) {
            let mut s = ctx.run_before(i, 3, |k| capitalized(ctx, k));
            while s < i && ctx.has(s, class::COMMON_CAP) {
                s += 1;
            }
            if s < i {
                out.push(Candidate { start: s, end: i + 1, label: Label::Location, score: SCORE, rule: Rule::Event });
            }
        }
    }
}

fn capitalized(ctx: &Ctx<'_>, k: usize) -> bool {
    matches!(ctx.shape(k), Shape::Capitalized | Shape::AllCaps) && ctx.doc.tokens[k].is_wordlike()
}
