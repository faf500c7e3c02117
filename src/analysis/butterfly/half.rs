//! One half of a butterfly: the tree of a function's callers or of its callees, over the
//! sequences read from each anchor (see the parent module), sorted so that a node is a
//! range of them; a node's children are made the first time they are asked for, each
//! sample counted once per node.

mod make;
mod size;

use std::sync::{Arc, Mutex, MutexGuard};

use crate::analysis::call_paths::CallPaths;
use crate::analysis::ids::{FuncId, TreeNodeId};
use crate::analysis::stop::Stop;
use crate::analysis::two_thread_sort::sort_on_two_threads;

/// Which half.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Side {
    /// Who calls the function, and who calls them (towards the roots).
    Callers,
    /// What the function calls, and what they call (towards the leaves).
    Callees,
}

/// A sequence: one anchor of the function in one path.
#[derive(Clone, Copy, Debug)]
struct Seq {
    /// The path (an index of the [`CallPaths`]).
    path: u32,
    /// The anchor's position in the path's frames (root first).
    anchor: u32,
    /// Callers: the anchor's run reaches the leaf (the sample was taken in the function).
    own: bool,
    /// The path's number among the paths through the function (the index of its marks
    /// in the store, which so holds one entry per path through the function, not one per
    /// path of the profile).
    slot: u32,
}

const NO_PARENT: u32 = u32::MAX;
const NOT_MADE: u32 = u32::MAX;

#[derive(Clone, Copy, Debug)]
struct Node {
    parent: u32,
    frame: u32,
    depth: u32,
    /// The sequences through the node: `order[start..end]`.
    start: u32,
    end: u32,
    first_child: u32,
    children: u32,
}

/// The nodes made so far and their values (per node, one per sample type).
#[derive(Debug, Default)]
struct Store {
    nodes: Vec<Node>,
    cum: Vec<i64>,
    flat: Vec<i64>,
    inline: Vec<bool>,
}

/// The tree of one side.
pub struct Half {
    side: Side,
    focus: u32,
    paths: Arc<CallPaths>,
    seqs: Vec<Seq>,
    /// Sequence indices sorted by their frames.
    order: Vec<u32>,
    num_types: usize,
    /// Paths through the function (the scratch's size).
    slots: u32,
    store: Mutex<Store>,
}

impl std::fmt::Debug for Half {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Half")
            .field("side", &self.side)
            .field("sequences", &self.seqs.len())
            .field("nodes made", &self.lock().nodes.len())
            .finish()
    }
}

fn ids(first: u32, count: u32) -> impl Iterator<Item = TreeNodeId> {
    (first..first + count).map(TreeNodeId)
}

impl Half {
    /// The half of `side` for `focus` over `paths`, its root made; given up (partial)
    /// once `stop` is requested, every few thousand paths.
    pub fn build_until(paths: Arc<CallPaths>, focus: FuncId, side: Side, stop: Stop<'_>) -> Self {
        let f = focus.0;
        let mut seqs: Vec<Seq> = Vec::new();
        let mut slots = 0u32;
        for i in 0..paths.len() {
            if stop.at(i) {
                seqs.clear();
                slots = 0;
                break;
            }
            let frames = paths.frames(i);
            let before = seqs.len();
            for (k, x) in frames.iter().enumerate() {
                if x != f {
                    continue;
                }
                let anchor = match side {
                    Side::Callers => k == 0 || frames.get(k - 1) != Some(f),
                    Side::Callees => frames.get(k + 1) != Some(f),
                };
                if anchor {
                    seqs.push(Seq {
                        path: i as u32,
                        anchor: k as u32,
                        own: side == Side::Callers
                            && frames.range(k, frames.len()).iter().all(|y| y == f),
                        slot: slots,
                    });
                }
            }
            if seqs.len() > before {
                slots += 1;
            }
        }
        let mut half = Self {
            side,
            focus: f,
            num_types: paths.num_types(),
            order: (0..seqs.len() as u32).collect(),
            seqs,
            paths,
            slots,
            store: Mutex::default(),
        };
        let order = std::mem::take(&mut half.order);
        half.order = sort_on_two_threads(order, |a, b| half.cmp(*a, *b));
        {
            let mut st = half.lock();
            let mut scratch = make::Scratch::new(slots as usize);
            half.push_node(
                &mut st,
                &mut scratch,
                NO_PARENT,
                f,
                0,
                0,
                half.order.len() as u32,
            );
        }
        half
    }

    fn lock(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The frame of sequence `s` at `depth` (0: the function).
    fn frame_at(&self, s: u32, depth: u32) -> Option<u32> {
        let q = self.seqs[s as usize];
        let frames = self.paths.frames(q.path as usize);
        let at = match self.side {
            Side::Callers => q.anchor.checked_sub(depth)?,
            Side::Callees => q.anchor.checked_add(depth)?,
        };
        frames.get(at as usize)
    }

    /// Whether the call reaching `depth` (≥ 1) of sequence `s` was inlined.
    fn inline_at(&self, s: u32, depth: u32) -> bool {
        let q = self.seqs[s as usize];
        // The callee of the call: the deeper element (callers) or this one (callees).
        let callee = match self.side {
            Side::Callers => q.anchor + 1 - depth,
            Side::Callees => q.anchor + depth,
        };
        self.paths.is_inline(q.path as usize, callee as usize)
    }

    /// Orders sequences by their frames after the function.
    fn cmp(&self, a: u32, b: u32) -> std::cmp::Ordering {
        let (qa, qb) = (self.seqs[a as usize], self.seqs[b as usize]);
        let (fa, fb) = (
            self.paths.frames(qa.path as usize),
            self.paths.frames(qb.path as usize),
        );
        match self.side {
            Side::Callers => fa
                .range(0, qa.anchor as usize)
                .cmp_with(fb.range(0, qb.anchor as usize), true),
            Side::Callees => fa
                .range(qa.anchor as usize + 1, fa.len())
                .cmp_with(fb.range(qb.anchor as usize + 1, fb.len()), false),
        }
    }

    /// Which side this is.
    pub fn side(&self) -> Side {
        self.side
    }

    /// The root: the function itself.
    pub fn root(&self) -> TreeNodeId {
        TreeNodeId(0)
    }

    /// Number of nodes made so far.
    pub fn made(&self) -> usize {
        self.lock().nodes.len()
    }

    /// Whether `n` is a node of this half.
    pub fn contains(&self, n: TreeNodeId) -> bool {
        n.index() < self.made()
    }

    /// Every node id, making the whole half first: costly on a large profile (tests).
    pub fn node_ids(&self) -> impl Iterator<Item = TreeNodeId> {
        let mut n = 0;
        while n < self.made() {
            self.kids(TreeNodeId(n as u32));
            n += 1;
        }
        (0..n as u32).map(TreeNodeId)
    }

    fn node(&self, n: TreeNodeId) -> Option<Node> {
        self.lock().nodes.get(n.index()).copied()
    }

    /// The frame of node `n` (the function at the root).
    pub fn frame(&self, n: TreeNodeId) -> Option<FuncId> {
        self.node(n).map(|x| FuncId(x.frame))
    }

    /// The parent of `n` (None for the root or an absent node).
    pub fn parent(&self, n: TreeNodeId) -> Option<TreeNodeId> {
        self.node(n)
            .filter(|x| x.parent != NO_PARENT)
            .map(|x| TreeNodeId(x.parent))
    }

    /// The depth of `n` (the root is 0).
    pub fn depth(&self, n: TreeNodeId) -> u32 {
        self.node(n).map_or(0, |x| x.depth)
    }

    fn value(&self, v: &[i64], n: TreeNodeId, t: usize) -> i64 {
        if t >= self.num_types {
            return 0;
        }
        v.get(n.index() * self.num_types + t).copied().unwrap_or(0)
    }

    /// Cum of `n` for sample type `t`: the samples through it, each once.
    pub fn cum(&self, n: TreeNodeId, t: usize) -> i64 {
        self.value(&self.lock().cum, n, t)
    }

    /// Flat of `n` for sample type `t` (see the parent module).
    pub fn flat(&self, n: TreeNodeId, t: usize) -> i64 {
        self.value(&self.lock().flat, n, t)
    }

    /// Whether the call between `n` and its parent was inlined in every sample of type
    /// `t` through it (pprof's edge mark, read at the call's first occurrence from the
    /// root in each sample); false for the root.
    pub fn is_inline(&self, n: TreeNodeId, t: usize) -> bool {
        t < self.num_types
            && self
                .lock()
                .inline
                .get(n.index() * self.num_types + t)
                .copied()
                .unwrap_or(false)
    }

    /// The children of `n`, ordered by frame id.
    pub fn children(&self, n: TreeNodeId) -> impl Iterator<Item = TreeNodeId> {
        let (first, count) = self.kids(n);
        ids(first, count)
    }

    /// The children of `n` with a non-zero cum for type `t`, heaviest first, ties by frame.
    pub fn sorted_children(&self, n: TreeNodeId, t: usize) -> Vec<TreeNodeId> {
        let mut v: Vec<(i64, u32, TreeNodeId)> = self
            .children(n)
            .map(|c| (self.cum(c, t), self.frame(c).map_or(0, |f| f.0), c))
            .filter(|(cum, _, _)| *cum != 0)
            .collect();
        v.sort_by(|a, b| {
            b.0.wrapping_abs()
                .cmp(&a.0.wrapping_abs())
                .then(a.1.cmp(&b.1))
        });
        v.into_iter().map(|(_, _, c)| c).collect()
    }

    /// The frames from the root (the function) to `n`.
    pub fn path(&self, n: TreeNodeId) -> Vec<FuncId> {
        let mut out = Vec::new();
        let mut cur = self.node(n).map(|_| n);
        while let Some(c) = cur {
            out.extend(self.frame(c));
            cur = self.parent(c);
        }
        out.reverse();
        out
    }

    /// The node with frames `path` from the root (the first must be the function).
    pub fn find_path(&self, path: &[FuncId]) -> Option<TreeNodeId> {
        let (&first, rest) = path.split_first()?;
        if first.0 != self.focus {
            return None;
        }
        let mut cur = self.root();
        for &f in rest {
            let (a, count) = self.kids(cur);
            cur = ids(a, count).find(|&c| self.frame(c) == Some(f))?;
        }
        Some(cur)
    }
}
