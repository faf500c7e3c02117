//! The flame graph pane: a zoom stack and a selected frame over the call tree (remapped
//! when the tree is replaced) — top-down, or bottom-up as an icicle whose roots are the
//! functions where the cost was taken — with keyboard moves (siblings at the same depth,
//! parent, heaviest child) and clicks hit-tested on the same layout the renderer draws.

use std::sync::Arc;

use super::Action;
use super::flame_layout::{self, FlameLayout, Input, Piece};
use super::input::Mouse;
use super::pane::{Ctx, Effect, Pane};
use super::places::PanePlace;
use super::tree_binding::{Rebind, TreeBinding};
use crate::analysis::call_tree::{CallTree, Direction};
use crate::analysis::{FuncId, NodeTable, TreeNodeId};
use crate::jobs::JobKey;

/// How many frames a search in the flame graph looks at, in drawing order.
pub const SEARCHED_FRAMES: usize = 20_000;

/// The first frame at `depth` in `n`'s subtree, in drawing order (`forward`) or from the
/// right; only frames with a value for type `t` count.
fn first_at_depth(
    tree: &CallTree,
    t: usize,
    n: TreeNodeId,
    depth: u32,
    forward: bool,
) -> Option<TreeNodeId> {
    let mut stack = vec![n];
    while let Some(x) = stack.pop() {
        if tree.depth(x) == depth {
            return Some(x);
        }
        let mut kids = tree.sorted_children(Some(x), t);
        if forward {
            kids.reverse();
        }
        stack.extend(kids);
    }
    None
}

/// State of the flame graph pane.
#[derive(Clone, Debug, Default)]
pub struct FlamePane {
    /// Top-down (callers above callees), or bottom-up (where the cost was taken on top,
    /// its callers below).
    direction: Direction,
    binding: TreeBinding,
    /// Zoomed-into frames, outermost first; empty shows everything.
    zoom: Vec<TreeNodeId>,
    /// The selected frame.
    selected: Option<TreeNodeId>,
    /// A place `back` returned to, found in the tree once it is bound.
    pending: Option<PanePlace>,
}

impl FlamePane {
    /// Top-down, or bottom-up (the icicle).
    pub fn direction(&self) -> Direction {
        self.direction
    }

    /// Shows the tree of direction `d`. Its frames are other nodes, so the zoom goes; the
    /// selected function stays (its heaviest node there is selected once the tree binds).
    pub fn set_direction(&mut self, d: Direction) {
        if d != self.direction {
            self.direction = d;
            self.binding = TreeBinding::default();
            self.zoom.clear();
            self.selected = None;
        }
    }

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

    /// The frames the zoom starts from: the zoom root, else every root, in drawing order.
    fn tops(&self, tree: &CallTree, t: usize) -> Vec<TreeNodeId> {
        match self.root() {
            Some(r) => vec![r],
            None => tree.sorted_children(None, t),
        }
    }

    /// Frames within the zoom in drawing order (left to right, top down), at most
    /// [`SEARCHED_FRAMES`] of them: a large profile has millions, made only when seen.
    pub fn order(&self, tree: &CallTree, t: usize) -> Vec<TreeNodeId> {
        let mut out = Vec::new();
        let mut stack: Vec<TreeNodeId> = self.tops(tree, t).into_iter().rev().collect();
        while let Some(n) = stack.pop() {
            if out.len() == SEARCHED_FRAMES {
                break;
            }
            out.push(n);
            stack.extend(tree.sorted_children(Some(n), t).into_iter().rev());
        }
        out
    }

    /// The last frame in drawing order: the last child of the last child, down to a leaf.
    fn last_frame(&self, tree: &CallTree, t: usize) -> Option<TreeNodeId> {
        let mut n = self.tops(tree, t).last().copied()?;
        while let Some(&c) = tree.sorted_children(Some(n), t).last() {
            n = c;
        }
        Some(n)
    }

    /// The frame at the same depth as `from` next to it in drawing order (`forward`: to
    /// the right), within the zoom; visits only the subtrees between the two.
    fn beside(
        &self,
        tree: &CallTree,
        t: usize,
        from: TreeNodeId,
        forward: bool,
    ) -> Option<TreeNodeId> {
        let depth = tree.depth(from);
        let mut cur = from;
        while Some(cur) != self.root() {
            let parent = tree.parent(cur);
            let mut row = match parent {
                Some(p) => tree.sorted_children(Some(p), t),
                None => tree.sorted_children(None, t),
            };
            if !forward {
                row.reverse();
            }
            let at = row.iter().position(|&n| n == cur)?;
            for &sib in &row[at + 1..] {
                if let Some(hit) = first_at_depth(tree, t, sib, depth, forward) {
                    return Some(hit);
                }
            }
            cur = parent?;
        }
        None
    }

    /// Where the frames go in `width` × `height` cells for sample type `t` (names from
    /// `frames`): what the renderer draws and clicks hit.
    pub fn layout(
        &self,
        frames: &NodeTable,
        t: usize,
        width: u16,
        height: u16,
    ) -> Option<FlameLayout> {
        let tree = self.tree()?;
        let name = |n: TreeNodeId| {
            tree.frame(n)
                .map(|f| frames.func_name(f))
                .unwrap_or_default()
        };
        Some(flame_layout::layout(&Input {
            tree,
            root: self.root(),
            t,
            width,
            height,
            selected: self.selected,
            name: &name,
        }))
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

    /// Takes a pending place (see [`Pane::restore`]): the deepest frame of its call path
    /// that `tree` has is selected, with the zoom roots on the path that exist.
    fn find_pending(&mut self, tree: &CallTree) {
        let Some(PanePlace::Frame { path, zoom }) = self.pending.take() else {
            return;
        };
        let mut nodes = Vec::with_capacity(path.len());
        for &f in &path {
            match tree.child_with_frame(nodes.last().copied(), f) {
                Some(n) => nodes.push(n),
                None => break,
            }
        }
        if let Some(&last) = nodes.last() {
            self.selected = Some(last);
            self.zoom = zoom.iter().filter_map(|&d| nodes.get(d).copied()).collect();
        }
    }
}

impl Pane for FlamePane {
    fn needs(&self, cx: &Ctx) -> Vec<JobKey> {
        vec![JobKey::Tree(self.direction, cx.key.filters)]
    }

    fn sync(&mut self, cx: &Ctx) -> Option<FuncId> {
        let t = cx.key.sample.index();
        let want = cx.jobs.tree(self.direction, cx.key.filters);
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
        self.find_pending(&tree);
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
        if a == Action::ToggleDirection {
            self.set_direction(match self.direction {
                Direction::TopDown => Direction::BottomUp,
                Direction::BottomUp => Direction::TopDown,
            });
            return Effect::done();
        }
        let Some(tree) = self.tree().cloned() else {
            return Effect::ignored();
        };
        let t = cx.key.sample.index();
        let Some(sel) = self.selected else {
            return Effect::ignored();
        };
        match a {
            Action::Left | Action::Right => {
                if let Some(n) = self.beside(&tree, t, sel, a == Action::Right) {
                    self.selected = Some(n);
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
            Action::First => {
                self.selected = self.tops(&tree, t).first().copied().or(self.selected);
            }
            Action::Last => self.selected = self.last_frame(&tree, t).or(self.selected),
            Action::Activate => {
                if self.root() == Some(sel) {
                    return Effect::done();
                }
                // Zooming in is a jump: `back` returns to the graph as it was.
                self.zoom.push(sel);
                self.ensure_selection(&tree, t);
                return Effect::jump(self.selected_func());
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
        let r = cx.layout.body;
        if self.tree().is_none() || !r.contains(x, y) {
            return Effect::ignored();
        }
        let t = cx.key.sample.index();
        let Some(l) = self.layout(cx.frames, t, r.width, r.height) else {
            return Effect::ignored();
        };
        let (col, row) = (x - r.x, y - r.y);
        if l.window.marker_row() == Some(row) {
            // The marker row: up to the caller just above the rows below it.
            if let Some(n) = l.above_marker {
                self.selected = Some(n);
            }
        } else if let Some(c) = l.at(col, row) {
            self.selected = Some(match c.piece {
                Piece::Frame(n) => n,
                // A block of narrow frames: the heaviest of them (drawn alone once selected).
                Piece::More { heaviest, .. } => heaviest,
            });
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

    fn can_back(&self) -> bool {
        self.is_zoomed()
    }

    fn place(&self) -> Option<PanePlace> {
        if let Some(p) = &self.pending {
            return Some(p.clone());
        }
        let tree = self.tree()?;
        let path = tree.path(self.selected?);
        let zoom = self.zoom.iter().map(|&z| tree.depth(z) as usize).collect();
        Some(PanePlace::Frame { path, zoom })
    }

    fn restore(&mut self, at: &PanePlace, _cx: &Ctx) {
        if matches!(at, PanePlace::Frame { .. }) {
            self.pending = Some(at.clone());
        }
    }

    /// Lets go of the tree (another filter set is shown): the zoom and selection are
    /// carried as call paths into the tree computed for it.
    fn release(&mut self) {
        self.binding.release(self.selected, &self.zoom);
        self.zoom.clear();
        self.selected = None;
    }

    fn rebase(&mut self, map: &dyn Fn(FuncId) -> Option<FuncId>) {
        self.pending = self.pending.take().and_then(|p| p.translated(map));
        self.binding.rebase(self.selected, &self.zoom, map);
        self.zoom.clear();
        self.selected = None;
    }
}
