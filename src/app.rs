//! The `app` layer: the explorer's state machine. One [`Action`] enum, one
//! [`App::update`] holding the logic, [`Command`]s for the runtime to carry out.

pub mod action;
pub mod input;
pub mod keymap;
pub mod layout;
pub mod pane;
pub mod top_pane;
pub mod view_key;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

pub use action::Action;
pub use keymap::{Keymap, Scope};
pub use layout::{FrameLayout, Region};
pub use pane::PaneId;
pub use view_key::ViewKey;

use crate::analysis::Granularity;
use crate::analysis::heap::{Diagnosis, HeapTypes};
use crate::analysis::view::{TableSort, TopView};
use crate::profile::Profile;
use top_pane::TableState;

/// Work the runtime does on the app's behalf.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// Compute the table for this key off the UI thread; answer with `Action::ViewReady`.
    Compute(ViewKey),
    /// Clear the terminal before the next frame.
    ClearScreen,
}

/// An overlay drawn over the panes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overlay {
    /// Key help, generated from the keymap.
    Help,
    /// The numbers behind the diagnosis.
    Details,
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
    /// What the table shows now.
    pub key: ViewKey,
    /// Computed tables.
    pub views: HashMap<ViewKey, Arc<TopView>>,
    /// Tables being computed.
    pub pending: HashSet<ViewKey>,
    /// Selection and scroll of the top table.
    pub table: TableState,
    /// Node id of the selected row, kept across sample-type switches and re-sorts.
    pub selected_node: Option<u32>,
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
        let mut app = Self {
            profile,
            inputs,
            heap,
            diagnosis,
            key: ViewKey {
                sample_index,
                granularity: Granularity::Functions,
                sort: TableSort::Flat,
                side_by_side: false,
            },
            views: HashMap::new(),
            pending: HashSet::new(),
            table: TableState::default(),
            selected_node: None,
            focus: PaneId::Top,
            overlay: None,
            overlay_scroll: 0,
            notice_hidden: false,
            layout: FrameLayout::default(),
            size: (80, 24),
            keymap: Keymap::default(),
            should_quit: false,
        };
        let cmds = app.ensure_view();
        (app, cmds)
    }

    /// The table being shown, if computed.
    pub fn view(&self) -> Option<&TopView> {
        self.views.get(&self.key).map(Arc::as_ref)
    }

    /// Scopes for key lookup, innermost first.
    pub fn scopes(&self) -> Vec<Scope> {
        if self.overlay.is_some() {
            return vec![Scope::Overlay];
        }
        let pane = match self.focus {
            PaneId::Top => Scope::Top,
        };
        vec![pane, Scope::Global]
    }

    /// Whether the "why does this look empty?" notice applies to the current view.
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

    fn rows(&self) -> usize {
        self.view().map_or(0, |v| v.report.rows.len())
    }

    fn page(&self) -> usize {
        usize::from(self.layout.table_rows.height).max(1)
    }

    fn ensure_view(&mut self) -> Vec<Command> {
        if self.views.contains_key(&self.key) || self.pending.contains(&self.key) {
            return Vec::new();
        }
        self.pending.insert(self.key);
        vec![Command::Compute(self.key)]
    }

    /// Remembers the selected row's node so it can be found again in another table.
    fn remember_selection(&mut self) {
        if let Some(v) = self.view()
            && let Some(r) = v.report.rows.get(self.table.selected)
        {
            self.selected_node = Some(r.node);
        }
    }

    /// Puts the selection back on the remembered node in the current table.
    fn restore_selection(&mut self) {
        let (len, page) = (self.rows(), self.page());
        let found = self.selected_node.and_then(|n| {
            self.view()
                .and_then(|v| v.report.rows.iter().position(|r| r.node == n))
        });
        match found {
            Some(i) => self.table.select(i, len, page),
            None => self.table.select(self.table.selected, len, page),
        }
    }

    /// Shows another table; the remembered node (kept by movement actions, not by
    /// switches) is selected again wherever it appears, so a function missing from one
    /// view is found again when switching back.
    fn switch_view(&mut self, key: ViewKey) -> Vec<Command> {
        self.key = key;
        let cmds = self.ensure_view();
        self.restore_selection();
        cmds
    }

    /// Applies `action`; returns what the runtime must do.
    pub fn update(&mut self, action: Action) -> Vec<Command> {
        let (len, page) = (self.rows(), self.page());
        let half = (page / 2).max(1) as isize;
        match action {
            Action::Up => self.table.move_by(-1, len, page),
            Action::Down => self.table.move_by(1, len, page),
            Action::PageUp => self.table.move_by(-(page as isize), len, page),
            Action::PageDown => self.table.move_by(page as isize, len, page),
            Action::HalfPageUp => self.table.move_by(-half, len, page),
            Action::HalfPageDown => self.table.move_by(half, len, page),
            Action::First => self.table.select(0, len, page),
            Action::Last => self.table.select(len.saturating_sub(1), len, page),
            Action::WheelUp(x, y) | Action::WheelDown(x, y) => {
                if self.overlay.is_some() {
                    let d = if matches!(action, Action::WheelUp(..)) { -3 } else { 3 };
                    return self.update(Action::ScrollOverlay(d));
                }
                if self.layout.table_rows.contains(x, y) || self.layout.table_rows.height > 0 {
                    let d = if matches!(action, Action::WheelUp(..)) { -3 } else { 3 };
                    self.table.scroll_by(d, len, page);
                }
            }
            Action::Click(x, y) => {
                let r = self.layout.table_rows;
                if self.overlay.is_none() && r.contains(x, y) {
                    let i = self.table.offset + usize::from(y - r.y);
                    if i < len {
                        self.table.select(i, len, page);
                    }
                }
            }
            other => return self.update_other(other),
        }
        self.remember_selection();
        Vec::new()
    }

    fn update_other(&mut self, action: Action) -> Vec<Command> {
        match action {
            Action::ToggleInuseAlloc => match self.heap.toggle_family(self.key.sample_index) {
                Some(i) => self.switch_view(ViewKey { sample_index: i, ..self.key }),
                None => Vec::new(),
            },
            Action::ToggleSpaceObjects => match self.heap.toggle_measure(self.key.sample_index) {
                Some(i) => self.switch_view(ViewKey { sample_index: i, ..self.key }),
                None => Vec::new(),
            },
            Action::NextSampleType => {
                let n = self.profile.sample_types.len().max(1);
                let i = (self.key.sample_index + 1) % n;
                self.switch_view(ViewKey { sample_index: i, ..self.key })
            }
            Action::ToggleSideBySide => {
                if !self.heap.is_heap() {
                    return Vec::new();
                }
                self.switch_view(ViewKey { side_by_side: !self.key.side_by_side, ..self.key })
            }
            Action::CycleSort => self.switch_view(ViewKey { sort: self.key.sort.next(), ..self.key }),
            Action::ShowHelp => self.open_overlay(Overlay::Help),
            Action::ShowDetails => self.open_overlay(Overlay::Details),
            Action::ToggleNotice => {
                self.notice_hidden = !self.notice_hidden;
                Vec::new()
            }
            Action::Back => {
                if self.overlay.take().is_none() {
                    self.should_quit = true;
                }
                Vec::new()
            }
            Action::Quit => {
                self.should_quit = true;
                Vec::new()
            }
            Action::Redraw => vec![Command::ClearScreen],
            Action::NextPane => {
                self.focus = self.focus.next();
                Vec::new()
            }
            Action::PrevPane => {
                self.focus = self.focus.prev();
                Vec::new()
            }
            Action::FocusPane(p) => {
                self.focus = p;
                Vec::new()
            }
            Action::ScrollOverlay(d) => {
                self.overlay_scroll = (self.overlay_scroll as i64 + i64::from(d)).max(0) as usize;
                Vec::new()
            }
            Action::Resize(w, h) => {
                self.size = (w, h);
                Vec::new()
            }
            Action::Layout(l) => {
                self.layout = l;
                let (len, page) = (self.rows(), self.page());
                self.table.scroll_to_selection(len, page);
                Vec::new()
            }
            Action::ViewReady(key, view) => {
                self.pending.remove(&key);
                self.views.insert(key, view);
                if key == self.key {
                    self.restore_selection();
                    if self.selected_node.is_none() {
                        self.remember_selection();
                    }
                }
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    fn open_overlay(&mut self, o: Overlay) -> Vec<Command> {
        self.overlay = Some(o);
        self.overlay_scroll = 0;
        Vec::new()
    }
}
