//! Saved views: the view as a [`SavedView`] (sample type, granularity, order, units,
//! pane, directions, refinements and transforms — what pprof's web UI keeps in a saved
//! config), and a saved view recalled: each part applied as far as the profile allows
//! (what it lacks is said in the status line), the refinements as one step of the
//! history, so Backspace returns to the view before.

use super::notice::Status;
use super::{App, PaneId, UnitMode};
use crate::analysis::call_tree::Direction;
use crate::analysis::filter::{FilterKind, FilterSpec, Filters};
use crate::analysis::view::TableSort;
use crate::analysis::{Granularity, SampleIndex};
use crate::config::views::SavedView;

/// A direction's word in a views file.
fn direction_word(d: Direction) -> &'static str {
    match d {
        Direction::TopDown => "top-down",
        Direction::BottomUp => "bottom-up",
    }
}

fn direction_of(word: &str) -> Option<Direction> {
    match word {
        "top-down" => Some(Direction::TopDown),
        "bottom-up" => Some(Direction::BottomUp),
        _ => None,
    }
}

fn sort_of(word: &str) -> Option<TableSort> {
    [
        TableSort::Flat,
        TableSort::Cum,
        TableSort::Name,
        TableSort::Growth,
        TableSort::Shrink,
    ]
    .into_iter()
    .find(|s| s.label() == word || (word == "shrink" && *s == TableSort::Shrink))
}

impl App {
    /// The view shown, as a saved view named `name`.
    pub fn saved_view(&self, name: &str) -> SavedView {
        let f = self.filters();
        let get = |k: FilterKind| f.get(k).unwrap_or_default().to_string();
        SavedView {
            name: name.to_string(),
            sample_type: self
                .profile()
                .sample_types
                .get(self.key.sample.index())
                .map(|t| t.ty.clone())
                .unwrap_or_default(),
            granularity: self.key.granularity.name().to_string(),
            sort: self.key.sort.label().to_string(),
            units: match &self.units {
                UnitMode::PerValue => String::new(),
                UnitMode::Report(u) => u.clone(),
                UnitMode::Exact => "exact".into(),
            },
            pane: self.focus.name().to_string(),
            side_by_side: self.key.side_by_side,
            tree: direction_word(self.panes.tree.direction()).to_string(),
            flame: direction_word(self.panes.flame.direction()).to_string(),
            focus: get(FilterKind::Focus),
            ignore: get(FilterKind::Ignore),
            hide: get(FilterKind::Hide),
            show: get(FilterKind::Show),
            show_from: get(FilterKind::ShowFrom),
            prune_from: get(FilterKind::PruneFrom),
            tagfocus: get(FilterKind::TagFocus),
            tagignore: get(FilterKind::TagIgnore),
            collapse_package: get(FilterKind::CollapsePackage),
            collapse_recursion: get(FilterKind::CollapseRecursion),
            relative_percentages: f.relative_percentages,
        }
    }

    /// Sets the saved views, and why none can be saved (`--no-config`, no config
    /// directory) if so.
    pub fn set_views(&mut self, views: Vec<SavedView>, save_off: Option<String>) {
        self.explore.views = views;
        self.explore.views_off = save_off;
    }

    /// The saved views.
    pub fn views(&self) -> &[SavedView] {
        &self.explore.views
    }

    /// Why views cannot be saved, if so.
    pub fn views_off(&self) -> Option<&str> {
        self.explore.views_off.as_deref()
    }

    /// Recalls `v`: every part the profile allows; the status line names the view and
    /// what could not be applied.
    pub fn recall(&mut self, v: &SavedView) {
        let mut missed: Vec<String> = Vec::new();
        let mut key = self.key;
        let types = &self.profile().sample_types;
        if !v.sample_type.is_empty() {
            match types.iter().position(|t| t.ty == v.sample_type) {
                Some(i) => key.sample = SampleIndex(i),
                None => missed.push(format!("no sample type {}", v.sample_type)),
            }
        }
        if !v.granularity.is_empty() {
            match Granularity::parse(&v.granularity) {
                Some(g) => key.granularity = g,
                None => missed.push(format!("granularity {}?", v.granularity)),
            }
        }
        match sort_of(&v.sort) {
            Some(s @ (TableSort::Growth | TableSort::Shrink)) if self.diff().is_none() => {
                missed.push(format!("order by {} needs a diff", s.label()));
                key.sort = TableSort::Flat;
            }
            Some(s) => key.sort = s,
            None if v.sort.is_empty() => {}
            None => missed.push(format!("order {}?", v.sort)),
        }
        key.side_by_side = v.side_by_side && self.snap.has_side_by_side();
        if v.side_by_side && !key.side_by_side {
            missed.push("side by side needs a heap profile".into());
        }
        self.units = match v.units.as_str() {
            "" => UnitMode::PerValue,
            "exact" => UnitMode::Exact,
            u => UnitMode::Report(u.to_string()),
        };
        let spec = FilterSpec {
            focus: v.focus.clone(),
            ignore: v.ignore.clone(),
            hide: v.hide.clone(),
            show: v.show.clone(),
            show_from: v.show_from.clone(),
            prune_from: v.prune_from.clone(),
            tag_focus: v.tagfocus.clone(),
            tag_ignore: v.tagignore.clone(),
            collapse_package: v.collapse_package.clone(),
            collapse_recursion: v.collapse_recursion.clone(),
            relative_percentages: v.relative_percentages,
        };
        let filters = match Filters::parse(&spec) {
            Ok(f) => Some(f),
            Err(e) => {
                missed.push(format!("refinements not applied: {e}"));
                None
            }
        };
        self.switch_view(key, true);
        if let Some(f) = filters
            && f != *self.filters()
        {
            // One step of the history: Backspace returns to the view before.
            self.push_filters(f);
        }
        if let Some(d) = direction_of(&v.tree) {
            self.panes.tree.set_direction(d);
        }
        if let Some(d) = direction_of(&v.flame) {
            self.panes.flame.set_direction(d);
        }
        match PaneId::ALL.into_iter().find(|p| p.name() == v.pane) {
            Some(p) => self.focus = p,
            None if v.pane.is_empty() => {}
            None => missed.push(format!("pane {}?", v.pane)),
        }
        let name = &v.name;
        self.status = Some(if missed.is_empty() {
            Status::Note(format!(
                "view {name} recalled (Backspace undoes its refinements)"
            ))
        } else {
            Status::Failed(format!("view {name} recalled, but: {}", missed.join("; ")))
        });
    }

    /// Recalls the saved view named `name` (`--view NAME`); an error names the views
    /// there are.
    pub fn recall_named(&mut self, name: &str) -> Result<(), String> {
        let Some(v) = self.explore.views.iter().find(|v| v.name == name).cloned() else {
            let names: Vec<&str> = self.explore.views.iter().map(|v| v.name.as_str()).collect();
            return Err(if names.is_empty() {
                format!("no saved view {name:?}: none is saved yet (M in the explorer saves one)")
            } else {
                format!("no saved view {name:?}; saved: {}", names.join(", "))
            });
        };
        self.recall(&v);
        Ok(())
    }
}
