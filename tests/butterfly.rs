//! The butterfly (callers and callees of one function, merged over its call sites):
//! its first level equals pprof's -peek — read from every peek golden of a profile
//! without filters, and against the peek report for every function of the testdata
//! profiles at two granularities — and every node equals a brute-force reading of its
//! definition on random recursive profiles with inlined frames.

mod common;
#[path = "support/goldens.rs"]
mod goldens;

use std::sync::Arc;

use memprof_tui::analysis::butterfly::{Butterfly, Half, Side};
use memprof_tui::analysis::call_paths::CallPaths;
use memprof_tui::analysis::filter::Pattern;
use memprof_tui::analysis::{FuncId, Granularity, NodeTable, ReportOptions, TreeNodeId, peek};
use memprof_tui::profile::{Function, Line, Location, Profile, Samples, ValueType};
use proptest::prelude::*;

/// One caller or callee: name, weight, inline.
type Edge = (String, i64, bool);

/// The first level of `half` for type `t`, sorted by name.
fn first_level(half: &Half, table: &NodeTable, t: usize) -> Vec<Edge> {
    let mut v: Vec<Edge> = half
        .sorted_children(half.root(), t)
        .into_iter()
        .map(|c| {
            let f = half.frame(c).expect("frame");
            (table.func_name(f), half.cum(c, t), half.is_inline(c, t))
        })
        .collect();
    v.sort();
    v
}

/// "12345B" (or "0") as bytes.
fn bytes(s: &str) -> i64 {
    s.trim_end_matches('B').parse().expect(s)
}

/// A matched function of a peek golden: flat, cum, callers, callees.
#[derive(Debug, Default)]
struct Block {
    name: String,
    flat: i64,
    cum: i64,
    callers: Vec<Edge>,
    callees: Vec<Edge>,
}

/// The blocks of pprof's -peek text (values printed with -unit=B).
fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut cur: Option<Block> = None;
    let mut seen_self = false;
    for line in text.lines() {
        if line.starts_with("-----") {
            out.extend(cur.take());
            cur = Some(Block::default());
            seen_self = false;
            continue;
        }
        let Some(b) = cur.as_mut() else { continue };
        if let Some((left, name)) = line.split_once(" |   ") {
            let weight = bytes(left.split_whitespace().next().expect("weight"));
            let inline = name.ends_with(" (inline)");
            let e = (
                name.trim_end_matches(" (inline)").to_string(),
                weight,
                inline,
            );
            if seen_self {
                b.callees.push(e);
            } else {
                b.callers.push(e);
            }
        } else if let Some((left, name)) = line.split_once("                | ") {
            let v: Vec<&str> = left.split_whitespace().collect();
            b.name = name.to_string();
            b.flat = bytes(v[0]);
            b.cum = bytes(v[3]);
            seen_self = true;
        }
    }
    out.extend(cur);
    out.retain(|b| !b.name.is_empty());
    for b in &mut out {
        b.callers.sort();
        b.callees.sort();
    }
    out
}

#[test]
fn first_level_equals_every_unfiltered_peek_golden() {
    common::utc();
    let mut n = 0;
    for g in goldens::manifest() {
        let plain = g.flags.iter().all(|f| {
            ![
                "-focus", "-ignore", "-hide", "-show", "-tag", "-prune", "-diff", "-base",
            ]
            .iter()
            .any(|p| f.starts_with(p))
        });
        if !g.flags.iter().any(|f| f == "-peek") || !plain || g.exit != "exit=0" {
            continue;
        }
        let p = common::profile(&g.profile);
        let t = g
            .flags
            .iter()
            .find_map(|f| f.strip_prefix("-sample_index="))
            .map(|s| p.sample_index_by_name(s).expect("type"))
            .unwrap_or_else(|| p.default_sample_index());
        let table = NodeTable::build(&p, Granularity::Functions, "", "", false);
        let paths = Arc::new(CallPaths::build(p.clone(), &table));
        let text = String::from_utf8(goldens::read_golden(&g.file)).expect("utf-8");
        let found = blocks(&text);
        assert!(!found.is_empty(), "{}", g.file);
        for b in found {
            let f = table
                .infos
                .iter()
                .position(|i| i.printable_name() == b.name)
                .expect(&b.name);
            let fly = Butterfly::build(paths.clone(), FuncId(f as u32));
            let callers = fly.half(Side::Callers);
            assert_eq!(
                callers.cum(callers.root(), t),
                b.cum,
                "{} {}",
                g.file,
                b.name
            );
            assert_eq!(
                callers.flat(callers.root(), t),
                b.flat,
                "{} {}",
                g.file,
                b.name
            );
            assert_eq!(
                first_level(callers, &table, t),
                b.callers,
                "{} callers of {}",
                g.file,
                b.name
            );
            let callees = fly.half(Side::Callees);
            assert_eq!(
                first_level(callees, &table, t),
                b.callees,
                "{} callees of {}",
                g.file,
                b.name
            );
            n += 1;
        }
    }
    assert!(n >= 18, "only {n} peeked functions");
}

/// Compares the butterfly of every function of `p` with the peek report, every type.
fn equals_peek_everywhere(p: &Arc<Profile>, g: Granularity) {
    let table = NodeTable::build(p, g, "", "", false);
    let paths = Arc::new(CallPaths::build(p.clone(), &table));
    let all = Pattern::new(".").expect("regex");
    for t in 0..p.sample_types.len() {
        let o = ReportOptions {
            granularity: g,
            ..ReportOptions::untrimmed(t)
        };
        let Ok(report) = peek(p, p, &o, &table, &all) else {
            continue;
        };
        for e in report.entries {
            let fly = Butterfly::build(paths.clone(), FuncId(e.node));
            let edges = |v: &[memprof_tui::analysis::peek::PeekEdge]| {
                let mut v: Vec<Edge> = v
                    .iter()
                    .map(|x| (x.name.clone(), x.weight, x.inline))
                    .collect();
                v.sort();
                v
            };
            let callers = fly.half(Side::Callers);
            assert_eq!(
                callers.cum(callers.root(), t),
                e.cum,
                "{} {g:?} {t}",
                e.name
            );
            assert_eq!(
                callers.flat(callers.root(), t),
                e.flat,
                "{} {g:?} {t}",
                e.name
            );
            assert_eq!(
                first_level(callers, &table, t),
                edges(&e.callers),
                "callers of {}",
                e.name
            );
            let callees = fly.half(Side::Callees);
            assert_eq!(
                first_level(callees, &table, t),
                edges(&e.callees),
                "callees of {}",
                e.name
            );
        }
    }
}

#[test]
fn first_level_equals_peek_for_every_function_of_the_testdata_profiles() {
    for name in [
        "kinds-heap.prof",
        "retain-mid.prof",
        "kinds-mutex.prof",
        "seed-cpu.prof",
    ] {
        let p = common::profile(name);
        equals_peek_everywhere(&p, Granularity::Functions);
        if name == "kinds-heap.prof" || name == "kinds-mutex.prof" {
            equals_peek_everywhere(&p, Granularity::Lines);
        }
    }
}

/// Random profiles: locations of 1–3 functions (inlined frames), stacks of up to 12
/// locations over 5 functions (recursion of every kind), two sample types.
fn profiles() -> impl Strategy<Value = Profile> {
    let locations = proptest::collection::vec(proptest::collection::vec(0u32..5, 1..4), 1..7);
    locations.prop_flat_map(|locs| {
        let n = locs.len() as u32;
        let sample = (proptest::collection::vec(0..n, 1..12), 0i64..100, 1i64..100);
        (Just(locs), proptest::collection::vec(sample, 1..16)).prop_map(|(locs, samples)| {
            let mut p = Profile::empty(vec![
                ValueType {
                    ty: "a".into(),
                    unit: "count".into(),
                },
                ValueType {
                    ty: "b".into(),
                    unit: "count".into(),
                },
            ]);
            p.functions = (0..5)
                .map(|i| Function {
                    name: format!("f{i}"),
                    system_name: String::new(),
                    filename: String::new(),
                    start_line: 0,
                })
                .collect();
            for funcs in &locs {
                let start = p.lines.len() as u32;
                for &f in funcs {
                    p.lines.push(Line {
                        function: f,
                        line: 1,
                        column: 0,
                    });
                }
                p.locations.push(Location {
                    mapping: None,
                    address: 0,
                    lines: (start, p.lines.len() as u32),
                    is_folded: false,
                });
            }
            p.samples = Samples::new(2);
            for (stack, a, b) in samples {
                p.samples.push(&stack, &[a, b], &[]);
            }
            p
        })
    })
}

/// The definition: anchors of `f` in `frames` (root first) and the sequence from each.
fn sequences(frames: &[u32], f: u32, side: Side) -> Vec<(Vec<u32>, bool)> {
    let mut out = Vec::new();
    for k in 0..frames.len() {
        if frames[k] != f {
            continue;
        }
        match side {
            Side::Callers if k == 0 || frames[k - 1] != f => {
                let own = frames[k..].iter().all(|&x| x == f);
                out.push((frames[..=k].iter().rev().copied().collect(), own));
            }
            Side::Callees if frames.get(k + 1) != Some(&f) => {
                out.push((frames[k..].to_vec(), false));
            }
            _ => {}
        }
    }
    out
}

fn check_half(half: &Half, paths: &CallPaths, f: u32, side: Side) -> Result<(), TestCaseError> {
    let mut prefixes = std::collections::HashSet::new();
    for i in 0..paths.len() {
        for (seq, _) in sequences(&paths.frames(i).iter().collect::<Vec<u32>>(), f, side) {
            for d in 1..=seq.len() {
                prefixes.insert(seq[..d].to_vec());
            }
        }
    }
    let nodes: Vec<TreeNodeId> = half.node_ids().collect();
    if prefixes.is_empty() {
        prop_assert_eq!(nodes.len(), 1);
        return Ok(());
    }
    prop_assert_eq!(nodes.len(), prefixes.len(), "one node per distinct prefix");
    for n in nodes {
        let path: Vec<u32> = half.path(n).iter().map(|x| x.0).collect();
        prop_assert!(prefixes.contains(&path), "{:?}", path);
        for t in 0..2 {
            let (mut cum, mut flat) = (0i64, 0i64);
            for i in 0..paths.len() {
                let seqs = sequences(&paths.frames(i).iter().collect::<Vec<u32>>(), f, side);
                let v = paths.values(i)[t];
                if seqs.iter().any(|(s, _)| s.starts_with(&path)) {
                    cum += v;
                }
                let own = seqs.iter().any(|(s, own)| match side {
                    Side::Callers => *own && s.starts_with(&path),
                    Side::Callees => *s == path,
                });
                if own {
                    flat += v;
                }
            }
            prop_assert_eq!(half.cum(n, t), cum, "cum of {:?}", path);
            prop_assert_eq!(half.flat(n, t), flat, "flat of {:?}", path);
        }
        prop_assert_eq!(half.find_path(&half.path(n)), Some(n));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn every_node_equals_its_definition_and_the_first_level_equals_peek(p in profiles()) {
        let p = Arc::new(p);
        let table = NodeTable::build(&p, Granularity::Functions, "", "", false);
        let paths = Arc::new(CallPaths::build(p.clone(), &table));
        for f in 0..table.infos.len() as u32 {
            let fly = Butterfly::build(paths.clone(), FuncId(f));
            check_half(fly.half(Side::Callers), &paths, f, Side::Callers)?;
            check_half(fly.half(Side::Callees), &paths, f, Side::Callees)?;
        }
        equals_peek_everywhere(&p, Granularity::Functions);
    }
}
