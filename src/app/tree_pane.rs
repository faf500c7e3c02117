//! The call-tree pane: expansion and selection kept per direction by tree node (remapped
//! when the tree is replaced), flattened into rows only where expanded.

use std::collections::HashSet;
use std::sync::Arc;

use super::Action;
use super::input::Mouse;
use super::list_state::{TableState, list_delta, list_mouse};
use super::pane::{Ctx, Effect, Pane};
use super::tree_binding::{Rebind, TreeBinding};
use crate::analysis::call_tree::{CallTree, Direction};
use crate::analysis::{FuncId, TreeNodeId};
use crate::jobs::JobKey;

/// At most this many nodes are opened by one "expand the subtree".
pub const EXPANDED_AT_ONCE: usize = 5_000;

/// One visible row of the tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TreeRow {
    /// Tree node.
    pub node: TreeNodeId,
    /// Indentation level.
    pub depth: u32,
    /// Whether it has children with a value for the current type.
    pub has_children: bool,
    /// Whether it is expanded.
    pub expanded: bool,
}

/// The pane's state for one direction.
#[derive(Clone, Debug, Default)]
pub struct TreeSide {
    binding: TreeBinding,
    expanded: HashSet<TreeNodeId>,
    selected: Option<TreeNodeId>,
    rows: Vec<TreeRow>,
    table: TableState,
    /// The sample type `rows` were built for; None when they must be rebuilt.
    built_for: Option<usize>,
    /// The scroll offset to take again once the tree is bound anew (it was let go of).
    scroll: Option<usize>,
}

/// State of the call-tree pane.
#[derive(Clone, Debug, Default)]
pub struct TreePane {
    direction: Direction,
    sides: [TreeSide; 2],
}

fn slot(d: Direction) -> usize {
    match d {
        Direction::TopDown => 0,
        Direction::BottomUp => 1,
    }
}

impl TreeSide {
    fn bind(&mut self, want: Option<&Arc<CallTree>>) {
        let others: Vec<TreeNodeId> = self.expanded.iter().copied().collect();
        match self.binding.rebind(want, self.selected, &others) {
            Rebind::Same => {}
            Rebind::Unbound => self.forget(),
            Rebind::New(sel, exp) => {
                self.selected = sel;
                self.expanded = exp.into_iter().collect();
                self.built_for = None;
            }
        }
    }

    /// Forgets the ids and rows (the tree is let go of), keeping the scroll offset to
    /// take again.
    fn forget(&mut self) {
        if !self.rows.is_empty() {
            self.scroll = Some(self.table.offset);
        }
        self.expanded.clear();
        self.selected = None;
        self.rows.clear();
        self.table = TableState::default();
        self.built_for = None;
    }

    /// Lets go of the tree (its places carried as call paths) and forgets the rows.
    fn release(&mut self) {
        let others: Vec<TreeNodeId> = self.expanded.iter().copied().collect();
        self.binding.release(self.selected, &others);
        self.forget();
    }

    /// Lets go of the tree for another snapshot's (functions translated by `map`).
    fn rebase(&mut self, map: &dyn Fn(FuncId) -> Option<FuncId>) {
        let others: Vec<TreeNodeId> = self.expanded.iter().copied().collect();
        self.binding.rebase(self.selected, &others, map);
        self.forget();
    }

    /// Rebuilds the rows if the expansion, the tree or the type changed since the last
    /// build; else only keeps the cursor in bounds (moving never rebuilds).
    fn refresh(&mut self, t: usize, page: usize) {
        if self.built_for == Some(t) {
            self.table.clamp(self.rows.len(), page);
        } else {
            self.rebuild(t, page);
        }
    }

    /// Rebuilds the visible rows for type `t`, keeping the selection on its node (or the
    /// nearest visible ancestor).
    fn rebuild(&mut self, t: usize, page: usize) {
        self.built_for = Some(t);
        let Some(tree) = self.binding.tree().cloned() else {
            self.rows.clear();
            self.table = TableState::default();
            self.built_for = None;
            return;
        };
        let mut rows = Vec::new();
        let mut stack: Vec<TreeNodeId> = tree.sorted_children(None, t).into_iter().rev().collect();
        while let Some(n) = stack.pop() {
            let kids = tree.sorted_children(Some(n), t);
            let expanded = self.expanded.contains(&n);
            rows.push(TreeRow {
                node: n,
                depth: tree.depth(n),
                has_children: !kids.is_empty(),
                expanded,
            });
            if expanded {
                stack.extend(kids.into_iter().rev());
            }
        }
        self.rows = rows;
        let at: std::collections::HashMap<TreeNodeId, usize> = self
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| (r.node, i))
            .collect();
        let mut want = self.selected;
        let len = self.rows.len();
        let found = loop {
            let Some(w) = want else { break None };
            if let Some(&i) = at.get(&w) {
                break Some(i);
            }
            want = tree.parent(w);
        };
        // Where the view was scrolled before the tree was let go of, if still in view.
        if let Some(offset) = self.scroll.take() {
            self.table.offset = offset;
        }
        match found {
            Some(i) => self.table.select(i, len, page),
            None => {
                self.table.clamp(len, page);
                self.selected = self.rows.get(self.table.selected).map(|r| r.node);
            }
        }
    }

    /// Expands every ancestor of `node` and selects it.
    fn reveal(&mut self, tree: &CallTree, node: TreeNodeId) {
        let mut p = tree.parent(node);
        while let Some(x) = p {
            self.expanded.insert(x);
            p = tree.parent(x);
        }
        self.selected = Some(node);
        self.built_for = None;
    }

    fn current(&self) -> Option<TreeRow> {
        self.rows.get(self.table.selected).copied()
    }

    /// After the cursor moved: remember the node, share its function.
    fn moved(&mut self) -> Option<FuncId> {
        self.selected = self.current().map(|r| r.node);
        let tree = self.binding.tree()?;
        self.selected.and_then(|n| tree.frame(n))
    }
}

impl TreePane {
    /// Top-down or bottom-up.
    pub fn direction(&self) -> Direction {
        self.direction
    }

    /// Shows the tree of direction `d` (each direction keeps its own places).
    pub fn set_direction(&mut self, d: Direction) {
        self.direction = d;
    }

    fn side(&self) -> &TreeSide {
        &self.sides[slot(self.direction)]
    }

    fn side_mut(&mut self) -> &mut TreeSide {
        &mut self.sides[slot(self.direction)]
    }

    /// The tree shown (bound), once computed.
    pub fn tree(&self) -> Option<&Arc<CallTree>> {
        self.side().binding.tree()
    }

    /// The visible rows.
    pub fn rows(&self) -> &[TreeRow] {
        &self.side().rows
    }

    /// Selection and scroll.
    pub fn table(&self) -> TableState {
        self.side().table
    }

    fn toggle(&mut self, n: TreeNodeId, open: Option<bool>) {
        let s = self.side_mut();
        s.built_for = None;
        let is_open = s.expanded.contains(&n);
        match open.unwrap_or(!is_open) {
            true => s.expanded.insert(n),
            false => s.expanded.remove(&n),
        };
    }
}

impl Pane for TreePane {
    fn needs(&self, cx: &Ctx) -> Vec<JobKey> {
        vec![JobKey::Tree(self.direction, cx.key.filters)]
    }

    fn sync(&mut self, cx: &Ctx) -> Option<FuncId> {
        let (t, page) = (cx.key.sample.index(), cx.page());
        let want = cx.jobs.tree(self.direction, cx.key.filters);
        let s = self.side_mut();
        s.bind(want);
        let tree = s.binding.tree()?.clone();
        let on_func = s.selected.and_then(|n| tree.frame(n)) == cx.selection;
        if !on_func && let Some(n) = cx.selection.and_then(|f| tree.heaviest_of(f, t)) {
            s.reveal(&tree, n);
        }
        s.refresh(t, page);
        s.moved().filter(|&f| Some(f) != cx.selection)
    }

    fn act(&mut self, a: Action, cx: &Ctx) -> Effect {
        let (t, page) = (cx.key.sample.index(), cx.page());
        if a == Action::ToggleDirection {
            self.direction = match self.direction {
                Direction::TopDown => Direction::BottomUp,
                Direction::BottomUp => Direction::TopDown,
            };
            return Effect::done();
        }
        let Some(tree) = self.tree().cloned() else {
            return Effect::ignored();
        };
        let len = self.rows().len();
        if let Some(d) = list_delta(a, page) {
            let s = self.side_mut();
            s.table.move_by(d, len, page);
            return Effect::select(s.moved());
        }
        let Some(row) = self.side().current() else {
            return Effect::ignored();
        };
        let n = row.node;
        match a {
            Action::Activate if row.has_children => self.toggle(n, None),
            Action::Right if row.has_children && !row.expanded => self.toggle(n, Some(true)),
            Action::Right if row.expanded => {
                let s = self.side_mut();
                s.table.move_by(1, len, page);
                return Effect::select(s.moved());
            }
            Action::Left if row.expanded => self.toggle(n, Some(false)),
            Action::Left => {
                let s = self.side_mut();
                if let Some(p) = tree.parent(n)
                    && let Some(i) = s.rows.iter().position(|r| r.node == p)
                {
                    s.table.select(i, len, page);
                }
                return Effect::select(s.moved());
            }
            Action::ExpandSubtree => {
                // Heaviest paths first, up to a bound: a subtree of a large profile can
                // hold millions of paths.
                let mut stack = vec![n];
                let mut opened = 0;
                while let Some(x) = stack.pop() {
                    let kids = tree.sorted_children(Some(x), t);
                    if !kids.is_empty() {
                        let s = self.side_mut();
                        s.expanded.insert(x);
                        s.built_for = None;
                        opened += 1;
                        if opened == EXPANDED_AT_ONCE {
                            break;
                        }
                    }
                    stack.extend(kids.into_iter().rev());
                }
            }
            Action::CollapseAll => {
                let s = self.side_mut();
                s.expanded.clear();
                s.selected = Some(tree.root_of(n));
                s.built_for = None;
            }
            Action::Activate | Action::Right => return Effect::done(),
            _ => return Effect::ignored(),
        }
        let s = self.side_mut();
        s.rebuild(t, page);
        Effect::select(s.moved())
    }

    fn mouse(&mut self, m: Mouse, cx: &Ctx) -> Effect {
        let len = self.rows().len();
        let s = self.side_mut();
        if !list_mouse(&mut s.table, m, cx.layout.body, len) {
            return Effect::ignored();
        }
        Effect::select(s.moved())
    }

    fn names(&self, cx: &Ctx) -> Vec<String> {
        let Some(tree) = self.tree() else {
            return Vec::new();
        };
        self.rows()
            .iter()
            .map(|r| tree.frame(r.node).map(|f| cx.name(f)).unwrap_or_default())
            .collect()
    }

    fn cursor(&self, _cx: &Ctx) -> usize {
        self.side().table.selected
    }

    fn set_cursor(&mut self, i: usize, cx: &Ctx) -> Option<FuncId> {
        let len = self.rows().len();
        let s = self.side_mut();
        s.table.select(i, len, cx.page());
        s.moved()
    }

    fn position(&self) -> Option<(usize, usize)> {
        self.tree()
            .map(|_| (self.side().table.selected, self.rows().len()))
    }

    /// Lets go of both trees (another filter set is shown): their places are carried as
    /// call paths into the trees computed for it, and the old trees can be freed.
    fn release(&mut self) {
        self.sides.iter_mut().for_each(TreeSide::release);
    }

    fn rebase(&mut self, map: &dyn Fn(FuncId) -> Option<FuncId>) {
        self.sides.iter_mut().for_each(|s| s.rebase(map));
    }
}
