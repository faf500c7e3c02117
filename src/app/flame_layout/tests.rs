use std::sync::Arc;

use super::*;
use crate::analysis::call_tree::{Direction, build};
use crate::analysis::{Granularity, NodeTable};
use crate::profile::Profile;

/// A tree from (stack leaf first as indexes into `names`, value) pairs.
fn tree_of(names: &[&str], stacks: &[(Vec<u32>, i64)]) -> (CallTree, Vec<String>) {
    let names: Vec<String> = names.iter().map(|s| s.to_string()).collect();
    let stacks: Vec<(Vec<u32>, Vec<i64>)> =
        stacks.iter().map(|(s, v)| (s.clone(), vec![*v])).collect();
    let p = Arc::new(Profile::synthetic(
        &names,
        &stacks,
        &[("inuse_space", "bytes")],
    ));
    let table = NodeTable::build(&p, Granularity::Functions, "", "", false);
    let names = (0..names.len())
        .map(|i| table.func_name(crate::analysis::FuncId(i as u32)))
        .collect();
    (build(&p, &table, Direction::TopDown), names)
}

fn lay(
    tree: &CallTree,
    names: &[String],
    width: u16,
    height: u16,
    selected: Option<TreeNodeId>,
) -> FlameLayout {
    let name = |n: TreeNodeId| {
        tree.frame(n)
            .map(|f| names[f.index()].clone())
            .unwrap_or_default()
    };
    layout(&Input {
        tree,
        root: None,
        t: 0,
        width,
        height,
        selected,
        name: &name,
    })
}

/// The node of the path `frames` (function indexes, root first).
fn node(tree: &CallTree, frames: &[u32]) -> TreeNodeId {
    let path: Vec<_> = frames.iter().map(|&f| crate::analysis::FuncId(f)).collect();
    tree.find_path(&path).expect("path")
}

fn shape(l: &FlameLayout) -> Vec<(u16, u16, u16, &'static str)> {
    l.cells
        .iter()
        .map(|c| {
            let kind = match c.piece {
                Piece::Frame(_) => "frame",
                Piece::More { .. } => "more",
            };
            (c.row, c.x, c.width, kind)
        })
        .collect()
}

#[test]
fn a_diffs_growth_and_shrinkage_fit_under_their_caller() {
    // main → a grew by 10, main → b shrank by 8: main's net change is 2.
    let (tree, names) = tree_of(&["main", "a", "b"], &[(vec![1, 0], 10), (vec![2, 0], -8)]);
    let l = lay(&tree, &names, 36, 4, None);
    // Scale 36 / 18 columns: main spans both changes, a then b below it.
    assert_eq!(
        shape(&l),
        vec![
            (0, 0, 36, "frame"),
            (1, 0, 20, "frame"),
            (1, 20, 16, "frame")
        ]
    );
}

#[test]
fn narrow_siblings_become_one_block_with_nothing_below() {
    // main calls big (90) and ten small functions (1 each) that call deeper ones.
    let mut fnames = vec!["main".to_string(), "pkg.big".to_string()];
    let mut stacks = vec![(vec![1, 0], 90)];
    for i in 0..10u32 {
        fnames.push(format!("pkg.small{i}"));
        fnames.push(format!("pkg.leaf{i}"));
        stacks.push((vec![3 + 2 * i, 2 + 2 * i, 0], 1));
    }
    let refs: Vec<&str> = fnames.iter().map(String::as_str).collect();
    let (tree, names) = tree_of(&refs, &stacks);
    let l = lay(&tree, &names, 100, 6, None);
    // 100 columns for 100 units: big is 90 wide, the ten small ones 1 column each.
    assert_eq!(
        shape(&l),
        vec![
            (0, 0, 100, "frame"),
            (1, 0, 90, "frame"),
            (1, 90, 10, "more")
        ]
    );
    assert!(matches!(l.cells[2].piece, Piece::More { count: 10, .. }));
    // With a callee of a small one selected, the small one is drawn alone at the graph's
    // scale, between two blocks; below the marker, the selection spans the graph.
    let small = node(&tree, &[0, 6]);
    let leaf = node(&tree, &[0, 6, 7]);
    let l = lay(&tree, &names, 100, 10, Some(leaf));
    assert_eq!(l.window.marker_row(), Some(2));
    assert_eq!(l.magnified, 100.0);
    assert_eq!(
        shape(&l),
        vec![
            (0, 0, 100, "frame"),
            (1, 0, 90, "frame"),
            (1, 90, 2, "more"),
            (1, 92, 1, "frame"),
            (1, 93, 7, "more"),
            (3, 0, 100, "frame"),
        ]
    );
    assert_eq!(l.at(50, 3).and_then(FlameCell::node), Some(leaf));
    assert_eq!(l.at(92, 1).and_then(FlameCell::node), Some(small));
}

/// A chain main → f1 → … → f39, with a sibling at every depth.
fn deep_tree() -> (CallTree, Vec<String>) {
    let fnames: Vec<String> = (0..40).map(|i| format!("pkg.f{i}")).collect();
    let refs: Vec<&str> = fnames.iter().map(String::as_str).collect();
    let chain: Vec<u32> = (0..40).rev().collect();
    (tree_of(&refs, &[(chain, 100)]).0, fnames)
}

#[test]
fn a_deep_selection_keeps_the_top_rows_and_a_marker() {
    let (tree, names) = deep_tree();
    let frames: Vec<u32> = (0..31).collect();
    let deep = node(&tree, &frames); // depth 30
    let l = lay(&tree, &names, 40, 17, Some(deep));
    // 17 rows: 3 pinned (depths 0-2), the marker, then depths ending 3 below the
    // selection: 13 rows for depths 21..=33.
    assert_eq!(
        l.window,
        Window {
            rows: 17,
            pinned: 3,
            marker: true,
            tail: 21
        }
    );
    assert_eq!(l.window.hidden(), 3..21);
    assert_eq!(l.hidden_path.len(), 18);
    assert_eq!(l.above_marker, l.hidden_path.last().copied());
    assert_eq!(l.window.row_of(30), Some(13));
    assert_eq!(l.window.row_of(2), Some(2));
    assert_eq!(l.window.row_of(10), None);
    let rows: Vec<u16> = l.cells.iter().map(|c| c.row).collect();
    assert_eq!(
        rows,
        [0, 1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]
    );
    assert_eq!(l.at(0, 13).and_then(FlameCell::node), Some(deep));
    // Shallow enough: from the top, no marker.
    let shallow = node(&tree, &frames[..13]);
    let l = lay(&tree, &names, 40, 17, Some(shallow));
    assert!(!l.window.marker);
    assert_eq!(l.cells.len(), 17);
    // A leaf needs no callee rows: at depth 16 it is on the last row.
    let (tree, names) = tree_of(&["a", "b", "c"], &[(vec![2, 1, 0], 1)]);
    let leaf = node(&tree, &[0, 1, 2]);
    assert!(!lay(&tree, &names, 40, 3, Some(leaf)).window.marker);
}

#[test]
fn windows_at_every_height_show_the_selection_and_the_roots() {
    for h in 0..40u16 {
        for d in 0..60 {
            for deeper in [false, true] {
                let w = Window::new(h, Some(d), deeper, false);
                if h == 0 {
                    continue;
                }
                assert!(w.row_of(d).is_some(), "{h} {d} {w:?}");
                if h >= 3 {
                    assert_eq!(w.row_of(0), Some(0), "{h} {d} {w:?}");
                }
                let shown = (0..80).filter(|&x| w.row_of(x).is_some()).count();
                assert_eq!(
                    shown + usize::from(w.marker),
                    usize::from(h),
                    "{h} {d} {w:?}"
                );
                if w.marker {
                    assert!(w.hidden().len() >= 2, "{h} {d} {w:?}");
                }
            }
        }
    }
}

#[test]
fn cells_never_overlap_and_the_selection_is_always_drawn() {
    // A random-ish wide and deep tree: 300 stacks over 40 functions.
    let fnames: Vec<String> = (0..40).map(|i| format!("github.com/x/p{i}.F{i}")).collect();
    let refs: Vec<&str> = fnames.iter().map(String::as_str).collect();
    let mut seed = 7u64;
    let mut next = || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        seed >> 33
    };
    let stacks: Vec<(Vec<u32>, i64)> = (0..300)
        .map(|_| {
            let depth = 1 + next() % 25;
            let stack = (0..depth).map(|_| (next() % 40) as u32).collect();
            (stack, 1 + (next() % 1000) as i64)
        })
        .collect();
    let (tree, _) = tree_of(&refs, &stacks);
    let ids: Vec<TreeNodeId> = tree.node_ids().step_by(37).collect();
    for width in [1u16, 7, 40, 80, 161] {
        for height in [1u16, 2, 3, 5, 17, 41] {
            for &sel in &ids {
                let l = lay(&tree, &fnames, width, height, Some(sel));
                let mut end = (u16::MAX, 0u16);
                for c in &l.cells {
                    assert!(c.width >= 1 && c.x + c.width <= width, "{c:?}");
                    assert!(c.row < height, "{c:?}");
                    if end.0 == c.row {
                        assert!(c.x >= end.1, "overlap at {c:?}");
                    }
                    end = (c.row, c.x + c.width);
                }
                if tree.cum(sel, 0) != 0 {
                    assert!(
                        l.cells.iter().any(|c| c.node() == Some(sel)),
                        "{width}x{height} {sel:?} not drawn"
                    );
                }
            }
        }
    }
}

#[test]
fn a_deep_narrow_selection_is_drawn_with_its_callers() {
    // main → big (1000) and main → f1 → … → f30 (1).
    let mut fnames = vec!["main".to_string(), "big".to_string()];
    fnames.extend((1..=30).map(|i| format!("pkg.f{i}")));
    let refs: Vec<&str> = fnames.iter().map(String::as_str).collect();
    let chain: Vec<u32> = (2..32).rev().chain([0]).collect();
    let (tree, names) = tree_of(&refs, &[(vec![1, 0], 1000), (chain, 1)]);
    let path: Vec<u32> = [0].into_iter().chain(2..32).collect();
    let deep = node(&tree, &path);
    let l = lay(&tree, &names, 80, 17, Some(deep));
    assert!(l.window.marker);
    assert!(
        l.cells.iter().any(|c| c.node() == Some(deep)),
        "{:?}",
        shape(&l)
    );
}

#[test]
fn below_the_marker_the_selections_caller_spans_the_graph() {
    let mut fnames = vec!["main".to_string(), "big".to_string()];
    fnames.extend((1..=30).map(|i| format!("pkg.f{i}")));
    let refs: Vec<&str> = fnames.iter().map(String::as_str).collect();
    let chain: Vec<u32> = (2..32).rev().chain([0]).collect();
    let (tree, names) = tree_of(&refs, &[(vec![1, 0], 999), (chain, 1)]);
    let path: Vec<u32> = [0].into_iter().chain(2..32).collect();
    let deep = node(&tree, &path);
    let l = lay(&tree, &names, 80, 17, Some(deep));
    // A leaf: no callee rows, so depths 18..=30 below the marker, magnified 1000 times.
    assert_eq!(l.window.tail, 18);
    assert_eq!(l.magnified, 1000.0);
    let sel = l
        .cells
        .iter()
        .find(|c| c.node() == Some(deep))
        .expect("drawn");
    assert_eq!((sel.row, sel.x, sel.width), (16, 0, 80));
    // A click on the marker walks up to f17, the caller above the rows below it.
    assert_eq!(l.above_marker, Some(node(&tree, &path[..18])));
    // Above the marker, at the graph's scale: main, big and the path one column wide.
    assert_eq!(
        shape(&l)[..4],
        [
            (0, 0, 80, "frame"),
            (1, 0, 79, "frame"),
            (1, 79, 1, "frame"),
            (2, 79, 1, "frame")
        ]
    );
}
