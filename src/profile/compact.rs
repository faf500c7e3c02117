//! pprof's Merge of one profile as far as its samples go (what `go tool pprof` does to
//! every profile it reads, even a single one): samples with the same stack and the same
//! labels become one sample with their values summed, in the order each first appears,
//! and samples whose values are all zero are dropped. Stacks are compared the way pprof's
//! merge compares them — locations by content (mapping, address relative to the mapping,
//! function and line of each line, folded flag), functions by content — so two location
//! ids with the same content are the same frame.
//!
//! Reports that add values up (top, peek, list, trees) do not need it; a report that
//! prints samples one by one (`-traces`) does.

use std::borrow::Cow;
use std::collections::HashMap;

use super::model::Profile;
pub use super::sample_groups::Groups;
use super::sample_groups::{combined, group};

/// pprof's mapping key: size rounded up to 4 KiB, offset, build id else file.
type MappingKey = (u64, u64, String);
/// pprof's location key: canonical mapping, address relative to the mapping start,
/// (canonical function, line) of every line, folded flag.
type LocationKey = (Option<u32>, u64, Vec<(Option<u32>, i64)>, bool);
/// A sample's identity: canonical locations, string labels and numeric labels, each
/// label list grouped by key (values in their order) and sorted by key.
type SampleKey = (Vec<u32>, Vec<(u32, Vec<u32>)>, Vec<(u32, Vec<(i64, u32)>)>);

/// Canonical ids of locations (equal content, equal id), by location index.
fn canonical_locations(p: &Profile) -> Vec<u32> {
    let mut functions: HashMap<&super::model::Function, u32> = HashMap::new();
    let function_ids: Vec<u32> = p
        .functions
        .iter()
        .map(|f| {
            let next = functions.len() as u32;
            *functions.entry(f).or_insert(next)
        })
        .collect();
    let mut mappings: HashMap<MappingKey, u32> = HashMap::new();
    let mapping_ids: Vec<u32> = p
        .mappings
        .iter()
        .map(|m| {
            const ROUNDING: u64 = 0x1000;
            let size = m.limit.wrapping_sub(m.start).wrapping_add(ROUNDING - 1);
            let size = size - size % ROUNDING;
            let id = if m.build_id.is_empty() {
                m.file.clone()
            } else {
                m.build_id.clone()
            };
            let next = mappings.len() as u32;
            *mappings.entry((size, m.offset, id)).or_insert(next)
        })
        .collect();
    let mut locations: HashMap<LocationKey, u32> = HashMap::new();
    (0..p.locations.len())
        .map(|i| {
            let l = &p.locations[i];
            let (mapping, address) = match l.mapping {
                Some(m) => (
                    Some(mapping_ids[m as usize]),
                    l.address.wrapping_sub(p.mappings[m as usize].start),
                ),
                None => (None, l.address),
            };
            let lines = p
                .location_lines(i as u32)
                .iter()
                .map(|ln| (function_ids.get(ln.function as usize).copied(), ln.line))
                .collect();
            let next = locations.len() as u32;
            *locations
                .entry((mapping, address, lines, l.is_folded))
                .or_insert(next)
        })
        .collect()
}

/// Canonical string ids: the first id holding the same text.
fn canonical_strings(p: &Profile) -> Vec<u32> {
    let mut first: HashMap<&str, u32> = HashMap::with_capacity(p.strings.len());
    (0..p.strings.len() as u32)
        .map(|i| *first.entry(p.strings[i as usize].as_str()).or_insert(i))
        .collect()
}

/// The key of sample `i` over canonical location ids `locs` and string ids `strs`.
fn sample_key(p: &Profile, i: usize, locs: &[u32], text: &[u32]) -> SampleKey {
    let t = |id: u32| text.get(id as usize).copied().unwrap_or(id);
    let mut strs: Vec<(u32, Vec<u32>)> = Vec::new();
    let mut nums: Vec<(u32, Vec<(i64, u32)>)> = Vec::new();
    for l in p.samples.labels(i) {
        let key = t(l.key);
        if l.str != 0 {
            match strs.iter_mut().find(|(k, _)| *k == key) {
                Some((_, v)) => v.push(t(l.str)),
                None => strs.push((key, vec![t(l.str)])),
            }
        } else if l.num != 0 || l.unit != 0 {
            match nums.iter_mut().find(|(k, _)| *k == key) {
                Some((_, v)) => v.push((l.num, t(l.unit))),
                None => nums.push((key, vec![(l.num, t(l.unit))])),
            }
        }
    }
    strs.sort_unstable();
    nums.sort_unstable();
    (
        p.samples
            .locations(i)
            .iter()
            .map(|&l| locs[l as usize])
            .collect(),
        strs,
        nums,
    )
}

/// The groups of `p`'s samples pprof's merge makes (see [`compact`]).
pub fn groups(p: &Profile) -> Groups {
    let locs = canonical_locations(p);
    let text = canonical_strings(p);
    group(&p.samples, |i| sample_key(p, i, &locs, &text))
}

/// `p` with identical samples merged and all-zero samples dropped, as pprof's Merge
/// leaves a profile (see the module documentation); `p` itself when nothing changes.
pub fn compact(p: &Profile) -> Cow<'_, Profile> {
    let g = groups(p);
    if g.is_identity(p.samples.len()) {
        return Cow::Borrowed(p);
    }
    Cow::Owned(Profile {
        samples: combined(&p.samples, &g),
        ..p.clone()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::{Label, Location};

    fn names() -> Vec<String> {
        ["main", "a", "b"].map(String::from).to_vec()
    }

    #[test]
    fn identical_samples_are_summed_and_zero_samples_dropped() {
        let stacks = [
            (vec![1, 0], vec![1, 10]),
            (vec![2, 0], vec![0, 0]),
            (vec![2, 0], vec![2, 20]),
            (vec![1, 0], vec![3, 30]),
        ];
        let p = Profile::synthetic(&names(), &stacks, &[("n", "count"), ("v", "bytes")]);
        let c = compact(&p);
        assert_eq!(c.samples.len(), 2);
        assert_eq!(c.samples.values(0), [4, 40]);
        assert_eq!(c.samples.locations(0), [1, 0]);
        assert_eq!(c.samples.values(1), [2, 20]);
    }

    #[test]
    fn a_profile_without_duplicates_is_borrowed() {
        let stacks = [(vec![1, 0], vec![1]), (vec![2, 0], vec![2])];
        let p = Profile::synthetic(&names(), &stacks, &[("n", "count")]);
        assert!(matches!(compact(&p), Cow::Borrowed(_)));
    }

    #[test]
    fn labels_and_location_content_decide_identity() {
        let mut p = Profile::synthetic(&names(), &[], &[("n", "count")]);
        p.strings = ["", "k", "x", "y"].map(String::from).to_vec().into();
        // Location 3 has the same content as location 1.
        let copy = Location {
            lines: p.locations[1].lines,
            ..p.locations[1].clone()
        };
        p.locations.push(copy);
        let l = |s| Label {
            key: 1,
            str: s,
            num: 0,
            unit: 0,
        };
        p.samples.push(&[1, 0], &[1], &[l(2)]);
        p.samples.push(&[3, 0], &[2], &[l(2)]);
        p.samples.push(&[1, 0], &[4], &[l(3)]);
        p.samples.push(&[1, 0], &[8], &[]);
        let c = compact(&p);
        let values: Vec<i64> = (0..c.samples.len())
            .map(|i| c.samples.values(i)[0])
            .collect();
        assert_eq!(values, [3, 4, 8]);
    }

    #[test]
    fn sums_that_cancel_are_dropped() {
        let stacks = [
            (vec![1, 0], vec![5]),
            (vec![1, 0], vec![-5]),
            (vec![2], vec![1]),
        ];
        let p = Profile::synthetic(&names(), &stacks, &[("n", "count")]);
        let c = compact(&p);
        assert_eq!(c.samples.len(), 1);
        assert_eq!(c.samples.locations(0), [2]);
    }
}
