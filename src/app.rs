//! The `app` layer: the explorer's state machine. One [`Action`] enum, one
//! [`App::update`] holding the logic, [`Command`]s for the runtime to carry out.

pub mod action;
pub mod action_names;
pub mod flame_layout;
pub mod flame_pane;
pub mod input;
pub mod keymap;
pub mod keymap_file;
pub mod layout;
mod navigate;
pub mod pane;
pub mod peek_pane;
pub mod prompt;
mod refine;
mod reports;
mod source_nav;
pub mod source_pane;
pub mod top_pane;
pub mod tree_pane;
pub mod view_key;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

pub use action::{Action, SourceReady};
pub use keymap::{Keymap, Scope};
pub use layout::{FrameLayout, Region};
pub use pane::PaneId;
pub use view_key::{Job, ViewKey};

use crate::analysis::call_tree::{CallTree, Direction};
use crate::analysis::edges::EdgeIndex;
use crate::analysis::filter::Filters;
use crate::analysis::heap::{Diagnosis, HeapTypes};
use crate::analysis::histogram::Histogram;
use crate::analysis::view::{TableSort, TopView};
use crate::analysis::{Granularity, NodeTable};
use crate::profile::Profile;
use flame_pane::FlameState;
use peek_pane::PeekState;
use prompt::Prompt;
pub use refine::Search;
use source_pane::SourceState;
use top_pane::TableState;
use tree_pane::TreeState;

/// Work the runtime does on the app's behalf.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// Run this job off the UI thread; answer with the matching `*Ready` action.
    Compute(Job),
    /// Clear the terminal before the next frame.
    ClearScreen,
    /// Suspend the UI and open $VISUAL/$EDITOR on this file at this line.
    OpenEditor(std::path::PathBuf, i64),
}

/// An overlay drawn over the panes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overlay {
    /// Key help, generated from the keymap.
    Help,
    /// The numbers behind the diagnosis.
    Details,
    /// Sizes of the selected function's allocations.
    Histogram,
}

/// The whole state of the explorer.
pub struct App {
    /// The loaded profile (immutable).
    pub profile: Arc<Profile>,
    /// The inputs as named on the command line.
    pub inputs: String,
    /// Heap sample types, if this is a heap profile.
    pub heap: HeapTypes,
    /// Why the in-use view may look empty (heap profiles only).
    pub diagnosis: Option<Diagnosis>,
    /// Function identities (functions granularity): names for tree, callers, flame graph.
    pub frames: Arc<NodeTable>,
    /// What the table shows now.
    pub key: ViewKey,
    /// Computed tables.
    pub views: HashMap<ViewKey, Arc<TopView>>,
    /// Computed call trees, by direction and filter set.
    pub trees: HashMap<(Direction, u32), Arc<CallTree>>,
    /// Computed callers/callees, by sample type and filter set.
    pub edges: HashMap<(usize, u32), Arc<EdgeIndex>>,
    /// Computed size histograms, by function and filter set.
    pub histograms: HashMap<(u32, u32), Arc<Histogram>>,
    /// Loaded sources, by function and filter set.
    pub sources: HashMap<(u32, u32), Arc<SourceReady>>,
    /// Every filter set used so far; `ViewKey::filters` indexes it (0 = none).
    pub filter_sets: Vec<Arc<Filters>>,
    /// Filter sets to go back to (Backspace).
    pub filter_back: Vec<u32>,
    /// The search, if any.
    pub search: Option<Search>,
    /// Show only rows matching the search.
    pub match_only: bool,
    /// Rows of the current table shown when `match_only` (indices into its rows).
    pub top_rows: Option<Vec<usize>>,
    /// The open prompt.
    pub prompt: Option<Prompt>,
    /// A one-line message for the status bar (cleared by the next key).
    pub status: Option<String>,
    /// Jobs under way.
    pub pending: HashSet<Job>,
    /// Selection and scroll of the top table.
    pub table: TableState,
    /// The selected function, shared by every pane (a node id of `frames`).
    pub func: Option<u32>,
    /// The call-tree pane.
    pub tree: TreeState,
    /// The callers/callees pane.
    pub peek: PeekState,
    /// The flame graph pane.
    pub flame: FlameState,
    /// The source pane.
    pub source: SourceState,
    /// The focused pane.
    pub focus: PaneId,
    /// The open overlay.
    pub overlay: Option<Overlay>,
    /// Scroll offset of the overlay.
    pub overlay_scroll: usize,
    /// The user hid the notice.
    pub notice_hidden: bool,
    /// Regions of the last frame.
    pub layout: FrameLayout,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    /// The keymap.
    pub keymap: Keymap,
    /// Set when the app should exit.
    pub should_quit: bool,
}

impl App {
    /// A new app over `profile`, showing `sample_index` first; returns the first commands.
    pub fn new(profile: Arc<Profile>, inputs: String, sample_index: usize) -> (Self, Vec<Command>) {
        let heap = HeapTypes::of(&profile);
        let diagnosis = Diagnosis::of(&profile);
        let frames = Arc::new(NodeTable::build(
            &profile,
            Granularity::Functions,
            "",
            "",
            false,
        ));
        let mut app = Self {
            profile,
            inputs,
            heap,
            diagnosis,
            frames,
            key: ViewKey {
                sample_index,
                granularity: Granularity::Functions,
                sort: TableSort::Flat,
                side_by_side: false,
                filters: 0,
            },
            views: HashMap::new(),
            trees: HashMap::new(),
            edges: HashMap::new(),
            histograms: HashMap::new(),
            sources: HashMap::new(),
            filter_sets: vec![Arc::new(Filters::default())],
            filter_back: Vec::new(),
            search: None,
            match_only: false,
            top_rows: None,
            prompt: None,
            status: None,
            pending: HashSet::new(),
            table: TableState::default(),
            func: None,
            tree: TreeState::default(),
            peek: PeekState::default(),
            flame: FlameState::default(),
            source: SourceState::default(),
            focus: PaneId::Top,
            overlay: None,
            overlay_scroll: 0,
            notice_hidden: false,
            layout: FrameLayout::default(),
            size: (80, 24),
            keymap: Keymap::default(),
            should_quit: false,
        };
        let cmds = app.ensure(Job::View(app.key));
        (app, cmds)
    }

    /// The printable name of function node `n`.
    pub fn func_name(&self, n: u32) -> String {
        self.frames
            .infos
            .get(n as usize)
            .map(|i| i.printable_name())
            .unwrap_or_default()
    }

    /// Scopes for key lookup, innermost first.
    pub fn scopes(&self) -> Vec<Scope> {
        if self.prompt.is_some() {
            return vec![Scope::Prompt];
        }
        if self.overlay.is_some() {
            return vec![Scope::Overlay];
        }
        let pane = match self.focus {
            PaneId::Top => Scope::Top,
            PaneId::Tree => Scope::Tree,
            PaneId::Peek => Scope::Peek,
            PaneId::Flame => Scope::Flame,
            PaneId::Source => Scope::Source,
        };
        vec![pane, Scope::Global]
    }

    /// The "why does this look empty?" paragraphs that apply to the current view.
    pub fn notice_lines(&self) -> Vec<String> {
        if self.notice_hidden {
            return Vec::new();
        }
        let Some(d) = &self.diagnosis else {
            return Vec::new();
        };
        // Shown with the table, its byte figures in the unit the table uses.
        let Some(view) = self.view() else {
            return Vec::new();
        };
        let table_fmt = (view.report.sample_unit == "bytes").then_some(view);
        let fmt = |v: i64| match table_fmt {
            Some(t) => t.report.format_value(v),
            None => crate::analysis::units::label(v, "bytes"),
        };
        d.explain(self.heap.is_inuse(self.key.sample_index), "a", &fmt)
    }

    /// Rows of the list the focused pane shows.
    pub(crate) fn page(&self) -> usize {
        usize::from(self.layout.list_rows.height).max(1)
    }

    fn switch_view(&mut self, key: ViewKey) -> Vec<Command> {
        let filters_changed = key.filters != self.key.filters;
        self.key = key;
        if filters_changed {
            self.drop_stale_filter_sets();
        }
        let cmds = self.ensure_pane_data();
        self.sync_focused();
        cmds
    }

    fn focus_pane(&mut self, p: PaneId) -> Vec<Command> {
        self.focus = p;
        let cmds = self.ensure_pane_data();
        self.sync_focused();
        cmds
    }

    /// Applies `action`; returns what the runtime must do.
    pub fn update(&mut self, action: Action) -> Vec<Command> {
        let key = self.key;
        if !matches!(
            action,
            Action::Layout(_)
                | Action::Resize(..)
                | Action::ViewReady(..)
                | Action::TreeReady(..)
                | Action::EdgesReady(..)
                | Action::HistogramReady(..)
                | Action::SourceReady(..)
        ) {
            self.status = None;
        }
        if let Some(cmds) = self.refine_action(&action) {
            return cmds;
        }
        match action {
            Action::ToggleInuseAlloc => match self.heap.toggle_family(key.sample_index) {
                Some(i) => self.switch_view(ViewKey {
                    sample_index: i,
                    ..key
                }),
                None => Vec::new(),
            },
            Action::ToggleSpaceObjects => match self.heap.toggle_measure(key.sample_index) {
                Some(i) => self.switch_view(ViewKey {
                    sample_index: i,
                    ..key
                }),
                None => Vec::new(),
            },
            Action::NextSampleType => {
                let n = self.profile.sample_types.len().max(1);
                self.switch_view(ViewKey {
                    sample_index: (key.sample_index + 1) % n,
                    ..key
                })
            }
            Action::ToggleSideBySide if self.heap.is_heap() => self.switch_view(ViewKey {
                side_by_side: !key.side_by_side,
                ..key
            }),
            Action::CycleSort => self.switch_view(ViewKey {
                sort: key.sort.next(),
                ..key
            }),
            Action::ShowHelp => self.open_overlay(Overlay::Help),
            Action::ShowDetails => self.open_overlay(Overlay::Details),
            Action::ToggleNotice => {
                self.notice_hidden = !self.notice_hidden;
                Vec::new()
            }
            // Back closes the innermost thing (overlay, then flame zoom); it never quits.
            Action::Back => {
                if self.overlay.take().is_none()
                    && self.focus == PaneId::Flame
                    && !self.flame.zoom.is_empty()
                {
                    return self.pane_action(Action::ZoomOut);
                }
                Vec::new()
            }
            Action::Quit => {
                self.should_quit = true;
                Vec::new()
            }
            Action::Redraw => vec![Command::ClearScreen],
            Action::NextPane => self.focus_pane(self.focus.next()),
            Action::PrevPane => self.focus_pane(self.focus.prev()),
            Action::FocusPane(p) => self.focus_pane(p),
            Action::ScrollOverlay(d) => {
                let max = i64::from(self.layout.overlay_max_scroll);
                self.overlay_scroll =
                    (self.overlay_scroll as i64 + i64::from(d)).clamp(0, max) as usize;
                Vec::new()
            }
            // Bindable, not implemented yet.
            Action::PromptHistoryPrev | Action::PromptHistoryNext | Action::Suspend => Vec::new(),
            Action::Resize(w, h) => {
                self.size = (w, h);
                Vec::new()
            }
            Action::Layout(l) => {
                self.layout = l;
                self.sync_focused();
                Vec::new()
            }
            a @ (Action::ViewReady(..)
            | Action::TreeReady(..)
            | Action::EdgesReady(..)
            | Action::HistogramReady(..)
            | Action::SourceReady(..)) => self.report_ready(a),
            Action::OpenSource => self.focus_pane(PaneId::Source),
            other => self.pane_action(other),
        }
    }

    fn open_overlay(&mut self, o: Overlay) -> Vec<Command> {
        self.overlay = Some(o);
        self.overlay_scroll = 0;
        Vec::new()
    }
}
