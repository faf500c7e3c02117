//! The five panes, and the one place that picks a pane by its id.

use super::flame_pane::FlamePane;
use super::pane::{Pane, PaneId};
use super::peek_pane::PeekPane;
use super::source_pane::SourcePane;
use super::top_pane::TopPane;
use super::tree_pane::TreePane;

/// Every pane's state.
#[derive(Clone, Debug, Default)]
pub struct Panes {
    /// The top table.
    pub top: TopPane,
    /// The call tree.
    pub tree: TreePane,
    /// Callers and callees.
    pub peek: PeekPane,
    /// The flame graph.
    pub flame: FlamePane,
    /// The source.
    pub source: SourcePane,
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
        }
    }
}
