//! What the samples of a profile use: a set of element indices that also gives each
//! member its new index once the others are dropped (its rank among the members).

/// A set of indices below a bound, each member numbered by its rank.
#[derive(Clone, Debug)]
pub struct RankedSet {
    bits: Vec<u64>,
    /// Members below each word of `bits` (filled by [`RankedSet::seal`]).
    ranks: Vec<u32>,
    len: u32,
}

impl RankedSet {
    /// An empty set of indices below `n`.
    pub fn new(n: usize) -> Self {
        Self {
            bits: vec![0; n.div_ceil(64)],
            ranks: Vec::new(),
            len: 0,
        }
    }

    /// Adds `i` (below the bound).
    #[inline]
    pub fn insert(&mut self, i: u32) {
        self.bits[(i / 64) as usize] |= 1 << (i % 64);
    }

    /// Whether `i` is a member.
    #[inline]
    pub fn contains(&self, i: u32) -> bool {
        self.bits[(i / 64) as usize] & (1 << (i % 64)) != 0
    }

    /// Computes the ranks; call once every member is in.
    pub fn seal(&mut self) {
        self.ranks = Vec::with_capacity(self.bits.len());
        let mut below = 0u32;
        for w in &self.bits {
            self.ranks.push(below);
            below += w.count_ones();
        }
        self.len = below;
    }

    /// Number of members (after [`RankedSet::seal`]).
    pub fn len(&self) -> usize {
        self.len as usize
    }

    /// The number of members below `i`: a member's index among the members.
    #[inline]
    pub fn rank(&self, i: u32) -> u32 {
        let w = (i / 64) as usize;
        self.ranks[w] + (self.bits[w] & ((1u64 << (i % 64)) - 1)).count_ones()
    }

    /// The members, ascending.
    pub fn members(&self) -> Vec<u32> {
        let mut out = Vec::with_capacity(self.len as usize);
        for (wi, &w) in self.bits.iter().enumerate() {
            let mut w = w;
            while w != 0 {
                out.push(wi as u32 * 64 + w.trailing_zeros());
                w &= w - 1;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_number_the_members_in_order() {
        let mut s = RankedSet::new(200);
        for i in [0, 5, 63, 64, 130, 199] {
            s.insert(i);
        }
        s.seal();
        assert_eq!(s.len(), 6);
        assert_eq!(s.members(), vec![0, 5, 63, 64, 130, 199]);
        let ranks: Vec<u32> = s.members().iter().map(|&i| s.rank(i)).collect();
        assert_eq!(ranks, vec![0, 1, 2, 3, 4, 5]);
        assert!(s.contains(130) && !s.contains(131));
        let mut empty = RankedSet::new(0);
        empty.seal();
        assert!(empty.len() == 0 && empty.members().is_empty());
    }
}
