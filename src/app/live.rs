//! Profiles of running programs in the explorer: which inputs were fetched and when, a
//! refetch in flight and its progress, and the swap to the new profile that keeps the
//! view (sample type, granularity, order, refinements, selection, pane) and the profile
//! it replaced; the change since that snapshot (`D`, [`super::live_change`]).

use std::sync::Arc;
use std::time::SystemTime;

use super::{App, Command, Start, Status};
use crate::analysis::FuncId;
use crate::analysis::view::TableSort;
use crate::fetch::Progress;
use crate::input::FetchedInput;
use crate::jobs::Filtered;
use crate::profile::{BaseMode, Bases, Profile};

/// A freshly loaded profile of the same inputs.
#[derive(Clone, Debug)]
pub struct Snapshot {
    /// The profile (unfiltered, functions table built).
    pub unfiltered: Arc<Filtered>,
    /// The fetched inputs and their saved copies.
    pub fetched: Vec<FetchedInput>,
    /// When loading it finished.
    pub at: SystemTime,
    /// The change since the snapshot it replaces (pprof's `-diff_base` against that one),
    /// computed with it off the UI thread ([`change_since`]); `None` on the first load,
    /// the reason when the two cannot be compared.
    pub change: Option<Result<Arc<Filtered>, String>>,
}

/// The change from `previous` to `current` as a profile: `current` with `previous`
/// subtracted as pprof's `-diff_base` does (percentages of the previous total). Runs off
/// the UI thread, beside the loading of `current`.
pub fn change_since(current: &Profile, previous: &Profile) -> Result<Arc<Filtered>, String> {
    crate::profile::diff(current, previous, BaseMode::DiffBase, false)
        .map(|d| Filtered::unfiltered(Arc::new(d)))
}

/// The live state: empty when no input was fetched.
#[derive(Clone, Debug, Default)]
pub struct Live {
    fetched: Vec<FetchedInput>,
    fetched_at: Option<SystemTime>,
    in_flight: bool,
    progress: Option<Progress>,
    previous: Option<Arc<Filtered>>,
    previous_fetched: Vec<FetchedInput>,
    /// The last snapshot fetched (what a refetch compares with), when the profile shown
    /// is not that snapshot itself (the change since the previous one is shown).
    current: Option<Arc<Filtered>>,
    change: Option<Result<Arc<Filtered>, String>>,
    showing_change: bool,
    /// The bases given on the command line: a diff already, so no change is computed.
    fixed_base: Option<Bases>,
    refetches: u32,
}

impl Live {
    /// No fetched input yet; `fixed_base`: the command line's bases, if any.
    pub(super) fn with_fixed_base(fixed_base: Option<Bases>) -> Self {
        Self {
            fixed_base,
            ..Self::default()
        }
    }

    /// The fetched inputs of the profile shown, with their saved copies.
    pub fn fetched(&self) -> &[FetchedInput] {
        &self.fetched
    }

    /// Whether any input is fetched from a server (so a refetch means something).
    pub fn is_live(&self) -> bool {
        !self.fetched.is_empty()
    }

    /// When the profile shown was fetched.
    pub fn fetched_at(&self) -> Option<SystemTime> {
        self.fetched_at
    }

    /// The progress of the refetch in flight, if any.
    pub fn in_flight(&self) -> Option<&Progress> {
        self.progress.as_ref().filter(|_| self.in_flight)
    }

    /// Whether a refetch is under way (progress may not have been reported yet).
    pub fn is_fetching(&self) -> bool {
        self.in_flight
    }

    /// The profile the last refetch replaced.
    pub fn previous(&self) -> Option<&Arc<Filtered>> {
        self.previous.as_ref()
    }

    /// The change since the previous snapshot, once a refetch replaced one (or why the
    /// two cannot be compared).
    pub fn change(&self) -> Option<&Result<Arc<Filtered>, String>> {
        self.change.as_ref()
    }

    /// Whether the change since the previous snapshot is shown instead of the snapshot.
    pub fn showing_change(&self) -> bool {
        self.showing_change
    }

    pub(super) fn set_showing_change(&mut self, on: bool) {
        self.showing_change = on;
    }

    /// Whether a refetch should also compute the change since the snapshot it replaces
    /// (not when the command line's bases already make the profile a diff).
    pub fn compares_snapshots(&self) -> bool {
        self.is_live() && self.fixed_base.is_none()
    }

    /// What the change is computed against: the previous snapshot's saved copies (else
    /// its inputs), as pprof's `-diff_base`.
    pub(super) fn change_bases(&self) -> Bases {
        let paths = self
            .previous_fetched
            .iter()
            .map(|f| match &f.saved {
                Ok(path) => path.display().to_string(),
                Err(_) => format!("{} (previous fetch)", f.input),
            })
            .collect();
        Bases {
            paths,
            mode: BaseMode::DiffBase,
            normalize: false,
        }
    }

    /// How many refetches have replaced the profile.
    pub fn refetches(&self) -> u32 {
        self.refetches
    }
}

impl App {
    /// Says which inputs were fetched and when (after the first load).
    pub fn set_fetched(&mut self, fetched: Vec<FetchedInput>, at: SystemTime) {
        self.live.fetched = fetched;
        self.live.fetched_at = Some(at);
    }

    /// The live state.
    pub fn live(&self) -> &Live {
        &self.live
    }

    /// What a refetch's change is computed against: the last snapshot fetched, unless
    /// the command line's bases already make the profile a diff (then no change).
    pub fn refetch_base(&self) -> Option<Arc<Filtered>> {
        self.live
            .compares_snapshots()
            .then(|| self.current_snapshot().clone())
    }

    /// The last snapshot fetched: what the next refetch is compared with.
    pub fn current_snapshot(&self) -> &Arc<Filtered> {
        self.live.current.as_ref().unwrap_or(self.jobs.unfiltered())
    }

    /// Starts a refetch unless there is nothing to fetch or one is already under way.
    pub(super) fn start_refetch(&mut self) -> Vec<Command> {
        if !self.live.is_live() || self.live.in_flight {
            return Vec::new();
        }
        self.live.in_flight = true;
        self.live.progress = None;
        vec![Command::Refetch]
    }

    /// A progress report of the refetch in flight (shown in the status bar).
    pub(super) fn refetch_progress(&mut self, p: Progress) {
        if self.live.in_flight && !p.done {
            self.status = Some(Status::Fetching(p.line()));
            self.live.progress = Some(p);
        }
    }

    /// The refetch ended: the new profile replaces the shown one, keeping the view; a
    /// failure keeps the old profile and says why in the status bar.
    pub(super) fn refetched(&mut self, r: Result<Snapshot, String>) -> Vec<Command> {
        self.live.in_flight = false;
        self.live.progress = None;
        match r {
            Ok(s) if s.unfiltered.profile.sample_types.is_empty() => {
                self.status = Some(Status::RefetchFailed(format!(
                    "{}: profile has no samples",
                    self.inputs
                )));
                Vec::new()
            }
            Ok(s) => self.replace_profile(s),
            Err(e) => {
                self.status = Some(Status::RefetchFailed(e));
                Vec::new()
            }
        }
    }

    fn replace_profile(&mut self, s: Snapshot) -> Vec<Command> {
        let previous = self.current_snapshot().clone();
        let showing_change = self.live.showing_change && matches!(s.change, Some(Ok(_)));
        let live = Live {
            previous_fetched: std::mem::take(&mut self.live.fetched),
            fetched: s.fetched,
            fetched_at: Some(s.at),
            in_flight: false,
            progress: None,
            previous: Some(previous),
            current: Some(s.unfiltered.clone()),
            change: s.change,
            showing_change,
            fixed_base: self.live.fixed_base.clone(),
            refetches: self.live.refetches + 1,
        };
        self.show_profile(live)
    }

    /// Shows `live`'s snapshot, or the change since the previous one when `live` says so,
    /// keeping the view: the sample type (by name), granularity, order, units, trimming,
    /// refinements, selection (by function name), pane, overlay and search.
    pub(super) fn show_profile(&mut self, live: Live) -> Vec<Command> {
        let (unfiltered, base) = match (&live.change, live.showing_change) {
            (Some(Ok(change)), true) => (change.clone(), Some(live.change_bases())),
            _ => (
                live.current
                    .clone()
                    .unwrap_or_else(|| self.jobs.unfiltered().clone()),
                live.fixed_base.clone(),
            ),
        };
        let old_types = &self.profile.sample_types;
        let shown_type = old_types.get(self.key.sample.index()).map(|t| t.ty.clone());
        let new_profile = unfiltered.profile.clone();
        let sample_index = shown_type
            .and_then(|ty| new_profile.sample_types.iter().position(|t| t.ty == ty))
            .unwrap_or_else(|| new_profile.default_sample_index());
        let start = Start {
            sample_index,
            granularity: self.key.granularity,
            cum: self.key.sort == TableSort::Cum,
            units: self.units.clone(),
            trim: self.key.trim,
            filters: (*self.history.get(self.key.filters)).clone(),
            base,
        };
        let selected = self.selection.map(|f| self.frames.func_name(f));
        // The jobs the new app asked for are pending in its cache: they must be sent.
        let (mut next, mut cmds) = App::with_start(unfiltered, self.inputs.clone(), start);
        next.key.side_by_side = self.key.side_by_side && next.heap.is_heap() && next.diff.is_none();
        next.keymap = std::mem::take(&mut self.keymap);
        next.focus = self.focus;
        next.overlay = self.overlay;
        next.search = self.search.take();
        next.search_history = std::mem::take(&mut self.search_history);
        next.match_only = self.match_only;
        next.notice_hidden = self.notice_hidden;
        next.layout = self.layout;
        next.selection = selected.and_then(|name| {
            (0..next.frames.infos.len())
                .map(|i| FuncId(i as u32))
                .find(|&f| next.frames.func_name(f) == name)
        });
        next.live = live;
        *self = next;
        cmds.extend(self.refresh());
        cmds
    }
}
