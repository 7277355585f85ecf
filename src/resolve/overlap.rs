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

/// Keeps the best non-overlapping candidates, sorted by position.
#[inline(never)]
pub fn select(ctx: &Ctx<'_>, mut cands: Vec<Candidate>) -> Vec<Candidate> {
    cands.retain(|c| c.start < c.end && c.end <= ctx.len());
    // best first: effective score, then length (both descending), then recognizer priority, then
    // position; among equals, the order the recognizers proposed (gazetteer list order). The order is
    // one integer key per candidate, compared without floats or lookups (the index makes it total, so
    // an unstable sort gives the stable order).
    let mut order: Vec<(u64, u64, usize)> = cands
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let len = (c.end - c.start) as u64;
            let best = (u64::from(!total_order(effective(c))) << 32) | (u64::from(u32::MAX) - len.min(u32::MAX.into()));
            (best, (u64::from(c.rule.priority()) << 32) | c.start as u64, i)
        })
        .collect();
    order.sort_unstable();
    let mut taken = Taken::new(ctx.len());
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
