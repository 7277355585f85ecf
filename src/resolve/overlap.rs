//! Overlap resolution: by score (with a bonus per extra token, so the longest correct name wins), then
//! length, then recognizer priority, then position.

use super::taken::Taken;
use crate::recognize::{Candidate, Ctx};

/// Score bonus per token beyond the first: `Conseil de sécurité de l’ONU` beats `ONU`, and a given name +
/// surname beats the given name read as a place.
const LENGTH_BONUS: f32 = 0.1;

fn effective(c: &Candidate) -> f32 {
    c.score + LENGTH_BONUS * (c.end - c.start - 1) as f32
}

/// `f32::total_cmp` order as an unsigned integer order.
fn total_order(f: f32) -> u32 {
    let b = f.to_bits() as i32;
    ((b ^ (((b >> 31) as u32) >> 1) as i32) as u32) ^ 0x8000_0000
}

/// The order of merit of candidate `i`, best first: effective score, then length (both descending),
/// then recognizer priority, then position; among equals, the order the recognizers proposed (gazetteer
/// list order). One integer key per candidate, compared without floats or lookups (the index makes it
/// total, so an unstable sort gives the stable order).
#[inline]
fn merit(c: &Candidate, i: usize) -> (u64, u64, usize) {
    let len = (c.end - c.start) as u64;
    let best = (u64::from(!total_order(effective(c))) << 32) | (u64::from(u32::MAX) - len.min(u32::MAX.into()));
    (best, (u64::from(c.rule.priority()) << 32) | c.start as u64, i)
}

/// Keeps the best non-overlapping candidates, sorted by position.
///
/// A candidate is kept when no better one kept overlaps it, so only candidates chained by overlaps
/// (a group) compete: each group is settled on its own, and the order of merit is sorted for the groups
/// of two or more only. Most candidates overlap nothing, and sorting all of them by merit (three words
/// each, compared field by field) was most of the resolver's overlap work; sorting them by position is
/// one word each.
#[inline(never)]
pub fn select(ctx: &Ctx<'_>, cands: Vec<Candidate>) -> Vec<Candidate> {
    select_in(ctx.len(), cands)
}

/// [`select`] in a document of `n_tokens` tokens.
fn select_in(n_tokens: usize, mut cands: Vec<Candidate>) -> Vec<Candidate> {
    cands.retain(|c| c.start < c.end && c.end <= n_tokens);
    if u32::try_from(cands.len()).is_err() || u32::try_from(n_tokens).is_err() {
        return select_by_merit(n_tokens, &cands);
    }
    // position order, index order among equal starts: (start, index) packed in one word
    let mut by_start: Vec<u64> = cands.iter().enumerate().map(|(i, c)| (c.start as u64) << 32 | i as u64).collect();
    // stable (equal to the unstable sort, the words being distinct): faster on the runs the recognizers
    // propose in order
    by_start.sort();
    let at = |k: usize| (by_start[k] & u64::from(u32::MAX)) as usize;
    let mut out = Vec::with_capacity(cands.len());
    // a group's candidates in order of merit, and its kept ones
    let mut group: Vec<(u64, u64, usize)> = Vec::new();
    let mut kept: Vec<Candidate> = Vec::new();
    let mut taken = Taken::new(n_tokens);
    let mut k = 0;
    while k < by_start.len() {
        let first = cands[at(k)];
        let mut end = first.end;
        let mut g = k + 1;
        while g < by_start.len() && cands[at(g)].start < end {
            end = end.max(cands[at(g)].end);
            g += 1;
        }
        if g == k + 1 {
            out.push(first);
        } else {
            group.clear();
            group.extend((k..g).map(|m| merit(&cands[at(m)], at(m))));
            group.sort_unstable();
            kept.clear();
            for &(_, _, i) in &group {
                let c = cands[i];
                if !taken.any(c.start, c.end) {
                    taken.set(c.start, c.end);
                    kept.push(c);
                }
            }
            // the kept candidates do not overlap: their starts are distinct
            kept.sort_unstable_by_key(|c| c.start);
            out.extend_from_slice(&kept);
        }
        k = g;
    }
    out
}

/// [`select`] by one sort of all the candidates in order of merit (for a document with 2³² tokens or
/// candidates or more, and as the reference in the tests).
fn select_by_merit(n_tokens: usize, cands: &[Candidate]) -> Vec<Candidate> {
    let mut order: Vec<(u64, u64, usize)> = cands.iter().enumerate().map(|(i, c)| merit(c, i)).collect();
    order.sort_unstable();
    let mut taken = Taken::new(n_tokens);
    // at most every candidate: one allocation (untouched room costs no memory), not a doubling list
    let mut out = Vec::with_capacity(cands.len());
    for (_, _, i) in order {
        let c = cands[i];
        if taken.any(c.start, c.end) {
            continue;
        }
        taken.set(c.start, c.end);
        out.push(c);
    }
    // the kept candidates do not overlap: their starts are distinct
    out.sort_unstable_by_key(|c| c.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::label::Label;
    use crate::recognize::Rule;

    /// Settling each group of overlapping candidates on its own keeps what one sort of all of them by
    /// merit keeps: ties of score, span and priority (broken by the order proposed), nested and chained
    /// overlaps, spans out of range.
    #[test]
    fn groups_keep_what_one_sort_by_merit_keeps() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n) as usize
        };
        let rules = [Rule::Gazetteer(3), Rule::Gazetteer(1), Rule::Title, Rule::Propagated, Rule::PlaceContext];
        for round in 0..400 {
            let n_tokens = 5 + next(60);
            let cands: Vec<Candidate> = (0..next(40))
                .map(|_| {
                    let start = next(n_tokens as u64 + 2);
                    Candidate {
                        start,
                        end: start + next(5),
                        label: Label::ALL[next(4)],
                        score: [0.5, 0.6, 0.7, 0.8, 0.9][next(5)],
                        rule: rules[next(5)],
                    }
                })
                .collect();
            let mut valid = cands.clone();
            valid.retain(|c| c.start < c.end && c.end <= n_tokens);
            assert_eq!(select_in(n_tokens, cands), select_by_merit(n_tokens, &valid), "round {round}");
        }
    }

    #[test]
    fn total_order_is_total_cmp() {
        let xs = [
            f32::NEG_INFINITY,
            -2.5,
            -0.0,
            0.0,
            1e-30,
            0.7,
            0.8,
            f32::from_bits(0.8f32.to_bits() + 1),
            1.0,
            f32::MIN_POSITIVE,
            f32::INFINITY,
            f32::NAN,
            -f32::NAN,
        ];
        for a in xs {
            for b in xs {
                assert_eq!(total_order(a).cmp(&total_order(b)), a.total_cmp(&b), "{a} {b}");
            }
        }
    }
}
