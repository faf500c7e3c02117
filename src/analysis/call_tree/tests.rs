//! Values, laziness and searches of the call tree on a small profile.

use std::sync::Arc;

use super::*;
use crate::analysis::Granularity;
use crate::profile::Profile;

/// main → a → b (sample 5), main → a (sample 3), main → b → b (recursion, sample 2).
fn profile() -> (Arc<Profile>, NodeTable) {
    let names = ["main", "a", "b"].map(String::from);
    let stacks = [
        (vec![2, 1, 0], vec![5]),
        (vec![1, 0], vec![3]),
        (vec![2, 2, 0], vec![2]),
    ];
    let p = Arc::new(Profile::synthetic(&names, &stacks, &[("v", "count")]));
    let table = NodeTable::build(&p, Granularity::Functions, "", "", false);
    (p, table)
}

fn name(table: &NodeTable, t: &CallTree, n: TreeNodeId) -> String {
    table.infos[t.frame(n).expect("node").index()].name.clone()
}

#[test]
fn top_down_values() {
    let (p, table) = profile();
    let t = build(&p, &table, Direction::TopDown);
    assert_eq!(t.roots().count(), 1);
    let main = t.roots().next().expect("root");
    assert_eq!((t.flat(main, 0), t.cum(main, 0)), (0, 10));
    let kids = t.sorted_children(Some(main), 0);
    let names: Vec<String> = kids.iter().map(|&k| name(&table, &t, k)).collect();
    assert_eq!(names, ["a", "b"]);
    assert_eq!((t.flat(kids[0], 0), t.cum(kids[0], 0)), (3, 8));
    let bb = t.sorted_children(Some(kids[1]), 0);
    assert_eq!((t.cum(kids[1], 0), t.flat(bb[0], 0)), (2, 2));
}

#[test]
fn bottom_up_values() {
    let (p, table) = profile();
    let t = build(&p, &table, Direction::BottomUp);
    let roots = t.sorted_children(None, 0);
    let b = roots[0];
    assert_eq!(name(&table, &t, b), "b");
    assert_eq!((t.flat(b, 0), t.cum(b, 0)), (7, 7));
}

#[test]
fn nodes_are_made_when_asked_for() {
    let (p, table) = profile();
    let t = build(&p, &table, Direction::TopDown);
    assert_eq!(t.made(), 3, "the root and its children after building");
    assert!(!t.contains(TreeNodeId(3)));
    let main = TreeNodeId(0);
    assert_eq!(t.children(main).count(), 2);
    assert_eq!(t.made(), 3);
    let a = t.sorted_children(Some(main), 0)[0];
    assert_eq!(
        (name(&table, &t, a), t.children(a).count()),
        ("a".into(), 1)
    );
    assert_eq!(t.made(), 4);
    assert_eq!(
        t.node_ids().count(),
        5,
        "main, a, b, a→b, b→b and nothing more"
    );
}

#[test]
fn foreign_ids_read_as_absent() {
    let (p, table) = profile();
    let t = build(&p, &table, Direction::TopDown);
    let far = TreeNodeId(1_000);
    assert_eq!(
        (t.frame(far), t.parent(far), t.cum(far, 0)),
        (None, None, 0)
    );
    assert_eq!((t.flat(far, 0), t.children(far).count()), (0, 0));
    assert!(t.path(far).is_empty() && t.sorted_children(Some(far), 0).is_empty());
    assert_eq!(t.cum(TreeNodeId(0), 7), 0);
}

#[test]
fn heaviest_of_finds_the_heaviest_path_of_a_function() {
    let (p, table) = profile();
    let fid = |n: &str| FuncId(table.infos.iter().position(|i| i.name == n).expect(n) as u32);
    let t = build(&p, &table, Direction::TopDown);
    // b is under main → a (5) and main → b (2, with b → b under it, 2).
    let b = t.heaviest_of(fid("b"), 0).expect("b");
    assert_eq!(t.path(b), [fid("main"), fid("a"), fid("b")]);
    assert_eq!(t.heaviest_of(fid("b"), 0), Some(b), "the same node again");
    let up = build(&p, &table, Direction::BottomUp);
    // a is a root (3, sampled in a) and under b (5, called b).
    let a = up.heaviest_of(fid("a"), 0).expect("a");
    assert_eq!((up.path(a), up.cum(a, 0)), (vec![fid("b"), fid("a")], 5));
}
