//! Selections of samples: what they read equals a copy, and what they own is only their
//! rows, ranges and written lists.

use super::*;

fn label(n: i64) -> Label {
    Label {
        key: 1,
        str: 0,
        num: n,
        unit: 0,
    }
}

/// Four samples: [0,1,2] (1), [3] (2), [4,5] (3), [] (4), with a label on the second.
fn columns() -> Samples {
    let mut c = SampleColumns::new(2);
    c.push(&[0, 1, 2], &[1, 10], &[]);
    c.push(&[3], &[2, 20], &[label(7)]);
    c.push(&[4, 5], &[3, 30], &[]);
    c.push(&[], &[4, 40], &[]);
    c.into()
}

/// Each sample's locations, values and labels, copied.
fn copied(s: &Samples) -> Vec<(Vec<u32>, Vec<i64>, Vec<Label>)> {
    (0..s.len())
        .map(|i| {
            (
                s.locations(i).to_vec(),
                s.values(i).to_vec(),
                s.labels(i).to_vec(),
            )
        })
        .collect()
}

#[test]
fn keeping_rows_owns_only_the_row_numbers() {
    let base = columns();
    let mut sel = base.select();
    sel.keep(1);
    sel.keep(2);
    let kept = sel.finish();
    assert_eq!(
        copied(&kept),
        [
            (vec![3], vec![2, 20], vec![label(7)]),
            (vec![4, 5], vec![3, 30], vec![]),
        ]
    );
    assert!(kept.shares_columns(&base));
    assert_eq!(kept.owned_bytes(), 2 * 4);
    assert!(base.owned_bytes() > 4 * 8 * 2);
}

#[test]
fn keeping_every_row_whole_is_the_same_columns() {
    let base = columns();
    let mut sel = base.select();
    (0..4).for_each(|i| sel.keep(i));
    let all = sel.finish();
    assert!(all.is_whole() && all.shares_columns(&base));
    assert_eq!(all.owned_bytes(), 0);
    assert_eq!(all, base);
}

#[test]
fn cut_stacks_are_ranges_of_the_shared_column() {
    let base = columns();
    let mut sel = base.select();
    sel.keep(0);
    sel.keep_part(2, 1..2);
    let cut = sel.finish();
    assert_eq!(cut.locations(0), [0, 1, 2]);
    assert_eq!(cut.locations(1), [5]);
    assert_eq!(cut.values(1), [3, 30]);
    assert!(cut.shares_columns(&base));
    assert_eq!(cut.owned_bytes(), 2 * 4 + 2 * 8);
    // A cut of a cut is still a range.
    let mut sel = cut.select();
    sel.keep_part(0, 0..2);
    let again = sel.finish();
    assert_eq!(copied(&again), [(vec![0, 1], vec![1, 10], vec![])]);
    assert_eq!(again.owned_bytes(), 4 + 8);
}

#[test]
fn written_stacks_are_owned_and_the_others_still_shared() {
    let base = columns();
    let mut sel = base.select();
    sel.keep_written(0, &[0, 2]);
    sel.keep(1);
    sel.keep_written(2, &[5]);
    let w = sel.finish();
    assert_eq!(
        copied(&w),
        [
            (vec![0, 2], vec![1, 10], vec![]),
            (vec![3], vec![2, 20], vec![label(7)]),
            (vec![5], vec![3, 30], vec![]),
        ]
    );
    assert!(w.shares_columns(&base));
    assert_eq!(w.owned_bytes(), 3 * 4 + 3 * 8 + 8 + 3 * 4);
    // Refining a refinement with written stacks: cut one written stack, write another.
    let mut sel = w.select();
    sel.keep_part(0, 1..2);
    sel.keep_written(1, &[9]);
    sel.keep(2);
    let again = sel.finish();
    assert_eq!(
        copied(&again),
        [
            (vec![2], vec![1, 10], vec![]),
            (vec![9], vec![2, 20], vec![label(7)]),
            (vec![5], vec![3, 30], vec![]),
        ]
    );
    // Without a new stack, the written lists are read where they are.
    let mut sel = w.select();
    sel.keep(2);
    let shared = sel.finish();
    assert_eq!(copied(&shared), [(vec![5], vec![3, 30], vec![])]);
}

#[test]
fn the_columns_of_a_refinement_can_be_made_its_own() {
    let base = columns();
    let mut sel = base.select();
    sel.keep_part(0, 0..1);
    sel.keep(3);
    let mut cut = sel.finish();
    let expected = copied(&cut);
    cut.columns_mut().values[0] = 99;
    assert!(!cut.shares_columns(&base) && cut.is_whole());
    assert_eq!(cut.values(0), [99, 10]);
    assert_eq!(copied(&cut)[1], expected[1]);
    assert_eq!(base.values(0), [1, 10]);
    assert_eq!(cut.into_columns().locs, [0]);
}

#[test]
fn equality_and_debug_read_the_samples_not_the_storage() {
    let base = columns();
    let mut sel = base.select();
    sel.keep_part(2, 0..2);
    let view = sel.finish();
    let mut own = SampleColumns::new(2);
    own.push(&[4, 5], &[3, 30], &[]);
    let own: Samples = own.into();
    assert_eq!(view, own);
    assert_eq!(format!("{view:?}"), format!("{own:?}"));
    assert_ne!(view, base);
}
