//! Read-only access to the app's state, for the renderer and for tests.

use std::sync::Arc;

use super::butterfly_pane::ButterflyPane;
use super::flame_pane::FlamePane;
use super::prompt::Prompt;
use super::source_pane::SourcePane;
use super::top_pane::TopPane;
use super::tree_pane::TreePane;
use super::{App, FrameLayout, Keymap, Notice, Overlay, PaneId, Search, Status};
use crate::analysis::change::DiffSummary;
use crate::analysis::facts::Facts;
use crate::analysis::filter::Filters;
use crate::analysis::heap::{Diagnosis, HeapTypes};
use crate::analysis::histogram::Histogram;
use crate::analysis::view::TopView;
use crate::analysis::{FuncId, NodeTable};
use crate::jobs::{JobCache, JobKey, Snapshot, ViewKey};
use crate::profile::{Bases, Profile};

impl App {
    /// The snapshot shown: the profile and everything computed from it.
    pub fn snapshot(&self) -> &Snapshot {
        &self.snap
    }

    /// The loaded profile (unfiltered).
    pub fn profile(&self) -> &Arc<Profile> {
        self.snap.profile()
    }

    /// The inputs as named on the command line.
    pub fn inputs(&self) -> &str {
        &self.inputs
    }

    /// Heap sample types, if this is a heap profile.
    pub fn heap(&self) -> HeapTypes {
        self.snap.heap()
    }

    /// The numbers about the whole profile (totals, diagnosis, cut stacks, net change),
    /// once computed off the UI thread.
    pub fn facts(&self) -> Option<&Arc<Facts>> {
        self.snap.facts()
    }

    /// The numbers behind "why does this look empty?" (heap profiles, not diffs), once
    /// computed.
    pub fn diagnosis(&self) -> Option<&Diagnosis> {
        self.snap.diagnosis()
    }

    /// Every function (functions granularity) of the filter set shown: the unfiltered
    /// profile's, extended to the frames its transforms made (a collapsed `PKG.*`) once
    /// its filtered profile is computed.
    pub fn frames(&self) -> &NodeTable {
        self.frames_of_set()
    }

    /// The printable name of function `f` (empty for an unknown id).
    pub fn func_name(&self, f: FuncId) -> String {
        self.frames().func_name(f)
    }

    /// What the table shows.
    pub fn view_key(&self) -> ViewKey {
        self.key
    }

    /// The filters in force.
    pub fn filters(&self) -> Arc<Filters> {
        self.history.get(self.key.filters)
    }

    /// The refinements and transforms in force, in the order they were added (the
    /// header's breadcrumbs).
    pub fn crumbs(&self) -> Vec<(crate::analysis::filter::FilterKind, String)> {
        self.history.crumbs(self.key.filters)
    }

    /// The selected function, shared by every pane.
    pub fn selection(&self) -> Option<FuncId> {
        self.selection
    }

    /// The focused pane.
    pub fn focus(&self) -> PaneId {
        self.focus
    }

    /// The open overlay and its scroll offset.
    pub fn overlay(&self) -> Option<(Overlay, usize)> {
        self.overlay
    }

    /// The open prompt.
    pub fn prompt(&self) -> Option<&Prompt> {
        self.prompt.as_ref()
    }

    /// The search, if any.
    pub fn search(&self) -> Option<&Search> {
        self.search.as_ref()
    }

    /// Whether `name` matches the search.
    pub fn is_match(&self, name: &str) -> bool {
        self.search.as_ref().is_some_and(|s| s.is_match(name))
    }

    /// Whether only matching rows are shown in the top table.
    pub fn match_only(&self) -> bool {
        self.match_only
    }

    /// The status message, if any.
    pub fn status(&self) -> Option<&Status> {
        self.status.as_ref()
    }

    /// The reports computed so far.
    pub fn jobs(&self) -> &JobCache {
        self.snap.jobs()
    }

    /// What is being computed, if anything.
    pub fn busy(&self) -> Option<JobKey> {
        self.snap.jobs().busy()
    }

    /// The layout of the frame being drawn.
    pub fn layout(&self) -> &FrameLayout {
        &self.layout
    }

    /// The keymap.
    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }

    /// Whether `a` does something for this profile (heap-only switches on a CPU profile do
    /// not; cycling one sample type does not).
    pub fn applies(&self, a: &super::Action) -> bool {
        use super::Action as A;
        let t = self.key.sample.index();
        match a {
            A::ToggleInuseAlloc => self.heap().toggle_family(t).is_some(),
            A::ToggleSpaceObjects => self.heap().toggle_measure(t).is_some(),
            // In a diff the retained share (in-use ÷ alloc) of changes means nothing.
            A::ToggleSideBySide => self.snap.has_side_by_side(),
            A::ShowHistogram => self.heap().is_heap(),
            A::NextSampleType => self.profile().sample_types.len() > 1,
            A::CycleChangeSort => self.diff().is_some(),
            A::UndoRefine => self.key.filters != crate::jobs::FilterSetId(0),
            A::Refetch => self.live.is_live(),
            // Enter in an overlay takes a row of a list (a saved view, a command).
            A::Activate => self.overlay.is_none_or(|(o, _)| o.is_list()),
            A::ShowTraces | A::CollapsePackage => self.selection.is_some(),
            A::OpenPrompt(super::prompt::PromptKind::SaveView) => self.explore_views_on(),
            A::ToggleChange => self.live.can_toggle_change(),
            A::RefetchWithGc => {
                self.live.is_live()
                    && self
                        .live
                        .fetched()
                        .iter()
                        .any(|f| crate::fetch::is_heap_path(&f.url))
            }
            A::CycleBase => self.series.len() >= 2,
            A::PickBase => self.focus == PaneId::Growth && self.series.len() >= 2,
            A::Back => self.can_go_back(),
            _ => true,
        }
    }

    /// What the profile is a diff against, when it is one.
    pub fn diff(&self) -> Option<&Bases> {
        self.snap.base()
    }

    /// A diff's bases and its numbers per sample type, once computed.
    pub fn diff_summary(&self) -> Option<DiffSummary> {
        let bases = self.snap.base()?;
        let facts = self.snap.facts()?;
        Some(DiffSummary::new(bases.clone(), facts))
    }

    /// Stacks cut at the producer's depth limit, if any (once the facts are computed).
    pub fn truncation(&self) -> Option<crate::analysis::stacks::Truncation> {
        self.snap.truncation()
    }

    /// How values are shown.
    pub fn units(&self) -> &super::UnitMode {
        &self.units
    }

    /// Whether the app asked to quit.
    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// The current table, once computed.
    pub fn view(&self) -> Option<&TopView> {
        self.snap.jobs().view(&self.key).map(Arc::as_ref)
    }

    /// The selected function's size histogram, once computed.
    pub fn histogram(&self) -> Option<&Arc<Histogram>> {
        self.snap
            .jobs()
            .histogram(self.selection?, self.key.filters)
    }

    /// The top table pane.
    pub fn top(&self) -> &TopPane {
        &self.panes.top
    }

    /// The call-tree pane.
    pub fn tree(&self) -> &TreePane {
        &self.panes.tree
    }

    /// The butterfly pane (callers and callees of the selected function, as trees).
    pub fn butterfly(&self) -> &ButterflyPane {
        &self.panes.peek
    }

    /// The flame graph pane.
    pub fn flame(&self) -> &FlamePane {
        &self.panes.flame
    }

    /// The source pane.
    pub fn source(&self) -> &SourcePane {
        &self.panes.source
    }

    /// The Growth pane.
    pub fn growth(&self) -> &super::growth_pane::GrowthPane {
        &self.panes.growth
    }

    /// (cursor, rows) of the focused pane, once its report is there.
    pub fn position(&self) -> Option<(usize, usize)> {
        self.panes.get(self.focus).position()
    }

    /// How much of the notice the user asked to see.
    pub fn notice_view(&self) -> super::NoticeView {
        self.notice_view
    }

    /// The notices that apply to the current view (heap profiles), unless hidden.
    pub fn notices(&self) -> Vec<Notice> {
        if self.notice_view == super::NoticeView::Hidden {
            return Vec::new();
        }
        if self.unchanged_fetch().is_some() {
            // The table says why nothing changed; "changed by 0" would add nothing.
            return Vec::new();
        }
        if let Some(diff) = self.diff_summary() {
            let t = self.key.sample.index();
            let change = diff.changes.get(t).copied();
            return change
                .map(|c| Notice::Diff {
                    bases: diff.base_names(),
                    relative_to_base: diff.relative_to_base(),
                    normalized: diff.bases.normalize,
                    net: c.net,
                    total: c.total,
                })
                .into_iter()
                .collect();
        }
        if self.diff().is_some() {
            return Vec::new(); // its notice comes with the facts
        }
        let Some(d) = self.diagnosis() else {
            return Vec::new();
        };
        let mut out = Vec::new();
        if let Some(nanos) = d.delta_nanos {
            out.push(Notice::Delta {
                nanos,
                alloc: d.alloc_total,
                inuse: d.inuse_total,
            });
        }
        if d.looks_empty && self.heap().is_inuse(self.key.sample.index()) {
            let (inuse, alloc) = (d.inuse_total, d.alloc_total);
            out.push(
                if d.runtime_share >= crate::analysis::heap::END_OF_PROGRAM_SHARE {
                    Notice::EndOfProgram { inuse, alloc }
                } else {
                    Notice::MostlyFreed { inuse, alloc }
                },
            );
        }
        if d.few_samples {
            out.push(Notice::FewSamples {
                raw: d.raw_alloc_samples,
                rate: d.rate,
                live: self.live.is_live() || self.series.len() > 1,
            });
        }
        out
    }
}
