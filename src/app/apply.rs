//! Applying one user action: app-wide actions here, view changes in `view_switch`,
//! prompt editing in `prompt_edit`, everything else to the focused pane.

use super::input::Mouse;
use super::list_state::list_delta;
use super::notice::Status;
use super::pane::{Effect, PaneId};
use super::prompt::PromptKind;
use super::{Action, App, Command, Overlay};

impl App {
    /// Applies `a` (the status line was cleared before).
    pub(super) fn apply(&mut self, a: Action) -> Vec<Command> {
        if let Some(cmds) = self.apply_explore(a) {
            return cmds;
        }
        if let Some(cmds) = self.apply_app(a) {
            return cmds;
        }
        if let Some(cmds) = self.apply_view(a) {
            return cmds;
        }
        let searching = self
            .prompt
            .as_ref()
            .is_some_and(|p| p.kind == PromptKind::Search);
        if let Some(cmds) = self.apply_prompt(a) {
            self.after_prompt(a, searching);
            return cmds;
        }
        let focus = self.focus;
        let before = self.here();
        let (panes, cx) = self.split();
        let effect = panes.get_mut(focus).act(a, &cx);
        if effect.jump {
            self.remember_place(before);
        }
        self.take_effect(effect)
    }

    /// A search moves the selection like a jump: where the prompt was opened is
    /// remembered for `back` once the search is accepted, and returned to when it is
    /// given up (as an incremental search does).
    fn after_prompt(&mut self, a: Action, searching: bool) {
        match a {
            Action::OpenPrompt(PromptKind::Search) => {
                self.place_before_search = Some(self.own_functions(self.here()));
            }
            Action::PromptAccept if searching && self.prompt.is_none() => {
                if let Some(p) = self.place_before_search.take() {
                    self.remember_place(p);
                }
            }
            Action::PromptCancel => {
                if let Some(p) = self.place_before_search.take().filter(|_| searching) {
                    self.return_to(p);
                }
            }
            _ => {}
        }
    }

    /// `--watch` was asked for: when no input is a URL there is nothing to refetch, and
    /// the status line says so once, at the start.
    pub fn watch_requested(&mut self) {
        if !self.live.is_live() {
            self.status = Some(Status::WatchNeedsUrl);
        }
    }

    /// The editor could not be started: say so in the status line.
    pub fn editor_failed(&mut self, message: String) {
        self.status = Some(Status::EditorFailed(message));
    }

    /// Applies what a pane answered.
    pub(super) fn take_effect(&mut self, e: Effect) -> Vec<Command> {
        if let Some(f) = e.select {
            self.selection = Some(f);
        }
        if e.status.is_some() {
            self.status = e.status;
        }
        e.commands
    }

    fn open_overlay(&mut self, o: Overlay) {
        self.overlay = match self.overlay {
            Some((open, _)) if open == o => None,
            _ => Some((o, 0)),
        };
    }

    /// Actions of the app as a whole; `None` for the others.
    fn apply_app(&mut self, a: Action) -> Option<Vec<Command>> {
        if let Some((o, scroll)) = self.overlay
            && let Some(d) = list_delta(a, usize::from(self.layout.overlay.1))
        {
            let max = self.overlay_max_scroll() as isize;
            let s = (scroll as isize).saturating_add(d).clamp(0, max.max(0));
            self.overlay = Some((o, s as usize));
            return Some(Vec::new());
        }
        Some(match a {
            Action::Quit => {
                self.quit = true;
                Vec::new()
            }
            Action::Redraw => vec![Command::ClearScreen],
            Action::Refetch if !self.live.is_live() => {
                self.status = Some(Status::RefetchNeedsUrl {
                    stdin: self.inputs == "-",
                });
                Vec::new()
            }
            Action::Refetch => self.start_refetch(),
            Action::RefetchWithGc => self.start_refetch_gc(),
            Action::CycleBase => self.cycle_base(),
            Action::PickBase => self.pick_base(),
            // Enter on a growth suspect opens the call tree at it, with the change.
            Action::Activate
                if self.focus == PaneId::Growth && self.panes.growth.selected().is_some() =>
            {
                self.growth_enter()
            }
            Action::ToggleChange => self.toggle_change(),
            Action::Suspend => vec![Command::Suspend],
            Action::Back => {
                self.back();
                Vec::new()
            }
            Action::ShowHelp => {
                self.open_overlay(Overlay::Help);
                Vec::new()
            }
            Action::ShowDetails => {
                self.open_overlay(Overlay::Details);
                Vec::new()
            }
            Action::ShowHistogram => {
                if self.heap().is_heap() && self.selection.is_some() {
                    self.open_overlay(Overlay::Histogram);
                } else {
                    self.status = Some(Status::HistogramNeedsHeap);
                }
                Vec::new()
            }
            Action::CycleUnits => {
                self.units = self.units.next();
                Vec::new()
            }
            Action::ToggleNotice => {
                self.notice_view = self.notice_view.next(self.layout.notice_compact);
                Vec::new()
            }
            Action::NextPane => self.focus_pane(self.focus.next()),
            Action::PrevPane => self.focus_pane(self.focus.prev()),
            Action::FocusPane(p) => self.focus_pane(p),
            Action::OpenSource => self.focus_pane(PaneId::Source),
            Action::ToggleMatchOnly => {
                self.match_only = !self.match_only && self.search.is_some();
                Vec::new()
            }
            Action::SearchNext | Action::SearchPrev => {
                let dir = if a == Action::SearchNext { 1 } else { -1 };
                if self.search.is_some() {
                    self.jump_to_match(dir, false);
                    return Some(Vec::new());
                }
                // Without a search, n/N move between lines with cost in the source.
                let costly = if dir > 0 {
                    Action::NextCostly
                } else {
                    Action::PrevCostly
                };
                let focus = self.focus;
                let (panes, cx) = self.split();
                let e = panes.get_mut(focus).act(costly, &cx);
                if !e.handled {
                    self.status = Some(Status::NoMatch);
                }
                self.take_effect(e)
            }
            Action::ZoomOut => {
                if self.panes.get_mut(self.focus).back() {
                    return Some(Vec::new());
                }
                return self.apply_view(Action::UndoRefine);
            }
            _ => return None,
        })
    }

    /// Closes the innermost thing: the prompt, the overlay, the flame graph's zoom, the
    /// search; with nothing to close, returns to the previous place. Never quits.
    fn back(&mut self) {
        if self.prompt.is_some() {
            self.apply_prompt(Action::PromptCancel);
            return;
        }
        if self.overlay.take().is_some() {
            return;
        }
        if self.panes.get_mut(self.focus).back() {
            return;
        }
        if self.search.take().is_some() {
            self.match_only = false;
            return;
        }
        self.go_back();
    }

    /// Mouse events: the wheel scrolls an open overlay, else the focused pane acts.
    pub(super) fn mouse(&mut self, m: Mouse) -> Vec<Command> {
        if let Some((o, scroll)) = self.overlay {
            let max = self.overlay_max_scroll();
            let s = match m {
                Mouse::ScrollUp(..) => scroll.saturating_sub(3),
                Mouse::ScrollDown(..) => (scroll + 3).min(max),
                Mouse::Click(..) => scroll,
            };
            self.overlay = Some((o, s));
            return Vec::new();
        }
        if self.prompt.is_some() {
            return Vec::new();
        }
        let focus = self.focus;
        let (panes, cx) = self.split();
        let e = panes.get_mut(focus).mouse(m, &cx);
        self.take_effect(e)
    }
}
