//! Showing another snapshot (a refetch, `D`): the UI state is bound to it again — the
//! sample type by name, the order and side by side as the user asked for them where the
//! snapshot allows, the selection by function name, and every pane's places (scroll,
//! tree expansion, flame zoom, cursors) carried over by call path and function name. The
//! refinement history, focus, overlay, prompt and search are the UI's and stay as they
//! are.

use std::collections::HashMap;

use super::{App, Command};
use crate::analysis::view::TableSort;
use crate::analysis::{FuncId, NodeTable, SampleIndex};
use crate::jobs::{Snapshot, ViewKey};

/// What the user asked the view to be, kept apart from what a snapshot allows: a sample
/// type another snapshot lacks, side by side on a diff, a diff's order by change on a
/// plain profile come back with a snapshot that has them.
#[derive(Clone, Debug, Default)]
pub(super) struct Wanted {
    /// The sample type, by name.
    pub sample: Option<String>,
    /// In-use and alloc side by side.
    pub side_by_side: bool,
    /// The table's order.
    pub sort: TableSort,
}

impl Wanted {
    /// The wishes `key` expresses on `snap`.
    pub fn of(key: &ViewKey, snap: &Snapshot) -> Self {
        Self {
            sample: snap
                .profile()
                .sample_types
                .get(key.sample.index())
                .map(|t| t.ty.clone()),
            side_by_side: key.side_by_side,
            sort: key.sort,
        }
    }

    /// `key` with the wishes applied as far as `snap` allows.
    pub fn fit(&self, key: ViewKey, snap: &Snapshot) -> ViewKey {
        let types = &snap.profile().sample_types;
        let sample = self
            .sample
            .as_ref()
            .and_then(|ty| types.iter().position(|t| &t.ty == ty))
            .unwrap_or_else(|| snap.profile().default_sample_index());
        let by_change = matches!(self.sort, TableSort::Growth | TableSort::Shrink);
        ViewKey {
            sample: SampleIndex(sample),
            side_by_side: self.side_by_side && snap.has_side_by_side(),
            sort: if by_change && snap.base().is_none() {
                TableSort::Flat
            } else {
                self.sort
            },
            ..key
        }
    }
}

/// The ids of `new`'s functions for those of `old`, by name.
fn func_map(old: &NodeTable, new: &NodeTable) -> impl Fn(FuncId) -> Option<FuncId> + use<> {
    let by_name: HashMap<String, FuncId> = (0..new.infos.len())
        .map(|i| FuncId(i as u32))
        .map(|f| (new.func_name(f), f))
        .collect();
    let names: Vec<String> = (0..old.infos.len())
        .map(|i| old.func_name(FuncId(i as u32)))
        .collect();
    move |f: FuncId| names.get(f.index()).and_then(|n| by_name.get(n)).copied()
}

impl App {
    /// Shows `snap` instead of the snapshot shown, keeping the view; the old one is
    /// dropped (its queued jobs withdrawn).
    pub fn show(&mut self, snap: Snapshot) -> Vec<Command> {
        self.swap(snap).1
    }

    /// Shows `snap`, keeping the view; returns the snapshot it replaces (to park or drop)
    /// and what the runtime must do.
    pub(super) fn swap(&mut self, snap: Snapshot) -> (Snapshot, Vec<Command>) {
        let old = std::mem::replace(&mut self.snap, snap);
        let map = func_map(old.frames(), self.snap.frames());
        self.key = self.wanted.fit(self.key, &self.snap);
        self.selection = self.selection.and_then(&map);
        self.panes.rebase(&map);
        self.rebase_places(&map);
        let cmds = self.refresh();
        (old, cmds)
    }
}
