//! The reference model of what the explorer shows: each report a pane shows is computed
//! afresh from the snapshot's profile and the current filters — its own filtered profile,
//! no cache, no late results — and compared with what is shown. A table filed under the
//! wrong key, a tree of another filter set or snapshot, a stale callers list all differ.

use std::collections::HashMap;
use std::sync::Arc;

use memprof_tui::analysis::FuncId;
use memprof_tui::analysis::TreeNodeId;
use memprof_tui::analysis::butterfly::Butterfly;
use memprof_tui::analysis::call_tree::CallTree;
use memprof_tui::analysis::facts::Facts;
use memprof_tui::app::{App, Overlay, PaneId};
use memprof_tui::jobs::{Filtered, Generation, Job, JobKey, Report, SnapshotId, Ticket, Worker};

/// Fresh computations, kept per snapshot and key while the walk stays on them.
#[derive(Default)]
pub struct Reference {
    filtered: HashMap<(SnapshotId, u32), Arc<Filtered>>,
    reports: HashMap<(SnapshotId, JobKey), Report>,
    facts: Option<(SnapshotId, Facts)>,
}

/// The focused pane shows the reports of the current key, computed (no job left).
pub fn check_bound(app: &App) -> Result<(), String> {
    let jobs = app.jobs();
    let key = app.view_key();
    let same = |a: Option<&Arc<CallTree>>, b: Option<&Arc<CallTree>>| match (a, b) {
        (Some(a), Some(b)) => Arc::ptr_eq(a, b),
        _ => false,
    };
    match (app.top().view(), jobs.view(&key)) {
        (Some(a), Some(b)) if Arc::ptr_eq(a, b) => {}
        (a, b) => {
            return Err(format!(
                "the top table is not bound to its key's table (shown: {}, computed: {})",
                a.is_some(),
                b.is_some()
            ));
        }
    }
    match app.focus() {
        PaneId::Tree => {
            let d = app.tree().direction();
            if !same(app.tree().tree(), jobs.tree(d, key.filters)) {
                return Err(format!("the tree pane is not bound to the {d:?} tree"));
            }
        }
        PaneId::Flame => {
            let d = app.flame().direction();
            if !same(app.flame().tree(), jobs.tree(d, key.filters)) {
                return Err(format!("the flame graph is not bound to the {d:?} tree"));
            }
        }
        PaneId::Peek => {
            if let Some(f) = app.selection() {
                let bound = match (app.butterfly().butterfly(), jobs.butterfly(f, key.filters)) {
                    (Some(a), Some(b)) => Arc::ptr_eq(a, b),
                    _ => false,
                };
                if app.butterfly().func() != Some(f) || !bound {
                    return Err(format!(
                        "the butterfly shows {:?}, the selection is {f:?}",
                        app.butterfly().func()
                    ));
                }
            }
        }
        PaneId::Source => {
            if let Some(f) = app.selection() {
                let bound = match (app.source().ready(), jobs.source(f, key.filters)) {
                    (Some(a), Some(b)) => Arc::ptr_eq(a, b),
                    _ => false,
                };
                if app.source().func() != Some(f) || !bound {
                    return Err(format!("the source pane is not bound to {f:?}'s source"));
                }
            }
        }
        PaneId::Growth => {
            let wanted = jobs.series().is_some_and(|s| s.len() >= 2);
            let computed = jobs.growth(key.sample, key.granularity, key.filters);
            let bound = match (app.growth().report(), computed) {
                (Some(a), Some(b)) => Arc::ptr_eq(a, b),
                (None, None) => !wanted,
                // The last ranking, shown while a new snapshot's is under way.
                (Some(_), None) => app.growth().is_stale(),
                (None, Some(_)) => false,
            };
            if !bound {
                return Err("the growth pane is not bound to its key's growth report".into());
            }
        }
        PaneId::Top => {}
    }
    if app.overlay().is_some_and(|(o, _)| o == Overlay::Traces)
        && app.traces_of().is_some()
        && app.traces().is_none()
    {
        return Err("the samples overlay has no listing".into());
    }
    Ok(())
}

/// The butterfly shown equals a fresh one: every row's node (by its call path from the
/// function) has the same values, and the first level is the fresh callers/callees
/// (pprof's -peek).
fn same_butterfly(
    app: &App,
    fresh: &Butterfly,
    edges: &memprof_tui::analysis::edges::EdgeIndex,
    t: usize,
) -> Result<(), String> {
    let pane = app.butterfly();
    let Some(shown) = pane.butterfly() else {
        return Ok(());
    };
    let f = shown.focus();
    for r in pane.rows() {
        let side = r.role.side();
        let (a, b) = (shown.half(side), fresh.half(side));
        let path = a.path(r.node);
        let Some(m) = b.find_path(&path) else {
            return Err(format!("butterfly path {path:?} is not in a fresh one"));
        };
        let x = (a.cum(r.node, t), a.flat(r.node, t), a.is_inline(r.node, t));
        let y = (b.cum(m, t), b.flat(m, t), b.is_inline(m, t));
        if x != y || a.depth(r.node) != r.depth {
            return Err(format!(
                "butterfly path {path:?}: shown (cum, flat, inline) {x:?}, fresh {y:?}"
            ));
        }
    }
    let first = |side: memprof_tui::analysis::butterfly::Side| -> Vec<(FuncId, i64)> {
        let h = fresh.half(side);
        let mut v: Vec<(FuncId, i64)> = h
            .sorted_children(h.root(), t)
            .into_iter()
            .filter_map(|c| Some((h.frame(c)?, h.cum(c, t))))
            .collect();
        v.sort_unstable();
        v
    };
    let peek = |list: &[memprof_tui::analysis::edges::Neighbor]| -> Vec<(FuncId, i64)> {
        let mut v: Vec<(FuncId, i64)> = list
            .iter()
            .filter(|n| n.weight != 0)
            .map(|n| (n.node, n.weight))
            .collect();
        v.sort_unstable();
        v
    };
    use memprof_tui::analysis::butterfly::Side;
    if first(Side::Callers) != peek(edges.callers(f))
        || first(Side::Callees) != peek(edges.callees(f))
    {
        return Err(format!(
            "the butterfly's first level of {f:?} is not -peek's"
        ));
    }
    Ok(())
}

/// The frames from a root of `tree` down to `n`.
fn path(tree: &CallTree, n: TreeNodeId) -> Option<Vec<FuncId>> {
    let mut out = Vec::new();
    let mut cur = Some(n);
    while let Some(c) = cur {
        out.push(tree.frame(c)?);
        cur = tree.parent(c);
    }
    out.reverse();
    Some(out)
}

/// The node of `tree` at `frames` from a root.
fn find(tree: &CallTree, frames: &[FuncId]) -> Option<TreeNodeId> {
    let mut at = None;
    for &f in frames {
        at = Some(tree.child_with_frame(at, f)?);
    }
    at
}

/// `n` of `shown` and the node at the same call path of `fresh` have the same values.
fn same_node(shown: &CallTree, fresh: &CallTree, n: TreeNodeId, t: usize) -> Result<(), String> {
    let p = path(shown, n).ok_or_else(|| format!("node {n:?} has no path"))?;
    let Some(m) = find(fresh, &p) else {
        return Err(format!("call path {p:?} is not in a fresh tree"));
    };
    let (a, b) = (
        (shown.cum(n, t), shown.flat(n, t), shown.depth(n)),
        (fresh.cum(m, t), fresh.flat(m, t), fresh.depth(m)),
    );
    if a != b {
        return Err(format!(
            "call path {p:?}: shown (cum, flat, depth) {a:?}, fresh {b:?}"
        ));
    }
    Ok(())
}

impl Reference {
    /// The report of `key` computed afresh on `app`'s snapshot with the current filters.
    fn fresh(&mut self, app: &App, worker: &Worker, key: JobKey) -> Report {
        let snap = app.snapshot();
        let id = snap.id();
        if self.reports.len() > 64 || self.reports.keys().any(|(s, _)| *s != id) {
            self.reports.clear();
            self.filtered.clear();
        }
        if let Some(r) = self.reports.get(&(id, key)) {
            return r.clone();
        }
        let set = key.filters();
        let filters = app.filters();
        let input = self
            .filtered
            .entry((id, set.0))
            .or_insert_with(|| Filtered::filter(snap.unfiltered(), filters.clone()))
            .clone();
        let job = Job {
            snapshot: id,
            generation: Generation::fresh(),
            key,
            input,
            filters,
            ticket: Ticket::default(),
            series: snap.jobs().series().cloned(),
        };
        let report = worker
            .compute(&job)
            .expect("a job nobody withdraws has a result")
            .report;
        self.reports.insert((id, key), report.clone());
        report
    }

    /// What is shown equals a fresh computation of its key: the top table, the facts
    /// behind the notices, and the focused pane's report.
    pub fn check(&mut self, app: &App, worker: &Worker) -> Result<(), String> {
        let key = app.view_key();
        let t = key.sample.index();
        if let (Some(shown), Report::View(fresh)) =
            (app.top().view(), self.fresh(app, worker, JobKey::View(key)))
            && (shown.report.rows != fresh.report.rows
                || shown.report.total != fresh.report.total
                || shown.pairs != fresh.pairs
                || shown.warnings != fresh.warnings)
        {
            return Err(format!(
                "the top table differs from a fresh one for {key:?}: {} rows shown, {} fresh",
                shown.report.rows.len(),
                fresh.report.rows.len()
            ));
        }
        if let Some(shown) = app.facts() {
            let id = app.snapshot().id();
            if self.facts.as_ref().is_none_or(|(s, _)| *s != id) {
                self.facts = Some((id, Facts::of(app.profile())));
            }
            let fresh = self.facts.as_ref().map(|(_, f)| f);
            if Some(&**shown) != fresh {
                return Err("the profile's facts differ from a fresh computation".into());
            }
        }
        match app.focus() {
            PaneId::Tree => {
                let d = app.tree().direction();
                let (Some(shown), Report::Tree(fresh)) = (
                    app.tree().tree(),
                    self.fresh(app, worker, JobKey::Tree(d, key.filters)),
                ) else {
                    return Ok(());
                };
                // The rows a screen can show (at most 100 from the first visible one):
                // every expanded row of a 38,000-deep recursion would cost its depth each.
                let rows = app.tree().rows();
                let table = app.tree().table();
                let on_screen = rows.iter().skip(table.offset).take(100);
                for r in on_screen.chain(rows.get(table.selected)) {
                    same_node(shown, &fresh, r.node, t)?;
                }
            }
            PaneId::Flame => {
                let flame = app.flame();
                let d = flame.direction();
                let (Some(shown), Report::Tree(fresh)) = (
                    flame.tree(),
                    self.fresh(app, worker, JobKey::Tree(d, key.filters)),
                ) else {
                    return Ok(());
                };
                for &n in flame.selected().iter().chain(flame.zoom()) {
                    same_node(shown, &fresh, n, t)?;
                }
            }
            PaneId::Peek => {
                let Some(f) = app.butterfly().func() else {
                    return Ok(());
                };
                let (Report::Butterfly(fresh), Report::Edges(edges)) = (
                    self.fresh(app, worker, JobKey::Butterfly(f, key.filters)),
                    self.fresh(app, worker, JobKey::Edges(key.sample, key.filters)),
                ) else {
                    return Ok(());
                };
                same_butterfly(app, &fresh, &edges, t)?;
            }
            PaneId::Source => {
                let (Some(f), Some(shown)) = (app.source().func(), app.source().ready()) else {
                    return Ok(());
                };
                if let Report::Source(fresh) =
                    self.fresh(app, worker, JobKey::Source(f, key.filters))
                    && shown.data != fresh.data
                {
                    return Err(format!("the source of {f:?} differs from a fresh one"));
                }
            }
            PaneId::Growth => {
                let (Some(shown), Report::Growth(fresh)) = (
                    app.growth().report(),
                    self.fresh(
                        app,
                        worker,
                        JobKey::Growth(key.sample, key.granularity, key.filters),
                    ),
                ) else {
                    return Ok(());
                };
                if shown != &fresh {
                    return Err("the growth suspects differ from a fresh ranking".into());
                }
            }
            PaneId::Top => {}
        }
        if let (Some(shown), Some(f)) = (app.traces(), app.traces_of()) {
            let k = JobKey::Traces(f, key.filters, key.sample, key.granularity);
            if let Report::Traces(fresh) = self.fresh(app, worker, k)
                && (!shown.traces().eq(fresh.traces())
                    || shown.lines() != fresh.lines()
                    || (0..shown.len()).any(|t| {
                        shown.trace(t).is_some_and(|tr| {
                            tr.frames.iter().any(|f| shown.name(f) != fresh.name(f))
                        })
                    }))
            {
                return Err(format!("the samples through {f:?} differ from fresh ones"));
            }
        }
        Ok(())
    }
}
