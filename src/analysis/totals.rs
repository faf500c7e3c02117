//! pprof's computeTotal: the total a sample type's percentages are taken of.

use crate::profile::{Profile, diff};

/// The sum of absolute values of sample type `index` (wrapping like Go's arithmetic);
/// in a `-diff_base` profile only the base's samples count, when their sum is not 0
/// (pprof's rule: a diff's percentages are shares of the base).
pub fn total(p: &Profile, index: usize) -> i64 {
    let value = |i: usize| {
        p.samples
            .values(i)
            .get(index)
            .map_or(0, |v| v.wrapping_abs())
    };
    let all = (0..p.samples.len()).fold(0i64, |t, i| t.wrapping_add(value(i)));
    let Some(marks) = diff::diff_base_marks(p) else {
        return all;
    };
    let base = (0..p.samples.len())
        .filter(|&i| diff::is_diff_base_sample(p, marks, i))
        .fold(0i64, |t, i| t.wrapping_add(value(i)));
    if base > 0 { base } else { all }
}
