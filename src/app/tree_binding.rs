//! Pane state that points into a call tree stays valid when the tree is replaced (another
//! filter set, a recomputation): node ids are carried over with the tree they belong to
//! and mapped into the new tree by call path — each node once, from its parent's mapping —
//! or dropped when the path no longer exists.

use std::collections::HashMap;
use std::sync::Arc;

use crate::analysis::TreeNodeId;
use crate::analysis::call_tree::CallTree;

/// A pane's ids kept, with their tree, while no tree is bound.
#[derive(Clone, Debug)]
struct Carried {
    old: Arc<CallTree>,
    selected: Option<TreeNodeId>,
    others: Vec<TreeNodeId>,
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

/// Maps node `n` of `old` to the node of `new` with the same call path, memoizing every
/// node mapped on the way (so mapping many nodes costs one visit each, however deep).
fn map(
    old: &CallTree,
    new: &CallTree,
    n: TreeNodeId,
    memo: &mut HashMap<TreeNodeId, Option<TreeNodeId>>,
) -> Option<TreeNodeId> {
    let mut chain = Vec::new();
    let mut cur = Some(n);
    while let Some(c) = cur {
        if memo.contains_key(&c) {
            break;
        }
        chain.push(c);
        cur = old.parent(c);
    }
    let mut mapped = cur.and_then(|c| memo[&c]);
    for c in chain.into_iter().rev() {
        let frame = old.frame(c)?;
        let next = match old.parent(c) {
            None => new.child_with_frame(None, frame),
            Some(_) => mapped.and_then(|m| new.child_with_frame(Some(m), frame)),
        };
        memo.insert(c, next);
        mapped = next;
    }
    mapped
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
                old,
                selected,
                others: others.to_vec(),
            });
        }
        let Some(new) = want else {
            return Rebind::Unbound;
        };
        self.tree = Some(new.clone());
        let Some(c) = self.carried.take() else {
            return Rebind::New(None, Vec::new());
        };
        let mut memo = HashMap::new();
        // The selection keeps its deepest ancestor that still exists.
        let mut sel = None;
        let mut s = c.selected;
        while let Some(n) = s {
            sel = map(&c.old, new, n, &mut memo);
            if sel.is_some() {
                break;
            }
            s = c.old.parent(n);
        }
        let others = c
            .others
            .iter()
            .filter_map(|&n| map(&c.old, new, n, &mut memo))
            .collect();
        Rebind::New(sel, others)
    }
}
