//! The stack transforms (collapse_recursion direct/indirect, collapse_package) on random
//! recursive profiles — locations with inlined lines, functions of a few packages —
//! against their definitions: samples and totals unchanged, the leaf kept, no adjacent
//! repeated function after a direct collapse, no function twice on a stack after an
//! indirect one, the stacks equal to a brute-force reading of the definition, idempotent,
//! every function's flat and cum unchanged by a direct collapse, node tables restricted
//! from the unfiltered profile naming every location as a fresh table does.

use memprof_tui::analysis::filter::{FilterKind, Filters, filter_profile, restrict_table};
use memprof_tui::analysis::top::top;
use memprof_tui::analysis::{Granularity, NodeTable, ReportOptions};
use memprof_tui::profile::{Function, Line, Location, Profile, Samples, ValueType};
use proptest::prelude::*;

/// Function names: Go packages, a C function, C++ namespaces.
const NAMES: [&str; 8] = [
    "main.main",
    "net/http.serve",
    "net/http.read",
    "main.handle",
    "encoding/json.Marshal",
    "malloc",
    "std::vec::push",
    "std::mem::swap",
];

/// A profile whose locations are lists of function indices (innermost first) and whose
/// samples are lists of location indices (leaf first) with two values each.
fn profile(locations: &[Vec<u32>], samples: &[(Vec<u32>, i64)]) -> Profile {
    let mut p = Profile::empty(vec![
        ValueType {
            ty: "count".into(),
            unit: "count".into(),
        },
        ValueType {
            ty: "space".into(),
            unit: "bytes".into(),
        },
    ]);
    p.functions = NAMES
        .iter()
        .map(|n| Function {
            name: n.to_string(),
            system_name: n.to_string(),
            filename: format!("{n}.go"),
            start_line: 1,
        })
        .collect();
    for (i, funcs) in locations.iter().enumerate() {
        let start = p.lines.len() as u32;
        for (k, &f) in funcs.iter().enumerate() {
            p.lines.push(Line {
                function: f,
                line: 10 + k as i64,
                column: 0,
            });
        }
        p.locations.push(Location {
            mapping: None,
            address: 0x1000 + i as u64,
            lines: (start, p.lines.len() as u32),
            is_folded: false,
        });
    }
    p.samples = Samples::new(2);
    for (locs, v) in samples {
        p.samples.push(locs, &[1, *v], &[]);
    }
    p
}

fn profiles() -> impl Strategy<Value = Profile> {
    let locations =
        proptest::collection::vec(proptest::collection::vec(0..NAMES.len() as u32, 1..3), 1..8);
    locations.prop_flat_map(|locs| {
        let n = locs.len() as u32;
        let sample = (proptest::collection::vec(0..n, 1..14), 1i64..1000);
        (Just(locs), proptest::collection::vec(sample, 1..20))
            .prop_map(|(locs, samples)| profile(&locs, &samples))
    })
}

/// The frames of sample `s` as (function name, line), leaf first.
fn frames(p: &Profile, s: usize) -> Vec<(String, i64)> {
    let mut out = Vec::new();
    for &loc in p.samples.locations(s) {
        for l in p.location_lines(loc) {
            out.push((p.functions[l.function as usize].name.clone(), l.line));
        }
    }
    out
}

fn names(p: &Profile, s: usize) -> Vec<String> {
    frames(p, s).into_iter().map(|(n, _)| n).collect()
}

/// Every sample's values, in order.
fn values_of(p: &Profile) -> Vec<&[i64]> {
    (0..p.samples.len()).map(|i| p.samples.values(i)).collect()
}

/// Every sample's locations, in order.
fn locations_of(p: &Profile) -> Vec<&[u32]> {
    (0..p.samples.len())
        .map(|i| p.samples.locations(i))
        .collect()
}

fn with(kind: FilterKind, text: &str) -> Filters {
    let mut f = Filters::default();
    f.set(kind, text).expect("valid");
    f
}

/// Direct recursion by definition: consecutive equal names, the first (innermost) kept.
fn direct(v: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for n in v {
        if out.last() != Some(n) {
            out.push(n.clone());
        }
    }
    out
}

/// Indirect recursion by definition: from the root, a name met again cuts back to it.
fn indirect(v: &[String]) -> Vec<String> {
    let mut kept: Vec<String> = Vec::new();
    for n in v.iter().rev() {
        if let Some(i) = kept.iter().position(|k| k == n) {
            kept.truncate(i);
        }
        kept.push(n.clone());
    }
    kept.reverse();
    kept
}

/// (name, flat, cum) of every function, sorted by name.
fn table(p: &Profile) -> Vec<(String, i64, i64)> {
    let mut rows: Vec<(String, i64, i64)> = top(p, &ReportOptions::untrimmed(1))
        .rows
        .into_iter()
        .map(|r| (r.name, r.flat, r.cum))
        .collect();
    rows.sort();
    rows
}

/// Every location of `out` is named alike by the restricted table and a fresh one.
fn tables_agree(p: &Profile, out: &Profile) -> Result<(), TestCaseError> {
    for g in [
        Granularity::Functions,
        Granularity::Lines,
        Granularity::Addresses,
    ] {
        let t = NodeTable::build(p, g, "", "", false);
        let restricted = restrict_table(&t, p, out);
        let fresh = NodeTable::build(out, g, "", "", false);
        for loc in 0..out.locations.len() as u32 {
            let name = |t: &NodeTable| -> Vec<String> {
                t.nodes_of(loc)
                    .iter()
                    .map(|&n| t.infos[n as usize].printable_name())
                    .collect()
            };
            prop_assert_eq!(name(&restricted), name(&fresh), "{:?} {}", g, loc);
        }
    }
    Ok(())
}

/// What no transform changes: samples and values; and the tables agree.
fn invariants(p: &Profile, out: &Profile) -> Result<(), TestCaseError> {
    prop_assert_eq!(out.samples.len(), p.samples.len());
    prop_assert_eq!(values_of(out), values_of(p));
    tables_agree(p, out)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn direct_recursion(p in profiles()) {
        let (out, _) = filter_profile(&p, &with(FilterKind::CollapseRecursion, "direct"));
        invariants(&p, &out)?;
        for s in 0..p.samples.len() {
            let got = names(&out, s);
            prop_assert_eq!(&got, &direct(&names(&p, s)));
            prop_assert!(got.windows(2).all(|w| w[0] != w[1]), "adjacent repeat {:?}", got);
            prop_assert_eq!(frames(&out, s)[0].clone(), frames(&p, s)[0].clone());
        }
        // The same functions on every stack: flat and cum unchanged.
        prop_assert_eq!(table(&out), table(&p));
        let (again, _) = filter_profile(&out, &with(FilterKind::CollapseRecursion, "direct"));
        prop_assert_eq!(locations_of(&again), locations_of(&out), "idempotent");
    }

    #[test]
    fn indirect_recursion(p in profiles()) {
        let (out, _) = filter_profile(&p, &with(FilterKind::CollapseRecursion, "indirect"));
        invariants(&p, &out)?;
        for s in 0..p.samples.len() {
            let got = names(&out, s);
            prop_assert_eq!(&got, &indirect(&names(&p, s)));
            let mut seen = std::collections::HashSet::new();
            prop_assert!(got.iter().all(|n| seen.insert(n)), "twice on {:?}", got);
            prop_assert_eq!(frames(&out, s)[0].clone(), frames(&p, s)[0].clone());
            prop_assert_eq!(got.last().cloned(), names(&p, s).last().cloned(), "root kept");
        }
        // Functions only leave stacks: flat unchanged, cum never larger.
        let before = table(&p);
        for (name, flat, cum) in table(&out) {
            let (_, f0, c0) = before.iter().find(|r| r.0 == name).expect("known").clone();
            prop_assert_eq!(flat, f0, "{}", name);
            prop_assert!(cum <= c0, "{}", name);
        }
        let (again, _) = filter_profile(&out, &with(FilterKind::CollapseRecursion, "indirect"));
        prop_assert_eq!(locations_of(&again), locations_of(&out), "idempotent");
    }

    #[test]
    fn package_collapse(p in profiles(), re in prop_oneof![Just("^net/http$"), Just("^(std|main)$"), Just("json")]) {
        let (out, _) = filter_profile(&p, &with(FilterKind::CollapsePackage, re));
        invariants(&p, &out)?;
        let pat = regex::Regex::new(re).expect("regex");
        let pkg = |n: &str| {
            memprof_tui::analysis::filter::package_of(n)
                .filter(|(k, _)| pat.is_match(k))
                .map(|(_, c)| c)
        };
        for s in 0..p.samples.len() {
            // By definition: each name becomes its package's frame, runs of one collapse.
            let mut want: Vec<String> = Vec::new();
            for n in names(&p, s) {
                match pkg(&n) {
                    Some(c) if want.last() == Some(&c) => {}
                    Some(c) => want.push(c),
                    None => want.push(n),
                }
            }
            prop_assert_eq!(names(&out, s), want);
        }
        // A function outside the packages keeps its flat; a package's frame has the flat
        // of its functions.
        let before = table(&p);
        let after = table(&out);
        for (name, flat, _) in &before {
            match pkg(name) {
                None => {
                    let row = after.iter().find(|r| &r.0 == name).expect("kept");
                    prop_assert_eq!(row.1, *flat, "{}", name);
                }
                Some(c) => {
                    let sum: i64 = before.iter().filter(|r| pkg(&r.0).as_ref() == Some(&c)).map(|r| r.1).sum();
                    let row = after.iter().find(|r| r.0 == c).expect("collapsed frame");
                    prop_assert_eq!(row.1, sum, "{}", c);
                }
            }
        }
        let (again, _) = filter_profile(&out, &with(FilterKind::CollapsePackage, re));
        let stacks = |p: &Profile| (0..p.samples.len()).map(|s| names(p, s)).collect::<Vec<_>>();
        prop_assert_eq!(stacks(&again), stacks(&out), "idempotent");
    }

    #[test]
    fn transforms_apply_after_the_filters(p in profiles()) {
        let mut both = with(FilterKind::Focus, "net/http");
        both.set(FilterKind::CollapseRecursion, "indirect").expect("valid");
        let (out, _) = filter_profile(&p, &both);
        let (focused, _) = filter_profile(&p, &with(FilterKind::Focus, "net/http"));
        let (then, _) = filter_profile(&focused, &with(FilterKind::CollapseRecursion, "indirect"));
        let stacks = |p: &Profile| (0..p.samples.len()).map(|s| names(p, s)).collect::<Vec<_>>();
        prop_assert_eq!(stacks(&out), stacks(&then));
        prop_assert_eq!(values_of(&out), values_of(&then));
    }
}
