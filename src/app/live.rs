//! Profiles of running programs in the explorer: which inputs were fetched and when, a
//! refetch in flight and its progress, the snapshots a fetch brings (the latest profile,
//! and its change since the previous fetch, `D`, [`super::live_change`]) and the profile
//! it replaced. Showing a new snapshot keeps the whole view ([`App::show`]).

use std::sync::Arc;
use std::time::SystemTime;

use super::{App, Command, Status};
use crate::fetch::Progress;
use crate::input::FetchedInput;
use crate::jobs::{Filtered, Snapshot};
use crate::profile::{BaseMode, Bases, Profile};

/// A fetch's result: the inputs loaded again, off the UI thread.
#[derive(Clone, Debug)]
pub struct Fetch {
    /// The profile (unfiltered, functions table built).
    pub unfiltered: Arc<Filtered>,
    /// The fetched inputs and their saved copies.
    pub fetched: Vec<FetchedInput>,
    /// When loading it finished.
    pub at: SystemTime,
    /// The change since the latest fetch before it (pprof's `-diff_base` against that
    /// one), computed with it off the UI thread ([`change_since`]); `None` when nothing
    /// was compared, the reason when the two cannot be compared.
    pub change: Option<Result<Arc<Filtered>, String>>,
    /// It holds the same samples as the fetch before it ([`super::live_unchanged::same_samples`],
    /// compared off the UI thread with the change).
    pub unchanged: bool,
}

/// The change from `previous` to `current` as a profile: `current` with `previous`
/// subtracted as pprof's `-diff_base` does (percentages of the previous total). Runs off
/// the UI thread, beside the loading of `current`.
pub fn change_since(current: &Profile, previous: &Profile) -> Result<Arc<Filtered>, String> {
    crate::profile::diff(current, previous, BaseMode::DiffBase, false)
        .map(|d| Filtered::unfiltered(Arc::new(d)))
}

/// The live state: empty when no input was fetched.
#[derive(Debug, Default)]
pub struct Live {
    fetched: Vec<FetchedInput>,
    fetched_at: Option<SystemTime>,
    in_flight: bool,
    progress: Option<Progress>,
    previous: Option<Arc<Filtered>>,
    previous_fetched: Vec<FetchedInput>,
    /// The snapshot of this fetch not shown, parked: the latest profile while its change
    /// is shown, or the change while the latest profile is shown.
    other: Option<Snapshot>,
    /// Why the change since the previous fetch could not be computed.
    change_error: Option<String>,
    showing_change: bool,
    /// The bases given on the command line: a diff already, so no change is computed.
    fixed_base: Option<Bases>,
    refetches: u32,
    /// The latest fetch holds the same samples as the one before it.
    unchanged: bool,
    /// The name of the snapshot before the latest when it is no fetch (a file of
    /// `--series`).
    previous_name: Option<String>,
    /// The next refetch asks for a GC first (`F`).
    gc_next: bool,
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

    /// Whether `D` has something to switch to: the change since the previous fetch (or,
    /// while it is shown, the latest fetch).
    pub fn can_toggle_change(&self) -> bool {
        self.other.is_some()
    }

    /// Why the change since the previous fetch could not be computed, if it could not.
    pub fn change_error(&self) -> Option<&str> {
        self.change_error.as_deref()
    }

    /// Whether the change since the previous snapshot is shown instead of the snapshot.
    pub fn showing_change(&self) -> bool {
        self.showing_change
    }

    /// Whether a refetch should also compute the change since the snapshot it replaces
    /// (not when the command line's bases already make the profile a diff).
    pub fn compares_snapshots(&self) -> bool {
        self.is_live() && self.fixed_base.is_none()
    }

    /// What a change against the previous snapshot names as its base: the previous
    /// fetch's saved copies (else its inputs), or the previous file of a series, as
    /// pprof's `-diff_base`.
    pub(super) fn previous_bases(&self) -> Bases {
        let mut paths: Vec<String> = self
            .previous_fetched
            .iter()
            .map(|f| match &f.saved {
                Ok(path) => path.display().to_string(),
                Err(_) => format!("{} (previous fetch)", f.input),
            })
            .collect();
        if paths.is_empty()
            && let Some(name) = &self.previous_name
        {
            paths.push(name.clone());
        }
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

    /// Whether the latest fetch holds the same samples as the one before it.
    pub fn unchanged(&self) -> bool {
        self.unchanged
    }

    /// Whether the next refetch asks for a GC first.
    pub fn gc_next(&self) -> bool {
        self.gc_next
    }

    /// Whether a snapshot before the latest is known (so a change can be computed).
    pub fn has_previous(&self) -> bool {
        self.previous.is_some()
    }

    /// The snapshot before the latest, when it is no fetch (a file of a series).
    pub(super) fn set_previous(&mut self, previous: Arc<Filtered>, name: String) {
        self.previous = Some(previous);
        self.previous_name = Some(name);
    }

    pub(super) fn set_unchanged(&mut self, unchanged: bool) {
        self.unchanged = unchanged;
    }

    pub(super) fn set_change_error(&mut self, e: String) {
        self.change_error = Some(e);
    }

    /// The parked snapshot `D` switches to, taken out.
    pub(super) fn take_other(&mut self) -> Option<Snapshot> {
        self.other.take()
    }

    /// Parks `s` as the snapshot `D` switches to; `showing_change`: whether the change
    /// is now the one shown.
    pub(super) fn park_other(&mut self, mut s: Snapshot, showing_change: bool) {
        s.park();
        self.other = Some(s);
        self.showing_change = showing_change;
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

    /// The latest profile fetched (what the next refetch is compared with): the one
    /// shown, or parked while its change is shown.
    pub fn latest_fetch(&self) -> &Arc<Filtered> {
        match (&self.live.other, self.live.showing_change) {
            (Some(latest), true) => latest.unfiltered(),
            _ => self.snap.unfiltered(),
        }
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

    /// `F`: a refetch that asks the heap and allocs handlers to run a GC first.
    pub(super) fn start_refetch_gc(&mut self) -> Vec<Command> {
        let cmds = self.start_refetch();
        if !cmds.is_empty() {
            self.live.gc_next = true;
            self.status = Some(Status::RefetchingWithGc);
        }
        cmds
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
    pub(super) fn refetched(&mut self, r: Result<Fetch, String>) -> Vec<Command> {
        self.live.in_flight = false;
        self.live.progress = None;
        self.live.gc_next = false;
        match r {
            Ok(f) if f.unfiltered.profile.sample_types.is_empty() => {
                self.status = Some(Status::RefetchFailed(format!(
                    "{}: profile has no samples",
                    self.inputs
                )));
                Vec::new()
            }
            Ok(f) => self.take_fetch(f),
            Err(e) => {
                self.status = Some(Status::RefetchFailed(e));
                Vec::new()
            }
        }
    }

    /// Shows a fetch: its change since the previous one when the change is shown (and
    /// could be computed), else the latest profile; the other is parked for `D`.
    fn take_fetch(&mut self, f: Fetch) -> Vec<Command> {
        let previous = self.latest_fetch().clone();
        let mut cmds = self.add_to_series(point_of(&f));
        let live = &mut self.live;
        live.previous = Some(previous);
        live.previous_fetched = std::mem::replace(&mut live.fetched, f.fetched);
        live.fetched_at = Some(f.at);
        live.refetches += 1;
        live.unchanged = f.unchanged;
        let latest = Snapshot::new(f.unfiltered, live.fixed_base.clone());
        // The previous snapshot is now the one before the latest (the bases name it).
        let bases = self.change_bases();
        let live = &mut self.live;
        let change = match f.change {
            Some(Ok(c)) => Some(Snapshot::new(c, Some(bases))),
            Some(Err(e)) => {
                live.change_error = Some(e);
                None
            }
            None => None,
        };
        if change.is_some() {
            live.change_error = None;
        }
        // The parked snapshots of the fetch before go with it.
        live.other = None;
        let shown = match change {
            Some(change) if live.showing_change => {
                let cmds = self.show(change);
                self.live.park_other(latest, true);
                cmds
            }
            change => {
                let cmds = self.show(latest);
                match change {
                    Some(c) => self.live.park_other(c, false),
                    None => self.live.showing_change = false,
                }
                cmds
            }
        };
        cmds.extend(shown);
        cmds
    }
}

/// A fetch as a snapshot of the series: taken at the profile's time, else when it was
/// fetched; its saved copy (the first input's) is the series' to remove when thinned.
pub fn point_of(f: &Fetch) -> crate::jobs::SeriesPoint {
    let profile = f.unfiltered.profile.clone();
    let fetched_ns =
        f.at.duration_since(std::time::UNIX_EPOCH)
            .ok()
            .and_then(|d| i64::try_from(d.as_nanos()).ok())
            .unwrap_or(0);
    let at_nanos = if profile.time_nanos != 0 {
        profile.time_nanos
    } else {
        fetched_ns
    };
    let saved = f
        .fetched
        .first()
        .and_then(|i| i.saved.as_ref().ok().cloned());
    let label = match f.fetched.first() {
        Some(i) => format!(
            "{} at {}",
            i.input,
            crate::analysis::header::clock_time(fetched_ns.div_euclid(1_000_000_000))
        ),
        None => "snapshot".into(),
    };
    crate::jobs::SeriesPoint {
        at_nanos,
        label,
        profile,
        saved,
    }
}
