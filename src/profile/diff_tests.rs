//! Unit tests of `profile::diff`: pprof's subtraction on small synthetic profiles.

use super::*;
use crate::profile::ValueType;

fn names() -> Vec<String> {
    ["a", "b", "c"].iter().map(|s| s.to_string()).collect()
}

fn profile(stacks: &[(Vec<u32>, Vec<i64>)]) -> Profile {
    Profile::synthetic(
        &names(),
        stacks,
        &[("alloc_space", "bytes"), ("inuse_space", "bytes")],
    )
}

/// (function name of the leaf, values) of every sample, in order.
fn rows(p: &Profile) -> Vec<(String, Vec<i64>)> {
    (0..p.samples.len())
        .map(|i| {
            let leaf = p.samples.locations(i)[0];
            let f = p.location_lines(leaf)[0].function;
            (
                p.functions[f as usize].name.clone(),
                p.samples.values(i).to_vec(),
            )
        })
        .collect()
}

#[test]
fn subtract_combines_equal_stacks_and_drops_zero_sums() {
    let p = profile(&[(vec![0], vec![10, 5]), (vec![1], vec![7, 7])]);
    let base = profile(&[
        (vec![0], vec![4, 5]),
        (vec![1], vec![7, 7]),
        (vec![2], vec![3, 0]),
    ]);
    let d = diff(&p, &base, BaseMode::Subtract, false).expect("diff");
    assert_eq!(
        rows(&d),
        vec![("a".into(), vec![6, 0]), ("c".into(), vec![-3, 0])]
    );
}

#[test]
fn diff_base_keeps_base_samples_apart_and_marked() {
    let p = profile(&[(vec![0], vec![10, 5])]);
    let base = profile(&[(vec![0], vec![4, 5])]);
    let d = diff(&p, &base, BaseMode::DiffBase, false).expect("diff");
    assert_eq!(
        rows(&d),
        vec![("a".into(), vec![10, 5]), ("a".into(), vec![-4, -5])]
    );
    let marks = diff_base_marks(&d).expect("marked");
    assert!(!is_diff_base_sample(&d, marks, 0));
    assert!(is_diff_base_sample(&d, marks, 1));
    // pprof's computeTotal: only the base's samples count.
    assert_eq!(crate::analysis::totals::total(&d, 0), 4);
    assert_eq!(crate::analysis::totals::total(&d, 1), 5);
}

#[test]
fn normalize_scales_to_the_base_total_with_rounding() {
    // Totals 30 vs 10: the profile is scaled by 1/3 (round half away from zero).
    let p = profile(&[(vec![0], vec![20, 1]), (vec![1], vec![10, 1])]);
    let base = profile(&[(vec![0], vec![10, 2])]);
    let d = diff(&p, &base, BaseMode::Subtract, true).expect("diff");
    // a: round(20/3)=7, inuse ratio 1: 1 → 7-10, 1-2; b: round(10/3)=3, 1.
    assert_eq!(
        rows(&d),
        vec![("a".into(), vec![-3, -1]), ("b".into(), vec![3, 1])]
    );
}

#[test]
fn normalize_drops_samples_scaled_to_zero() {
    let p = profile(&[(vec![0], vec![1000, 0]), (vec![1], vec![1, 0])]);
    let base = profile(&[(vec![2], vec![100, 0])]);
    let d = diff(&p, &base, BaseMode::Subtract, true).expect("diff");
    // b: round(1 × 100/1001) = 0 → dropped before merging.
    assert_eq!(
        rows(&d),
        vec![("a".into(), vec![100, 0]), ("c".into(), vec![-100, 0])]
    );
}

#[test]
fn incompatible_sample_types_are_refused_in_one_line() {
    let p = profile(&[(vec![0], vec![1, 1])]);
    let mut base = profile(&[(vec![0], vec![1, 1])]);
    base.sample_types[1] = ValueType {
        ty: "inuse_objects".into(),
        unit: "count".into(),
    };
    let e = diff(&p, &base, BaseMode::DiffBase, false).expect_err("refused");
    assert_eq!(
        e,
        "incompatible base: sample types differ (alloc_space/bytes inuse_space/bytes vs \
         alloc_space/bytes inuse_objects/count)"
    );
}

#[test]
fn no_mark_means_plain_total() {
    let p = profile(&[(vec![0], vec![-3, 2]), (vec![1], vec![4, 0])]);
    assert!(diff_base_marks(&p).is_none());
    assert_eq!(crate::analysis::totals::total(&p, 0), 7);
}
