//! A diff's frame widths: how wide each node must be so that its children fit below it
//! when some values are negative, computed once per sample type and kept with the tree.

use super::CallTree;
use crate::analysis::ids::TreeNodeId;

impl CallTree {
    /// For a sample type with negative values (a diff), each node's span, by node index:
    /// the larger of its |cum| and the sum of its children's spans. `None` when every value
    /// is non-negative: then |cum| holds the children already. The first call makes every
    /// node of the tree (children come after their parent in node order); later calls
    /// read the kept result.
    pub fn change_spans(&self, t: usize) -> Option<&[i64]> {
        if !self.has_negative(t) {
            return None;
        }
        let cell = self.spans.get(t)?;
        Some(cell.get_or_init(|| {
            let ids: Vec<TreeNodeId> = self.node_ids().collect();
            let mut span: Vec<i64> = ids.iter().map(|&n| self.cum(n, t).wrapping_abs()).collect();
            let mut below = vec![0i64; span.len()];
            for &n in ids.iter().rev() {
                let i = n.index();
                span[i] = span[i].max(below[i]);
                if let Some(p) = self.parent(n) {
                    below[p.index()] = below[p.index()].saturating_add(span[i]);
                }
            }
            span
        }))
    }
}
