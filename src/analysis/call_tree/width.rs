//! How wide a node's frame is in a flame graph: its |cum|, or in a diff (some value of
//! the type negative) the growth and shrinkage through it — the sum of |value| over its
//! paths, kept with each node as it is made — which is never less than its |cum| or than
//! the widths of its children together, so they fit below it. No node is made for it.

use super::CallTree;
use crate::analysis::ids::TreeNodeId;

impl CallTree {
    /// The width of `node`'s frame for sample type `t` (see the module documentation).
    pub fn width(&self, node: TreeNodeId, t: usize) -> i64 {
        if !self.has_negative(t) {
            return self.cum(node, t).saturating_abs();
        }
        self.lock()
            .abs
            .get(node.index() * self.num_types + t)
            .copied()
            .unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::super::{Direction, build_from};
    use crate::analysis::call_paths::CallPaths;
    use crate::analysis::{Granularity, NodeTable};
    use crate::profile::Profile;

    /// A hostile diff (values at both ends of i64) gives widths that are never negative
    /// and always hold the children's.
    #[test]
    fn extreme_values_give_widths_that_hold_their_children() {
        let names = ["main", "a", "b"].map(String::from);
        let stacks = [
            (vec![1, 0], vec![i64::MIN]),
            (vec![2, 0], vec![i64::MAX]),
            (vec![2, 1, 0], vec![-5]),
        ];
        let p = Arc::new(Profile::synthetic(&names, &stacks, &[("v", "bytes")]));
        let table = NodeTable::build(&p, Granularity::Functions, "", "", false);
        let paths = Arc::new(CallPaths::build(p, &table));
        for d in [Direction::TopDown, Direction::BottomUp] {
            let tree = build_from(paths.clone(), d);
            assert!(tree.has_negative(0));
            for n in tree.node_ids() {
                let w = tree.width(n, 0);
                assert!(w >= 0, "{w}");
                let below = tree
                    .children(n)
                    .fold(0i64, |s, c| s.saturating_add(tree.width(c, 0)));
                assert!(below <= w, "{below} > {w}");
            }
        }
    }
}
