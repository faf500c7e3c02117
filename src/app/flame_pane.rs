//! The flame graph pane: a zoom stack and a selected frame, with keyboard moves over the
//! top-down call tree (siblings at the same depth, parent, heaviest child).

use crate::analysis::call_tree::{CallTree, NO_PARENT};

/// State of the flame graph pane.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FlameState {
    /// Zoomed-into frames, outermost first; empty shows everything.
    pub zoom: Vec<u32>,
    /// The selected frame.
    pub selected: Option<u32>,
}

impl FlameState {
    /// The frame the graph is zoomed into.
    pub fn root(&self) -> Option<u32> {
        self.zoom.last().copied()
    }

    /// Whether `node` is the zoom root or below it.
    pub fn in_view(&self, tree: &CallTree, node: u32) -> bool {
        let Some(root) = self.root() else { return true };
        let mut n = node;
        while n != NO_PARENT {
            if n == root {
                return true;
            }
            n = tree.nodes[n as usize].parent;
        }
        false
    }

    /// Frames at `depth` in drawing order (left to right) within the zoom, for type `t`.
    pub fn row_at(&self, tree: &CallTree, t: usize, depth: u32) -> Vec<u32> {
        let mut out = Vec::new();
        let mut stack: Vec<u32> = match self.root() {
            Some(r) => vec![r],
            None => tree.sorted_children(None, t).into_iter().rev().collect(),
        };
        while let Some(n) = stack.pop() {
            let d = tree.nodes[n as usize].depth;
            if d == depth {
                out.push(n);
            } else if d < depth {
                stack.extend(tree.sorted_children(Some(n), t).into_iter().rev());
            }
        }
        out
    }

    /// Moves to the neighbour at the same depth (`delta` = -1 left, +1 right).
    pub fn sideways(&mut self, tree: &CallTree, t: usize, delta: isize) {
        let Some(sel) = self.selected else { return };
        let row = self.row_at(tree, t, tree.nodes[sel as usize].depth);
        if let Some(i) = row.iter().position(|&n| n == sel) {
            let j = (i as isize + delta).clamp(0, row.len() as isize - 1) as usize;
            self.selected = Some(row[j]);
        }
    }

    /// Moves to the parent, staying inside the zoom.
    pub fn up(&mut self, tree: &CallTree) {
        if let Some(sel) = self.selected {
            let p = tree.nodes[sel as usize].parent;
            if p != NO_PARENT && self.root() != Some(sel) {
                self.selected = Some(p);
            }
        }
    }

    /// Moves to the heaviest child.
    pub fn down(&mut self, tree: &CallTree, t: usize) {
        if let Some(sel) = self.selected
            && let Some(&c) = tree.sorted_children(Some(sel), t).first()
        {
            self.selected = Some(c);
        }
    }

    /// Makes sure something visible is selected.
    pub fn ensure_selection(&mut self, tree: &CallTree, t: usize) {
        let ok = self
            .selected
            .is_some_and(|s| self.in_view(tree, s) && tree.cum(s, t) != 0);
        if !ok {
            self.selected = self
                .root()
                .or_else(|| tree.sorted_children(None, t).first().copied());
        }
    }
}
