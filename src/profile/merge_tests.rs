//! pprof's Merge rules, one at a time.

use super::*;
use crate::profile::model::{Label, Location, Mapping};

const TYPES: [(&str, &str); 2] = [("alloc_space", "bytes"), ("inuse_space", "bytes")];

fn names(n: &[&str]) -> Vec<String> {
    n.iter().map(|s| s.to_string()).collect()
}

/// Functions a, b, c, one location each; the stacks given (leaf first).
fn profile(stacks: &[(Vec<u32>, Vec<i64>)]) -> Profile {
    Profile::synthetic(&names(&["a", "b", "c"]), stacks, &TYPES)
}

fn merged(ps: Vec<Profile>) -> Profile {
    merge(
        ps.into_iter()
            .enumerate()
            .map(|(i, p)| (format!("p{i}"), p))
            .collect(),
    )
    .expect("merge")
}

#[test]
fn identical_samples_are_summed_and_zero_sums_dropped_with_what_only_they_used() {
    let one = profile(&[(vec![0, 1], vec![5, 1]), (vec![2], vec![7, 0])]);
    let two = profile(&[(vec![0, 1], vec![3, 2]), (vec![2], vec![-7, 0])]);
    let m = merged(vec![one, two]);
    assert_eq!(m.samples.len(), 1);
    assert_eq!(m.samples.values(0), &[8, 3]);
    // "c" was named only by the sample that summed to zero: gone.
    let fs: Vec<&str> = m.functions.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(fs, ["a", "b"]);
    assert_eq!(m.locations.len(), 2);
}

#[test]
fn labels_tell_samples_apart_whatever_their_order() {
    let mut one = profile(&[(vec![0], vec![1, 1]), (vec![0], vec![2, 2])]);
    one.strings = names(&["", "k", "v", "w", "bytes"]).into();
    let l = |key, str, num, unit| Label {
        key,
        str,
        num,
        unit,
    };
    let c = one.samples.columns_mut();
    c.labels = vec![l(1, 2, 0, 0), l(4, 0, 64, 4), l(1, 3, 0, 0)];
    c.label_start = vec![0, 2, 3];
    let mut two = one.clone();
    // The same labels in the other order, and other strings ids for them.
    two.strings = names(&["", "bytes", "w", "v", "k"]).into();
    let c = two.samples.columns_mut();
    c.labels = vec![l(1, 0, 64, 1), l(4, 3, 0, 0), l(4, 2, 0, 0)];
    c.label_start = vec![0, 2, 3];
    let m = merged(vec![one, two]);
    assert_eq!(m.samples.len(), 2);
    assert_eq!(m.samples.values(0), &[2, 2]);
    assert_eq!(m.samples.values(1), &[4, 4]);
}

#[test]
fn a_binary_mapped_elsewhere_is_the_same_binary() {
    let with_mapping = |start: u64, build_id: &str| {
        let mut p = profile(&[(vec![0, 1], vec![1, 0])]);
        p.mappings = vec![Mapping {
            start,
            limit: start + 0x2800,
            offset: 0,
            file: "/bin/app".into(),
            build_id: build_id.into(),
            ..Mapping::default()
        }]
        .into();
        for (i, l) in p.locations.iter_mut().enumerate() {
            l.mapping = Some(0);
            l.address = start + 0x100 * (i as u64 + 1);
        }
        p
    };
    let m = merged(vec![
        with_mapping(0x40_0000, "abc"),
        with_mapping(0x7f00_0000, "abc"),
    ]);
    assert_eq!(m.mappings.len(), 1);
    assert_eq!(m.locations.len(), 2);
    assert_eq!(m.samples.len(), 1);
    assert_eq!(m.samples.values(0), &[2, 0]);
    assert_eq!(
        m.locations[0].address, 0x40_0100,
        "the first mapping's addresses"
    );
    // Another build id is another binary.
    let m = merged(vec![
        with_mapping(0x40_0000, "abc"),
        with_mapping(0x40_0000, "def"),
    ]);
    assert_eq!((m.mappings.len(), m.locations.len()), (2, 4));
}

#[test]
fn elements_come_in_the_order_samples_meet_them() {
    let one = profile(&[(vec![2], vec![1, 0])]);
    let two = profile(&[(vec![1, 0], vec![1, 0])]);
    let m = merged(vec![one, two]);
    let fs: Vec<&str> = m.functions.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(fs, ["c", "b", "a"]);
    assert_eq!(m.samples.locations(1), &[1, 2]);
    // Same name, other file: another function.
    let mut three = profile(&[(vec![0], vec![1, 0])]);
    three.functions[0].filename = "other.go".into();
    let m = merged(vec![profile(&[(vec![0], vec![1, 0])]), three]);
    assert_eq!(m.functions.len(), 2);
    // Same function and line, another column: the same location (pprof keys lines by
    // function and line).
    let mut four = profile(&[(vec![0], vec![1, 0])]);
    four.lines[0].column = 9;
    let m = merged(vec![profile(&[(vec![0], vec![1, 0])]), four]);
    assert_eq!((m.locations.len(), m.samples.len()), (1, 1));
    let _ = Location::clone(&m.locations[0]);
}

#[test]
fn headers_combine_like_pprof_including_its_chunks_of_64() {
    let at = |time: i64, comments: &[&str]| {
        let mut p = profile(&[(vec![0], vec![1, 0])]);
        p.time_nanos = time;
        p.duration_nanos = 10;
        p.period = time;
        p.comments = names(comments).into();
        p
    };
    let m = merged(vec![at(5, &["x", "y"]), at(3, &["y", "z"]), at(9, &[])]);
    assert_eq!((m.time_nanos, m.duration_nanos, m.period), (3, 30, 9));
    assert_eq!(*m.comments, ["x", "y", "z"]);
    // A zero time resets the earliest time, within a chunk and across chunks.
    assert_eq!(earliest([5, 0, 7].into_iter()), 7);
    let mut ps = vec![at(100, &[])];
    ps.extend((1..64).map(|_| at(200, &[])));
    ps.push(at(0, &[]));
    ps.push(at(300, &[]));
    // Chunk 1 gives 100; chunk 2 (0 then 300) gives 300; then earliest(100, 300).
    assert_eq!(merged(ps).time_nanos, 100);
}

#[test]
fn incompatible_profiles_are_refused_by_name() {
    let one = profile(&[(vec![0], vec![1, 0])]);
    let other = Profile::synthetic(&names(&["a"]), &[(vec![0], vec![1])], &[("cpu", "ns")]);
    let err =
        merge(vec![("a.prof".into(), one), ("b.prof".into(), other)]).expect_err("incompatible");
    assert!(
        err.contains("cannot merge b.prof with a.prof: sample types differ"),
        "{err}"
    );
}
