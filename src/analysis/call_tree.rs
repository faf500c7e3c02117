//! The call tree: one node per distinct call path (top-down from the roots, or bottom-up
//! from where samples were taken), with flat and cum for every sample type at once, so
//! switching types only re-reads values. A path counts a sample once, even under
//! recursion. Built lazily: the samples are sorted by path, so a node is a range of them,
//! and a node's children are made the first time they are asked for — a profile with
//! millions of distinct paths costs its paths and one order, not a node per path.

mod build;
mod heaviest;
mod width;

pub use build::{build_from, build_until};

use std::sync::{Arc, Mutex, MutexGuard};

use super::call_paths::CallPaths;
use super::ids::{FuncId, TreeNodeId};
use super::nodes::NodeTable;
use crate::profile::Profile;

/// Which way paths run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Direction {
    /// From the roots (main, goroutine starts) down to where samples were taken.
    #[default]
    TopDown,
    /// From where samples were taken up through the callers.
    BottomUp,
}

/// Marks "no parent" in [`Node::parent`].
const NO_PARENT: u32 = u32::MAX;
/// Marks children not made yet in [`Node::children`].
const NOT_MADE: u32 = u32::MAX;

/// One node made so far: a call path and the range of sorted paths that pass through it.
#[derive(Clone, Copy, Debug)]
struct Node {
    parent: u32,
    /// The frame's node id in the [`NodeTable`] the tree was built over.
    frame: u32,
    /// Depth (roots are 0).
    depth: u32,
    /// Whether every call along the path was inlined into its caller.
    inline: bool,
    /// The paths through this node: `order[start..end]`.
    start: u32,
    end: u32,
    /// Children: ids `first_child..first_child + children`, or `children == NOT_MADE`.
    first_child: u32,
    children: u32,
}

/// The nodes made so far, with the cum of every sample type.
#[derive(Debug, Default)]
struct Store {
    nodes: Vec<Node>,
    cum: Vec<i64>,
    /// A diff's absolute cum (the sum of |value| over the node's paths) of every sample
    /// type, when some value is negative: its frame's width ([`CallTree::width`]).
    abs: Vec<i64>,
    /// Roots are the ids `0..roots`.
    roots: u32,
}

/// Nodes through at least this many paths are made with the tree (off the UI thread), so
/// making a node's children later reads fewer paths than this.
const MADE_WITH_THE_TREE: u32 = 512;

/// A call tree with values per sample type.
///
/// Node ids are given as nodes are made (roots first, then the children of a node all at
/// once, ordered by frame id). Every accessor is checked: an id from another tree reads as
/// an absent node (no value, no parent, no children), never out of bounds.
pub struct CallTree {
    /// Direction of the paths.
    pub direction: Direction,
    paths: Arc<CallPaths>,
    /// Path indices sorted by their frames in `direction`'s order.
    order: Vec<u32>,
    num_types: usize,
    /// Per sample type: whether some value is negative (a diff).
    negative: Vec<bool>,
    store: Mutex<Store>,
    heaviest: heaviest::Heaviest,
}

impl std::fmt::Debug for CallTree {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CallTree")
            .field("direction", &self.direction)
            .field("paths", &self.order.len())
            .field("nodes made", &self.lock().nodes.len())
            .finish()
    }
}

fn ids(first: u32, count: u32) -> impl Iterator<Item = TreeNodeId> {
    (first..first + count).map(TreeNodeId)
}

impl CallTree {
    fn lock(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn node(&self, n: TreeNodeId) -> Option<Node> {
        self.lock().nodes.get(n.index()).copied()
    }

    /// The frame of path `i` at `depth` in this tree's direction.
    fn frame_at(&self, i: usize, depth: usize) -> Option<u32> {
        let f = self.paths.frames(i);
        match self.direction {
            Direction::TopDown => f.get(depth),
            Direction::BottomUp => f.len().checked_sub(depth + 1).and_then(|k| f.get(k)),
        }
    }

    fn inline_at(&self, i: usize, depth: usize) -> bool {
        let len = self.paths.frames(i).len();
        match self.direction {
            Direction::TopDown => self.paths.is_inline(i, depth),
            Direction::BottomUp => len
                .checked_sub(depth + 1)
                .is_some_and(|k| self.paths.is_inline(i, k)),
        }
    }

    /// Makes the nodes at `depth` of the paths `order[start..end]` (they share the path
    /// above) as children of `parent`; returns the first id and the count.
    fn make(&self, st: &mut Store, parent: u32, depth: u32, start: u32, end: u32) -> (u32, u32) {
        let first = st.nodes.len() as u32;
        let d = depth as usize;
        let mut k = start as usize;
        while k < end as usize {
            let Some(frame) = self.frame_at(self.order[k] as usize, d) else {
                k += 1;
                continue;
            };
            let base = st.cum.len();
            st.cum.resize(base + self.num_types, 0);
            let diff = self.negative.iter().any(|&n| n);
            if diff {
                st.abs.resize(base + self.num_types, 0);
            }
            let mut inline = true;
            let mut j = k;
            while j < end as usize {
                let i = self.order[j] as usize;
                if self.frame_at(i, d) != Some(frame) {
                    break;
                }
                inline &= self.inline_at(i, d);
                for (c, &v) in st.cum[base..].iter_mut().zip(self.paths.values(i)) {
                    *c = c.wrapping_add(v);
                }
                if diff {
                    for (a, &v) in st.abs[base..].iter_mut().zip(self.paths.values(i)) {
                        *a = a.saturating_add(v.saturating_abs());
                    }
                }
                j += 1;
            }
            st.nodes.push(Node {
                parent,
                frame,
                depth,
                inline,
                start: k as u32,
                end: j as u32,
                first_child: 0,
                children: NOT_MADE,
            });
            k = j;
        }
        (first, st.nodes.len() as u32 - first)
    }

    /// The children of `n` (made now if they were not), as (first id, count).
    fn kids(&self, n: TreeNodeId) -> (u32, u32) {
        let mut st = self.lock();
        let Some(x) = st.nodes.get(n.index()).copied() else {
            return (0, 0);
        };
        if x.children != NOT_MADE {
            return (x.first_child, x.children);
        }
        let (first, count) = self.make(&mut st, n.0, x.depth + 1, x.start, x.end);
        let node = &mut st.nodes[n.index()];
        node.first_child = first;
        node.children = count;
        (first, count)
    }

    fn kids_of(&self, node: Option<TreeNodeId>) -> (u32, u32) {
        match node {
            Some(n) => self.kids(n),
            None => (0, self.lock().roots),
        }
    }

    /// Whether some value of sample type `t` is negative (the tree of a diff).
    pub fn has_negative(&self, t: usize) -> bool {
        self.negative.get(t).copied().unwrap_or(false)
    }

    /// Number of nodes made so far (the tree grows as it is explored).
    pub fn made(&self) -> usize {
        self.lock().nodes.len()
    }

    /// Whether `n` is a node of this tree.
    pub fn contains(&self, n: TreeNodeId) -> bool {
        n.index() < self.made()
    }

    /// Every node id, making the whole tree first: costly on a large profile (tests).
    pub fn node_ids(&self) -> impl Iterator<Item = TreeNodeId> {
        let mut n = 0;
        while n < self.made() {
            self.kids(TreeNodeId(n as u32));
            n += 1;
        }
        (0..n as u32).map(TreeNodeId)
    }

    /// The roots, ordered by frame id.
    pub fn roots(&self) -> impl Iterator<Item = TreeNodeId> {
        ids(0, self.lock().roots)
    }

    /// The function of node `n`.
    pub fn frame(&self, n: TreeNodeId) -> Option<FuncId> {
        self.node(n).map(|x| FuncId(x.frame))
    }

    /// The parent of node `n` (None for a root or an absent node).
    pub fn parent(&self, n: TreeNodeId) -> Option<TreeNodeId> {
        self.node(n)
            .filter(|x| x.parent != NO_PARENT)
            .map(|x| TreeNodeId(x.parent))
    }

    /// The depth of node `n` (roots are 0).
    pub fn depth(&self, n: TreeNodeId) -> u32 {
        self.node(n).map_or(0, |x| x.depth)
    }

    /// Whether every call along the path to `n` was inlined into its caller.
    pub fn is_inline(&self, n: TreeNodeId) -> bool {
        self.node(n).is_some_and(|x| x.inline)
    }

    /// Flat value of `node` for sample type `t`: what was sampled in the path itself.
    ///
    /// Top-down, a sample adds to the cum of every node of its path and ends in its leaf,
    /// so flat is cum less the children's cum; bottom-up, a path starts where the sample
    /// was taken, so only roots have flat, equal to their cum. Sums wrap like pprof's.
    pub fn flat(&self, node: TreeNodeId, t: usize) -> i64 {
        match self.direction {
            Direction::TopDown => self
                .children(node)
                .fold(self.cum(node, t), |acc, c| acc.wrapping_sub(self.cum(c, t))),
            Direction::BottomUp if self.contains(node) && self.parent(node).is_none() => {
                self.cum(node, t)
            }
            Direction::BottomUp => 0,
        }
    }

    /// Cumulative value of `node` for sample type `t` (0 for an absent node or type).
    pub fn cum(&self, node: TreeNodeId, t: usize) -> i64 {
        if t >= self.num_types {
            return 0;
        }
        self.lock()
            .cum
            .get(node.index() * self.num_types + t)
            .copied()
            .unwrap_or(0)
    }

    /// Children of `node`, ordered by frame id (see [`CallTree::sorted_children`]).
    pub fn children(&self, node: TreeNodeId) -> impl Iterator<Item = TreeNodeId> {
        let (first, count) = self.kids(node);
        ids(first, count)
    }

    /// Children of `node` (or the roots for `None`) with a non-zero cum for type `t`,
    /// heaviest first, ties by frame id for stability.
    pub fn sorted_children(&self, node: Option<TreeNodeId>, t: usize) -> Vec<TreeNodeId> {
        let (first, count) = self.kids_of(node);
        let st = self.lock();
        let cum = |n: TreeNodeId| {
            if t < self.num_types {
                st.cum[n.index() * self.num_types + t]
            } else {
                0
            }
        };
        let mut v: Vec<TreeNodeId> = ids(first, count).filter(|&c| cum(c) != 0).collect();
        v.sort_by(|&a, &b| {
            cum(b)
                .wrapping_abs()
                .cmp(&cum(a).wrapping_abs())
                .then(st.nodes[a.index()].frame.cmp(&st.nodes[b.index()].frame))
        });
        v
    }

    /// The path of frames from the root to `node` (empty for an absent node).
    pub fn path(&self, node: TreeNodeId) -> Vec<FuncId> {
        let st = self.lock();
        let mut out = Vec::new();
        let mut n = st.nodes.get(node.index());
        while let Some(x) = n {
            out.push(FuncId(x.frame));
            n = st
                .nodes
                .get(x.parent as usize)
                .filter(|_| x.parent != NO_PARENT);
        }
        out.reverse();
        out
    }

    /// Finds the node with the given frame path, if it exists.
    pub fn find_path(&self, path: &[FuncId]) -> Option<TreeNodeId> {
        let mut cur: Option<TreeNodeId> = None;
        for &f in path {
            cur = Some(self.child_with_frame(cur, f)?);
        }
        cur
    }

    /// The child of `parent` (a root for `None`) whose frame is `frame`.
    pub fn child_with_frame(
        &self,
        parent: Option<TreeNodeId>,
        frame: FuncId,
    ) -> Option<TreeNodeId> {
        let (first, count) = self.kids_of(parent);
        let st = self.lock();
        let kids = &st.nodes[first as usize..(first + count) as usize];
        let at = kids.binary_search_by_key(&frame.0, |k| k.frame).ok()?;
        Some(TreeNodeId(first + at as u32))
    }

    /// The root above `node` (itself for a root).
    pub fn root_of(&self, node: TreeNodeId) -> TreeNodeId {
        let mut n = node;
        while let Some(p) = self.parent(n) {
            n = p;
        }
        n
    }

    /// The heaviest node (by cum for type `t`, then the shallowest, then the one whose
    /// first sample comes last) whose frame is `frame` (found when the tree was built).
    pub fn heaviest_of(&self, frame: FuncId, t: usize) -> Option<TreeNodeId> {
        let (depth, k) = self.heaviest.get(frame.0, t)?;
        let i = *self.order.get(k as usize)? as usize;
        let path: Option<Vec<FuncId>> = (0..=depth as usize)
            .map(|d| self.frame_at(i, d).map(FuncId))
            .collect();
        self.find_path(&path?)
    }
}

/// Builds the tree of `p` over `table` (usually at function granularity).
pub fn build(p: &Arc<Profile>, table: &NodeTable, direction: Direction) -> CallTree {
    build_from(Arc::new(CallPaths::build(p.clone(), table)), direction)
}

#[cfg(test)]
mod tests;

impl crate::profile::HeapSize for CallTree {
    /// The order, the nodes made so far with their values, the heaviest nodes; not the call paths, which the tree shares ([`CallTree::paths`]).
    fn heap_bytes(&self) -> usize {
        use crate::analysis::mem_size::vec_cap;
        let st = self.lock();
        vec_cap(&self.order)
            + vec_cap(&self.negative)
            + vec_cap(&st.nodes)
            + vec_cap(&st.cum)
            + vec_cap(&st.abs)
            + self.heaviest.heap_bytes()
    }
}

impl CallTree {
    /// The call paths the tree reads (shared with the other direction and butterflies).
    pub fn paths(&self) -> &Arc<CallPaths> {
        &self.paths
    }
}
