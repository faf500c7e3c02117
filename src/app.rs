//! The `app` layer: the explorer's state machine. User intents are [`Action`]s applied by
//! [`App::update`]; keys, mouse, resizes and finished jobs are [`Event`]s handled by
//! [`App::handle`]; both return [`Command`]s for the runtime. Panes own their state.

mod apply;
pub mod butterfly_pane;
mod cache_budget;
mod commands;
pub mod event;
mod explore;
mod export_keys;
mod filter_history;
pub mod flame_layout;
pub mod flame_pane;
pub mod growth_pane;
pub mod layout;
pub mod list_state;
pub mod live;
mod live_change;
pub mod live_unchanged;
mod navigate;
pub mod notice;
pub mod pane;
pub mod panes;
pub mod places;
pub mod prompt;
mod prompt_edit;
mod rebind;
pub mod saved_view;
pub mod search;
mod source_nav;
pub mod source_pane;
pub mod timeline;
pub mod top_pane;
mod transforms;
mod tree_binding;
pub mod tree_pane;
pub mod units;
mod view_switch;

use std::sync::Arc;

pub use crate::config::{action, input, keymap};
pub use action::Action;
pub use event::Event;
pub use keymap::{Keymap, Scope};
pub use layout::{FrameLayout, Region};
pub use live::{Fetch, Live};
pub use notice::{Notice, NoticeView, Status};
pub use pane::PaneId;
pub use search::Search;
pub use units::UnitMode;

use crate::analysis::filter::Filters;
use crate::analysis::{FuncId, Granularity};
use crate::jobs::{FilterSetId, Filtered, Job, JobKey, Snapshot, ViewKey};
use filter_history::FilterHistory;
use pane::Ctx;
use panes::Panes;
use prompt::Prompt;

/// Work the runtime does on the app's behalf.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Run this job off the UI thread; answer with [`Event::Done`].
    Compute(Job),
    /// Clear the terminal before the next frame.
    ClearScreen,
    /// Suspend to the shell (job control), then redraw.
    Suspend,
    /// Suspend the UI and open $VISUAL/$EDITOR on this file at this line.
    OpenEditor(std::path::PathBuf, i64),
    /// Load the inputs again off the UI thread (fetching URLs), with the change since
    /// [`App::refetch_base`] (a GC first when [`Live::gc_next`]); answer with
    /// [`Event::FetchProgress`] and [`Event::Refetched`].
    Refetch,
    /// Compute a change against another base off the UI thread; answer with
    /// [`Event::Compared`].
    Compare(timeline::Compare),
    /// Remove these saved copies of fetched profiles (snapshots the series let go of).
    RemoveSaved(Vec<std::path::PathBuf>),
    /// Make and write a file off the UI thread (the refined profile, a pane's report);
    /// answer with [`Event::Written`].
    Export(Box<crate::export::ExportRequest>),
    /// Save a view in the views file (read again, the view replaced or added, written
    /// whole); answer with [`Event::ViewsSaved`].
    SaveView(Box<crate::config::views::SavedView>),
    /// Put this text on the terminal's clipboard (OSC 52), when stdout is a terminal.
    Copy(String),
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
    /// The samples (traces) through the selected function.
    Traces,
    /// The saved views, to recall one (a list with a cursor).
    Views,
    /// The commands that reproduce the view, to copy one (a list with a cursor).
    Commands,
}

impl Overlay {
    /// Whether it is a list with a cursor (↑↓ move it, Enter takes the row).
    pub fn is_list(self) -> bool {
        matches!(self, Self::Views | Self::Commands)
    }
}

/// How the explorer starts (from the command line).
#[derive(Clone, Debug, Default)]
pub struct Start {
    /// The sample type shown first.
    pub sample_index: usize,
    /// The granularity of the table.
    pub granularity: Granularity,
    /// Sorted by cum rather than flat.
    pub cum: bool,
    /// How values are shown.
    pub units: UnitMode,
    /// pprof's trimming of the table.
    pub trim: crate::jobs::Trim,
    /// Refinements in force (Backspace returns to none).
    pub filters: Filters,
    /// The base profiles subtracted from the profile, when it is a diff.
    pub base: Option<crate::profile::Bases>,
}

/// The whole state of the explorer: the UI state (these fields: what is shown and how —
/// view, refinement history, selection, panes, focus, overlay, prompt, search, status,
/// layout, keymap, units), the snapshot shown (one profile and all computed from it), and
/// the live state of a running program's fetches. A new snapshot replaces `snap` and the
/// UI state is bound to it again ([`App::show`]): nothing of the view is lost.
pub struct App {
    /// The profile shown and what is computed from it.
    snap: Snapshot,
    inputs: String,
    key: ViewKey,
    /// What the user asked the view to be, where a snapshot does not allow it.
    wanted: rebind::Wanted,
    history: FilterHistory,
    selection: Option<FuncId>,
    panes: Panes,
    focus: PaneId,
    overlay: Option<(Overlay, usize)>,
    prompt: Option<Prompt>,
    search: Option<Search>,
    search_before_prompt: Option<Search>,
    search_history: Vec<String>,
    match_only: bool,
    /// Where the user has been, for `back`.
    places: places::Places,
    /// Where the user was when the search prompt opened (remembered if the search
    /// moves the selection).
    place_before_search: Option<places::Place>,
    status: Option<Status>,
    notice_view: notice::NoticeView,
    layout: FrameLayout,
    keymap: Keymap,
    units: UnitMode,
    live: Live,
    /// The snapshots kept for leak hunting (every fetch, or the files of `--series`).
    series: crate::jobs::Series,
    /// What the change (`D`) subtracts.
    base: timeline::BaseChoice,
    /// The snapshot last picked on the timeline (its time).
    picked: Option<i64>,
    /// The user chose the base (`B`): Enter on a growth suspect keeps it.
    base_chosen: bool,
    /// The last change requested against a chosen base.
    compare_id: u64,
    quit: bool,
    /// The spinner's frame while a job has run long enough to show one (set by the
    /// runtime, which keeps the time).
    spinner: Option<u8>,
    /// The bytes the reports may hold ([`App::set_cache_budget`]).
    cache_budget: usize,
    /// Saved views, the list overlays' cursor, the samples listed.
    explore: explore::Explore,
}

impl App {
    /// A new app over `unfiltered` (see [`Filtered::unfiltered`]), showing `sample_index`
    /// first; returns the first commands.
    pub fn new(
        unfiltered: Arc<Filtered>,
        inputs: String,
        sample_index: usize,
    ) -> (Self, Vec<Command>) {
        let start = Start {
            sample_index,
            ..Start::default()
        };
        Self::with_start(unfiltered, inputs, start)
    }

    /// A new app over `unfiltered` in the state `start` asks for; returns the first
    /// commands.
    pub fn with_start(
        unfiltered: Arc<Filtered>,
        inputs: String,
        start: Start,
    ) -> (Self, Vec<Command>) {
        let snap = Snapshot::new(unfiltered, start.base.clone());
        Self::open(snap, inputs, start)
    }

    /// A new app showing `snap` in the state `start` asks for (`start.base` is what the
    /// command line subtracted: the snapshot is a diff against it); returns the first
    /// commands.
    pub fn open(snap: Snapshot, inputs: String, start: Start) -> (Self, Vec<Command>) {
        let types = &snap.profile().sample_types;
        let sample_index = start.sample_index.min(types.len().saturating_sub(1));
        let mut history = FilterHistory::default();
        let filters = if start.filters.is_active() || start.filters.relative_percentages {
            history.push(FilterSetId(0), start.filters)
        } else {
            FilterSetId(0)
        };
        let mut app = Self {
            snap,
            inputs,
            key: ViewKey {
                sample: crate::analysis::SampleIndex(sample_index),
                granularity: start.granularity,
                sort: if start.cum {
                    crate::analysis::view::TableSort::Cum
                } else {
                    crate::analysis::view::TableSort::Flat
                },
                side_by_side: false,
                filters,
                trim: start.trim,
            },
            wanted: rebind::Wanted::default(),
            history,
            selection: None,
            panes: Panes::default(),
            focus: PaneId::Top,
            overlay: None,
            prompt: None,
            search: None,
            search_before_prompt: None,
            search_history: Vec::new(),
            match_only: false,
            places: places::Places::default(),
            place_before_search: None,
            status: None,
            notice_view: notice::NoticeView::Auto,
            layout: FrameLayout::default(),
            keymap: Keymap::default(),
            units: start.units,
            live: Live::with_fixed_base(start.base),
            series: crate::jobs::Series::default(),
            base: timeline::BaseChoice::default(),
            picked: None,
            base_chosen: false,
            compare_id: 0,
            quit: false,
            spinner: None,
            cache_budget: crate::jobs::DEFAULT_BUDGET,
            explore: explore::Explore::default(),
        };
        app.wanted = rebind::Wanted::of(&app.key, &app.snap);
        let cmds = app.refresh();
        (app, cmds)
    }

    /// How many snapshots the series keeps, and about how much memory they may take
    /// (`--keep`, `--keep-mib`); before any is added.
    pub fn set_series_keep(&mut self, keep: usize, keep_bytes: u64) {
        if self.series.is_empty() {
            self.series = crate::jobs::Series::new(keep, keep_bytes);
        }
    }

    /// Replaces the keymap (the user's, from the config files).
    pub fn set_keymap(&mut self, keymap: Keymap) {
        self.keymap = keymap;
    }

    /// Applies a user action; returns what the runtime must do.
    pub fn update(&mut self, action: Action) -> Vec<Command> {
        self.status = None;
        let mut cmds = self.apply(action);
        cmds.extend(self.refresh());
        cmds
    }

    /// Handles an input or runtime event; returns what the runtime must do.
    pub fn handle(&mut self, event: Event) -> Vec<Command> {
        match event {
            Event::Key(k) => {
                if self.prompt.is_some()
                    && let input::KeyCode::Char(c) = k.code
                    && !k.ctrl
                    && !k.alt
                {
                    self.status = None;
                    // The search follows once a frame (`before_draw`), not once a key.
                    self.prompt_type(c);
                    return Vec::new();
                }
                match self.keymap.resolve(&self.scopes(), k) {
                    Some(a) => self.update(a),
                    // A terminal sends Esc and a key typed quickly after it as Alt+key:
                    // unbound, it is read as the two keys.
                    None if k.alt => {
                        let esc = input::Key::plain(input::KeyCode::Esc);
                        let mut cmds = self.handle(Event::Key(esc));
                        cmds.extend(self.handle(Event::Key(input::Key { alt: false, ..k })));
                        cmds
                    }
                    None => Vec::new(),
                }
            }
            Event::Mouse(m) => {
                let cmds = self.mouse(m);
                let mut more = self.refresh();
                more.splice(0..0, cmds);
                more
            }
            Event::Resize(w, h) => {
                self.layout.size = (w, h);
                self.refresh()
            }
            Event::Paste(text) => self.paste(&text),
            Event::Done(done) => {
                // Only the shown snapshot's cache takes results; one of another snapshot
                // (replaced, or parked) is dropped with it.
                if !self.snap.jobs().wants(&done) {
                    return Vec::new();
                }
                let keep = self.history.kept(self.key.filters);
                let jobs = self.snap.jobs_mut().finish(done, &keep, self.key.filters);
                let mut cmds: Vec<Command> = jobs.into_iter().map(Command::Compute).collect();
                cmds.extend(self.refresh());
                cmds
            }
            Event::FetchProgress(p) => {
                self.refetch_progress(p);
                Vec::new()
            }
            Event::Refetched(r) => self.refetched(*r),
            Event::Compared(c) => {
                let mut cmds = self.compared(*c);
                cmds.extend(self.refresh());
                cmds
            }
            Event::WatchTick => self.start_refetch(),
            Event::Written(r) => {
                self.written(r);
                Vec::new()
            }
            Event::ViewsSaved(r) => {
                self.views_saved(r);
                Vec::new()
            }
        }
    }

    /// Shows the spinner at `frame` (None: no spinner). The runtime turns it on once a job
    /// has run for a while and turns it off when nothing is computing.
    pub fn set_spinner(&mut self, frame: Option<u8>) {
        self.spinner = frame;
    }

    /// The spinner's frame, if one is shown.
    pub fn spinner(&self) -> Option<u8> {
        self.spinner
    }

    /// Takes the layout of the next frame (computed by `ui::layout` before drawing):
    /// pages and scroll positions follow it; returns what the runtime must do (a pane
    /// whose cursor moved to stay on its page may need another report).
    pub fn set_layout(&mut self, layout: FrameLayout) -> Vec<Command> {
        let same = layout == self.layout;
        self.layout = layout;
        if let Some((o, scroll)) = self.overlay {
            self.overlay = Some((o, scroll.min(self.overlay_max_scroll())));
        }
        if same {
            return Vec::new();
        }
        self.refresh()
    }

    /// Asks for every report the view needs, then brings the panes to the selection.
    fn refresh(&mut self) -> Vec<Command> {
        self.bind_series();
        self.sync_all();
        let mut keys = vec![JobKey::Facts, JobKey::View(self.key)];
        {
            let focus = self.focus;
            let (panes, cx) = self.split();
            keys.extend(panes.get(focus).needs(&cx));
        }
        if self.overlay.is_some_and(|(o, _)| o == Overlay::Histogram)
            && let Some(f) = self.selection
        {
            keys.push(JobKey::Histogram(f, self.key.filters));
        }
        keys.extend(self.traces_key());
        let filters: Arc<Filters> = self.history.get(self.key.filters);
        self.snap.jobs_mut().set_budget(self.cache_budget);
        self.snap.jobs_mut().want(&keys);
        let mut cmds = Vec::new();
        for k in keys {
            cmds.extend(
                self.snap
                    .jobs_mut()
                    .ensure(k, &filters)
                    .into_iter()
                    .map(Command::Compute),
            );
        }
        self.fit_budget();
        self.sync_all();
        cmds
    }

    /// The top table settles the selection first (after a view change it moves to its
    /// first row), then the focused pane follows it.
    fn sync_all(&mut self) {
        let focus = self.focus;
        let (panes, cx) = self.split();
        let from_top = pane::Pane::sync(&mut panes.top, &cx);
        if let Some(f) = from_top {
            self.selection = Some(f);
        }
        if focus != PaneId::Top {
            let (panes, cx) = self.split();
            if let Some(f) = panes.get_mut(focus).sync(&cx) {
                self.selection = Some(f);
            }
        }
    }

    /// The functions table of the filter set shown (its filtered profile's, which
    /// extends the unfiltered one's ids to the frames transforms made), else the
    /// unfiltered one while that profile is computed.
    fn frames_of_set(&self) -> &crate::analysis::NodeTable {
        match self.snap.jobs().filtered(self.key.filters) {
            Some(f) => f.functions(),
            None => self.snap.frames(),
        }
    }

    /// The panes and what they may read.
    fn split(&mut self) -> (&mut Panes, Ctx<'_>) {
        let frames = match self.snap.jobs().filtered(self.key.filters) {
            Some(f) => f.functions(),
            None => self.snap.frames(),
        };
        let cx = Ctx {
            profile: self.snap.profile(),
            frames,
            key: self.key,
            jobs: self.snap.jobs(),
            selection: self.selection,
            layout: &self.layout,
            search: self.search.as_ref(),
            match_only: self.match_only,
        };
        (&mut self.panes, cx)
    }

    fn overlay_max_scroll(&self) -> usize {
        let (lines, rows) = self.layout.overlay;
        lines.saturating_sub(usize::from(rows))
    }

    /// Scopes for key lookup, innermost first.
    pub fn scopes(&self) -> Vec<Scope> {
        if self.prompt.is_some() {
            return vec![Scope::Prompt];
        }
        if self.overlay.is_some() {
            return vec![Scope::Overlay];
        }
        vec![Scope::of_pane(self.focus), Scope::Global]
    }
}

mod read;
