//! Pane state that points into a call tree stays valid when the tree is replaced (another
//! filter set, a recomputation): node ids are carried over as call paths and looked up
//! again in the new tree, or dropped when the path no longer exists.

use std::sync::Arc;

use crate::analysis::call_tree::CallTree;
use crate::analysis::{FuncId, TreeNodeId};

/// Node ids of a pane, as call paths while no tree is bound.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Carried {
    /// The selected node's path.
    pub selected: Option<Vec<FuncId>>,
    /// Other node paths (expanded nodes, zoom stack), in order.
    pub others: Vec<Vec<FuncId>>,
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
    /// No tree now: the pane must drop its ids (they were carried as paths).
    Unbound,
    /// A new tree: the pane takes these ids (selected, others) in place of its own.
    New(Option<TreeNodeId>, Vec<TreeNodeId>),
}

impl TreeBinding {
    /// The bound tree.
    pub fn tree(&self) -> Option<&Arc<CallTree>> {
        self.tree.as_ref()
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
        if let Some(old) = self.tree.take() {
            self.carried = Some(Carried {
                selected: selected.map(|n| old.path(n)),
                others: others.iter().map(|&n| old.path(n)).collect(),
            });
        }
        let Some(new) = want else {
            return Rebind::Unbound;
        };
        self.tree = Some(new.clone());
        let c = self.carried.take().unwrap_or_default();
        let sel = c.selected.and_then(|p| new.find_prefix(&p));
        let others = c.others.iter().filter_map(|p| new.find_path(p)).collect();
        Rebind::New(sel, others)
    }
}
