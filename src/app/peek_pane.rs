//! The callers/callees pane: for the selected function, its callers with the value each
//! passes in, the function itself, and its callees with the value each takes.

use std::sync::Arc;

use super::Action;
use super::input::Mouse;
use super::list_state::{TableState, list_delta, list_mouse};
use super::pane::{Ctx, Effect, Pane};
use super::places::PanePlace;
pub use super::places::PeekRole;
use crate::analysis::FuncId;
use crate::analysis::edges::EdgeIndex;
use crate::jobs::JobKey;

/// One row: a function with the value on its edge (or the function's own values).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PeekRow {
    /// Caller, the function, or callee.
    pub role: PeekRole,
    /// The function of the row.
    pub node: FuncId,
    /// Edge weight (caller/callee), or the function's flat.
    pub value: i64,
    /// The function's cum (for the focus row), or the edge weight.
    pub cum: i64,
    /// The call was inlined.
    pub inline: bool,
}

/// State of the pane.
#[derive(Clone, Debug, Default)]
pub struct PeekPane {
    /// The edges the rows come from.
    bound: Option<Arc<EdgeIndex>>,
    /// The function shown.
    func: Option<FuncId>,
    /// Rows: callers, the function, callees.
    rows: Vec<PeekRow>,
    /// Selection and scroll.
    pub table: TableState,
    /// The selected row and the scroll offset, kept while the edges are let go of (the
    /// filter set or the snapshot changed), to take again for the same function.
    kept: Option<(PeekRole, FuncId, usize)>,
}

impl PeekPane {
    /// The function shown, once its edges are computed.
    pub fn func(&self) -> Option<FuncId> {
        self.bound.as_ref().and(self.func)
    }

    /// The rows.
    pub fn rows(&self) -> &[PeekRow] {
        &self.rows
    }

    fn rebuild(&mut self, edges: &EdgeIndex, f: FuncId, page: usize) {
        let neighbor = |role: PeekRole| {
            move |n: &crate::analysis::edges::Neighbor| PeekRow {
                role,
                node: n.node,
                value: n.weight,
                cum: n.weight,
                inline: n.inline,
            }
        };
        let mut rows: Vec<PeekRow> = edges
            .callers(f)
            .iter()
            .map(neighbor(PeekRole::Caller))
            .collect();
        let focus = rows.len();
        rows.push(PeekRow {
            role: PeekRole::Focus,
            node: f,
            value: edges.flat(f),
            cum: edges.cum(f),
            inline: false,
        });
        rows.extend(edges.callees(f).iter().map(neighbor(PeekRole::Callee)));
        self.rows = rows;
        self.table = TableState::default();
        let kept = self.kept.take();
        let again = kept.and_then(|(role, node, offset)| {
            let i = self
                .rows
                .iter()
                .position(|r| r.role == role && r.node == node)?;
            Some((i, offset))
        });
        match again {
            Some((i, offset)) => {
                self.table.offset = offset;
                self.table.select(i, self.rows.len(), page);
            }
            None => self.table.select(focus, self.rows.len(), page),
        }
    }

    /// Lets go of the rows, keeping the selected one and the scroll to take again.
    fn forget(&mut self) {
        if let Some(r) = self.rows.get(self.table.selected) {
            self.kept = Some((r.role, r.node, self.table.offset));
        }
        self.bound = None;
        self.rows.clear();
        self.table = TableState::default();
    }
}

impl Pane for PeekPane {
    fn needs(&self, cx: &Ctx) -> Vec<JobKey> {
        vec![JobKey::Edges(cx.key.sample, cx.key.filters)]
    }

    fn sync(&mut self, cx: &Ctx) -> Option<FuncId> {
        let want = cx.jobs.edges(cx.key.sample, cx.key.filters);
        let (Some(edges), Some(f)) = (want, cx.selection) else {
            self.forget();
            return None;
        };
        let same = self.bound.as_ref().is_some_and(|b| Arc::ptr_eq(b, edges));
        if self.func != Some(f) {
            self.kept = None;
        }
        if !same || self.func != Some(f) {
            self.bound = Some(edges.clone());
            self.func = Some(f);
            self.rebuild(edges, f, cx.page());
        } else {
            self.table.clamp(self.rows.len(), cx.page());
        }
        None
    }

    fn act(&mut self, a: Action, cx: &Ctx) -> Effect {
        let (len, page) = (self.rows.len(), cx.page());
        if let Some(d) = list_delta(a, page) {
            self.table.move_by(d, len, page);
            return Effect::done();
        }
        match a {
            // Going to another function is a jump: `back` returns to this row.
            Action::Activate => match self.rows.get(self.table.selected) {
                Some(row) if Some(row.node) != self.func => Effect::jump(Some(row.node)),
                Some(row) => Effect::select(Some(row.node)),
                None => Effect::done(),
            },
            _ => Effect::ignored(),
        }
    }

    fn mouse(&mut self, m: Mouse, cx: &Ctx) -> Effect {
        match list_mouse(&mut self.table, m, cx.layout.body, self.rows.len()) {
            true => Effect::done(),
            false => Effect::ignored(),
        }
    }

    fn names(&self, cx: &Ctx) -> Vec<String> {
        self.rows.iter().map(|r| cx.name(r.node)).collect()
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

    fn place(&self) -> Option<PanePlace> {
        let r = self.rows.get(self.table.selected)?;
        Some(PanePlace::Neighbor {
            role: r.role,
            func: r.node,
            offset: self.table.offset,
        })
    }

    /// The selection's callers and callees, on the row and scroll recorded (once the
    /// edges are there).
    fn restore(&mut self, at: &PanePlace, cx: &Ctx) {
        if let PanePlace::Neighbor { role, func, offset } = *at {
            self.forget();
            self.func = cx.selection;
            self.kept = Some((role, func, offset));
        }
    }

    fn rebase(&mut self, map: &dyn Fn(FuncId) -> Option<FuncId>) {
        self.forget();
        self.func = self.func.and_then(map);
        self.kept = self
            .kept
            .and_then(|(role, node, offset)| Some((role, map(node)?, offset)));
    }
}
