//! The call tree: one node per distinct call path (top-down from the roots, or bottom-up
//! from where samples were taken), with flat and cum for every sample type at once, so
//! switching types only re-reads values. A path counts a sample once, even under
//! recursion.

use super::fast_hash::FastMap;
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

/// Marks "no parent" in [`TreeNode::parent`].
const NO_PARENT: u32 = u32::MAX;

/// One node of the tree: a call path.
#[derive(Clone, Debug, PartialEq, Eq)]
struct TreeNode {
    /// Parent tree node, or [`NO_PARENT`] for a root.
    parent: u32,
    /// The frame's node id in the [`NodeTable`] the tree was built over.
    frame: u32,
    /// Depth (roots are 0).
    depth: u32,
    /// Whether this frame was inlined into its caller.
    inline: bool,
}

/// A call tree with values per sample type.
///
/// Kept small, since a large profile has millions of paths: 16 bytes per node, the cum of
/// every sample type, and the children of all nodes in one list. Flat values are derived
/// from cum (see [`CallTree::flat`]). Every accessor is checked: an id from another tree
/// reads as an absent node (no value, no parent, no children), never out of bounds.
#[derive(Clone, Debug, Default)]
pub struct CallTree {
    /// Direction of the paths.
    pub direction: Direction,
    nodes: Vec<TreeNode>,
    roots: Vec<u32>,
    /// Values per sample: `num_types` values per node.
    num_types: usize,
    cum: Vec<i64>,
    /// Children of node `n`: `child_list[child_start[n]..child_start[n + 1]]`.
    child_start: Vec<u32>,
    child_list: Vec<u32>,
}

fn ids(v: &[u32]) -> impl Iterator<Item = TreeNodeId> + '_ {
    v.iter().map(|&n| TreeNodeId(n))
}

impl CallTree {
    fn node(&self, n: TreeNodeId) -> Option<&TreeNode> {
        self.nodes.get(n.index())
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Whether the tree has no node.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// Whether `n` is a node of this tree.
    pub fn contains(&self, n: TreeNodeId) -> bool {
        n.index() < self.nodes.len()
    }

    /// Every node id.
    pub fn node_ids(&self) -> impl Iterator<Item = TreeNodeId> {
        (0..self.nodes.len() as u32).map(TreeNodeId)
    }

    /// The roots, in creation order.
    pub fn roots(&self) -> impl Iterator<Item = TreeNodeId> + '_ {
        ids(&self.roots)
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
        self.cum
            .get(node.index() * self.num_types + t)
            .copied()
            .unwrap_or(0)
    }

    fn child_slice(&self, node: TreeNodeId) -> &[u32] {
        let n = node.index();
        match (self.child_start.get(n), self.child_start.get(n + 1)) {
            (Some(&a), Some(&b)) => &self.child_list[a as usize..b as usize],
            _ => &[],
        }
    }

    /// Children of `node`, unordered (see [`CallTree::sorted_children`]).
    pub fn children(&self, node: TreeNodeId) -> impl Iterator<Item = TreeNodeId> + '_ {
        ids(self.child_slice(node))
    }

    fn children_of(&self, node: Option<TreeNodeId>) -> &[u32] {
        match node {
            Some(n) => self.child_slice(n),
            None => &self.roots,
        }
    }

    /// Children of `node` (or the roots for `None`) with a non-zero cum for type `t`,
    /// heaviest first, ties by frame id for stability.
    pub fn sorted_children(&self, node: Option<TreeNodeId>, t: usize) -> Vec<TreeNodeId> {
        let mut v: Vec<TreeNodeId> = ids(self.children_of(node))
            .filter(|&c| self.cum(c, t) != 0)
            .collect();
        v.sort_by(|&a, &b| {
            self.cum(b, t)
                .wrapping_abs()
                .cmp(&self.cum(a, t).wrapping_abs())
                .then(self.frame(a).cmp(&self.frame(b)))
        });
        v
    }

    /// The path of frames from the root to `node` (empty for an absent node).
    pub fn path(&self, node: TreeNodeId) -> Vec<FuncId> {
        let mut out = Vec::new();
        let mut n = Some(node).filter(|&n| self.contains(n));
        while let Some(x) = n {
            out.extend(self.frame(x));
            n = self.parent(x);
        }
        out.reverse();
        out
    }

    /// Finds the node with the given frame path, if it exists.
    pub fn find_path(&self, path: &[FuncId]) -> Option<TreeNodeId> {
        let mut cur: Option<TreeNodeId> = None;
        for &f in path {
            let list = self.children_of(cur);
            cur = Some(TreeNodeId(
                *list
                    .iter()
                    .find(|&&c| self.nodes[c as usize].frame == f.0)?,
            ));
        }
        cur
    }

    /// The child of `parent` (a root for `None`) whose frame is `frame`.
    pub fn child_with_frame(
        &self,
        parent: Option<TreeNodeId>,
        frame: FuncId,
    ) -> Option<TreeNodeId> {
        self.children_of(parent)
            .iter()
            .find(|&&c| self.nodes[c as usize].frame == frame.0)
            .map(|&c| TreeNodeId(c))
    }

    /// The root above `node` (itself for a root).
    pub fn root_of(&self, node: TreeNodeId) -> TreeNodeId {
        let mut n = node;
        while let Some(p) = self.parent(n) {
            n = p;
        }
        n
    }

    /// The heaviest node (by cum for type `t`) whose frame is `frame`.
    pub fn heaviest_of(&self, frame: FuncId, t: usize) -> Option<TreeNodeId> {
        self.node_ids()
            .filter(|&n| self.nodes[n.index()].frame == frame.0 && self.cum(n, t) != 0)
            .max_by_key(|&n| {
                (
                    self.cum(n, t).wrapping_abs(),
                    std::cmp::Reverse(self.depth(n)),
                )
            })
    }

    /// Fills the children lists from the parents, in node order (a counting sort).
    fn link_children(&mut self) {
        let mut start = vec![0u32; self.nodes.len() + 1];
        for n in &self.nodes {
            if n.parent != NO_PARENT {
                start[n.parent as usize + 1] += 1;
            }
        }
        for i in 1..start.len() {
            start[i] += start[i - 1];
        }
        let mut next = start.clone();
        let mut list = vec![0u32; *start.last().unwrap_or(&0) as usize];
        for (i, n) in self.nodes.iter().enumerate() {
            if n.parent != NO_PARENT {
                let slot = &mut next[n.parent as usize];
                list[*slot as usize] = i as u32;
                *slot += 1;
            }
        }
        self.child_start = start;
        self.child_list = list;
    }
}

/// Builds the tree of `p` over `table` (usually at function granularity).
pub fn build(p: &Profile, table: &NodeTable, direction: Direction) -> CallTree {
    let nt = p.sample_types.len();
    let mut t = CallTree {
        direction,
        num_types: nt,
        ..CallTree::default()
    };
    let mut index: FastMap<(u32, u32), u32> = FastMap::default();
    let mut frames: Vec<(u32, bool)> = Vec::new();
    for s in 0..p.samples.len() {
        let values = p.samples.values(s);
        if values.iter().all(|&v| v == 0) {
            continue;
        }
        // Frames root first, inlined frames after their caller.
        frames.clear();
        for &loc in p.samples.locations(s).iter().rev() {
            let nodes = table.nodes_of(loc);
            for (i, &n) in nodes.iter().enumerate().rev() {
                frames.push((n, i != nodes.len() - 1));
            }
        }
        if direction == Direction::BottomUp {
            frames.reverse();
        }
        let mut parent = NO_PARENT;
        for &(frame, inline) in &frames {
            let node = *index
                .entry((parent, frame))
                .and_modify(|&mut n| {
                    // A path is inlined only if every call along it was.
                    t.nodes[n as usize].inline &= inline;
                })
                .or_insert_with(|| {
                    let n = t.nodes.len() as u32;
                    let depth = match parent {
                        NO_PARENT => 0,
                        _ => t.nodes[parent as usize].depth + 1,
                    };
                    t.nodes.push(TreeNode {
                        parent,
                        frame,
                        depth,
                        inline,
                    });
                    t.cum.extend(std::iter::repeat_n(0, nt));
                    if parent == NO_PARENT {
                        t.roots.push(n);
                    }
                    n
                });
            let cum = &mut t.cum[node as usize * nt..(node as usize + 1) * nt];
            for (c, &v) in cum.iter_mut().zip(values) {
                *c = c.wrapping_add(v);
            }
            parent = node;
        }
    }
    drop(index);
    t.nodes.shrink_to_fit();
    t.cum.shrink_to_fit();
    t.link_children();
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Granularity;
    use crate::profile::Profile;

    /// main → a → b (sample 5), main → a (sample 3), main → b → b (recursion, sample 2).
    fn profile() -> Profile {
        let names = ["main", "a", "b"].map(String::from);
        let stacks = [
            (vec![2, 1, 0], vec![5]),
            (vec![1, 0], vec![3]),
            (vec![2, 2, 0], vec![2]),
        ];
        Profile::synthetic(&names, &stacks, &[("v", "count")])
    }

    #[test]
    fn top_down_values() {
        let p = profile();
        let table = NodeTable::build(&p, Granularity::Functions, "", "", false);
        let t = build(&p, &table, Direction::TopDown);
        assert_eq!(t.roots().count(), 1);
        let main = t.roots().next().expect("root");
        assert_eq!((t.flat(main, 0), t.cum(main, 0)), (0, 10));
        let kids = t.sorted_children(Some(main), 0);
        let names: Vec<&str> = kids
            .iter()
            .map(|&k| table.infos[t.frame(k).expect("node").index()].name.as_str())
            .collect();
        assert_eq!(names, ["a", "b"]);
        assert_eq!((t.flat(kids[0], 0), t.cum(kids[0], 0)), (3, 8));
        let bb = t.sorted_children(Some(kids[1]), 0);
        assert_eq!((t.cum(kids[1], 0), t.flat(bb[0], 0)), (2, 2));
    }

    #[test]
    fn bottom_up_values() {
        let p = profile();
        let table = NodeTable::build(&p, Granularity::Functions, "", "", false);
        let t = build(&p, &table, Direction::BottomUp);
        let roots = t.sorted_children(None, 0);
        let b = roots[0];
        assert_eq!(table.infos[t.frame(b).expect("node").index()].name, "b");
        assert_eq!((t.flat(b, 0), t.cum(b, 0)), (7, 7));
    }
}
