//! The refinements of a session: every filter set used so far (numbered, so reports are
//! cached per set), the order its refinements and transforms were added in (the header's
//! breadcrumbs), and the sets Backspace returns to.

use std::sync::Arc;

use crate::analysis::filter::{FilterKind, Filters};
use crate::jobs::FilterSetId;

/// Filter sets and the back stack.
#[derive(Clone, Debug)]
pub struct FilterHistory {
    sets: Vec<Arc<Filters>>,
    /// Per set, its kinds in force in the order the user added them.
    order: Vec<Vec<FilterKind>>,
    back: Vec<FilterSetId>,
}

impl Default for FilterHistory {
    fn default() -> Self {
        Self {
            sets: vec![Arc::new(Filters::default())],
            order: vec![Vec::new()],
            back: Vec::new(),
        }
    }
}

/// The kinds set in `f`, those of `before` first in their order, then the new ones in
/// the order they are applied.
fn order_after(before: &[FilterKind], f: &Filters) -> Vec<FilterKind> {
    let set = |k: &FilterKind| f.get(*k).is_some();
    let mut out: Vec<FilterKind> = before.iter().copied().filter(set).collect();
    for k in FilterKind::EVERY {
        if set(&k) && !out.contains(&k) {
            out.push(k);
        }
    }
    out
}

impl FilterHistory {
    /// The filters of set `id` (none for an unknown id).
    pub fn get(&self, id: FilterSetId) -> Arc<Filters> {
        self.sets.get(id.0 as usize).cloned().unwrap_or_default()
    }

    /// Adds `f` as a new set, remembering `current` for undo; returns the new set's id.
    pub fn push(&mut self, current: FilterSetId, f: Filters) -> FilterSetId {
        self.back.push(current);
        let before = self
            .order
            .get(current.0 as usize)
            .cloned()
            .unwrap_or_default();
        self.order.push(order_after(&before, &f));
        self.sets.push(Arc::new(f));
        FilterSetId((self.sets.len() - 1) as u32)
    }

    /// The refinements and transforms of set `id` as (kind, value), in the order the
    /// user added them: the header's breadcrumbs.
    pub fn crumbs(&self, id: FilterSetId) -> Vec<(FilterKind, String)> {
        let f = self.get(id);
        let order = self.order.get(id.0 as usize).cloned().unwrap_or_default();
        order
            .into_iter()
            .filter_map(|k| f.get(k).map(|v| (k, v.to_string())))
            .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crumbs_keep_the_order_the_user_added_them_in() {
        let mut h = FilterHistory::default();
        let mut f = Filters::default();
        f.set(FilterKind::CollapseRecursion, "direct").expect("set");
        let a = h.push(FilterSetId(0), f.clone());
        f.set(FilterKind::Focus, "main").expect("set");
        let b = h.push(a, f.clone());
        let kinds =
            |h: &FilterHistory, id| h.crumbs(id).into_iter().map(|(k, _)| k).collect::<Vec<_>>();
        assert_eq!(
            kinds(&h, b),
            [FilterKind::CollapseRecursion, FilterKind::Focus],
            "the transform was added first"
        );
        f.set(FilterKind::CollapseRecursion, "").expect("clear");
        f.set(FilterKind::Hide, "fmt").expect("set");
        let c = h.push(b, f);
        assert_eq!(kinds(&h, c), [FilterKind::Focus, FilterKind::Hide]);
        assert_eq!(h.crumbs(c)[1], (FilterKind::Hide, "fmt".to_string()));
        assert_eq!(h.undo(), Some(b));
        assert!(h.crumbs(FilterSetId(0)).is_empty());
    }
}
