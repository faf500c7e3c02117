//! Going back: where the user is now (a [`Place`]), remembering it before a move to
//! another pane or a drill-in, and returning to the last place that differs from here
//! when `back` has nothing to close.

use super::notice::Status;
use super::pane::PaneId;
use super::places::{Place, Places};
use super::{App, Command};
use crate::analysis::FuncId;

impl App {
    /// Where the user is: the focused pane, the selection and the pane's position.
    pub fn here(&self) -> Place {
        Place {
            pane: self.focus,
            selection: self.selection,
            at: self.panes.get(self.focus).place(),
        }
    }

    /// The places `back` returns to, the most recent last.
    pub fn places(&self) -> &Places {
        &self.places
    }

    /// The place `back` would return to now, when it has nothing to close first.
    pub fn back_target(&self) -> Option<&Place> {
        self.places.peek_from(&self.here())
    }

    /// Whether `back` does something here: close the flame graph's zoom or the search,
    /// or return to a place.
    pub(super) fn can_go_back(&self) -> bool {
        self.prompt.is_some()
            || self.overlay.is_some()
            || self.panes.get(self.focus).can_back()
            || self.search.is_some()
            || self.back_target().is_some()
    }

    /// Remembers `place` for `back` (a move or drill-in starts from it). Only the
    /// profile's own functions are remembered: a frame a transform made (a collapsed
    /// `PKG.*`) has an id of its filter set only, which another set gives another frame.
    pub(super) fn remember_place(&mut self, place: Place) {
        let place = self.own_functions(place);
        self.places.push(place);
    }

    /// `place` without the frames a transform made (their ids are their filter set's).
    pub(super) fn own_functions(&self, mut place: Place) -> Place {
        let known = self.snap.frames().infos.len();
        let own = |f: &FuncId| f.index() < known;
        place.selection = place.selection.filter(own);
        if place
            .at
            .as_ref()
            .is_some_and(|a| !a.funcs().iter().all(own))
        {
            place.at = None;
        }
        place
    }

    /// Focuses pane `p`, remembering where the user was when it is another pane.
    pub(super) fn focus_pane(&mut self, p: PaneId) -> Vec<Command> {
        if p != self.focus {
            let here = self.here();
            self.remember_place(here);
        }
        self.focus = p;
        Vec::new()
    }

    /// Returns to the last place that differs from here; says so when there is none.
    pub(super) fn go_back(&mut self) {
        let here = self.here();
        match self.places.pop_from(&here) {
            Some(p) => self.restore(p),
            None => self.status = Some(Status::NothingToGoBackTo),
        }
    }

    /// Returns to `p` (a search given up goes back to where it started).
    pub(super) fn return_to(&mut self, p: Place) {
        if p != self.here() {
            self.restore(p);
        }
    }

    /// Shows place `p`: its pane focused, its selection, the pane's position (found by
    /// the pane once its reports are there).
    fn restore(&mut self, p: Place) {
        self.focus = p.pane;
        if let Some(f) = p
            .selection
            .filter(|f| f.index() < self.frames().infos.len())
        {
            self.selection = Some(f);
        }
        // A table still to come after a view change would start at its first row and
        // take the selection with it.
        self.panes.top.keep_selection();
        if let Some(at) = &p.at {
            let (panes, cx) = self.split();
            panes.get_mut(p.pane).restore(at, &cx);
        }
    }

    /// The places and the search's starting place translated to another snapshot's
    /// function ids (by name), or dropped.
    pub(super) fn rebase_places(&mut self, map: &dyn Fn(FuncId) -> Option<FuncId>) {
        self.places.rebase(map);
        self.place_before_search = self
            .place_before_search
            .take()
            .and_then(|p| p.translated(map));
    }
}
