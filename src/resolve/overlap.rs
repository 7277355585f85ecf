//! Overlap resolution: by score (with a bonus per extra token, so the longest correct name wins), then
//! length, then recognizer priority, then position.

use crate::recognize::{Candidate, Ctx};

/// Score bonus per token beyond the first: `Conseil de sécurité de l’ONU` beats `ONU`, and a given name +
/// surname beats the given name read as a place.
const LENGTH_BONUS: f32 = 0.1;

fn effective(c: &Candidate) -> f32 {
    c.score + LENGTH_BONUS * (c.end - c.start - 1) as f32
}

/// Keeps the best non-overlapping candidates, sorted by position.
pub fn select(ctx: &Ctx<'_>, mut cands: Vec<Candidate>) -> Vec<Candidate> {
    cands.retain(|c| c.start < c.end && c.end <= ctx.len());
    // stable: among equals, the order the recognizers proposed (gazetteer list order) decides
    cands.sort_by(|a, b| {
        effective(b)
            .total_cmp(&effective(a))
            .then((b.end - b.start).cmp(&(a.end - a.start)))
            .then(a.rule.priority().cmp(&b.rule.priority()))
            .then(a.start.cmp(&b.start))
    });
    let mut taken = vec![false; ctx.len()];
    let mut out = Vec::new();
    for c in cands {
        if taken[c.start..c.end].iter().any(|&t| t) {
            continue;
        }
        taken[c.start..c.end].iter_mut().for_each(|t| *t = true);
        out.push(c);
    }
    out.sort_by_key(|c| c.start);
    out
}
