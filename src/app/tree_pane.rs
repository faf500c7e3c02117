//! The call-tree pane: expansion and selection kept by tree node (stable across sample
//! type switches), flattened into rows only where expanded.

use std::collections::HashSet;

use super::top_pane::TableState;
use crate::analysis::call_tree::{CallTree, Direction};

/// One visible row of the tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TreeRow {
    /// Tree node.
    pub node: u32,
    /// Indentation level.
    pub depth: u32,
    /// Whether it has children with a value for the current type.
    pub has_children: bool,
    /// Whether it is expanded.
    pub expanded: bool,
}

/// State of the call-tree pane.
#[derive(Clone, Debug, Default)]
pub struct TreeState {
    /// Top-down or bottom-up.
    pub direction: Direction,
    /// Expanded nodes, per direction.
    pub expanded: [HashSet<u32>; 2],
    /// Selected tree node, per direction.
    pub selected: [Option<u32>; 2],
    /// Visible rows (rebuilt when expansion, type or tree change).
    pub rows: Vec<TreeRow>,
    /// Selection index and scroll.
    pub table: TableState,
}

fn slot(d: Direction) -> usize {
    match d {
        Direction::TopDown => 0,
        Direction::BottomUp => 1,
    }
}

impl TreeState {
    /// Expanded nodes of the current direction.
    pub fn expanded(&self) -> &HashSet<u32> {
        &self.expanded[slot(self.direction)]
    }

    /// Expanded nodes of the current direction, mutable.
    pub fn expanded_mut(&mut self) -> &mut HashSet<u32> {
        &mut self.expanded[slot(self.direction)]
    }

    /// Selected node of the current direction.
    pub fn selected(&self) -> Option<u32> {
        self.selected[slot(self.direction)]
    }

    /// Sets the selected node of the current direction.
    pub fn set_selected(&mut self, n: Option<u32>) {
        self.selected[slot(self.direction)] = n;
    }

    /// Rebuilds the visible rows of `tree` for sample type `t`, keeping the selection on
    /// its node (or the nearest visible ancestor).
    pub fn rebuild(&mut self, tree: &CallTree, t: usize, page: usize) {
        let mut rows = Vec::new();
        let mut stack: Vec<u32> = tree.sorted_children(None, t).into_iter().rev().collect();
        while let Some(n) = stack.pop() {
            let kids = tree.sorted_children(Some(n), t);
            let expanded = self.expanded().contains(&n);
            rows.push(TreeRow {
                node: n,
                depth: tree.nodes[n as usize].depth,
                has_children: !kids.is_empty(),
                expanded,
            });
            if expanded {
                stack.extend(kids.into_iter().rev());
            }
        }
        self.rows = rows;
        let mut want = self.selected();
        while let Some(w) = want {
            if let Some(i) = self.rows.iter().position(|r| r.node == w) {
                self.table.select(i, self.rows.len(), page);
                return;
            }
            let parent = tree.nodes[w as usize].parent;
            want = (parent != crate::analysis::call_tree::NO_PARENT).then_some(parent);
        }
        self.table
            .select(self.table.selected, self.rows.len(), page);
        self.set_selected(self.rows.get(self.table.selected).map(|r| r.node));
    }

    /// The selected row.
    pub fn current(&self) -> Option<TreeRow> {
        self.rows.get(self.table.selected).copied()
    }

    /// Expands every ancestor of `node` and selects it.
    pub fn reveal(&mut self, tree: &CallTree, node: u32) {
        let mut p = tree.nodes[node as usize].parent;
        while p != crate::analysis::call_tree::NO_PARENT {
            self.expanded_mut().insert(p);
            p = tree.nodes[p as usize].parent;
        }
        self.set_selected(Some(node));
    }

    /// Expands `node` and everything below it that has a value for type `t`.
    pub fn expand_subtree(&mut self, tree: &CallTree, node: u32, t: usize) {
        let mut stack = vec![node];
        while let Some(n) = stack.pop() {
            let kids = tree.sorted_children(Some(n), t);
            if !kids.is_empty() {
                self.expanded_mut().insert(n);
            }
            stack.extend(kids);
        }
    }
}
