//! The Growth pane: over a series of snapshots of one program, the total over time (a
//! chart with a timeline cursor on one snapshot) and the growth suspects — the nodes ranked
//! by sustained growth ([`crate::analysis::growth`]), one row each, the cursor on one.

use std::sync::Arc;

use super::Action;
use super::input::Mouse;
use super::list_state::{TableState, list_delta, list_mouse};
use super::pane::{Ctx, Effect, Pane};
use crate::analysis::growth::{GrowthReport, Suspect};
use crate::analysis::{FuncId, Granularity};
use crate::jobs::JobKey;

/// The growth report a pane shows: the suspects, or why the series cannot be ranked.
pub type GrowthResult = Arc<Result<GrowthReport, String>>;

/// State of the pane.
#[derive(Clone, Debug, Default)]
pub struct GrowthPane {
    /// The report bound, and the key it answers.
    bound: Option<(JobKey, GrowthResult)>,
    /// Selection and scroll of the suspects.
    pub table: TableState,
    /// The snapshot under the timeline cursor (an index into the report's times); `None`:
    /// the latest.
    timeline: Option<usize>,
    /// The selected suspect's name, kept while the report is recomputed (another sample
    /// type, refinement or snapshot) to find it again.
    kept: Option<String>,
    /// The report shown ranks an earlier series (a snapshot came since); the new
    /// ranking is under way.
    stale: bool,
    /// The last suspect looked up: its name, the functions table searched (its address
    /// and size) and the function found.
    resolved: Option<(String, (usize, usize), Option<FuncId>)>,
}

impl GrowthPane {
    /// Whether the report shown ranks an earlier series while the new one is ranked.
    pub fn is_stale(&self) -> bool {
        self.stale && self.bound.is_some()
    }

    /// The report shown, once computed.
    pub fn report(&self) -> Option<&GrowthResult> {
        self.bound.as_ref().map(|(_, r)| r)
    }

    /// The ranked suspects, once computed (empty when the series cannot be ranked).
    pub fn suspects(&self) -> &[Suspect] {
        match self.report().map(|r| r.as_ref()) {
            Some(Ok(r)) => &r.suspects,
            _ => &[],
        }
    }

    /// The selected suspect.
    pub fn selected(&self) -> Option<&Suspect> {
        self.suspects().get(self.table.selected)
    }

    /// The snapshot under the timeline cursor, as an index into the report's times.
    pub fn timeline(&self) -> Option<usize> {
        let n = match self.report().map(|r| r.as_ref()) {
            Some(Ok(r)) => r.times.len(),
            _ => return None,
        };
        (n > 0).then(|| self.timeline.unwrap_or(n - 1).min(n - 1))
    }

    /// The function a suspect names at the functions granularity (other granularities
    /// name lines or files: no function to select).
    fn func_of(cx: &Ctx, s: &Suspect) -> Option<FuncId> {
        if cx.key.granularity != Granularity::Functions {
            return None;
        }
        (0..cx.frames.infos.len())
            .map(|i| FuncId(i as u32))
            .find(|&f| cx.frames.func_name(f) == s.name)
    }

    fn key(cx: &Ctx) -> JobKey {
        JobKey::Growth(cx.key.sample, cx.key.granularity, cx.key.filters)
    }

    /// The selected suspect's function, looked up by name once per suspect and functions
    /// table (a search of every function's name: not on every event).
    fn selection(&mut self, cx: &Ctx) -> Option<FuncId> {
        let name = self.selected()?.name.clone();
        let table = (
            std::ptr::from_ref(cx.frames) as usize,
            cx.frames.infos.len(),
        );
        // A hit is checked by name: another table may reuse a dropped one's address.
        if let Some((n, t, f)) = &self.resolved
            && *n == name
            && *t == table
            && f.is_none_or(|f| cx.frames.func_name(f) == name)
        {
            return *f;
        }
        let f = self.selected().and_then(|s| Self::func_of(cx, s));
        self.resolved = Some((name, table, f));
        f
    }
}

impl Pane for GrowthPane {
    fn needs(&self, cx: &Ctx) -> Vec<JobKey> {
        if cx.jobs.series().is_some_and(|s| s.len() >= 2) {
            vec![Self::key(cx)]
        } else {
            Vec::new()
        }
    }

    fn sync(&mut self, cx: &Ctx) -> Option<FuncId> {
        let key = Self::key(cx);
        let fresh = cx
            .jobs
            .growth(cx.key.sample, cx.key.granularity, cx.key.filters)
            .cloned();
        let Some(report) = fresh else {
            // A new snapshot's ranking is under way: the last one stays meanwhile (a
            // slow ranking under a fast --watch would otherwise never show).
            if self.bound.as_ref().is_some_and(|(k, _)| *k == key) {
                self.stale = true;
                self.table.clamp(self.suspects().len(), cx.page());
                return self.selection(cx);
            }
            self.release();
            return None;
        };
        self.stale = false;
        let same = self
            .bound
            .as_ref()
            .is_some_and(|(k, r)| *k == key && Arc::ptr_eq(r, &report));
        if !same {
            let want = self.selected_name().or_else(|| self.kept.take());
            self.bound = Some((key, report));
            let page = cx.page();
            let len = self.suspects().len();
            let at = want
                .and_then(|n| self.suspects().iter().position(|s| s.name == n))
                .unwrap_or(0);
            self.table.select(at, len, page);
        }
        self.table.clamp(self.suspects().len(), cx.page());
        self.selection(cx)
    }

    fn act(&mut self, a: Action, cx: &Ctx) -> Effect {
        let len = self.suspects().len();
        if let Some(d) = list_delta(a, cx.page()) {
            self.table.move_by(d, len, cx.page());
            return Effect::select(self.selection(cx));
        }
        let Some(now) = self.timeline() else {
            return Effect::ignored();
        };
        let last = match self.report().map(|r| r.as_ref()) {
            Some(Ok(r)) => r.times.len().saturating_sub(1),
            _ => 0,
        };
        match a {
            Action::Left => self.timeline = Some(now.saturating_sub(1)),
            Action::Right => self.timeline = Some((now + 1).min(last)),
            _ => return Effect::ignored(),
        }
        Effect::done()
    }

    fn mouse(&mut self, m: Mouse, cx: &Ctx) -> Effect {
        let len = self.suspects().len();
        if list_mouse(&mut self.table, m, cx.layout.body, len) {
            return Effect::select(self.selection(cx));
        }
        // A click on the chart above the rows: the snapshot nearest that column.
        let Mouse::Click(x, y) = m else {
            return Effect::ignored();
        };
        let (pane, body) = (cx.layout.pane, cx.layout.body);
        let n = match self.report().map(|r| r.as_ref()) {
            Some(Ok(r)) => r.times.len(),
            _ => 0,
        };
        if n == 0 || y <= pane.y || y >= body.y || body.width < 2 || x < body.x {
            return Effect::ignored();
        }
        let col = usize::from(x - body.x).min(usize::from(body.width) - 1);
        let at = col * (n - 1) / (usize::from(body.width) - 1).max(1);
        self.timeline = Some(at.min(n - 1));
        Effect::done()
    }

    fn names(&self, _cx: &Ctx) -> Vec<String> {
        self.suspects().iter().map(|s| s.name.clone()).collect()
    }

    fn cursor(&self, _cx: &Ctx) -> usize {
        self.table.selected
    }

    fn set_cursor(&mut self, i: usize, cx: &Ctx) -> Option<FuncId> {
        self.table.select(i, self.suspects().len(), cx.page());
        self.selection(cx)
    }

    fn position(&self) -> Option<(usize, usize)> {
        self.report()
            .map(|_| (self.table.selected, self.suspects().len()))
    }

    fn release(&mut self) {
        if self.bound.is_some() {
            self.kept = self.selected_name().or(self.kept.take());
            self.bound = None;
        }
    }

    fn rebase(&mut self, _map: &dyn Fn(FuncId) -> Option<FuncId>) {
        // The suspects are named, not numbered: the report stays until the new
        // snapshot's ranking replaces it.
    }
}

impl GrowthPane {
    fn selected_name(&self) -> Option<String> {
        self.selected().map(|s| s.name.clone())
    }
}
