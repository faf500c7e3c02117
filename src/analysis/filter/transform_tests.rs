//! Unit tests of the stack transforms on small hand-made profiles.

use super::*;
use crate::analysis::filter::{FilterKind, Filters, filter_profile, restrict_table};
use crate::analysis::{Granularity, NodeTable};

/// The stacks of `p` as names, root first.
fn stacks(p: &Profile) -> Vec<Vec<String>> {
    (0..p.samples.len())
        .map(|s| {
            let mut names: Vec<String> = Vec::new();
            for &loc in p.samples.locations(s) {
                let lines = p.location_lines(loc);
                if lines.is_empty() {
                    names.push("?".into());
                }
                for l in lines {
                    names.push(p.functions[l.function as usize].name.clone());
                }
            }
            names.reverse();
            names
        })
        .collect()
}

/// A profile with one single-line location per name and one sample per stack of
/// names, root first.
fn profile(stacks: &[&[&str]]) -> Profile {
    let mut names: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for s in stacks {
        let mut ids: Vec<u32> = s
            .iter()
            .map(|n| match names.iter().position(|x| x == n) {
                Some(i) => i as u32,
                None => {
                    names.push(n.to_string());
                    names.len() as u32 - 1
                }
            })
            .collect();
        ids.reverse();
        out.push((ids, vec![1]));
    }
    Profile::synthetic(&names, &out, &[("v", "count")])
}

fn filters(kind: FilterKind, text: &str) -> Filters {
    let mut f = Filters::default();
    f.set(kind, text).expect("valid");
    f
}

fn names(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

#[test]
fn packages_of_go_java_cpp_and_rust_names() {
    let pkg = |n: &str| package_of(n).map(|(p, c)| (p.to_string(), c));
    let some = |p: &str, c: &str| Some((p.to_string(), c.to_string()));
    assert_eq!(
        pkg("net/http.(*conn).serve"),
        some("net/http", "net/http.*")
    );
    assert_eq!(pkg("main.(*Cache[...]).Put"), some("main", "main.*"));
    assert_eq!(pkg("main.main.func1"), some("main", "main.*"));
    assert_eq!(
        pkg("github.com/x/y.F[go.shape.int]"),
        some("github.com/x/y", "github.com/x/y.*")
    );
    assert_eq!(
        pkg("gopkg.in/yaml%2ev3.(*parser).parse"),
        some("gopkg.in/yaml%2ev3", "gopkg.in/yaml%2ev3.*")
    );
    assert_eq!(
        pkg("java/util/regex/Pattern$Slice.match"),
        some("java/util/regex", "java/util/regex.*")
    );
    assert_eq!(pkg("com.example.function1d"), some("com", "com.*"));
    assert_eq!(
        pkg("com.example.Foo.bar"),
        some("com.example", "com.example.*")
    );
    assert_eq!(
        pkg("System.Text.Encoding.GetBytes"),
        some("System", "System.*")
    );
    assert_eq!(pkg("runtime.mallocgc"), some("runtime", "runtime.*"));
    assert_eq!(pkg("main.Foo"), some("main", "main.*"));
    assert_eq!(
        pkg("encoding/json.Marshal"),
        some("encoding/json", "encoding/json.*")
    );
    assert_eq!(pkg("std::vector<int>::push_back"), some("std", "std::*"));
    assert_eq!(
        pkg("<alloc::vec::Vec<T> as core::ops::Drop>::drop"),
        some("alloc", "alloc::*")
    );
    assert_eq!(pkg("<usize as core::ops::arith::Rem>::rem"), None);
    assert_eq!(pkg("(anonymous namespace)::f"), None);
    assert_eq!(pkg("malloc"), None);
    assert_eq!(pkg("<module>"), None);
    assert_eq!(pkg("(idle)"), None);
    assert_eq!(pkg(".vtable stub"), None);
}

#[test]
fn direct_recursion_keeps_one_frame_per_run() {
    let p = profile(&[&["main", "f", "f", "f", "g", "g"], &["main", "f", "g", "f"]]);
    let (out, _) = filter_profile(&p, &filters(FilterKind::CollapseRecursion, "direct"));
    assert_eq!(
        stacks(&out),
        [names(&["main", "f", "g"]), names(&["main", "f", "g", "f"])]
    );
}

#[test]
fn indirect_recursion_cuts_back_to_the_first_occurrence() {
    let p = profile(&[
        &["main", "f", "g", "f", "h"],
        &["main", "f", "g", "h", "g", "f", "k"],
        &["main", "a", "b"],
    ]);
    let (out, _) = filter_profile(&p, &filters(FilterKind::CollapseRecursion, "indirect"));
    assert_eq!(
        stacks(&out),
        [
            names(&["main", "f", "h"]),
            names(&["main", "f", "k"]),
            names(&["main", "a", "b"])
        ]
    );
    // The third sample was untouched: its locations are the original ones.
    assert_eq!(out.samples.locations(2), p.samples.locations(2));
}

#[test]
fn package_runs_become_one_frame_and_take_their_flat() {
    let p = profile(&[
        &[
            "main.main",
            "net/http.a",
            "net/http.b",
            "main.serve",
            "net/http.a",
            "net/textproto.r",
        ],
        &["main.main", "net/http.b"],
    ]);
    let (out, outcome) = filter_profile(&p, &filters(FilterKind::CollapsePackage, "^net/"));
    assert!(outcome.unmatched.is_empty());
    assert_eq!(
        stacks(&out),
        [
            names(&[
                "main.main",
                "net/http.*",
                "main.serve",
                "net/http.*",
                "net/textproto.*"
            ]),
            names(&["main.main", "net/http.*"])
        ]
    );
    // One function per package, shared by every sample.
    assert_eq!(out.functions.len(), p.functions.len() + 2);
    let (_, outcome) = filter_profile(&p, &filters(FilterKind::CollapsePackage, "^nomatch$"));
    assert_eq!(outcome.unmatched, [FilterKind::CollapsePackage]);
    assert_eq!(
        outcome.warnings(),
        ["CollapsePackage expression matched no samples"]
    );
}

#[test]
fn packages_collapse_before_recursion() {
    let p = profile(&[&[
        "main.main",
        "net/http.a",
        "main.h",
        "net/http.b",
        "main.leaf",
    ]]);
    let mut f = filters(FilterKind::CollapsePackage, "^net/http$");
    f.set(FilterKind::CollapseRecursion, "indirect")
        .expect("valid");
    let (out, _) = filter_profile(&p, &f);
    assert_eq!(
        stacks(&out),
        [names(&["main.main", "net/http.*", "main.leaf"])]
    );
}

/// A location with lines `f` (inlined) into `f` into `g`: one location, two frames of f.
fn inlined_recursion() -> Profile {
    let mut p = profile(&[&["main", "g", "f"]]);
    // Location of f (index 2) gets a second line of f below it: f inlined into f.
    let f_line = p.lines[2];
    p.lines.push(f_line);
    p.lines.push(f_line);
    let start = p.lines.len() as u32 - 2;
    p.locations[2].lines = (start, start + 2);
    p
}

#[test]
fn a_location_that_loses_a_line_is_written_anew_and_node_ids_still_agree() {
    let p = inlined_recursion();
    let f = filters(FilterKind::CollapseRecursion, "direct");
    let (out, _) = filter_profile(&p, &f);
    assert_eq!(stacks(&out), [names(&["main", "g", "f"])]);
    assert_eq!(out.locations.len(), p.locations.len() + 1);
    let new = out.samples.locations(0)[0];
    assert_eq!(new as usize, p.locations.len());
    assert_eq!(out.location_lines(new).len(), 1);
    assert_eq!(out.locations[new as usize].address, p.locations[2].address);
    // The table restricted from the unfiltered one names every location like a fresh one.
    for g in Granularity::ALL {
        let table = NodeTable::build(&p, g, "", "", false);
        let restricted = restrict_table(&table, &p, &out);
        let fresh = NodeTable::build(&out, g, "", "", false);
        for loc in 0..out.locations.len() as u32 {
            let a: Vec<String> = restricted
                .nodes_of(loc)
                .iter()
                .map(|&n| restricted.infos[n as usize].printable_name())
                .collect();
            let b: Vec<String> = fresh
                .nodes_of(loc)
                .iter()
                .map(|&n| fresh.infos[n as usize].printable_name())
                .collect();
            assert_eq!(a, b, "{g:?} location {loc}");
        }
        // Ids of the unfiltered table are kept.
        assert_eq!(restricted.infos[..table.infos.len()], table.infos[..]);
    }
}

#[test]
fn transforms_are_filter_kinds_with_words_and_legend_lines() {
    let mut f = Filters::default();
    f.set(FilterKind::CollapseRecursion, "indirect")
        .expect("valid");
    f.set(FilterKind::CollapsePackage, "^runtime$")
        .expect("valid");
    f.set(FilterKind::Focus, "main").expect("valid");
    assert!(f.is_active() && f.transforms());
    assert_eq!(
        f.active(),
        [
            "focus=main",
            "collapse_package=^runtime$",
            "collapse_recursion=indirect"
        ]
    );
    assert!(f.set(FilterKind::CollapseRecursion, "sideways").is_err());
    f.set(FilterKind::CollapseRecursion, "").expect("clears");
    assert_eq!(f.collapse_recursion, None);
    assert_eq!(FilterKind::named("merge"), Some(FilterKind::Hide));
    assert_eq!(
        FilterKind::named("collapse_package"),
        Some(FilterKind::CollapsePackage)
    );
    assert_eq!(FilterKind::named("showfrom"), Some(FilterKind::ShowFrom));
    assert!(FilterKind::CollapsePackage.is_transform() && !FilterKind::Hide.is_transform());
}
