//! Sizes of one function's allocations, from the `bytes` label Go puts on heap samples:
//! the values of every sample type per power-of-two size class.

use super::ids::FuncId;
use super::nodes::NodeTable;
use crate::profile::Profile;

/// One size class: allocation sizes in `lo..hi` bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SizeBucket {
    /// Smallest size in the class.
    pub lo: i64,
    /// One past the largest size.
    pub hi: i64,
    /// Sum of each sample type's values.
    pub values: Vec<i64>,
    /// Distinct samples in the class.
    pub samples: usize,
}

/// A function's allocations by size.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Histogram {
    /// The function.
    pub func: FuncId,
    /// Size classes with allocations, smallest first.
    pub buckets: Vec<SizeBucket>,
    /// Values of the function's samples without a `bytes` label.
    pub unlabeled: Vec<i64>,
}

/// The size class of `size`: [2^k, 2^(k+1)), with 0 alone.
fn class(size: i64) -> (i64, i64) {
    if size <= 0 {
        return (0, 1);
    }
    let k = 63 - (size as u64).leading_zeros();
    let lo = 1i64 << k;
    (lo, lo.saturating_mul(2))
}

/// The allocations made directly by `func` (samples whose innermost frame it is).
pub fn build(p: &Profile, table: &NodeTable, func: FuncId) -> Histogram {
    let nt = p.sample_types.len();
    let bytes_key = p
        .strings
        .iter()
        .position(|s| s == "bytes")
        .map(|i| i as u32);
    let mut h = Histogram {
        func,
        buckets: Vec::new(),
        unlabeled: vec![0; nt],
    };
    for s in 0..p.samples.len() {
        let Some(&leaf) = p.samples.locations(s).first() else {
            continue;
        };
        if table.nodes_of(leaf).first() != Some(&func.0) {
            continue;
        }
        let values = p.samples.values(s);
        let size = bytes_key.and_then(|k| {
            p.samples
                .labels(s)
                .iter()
                .find(|l| l.key == k && l.str == 0)
                .map(|l| l.num)
        });
        let Some(size) = size else {
            h.unlabeled
                .iter_mut()
                .zip(values)
                .for_each(|(a, v)| *a = a.wrapping_add(*v));
            continue;
        };
        let (lo, hi) = class(size);
        let i = match h.buckets.binary_search_by_key(&lo, |b| b.lo) {
            Ok(i) => i,
            Err(i) => {
                h.buckets.insert(
                    i,
                    SizeBucket {
                        lo,
                        hi,
                        values: vec![0; nt],
                        samples: 0,
                    },
                );
                i
            }
        };
        h.buckets[i]
            .values
            .iter_mut()
            .zip(values)
            .for_each(|(a, v)| *a = a.wrapping_add(*v));
        h.buckets[i].samples += 1;
    }
    h
}

#[cfg(test)]
mod tests {
    use super::class;

    #[test]
    fn size_classes() {
        assert_eq!(class(0), (0, 1));
        assert_eq!(class(1), (1, 2));
        assert_eq!(class(48), (32, 64));
        assert_eq!(class(1 << 20), (1 << 20, 1 << 21));
    }
}
