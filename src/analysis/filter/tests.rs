//! Unit tests of the filters on small hand-built profiles, mirroring the examples in
//! pprof's profile/filter.go and profile/prune.go.

use super::*;
use crate::analysis::Granularity;
use crate::analysis::nodes::NodeTable;
use crate::profile::{Function, Label, Line, Location, Mapping, ValueType};

/// A tiny profile builder: one sample type ("space", bytes).
struct B {
    p: Profile,
}

impl B {
    fn new() -> Self {
        Self {
            p: Profile {
                mappings: vec![Mapping {
                    start: 0,
                    limit: 0,
                    offset: 0,
                    file: "/bin/prog".into(),
                    build_id: String::new(),
                    ..Mapping::default()
                }]
                .into(),
                ..Profile::empty(vec![ValueType {
                    ty: "space".into(),
                    unit: "bytes".into(),
                }])
            },
        }
    }

    fn string(&mut self, s: &str) -> u32 {
        if let Some(i) = self.p.strings.iter().position(|x| x == s) {
            return i as u32;
        }
        self.p.strings.push(s.into());
        self.p.strings.len() as u32 - 1
    }

    fn func(&mut self, name: &str, file: &str) -> u32 {
        self.p.functions.push(Function {
            name: name.into(),
            system_name: name.into(),
            filename: file.into(),
            start_line: 0,
        });
        self.p.functions.len() as u32 - 1
    }

    /// A location whose lines are `funcs`, innermost first; `mapping` 0 is /bin/prog.
    fn loc(&mut self, funcs: &[u32], mapping: Option<u32>) -> u32 {
        let start = self.p.lines.len() as u32;
        for (i, &f) in funcs.iter().enumerate() {
            self.p.lines.push(Line {
                function: f,
                line: 10 + i as i64,
                column: 0,
            });
        }
        let address = 0x1000 + self.p.locations.len() as u64;
        self.p.locations.push(Location {
            mapping,
            address,
            lines: (start, self.p.lines.len() as u32),
            is_folded: false,
        });
        self.p.locations.len() as u32 - 1
    }

    /// A location with one line in a new function `name` (file "name.go").
    fn frame(&mut self, name: &str) -> u32 {
        let f = self.func(name, &format!("/src/{name}.go"));
        self.loc(&[f], Some(0))
    }

    fn sample(&mut self, locs: &[u32], v: i64) {
        self.p.samples.push(locs, &[v], &[]);
    }

    fn labelled(&mut self, locs: &[u32], v: i64, labels: &[(&str, &str, i64, &str)]) {
        let labels: Vec<Label> = labels
            .iter()
            .map(|&(k, s, n, u)| Label {
                key: self.string(k),
                str: self.string(s),
                num: n,
                unit: self.string(u),
            })
            .collect();
        self.p.samples.push(locs, &[v], &labels);
    }
}

fn filters(set: &[(FilterKind, &str)]) -> Filters {
    let mut f = Filters::default();
    for &(k, t) in set {
        f.set(k, t).unwrap();
    }
    f
}

/// Each sample of `p` as its frames' function names (leaf first, inlined innermost
/// first) and its value.
fn stacks(p: &Profile) -> Vec<(Vec<String>, i64)> {
    (0..p.samples.len())
        .map(|s| {
            let names = p
                .samples
                .locations(s)
                .iter()
                .flat_map(|&l| p.location_lines(l))
                .map(|ln| p.functions[ln.function as usize].name.clone())
                .collect();
            (names, p.samples.values(s)[0])
        })
        .collect()
}

fn run(p: &Profile, set: &[(FilterKind, &str)]) -> (Vec<(Vec<String>, i64)>, FilterOutcome) {
    let (fp, o) = apply(p, &filters(set)).unwrap();
    (stacks(&fp), o)
}

fn st(names: &[&str], v: i64) -> (Vec<String>, i64) {
    (names.iter().map(|s| s.to_string()).collect(), v)
}

/// Samples main→a→leaf (10), main→b→leaf (20), main→b (5).
fn abc() -> Profile {
    let mut b = B::new();
    let main = b.frame("main.main");
    let a = b.frame("main.a");
    let bb = b.frame("pkg.b");
    let leaf = b.frame("runtime.mallocgc");
    b.sample(&[leaf, a, main], 10);
    b.sample(&[leaf, bb, main], 20);
    b.sample(&[bb, main], 5);
    b.p
}

#[test]
fn focus_keeps_whole_samples_with_a_matching_frame() {
    let (s, o) = run(&abc(), &[(FilterKind::Focus, r"main\.a")]);
    assert_eq!(
        s,
        vec![st(&["runtime.mallocgc", "main.a", "main.main"], 10)]
    );
    assert!(o.unmatched.is_empty());
    // Unanchored: "b" matches pkg.b, and "mallocgc"'s file name /src/runtime.mallocgc.go.
    let (s, _) = run(&abc(), &[(FilterKind::Focus, "pkg")]);
    assert_eq!(s.len(), 2);
}

#[test]
fn focus_matches_file_names_and_the_mapping_file() {
    let (s, _) = run(&abc(), &[(FilterKind::Focus, r"/src/pkg\.b\.go$")]);
    assert_eq!(s.len(), 2);
    // Every location is in /bin/prog.
    let (s, _) = run(&abc(), &[(FilterKind::Focus, "^/bin/prog$")]);
    assert_eq!(s.len(), 3);
}

#[test]
fn focus_that_matches_nothing_empties_the_profile_and_warns() {
    let (s, o) = run(&abc(), &[(FilterKind::Focus, "nomatch")]);
    assert!(s.is_empty());
    assert_eq!(o.unmatched, vec![FilterKind::Focus]);
    assert_eq!(o.warnings(), vec!["Focus expression matched no samples"]);
}

#[test]
fn ignore_drops_samples_and_wins_over_focus() {
    let (s, o) = run(&abc(), &[(FilterKind::Ignore, "^pkg")]);
    assert_eq!(
        s,
        vec![st(&["runtime.mallocgc", "main.a", "main.main"], 10)]
    );
    assert!(o.unmatched.is_empty());
    let (s, _) = run(
        &abc(),
        &[
            (FilterKind::Focus, "main"),
            (FilterKind::Ignore, r"main\.a"),
        ],
    );
    assert_eq!(s.len(), 2);
    assert!(s.iter().all(|(n, _)| !n.contains(&"main.a".to_string())));
    let (_, o) = run(&abc(), &[(FilterKind::Ignore, "nomatch")]);
    assert_eq!(o.unmatched, vec![FilterKind::Ignore]);
}

#[test]
fn hide_removes_frames_and_inlined_lines() {
    let mut b = B::new();
    let main = b.func("main.main", "/src/main.go");
    let inl = b.func("main.inl", "/src/main.go");
    let alloc = b.func("runtime.alloc", "/src/malloc.go");
    let l_inl = b.loc(&[inl, main], Some(0)); // main.inl inlined into main.main
    let l_alloc = b.loc(&[alloc], Some(0));
    b.sample(&[l_alloc, l_inl], 7);
    b.sample(&[l_alloc], 3);
    let (s, o) = run(&b.p, &[(FilterKind::Hide, "^runtime")]);
    // The sample with only hidden frames is gone.
    assert_eq!(s, vec![st(&["main.inl", "main.main"], 7)]);
    assert!(o.unmatched.is_empty());
    let (s, _) = run(&b.p, &[(FilterKind::Hide, r"main\.inl")]);
    assert_eq!(
        s,
        vec![
            st(&["runtime.alloc", "main.main"], 7),
            st(&["runtime.alloc"], 3)
        ]
    );
    // A matching mapping file hides the whole location.
    let (s, _) = run(&b.p, &[(FilterKind::Hide, "prog")]);
    assert!(s.is_empty());
    let (_, o) = run(&b.p, &[(FilterKind::Hide, "nomatch")]);
    assert_eq!(o.unmatched, vec![FilterKind::Hide]);
}

#[test]
fn show_keeps_only_matching_frames() {
    let (s, o) = run(&abc(), &[(FilterKind::Show, r"^main\.")]);
    assert_eq!(
        s,
        vec![
            st(&["main.a", "main.main"], 10),
            st(&["main.main"], 20),
            st(&["main.main"], 5)
        ]
    );
    assert!(o.unmatched.is_empty());
    let (s, o) = run(&abc(), &[(FilterKind::Show, "nomatch")]);
    assert!(s.is_empty());
    assert_eq!(o.unmatched, vec![FilterKind::Show]);
}

#[test]
fn hide_applies_before_show_and_focus_sees_the_original_frames() {
    let (s, _) = run(
        &abc(),
        &[
            (FilterKind::Focus, r"main\.a"),
            (FilterKind::Hide, r"main\.a"),
        ],
    );
    assert_eq!(s, vec![st(&["runtime.mallocgc", "main.main"], 10)]);
}

/// pprof's ShowFrom example: frames [A, B, C, B], A the root.
#[test]
fn show_from_cuts_above_the_outermost_match() {
    let mut b = B::new();
    let a = b.frame("A");
    let bb = b.frame("B");
    let c = b.frame("C");
    b.sample(&[bb, c, bb, a], 1);
    let cases: [(&str, &[&str]); 4] = [
        ("^A$", &["B", "C", "B", "A"]),
        ("^B$", &["B", "C", "B"]),
        ("^C$", &["B", "C"]),
        ("^D$", &[]),
    ];
    for (re, want) in cases {
        let (s, o) = run(&b.p, &[(FilterKind::ShowFrom, re)]);
        if want.is_empty() {
            assert!(s.is_empty());
            assert_eq!(o.unmatched, vec![FilterKind::ShowFrom]);
        } else {
            assert_eq!(s, vec![st(want, 1)], "{re}");
        }
    }
}

#[test]
fn show_from_drops_inlined_callers_above_the_match() {
    let mut b = B::new();
    let main = b.func("main.main", "/src/main.go");
    let mid = b.func("main.mid", "/src/main.go");
    let leaf = b.func("main.leaf", "/src/main.go");
    let l = b.loc(&[leaf, mid, main], Some(0));
    b.sample(&[l], 1);
    let (s, _) = run(&b.p, &[(FilterKind::ShowFrom, r"main\.mid")]);
    assert_eq!(s, vec![st(&["main.leaf", "main.mid"], 1)]);
}

/// pprof's PruneFrom example: [A, B, C, B, D], D the leaf.
#[test]
fn prune_from_cuts_below_the_innermost_match() {
    let mut b = B::new();
    let a = b.frame("A");
    let bb = b.frame("B");
    let c = b.frame("C");
    let d = b.frame("D");
    b.sample(&[d, bb, c, bb, a], 1);
    let (s, o) = run(&b.p, &[(FilterKind::PruneFrom, "^A$")]);
    assert_eq!(s, vec![st(&["A"], 1)]);
    assert!(o.unmatched.is_empty());
    let (s, _) = run(&b.p, &[(FilterKind::PruneFrom, "^B$")]);
    assert_eq!(s, vec![st(&["B", "C", "B", "A"], 1)]);
    // No match: unchanged, and pprof does not warn.
    let (s, o) = run(&b.p, &[(FilterKind::PruneFrom, "^X$")]);
    assert_eq!(s, vec![st(&["D", "B", "C", "B", "A"], 1)]);
    assert!(o.unmatched.is_empty());
}

#[test]
fn prune_from_matches_simplified_names_only() {
    let mut b = B::new();
    let main = b.func("main.main", "/src/main.go");
    let f = b.func("pkg.F(int)", "/src/pkg.go");
    let g = b.func("pkg.G", "/src/pkg.go");
    let lm = b.loc(&[main], Some(0));
    let lf = b.loc(&[f], Some(0));
    let lg = b.loc(&[g], Some(0));
    b.sample(&[lg, lf, lm], 1);
    // "$" after the simplified name "pkg.F": the argument list is cut first.
    let (s, _) = run(&b.p, &[(FilterKind::PruneFrom, r"^pkg\.F$")]);
    assert_eq!(s, vec![st(&["pkg.F(int)", "main.main"], 1)]);
    // File names are not considered.
    let (s, _) = run(&b.p, &[(FilterKind::PruneFrom, r"pkg\.go")]);
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].0.len(), 3);
}

#[test]
fn prune_from_keeps_the_matching_inlined_line_and_its_callers() {
    let mut b = B::new();
    let main = b.func("main.main", "/src/main.go");
    let mid = b.func("main.mid", "/src/main.go");
    let leaf = b.func("main.leaf", "/src/main.go");
    let l = b.loc(&[leaf, mid, main], Some(0));
    b.sample(&[l], 1);
    let (s, _) = run(&b.p, &[(FilterKind::PruneFrom, r"main\.mid")]);
    assert_eq!(s, vec![st(&["main.mid", "main.main"], 1)]);
}

#[test]
fn tag_ranges_parse_like_pprof() {
    let r = |s: &str| NumRange::parse(s).unwrap();
    assert_eq!(
        r("1kb:"),
        Some(NumRange {
            bounds: RangeBounds::AtLeast(1.0),
            unit: "kB".into()
        })
    );
    assert_eq!(r(":64b").unwrap().bounds, RangeBounds::AtMost(64.0));
    assert_eq!(r(":64b").unwrap().unit, "B");
    assert_eq!(r("704512b").unwrap().bounds, RangeBounds::Exactly(704512.0));
    assert_eq!(
        r("64b:1kb"),
        Some(NumRange {
            bounds: RangeBounds::Between(64.0, 1024.0),
            unit: "B".into()
        })
    );
    assert_eq!(
        r("1kb:2mb").unwrap().bounds,
        RangeBounds::Between(1.0, 2048.0)
    );
    assert_eq!(r(":64").unwrap().unit, "");
    assert_eq!(r("10ms:").unwrap().unit, "ms");
    // Not ranges: regular expressions.
    for s in [
        "foo",
        "1kb-2kb",
        "1kb:2s",
        "x1kb",
        "1kb::",
        "",
        "1kb:2kb:3kb",
    ] {
        assert_eq!(r(s), None, "{s}");
    }
    assert!(NumRange::parse("99999999999999999999b").is_err());
}

#[test]
fn tag_ranges_compare_in_the_ranges_unit() {
    let r = |s: &str| NumRange::parse(s).unwrap().unwrap();
    assert!(r("1kb:").contains(1024, "bytes"));
    assert!(!r("1kb:").contains(1023, "bytes"));
    assert!(r(":64b").contains(64, "bytes"));
    assert!(r("64b:1kb").contains(1024, "bytes"));
    assert!(!r("64b:1kb").contains(63, "bytes"));
    assert!(r("704512b").contains(704512, "bytes"));
    // A unitless number never matches a label in bytes…
    assert!(!r(":64").contains(1, "bytes"));
    // …but does match a label whose unit pprof does not know.
    assert!(r(":64").contains(1, "requests_inflight"));
    assert!(r("1s:").contains(2_000_000_000, "nanoseconds"));
}

#[test]
fn tag_focus_and_ignore_on_numeric_labels() {
    let mut b = B::new();
    let main = b.frame("main.main");
    b.labelled(&[main], 1, &[("bytes", "", 16, "")]);
    b.labelled(&[main], 2, &[("bytes", "", 2048, "")]);
    b.labelled(&[main], 4, &[]);
    let (s, o) = run(&b.p, &[(FilterKind::TagFocus, "bytes=1kb:")]);
    assert_eq!(s, vec![st(&["main.main"], 2)]);
    assert_eq!(
        o.notes,
        vec!["tagfocus:Interpreted '1kb:' as range, not regexp"]
    );
    assert!(o.unmatched.is_empty());
    // Without a key: any numeric label.
    let (s, _) = run(&b.p, &[(FilterKind::TagFocus, "1kb:")]);
    assert_eq!(s.len(), 1);
    let (s, _) = run(&b.p, &[(FilterKind::TagIgnore, "bytes=:64b")]);
    assert_eq!(s, vec![st(&["main.main"], 2), st(&["main.main"], 4)]);
    // Unitless: matches nothing (bytes have unit bytes).
    let (s, o) = run(&b.p, &[(FilterKind::TagFocus, "bytes=:64")]);
    assert!(s.is_empty());
    assert_eq!(o.unmatched, vec![FilterKind::TagFocus]);
    let (s, o) = run(&b.p, &[(FilterKind::TagIgnore, "bytes=:64")]);
    assert_eq!(s.len(), 3);
    assert_eq!(
        o.messages(),
        vec![
            "tagignore:Interpreted ':64' as range, not regexp",
            "TagIgnore expression matched no samples"
        ]
    );
    // Another key.
    let (s, _) = run(&b.p, &[(FilterKind::TagFocus, "other=1kb:")]);
    assert!(s.is_empty());
}

#[test]
fn tag_focus_on_string_labels() {
    let mut b = B::new();
    let main = b.frame("main.main");
    b.labelled(&[main], 1, &[("handler", "login", 0, "")]);
    b.labelled(
        &[main],
        2,
        &[("handler", "search", 0, ""), ("region", "eu", 0, "")],
    );
    b.labelled(&[main], 4, &[]);
    // key=re1,re2: any value of the key matches any regex.
    let (s, o) = run(&b.p, &[(FilterKind::TagFocus, "handler=^log,^sea")]);
    assert_eq!(s.len(), 2);
    assert!(o.notes.is_empty());
    // No key: every regex must match some "key:value".
    let (s, _) = run(&b.p, &[(FilterKind::TagFocus, "handler:,region:eu")]);
    assert_eq!(s, vec![st(&["main.main"], 2)]);
    let (s, _) = run(&b.p, &[(FilterKind::TagFocus, "^login$")]);
    assert!(s.is_empty());
    let (s, _) = run(&b.p, &[(FilterKind::TagIgnore, "region=eu")]);
    assert_eq!(s.len(), 2);
    assert!(Filters::default().set(FilterKind::TagFocus, "(").is_err());
}

#[test]
fn num_label_units_like_pprof() {
    let mut b = B::new();
    let main = b.frame("main.main");
    b.labelled(
        &[main],
        1,
        &[
            ("bytes", "", 1, ""),
            ("request", "", 1, ""),
            ("lat", "", 1, "ms"),
            ("n", "", 3, ""),
        ],
    );
    b.labelled(&[main], 1, &[("lat", "", 1, "s"), ("bytes", "", 1, "")]);
    let u = NumLabelUnits::of(&b.p);
    assert_eq!(u.unit("bytes"), "bytes");
    assert_eq!(u.unit("request"), "bytes");
    assert_eq!(u.unit("lat"), "ms");
    assert_eq!(u.unit("n"), "n");
    assert_eq!(
        u.conflict_messages(),
        vec!["For tag lat used unit ms, also encountered unit(s) s"]
    );
}

#[test]
fn samples_without_locations_go_even_without_filters() {
    let mut b = B::new();
    let main = b.frame("main.main");
    b.sample(&[main], 3);
    b.sample(&[], 5);
    let f = Filters {
        relative_percentages: true,
        ..Filters::default()
    };
    let (fp, o) = apply(&b.p, &f).unwrap();
    assert_eq!(stacks(&fp), vec![st(&["main.main"], 3)]);
    assert!(o.unmatched.is_empty());
    assert_eq!(percentage_total(&b.p, &fp, &f, 0), 3);
    assert_eq!(percentage_total(&b.p, &fp, &Filters::default(), 0), 8);
}

#[test]
fn legend_lists_filters_in_pprof_order_without_prune_from() {
    let f = filters(&[
        (FilterKind::PruneFrom, "x"),
        (FilterKind::TagIgnore, "bytes=:64b"),
        (FilterKind::Focus, r"^main\."),
        (FilterKind::ShowFrom, "y"),
    ]);
    assert_eq!(
        f.legend(),
        vec![
            "Active filters:",
            r"   focus=^main\.",
            "   show_from=y",
            "   tagignore=bytes=:64b"
        ]
    );
    assert!(Filters::default().legend().is_empty());
    let long = "a".repeat(100);
    let f = filters(&[(FilterKind::Hide, &long)]);
    assert_eq!(f.legend()[1], format!("   hide={}…", &long[..75]));
    assert!(!Filters::default().is_active());
    assert!(f.is_active());
}

#[test]
fn parse_reports_the_first_bad_regex_like_pprof() {
    let spec = FilterSpec {
        ignore: "(".into(),
        prune_from: "[".into(),
        ..FilterSpec::default()
    };
    let e = Filters::parse(&spec).unwrap_err();
    assert!(
        e.starts_with("parsing ignore regexp: error parsing regexp: "),
        "{e}"
    );
    let spec = FilterSpec {
        focus: "a".into(),
        tag_focus: "bytes=1kb:".into(),
        relative_percentages: true,
        ..FilterSpec::default()
    };
    let f = Filters::parse(&spec).unwrap();
    assert_eq!(f.get(FilterKind::Focus), Some("a"));
    assert_eq!(f.get(FilterKind::TagFocus), Some("bytes=1kb:"));
    assert_eq!(f.tag_focus.as_ref().unwrap().key(), "bytes");
    assert!(f.relative_percentages);
    assert_eq!(f.active(), vec!["focus=a", "tagfocus=bytes=1kb:"]);
}

#[test]
fn restricted_table_equals_a_rebuilt_one() {
    let mut b = B::new();
    let main = b.func("main.main", "/src/main.go");
    let inl = b.func("main.inl", "/src/main.go");
    let alloc = b.func("runtime.alloc", "/src/malloc.go");
    let l1 = b.loc(&[alloc, inl, main], Some(0));
    let l2 = b.loc(&[inl], None);
    b.sample(&[l1], 7);
    b.sample(&[l2, l1], 1);
    for set in [
        &[(FilterKind::Hide, r"main\.inl")][..],
        &[(FilterKind::Show, "main")],
        &[(FilterKind::ShowFrom, "inl")],
        &[(FilterKind::PruneFrom, "inl")],
    ] {
        let (fp, _) = apply(&b.p, &filters(set)).unwrap();
        for g in Granularity::ALL {
            let full = NodeTable::build(&b.p, g, "", "", false);
            let restricted = restrict_table(&full, &b.p, &fp);
            let rebuilt = NodeTable::build(&fp, g, "", "", false);
            for loc in 0..fp.locations.len() as u32 {
                if fp.location_lines(loc).is_empty() {
                    continue;
                }
                let a: Vec<&crate::analysis::NodeInfo> = restricted
                    .nodes_of(loc)
                    .iter()
                    .map(|&n| &restricted.infos[n as usize])
                    .collect();
                let b: Vec<&crate::analysis::NodeInfo> = rebuilt
                    .nodes_of(loc)
                    .iter()
                    .map(|&n| &rebuilt.infos[n as usize])
                    .collect();
                assert_eq!(a, b, "{set:?} {g:?} loc {loc}");
            }
        }
    }
}
