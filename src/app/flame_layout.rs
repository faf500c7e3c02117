//! Where each flame-graph frame goes on screen: one row per depth below the zoom root,
//! widths proportional to cum (in a diff, to the tree's change spans, so callees always
//! fit under their caller). Used by the renderer to draw and by the app to hit-test
//! clicks, so both agree.

use crate::analysis::TreeNodeId;
use crate::analysis::call_tree::CallTree;

/// A frame placed on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FlameCell {
    /// Tree node.
    pub node: TreeNodeId,
    /// Row, counted from the top of the graph (0 = the zoom root level).
    pub level: u32,
    /// First column.
    pub x: u16,
    /// Width in columns (at least 1).
    pub width: u16,
}

/// Lays out the graph below `root` (the zoom; everything for `None`) for sample type `t`
/// in `width` columns and `levels` rows, starting `first_level` levels below the root.
/// Frames narrower than one column are not placed (they stay reachable by the
/// keyboard) — except `keep` (the selected frame) and its callers, which get at least one
/// column so the selection is always visible.
pub fn layout(
    tree: &CallTree,
    root: Option<TreeNodeId>,
    t: usize,
    width: u16,
    first_level: u32,
    levels: u32,
    keep: Option<TreeNodeId>,
) -> Vec<FlameCell> {
    let mut out = Vec::new();
    let mut kept = std::collections::HashSet::new();
    let mut k = keep;
    while let Some(n) = k {
        kept.insert(n);
        k = tree.parent(n);
    }
    let spans = tree.change_spans(t);
    let span = |n: TreeNodeId| match spans {
        Some(s) => s.get(n.index()).copied().unwrap_or(0),
        None => tree.cum(n, t).wrapping_abs(),
    };
    let (roots, total): (Vec<TreeNodeId>, i64) = match root {
        Some(r) => (vec![r], span(r)),
        None => {
            let r = tree.sorted_children(None, t);
            let total = r.iter().fold(0i64, |s, &n| s.wrapping_add(span(n)));
            (r, total)
        }
    };
    if total == 0 || width == 0 {
        return out;
    }
    let scale = f64::from(width) / total as f64;
    // (node, level, x as a float)
    let mut stack: Vec<(TreeNodeId, u32, f64)> = Vec::new();
    let mut x = 0.0;
    for &r in &roots {
        stack.push((r, 0, x));
        x += span(r) as f64 * scale;
    }
    stack.reverse();
    while let Some((n, level, x0)) = stack.pop() {
        let w = span(n) as f64 * scale;
        let (mut start, mut end) = (x0.round() as u16, (x0 + w).round() as u16);
        if end <= start {
            if !kept.contains(&n) {
                continue;
            }
            start = start.min(width - 1);
            end = start + 1;
        }
        if level >= first_level && level < first_level + levels {
            out.push(FlameCell {
                node: n,
                level: level - first_level,
                x: start,
                width: end - start,
            });
        }
        if level + 1 >= first_level + levels {
            continue;
        }
        let mut cx = x0;
        let mut kids = Vec::new();
        for c in tree.sorted_children(Some(n), t) {
            kids.push((c, level + 1, cx));
            cx += span(c) as f64 * scale;
        }
        stack.extend(kids.into_iter().rev());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::call_tree::{Direction, build};
    use crate::analysis::{Granularity, NodeTable};
    use crate::profile::Profile;

    #[test]
    fn a_diffs_growth_and_shrinkage_fit_under_their_caller() {
        // main → a grew by 10, main → b shrank by 8: main's net change is 2.
        let names: Vec<String> = ["main", "a", "b"].iter().map(|s| s.to_string()).collect();
        let stacks = [(vec![1, 0], vec![10]), (vec![2, 0], vec![-8])];
        let p = std::sync::Arc::new(Profile::synthetic(
            &names,
            &stacks,
            &[("inuse_space", "bytes")],
        ));
        let table = NodeTable::build(&p, Granularity::Functions, "", "", false);
        let tree = build(&p, &table, Direction::TopDown);
        let cells = layout(&tree, None, 0, 36, 0, 4, None);
        let widths: Vec<(u32, u16, u16)> = cells.iter().map(|c| (c.level, c.x, c.width)).collect();
        // Scale 36 / 18 columns: main spans both changes, a then b below it.
        assert_eq!(widths, vec![(0, 0, 36), (1, 0, 20), (1, 20, 16)]);
    }
}
