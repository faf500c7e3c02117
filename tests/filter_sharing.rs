//! Refinements share the unfiltered profile's memory and read as a copy would: on
//! several testdata profiles and filter sets, the filtered profile reads the unfiltered
//! one's sample columns and tables (owning only its rows, ranges and the stacks it
//! wrote), and everything read from it — samples, each location's lines, top tables at
//! every granularity and sample type, call paths, the written-out profile — equals what
//! the filters made before by copying (tests/support/copying_filter.rs).

mod common;
#[path = "support/copying_filter.rs"]
mod copying_filter;

use std::sync::Arc;

use memprof_tui::analysis::call_paths::CallPaths;
use memprof_tui::analysis::filter::{
    FilterKind, Filters, NumLabelUnits, filter_profile, restrict_table,
};
use memprof_tui::analysis::top::{top, top_filtered};
use memprof_tui::analysis::{Granularity, NodeTable, ReportOptions};
use memprof_tui::profile::{Location, Profile, SampleColumns, encode_to_vec};

/// What a filter set may write beyond row numbers.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Writes {
    /// Only which rows are kept.
    Rows,
    /// Rows, and each stack's range of the shared location column.
    Ranges,
    /// Rows, ranges, and the stacks (and locations) it changes.
    Stacks,
}

/// `p` with every table and column its own (what a copy of it costs).
fn owned_copy(p: &Profile) -> Profile {
    let mut lines = Vec::new();
    let locations: Vec<Location> = (p.locations.iter().enumerate())
        .map(|(i, l)| {
            let start = lines.len() as u32;
            lines.extend_from_slice(p.location_lines(i as u32));
            Location {
                lines: (start, lines.len() as u32),
                ..l.clone()
            }
        })
        .collect();
    let mut samples = SampleColumns::new(p.samples.num_types());
    for s in 0..p.samples.len() {
        samples.push(
            p.samples.locations(s),
            p.samples.values(s),
            p.samples.labels(s),
        );
    }
    Profile {
        strings: p.strings.to_vec().into(),
        samples: samples.into(),
        locations: locations.into(),
        lines: lines.into(),
        functions: p.functions.to_vec().into(),
        mappings: p.mappings.to_vec().into(),
        comments: p.comments.to_vec().into(),
        ..p.clone()
    }
}

/// The functions with the most flat and the most cum (beyond the roots) of `p`'s
/// default sample type, as anchored patterns.
fn anchors(p: &Profile) -> (String, String) {
    let r = top(p, &ReportOptions::untrimmed(p.default_sample_index()));
    let exact = |name: &str| format!("^{}$", regex::escape(name));
    let by_flat = exact(&r.rows[0].name);
    let mut by_cum = r.rows.clone();
    by_cum.sort_by_key(|row| std::cmp::Reverse(row.cum.wrapping_abs()));
    let middle = by_cum.get(by_cum.len() / 3).unwrap_or(&r.rows[0]);
    (by_flat, exact(&middle.name))
}

/// A tag filter that some sample's first label matches (None without labels).
fn tag_of(p: &Profile) -> Option<String> {
    let l = (0..p.samples.len()).find_map(|s| p.samples.labels(s).first())?;
    let key = p.str(l.key);
    Some(if l.str != 0 {
        format!("{key}=^{}$", regex::escape(p.str(l.str)))
    } else {
        // At most this sample's number, in its key's unit ("bytes" → b).
        let unit = match NumLabelUnits::of(p).unit(key) {
            "bytes" => "b",
            other => other,
        }
        .to_string();
        format!("{key}=:{}{unit}", l.num)
    })
}

/// The filter sets tried on `p`, with what each may write.
fn filter_sets(p: &Profile) -> Vec<(Vec<(FilterKind, String)>, Writes)> {
    use FilterKind::*;
    let (leaf, middle) = anchors(p);
    let mut sets = vec![
        (vec![(Focus, leaf.clone())], Writes::Rows),
        (vec![(Ignore, leaf.clone())], Writes::Rows),
        (
            vec![(Focus, middle.clone()), (Ignore, leaf.clone())],
            Writes::Rows,
        ),
        (vec![(ShowFrom, middle.clone())], Writes::Ranges),
        (vec![(PruneFrom, middle.clone())], Writes::Ranges),
        (
            vec![
                (Focus, middle.clone()),
                (ShowFrom, middle.clone()),
                (PruneFrom, leaf.clone()),
            ],
            Writes::Ranges,
        ),
        (vec![(Hide, leaf.clone())], Writes::Stacks),
        (vec![(Show, "main|runtime".into())], Writes::Stacks),
        (
            vec![(Hide, "runtime".into()), (ShowFrom, middle.clone())],
            Writes::Stacks,
        ),
        (vec![(CollapseRecursion, "indirect".into())], Writes::Stacks),
        (
            vec![
                (CollapsePackage, "^runtime$".into()),
                (Focus, middle.clone()),
            ],
            Writes::Stacks,
        ),
        (
            vec![(Hide, leaf), (CollapseRecursion, "direct".into())],
            Writes::Stacks,
        ),
    ];
    if let Some(tag) = tag_of(p) {
        sets.push((vec![(TagFocus, tag.clone())], Writes::Rows));
        sets.push((vec![(TagIgnore, tag.clone())], Writes::Rows));
        sets.push((vec![(TagFocus, tag), (ShowFrom, middle)], Writes::Ranges));
    }
    sets
}

/// The rows of a top report without node ids (a restricted table keeps the unfiltered
/// ids, a rebuilt one numbers afresh).
type Rows = Vec<(String, &'static str, i64, i64, i64)>;

fn rows(r: &memprof_tui::analysis::top::TopReport) -> (Rows, Vec<String>) {
    let rows = (r.rows.iter())
        .map(|x| (x.name.clone(), x.inline, x.flat, x.cum, x.sum))
        .collect();
    (rows, r.labels.clone())
}

/// The sharing `writes` allows, checked on `f` refined from `p`.
fn assert_shares(p: &Profile, f: &Profile, writes: Writes, what: &str) {
    assert!(f.samples.shares_columns(&p.samples), "{what}: own columns");
    for (name, borrowed) in [
        ("strings", f.strings.is_borrowed()),
        ("mappings", f.mappings.is_borrowed()),
        ("comments", f.comments.is_borrowed()),
    ] {
        assert!(borrowed, "{what}: {name} copied");
    }
    let n = f.samples.len();
    let owned = f.samples.owned_bytes();
    match writes {
        Writes::Rows => {
            assert!(owned <= 4 * n, "{what}: {owned} bytes for {n} rows");
            assert!(f.shares_locations(p), "{what}: locations copied");
            assert!(f.functions.is_borrowed(), "{what}: functions copied");
            let tables = f.owned_bytes() - owned;
            assert!(tables < 4096, "{what}: {tables} bytes beside the rows");
        }
        Writes::Ranges => {
            assert!(owned <= 12 * n, "{what}: {owned} bytes for {n} ranges");
            assert!(f.lines.is_borrowed(), "{what}: lines copied");
            assert!(f.functions.is_borrowed(), "{what}: functions copied");
        }
        Writes::Stacks => {
            let columns = owned_copy(f).samples.owned_bytes();
            assert!(
                owned < columns || n == 0,
                "{what}: {owned} bytes, a copy {columns}"
            );
        }
    }
}

/// Everything read from `f` (`p` refined by `filters`) equals what the copying filter's
/// profile reads.
fn assert_reads_as_a_copy(p: &Profile, f: &Profile, filters: &Filters, what: &str) {
    let copy = copying_filter::filter_copy(p, filters);
    assert!(
        !copy.samples.shares_columns(&p.samples),
        "{what}: the reference shares"
    );
    assert_eq!(f.samples, copy.samples, "{what}: samples");
    assert_eq!(f.locations.len(), copy.locations.len(), "{what}: locations");
    for loc in 0..f.locations.len() as u32 {
        let (a, b) = (f.location_lines(loc), copy.location_lines(loc));
        assert_eq!(a, b, "{what}: lines of location {loc}");
    }
    assert_eq!(f.functions, copy.functions, "{what}: functions");
    assert_eq!(
        encode_to_vec(f),
        encode_to_vec(&copy),
        "{what}: written out"
    );
    for g in Granularity::ALL {
        let table = NodeTable::build(p, g, "", "", false);
        let restricted = restrict_table(&table, p, f);
        let rebuilt = NodeTable::build(&copy, g, "", "", false);
        for i in 0..p.sample_types.len() {
            let o = ReportOptions {
                filters: filters.clone(),
                ..ReportOptions::untrimmed(i)
            };
            let shared = top_filtered(p, f, &o, &restricted);
            let copied = top_filtered(p, &copy, &o, &rebuilt);
            assert_eq!(rows(&shared), rows(&copied), "{what}: top {g:?} {i}");
        }
        if g == Granularity::Functions {
            let a = CallPaths::build(Arc::new(f.clone()), &restricted);
            let b = CallPaths::build(Arc::new(copy.clone()), &restricted);
            assert_eq!(a.len(), b.len(), "{what}: paths");
            for k in 0..a.len() {
                assert!(
                    a.frames(k).iter().eq(b.frames(k).iter()),
                    "{what}: path {k}"
                );
                assert_eq!(a.values(k), b.values(k), "{what}: path {k}");
                let marks = |c: &CallPaths| {
                    (0..c.frames(k).len())
                        .map(|j| c.is_inline(k, j))
                        .collect::<Vec<_>>()
                };
                assert_eq!(marks(&a), marks(&b), "{what}: inline marks {k}");
            }
        }
    }
}

const PROFILES: [&str; 6] = [
    "seed-cpu.prof",
    "kinds-heap.prof",
    "retain-mid.prof",
    "realworld/go-cpu-labels.pb.gz",
    "realworld/java-alloc.pb.gz",
    "realworld/go-heap-nodeexp.pb.gz",
];

#[test]
fn refinements_share_the_profile_and_read_as_a_copy() {
    for name in PROFILES {
        let p = common::profile(name);
        for (set, writes) in filter_sets(&p) {
            let mut filters = Filters::default();
            for (kind, text) in &set {
                filters.set(*kind, text).expect("valid filter");
            }
            let what = format!("{name} {set:?}");
            let (f, _) = filter_profile(&p, &filters);
            assert!(f.samples.len() <= p.samples.len());
            assert_shares(&p, &f, writes, &what);
            assert_reads_as_a_copy(&p, &f, &filters, &what);
            // Refining a refinement: still the unfiltered profile's columns.
            let mut more = Filters::default();
            more.set(FilterKind::ShowFrom, &anchors(&p).1)
                .expect("valid");
            let (g, _) = filter_profile(&f, &more);
            assert!(
                g.samples.shares_columns(&p.samples),
                "{what}: refined twice"
            );
            assert_reads_as_a_copy(&f, &g, &more, &format!("{what} then show_from"));
        }
    }
}

#[test]
fn a_refinement_keeping_every_sample_whole_owns_nothing_of_them() {
    let p = common::profile("retain-mid.prof");
    assert!((0..p.samples.len()).all(|s| !p.samples.locations(s).is_empty()));
    let (f, _) = filter_profile(&p, &Filters::default());
    assert!(f.samples.is_whole() && f.samples.shares_columns(&p.samples));
    assert_eq!(f.samples.owned_bytes(), 0);
    // The unfiltered profile owns its columns and tables, whoever shares them.
    assert!(p.owned_bytes() > p.samples.len() * 8);
    assert!(p.owned_bytes() >= owned_copy(&p).owned_bytes() / 2);
    assert!(f.owned_bytes() < 1024, "{}", f.owned_bytes());
}
