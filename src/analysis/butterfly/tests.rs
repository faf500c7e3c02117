//! The butterfly on small hand-made profiles: recursion counted once per sample, the
//! anchors of direct and indirect recursion, flat of both halves, lazy children.

use super::*;
use crate::analysis::{Granularity, NodeTable};
use crate::profile::Profile;

/// A profile of single-line locations, one per name, and stacks given root first.
fn paths(stacks: &[(&[&str], i64)]) -> (Arc<CallPaths>, NodeTable) {
    let mut names: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for (s, v) in stacks {
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
        out.push((ids, vec![*v]));
    }
    let p = Arc::new(Profile::synthetic(&names, &out, &[("v", "count")]));
    let table = NodeTable::build(&p, Granularity::Functions, "", "", false);
    (Arc::new(CallPaths::build(p, &table)), table)
}

fn id(table: &NodeTable, name: &str) -> FuncId {
    FuncId(table.infos.iter().position(|i| i.name == name).expect(name) as u32)
}

/// (name, cum, flat) of the children of `n`, heaviest first.
fn level(h: &Half, table: &NodeTable, n: crate::analysis::TreeNodeId) -> Vec<(String, i64, i64)> {
    h.sorted_children(n, 0)
        .into_iter()
        .map(|c| {
            let f = h.frame(c).expect("frame");
            (table.func_name(f), h.cum(c, 0), h.flat(c, 0))
        })
        .collect()
}

fn s(name: &str, cum: i64, flat: i64) -> (String, i64, i64) {
    (name.to_string(), cum, flat)
}

#[test]
fn recursion_counts_each_sample_once_per_node() {
    let (p, table) = paths(&[
        (&["main", "f", "g", "f", "h"], 1),
        (&["main", "f", "f", "f"], 10),
        (&["main", "g", "f"], 100),
    ]);
    let b = Butterfly::build(p, id(&table, "f"));
    let callers = b.half(Side::Callers);
    let root = callers.root();
    assert_eq!((callers.cum(root, 0), callers.flat(root, 0)), (111, 110));
    // main calls f in the first two samples; g in the first and the third. f → f is
    // the same call site, never a caller of itself.
    assert_eq!(
        level(callers, &table, root),
        [s("g", 101, 100), s("main", 11, 10)]
    );
    let g = callers
        .find_path(&[id(&table, "f"), id(&table, "g")])
        .expect("f ← g");
    assert_eq!(
        level(callers, &table, g),
        [s("main", 100, 100), s("f", 1, 0)]
    );
    let callees = b.half(Side::Callees);
    let root = callees.root();
    assert_eq!((callees.cum(root, 0), callees.flat(root, 0)), (111, 110));
    assert_eq!(level(callees, &table, root), [s("g", 1, 0), s("h", 1, 1)]);
    let fg = callees.sorted_children(root, 0)[0];
    assert_eq!(callees.path(fg), [id(&table, "f"), id(&table, "g")]);
    assert_eq!(callees.parent(fg), Some(root));
    assert_eq!(callees.depth(fg), 1);
}

#[test]
fn children_are_made_when_asked_and_absent_ids_read_as_nothing() {
    let (p, table) = paths(&[(&["main", "a", "f", "b", "c"], 5), (&["x", "f"], 2)]);
    let b = Butterfly::build(p.clone(), id(&table, "f"));
    let callees = b.half(Side::Callees);
    assert_eq!(callees.made(), 1);
    assert_eq!(level(callees, &table, callees.root()), [s("b", 5, 0)]);
    assert_eq!(callees.made(), 2);
    assert_eq!(callees.node_ids().count(), 3);
    let absent = crate::analysis::TreeNodeId(99);
    assert_eq!(
        (
            callees.cum(absent, 0),
            callees.frame(absent),
            callees.parent(absent)
        ),
        (0, None, None)
    );
    assert_eq!(callees.children(absent).count(), 0);
    assert_eq!(callees.cum(callees.root(), 7), 0);
    // A function on no stack: a root without value or children.
    let none = Butterfly::build(p, FuncId(999));
    assert_eq!(
        none.half(Side::Callers)
            .cum(crate::analysis::TreeNodeId(0), 0),
        0
    );
    assert!(
        none.half(Side::Callees)
            .sorted_children(crate::analysis::TreeNodeId(0), 0)
            .is_empty()
    );
}
