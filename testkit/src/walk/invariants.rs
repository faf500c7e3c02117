//! The invariants a user relies on after any step of a walk: the selection names a
//! function, every cursor and scroll position is in bounds, the ids of trees belong to
//! the tree shown, a change since the previous fetch is shown as a diff, the places
//! `back` returns to are bounded and name functions of the profile shown, a search's
//! count of matches is within the rows, a one-line notice is one line high.

use super::Walker;

impl Walker {
    /// The invariants after any step: the selection names a function, every cursor and
    /// scroll position is in bounds, ids of trees belong to the tree shown.
    pub fn check(&self) -> Result<(), String> {
        let app = &self.h.app;
        if let Some(p) = app.prompt()
            && (p.text.chars().count() > memprof_tui::app::prompt::MAX_PROMPT_CHARS
                || p.text.chars().any(char::is_control))
        {
            return Err(format!("prompt text of {} bytes", p.text.len()));
        }
        if let Some(f) = app.selection()
            && f.index() >= app.frames().infos.len()
        {
            return Err(format!("selection {f:?} names no function"));
        }
        let top = app.top();
        if top.view().is_some() && !in_list(top.table.selected, top.table.offset, top.len()) {
            return Err(format!("top cursor {:?} of {}", top.table, top.len()));
        }
        let tree = app.tree();
        let rows = tree.rows();
        if !in_list(tree.table().selected, tree.table().offset, rows.len()) {
            return Err(format!("tree cursor {:?} of {}", tree.table(), rows.len()));
        }
        if let Some(t) = tree.tree()
            && let Some(r) = rows.iter().find(|r| !t.contains(r.node))
        {
            return Err(format!("tree row {r:?} not in its tree"));
        }
        let fly = app.butterfly();
        if !in_list(fly.table.selected, fly.table.offset, fly.rows().len()) {
            return Err(format!(
                "butterfly cursor {:?} of {}",
                fly.table,
                fly.rows().len()
            ));
        }
        if let Some(r) = fly
            .rows()
            .iter()
            .find(|r| !fly.half_of(r).is_some_and(|h| h.contains(r.node)))
        {
            return Err(format!("butterfly row {r:?} not in its half"));
        }
        if let Some((o, _)) = app.overlay()
            && o.is_list()
        {
            let n = match o {
                memprof_tui::app::Overlay::Views => app.views().len(),
                _ => app.commands().len(),
            };
            if app.list_cursor() >= n.max(1) {
                return Err(format!("list cursor {} of {n}", app.list_cursor()));
            }
        }
        let flame = app.flame();
        if let Some(t) = flame.tree() {
            let bad = flame
                .selected()
                .into_iter()
                .chain(flame.zoom().iter().copied())
                .find(|&n| !t.contains(n));
            if let Some(n) = bad {
                return Err(format!("flame node {n:?} not in its tree"));
            }
        }
        let src = app.source();
        if let Some(data) = src.ready().and_then(|r| r.data.as_ref())
            && data.line_count() > 0
            && !(1..=data.line_count() as i64).contains(&src.cursor_line())
        {
            return Err(format!(
                "source cursor {} of {} lines",
                src.cursor_line(),
                data.line_count()
            ));
        }
        if app.live().showing_change() && app.diff().is_none() {
            return Err("the change since the previous fetch is shown without a diff".into());
        }
        let places = app.places();
        if places.len() > memprof_tui::app::places::MAX_PLACES {
            return Err(format!("{} places remembered", places.len()));
        }
        if let Some(p) = places.iter().find(|p| {
            p.funcs()
                .iter()
                .any(|f| f.index() >= app.frames().infos.len())
        }) {
            return Err(format!("a place names no function of the profile: {p:?}"));
        }
        if let Some(f) = app.prompt().and_then(|p| p.found.as_ref()) {
            let wrong_type = f.elsewhere.as_ref().is_some_and(|e| {
                e.other == app.view_key().sample.index()
                    || e.other >= app.profile().sample_types.len()
                    || e.there == 0
            });
            if f.matches > f.rows || (f.matches > 0 && f.elsewhere.is_some()) || wrong_type {
                return Err(format!("the search found {f:?}"));
            }
        }
        let l = app.layout();
        if l.notice_compact && l.notice.height != 1 {
            return Err(format!("a one-line notice {} rows high", l.notice.height));
        }
        if let Some((_, scroll)) = app.overlay() {
            let (lines, rows) = app.layout().overlay;
            if scroll > lines.saturating_sub(usize::from(rows)) {
                return Err(format!(
                    "overlay scroll {scroll} of {lines} lines in {rows}"
                ));
            }
        }
        Ok(())
    }
}

/// Whether a list cursor is on a row (or at 0 for an empty list) with the offset at or
/// before it.
fn in_list(selected: usize, offset: usize, len: usize) -> bool {
    (len == 0 && selected == 0 && offset == 0) || (selected < len && offset <= selected)
}
