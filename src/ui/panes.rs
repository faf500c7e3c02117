//! The ui's one place that picks a pane's view by its id: how each pane lays out its
//! data area and draws itself (the app's side of a pane is `app::panes`).

use ratatui::Frame;
use ratatui::layout::Rect;

use super::Theme;
use crate::app::{App, FrameLayout, PaneId};

/// How a pane is laid out and drawn.
pub struct PaneView {
    /// The pane's data area within its box's inner area (computed once per frame, into
    /// [`FrameLayout::body`]).
    pub body: fn(inner: Rect) -> Rect,
    /// Draws the pane from the frame's layout.
    pub draw: fn(&mut Frame, &App, &Theme, &FrameLayout),
    /// What a search looks through here, and what it counts (for the `/` prompt).
    pub searched: (&'static str, &'static str),
}

/// Rows below a one-line column header: the lists (table, tree, butterfly) and the source.
pub fn below_header(inner: Rect) -> Rect {
    Rect {
        y: inner.y.saturating_add(1),
        height: inner.height.saturating_sub(1),
        ..inner
    }
}

/// The view of pane `p`.
pub fn view(p: PaneId) -> PaneView {
    match p {
        PaneId::Top => PaneView {
            body: below_header,
            draw: super::top_table::draw,
            searched: ("the table's names", "rows"),
        },
        PaneId::Tree => PaneView {
            body: below_header,
            draw: super::tree_view::draw,
            searched: ("the names of the rows shown", "rows"),
        },
        PaneId::Peek => PaneView {
            body: below_header,
            draw: super::butterfly_view::draw,
            searched: ("the callers' and callees' names", "rows"),
        },
        PaneId::Flame => PaneView {
            body: super::flame_view::body,
            draw: super::flame_view::draw,
            searched: ("the frames' names", "frames"),
        },
        PaneId::Source => PaneView {
            body: below_header,
            draw: super::source_pane_view::draw,
            searched: ("the source lines", "lines"),
        },
        PaneId::Growth => PaneView {
            body: super::growth_view::body,
            draw: super::growth_view::draw,
            searched: ("the suspects' names", "rows"),
        },
    }
}
