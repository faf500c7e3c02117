//! Changing what the table shows: sample type, order, side by side, granularity and
//! refinements (pprof's filters, with a back stack). After a change that reorders the
//! rows the table starts at its first row, the biggest entry of the new view, and the
//! other panes follow that selection.

use super::notice::Status;
use super::pane::PaneId;
use super::{Action, App, Command};
use crate::analysis::filter::{FilterKind, Filters};
use crate::analysis::{Granularity, SampleIndex};
use crate::jobs::{FilterSetId, ViewKey};

impl App {
    /// Shows `key`; `reset` starts the table at its first row.
    pub(super) fn switch_view(&mut self, key: ViewKey, reset: bool) {
        let filters_changed = key.filters != self.key.filters;
        self.key = key;
        self.wanted = super::rebind::Wanted::of(&key, &self.snap);
        if filters_changed {
            // A frame a transform made (a collapsed `PKG.*`) has an id of its set only:
            // the new set's first row is selected instead.
            if self
                .selection
                .is_some_and(|f| f.index() >= self.snap.frames().infos.len())
            {
                self.selection = None;
            }
            self.snap
                .jobs_mut()
                .retain(&self.history.kept(key.filters), key.filters);
            // The panes let go of the old set's trees (their places are carried as call
            // paths), so the trees and their paths are freed.
            self.panes.release();
        }
        if reset {
            self.panes.top.reset_on_next_view();
        }
    }

    fn with_type(&mut self, t: Option<usize>, needs: Action) {
        match t {
            Some(i) => self.switch_view(
                ViewKey {
                    sample: SampleIndex(i),
                    ..self.key
                },
                true,
            ),
            None => self.status = Some(Status::NeedsHeapProfile(needs)),
        }
    }

    fn with_filters(&mut self, fid: FilterSetId) {
        self.switch_view(
            ViewKey {
                filters: fid,
                ..self.key
            },
            true,
        );
    }

    pub(super) fn push_filters(&mut self, f: Filters) {
        let fid = self.history.push(self.key.filters, f);
        self.with_filters(fid);
    }

    /// Refines by `kind` with `text`; an error says why it was refused.
    pub(super) fn refine(&mut self, kind: FilterKind, text: &str) -> Result<(), String> {
        let mut f = (*self.filters()).clone();
        f.set(kind, text)?;
        self.push_filters(f);
        Ok(())
    }

    /// View and refinement actions; `None` for the others.
    pub(super) fn apply_view(&mut self, a: Action) -> Option<Vec<Command>> {
        let key = self.key;
        match a {
            Action::ToggleInuseAlloc => {
                self.with_type(self.heap().toggle_family(key.sample.index()), a)
            }
            Action::ToggleSpaceObjects => {
                self.with_type(self.heap().toggle_measure(key.sample.index()), a)
            }
            Action::NextSampleType => {
                let n = self.profile().sample_types.len().max(1);
                if n == 1 {
                    self.status = Some(Status::OneSampleType);
                } else {
                    self.with_type(Some((key.sample.index() + 1) % n), a);
                }
            }
            Action::ToggleSideBySide if self.diff().is_some() => {
                self.status = Some(Status::NotOnDiff(a))
            }
            Action::ToggleSideBySide if self.heap().is_heap() => self.switch_view(
                ViewKey {
                    side_by_side: !key.side_by_side,
                    ..key
                },
                false,
            ),
            Action::ToggleSideBySide => self.status = Some(Status::NeedsHeapProfile(a)),
            Action::CycleSort => self.switch_view(
                ViewKey {
                    sort: key.sort.next(),
                    ..key
                },
                true,
            ),
            Action::CycleChangeSort if self.diff().is_some() => self.switch_view(
                ViewKey {
                    sort: key.sort.change_next(),
                    ..key
                },
                true,
            ),
            Action::CycleChangeSort => self.status = Some(Status::NeedsDiff(a)),
            Action::RefineSelected(filter) => {
                let name = self
                    .selection
                    .and_then(|f| self.frames().infos.get(f.index()))
                    .map(|i| format!("^{}$", regex::escape(&i.name)));
                match name {
                    Some(re) => {
                        if let Err(e) = self.refine(filter.kind(), &re) {
                            self.status = Some(Status::RefineFailed(e));
                        }
                    }
                    None => self.status = Some(Status::NoSelection),
                }
            }
            Action::UndoRefine => match self.history.undo() {
                Some(fid) => self.with_filters(fid),
                None => self.status = Some(Status::NothingToUndo),
            },
            Action::ClearRefinements if key.filters != FilterSetId(0) => {
                let fid = self.history.jump(key.filters, FilterSetId(0));
                self.with_filters(fid);
            }
            Action::ClearRefinements => self.status = Some(Status::NoRefinements),
            Action::ToggleRelative => {
                let mut f = (*self.filters()).clone();
                f.relative_percentages = !f.relative_percentages;
                self.push_filters(f);
            }
            Action::CycleGranularity => {
                let all = Granularity::ALL;
                let i = all.iter().position(|&g| g == key.granularity).unwrap_or(0);
                let granularity = all[(i + 1) % all.len()];
                self.switch_view(ViewKey { granularity, ..key }, true);
                if self.focus != PaneId::Top {
                    self.status = Some(Status::GranularityTopOnly(granularity));
                }
            }
            _ => return None,
        }
        Some(Vec::new())
    }
}
