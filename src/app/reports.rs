//! The explorer's cache of computed reports: which jobs the focused pane needs, what the
//! worker sent back, and which filter sets' reports are dropped.

use std::sync::Arc;

use super::{Action, App, Command, Job, Overlay, PaneId};
use crate::analysis::call_tree::{CallTree, Direction};
use crate::analysis::edges::EdgeIndex;
use crate::analysis::histogram::Histogram;
use crate::analysis::view::TopView;

impl App {
    /// The table being shown, if computed.
    pub fn view(&self) -> Option<&TopView> {
        self.views.get(&self.key).map(Arc::as_ref)
    }

    /// The call tree of the tree pane's direction, if computed.
    pub fn call_tree(&self) -> Option<&Arc<CallTree>> {
        self.trees.get(&(self.tree.direction, self.key.filters))
    }

    /// The top-down call tree (the flame graph's), if computed.
    pub fn flame_tree(&self) -> Option<&Arc<CallTree>> {
        self.trees.get(&(Direction::TopDown, self.key.filters))
    }

    /// Callers/callees for the current sample type, if computed.
    pub fn edge_index(&self) -> Option<&Arc<EdgeIndex>> {
        self.edges.get(&(self.key.sample_index, self.key.filters))
    }

    /// The size histogram of the selected function, if computed.
    pub fn histogram(&self) -> Option<&Arc<Histogram>> {
        self.histograms.get(&(self.func?, self.key.filters))
    }

    pub(super) fn ensure(&mut self, job: Job) -> Vec<Command> {
        let done = match job {
            Job::View(k) => self.views.contains_key(&k),
            Job::Tree(d, f) => self.trees.contains_key(&(d, f)),
            Job::Edges(i, f) => self.edges.contains_key(&(i, f)),
            Job::Histogram(n, f) => self.histograms.contains_key(&(n, f)),
            Job::Source(n, f) => self.sources.contains_key(&(n, f)),
        };
        if done || !self.pending.insert(job) {
            return Vec::new();
        }
        vec![Command::Compute(job)]
    }

    /// Jobs the focused pane needs for the current sample type.
    pub(super) fn ensure_pane_data(&mut self) -> Vec<Command> {
        let mut cmds = self.ensure(Job::View(self.key));
        match self.focus {
            PaneId::Top => {}
            PaneId::Tree => {
                cmds.extend(self.ensure(Job::Tree(self.tree.direction, self.key.filters)))
            }
            PaneId::Peek => {
                cmds.extend(self.ensure(Job::Edges(self.key.sample_index, self.key.filters)))
            }
            PaneId::Flame => {
                cmds.extend(self.ensure(Job::Tree(Direction::TopDown, self.key.filters)))
            }
            PaneId::Source => {
                if let Some(f) = self.func {
                    cmds.extend(self.ensure(Job::Source(f, self.key.filters)));
                }
            }
        }
        if self.overlay == Some(Overlay::Histogram)
            && let Some(f) = self.func
        {
            cmds.extend(self.ensure(Job::Histogram(f, self.key.filters)));
        }
        cmds
    }

    /// Filter sets whose reports stay cached: none (the first screen), the current one and
    /// the one Backspace returns to. Others are computed again if the user comes back.
    pub fn kept_filter_sets(&self) -> [u32; 3] {
        [
            0,
            self.key.filters,
            self.filter_back.last().copied().unwrap_or(0),
        ]
    }

    /// Drops the reports of filter sets that are not kept, so a long session of
    /// refinements on a large profile does not keep a copy of every filtered profile's
    /// tables and trees.
    pub(crate) fn drop_stale_filter_sets(&mut self) {
        let keep = self.kept_filter_sets();
        self.views.retain(|k, _| keep.contains(&k.filters));
        self.trees.retain(|&(_, f), _| keep.contains(&f));
        self.edges.retain(|&(_, f), _| keep.contains(&f));
        self.histograms.retain(|&(_, f), _| keep.contains(&f));
        self.sources.retain(|&(_, f), _| keep.contains(&f));
    }

    /// Stores a report the worker computed (`Action::*Ready`), unless its filter set was
    /// dropped while it was computed.
    pub(super) fn report_ready(&mut self, action: Action) -> Vec<Command> {
        let keep = self.kept_filter_sets();
        match action {
            Action::ViewReady(k, view) => {
                self.pending.remove(&Job::View(k));
                if keep.contains(&k.filters) {
                    self.views.insert(k, view);
                }
                if k != self.key {
                    return Vec::new();
                }
            }
            Action::TreeReady(d, f, tree) => {
                self.pending.remove(&Job::Tree(d, f));
                if keep.contains(&f) {
                    self.trees.insert((d, f), tree);
                }
            }
            Action::EdgesReady(i, f, e) => {
                self.pending.remove(&Job::Edges(i, f));
                if keep.contains(&f) {
                    self.edges.insert((i, f), e);
                }
            }
            Action::HistogramReady(n, f, h) => {
                self.pending.remove(&Job::Histogram(n, f));
                if keep.contains(&f) {
                    self.histograms.insert((n, f), h);
                }
                return Vec::new();
            }
            Action::SourceReady(n, f, s) => {
                self.pending.remove(&Job::Source(n, f));
                if keep.contains(&f) {
                    self.sources.insert((n, f), s);
                }
            }
            _ => return Vec::new(),
        }
        self.sync_focused();
        Vec::new()
    }
}
