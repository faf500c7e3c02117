//! Back navigation: the places the user has been — the pane, the selected function and
//! the pane's own position (the top table's scroll, the callers/callees row, the flame
//! graph's frame and zoom as a call path, the source line) — pushed when the user moves
//! to another pane or drills in, and returned to one by one by `back` (Esc), like a
//! browser's back. Places hold function ids of the snapshot shown; a new snapshot
//! translates them (by name) or drops what no longer exists.

use std::collections::VecDeque;

use crate::analysis::FuncId;
use crate::config::action::PaneId;

/// What a row of the butterfly (callers/callees) pane is (here, where its places are
/// kept).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PeekRole {
    /// Calls the function.
    Caller,
    /// The function itself.
    Focus,
    /// Called by the function.
    Callee,
}

/// How many places are remembered; older ones are forgotten first.
pub const MAX_PLACES: usize = 100;

/// Where a pane was, in its own terms (function ids, never ids of a report, so a place
/// outlives the reports it was recorded on).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PanePlace {
    /// A list scrolled so that its first visible row is `offset` (the top table).
    Rows {
        /// The first visible row.
        offset: usize,
    },
    /// The butterfly's row in the role `role` at the call path `path` (the function
    /// first, then its caller or callee, and so on), scrolled to `offset`.
    Neighbor {
        /// Caller, the function itself, or callee.
        role: PeekRole,
        /// The row's call path, the function first.
        path: Vec<FuncId>,
        /// The first visible row.
        offset: usize,
    },
    /// The flame graph's selected frame as its call path (root first) and the frames it
    /// was zoomed into, as depths on that path (outermost first).
    Frame {
        /// The selected frame's call path, root first.
        path: Vec<FuncId>,
        /// The zoom roots' depths on `path`.
        zoom: Vec<usize>,
    },
    /// The source pane's cursor line and first visible row.
    Line {
        /// The line under the cursor (1-based).
        line: i64,
        /// The first visible row.
        offset: usize,
    },
}

impl PanePlace {
    /// The place with its functions translated by `map`; `None` when one is gone.
    pub fn translated(&self, map: &dyn Fn(FuncId) -> Option<FuncId>) -> Option<Self> {
        Some(match self {
            Self::Neighbor { role, path, offset } => Self::Neighbor {
                role: *role,
                path: path.iter().map(|&f| map(f)).collect::<Option<_>>()?,
                offset: *offset,
            },
            Self::Frame { path, zoom } => Self::Frame {
                path: path.iter().map(|&f| map(f)).collect::<Option<_>>()?,
                zoom: zoom.clone(),
            },
            other => other.clone(),
        })
    }

    /// Every function the place names.
    pub fn funcs(&self) -> Vec<FuncId> {
        match self {
            Self::Neighbor { path, .. } | Self::Frame { path, .. } => path.clone(),
            _ => Vec::new(),
        }
    }
}

/// One place the user has been.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    /// The focused pane.
    pub pane: PaneId,
    /// The selected function.
    pub selection: Option<FuncId>,
    /// The pane's own position, when it has one worth returning to.
    pub at: Option<PanePlace>,
}

impl Place {
    /// The place with its functions translated by `map` (another snapshot's ids, by
    /// name): `None` when its selection is gone; a pane position naming a function that
    /// is gone is forgotten (the pane and the selection stay).
    pub fn translated(&self, map: &dyn Fn(FuncId) -> Option<FuncId>) -> Option<Self> {
        let selection = match self.selection {
            Some(f) => Some(map(f)?),
            None => None,
        };
        Some(Self {
            pane: self.pane,
            selection,
            at: self.at.as_ref().and_then(|a| a.translated(map)),
        })
    }

    /// Every function the place names.
    pub fn funcs(&self) -> Vec<FuncId> {
        let mut v: Vec<FuncId> = self.selection.into_iter().collect();
        v.extend(self.at.iter().flat_map(PanePlace::funcs));
        v
    }
}

/// The places to go back to, the most recent last.
#[derive(Clone, Debug, Default)]
pub struct Places {
    places: VecDeque<Place>,
}

impl Places {
    /// Remembers `p` (not twice in a row), forgetting the oldest past [`MAX_PLACES`].
    pub fn push(&mut self, p: Place) {
        if self.places.back() == Some(&p) {
            return;
        }
        self.places.push_back(p);
        while self.places.len() > MAX_PLACES {
            self.places.pop_front();
        }
    }

    /// Takes the most recent place that differs from `here` (places equal to it are
    /// dropped on the way: going there would change nothing).
    pub fn pop_from(&mut self, here: &Place) -> Option<Place> {
        while let Some(p) = self.places.pop_back() {
            if p != *here {
                return Some(p);
            }
        }
        None
    }

    /// The place [`Places::pop_from`] would return, without taking it.
    pub fn peek_from(&self, here: &Place) -> Option<&Place> {
        self.places.iter().rev().find(|p| *p != here)
    }

    /// Another snapshot is shown: every place's functions translated by `map` (by name);
    /// a place whose selection is gone is dropped, a pane position naming a function
    /// that is gone is forgotten (the place keeps its pane and selection).
    pub fn rebase(&mut self, map: &dyn Fn(FuncId) -> Option<FuncId>) {
        for p in std::mem::take(&mut self.places) {
            if let Some(q) = p.translated(map) {
                self.push(q);
            }
        }
    }

    /// The places, oldest first.
    pub fn iter(&self) -> impl Iterator<Item = &Place> {
        self.places.iter()
    }

    /// How many places are remembered.
    pub fn len(&self) -> usize {
        self.places.len()
    }

    /// Whether no place is remembered.
    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(pane: PaneId, f: u32) -> Place {
        Place {
            pane,
            selection: Some(FuncId(f)),
            at: None,
        }
    }

    #[test]
    fn bounded_no_repeats_and_back_skips_where_the_user_is() {
        let mut p = Places::default();
        for i in 0..(MAX_PLACES as u32 + 10) {
            p.push(at(PaneId::Top, i));
            p.push(at(PaneId::Top, i));
        }
        assert_eq!(p.len(), MAX_PLACES);
        assert_eq!(p.iter().next(), Some(&at(PaneId::Top, 10)));
        let here = at(PaneId::Top, MAX_PLACES as u32 + 9);
        assert_eq!(
            p.pop_from(&here),
            Some(at(PaneId::Top, MAX_PLACES as u32 + 8))
        );
    }

    #[test]
    fn a_new_snapshot_translates_or_drops() {
        let mut p = Places::default();
        p.push(at(PaneId::Top, 1));
        p.push(Place {
            pane: PaneId::Flame,
            selection: Some(FuncId(2)),
            at: Some(PanePlace::Frame {
                path: vec![FuncId(0), FuncId(2)],
                zoom: vec![0],
            }),
        });
        p.push(at(PaneId::Source, 3));
        // 3 is gone, 0 is gone (the flame path is forgotten, its place kept), 1 → 11.
        let map = |f: FuncId| match f.0 {
            1 => Some(FuncId(11)),
            2 => Some(FuncId(12)),
            _ => None,
        };
        p.rebase(&map);
        let v: Vec<&Place> = p.iter().collect();
        assert_eq!(v.len(), 2);
        assert_eq!(*v[0], at(PaneId::Top, 11));
        assert_eq!(*v[1], at(PaneId::Flame, 12));
    }
}
