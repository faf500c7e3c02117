//! Sorting a large index list on two threads: each half sorted on its own thread, then
//! merged. The call tree and the butterfly sort their paths this way.

use std::cmp::Ordering;

/// Below this many elements one thread sorts the whole list.
const SPLIT_FROM: usize = 100_000;

/// `v` sorted by `cmp` (unstable), on two threads from 100,000 elements on.
pub fn sort_on_two_threads<F>(mut v: Vec<u32>, cmp: F) -> Vec<u32>
where
    F: Fn(&u32, &u32) -> Ordering + Sync,
{
    if v.len() < SPLIT_FROM {
        v.sort_unstable_by(&cmp);
        return v;
    }
    let mid = v.len() / 2;
    let (left, right) = v.split_at_mut(mid);
    std::thread::scope(|s| {
        s.spawn(|| left.sort_unstable_by(&cmp));
        right.sort_unstable_by(&cmp);
    });
    let (left, right) = v.split_at(mid);
    let mut merged = Vec::with_capacity(v.len());
    let (mut i, mut j) = (0, 0);
    while i < left.len() && j < right.len() {
        if cmp(&right[j], &left[i]).is_lt() {
            merged.push(right[j]);
            j += 1;
        } else {
            merged.push(left[i]);
            i += 1;
        }
    }
    merged.extend_from_slice(&left[i..]);
    merged.extend_from_slice(&right[j..]);
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_ways_sort_alike() {
        let mut x = 12345u64;
        let v: Vec<u32> = (0..250_000)
            .map(|_| {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1);
                (x >> 40) as u32
            })
            .collect();
        let mut want = v.clone();
        want.sort_unstable();
        assert_eq!(sort_on_two_threads(v.clone(), |a, b| a.cmp(b)), want);
        let small: Vec<u32> = v[..1000].to_vec();
        let mut want = small.clone();
        want.sort_unstable_by(|a, b| b.cmp(a));
        assert_eq!(sort_on_two_threads(small, |a, b| b.cmp(a)), want);
    }
}
