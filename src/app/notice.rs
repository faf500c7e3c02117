//! What the app has to tell the user, as typed values: the notices above the table and the
//! one-line status messages. The `ui` words them (naming keys from the keymap).

use super::Action;
use crate::analysis::Granularity;

/// A paragraph of the notice box.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    /// The in-use view holds a small share of what was allocated, and what remains
    /// belongs to the Go runtime: written after the program freed its memory.
    EndOfProgram {
        /// inuse_space total (bytes).
        inuse: i64,
        /// alloc_space total (bytes).
        alloc: i64,
    },
    /// The in-use view holds a small share of what was allocated, much of it the
    /// program's own: most allocations were freed again (a mid-run profile).
    MostlyFreed {
        /// inuse_space total (bytes).
        inuse: i64,
        /// alloc_space total (bytes).
        alloc: i64,
    },
    /// The profile is a diff: what its signs mean and what its percentages are shares of,
    /// for the current sample type.
    Diff {
        /// The base files' names.
        bases: String,
        /// Percentages are shares of the base's total (`--diff-base`), else of the sum of
        /// all changes (`--base`).
        relative_to_base: bool,
        /// The profile was scaled to the base's totals first.
        normalized: bool,
        /// Net change: the profile's total minus the base's.
        net: i64,
        /// The total percentages are shares of.
        total: i64,
    },
    /// Few allocations were really sampled (values are extrapolated).
    FewSamples {
        /// Estimated allocations recorded (never below zero).
        raw: f64,
        /// runtime.MemProfileRate in bytes.
        rate: i64,
        /// The profile comes from a running program (fetched, or a series of snapshots),
        /// where more fetches, not a lower rate, bring more samples.
        live: bool,
    },
    /// A delta heap profile (`--seconds` on a heap or allocs URL): what was allocated
    /// and freed during the window, not the heap in use.
    Delta {
        /// The window, in nanoseconds.
        nanos: i64,
        /// alloc_space during the window (bytes).
        alloc: i64,
        /// inuse_space's net change during the window (bytes; negative when more was
        /// freed than allocated).
        inuse: i64,
    },
}

/// How much of the notice the user asked to see; `x` steps through them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum NoticeView {
    /// As the terminal allows: whole where the table keeps room, else one line.
    #[default]
    Auto,
    /// Whole, however short the terminal (the table keeps a few rows).
    Expanded,
    /// Not shown.
    Hidden,
}

impl NoticeView {
    /// What `x` shows next, `compact` being whether the notice is drawn on one line
    /// now: one line → whole → hidden → one line on a short terminal; whole → hidden →
    /// whole where there is room.
    pub fn next(self, compact: bool) -> Self {
        match (self, compact) {
            (Self::Auto, true) => Self::Expanded,
            (Self::Auto, false) | (Self::Expanded, _) => Self::Hidden,
            (Self::Hidden, _) => Self::Auto,
        }
    }
}

/// A one-line message for the status bar, cleared by the next action.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    /// The search matches nothing in the focused pane.
    NoMatch,
    /// The search just accepted matches nothing in the focused pane: its text, and a
    /// matching function with value in another sample type, if any.
    SearchFoundNothing(
        String,
        Option<crate::analysis::search_elsewhere::SearchElsewhere>,
    ),
    /// Backspace with no refinement to undo.
    NothingToUndo,
    /// Clear with no refinement in force.
    NoRefinements,
    /// The granularity applies to the top table only.
    GranularityTopOnly(Granularity),
    /// The function's source file was not found, so there is nothing to edit.
    NoSourceFile,
    /// No further line with cost in that direction.
    NoMoreCostlyLines,
    /// Size histograms need a heap profile with a selected function.
    HistogramNeedsHeap,
    /// The action needs a heap profile (in-use/alloc pairs).
    NeedsHeapProfile(Action),
    /// The action works on diffs only (`--diff-base`, `--base`).
    NeedsDiff(Action),
    /// The action means nothing on a diff (in-use ÷ alloc of changes).
    NotOnDiff(Action),
    /// The profile has one sample type only.
    OneSampleType,
    /// A refinement needs a selected function.
    NoSelection,
    /// The refinement was refused (bad regex, …).
    RefineFailed(String),
    /// The editor did not start.
    EditorFailed(String),
    /// A refetch is under way: its progress line.
    Fetching(String),
    /// A refetch failed (the old profile stays): the one-line error.
    RefetchFailed(String),
    /// No change to show: nothing was fetched, or no refetch has replaced a snapshot yet.
    NoChangeYet {
        /// Whether the inputs were fetched (so a refetch would give a change).
        live: bool,
    },
    /// The last two snapshots cannot be compared: why.
    ChangeUnavailable(String),
    /// The action needs a series of snapshots (a watched program, or `--series`).
    NeedsSeries(Action),
    /// The change (`D`) now subtracts this base.
    BaseSet(String),
    /// `F`: the refetch asks for a GC first.
    RefetchingWithGc,
    /// `back` with nothing to close and no place to return to.
    NothingToGoBackTo,
    /// A refetch asked for a profile read from files (or standard input), not URLs.
    RefetchNeedsUrl {
        /// The profile was read from standard input.
        stdin: bool,
    },
    /// `--watch` was given, but no input is a URL: nothing will be refetched.
    WatchNeedsUrl,
    /// Something was done (a file written, a command copied, a view saved): in words.
    Note(String),
    /// Something could not be done (a file not written, a view not found): the one-line
    /// reason.
    Failed(String),
}
