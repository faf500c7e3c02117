//! The refinements of a session: every filter set used so far (numbered, so reports are
//! cached per set) and the sets Backspace returns to.

use std::sync::Arc;

use crate::analysis::filter::Filters;
use crate::jobs::FilterSetId;

/// Filter sets and the back stack.
#[derive(Clone, Debug)]
pub struct FilterHistory {
    sets: Vec<Arc<Filters>>,
    back: Vec<FilterSetId>,
}

impl Default for FilterHistory {
    fn default() -> Self {
        Self {
            sets: vec![Arc::new(Filters::default())],
            back: Vec::new(),
        }
    }
}

impl FilterHistory {
    /// The filters of set `id` (none for an unknown id).
    pub fn get(&self, id: FilterSetId) -> Arc<Filters> {
        self.sets.get(id.0 as usize).cloned().unwrap_or_default()
    }

    /// Adds `f` as a new set, remembering `current` for undo; returns the new set's id.
    pub fn push(&mut self, current: FilterSetId, f: Filters) -> FilterSetId {
        self.back.push(current);
        self.sets.push(Arc::new(f));
        FilterSetId((self.sets.len() - 1) as u32)
    }

    /// Goes to set `to` (e.g. none), remembering `current` for undo.
    pub fn jump(&mut self, current: FilterSetId, to: FilterSetId) -> FilterSetId {
        self.back.push(current);
        to
    }

    /// The set to return to, if any.
    pub fn undo(&mut self) -> Option<FilterSetId> {
        self.back.pop()
    }

    /// Sets whose reports stay cached: none (the first screen), `current`, and the one
    /// Backspace returns to.
    pub fn kept(&self, current: FilterSetId) -> Vec<FilterSetId> {
        let mut v = vec![FilterSetId(0), current];
        v.extend(self.back.last().copied());
        v
    }
}
