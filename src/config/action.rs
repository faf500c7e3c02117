//! What the user can ask for: every bindable action, the vocabulary of the keymap. Input
//! and runtime events (keys, mouse, resize, finished jobs) are the app's `Event`s.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::analysis::filter::FilterKind;

/// Declares [`Action`]: its unit variants, whose keymap names are their own names in
/// snake case, and its variants with a payload (a closed enum with an `ALL` list and a
/// keymap name per value); [`Action::all`] and the names come from this one declaration.
macro_rules! actions {
    (
        units { $( $(#[$um:meta])* $unit:ident, )* }
        payloads { $( $(#[$pm:meta])* $pay:ident($ty:ty), )* }
    ) => {
        /// A user intent, bound to keys by the keymap (`assets/keymap.toml`).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Action {
            $( $(#[$um])* $unit, )*
            $( $(#[$pm])* $pay($ty), )*
        }

        impl Action {
            /// Every action: each unit variant, then each variant with a payload for
            /// every value of it (model-based tests and fuzzing pick from these).
            pub fn all() -> Vec<Self> {
                let mut all = vec![$( Self::$unit, )*];
                $( all.extend(<$ty>::ALL.into_iter().map(Self::$pay)); )*
                all
            }

            /// The name of a unit variant as written in Rust ("ToggleInuseAlloc").
            fn unit_name(self) -> Option<&'static str> {
                match self {
                    $( Self::$unit => Some(stringify!($unit)), )*
                    _ => None,
                }
            }
        }
    };
}

actions! {
    units {
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
        /// Undo the last refinement.
        UndoRefine,
        /// Remove every refinement.
        ClearRefinements,
        /// Percentages relative to the refined total (pprof's relative_percentages).
        ToggleRelative,
        /// Next granularity: functions, filefunctions, files, lines, addresses.
        CycleGranularity,
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
        /// Step the "why does this look empty?" notice through its sizes: one line (a
        /// short terminal) → whole → hidden → as at first.
        ToggleNotice,
        /// Close the innermost thing: overlay, prompt, flame zoom, search; with nothing to
        /// close, return to the previous place (pane, selection, position). Never quits.
        Back,
        /// Quit.
        Quit,
        /// Fetch the profile's URL inputs again (profiles of running programs).
        Refetch,
        /// Show the change since the previous fetch (a diff against it), or the latest
        /// snapshot again.
        ToggleChange,
        /// Fetch again with a GC first (`?gc=1`: the heap now, not as of the last GC).
        RefetchWithGc,
        /// The base the change (`D`) is computed against: the previous snapshot, the first,
        /// or the one picked on the Growth pane's timeline.
        CycleBase,
        /// Growth pane: make the snapshot under the timeline cursor the base of `D`.
        PickBase,
        /// Clear and redraw the whole screen.
        Redraw,
        /// Suspend to the shell (job control).
        Suspend,
        /// Focus the next pane.
        NextPane,
        /// Focus the previous pane.
        PrevPane,
        /// Collapse direct recursion (f → f → f becomes f), or stop collapsing it: one step
        /// of the refinement history.
        CollapseRecursion,
        /// Collapse all recursion (f → g → f …: a function is on a stack once), or stop.
        CollapseIndirectRecursion,
        /// Collapse the selected function's package into one frame (`net/http.*`).
        CollapsePackage,
        /// The samples (traces) through the selected function, as pprof's -traces lists
        /// them.
        ShowTraces,
        /// The saved views: list them, recall one.
        ShowViews,
        /// The commands that reproduce the view (`go tool pprof`, `memprof-tui`), to copy.
        ShowCommands,
    }
    payloads {
        /// Refine by the selected function: focus, ignore, hide, show, show_from, prune_from.
        RefineSelected(FrameFilter),
        /// Open the search (`/`) or refinement (`:`) prompt.
        OpenPrompt(PromptKind),
        /// Focus a pane.
        FocusPane(PaneId),
    }
}

/// `CamelCase` in snake case ("ToggleInuseAlloc" → "toggle_inuse_alloc").
fn snake_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// Every action's keymap name, both ways (made once from [`Action::all`]).
type Names = (HashMap<Action, &'static str>, HashMap<&'static str, Action>);

fn names() -> &'static Names {
    static NAMES: OnceLock<Names> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut by_action = HashMap::new();
        let mut by_name = HashMap::new();
        for a in Action::all() {
            let name: &'static str = Box::leak(a.make_name().into_boxed_str());
            by_action.insert(a, name);
            by_name.insert(name, a);
        }
        (by_action, by_name)
    })
}

impl Action {
    fn make_name(self) -> String {
        match self {
            Self::RefineSelected(f) => format!("refine_{}", f.kind().option()),
            Self::OpenPrompt(k) => k.action_name().to_string(),
            Self::FocusPane(p) => format!("pane_{}", p.name()),
            unit => snake_case(unit.unit_name().unwrap_or_default()),
        }
    }

    /// The action's name in keymap files ("toggle_inuse_alloc", "refine_focus",
    /// "pane_tree"), derived from the variant.
    pub fn name(self) -> &'static str {
        names().0.get(&self).copied().unwrap_or_default()
    }

    /// The action named `name` in a keymap file.
    pub fn from_name(name: &str) -> Option<Self> {
        names().1.get(name).copied()
    }

    /// The pane the action focuses, if it is one that does.
    pub fn focuses(self) -> Option<PaneId> {
        match self {
            Self::FocusPane(p) => Some(p),
            Self::OpenSource => Some(PaneId::Source),
            _ => None,
        }
    }
}

/// The refinements by the selected function (pprof's frame filters; the tag filters
/// take a label, not a function, and are typed at the prompt).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FrameFilter {
    /// Keep samples through the function (-focus).
    Focus,
    /// Drop samples through the function (-ignore).
    Ignore,
    /// Hide the function's frames (-hide).
    Hide,
    /// Show only the function's frames (-show).
    Show,
    /// Drop frames above the function (-show_from).
    ShowFrom,
    /// Drop frames below the function (-prune_from).
    PruneFrom,
}

impl FrameFilter {
    /// Every one, in help order.
    pub const ALL: [Self; 6] = [
        Self::Focus,
        Self::Ignore,
        Self::Hide,
        Self::Show,
        Self::ShowFrom,
        Self::PruneFrom,
    ];

    /// The filter it sets.
    pub fn kind(self) -> FilterKind {
        match self {
            Self::Focus => FilterKind::Focus,
            Self::Ignore => FilterKind::Ignore,
            Self::Hide => FilterKind::Hide,
            Self::Show => FilterKind::Show,
            Self::ShowFrom => FilterKind::ShowFrom,
            Self::PruneFrom => FilterKind::PruneFrom,
        }
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
    /// The butterfly: callers and callees of the selected function, as trees (its first
    /// level is pprof's -peek).
    Peek,
    /// The flame graph.
    Flame,
    /// Annotated source of the selected function.
    Source,
    /// Growth over a series of snapshots: the leak suspects.
    Growth,
}

impl PaneId {
    /// Panes in Tab order.
    pub const ALL: [Self; 6] = [
        Self::Top,
        Self::Tree,
        Self::Peek,
        Self::Flame,
        Self::Source,
        Self::Growth,
    ];

    /// The pane's name in keymap files (its scope, and `pane_NAME` focuses it).
    pub fn name(self) -> &'static str {
        match self {
            Self::Top => "top",
            Self::Tree => "tree",
            Self::Peek => "peek",
            Self::Flame => "flame",
            Self::Source => "source",
            Self::Growth => "growth",
        }
    }

    /// The heading of its keys in the help overlay and the README.
    pub fn heading(self) -> &'static str {
        match self {
            Self::Top => "Top table",
            Self::Tree => "Call tree",
            Self::Peek => "Butterfly (callers/callees)",
            Self::Flame => "Flame graph",
            Self::Source => "Source",
            Self::Growth => "Growth (leak hunting over snapshots)",
        }
    }

    /// Title shown on the pane tab.
    pub fn title(self) -> &'static str {
        match self {
            Self::Top => "Top",
            Self::Tree => "Tree",
            Self::Peek => "Butterfly",
            Self::Flame => "Flame graph",
            Self::Source => "Source",
            Self::Growth => "Growth",
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
    /// `:`: a refinement or transform, `KIND REGEX` (focus, ignore, hide, merge, show,
    /// show_from, prune_from, tagfocus, tagignore, collapse_package, collapse_recursion).
    Refine,
    /// The name to save the view under.
    SaveView,
    /// The file to write the refined profile to (gzipped profile.proto).
    ExportProfile,
    /// The file to write the focused pane to (text, .tsv or .json).
    ExportPane,
}

impl PromptKind {
    /// Every kind.
    pub const ALL: [Self; 5] = [
        Self::Search,
        Self::Refine,
        Self::SaveView,
        Self::ExportProfile,
        Self::ExportPane,
    ];

    /// The name of the action opening it in keymap files.
    pub fn action_name(self) -> &'static str {
        match self {
            Self::Search => "search",
            Self::Refine => "refine_prompt",
            Self::SaveView => "save_view",
            Self::ExportProfile => "export_profile",
            Self::ExportPane => "export_pane",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_the_variants_in_snake_case_and_read_back() {
        assert_eq!(Action::ToggleInuseAlloc.name(), "toggle_inuse_alloc");
        assert_eq!(Action::HalfPageUp.name(), "half_page_up");
        assert_eq!(
            Action::RefineSelected(FrameFilter::ShowFrom).name(),
            "refine_show_from"
        );
        assert_eq!(Action::OpenPrompt(PromptKind::Search).name(), "search");
        assert_eq!(Action::FocusPane(PaneId::Flame).name(), "pane_flame");
        let all = Action::all();
        let names: std::collections::HashSet<&str> = all.iter().map(|a| a.name()).collect();
        assert_eq!(names.len(), all.len(), "one name per action");
        for a in all {
            assert!(!a.name().is_empty(), "{a:?}");
            assert_eq!(Action::from_name(a.name()), Some(a));
        }
        assert_eq!(Action::from_name("scroll_overlay"), None);
    }
}
