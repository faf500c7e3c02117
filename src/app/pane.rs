//! The panes as components: each owns its state and acts on actions through the one
//! [`Pane`] trait, reading the shared context ([`Ctx`]) and answering with an [`Effect`].

use super::input::Mouse;
use super::layout::FrameLayout;
use super::notice::Status;
use super::places::PanePlace;
use super::search::Search;
pub use crate::config::action::PaneId;

use super::{Action, Command};
use crate::analysis::{FuncId, NodeTable};
use crate::jobs::{JobCache, JobKey, ViewKey};
use crate::profile::Profile;

/// What every pane may read: the functions, the view, the reports, the shared selection,
/// the layout and the search.
pub struct Ctx<'a> {
    /// The unfiltered profile.
    pub profile: &'a Profile,
    /// Function names (functions granularity).
    pub frames: &'a NodeTable,
    /// What the table shows (sample type, granularity, order, filter set).
    pub key: ViewKey,
    /// The computed reports.
    pub jobs: &'a JobCache,
    /// The selected function.
    pub selection: Option<FuncId>,
    /// Where the last layout put things.
    pub layout: &'a FrameLayout,
    /// The search, if any.
    pub search: Option<&'a Search>,
    /// Show only rows matching the search (top table).
    pub match_only: bool,
}

impl Ctx<'_> {
    /// Rows of the focused list.
    pub fn page(&self) -> usize {
        usize::from(self.layout.body.height).max(1)
    }

    /// The printable name of function `f` (empty for an unknown id).
    pub fn name(&self, f: FuncId) -> String {
        self.frames.func_name(f)
    }

    /// Whether `name` matches the search.
    pub fn is_match(&self, name: &str) -> bool {
        self.search.is_some_and(|s| s.is_match(name))
    }
}

/// What a pane's action asks of the app.
#[derive(Debug, Default)]
pub struct Effect {
    /// The pane handled the action.
    pub handled: bool,
    /// The new shared selection.
    pub select: Option<FuncId>,
    /// A message for the status line.
    pub status: Option<Status>,
    /// Work for the runtime.
    pub commands: Vec<Command>,
    /// The action drilled in (zoomed, went to a caller or callee): the place before it
    /// is remembered for `back`.
    pub jump: bool,
}

impl Effect {
    /// Handled, nothing else to do.
    pub fn done() -> Self {
        Self {
            handled: true,
            ..Self::default()
        }
    }

    /// Handled, selecting `f` when known.
    pub fn select(f: Option<FuncId>) -> Self {
        Self {
            handled: true,
            select: f,
            ..Self::default()
        }
    }

    /// Not for this pane.
    pub fn ignored() -> Self {
        Self::default()
    }

    /// Handled, selecting `f` when known, and a jump (see [`Effect::jump`]).
    pub fn jump(f: Option<FuncId>) -> Self {
        Self {
            jump: true,
            ..Self::select(f)
        }
    }
}

/// One pane: its reports, how it follows the selection, how it acts and moves.
pub trait Pane {
    /// The reports it needs to draw, for the current view and selection.
    fn needs(&self, cx: &Ctx) -> Vec<JobKey>;
    /// Binds to the current reports (remapping or resetting state that pointed into
    /// replaced ones) and follows the shared selection; returns the function it settled
    /// on when that should become the shared selection.
    fn sync(&mut self, cx: &Ctx) -> Option<FuncId>;
    /// Acts on a user action.
    fn act(&mut self, a: Action, cx: &Ctx) -> Effect;
    /// Acts on a mouse event inside the pane.
    fn mouse(&mut self, m: Mouse, cx: &Ctx) -> Effect;
    /// Names of its rows, for search (the cursor indexes this list).
    fn names(&self, cx: &Ctx) -> Vec<String>;
    /// Position of the cursor in [`Pane::names`].
    fn cursor(&self, cx: &Ctx) -> usize;
    /// Moves the cursor to position `i` of [`Pane::names`]; returns the new selection.
    fn set_cursor(&mut self, i: usize, cx: &Ctx) -> Option<FuncId>;
    /// (cursor, rows) for the status line, once its report is there.
    fn position(&self) -> Option<(usize, usize)>;
    /// Where the pane is, for `back` to return to (`None`: the pane and the selection
    /// say it all).
    fn place(&self) -> Option<PanePlace> {
        None
    }
    /// Returns to `at`, a place this pane recorded (the shared selection is set already;
    /// the reports may not be there yet, so the pane finds the place when it binds).
    fn restore(&mut self, _at: &PanePlace, _cx: &Ctx) {}
    /// Whether [`Pane::back`] would leave something (the flame graph is zoomed).
    fn can_back(&self) -> bool {
        false
    }
    /// Leaves the pane's innermost state (the flame graph's zoom); false when there is
    /// none, so Back and Backspace go on to the app's.
    fn back(&mut self) -> bool {
        false
    }
    /// Lets go of reports of the filter set shown (another set is shown now), keeping its
    /// places to find them again in the new set's reports.
    fn release(&mut self) {}
    /// Another snapshot is shown: lets go of the old one's reports, keeping its places
    /// (scroll, expansion, zoom, cursor) with function ids translated by `map` (the new
    /// snapshot's ids, by name; `None` where the function is gone).
    fn rebase(&mut self, map: &dyn Fn(FuncId) -> Option<FuncId>);
}
