//! The panes of the explorer and focus cycling between them.

/// A pane of the explorer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum PaneId {
    /// The top table.
    #[default]
    Top,
    /// The call tree.
    Tree,
    /// Callers and callees of the selected function.
    Peek,
    /// The flame graph.
    Flame,
    /// Annotated source of the selected function.
    Source,
}

impl PaneId {
    /// Panes in Tab order.
    pub const ALL: [Self; 5] = [Self::Top, Self::Tree, Self::Peek, Self::Flame, Self::Source];

    /// Title shown on the pane tab.
    pub fn title(self) -> &'static str {
        match self {
            Self::Top => "Top",
            Self::Tree => "Tree",
            Self::Peek => "Callers/callees",
            Self::Flame => "Flame graph",
            Self::Source => "Source",
        }
    }

    /// The pane after this one (wrapping).
    pub fn next(self) -> Self {
        let i = Self::ALL.iter().position(|&p| p == self).unwrap_or(0);
        Self::ALL[(i + 1) % Self::ALL.len()]
    }

    /// The pane before this one (wrapping).
    pub fn prev(self) -> Self {
        let i = Self::ALL.iter().position(|&p| p == self).unwrap_or(0);
        Self::ALL[(i + Self::ALL.len() - 1) % Self::ALL.len()]
    }
}
