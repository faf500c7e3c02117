//! Every state change of the app is one of these actions, applied by `App::update`.

use std::sync::Arc;

use super::layout::FrameLayout;
use super::pane::PaneId;
use super::prompt::PromptKind;
use super::view_key::ViewKey;
use crate::analysis::call_tree::{CallTree, Direction};
use crate::analysis::edges::EdgeIndex;
use crate::analysis::filter::FilterKind;
use crate::analysis::histogram::Histogram;
use crate::analysis::source_view::SourceData;
use crate::highlight::Highlighted;

/// A loaded source: its data (None when the function has no samples) and highlighting
/// (None when no syntax fits or the time budget ran out).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceReady {
    /// Lines, values, inlined calls.
    pub data: Option<SourceData>,
    /// Coloured lines.
    pub highlighted: Option<Highlighted>,
}
use crate::analysis::view::TopView;

/// What the user (or a finished background job) asks the app to do.
#[derive(Clone, Debug)]
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
    Activate,
    /// Tree: expand everything below the selected node.
    ExpandSubtree,
    /// Tree: collapse everything.
    CollapseAll,
    /// Tree: switch between top-down and bottom-up.
    ToggleDirection,
    /// Flame graph: leave the innermost zoom (or behave like Back when not zoomed).
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
    /// A character typed into the prompt.
    PromptInput(char),
    /// Delete the prompt's last character.
    PromptBackspace,
    /// Accept the prompt.
    PromptAccept,
    /// Close the prompt without accepting.
    PromptCancel,
    /// Prompt: the previous entry of the prompt's history.
    PromptHistoryPrev,
    /// Prompt: the next entry of the prompt's history.
    PromptHistoryNext,
    /// Next search match in the focused pane.
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
    /// Open the help overlay.
    ShowHelp,
    /// Open the overlay with the numbers behind the diagnosis.
    ShowDetails,
    /// Hide or show the "why does this look empty?" notice.
    ToggleNotice,
    /// Close the open overlay, or quit when none is open.
    Back,
    /// Quit at once.
    Quit,
    /// Clear and redraw the whole screen.
    Redraw,
    /// Suspend the program (like Ctrl-Z in a shell); `fg` resumes it.
    Suspend,
    /// Focus the next pane.
    NextPane,
    /// Focus the previous pane.
    PrevPane,
    /// Focus a pane by number.
    FocusPane(PaneId),
    /// Scroll the help overlay.
    ScrollOverlay(i32),
    /// Mouse wheel up over (column, row).
    WheelUp(u16, u16),
    /// Mouse wheel down over (column, row).
    WheelDown(u16, u16),
    /// Left click at (column, row).
    Click(u16, u16),
    /// The terminal was resized (columns, rows).
    Resize(u16, u16),
    /// The last frame's layout (regions used for paging and mouse hit-testing).
    Layout(FrameLayout),
    /// A table finished computing.
    ViewReady(ViewKey, Arc<TopView>),
    /// A call tree finished computing (direction, filter set).
    TreeReady(Direction, u32, Arc<CallTree>),
    /// Callers/callees finished computing (sample type, filter set).
    EdgesReady(usize, u32, Arc<EdgeIndex>),
    /// A size histogram finished computing (function, filter set).
    HistogramReady(u32, u32, Arc<Histogram>),
    /// A function's source finished loading (function, filter set).
    SourceReady(u32, u32, Arc<SourceReady>),
}
