//! The callers/callees pane: for the selected function, its callers with the value each
//! passes in, the function itself, and its callees with the value each takes.

use super::top_pane::TableState;
use crate::analysis::edges::EdgeIndex;

/// What a row of the pane is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PeekRole {
    /// Calls the function.
    Caller,
    /// The function itself.
    Focus,
    /// Called by the function.
    Callee,
}

/// One row: a node with the value on its edge (or the function's own values).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PeekRow {
    /// Caller, the function, or callee.
    pub role: PeekRole,
    /// Node id (functions granularity).
    pub node: u32,
    /// Edge weight (caller/callee), or the function's flat.
    pub value: i64,
    /// The function's cum (for the focus row), or the edge weight.
    pub cum: i64,
    /// The call was inlined.
    pub inline: bool,
}

/// State of the pane.
#[derive(Clone, Debug, Default)]
pub struct PeekState {
    /// The function shown.
    pub func: Option<u32>,
    /// Rows: callers, the function, callees.
    pub rows: Vec<PeekRow>,
    /// Selection and scroll.
    pub table: TableState,
}

impl PeekState {
    /// Rebuilds the rows for `func` from `edges`, selecting the function's own row.
    pub fn rebuild(&mut self, edges: &EdgeIndex, func: u32, page: usize) {
        let f = func as usize;
        let mut rows: Vec<PeekRow> = edges
            .callers
            .get(f)
            .into_iter()
            .flatten()
            .map(|n| PeekRow {
                role: PeekRole::Caller,
                node: n.node,
                value: n.weight,
                cum: n.weight,
                inline: n.inline,
            })
            .collect();
        let focus = rows.len();
        rows.push(PeekRow {
            role: PeekRole::Focus,
            node: func,
            value: edges.flat.get(f).copied().unwrap_or(0),
            cum: edges.cum.get(f).copied().unwrap_or(0),
            inline: false,
        });
        rows.extend(edges.callees.get(f).into_iter().flatten().map(|n| PeekRow {
            role: PeekRole::Callee,
            node: n.node,
            value: n.weight,
            cum: n.weight,
            inline: n.inline,
        }));
        let same = self.func == Some(func);
        self.func = Some(func);
        self.rows = rows;
        if same {
            self.table
                .select(self.table.selected, self.rows.len(), page);
        } else {
            self.table = TableState::default();
            self.table.select(focus, self.rows.len(), page);
        }
    }
}
