//! Pane state that points into a call tree stays valid when the tree is replaced (another
//! filter set, a recomputation, another snapshot): when a pane lets go of its tree, its
//! node ids are carried as call paths (each node on them once) and looked up in the next
//! tree it binds — each node once, from its parent's mapping — or dropped when the path
//! no longer exists there. For another snapshot the paths' functions are translated to
//! its ids first (by name).

use std::collections::HashMap;
use std::sync::Arc;

use crate::analysis::call_tree::CallTree;
use crate::analysis::{FuncId, TreeNodeId};

/// Marks "no parent" in [`Carried::nodes`].
const TOP: u32 = u32::MAX;

/// A pane's ids, as call paths, kept while no tree is bound: the nodes on the paths to
/// them, each once, parents before children (so a deep stack costs its depth, not its
/// depth for every id on it).
#[derive(Clone, Debug, Default)]
struct Carried {
    /// (index of the parent in `nodes` or [`TOP`], frame; `None`: a function the tree's
    /// snapshot does not have, so the path ends there).
    nodes: Vec<(u32, Option<FuncId>)>,
    selected: Option<u32>,
    others: Vec<u32>,
}

/// The tree a pane's node ids belong to, and what is carried while there is none.
#[derive(Clone, Debug, Default)]
pub struct TreeBinding {
    tree: Option<Arc<CallTree>>,
    carried: Option<Carried>,
}

/// What [`TreeBinding::rebind`] found.
pub enum Rebind {
    /// Same tree as before: the pane's ids stay valid.
    Same,
    /// No tree now: the pane must drop its ids (they are carried).
    Unbound,
    /// A new tree: the pane takes these ids (selected, others) in place of its own.
    New(Option<TreeNodeId>, Vec<TreeNodeId>),
}

/// The call paths of the pane's ids in `old` (absent ids are left out).
fn carry(old: &CallTree, selected: Option<TreeNodeId>, others: &[TreeNodeId]) -> Carried {
    let mut out = Carried::default();
    let mut index: HashMap<TreeNodeId, u32> = HashMap::new();
    let mut add = |n: TreeNodeId, out: &mut Carried| -> Option<u32> {
        if !old.contains(n) {
            return None;
        }
        let mut chain = Vec::new();
        let mut cur = Some(n);
        while let Some(c) = cur {
            if index.contains_key(&c) {
                break;
            }
            chain.push(c);
            cur = old.parent(c);
        }
        let mut parent = cur.and_then(|c| index.get(&c).copied()).unwrap_or(TOP);
        for c in chain.into_iter().rev() {
            let at = out.nodes.len() as u32;
            out.nodes.push((parent, Some(old.frame(c)?)));
            index.insert(c, at);
            parent = at;
        }
        Some(parent)
    };
    out.selected = selected.and_then(|n| add(n, &mut out));
    for &n in others {
        if let Some(i) = add(n, &mut out) {
            out.others.push(i);
        }
    }
    out
}

/// The node of `new` at each carried path (None where the path does not exist there).
fn map(c: &Carried, new: &CallTree) -> Vec<Option<TreeNodeId>> {
    let mut mapped: Vec<Option<TreeNodeId>> = Vec::with_capacity(c.nodes.len());
    for &(parent, frame) in &c.nodes {
        let m = frame.and_then(|frame| match parent {
            TOP => new.child_with_frame(None, frame),
            p => mapped
                .get(p as usize)
                .copied()
                .flatten()
                .and_then(|pm| new.child_with_frame(Some(pm), frame)),
        });
        mapped.push(m);
    }
    mapped
}

impl TreeBinding {
    /// The bound tree.
    pub fn tree(&self) -> Option<&Arc<CallTree>> {
        self.tree.as_ref()
    }

    /// Lets go of the bound tree: `selected` and `others` (the pane's ids, valid for it)
    /// are carried as call paths until the next tree is bound. The pane drops its ids.
    pub fn release(&mut self, selected: Option<TreeNodeId>, others: &[TreeNodeId]) {
        if let Some(old) = self.tree.take() {
            self.carried = Some(carry(&old, selected, others));
        }
    }

    /// Lets go of the tree, as [`TreeBinding::release`], for the tree of another snapshot:
    /// the carried paths' functions are translated by `map` (its ids by name).
    pub fn rebase(
        &mut self,
        selected: Option<TreeNodeId>,
        others: &[TreeNodeId],
        map: &dyn Fn(FuncId) -> Option<FuncId>,
    ) {
        self.release(selected, others);
        if let Some(c) = self.carried.as_mut() {
            for n in &mut c.nodes {
                n.1 = n.1.and_then(map);
            }
        }
    }

    /// Binds to `want` (the tree the pane should show now). `selected` and `others` are
    /// the pane's current ids, valid for the tree bound so far.
    pub fn rebind(
        &mut self,
        want: Option<&Arc<CallTree>>,
        selected: Option<TreeNodeId>,
        others: &[TreeNodeId],
    ) -> Rebind {
        if let (Some(a), Some(b)) = (&self.tree, want)
            && Arc::ptr_eq(a, b)
        {
            return Rebind::Same;
        }
        self.release(selected, others);
        let Some(new) = want else {
            return Rebind::Unbound;
        };
        self.tree = Some(new.clone());
        let Some(c) = self.carried.take() else {
            return Rebind::New(None, Vec::new());
        };
        let mapped = map(&c, new);
        // The selection keeps its deepest ancestor that still exists.
        let mut sel = None;
        let mut at = c.selected;
        while let Some(i) = at {
            sel = mapped.get(i as usize).copied().flatten();
            if sel.is_some() {
                break;
            }
            at = c.nodes.get(i as usize).map(|n| n.0).filter(|&p| p != TOP);
        }
        let others = c
            .others
            .iter()
            .filter_map(|&i| mapped.get(i as usize).copied().flatten())
            .collect();
        Rebind::New(sel, others)
    }
}
