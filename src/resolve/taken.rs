//! Which tokens are covered, one bit per token: every pass of the resolver asks it about candidate
//! spans, and a bit set is a 64th of the memory to clear and fill that one byte or index per token is
//! (a 20 MB document has millions of tokens).

use super::Resolved;

#[derive(Debug, PartialEq)]
pub struct Taken(Vec<u64>);

impl Taken {
    /// `n` tokens, none covered.
    pub fn new(n: usize) -> Self {
        Taken(vec![0; n.div_ceil(64)])
    }

    /// `n` tokens, covered by `entities`.
    pub fn covered(n: usize, entities: &[Resolved]) -> Self {
        let mut taken = Taken::new(n);
        for e in entities {
            taken.set(e.start, e.end);
        }
        taken
    }

    #[inline]
    pub fn get(&self, i: usize) -> bool {
        (self.0[i >> 6] >> (i & 63)) & 1 != 0
    }

    /// Whether any of tokens `start..end` is covered.
    #[inline]
    pub fn any(&self, start: usize, end: usize) -> bool {
        (start..end).any(|i| self.get(i))
    }

    /// Covers tokens `start..end`.
    #[inline]
    pub fn set(&mut self, start: usize, end: usize) {
        for i in start..end {
            self.0[i >> 6] |= 1 << (i & 63);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_across_words() {
        let mut t = Taken::new(200);
        t.set(60, 70);
        t.set(130, 131);
        assert!((60..70).all(|i| t.get(i)) && t.get(130));
        assert!(!t.get(59) && !t.get(70) && !t.get(129) && !t.get(131) && !t.get(199));
        assert!(t.any(0, 61) && t.any(69, 100) && !t.any(70, 130) && !t.any(131, 200) && !t.any(65, 65));
    }
}
