//! The butterfly pane (speedscope's sandwich, Firefox's butterfly): the selected
//! function merged over all its call sites, its callers as an expandable tree above it
//! (who calls it, and who calls them) and its callees as one below. Its first level is
//! the callers/callees pane it replaces: pprof's -peek. Expansion and the cursor are kept
//! as call paths from the function when the butterfly is recomputed (another filter set,
//! another snapshot) and found again in the new one.

use std::collections::HashSet;
use std::sync::Arc;

use super::Action;
use super::input::Mouse;
use super::list_state::{TableState, list_delta, list_mouse};
use super::pane::{Ctx, Effect, Pane};
use super::places::{PanePlace, PeekRole};
use super::tree_pane::EXPANDED_AT_ONCE;
use crate::analysis::butterfly::{Butterfly, Half, Side};
use crate::analysis::{FuncId, TreeNodeId};
use crate::jobs::JobKey;

/// What a row of the pane is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// A caller (depth 1: calls the function; deeper: calls the caller above it).
    Caller,
    /// The function itself.
    Focus,
    /// A callee (depth 1: called by the function; deeper: by the callee above it).
    Callee,
}

impl Role {
    /// The half a row's node belongs to (the focus row is the root of both).
    pub fn side(self) -> Side {
        match self {
            Self::Caller => Side::Callers,
            Self::Focus | Self::Callee => Side::Callees,
        }
    }
}

/// One visible row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ButterflyRow {
    /// Caller, the function, or callee.
    pub role: Role,
    /// Its node in its half ([`Role::side`]); the root for the function.
    pub node: TreeNodeId,
    /// 0 for the function, 1 for its direct callers and callees, …
    pub depth: u32,
    /// Whether it has callers (callees) with a value for the current type.
    pub has_children: bool,
    /// Whether they are shown.
    pub expanded: bool,
}

/// Places carried while no butterfly is bound: call paths from the function.
#[derive(Clone, Debug, Default)]
struct Kept {
    expanded: Vec<(Side, Vec<FuncId>)>,
    selected: Option<(Role, Vec<FuncId>)>,
    offset: usize,
}

/// State of the pane.
#[derive(Clone, Debug, Default)]
pub struct ButterflyPane {
    bound: Option<Arc<Butterfly>>,
    /// The function shown (or asked for).
    func: Option<FuncId>,
    /// Expanded nodes of the callers' and the callees' halves.
    expanded: [HashSet<TreeNodeId>; 2],
    rows: Vec<ButterflyRow>,
    /// Selection and scroll.
    pub table: TableState,
    /// The sample type `rows` were built for; None when they must be rebuilt.
    built_for: Option<usize>,
    kept: Option<Kept>,
}

fn slot(side: Side) -> usize {
    match side {
        Side::Callers => 0,
        Side::Callees => 1,
    }
}

impl ButterflyPane {
    /// The function shown, once its butterfly is computed.
    pub fn func(&self) -> Option<FuncId> {
        self.bound.as_ref().map(|b| b.focus())
    }

    /// The butterfly shown.
    pub fn butterfly(&self) -> Option<&Arc<Butterfly>> {
        self.bound.as_ref()
    }

    /// The visible rows.
    pub fn rows(&self) -> &[ButterflyRow] {
        &self.rows
    }

    /// The half a row's node is in.
    pub fn half_of(&self, r: &ButterflyRow) -> Option<&Half> {
        self.bound.as_ref().map(|b| b.half(r.role.side()))
    }

    /// The function of a row.
    pub fn frame(&self, r: &ButterflyRow) -> Option<FuncId> {
        self.half_of(r)?.frame(r.node)
    }

    /// The selected row.
    pub fn current(&self) -> Option<ButterflyRow> {
        self.rows.get(self.table.selected).copied()
    }

    /// Lets go of the butterfly, keeping the expansion and the cursor as call paths.
    fn release_places(&mut self) {
        let Some(b) = self.bound.take() else {
            return;
        };
        let mut kept = Kept {
            offset: self.table.offset,
            ..Kept::default()
        };
        for side in [Side::Callers, Side::Callees] {
            let half = b.half(side);
            for &n in &self.expanded[slot(side)] {
                kept.expanded.push((side, half.path(n)));
            }
        }
        kept.selected = self
            .current()
            .map(|r| (r.role, b.half(r.role.side()).path(r.node)));
        self.kept = Some(kept);
        self.clear();
    }

    fn clear(&mut self) {
        self.expanded = Default::default();
        self.rows.clear();
        self.table = TableState::default();
        self.built_for = None;
    }

    /// Binds `b`, finding the places kept in it.
    fn bind(&mut self, b: &Arc<Butterfly>) {
        self.bound = Some(b.clone());
        self.clear();
        let Some(kept) = self.kept.take() else {
            return;
        };
        for (side, path) in &kept.expanded {
            if let Some(n) = b.half(*side).find_path(path) {
                self.expanded[slot(*side)].insert(n);
            }
        }
        self.table.offset = kept.offset;
        self.kept = Some(Kept {
            selected: kept.selected,
            ..Kept::default()
        });
    }

    /// Rebuilds the rows for type `t`, keeping the cursor on its node (or the one kept).
    fn rebuild(&mut self, t: usize, page: usize) {
        let Some(b) = self.bound.clone() else {
            return;
        };
        let here = self.current().map(|r| (r.role, r.node));
        let mut rows = Vec::new();
        for role in [Role::Caller, Role::Callee] {
            let side = role.side();
            let half = b.half(side);
            if role == Role::Callee {
                rows.push(ButterflyRow {
                    role: Role::Focus,
                    node: half.root(),
                    depth: 0,
                    has_children: false,
                    expanded: true,
                });
            }
            let expanded = &self.expanded[slot(side)];
            let mut stack: Vec<TreeNodeId> = half
                .sorted_children(half.root(), t)
                .into_iter()
                .rev()
                .collect();
            while let Some(n) = stack.pop() {
                let kids = half.sorted_children(n, t);
                let open = expanded.contains(&n);
                rows.push(ButterflyRow {
                    role,
                    node: n,
                    depth: half.depth(n),
                    has_children: !kids.is_empty(),
                    expanded: open,
                });
                if open {
                    stack.extend(kids.into_iter().rev());
                }
            }
        }
        self.rows = rows;
        self.built_for = Some(t);
        let want = match self.kept.take().and_then(|k| k.selected) {
            Some((role, path)) => b.half(role.side()).find_path(&path).map(|n| {
                (
                    if n == b.half(role.side()).root() {
                        Role::Focus
                    } else {
                        role
                    },
                    n,
                )
            }),
            None => here,
        };
        let focus = self.rows.iter().position(|r| r.role == Role::Focus);
        let at = want
            .and_then(|(role, n)| self.rows.iter().position(|r| r.role == role && r.node == n))
            .or(focus)
            .unwrap_or(0);
        self.table.select(at, self.rows.len(), page);
    }

    fn toggle(&mut self, side: Side, n: TreeNodeId, open: bool) {
        let set = &mut self.expanded[slot(side)];
        if open {
            set.insert(n);
        } else {
            set.remove(&n);
        }
        self.built_for = None;
    }
}

impl Pane for ButterflyPane {
    fn needs(&self, cx: &Ctx) -> Vec<JobKey> {
        cx.selection
            .map(|f| JobKey::Butterfly(f, cx.key.filters))
            .into_iter()
            .collect()
    }

    fn sync(&mut self, cx: &Ctx) -> Option<FuncId> {
        let (t, page) = (cx.key.sample.index(), cx.page());
        let Some(f) = cx.selection else {
            self.release_places();
            self.kept = None;
            self.func = None;
            return None;
        };
        if self.func != Some(f) {
            // Another function: its own butterfly, from the start.
            self.bound = None;
            self.kept = None;
            self.clear();
            self.func = Some(f);
        }
        let want = cx.jobs.butterfly(f, cx.key.filters);
        let same = match (&self.bound, want) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            _ => false,
        };
        if !same {
            self.release_places();
            if let Some(b) = want {
                self.bind(b);
            }
        }
        if self.bound.is_some() {
            if self.built_for == Some(t) {
                self.table.clamp(self.rows.len(), page);
            } else {
                self.rebuild(t, page);
            }
        }
        None
    }

    fn act(&mut self, a: Action, cx: &Ctx) -> Effect {
        let (t, page, len) = (cx.key.sample.index(), cx.page(), self.rows.len());
        if let Some(d) = list_delta(a, page) {
            self.table.move_by(d, len, page);
            return Effect::done();
        }
        let Some(row) = self.current() else {
            return Effect::ignored();
        };
        let side = row.role.side();
        match a {
            // The row's function becomes the selection: the butterfly centres on it.
            // Going to another function is a jump: `back` returns to this row.
            Action::Activate => {
                let f = self.frame(&row);
                return if f.is_some() && f != self.func() {
                    Effect::jump(f)
                } else {
                    Effect::select(f)
                };
            }
            Action::Right if row.has_children && !row.expanded => self.toggle(side, row.node, true),
            Action::Right if row.expanded && row.role != Role::Focus => {
                self.table.move_by(1, len, page);
                return Effect::done();
            }
            Action::Left if row.expanded && row.role != Role::Focus => {
                self.toggle(side, row.node, false)
            }
            Action::Left => {
                let parent = self.half_of(&row).and_then(|h| h.parent(row.node));
                let at = parent.and_then(|p| {
                    self.rows
                        .iter()
                        .position(|r| r.node == p && r.role == row.role && r.depth > 0)
                });
                if let Some(i) = at {
                    self.table.select(i, len, page);
                }
                return Effect::done();
            }
            Action::ExpandSubtree => {
                let Some(half) = self.bound.as_ref().map(|b| b.half(side)) else {
                    return Effect::done();
                };
                let mut opened = Vec::new();
                let roots = if row.role == Role::Focus {
                    let callers = self.bound.as_ref().map(|b| b.half(Side::Callers));
                    // The function itself: both halves open below it.
                    if let Some(c) = callers {
                        for n in c.sorted_children(c.root(), t) {
                            opened.push((Side::Callers, n));
                        }
                    }
                    half.sorted_children(half.root(), t)
                } else {
                    vec![row.node]
                };
                opened.extend(roots.into_iter().map(|n| (side, n)));
                let mut stack = opened;
                let mut count = 0;
                while let Some((s, x)) = stack.pop() {
                    let Some(h) = self.bound.as_ref().map(|b| b.half(s)) else {
                        break;
                    };
                    let kids = h.sorted_children(x, t);
                    if kids.is_empty() {
                        continue;
                    }
                    self.expanded[slot(s)].insert(x);
                    count += 1;
                    if count == EXPANDED_AT_ONCE {
                        break;
                    }
                    stack.extend(kids.into_iter().rev().map(|k| (s, k)));
                }
                self.built_for = None;
            }
            Action::CollapseAll => {
                self.expanded = Default::default();
                self.built_for = None;
                self.rebuild(t, page);
                let focus = self.rows.iter().position(|r| r.role == Role::Focus);
                self.table.select(focus.unwrap_or(0), self.rows.len(), page);
                return Effect::done();
            }
            Action::Right => return Effect::done(),
            _ => return Effect::ignored(),
        }
        self.rebuild(t, page);
        Effect::done()
    }

    fn mouse(&mut self, m: Mouse, cx: &Ctx) -> Effect {
        match list_mouse(&mut self.table, m, cx.layout.body, self.rows.len()) {
            true => Effect::done(),
            false => Effect::ignored(),
        }
    }

    fn names(&self, cx: &Ctx) -> Vec<String> {
        self.rows
            .iter()
            .map(|r| self.frame(r).map(|f| cx.name(f)).unwrap_or_default())
            .collect()
    }

    fn cursor(&self, _cx: &Ctx) -> usize {
        self.table.selected
    }

    fn set_cursor(&mut self, i: usize, cx: &Ctx) -> Option<FuncId> {
        self.table.select(i, self.rows.len(), cx.page());
        None
    }

    fn position(&self) -> Option<(usize, usize)> {
        self.bound
            .as_ref()
            .map(|_| (self.table.selected, self.rows.len()))
    }

    /// Lets go of the butterfly (another filter set is shown; it holds the set's call
    /// paths), keeping its places as call paths.
    fn release(&mut self) {
        self.release_places();
    }

    fn place(&self) -> Option<PanePlace> {
        let b = self.bound.as_ref()?;
        let r = self.current()?;
        let role = match r.role {
            Role::Caller => PeekRole::Caller,
            Role::Focus => PeekRole::Focus,
            Role::Callee => PeekRole::Callee,
        };
        Some(PanePlace::Neighbor {
            role,
            path: b.half(r.role.side()).path(r.node),
            offset: self.table.offset,
        })
    }

    /// The selection's butterfly, on the row and scroll recorded (found once the
    /// butterfly is there).
    fn restore(&mut self, at: &PanePlace, cx: &Ctx) {
        if let PanePlace::Neighbor { role, path, offset } = at {
            let role = match role {
                PeekRole::Caller => Role::Caller,
                PeekRole::Focus => Role::Focus,
                PeekRole::Callee => Role::Callee,
            };
            self.bound = None;
            self.clear();
            self.func = cx.selection;
            let mut expanded = Vec::new();
            // The rows above it open, so that it is shown.
            for end in 2..path.len() {
                expanded.push((role.side(), path[..end].to_vec()));
            }
            self.kept = Some(Kept {
                expanded,
                selected: Some((role, path.clone())),
                offset: *offset,
            });
        }
    }

    fn rebase(&mut self, map: &dyn Fn(FuncId) -> Option<FuncId>) {
        self.release_places();
        self.func = self.func.and_then(map);
        let path = |p: &[FuncId]| p.iter().map(|&f| map(f)).collect::<Option<Vec<_>>>();
        if let Some(k) = self.kept.as_mut() {
            k.expanded = k
                .expanded
                .iter()
                .filter_map(|(s, p)| Some((*s, path(p)?)))
                .collect();
            k.selected = k.selected.take().and_then(|(r, p)| Some((r, path(&p)?)));
        }
    }
}
