//! pprof's computeTotal: the total a sample type's percentages are taken of.

use crate::profile::Profile;

/// The sum of absolute values of sample type `index` (wrapping like Go's arithmetic).
pub fn total(p: &Profile, index: usize) -> i64 {
    (0..p.samples.len()).fold(0i64, |t, i| {
        t.wrapping_add(
            p.samples
                .values(i)
                .get(index)
                .map_or(0, |v| v.wrapping_abs()),
        )
    })
}
