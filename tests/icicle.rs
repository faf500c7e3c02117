//! What an icicle (the flame graph drawn bottom-up, roots where the cost was taken) needs
//! from the bottom-up call tree, which the flame layout reads as it reads the top-down
//! one: the roots are the functions samples were taken in, each as wide as pprof's flat
//! of it, together the total; every node's callers fit under it (in a diff, within the
//! growth and shrinkage through it); every function with a cost has a heaviest node, so the
//! selection follows from pane to pane in both directions.

mod common;

use std::collections::HashMap;

use memprof_tui::analysis::call_tree::{CallTree, Direction, build};
use memprof_tui::analysis::{FuncId, Granularity, NodeTable, ReportOptions, top};
use memprof_tui::input::load_with_bases;
use memprof_tui::profile::{BaseMode, Bases, Limits, Profile};

fn check(p: &std::sync::Arc<Profile>, g: Granularity) {
    let table = NodeTable::build(p, g, "", "", false);
    let tree = build(p, &table, Direction::BottomUp);
    for t in 0..p.sample_types.len() {
        let o = ReportOptions {
            granularity: g,
            ..ReportOptions::untrimmed(t)
        };
        let report = top(p, &o);
        let flat: HashMap<u32, i64> = report
            .rows
            .iter()
            .filter(|r| r.flat != 0)
            .map(|r| (r.node, r.flat))
            .collect();
        // Roots: one per function with a flat, as wide as its flat.
        let roots: HashMap<u32, i64> = tree
            .sorted_children(None, t)
            .into_iter()
            .map(|r| (tree.frame(r).expect("frame").0, tree.cum(r, t)))
            .collect();
        assert_eq!(roots, flat, "roots of type {t} at {g:?}");
        let total: i64 = (0..p.samples.len()).map(|s| p.samples.values(s)[t]).sum();
        assert_eq!(roots.values().sum::<i64>(), total);
        fits(&tree, t);
        // The linked selection: every function with a cost has a node to select.
        for r in report.rows.iter().filter(|r| r.cum != 0) {
            let n = tree.heaviest_of(FuncId(r.node), t);
            let n = n.unwrap_or_else(|| panic!("no node for {} ({t})", r.name));
            assert_eq!(tree.frame(n), Some(FuncId(r.node)));
        }
    }
}

/// Callers fit under their callee: by |cum|, or by the growth and shrinkage through each
/// node in a diff.
fn fits(tree: &CallTree, t: usize) {
    for n in tree.node_ids() {
        let below: i64 = tree.children(n).map(|c| tree.width(c, t)).sum();
        assert!(below <= tree.width(n, t), "callers wider than their callee");
        assert!(tree.width(n, t) >= tree.cum(n, t).abs());
        if !tree.has_negative(t) {
            assert_eq!(tree.width(n, t), tree.cum(n, t).abs());
        }
    }
}

#[test]
fn bottom_up_trees_are_ready_to_draw_as_icicles() {
    for name in [
        "kinds-heap.prof",
        "retain-mid.prof",
        "seed-cpu.prof",
        "kinds-block.prof",
    ] {
        let p = common::profile(name);
        check(&p, Granularity::Functions);
        check(&p, Granularity::Lines);
    }
}

#[test]
fn a_diffs_bottom_up_tree_holds_its_callers_in_its_widths() {
    common::utc();
    let path = |w: &str| {
        common::testdata(&format!("profiles/growth-{w}.prof"))
            .display()
            .to_string()
    };
    let bases = Bases {
        paths: vec![path("mid")],
        mode: BaseMode::DiffBase,
        normalize: false,
    };
    let p = load_with_bases(
        &[path("end")],
        Some(&bases),
        &Limits::default(),
        &Default::default(),
        &Default::default(),
    )
    .expect("diff")
    .profile;
    let p = std::sync::Arc::new(p);
    let table = NodeTable::build(&p, Granularity::Functions, "", "", false);
    let tree = build(&p, &table, Direction::BottomUp);
    let negative = (0..p.sample_types.len())
        .filter(|&t| tree.has_negative(t))
        .count();
    assert!(negative > 0, "a diff has shrinkage");
    for t in 0..p.sample_types.len() {
        fits(&tree, t);
    }
}
