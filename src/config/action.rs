//! What the user can ask for: every bindable action, the vocabulary of the keymap. Input
//! and runtime events (keys, mouse, resize, finished jobs) are the app's `Event`s.

use crate::analysis::filter::FilterKind;

/// A user intent, bound to keys by the keymap (`assets/keymap.toml`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// Move the selection up one row.
    Up,
    /// Move the selection down one row.
    Down,
    /// Move up one page.
    PageUp,
    /// Move down one page.
    PageDown,
    /// Move up half a page.
    HalfPageUp,
    /// Move down half a page.
    HalfPageDown,
    /// Jump to the first row.
    First,
    /// Jump to the last row.
    Last,
    /// Tree: collapse, or go to the parent. Flame graph: the frame to the left.
    Left,
    /// Tree: expand, or go to the first child. Flame graph: the frame to the right.
    Right,
    /// Tree: expand or collapse. Callers/callees: select that function. Flame: zoom in.
    /// Source: show or hide the calls inlined at the line.
    Activate,
    /// Tree: expand everything below the selected node.
    ExpandSubtree,
    /// Tree: collapse everything.
    CollapseAll,
    /// Tree: switch between top-down and bottom-up.
    ToggleDirection,
    /// Flame graph: leave the innermost zoom (else undo the last refinement).
    ZoomOut,
    /// Switch between the in-use and alloc sample types (inuse_space ↔ alloc_space, …).
    ToggleInuseAlloc,
    /// Switch between space and objects (alloc_space ↔ alloc_objects, …).
    ToggleSpaceObjects,
    /// Cycle through every sample type of the profile.
    NextSampleType,
    /// Refine by the selected function: focus, ignore, hide, show, show_from, prune_from.
    RefineSelected(FilterKind),
    /// Undo the last refinement.
    UndoRefine,
    /// Remove every refinement.
    ClearRefinements,
    /// Percentages relative to the refined total (pprof's relative_percentages).
    ToggleRelative,
    /// Next granularity: functions, filefunctions, files, lines, addresses.
    CycleGranularity,
    /// Open the search (`/`) or refinement (`:`) prompt.
    OpenPrompt(PromptKind),
    /// Delete the prompt's last character.
    PromptBackspace,
    /// Accept the prompt.
    PromptAccept,
    /// Close the prompt without accepting.
    PromptCancel,
    /// The previous entry of the prompt's history.
    PromptHistoryPrev,
    /// The next entry of the prompt's history.
    PromptHistoryNext,
    /// Next search match in the focused pane (source pane without a search: next line
    /// with cost).
    SearchNext,
    /// Previous search match in the focused pane.
    SearchPrev,
    /// Show only the rows matching the search (top table).
    ToggleMatchOnly,
    /// Sizes of the selected function's allocations.
    ShowHistogram,
    /// Open the selected function's source.
    OpenSource,
    /// Source: the hottest line.
    HottestLine,
    /// Source: the next line with cost.
    NextCostly,
    /// Source: the previous line with cost.
    PrevCostly,
    /// Source: open $VISUAL/$EDITOR at the cursor line.
    OpenEditor,
    /// Show in-use and alloc side by side, with the retained share.
    ToggleSideBySide,
    /// Cycle the table order: flat → cum → name.
    CycleSort,
    /// In a diff, cycle the order by change: biggest |change| first (pprof's flat order),
    /// growth first, shrinkage first.
    CycleChangeSort,
    /// Cycle how values are shown: per value, pprof's report-wide unit, exact integers.
    CycleUnits,
    /// Open the help overlay.
    ShowHelp,
    /// Open the overlay with the numbers behind the diagnosis.
    ShowDetails,
    /// Hide or show the "why does this look empty?" notice.
    ToggleNotice,
    /// Close the innermost thing: overlay, prompt, flame zoom, search. Never quits.
    Back,
    /// Quit.
    Quit,
    /// Fetch the profile's URL inputs again (profiles of running programs).
    Refetch,
    /// Show the change since the previous fetch (a diff against it), or the latest
    /// snapshot again.
    ToggleChange,
    /// Clear and redraw the whole screen.
    Redraw,
    /// Suspend to the shell (job control).
    Suspend,
    /// Focus the next pane.
    NextPane,
    /// Focus the previous pane.
    PrevPane,
    /// Focus a pane.
    FocusPane(PaneId),
}

impl Action {
    /// Every action, in help order (model-based tests and fuzzing pick from these).
    pub fn all() -> Vec<Self> {
        super::action_names::all().collect()
    }
}

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

/// What the prompt is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PromptKind {
    /// `/`: incremental regex search in the focused pane.
    Search,
    /// `:`: a refinement, `KIND REGEX` (focus, ignore, hide, show, show_from, prune_from,
    /// tagfocus, tagignore).
    Refine,
}
