//! The panes, and the one place that picks a pane by its id: adding a pane means a
//! `PaneId` (with its title and keymap scope), its state here, its view in `ui::panes`.

use super::butterfly_pane::ButterflyPane;
use super::flame_pane::FlamePane;
use super::growth_pane::GrowthPane;
use super::pane::{Pane, PaneId};
use super::source_pane::SourcePane;
use super::top_pane::TopPane;
use super::tree_pane::TreePane;
use crate::analysis::FuncId;

/// Every pane's state.
#[derive(Clone, Debug, Default)]
pub struct Panes {
    /// The top table.
    pub top: TopPane,
    /// The call tree.
    pub tree: TreePane,
    /// The butterfly: callers and callees of the selected function, as trees.
    pub peek: ButterflyPane,
    /// The flame graph.
    pub flame: FlamePane,
    /// The source.
    pub source: SourcePane,
    /// Growth over a series of snapshots.
    pub growth: GrowthPane,
}

impl Panes {
    /// The pane `id` (the explorer's only dispatch on a pane id).
    pub fn get_mut(&mut self, id: PaneId) -> &mut dyn Pane {
        match id {
            PaneId::Top => &mut self.top,
            PaneId::Tree => &mut self.tree,
            PaneId::Peek => &mut self.peek,
            PaneId::Flame => &mut self.flame,
            PaneId::Source => &mut self.source,
            PaneId::Growth => &mut self.growth,
        }
    }

    /// Every pane lets go of the reports of the filter set shown (another set is shown).
    pub fn release(&mut self) {
        for id in PaneId::ALL {
            self.get_mut(id).release();
        }
    }

    /// Every pane binds to another snapshot, translating its function ids with `map`.
    pub fn rebase(&mut self, map: &dyn Fn(FuncId) -> Option<FuncId>) {
        for id in PaneId::ALL {
            self.get_mut(id).rebase(map);
        }
    }

    /// The pane `id`, to read.
    pub fn get(&self, id: PaneId) -> &dyn Pane {
        match id {
            PaneId::Top => &self.top,
            PaneId::Tree => &self.tree,
            PaneId::Peek => &self.peek,
            PaneId::Flame => &self.flame,
            PaneId::Source => &self.source,
            PaneId::Growth => &self.growth,
        }
    }
}
