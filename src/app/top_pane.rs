//! The top table pane: a cursor over the rows of the current table (or only those
//! matching the search), kept on the shared selection; after a view change it starts at
//! the first row, the biggest entry of the new view.

use std::sync::Arc;

use super::Action;
use super::input::Mouse;
use super::list_state::{TableState, list_delta, list_mouse};
use super::pane::{Ctx, Effect, Pane};
use super::places::PanePlace;
use crate::analysis::view::TopView;
use crate::analysis::{FuncId, Granularity};
use crate::jobs::JobKey;

/// State of the top table.
#[derive(Clone, Debug, Default)]
pub struct TopPane {
    /// Selection and scroll.
    pub table: TableState,
    /// The table the state belongs to.
    bound: Option<Arc<TopView>>,
    /// Rows shown when only matches are (indices into the table's rows).
    rows: Option<Vec<usize>>,
    /// What `rows` was computed for (search text).
    rows_for: Option<String>,
    /// Start at the first row when the next table arrives.
    reset: bool,
    /// The selection the cursor was last placed for (it moves only when that changes).
    placed_for: Option<Option<FuncId>>,
}

impl TopPane {
    /// The table shown, once computed.
    pub fn view(&self) -> Option<&Arc<TopView>> {
        self.bound.as_ref()
    }

    /// Whether only the rows matching the search are shown.
    pub fn filtered(&self) -> bool {
        self.rows.is_some()
    }

    /// Number of rows shown.
    pub fn len(&self) -> usize {
        match (&self.rows, &self.bound) {
            (Some(r), _) => r.len(),
            (None, Some(v)) => v.report.rows.len(),
            (None, None) => 0,
        }
    }

    /// Whether no row is shown.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Index into the table's rows of display row `i`.
    pub fn row_index(&self, i: usize) -> Option<usize> {
        match &self.rows {
            Some(r) => r.get(i).copied(),
            None => (i < self.len()).then_some(i),
        }
    }

    /// Starts at the first row when the next table arrives.
    pub fn reset_on_next_view(&mut self) {
        self.reset = true;
    }

    /// Keeps the selection when the next table arrives (`back` returned to a place:
    /// a pending start at the first row would leave it).
    pub fn keep_selection(&mut self) {
        self.reset = false;
    }

    /// The function of display row `i`: the node itself at functions granularity, else
    /// the function of that name.
    fn row_func(&self, i: usize, cx: &Ctx) -> Option<FuncId> {
        let view = self.bound.as_ref()?;
        let row = view.report.rows.get(self.row_index(i)?)?;
        if cx.key.granularity == Granularity::Functions {
            return Some(FuncId(row.node)).filter(|f| f.index() < cx.frames.infos.len());
        }
        let name = &view.report.nodes.get(row.node as usize)?.name;
        if name.is_empty() {
            return None;
        }
        cx.frames
            .infos
            .iter()
            .position(|f| &f.name == name)
            .map(|i| FuncId(i as u32))
    }

    /// At files granularity, the row of the file that defines function `f`.
    fn row_of_file(&self, f: FuncId, cx: &Ctx) -> Option<usize> {
        let view = self.bound.as_ref()?;
        let name = &cx.frames.infos.get(f.index())?.name;
        let func = cx
            .profile
            .functions
            .iter()
            .find(|x| &x.name == name && !x.filename.is_empty())?;
        let file = crate::profile::gopath::clean(&func.filename);
        (0..self.len()).find(|&i| {
            self.row_index(i)
                .and_then(|r| view.report.rows.get(r))
                .and_then(|r| view.report.nodes.get(r.node as usize))
                .is_some_and(|info| info.name.is_empty() && info.file == file)
        })
    }

    /// Recomputes the rows shown when the search or match-only changed; true if so.
    /// The cursor moved: its row's function becomes the selection (a row without one
    /// keeps the selection, and the cursor stays where the user put it).
    fn placed(&mut self, cx: &Ctx) -> Effect {
        let f = self.row_func(self.table.selected, cx);
        self.placed_for = Some(f.or(cx.selection));
        Effect::select(f)
    }

    fn refresh_rows(&mut self, cx: &Ctx) -> bool {
        let want = match cx.search {
            Some(s) if cx.match_only => Some(s.text.clone()),
            _ => None,
        };
        if want == self.rows_for {
            return false;
        }
        self.rows = match (&want, &self.bound) {
            (Some(_), Some(view)) => Some(
                (0..view.report.rows.len())
                    .filter(|&i| cx.is_match(&view.report.rows[i].name))
                    .collect(),
            ),
            _ => None,
        };
        self.rows_for = want;
        true
    }
}

impl Pane for TopPane {
    fn needs(&self, cx: &Ctx) -> Vec<JobKey> {
        vec![JobKey::View(cx.key)]
    }

    fn sync(&mut self, cx: &Ctx) -> Option<FuncId> {
        let page = cx.page();
        let Some(view) = cx.jobs.view(&cx.key).cloned() else {
            // Not computed yet: nothing stale is shown meanwhile.
            self.bound = None;
            self.rows = None;
            self.rows_for = None;
            return None;
        };
        if !self.bound.as_ref().is_some_and(|b| Arc::ptr_eq(b, &view)) {
            self.bound = Some(view);
            self.rows_for = None;
            self.rows = None;
            self.placed_for = None;
        }
        let rows_changed = self.refresh_rows(cx);
        let len = self.len();
        if std::mem::take(&mut self.reset) || cx.selection.is_none() {
            self.table = TableState::default();
            self.table.select(0, len, page);
            let f = self.row_func(0, cx);
            // A file or address row names no function: the selection stays where it was
            // and the cursor stays on row 1.
            self.placed_for = Some(f.or(cx.selection));
            return f;
        }
        if self.placed_for == Some(cx.selection) && !rows_changed {
            self.table.clamp(len, page);
            return None;
        }
        self.placed_for = Some(cx.selection);
        let found = cx.selection.and_then(|f| {
            (0..len)
                .find(|&i| self.row_func(i, cx) == Some(f))
                .or_else(|| self.row_of_file(f, cx))
        });
        match found {
            Some(i) => self.table.select(i, len, page),
            None => self.table.clamp(len, page),
        }
        None
    }

    fn act(&mut self, a: Action, cx: &Ctx) -> Effect {
        let Some(d) = list_delta(a, cx.page()) else {
            return Effect::ignored();
        };
        self.table.move_by(d, self.len(), cx.page());
        self.placed(cx)
    }

    fn mouse(&mut self, m: Mouse, cx: &Ctx) -> Effect {
        let len = self.len();
        if !list_mouse(&mut self.table, m, cx.layout.body, len) {
            return Effect::ignored();
        }
        self.placed(cx)
    }

    fn names(&self, _cx: &Ctx) -> Vec<String> {
        let Some(view) = &self.bound else {
            return Vec::new();
        };
        (0..self.len())
            .filter_map(|i| Some(view.report.rows.get(self.row_index(i)?)?.name.clone()))
            .collect()
    }

    fn cursor(&self, _cx: &Ctx) -> usize {
        self.table.selected
    }

    fn set_cursor(&mut self, i: usize, cx: &Ctx) -> Option<FuncId> {
        self.table.select(i, self.len(), cx.page());
        self.placed(cx).select
    }

    fn position(&self) -> Option<(usize, usize)> {
        self.bound
            .as_ref()
            .map(|_| (self.table.selected, self.len()))
    }

    fn place(&self) -> Option<PanePlace> {
        self.bound.as_ref().map(|_| PanePlace::Rows {
            offset: self.table.offset,
        })
    }

    /// The cursor finds the selection again, from where the table was scrolled.
    fn restore(&mut self, at: &PanePlace, _cx: &Ctx) {
        if let PanePlace::Rows { offset } = *at {
            self.table.offset = offset;
        }
        self.placed_for = None;
    }

    /// The cursor finds the (translated) selection in the new snapshot's table, from
    /// where the table was scrolled.
    fn rebase(&mut self, _map: &dyn Fn(FuncId) -> Option<FuncId>) {
        self.bound = None;
        self.rows = None;
        self.rows_for = None;
        self.placed_for = None;
    }
}
