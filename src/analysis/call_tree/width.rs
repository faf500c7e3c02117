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
            return self.cum(node, t).wrapping_abs();
        }
        self.lock()
            .abs
            .get(node.index() * self.num_types + t)
            .copied()
            .unwrap_or(0)
    }
}
