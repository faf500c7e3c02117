//! Samples that pprof's merge makes one — the same key (stack and labels, as the caller
//! defines it) — found without keeping any key: each sample's key is hashed (a cheap
//! Fx-style hash), and a hash hit is confirmed by making the group's first key again. A
//! million distinct samples cost about 20 bytes each, not their keys; the sums are kept
//! only for groups of more than one sample.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use super::merge_fold::{finish, mix};
use super::samples::Samples;

const NONE: u32 = u32::MAX;

/// The groups of a profile's samples: each group's first sample (in the order groups
/// first appear) and, for a group of more than one sample, the summed values. All-zero
/// samples belong to no group.
#[derive(Debug, Default)]
pub struct Groups {
    /// The first sample of each group.
    pub first: Vec<u32>,
    /// For a group of several samples: where its sums start in `sums`.
    merged: HashMap<u32, u32>,
    sums: Vec<i64>,
    num_types: usize,
}

impl Groups {
    /// The values of group `g`: its sum, or its one sample's values.
    pub fn values<'a>(&'a self, samples: &'a Samples, g: usize) -> &'a [i64] {
        match self.merged.get(&(g as u32)) {
            Some(&at) => &self.sums[at as usize..at as usize + self.num_types],
            None => samples.values(self.first[g] as usize),
        }
    }

    /// Whether group `g` holds more than one sample.
    pub fn is_merged(&self, g: usize) -> bool {
        self.merged.contains_key(&(g as u32))
    }

    /// Whether no two samples were merged and none was dropped (of `len` samples).
    pub fn is_identity(&self, len: usize) -> bool {
        self.first.len() == len && self.merged.is_empty()
    }
}

/// A `Hasher` over the merge's own hash steps (`merge_fold::mix`, `finish`): cheap, and
/// good enough for keys made of small integers.
#[derive(Default)]
struct Fx(u64);

impl Hasher for Fx {
    fn finish(&self) -> u64 {
        finish(self.0)
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.write_u64(u64::from_le_bytes([
                c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7],
            ]));
        }
        for &b in chunks.remainder() {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u64(&mut self, v: u64) {
        self.0 = mix(self.0, v);
    }

    fn write_u32(&mut self, v: u32) {
        self.write_u64(u64::from(v));
    }

    fn write_i64(&mut self, v: i64) {
        self.write_u64(v as u64);
    }

    fn write_usize(&mut self, v: usize) {
        self.write_u64(v as u64);
    }

    fn write_u8(&mut self, v: u8) {
        self.write_u64(u64::from(v));
    }
}

/// The groups of `samples` under `key` (the key of sample `i`; equal keys, one group).
pub fn group<K: Hash + Eq>(samples: &Samples, key: impl Fn(usize) -> K) -> Groups {
    let n = samples.num_types();
    let mut out = Groups {
        num_types: n,
        ..Groups::default()
    };
    // The next group whose key has the same hash.
    let mut chain: Vec<u32> = Vec::with_capacity(samples.len());
    let mut index: HashMap<u64, u32> = HashMap::with_capacity(samples.len());
    for i in 0..samples.len() {
        let values = samples.values(i);
        if values.iter().all(|&v| v == 0) {
            continue;
        }
        let k = key(i);
        let mut h = Fx::default();
        k.hash(&mut h);
        let h = h.finish();
        let mut g = index.get(&h).copied().unwrap_or(NONE);
        let mut last = NONE;
        while g != NONE && key(out.first[g as usize] as usize) != k {
            last = g;
            g = chain[g as usize];
        }
        if g == NONE {
            let new = out.first.len() as u32;
            out.first.push(i as u32);
            chain.push(NONE);
            match last {
                NONE => {
                    index.insert(h, new);
                }
                l => chain[l as usize] = new,
            }
            continue;
        }
        let at = match out.merged.get(&g) {
            Some(&at) => at as usize,
            None => {
                let at = out.sums.len();
                out.sums
                    .extend_from_slice(samples.values(out.first[g as usize] as usize));
                out.merged.insert(g, at as u32);
                at
            }
        };
        for (s, &v) in out.sums[at..at + n].iter_mut().zip(values) {
            *s = s.wrapping_add(v);
        }
    }
    out
}

/// `samples` with each group made one sample (its first sample's stack and labels, the
/// summed values), in the order groups first appear; groups whose sums are all zero are
/// dropped, as pprof's merge drops them.
pub fn combined(samples: &Samples, groups: &Groups) -> Samples {
    let mut out = Samples::new(samples.num_types());
    for (g, &i) in groups.first.iter().enumerate() {
        let values = groups.values(samples, g);
        if values.iter().all(|&v| v == 0) {
            continue;
        }
        let i = i as usize;
        out.push(samples.locations(i), values, samples.labels(i));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_keys_are_summed_in_first_seen_order_and_zero_sums_dropped() {
        let mut s = Samples::new(2);
        for (locs, v) in [
            (vec![1, 2], [1, 10]),
            (vec![3], [5, 5]),
            (vec![1, 2], [2, 20]),
            (vec![4], [0, 0]),
            (vec![3], [-5, -5]),
        ] {
            s.push(&locs, &v, &[]);
        }
        let g = group(&s, |i| s.locations(i).to_vec());
        assert_eq!(g.first, [0, 1]);
        assert_eq!(g.values(&s, 0), [3, 30]);
        assert_eq!(g.values(&s, 1), [0, 0]);
        assert!(g.is_merged(0) && !g.is_identity(5));
        let c = combined(&s, &g);
        assert_eq!(c.len(), 1, "the sum that came to zero is dropped");
        assert_eq!(c.locations(0), [1, 2]);
        assert_eq!(c.values(0), [3, 30]);
        // A hash shared by different keys is told apart by the keys.
        let g = group(&s, |i| (s.locations(i).len(), s.locations(i).to_vec()));
        assert_eq!(g.first.len(), 2);
    }
}
