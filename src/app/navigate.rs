//! Moves within the focused pane, and keeping every pane on the one shared selection
//! (the selected function): choosing a function anywhere selects it everywhere.

use super::flame_layout;
use super::{Action, App, Command, Job, PaneId};
use crate::analysis::Granularity;
use crate::analysis::call_tree::{CallTree, Direction};
use crate::analysis::top::TopRow;
use crate::analysis::view::TopView;

/// The list movement an action asks for, given a page size.
fn list_delta(a: &Action, page: usize) -> Option<isize> {
    let page = page as isize;
    let half = (page / 2).max(1);
    Some(match a {
        Action::Up => -1,
        Action::Down => 1,
        Action::PageUp => -page,
        Action::PageDown => page,
        Action::HalfPageUp => -half,
        Action::HalfPageDown => half,
        Action::First => isize::MIN / 2,
        Action::Last => isize::MAX / 2,
        _ => return None,
    })
}

impl App {
    /// Number of flame-graph levels that fit, and the first level shown (so that the
    /// selected frame is visible).
    pub fn flame_window(&self) -> (u32, u32) {
        let levels = u32::from(self.layout.flame.height).max(1);
        let (Some(tree), Some(sel)) = (self.flame_tree(), self.flame.selected) else {
            return (0, levels);
        };
        let base = self
            .flame
            .root()
            .map_or(0, |r| tree.nodes[r as usize].depth);
        let rel = tree.nodes[sel as usize].depth.saturating_sub(base);
        (rel.saturating_sub(levels - 1), levels)
    }

    /// Brings the focused pane to the shared selection.
    pub(crate) fn sync_focused(&mut self) {
        let t = self.key.sample_index;
        let page = self.page();
        match self.focus {
            PaneId::Top => {
                let Some(view) = self.views.get(&self.key).cloned() else {
                    return;
                };
                self.refresh_top_rows(&view);
                let len = self.top_len(&view);
                let found = self.func.and_then(|f| {
                    (0..len)
                        .find(|&i| self.row_func(&view, i) == Some(f))
                        .or_else(|| self.row_of_file(&view, f))
                });
                let i = found.unwrap_or(self.table.selected);
                self.table.select(i, len, page);
                if self.func.is_none() {
                    self.func = self.row_func(&view, self.table.selected);
                }
            }
            PaneId::Tree => {
                let Some(tree) = self.call_tree().cloned() else {
                    return;
                };
                let on_func =
                    self.tree.selected().map(|n| tree.nodes[n as usize].frame) == self.func;
                if !on_func && let Some(n) = self.func.and_then(|f| tree.heaviest_of(f, t)) {
                    self.tree.reveal(&tree, n);
                }
                self.tree.rebuild(&tree, t, page);
                self.func = self
                    .tree
                    .current()
                    .map(|r| tree.nodes[r.node as usize].frame)
                    .or(self.func);
            }
            PaneId::Peek => {
                let (Some(edges), Some(f)) = (self.edge_index().cloned(), self.func) else {
                    return;
                };
                self.peek.rebuild(&edges, f, page);
            }
            PaneId::Source => self.sync_source(),
            PaneId::Flame => {
                let Some(tree) = self.flame_tree().cloned() else {
                    return;
                };
                let on_func =
                    self.flame.selected.map(|n| tree.nodes[n as usize].frame) == self.func;
                if !on_func && let Some(n) = self.func.and_then(|f| tree.heaviest_of(f, t)) {
                    if !self.flame.in_view(&tree, n) {
                        self.flame.zoom.clear();
                    }
                    self.flame.selected = Some(n);
                }
                self.flame.ensure_selection(&tree, t);
                self.func = self.flame.selected.map(|n| tree.nodes[n as usize].frame);
            }
        }
    }

    /// Applies a movement or pane-specific action to the focused pane.
    pub(crate) fn pane_action(&mut self, a: Action) -> Vec<Command> {
        if self.overlay.is_some() {
            // An open overlay takes the moves (and the wheel) to scroll itself.
            let d = match a {
                Action::WheelUp(..) => -3,
                Action::WheelDown(..) => 3,
                Action::Up => -1,
                Action::Down => 1,
                Action::HalfPageUp => -5,
                Action::HalfPageDown => 5,
                Action::PageUp => -10,
                Action::PageDown => 10,
                Action::First => i32::MIN,
                Action::Last => i32::MAX,
                _ => 0,
            };
            if d != 0 {
                return self.update(Action::ScrollOverlay(d));
            }
        }
        match self.focus {
            PaneId::Top => self.top_action(&a),
            PaneId::Tree => return self.tree_action(&a),
            PaneId::Peek => self.peek_action(&a),
            PaneId::Flame => return self.flame_action(&a),
            PaneId::Source => return self.source_action(&a),
        }
        Vec::new()
    }

    /// Wheel and click on a list of `len` rows; true when handled.
    fn list_mouse(
        &mut self,
        a: &Action,
        len: usize,
        table: fn(&mut App) -> &mut super::top_pane::TableState,
    ) -> bool {
        let (r, page) = (self.layout.list_rows, self.page());
        match *a {
            Action::WheelUp(..) => table(self).scroll_by(-3, len, page),
            Action::WheelDown(..) => table(self).scroll_by(3, len, page),
            Action::Click(x, y) if self.overlay.is_none() && r.contains(x, y) => {
                let i = table(self).offset + usize::from(y - r.y);
                if i < len {
                    table(self).select(i, len, page);
                }
            }
            _ => return false,
        }
        true
    }

    fn top_action(&mut self, a: &Action) {
        let Some(view) = self.views.get(&self.key).cloned() else {
            return;
        };
        let (len, page) = (self.top_len(&view), self.page());
        if let Some(d) = list_delta(a, page) {
            self.table.move_by(d, len, page);
        } else if !self.list_mouse(a, len, |app| &mut app.table) {
            return;
        }
        if let Some(f) = self.row_func(&view, self.table.selected) {
            self.func = Some(f);
        }
    }

    /// Rows the top table shows: all, or those matching the search when asked.
    fn refresh_top_rows(&mut self, view: &TopView) {
        self.top_rows = (self.match_only && self.search.is_some()).then(|| {
            let rows = &view.report.rows;
            (0..rows.len())
                .filter(|&i| self.is_match(&rows[i].name))
                .collect()
        });
    }

    /// Number of rows the top table shows.
    pub fn top_len(&self, view: &TopView) -> usize {
        self.top_rows
            .as_ref()
            .map_or(view.report.rows.len(), Vec::len)
    }

    /// The row shown at display position `i`.
    pub fn top_row<'v>(&self, view: &'v TopView, i: usize) -> Option<&'v TopRow> {
        let idx = match &self.top_rows {
            Some(v) => *v.get(i)?,
            None => i,
        };
        view.report.rows.get(idx)
    }

    /// The function (functions-granularity node) of the row at display position `i`: the
    /// node itself at functions granularity, else the function of that name.
    fn row_func(&self, view: &TopView, i: usize) -> Option<u32> {
        let row = self.top_row(view, i)?;
        if self.key.granularity == Granularity::Functions {
            return Some(row.node);
        }
        let name = &view.report.nodes.get(row.node as usize)?.name;
        if name.is_empty() {
            return None;
        }
        self.frames
            .infos
            .iter()
            .position(|f| &f.name == name)
            .map(|i| i as u32)
    }

    /// At files granularity, the row of the file that defines function `f`.
    fn row_of_file(&self, view: &TopView, f: u32) -> Option<usize> {
        let name = &self.frames.infos.get(f as usize)?.name;
        let func = self
            .profile
            .functions
            .iter()
            .find(|x| &x.name == name && !x.filename.is_empty())?;
        let file = crate::profile::gopath::clean(&func.filename);
        (0..self.top_len(view)).find(|&i| {
            self.top_row(view, i)
                .and_then(|r| view.report.nodes.get(r.node as usize))
                .is_some_and(|info| info.name.is_empty() && info.file == file)
        })
    }

    /// Names of the focused pane's rows (or flame frames, left to right and top down).
    pub(crate) fn pane_names(&self) -> Vec<String> {
        match self.focus {
            PaneId::Top => self.view().map_or_else(Vec::new, |v| {
                (0..self.top_len(v))
                    .filter_map(|i| self.top_row(v, i).map(|r| r.name.clone()))
                    .collect()
            }),
            PaneId::Tree => self.call_tree().map_or_else(Vec::new, |t| {
                self.tree
                    .rows
                    .iter()
                    .map(|r| self.func_name(t.nodes[r.node as usize].frame))
                    .collect()
            }),
            PaneId::Peek => self
                .peek
                .rows
                .iter()
                .map(|r| self.func_name(r.node))
                .collect(),
            PaneId::Source => self.source_lines(),
            PaneId::Flame => self.flame_tree().map_or_else(Vec::new, |t| {
                self.flame_order(t)
                    .iter()
                    .map(|&n| self.func_name(t.nodes[n as usize].frame))
                    .collect()
            }),
        }
    }

    /// Every frame of the flame graph (within the zoom) in drawing order.
    fn flame_order(&self, tree: &CallTree) -> Vec<u32> {
        let t = self.key.sample_index;
        let mut out = Vec::new();
        let mut stack: Vec<u32> = match self.flame.root() {
            Some(r) => vec![r],
            None => tree.sorted_children(None, t).into_iter().rev().collect(),
        };
        while let Some(n) = stack.pop() {
            out.push(n);
            stack.extend(tree.sorted_children(Some(n), t).into_iter().rev());
        }
        out
    }

    /// Position of the focused pane's selection in [`Self::pane_names`].
    pub(crate) fn pane_cursor(&self) -> usize {
        match self.focus {
            PaneId::Top => self.table.selected,
            PaneId::Tree => self.tree.table.selected,
            PaneId::Peek => self.peek.table.selected,
            PaneId::Source => self.source.cursor.saturating_sub(1) as usize,
            PaneId::Flame => self.flame_tree().map_or(0, |t| {
                let order = self.flame_order(t);
                self.flame
                    .selected
                    .and_then(|s| order.iter().position(|&n| n == s))
                    .unwrap_or(0)
            }),
        }
    }

    /// Selects position `i` of [`Self::pane_names`] in the focused pane.
    pub(crate) fn set_pane_cursor(&mut self, i: usize) {
        let page = self.page();
        match self.focus {
            PaneId::Top => {
                let Some(view) = self.views.get(&self.key).cloned() else {
                    return;
                };
                self.table.select(i, self.top_len(&view), page);
                self.func = self.row_func(&view, i).or(self.func);
            }
            PaneId::Tree => {
                let Some(tree) = self.call_tree().cloned() else {
                    return;
                };
                self.tree.table.select(i, self.tree.rows.len(), page);
                self.tree.set_selected(self.tree.current().map(|r| r.node));
                self.func = self
                    .tree
                    .current()
                    .map(|r| tree.nodes[r.node as usize].frame)
                    .or(self.func);
            }
            PaneId::Peek => self.peek.table.select(i, self.peek.rows.len(), page),
            PaneId::Source => self.source_goto(i as i64 + 1),
            PaneId::Flame => {
                let Some(tree) = self.flame_tree().cloned() else {
                    return;
                };
                let order = self.flame_order(&tree);
                if let Some(&n) = order.get(i) {
                    self.flame.selected = Some(n);
                    self.func = Some(tree.nodes[n as usize].frame);
                }
            }
        }
    }

    fn peek_action(&mut self, a: &Action) {
        let (len, page) = (self.peek.rows.len(), self.page());
        if let Some(d) = list_delta(a, page) {
            self.peek.table.move_by(d, len, page);
        } else if matches!(a, Action::Activate) {
            if let Some(row) = self.peek.rows.get(self.peek.table.selected) {
                self.func = Some(row.node);
                self.sync_focused();
            }
        } else {
            self.list_mouse(a, len, |app| &mut app.peek.table);
        }
    }

    fn tree_action(&mut self, a: &Action) -> Vec<Command> {
        if matches!(a, Action::ToggleDirection) {
            self.tree.direction = match self.tree.direction {
                Direction::TopDown => Direction::BottomUp,
                Direction::BottomUp => Direction::TopDown,
            };
            let cmds = self.ensure(Job::Tree(self.tree.direction, self.key.filters));
            self.sync_focused();
            return cmds;
        }
        let Some(tree) = self.call_tree().cloned() else {
            return Vec::new();
        };
        let (t, page, len) = (self.key.sample_index, self.page(), self.tree.rows.len());
        let cur = self.tree.current();
        if let Some(d) = list_delta(a, page) {
            // Moving needs no rebuild: the rows stay the same.
            self.tree.table.move_by(d, len, page);
            self.tree_selection_moved(&tree);
            return Vec::new();
        } else if self.list_mouse(a, len, |app| &mut app.tree.table) {
            self.tree_selection_moved(&tree);
            return Vec::new();
        } else if let Some(row) = cur {
            let n = row.node;
            match a {
                Action::Activate if row.has_children => {
                    if !self.tree.expanded_mut().remove(&n) {
                        self.tree.expanded_mut().insert(n);
                    }
                }
                Action::Right if row.has_children && !row.expanded => {
                    self.tree.expanded_mut().insert(n);
                }
                Action::Right if row.expanded => {
                    self.tree.table.move_by(1, len, page);
                    self.tree_selection_moved(&tree);
                    return Vec::new();
                }
                Action::Left if row.expanded => {
                    self.tree.expanded_mut().remove(&n);
                }
                Action::Left => {
                    let p = tree.nodes[n as usize].parent;
                    if let Some(i) = self.tree.rows.iter().position(|r| r.node == p) {
                        self.tree.table.select(i, len, page);
                    }
                    self.tree_selection_moved(&tree);
                    return Vec::new();
                }
                Action::ExpandSubtree => self.tree.expand_subtree(&tree, n, t),
                Action::CollapseAll => {
                    self.tree.expanded_mut().clear();
                    let mut root = n;
                    while tree.nodes[root as usize].parent != crate::analysis::call_tree::NO_PARENT
                    {
                        root = tree.nodes[root as usize].parent;
                    }
                    self.tree.set_selected(Some(root));
                }
                _ => return Vec::new(),
            }
        }
        self.tree.rebuild(&tree, t, page);
        self.func = self
            .tree
            .current()
            .map(|r| tree.nodes[r.node as usize].frame)
            .or(self.func);
        Vec::new()
    }

    /// After the tree's selection index moved: remember the node, share its function.
    fn tree_selection_moved(&mut self, tree: &CallTree) {
        let row = self.tree.current();
        self.tree.set_selected(row.map(|r| r.node));
        if let Some(r) = row {
            self.func = Some(tree.nodes[r.node as usize].frame);
        }
    }

    fn flame_action(&mut self, a: &Action) -> Vec<Command> {
        let Some(tree) = self.flame_tree().cloned() else {
            return Vec::new();
        };
        let t = self.key.sample_index;
        match *a {
            Action::Left => self.flame.sideways(&tree, t, -1),
            Action::Right => self.flame.sideways(&tree, t, 1),
            Action::Up => self.flame.up(&tree),
            Action::Down => self.flame.down(&tree, t),
            Action::Activate => {
                if let Some(s) = self.flame.selected
                    && self.flame.root() != Some(s)
                {
                    self.flame.zoom.push(s);
                }
            }
            Action::ZoomOut => {
                if self.flame.zoom.pop().is_none() {
                    return self.update(Action::Back);
                }
            }
            Action::Click(x, y) if self.layout.flame.contains(x, y) => {
                let r = self.layout.flame;
                let (first, levels) = self.flame_window();
                let cells = flame_layout::layout(&tree, &self.flame, t, r.width, first, levels);
                let (cx, cy) = (x - r.x, u32::from(y - r.y));
                if let Some(c) = cells
                    .iter()
                    .find(|c| c.level == cy && cx >= c.x && cx < c.x + c.width)
                {
                    self.flame.selected = Some(c.node);
                }
            }
            _ => return Vec::new(),
        }
        self.flame.ensure_selection(&tree, t);
        self.func = self.flame.selected.map(|n| tree.nodes[n as usize].frame);
        Vec::new()
    }
}
