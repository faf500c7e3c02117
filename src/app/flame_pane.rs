//! The flame graph pane: a zoom stack and a selected frame over the top-down call tree
//! (remapped when the tree is replaced), with keyboard moves (siblings at the same depth,
//! parent, heaviest child) and clicks hit-tested on the same layout the renderer draws.

use std::sync::Arc;

use super::Action;
use super::flame_layout;
use super::input::Mouse;
use super::pane::{Ctx, Effect, Pane};
use super::tree_binding::{Rebind, TreeBinding};
use crate::analysis::call_tree::{CallTree, Direction};
use crate::analysis::{FuncId, TreeNodeId};
use crate::jobs::JobKey;

/// State of the flame graph pane.
#[derive(Clone, Debug, Default)]
pub struct FlamePane {
    binding: TreeBinding,
    /// Zoomed-into frames, outermost first; empty shows everything.
    zoom: Vec<TreeNodeId>,
    /// The selected frame.
    selected: Option<TreeNodeId>,
}

impl FlamePane {
    /// The tree shown (bound), once computed.
    pub fn tree(&self) -> Option<&Arc<CallTree>> {
        self.binding.tree()
    }

    /// The frame the graph is zoomed into.
    pub fn root(&self) -> Option<TreeNodeId> {
        self.zoom.last().copied()
    }

    /// The zoom stack, outermost first.
    pub fn zoom(&self) -> &[TreeNodeId] {
        &self.zoom
    }

    /// The selected frame.
    pub fn selected(&self) -> Option<TreeNodeId> {
        self.selected
    }

    /// Whether the graph is zoomed.
    pub fn is_zoomed(&self) -> bool {
        !self.zoom.is_empty()
    }

    /// Leaves the innermost zoom; false when not zoomed.
    pub fn zoom_out(&mut self) -> bool {
        self.zoom.pop().is_some()
    }

    /// Whether `node` is the zoom root or below it.
    fn in_view(&self, tree: &CallTree, node: TreeNodeId) -> bool {
        let Some(root) = self.root() else {
            return tree.contains(node);
        };
        let mut n = Some(node);
        while let Some(x) = n {
            if x == root {
                return true;
            }
            n = tree.parent(x);
        }
        false
    }

    /// Every frame within the zoom, in drawing order (left to right, top down).
    pub fn order(&self, tree: &CallTree, t: usize) -> Vec<TreeNodeId> {
        let mut out = Vec::new();
        let mut stack: Vec<TreeNodeId> = match self.root() {
            Some(r) => vec![r],
            None => tree.sorted_children(None, t).into_iter().rev().collect(),
        };
        while let Some(n) = stack.pop() {
            out.push(n);
            stack.extend(tree.sorted_children(Some(n), t).into_iter().rev());
        }
        out
    }

    /// Frames at `depth` in drawing order within the zoom.
    fn row_at(&self, tree: &CallTree, t: usize, depth: u32) -> Vec<TreeNodeId> {
        let mut out = Vec::new();
        let mut stack: Vec<TreeNodeId> = match self.root() {
            Some(r) => vec![r],
            None => tree.sorted_children(None, t).into_iter().rev().collect(),
        };
        while let Some(n) = stack.pop() {
            let d = tree.depth(n);
            if d == depth {
                out.push(n);
            } else if d < depth {
                stack.extend(tree.sorted_children(Some(n), t).into_iter().rev());
            }
        }
        out
    }

    /// Number of levels that fit in `height` rows, and the first level shown (so that
    /// the selected frame is visible).
    pub fn window(&self, height: u16) -> (u32, u32) {
        let levels = u32::from(height).max(1);
        let (Some(tree), Some(sel)) = (self.tree(), self.selected) else {
            return (0, levels);
        };
        let base = self.root().map_or(0, |r| tree.depth(r));
        let rel = tree.depth(sel).saturating_sub(base);
        (rel.saturating_sub(levels - 1), levels)
    }

    /// Makes sure something visible is selected.
    fn ensure_selection(&mut self, tree: &CallTree, t: usize) {
        let ok = self
            .selected
            .is_some_and(|s| self.in_view(tree, s) && tree.cum(s, t) != 0);
        if !ok {
            self.selected = self
                .root()
                .or_else(|| tree.sorted_children(None, t).first().copied());
        }
    }

    fn selected_func(&self) -> Option<FuncId> {
        self.tree()?.frame(self.selected?)
    }
}

impl Pane for FlamePane {
    fn needs(&self, cx: &Ctx) -> Vec<JobKey> {
        vec![JobKey::Tree(Direction::TopDown, cx.key.filters)]
    }

    fn sync(&mut self, cx: &Ctx) -> Option<FuncId> {
        let t = cx.key.sample.index();
        let want = cx.jobs.tree(Direction::TopDown, cx.key.filters);
        match self.binding.rebind(want, self.selected, &self.zoom) {
            Rebind::Same => {}
            Rebind::Unbound => {
                self.zoom.clear();
                self.selected = None;
            }
            Rebind::New(sel, zoom) => {
                self.selected = sel;
                self.zoom = zoom;
            }
        }
        let tree = self.tree()?.clone();
        // A zoom root without a value for this type shows nothing: leave it.
        while self.root().is_some_and(|r| tree.cum(r, t) == 0) {
            self.zoom.pop();
        }
        let on_func = self.selected.and_then(|n| tree.frame(n)) == cx.selection;
        if !on_func && let Some(n) = cx.selection.and_then(|f| tree.heaviest_of(f, t)) {
            if !self.in_view(&tree, n) {
                self.zoom.clear();
            }
            self.selected = Some(n);
        }
        self.ensure_selection(&tree, t);
        self.selected_func().filter(|&f| Some(f) != cx.selection)
    }

    fn act(&mut self, a: Action, cx: &Ctx) -> Effect {
        let Some(tree) = self.tree().cloned() else {
            return Effect::ignored();
        };
        let t = cx.key.sample.index();
        let Some(sel) = self.selected else {
            return Effect::ignored();
        };
        match a {
            Action::Left | Action::Right => {
                let row = self.row_at(&tree, t, tree.depth(sel));
                if let Some(i) = row.iter().position(|&n| n == sel) {
                    let j = if a == Action::Left {
                        i.saturating_sub(1)
                    } else {
                        (i + 1).min(row.len() - 1)
                    };
                    self.selected = Some(row[j]);
                }
            }
            Action::Up => {
                if self.root() != Some(sel) {
                    self.selected = tree.parent(sel).or(Some(sel));
                }
            }
            Action::Down => {
                if let Some(&c) = tree.sorted_children(Some(sel), t).first() {
                    self.selected = Some(c);
                }
            }
            Action::First | Action::Last => {
                let order = self.order(&tree, t);
                let pick = if a == Action::First {
                    order.first()
                } else {
                    order.last()
                };
                self.selected = pick.copied().or(self.selected);
            }
            Action::Activate => {
                if self.root() != Some(sel) {
                    self.zoom.push(sel);
                }
            }
            _ => return Effect::ignored(),
        }
        self.ensure_selection(&tree, t);
        Effect::select(self.selected_func())
    }

    fn mouse(&mut self, m: Mouse, cx: &Ctx) -> Effect {
        let Mouse::Click(x, y) = m else {
            return Effect::ignored();
        };
        let r = cx.layout.flame;
        let Some(tree) = self.tree().cloned() else {
            return Effect::ignored();
        };
        if !r.contains(x, y) {
            return Effect::ignored();
        }
        let t = cx.key.sample.index();
        let (first, levels) = self.window(r.height);
        let cells = flame_layout::layout(&tree, self.root(), t, r.width, first, levels, None);
        let (cx0, cy) = (x - r.x, u32::from(y - r.y));
        if let Some(c) = cells
            .iter()
            .find(|c| c.level == cy && cx0 >= c.x && cx0 < c.x + c.width)
        {
            self.selected = Some(c.node);
        }
        Effect::select(self.selected_func())
    }

    fn names(&self, cx: &Ctx) -> Vec<String> {
        let Some(tree) = self.tree() else {
            return Vec::new();
        };
        self.order(tree, cx.key.sample.index())
            .iter()
            .map(|&n| tree.frame(n).map(|f| cx.name(f)).unwrap_or_default())
            .collect()
    }

    fn cursor(&self, cx: &Ctx) -> usize {
        let Some(tree) = self.tree() else { return 0 };
        let order = self.order(tree, cx.key.sample.index());
        self.selected
            .and_then(|s| order.iter().position(|&n| n == s))
            .unwrap_or(0)
    }

    fn set_cursor(&mut self, i: usize, cx: &Ctx) -> Option<FuncId> {
        let tree = self.tree()?.clone();
        let order = self.order(&tree, cx.key.sample.index());
        self.selected = order.get(i).copied().or(self.selected);
        self.selected_func()
    }

    fn position(&self) -> Option<(usize, usize)> {
        None
    }

    fn back(&mut self) -> bool {
        self.zoom_out()
    }
}
