//! The series of snapshots in the explorer — every fetch of a running program, or the
//! files of `--series` — and the base the change (`D`) is computed against: the previous
//! snapshot, the first, or one picked on the Growth pane's timeline. A change against
//! another base is computed off the UI thread ([`Command::Compare`]).

use std::sync::Arc;

use super::{Action, App, Command, PaneId, Status};
use crate::jobs::{Filtered, Series, SeriesPoint, Snapshot};
use crate::profile::{BaseMode, Bases, Profile};

/// What the change (`D`) subtracts from the latest snapshot.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum BaseChoice {
    /// The snapshot before the latest (pprof's `-diff_base` against the previous fetch).
    #[default]
    Previous,
    /// The first snapshot of the series.
    First,
    /// The snapshot taken at this time (ns since the epoch), picked on the timeline (the
    /// nearest kept one if it was thinned out).
    Picked(i64),
}

/// A change to compute off the UI thread: `latest` minus `base`.
#[derive(Clone, Debug)]
pub struct Compare {
    /// Which request this is (a late answer to an earlier one is dropped).
    pub id: u64,
    /// The latest snapshot's profile.
    pub latest: Arc<Profile>,
    /// The base's profile.
    pub base: Arc<Profile>,
}

impl PartialEq for Compare {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

/// A computed change: the diff, or why the two cannot be compared, and whether the two
/// hold the same samples.
#[derive(Clone, Debug)]
pub struct Compared {
    /// The request answered.
    pub id: u64,
    /// `latest` minus `base` (pprof's `-diff_base`).
    pub change: Result<Arc<Filtered>, String>,
    /// The two hold the same samples.
    pub unchanged: bool,
}

/// Computes a [`Compare`] (the runtime runs it on a thread of its own).
pub fn compute(c: &Compare) -> Compared {
    Compared {
        id: c.id,
        change: super::live::change_since(&c.latest, &c.base),
        unchanged: super::live_unchanged::same_samples(&c.latest, &c.base),
    }
}

/// A series of snapshots ready to open (`--series`): the latest as a fetch, with its
/// change since the one before it; every point in time order; the one before the
/// latest, named.
pub struct OpenedSeries {
    /// The latest snapshot, the profile shown.
    pub latest: super::Fetch,
    /// The snapshots in time order, the latest last (empty for a single one: no series).
    pub points: Vec<SeriesPoint>,
    /// The snapshot before the latest, with its name.
    pub previous: Option<(Arc<Filtered>, String)>,
}

/// Prepares `points` (in time order) to open as a series: the heavy part — the change
/// of the latest since the one before, the functions tables — for a thread off the UI;
/// `None` when there is no point.
pub fn open_series(mut points: Vec<SeriesPoint>) -> Option<OpenedSeries> {
    let latest = points.last()?.profile.clone();
    let before = points.len().checked_sub(2).map(|i| &points[i]);
    let change = before.map(|b| super::live::change_since(&latest, &b.profile));
    let unchanged =
        before.is_some_and(|b| super::live_unchanged::same_samples(&latest, &b.profile));
    let previous = before.map(|b| (Filtered::unfiltered(b.profile.clone()), b.label.clone()));
    let latest = super::Fetch {
        unfiltered: Filtered::unfiltered(latest),
        fetched: Vec::new(),
        at: std::time::SystemTime::now(),
        change,
        unchanged,
    };
    if points.len() < 2 {
        points.clear();
    }
    Some(OpenedSeries {
        latest,
        points,
        previous,
    })
}

impl App {
    /// The snapshots kept for leak hunting.
    pub fn series(&self) -> &Series {
        &self.series
    }

    /// How many snapshots are kept.
    pub fn series_len(&self) -> usize {
        self.series.len()
    }

    /// The series in a few words: "14 snapshots", "60 of 600 snapshots kept".
    pub fn series_words(&self) -> String {
        let (n, seen) = (self.series.len(), self.series.seen());
        if seen > n {
            format!("{n} of {seen} snapshots kept")
        } else {
            format!("{n} snapshot{}", if n == 1 { "" } else { "s" })
        }
    }

    /// What the change (`D`) subtracts.
    pub fn base_choice(&self) -> BaseChoice {
        self.base
    }

    /// Starts the series with its snapshots (the first fetch, or the files of
    /// `--series`, the last of them the one shown); `previous`: the one before it with
    /// its name, and the change since it (computed off the UI thread), for `D`.
    pub fn start_series(
        &mut self,
        points: Vec<SeriesPoint>,
        previous: Option<(Arc<Filtered>, String)>,
        change: Option<Result<Arc<Filtered>, String>>,
        unchanged: bool,
    ) -> Vec<Command> {
        let mut cmds = Vec::new();
        for p in points {
            cmds.extend(remove_saved(self.series.push(p)));
        }
        if let Some((prev, name)) = previous {
            self.live.set_previous(prev, name);
            self.live.set_unchanged(unchanged);
            match change {
                Some(Ok(c)) => {
                    let bases = self.change_bases();
                    self.live.park_other(Snapshot::new(c, Some(bases)), false);
                }
                Some(Err(e)) => self.live.set_change_error(e),
                None => {}
            }
        }
        cmds.extend(self.refresh());
        cmds
    }

    /// Starts the series at the first load: the files of `--series` (`points`, in time
    /// order, the one shown last, and `previous`, the one before it), else the first
    /// fetch of a URL; a file alone starts none.
    pub fn begin_series(
        &mut self,
        points: Vec<SeriesPoint>,
        previous: Option<(Arc<Filtered>, String)>,
        first: &super::Fetch,
    ) -> Vec<Command> {
        if points.is_empty() {
            if !self.live.is_live() {
                return Vec::new();
            }
            return self.start_series(vec![super::live::point_of(first)], None, None, false);
        }
        self.start_series(points, previous, first.change.clone(), first.unchanged)
    }

    /// Adds a fetched profile to the series; returns the commands that remove the saved
    /// copies of the snapshots thinned out.
    pub(super) fn add_to_series(&mut self, point: SeriesPoint) -> Vec<Command> {
        remove_saved(self.series.push(point))
    }

    /// The series' snapshot the base choice names, with its name.
    fn chosen_point(&self) -> Option<&SeriesPoint> {
        let points = self.series.points();
        match self.base {
            BaseChoice::Previous => None,
            BaseChoice::First => points.first(),
            BaseChoice::Picked(t) => points.iter().min_by_key(|p| p.at_nanos.abs_diff(t)),
        }
    }

    /// What the next change is computed against: the chosen base's profile (the latest
    /// fetch for "previous"), unless the command line's bases already make the profile a
    /// diff (then no change).
    pub fn refetch_base(&self) -> Option<Arc<Profile>> {
        if !self.live.compares_snapshots() {
            return None;
        }
        match self.chosen_point() {
            Some(p) => Some(p.profile.clone()),
            None => Some(self.latest_fetch().profile.clone()),
        }
    }

    /// The bases a change against the chosen base names (its saved copy, else its name).
    pub(super) fn change_bases(&self) -> Bases {
        let Some(p) = self.chosen_point() else {
            return self.live.previous_bases();
        };
        let name = match &p.saved {
            Some(path) => path.display().to_string(),
            None => p.label.clone(),
        };
        Bases {
            paths: vec![name],
            mode: BaseMode::DiffBase,
            normalize: false,
        }
    }

    /// `B`: the next base — the previous snapshot, the first, the one picked on the
    /// timeline — and the change against it.
    pub(super) fn cycle_base(&mut self) -> Vec<Command> {
        if self.series.len() < 2 && !self.live.has_previous() {
            self.status = Some(Status::NeedsSeries(Action::CycleBase));
            return Vec::new();
        }
        self.base_chosen = true;
        self.base = match (self.base, self.picked) {
            (BaseChoice::Previous, _) => BaseChoice::First,
            (BaseChoice::First, Some(t)) => BaseChoice::Picked(t),
            _ => BaseChoice::Previous,
        };
        self.base_changed()
    }

    /// `B` on the Growth pane: the snapshot under the timeline cursor becomes the base.
    pub(super) fn pick_base(&mut self) -> Vec<Command> {
        let at = self
            .panes
            .growth
            .timeline()
            .and_then(|i| match self.panes.growth.report() {
                Some(r) => r
                    .as_ref()
                    .as_ref()
                    .ok()
                    .and_then(|r| r.times.get(i).copied()),
                None => None,
            });
        let Some(t) = at else {
            self.status = Some(Status::NeedsSeries(Action::PickBase));
            return Vec::new();
        };
        self.picked = Some(t);
        self.base_chosen = true;
        self.base = BaseChoice::Picked(t);
        self.base_changed()
    }

    /// The base changed: the change is computed again against it (off the UI thread).
    fn base_changed(&mut self) -> Vec<Command> {
        self.status = Some(Status::BaseSet(self.base_words()));
        let latest = self.latest_fetch().profile.clone();
        let base = match self.chosen_point() {
            Some(p) => p.profile.clone(),
            None => match self.live.previous() {
                Some(prev) => prev.profile.clone(),
                None => return Vec::new(),
            },
        };
        self.compare_id += 1;
        vec![Command::Compare(Compare {
            id: self.compare_id,
            latest,
            base,
        })]
    }

    /// The base in words, for the status line and the Growth pane.
    pub fn base_words(&self) -> String {
        let at = |t: i64| crate::analysis::header::clock_time(t.div_euclid(1_000_000_000));
        match (self.base, self.chosen_point()) {
            (BaseChoice::Previous, _) => "the previous snapshot".into(),
            (BaseChoice::First, Some(p)) => format!("the first snapshot ({})", at(p.at_nanos)),
            (BaseChoice::Picked(_), Some(p)) => {
                format!("the snapshot of {} picked on the timeline", at(p.at_nanos))
            }
            _ => "the previous snapshot".into(),
        }
    }

    /// A change computed against the chosen base arrived: shown at once if the change is
    /// shown, else kept for `D`.
    pub(super) fn compared(&mut self, c: Compared) -> Vec<Command> {
        if c.id != self.compare_id {
            return Vec::new();
        }
        let change = match c.change {
            Ok(change) => change,
            Err(e) => {
                self.status = Some(Status::ChangeUnavailable(e));
                return Vec::new();
            }
        };
        self.live.set_unchanged(c.unchanged);
        let snap = Snapshot::new(change, Some(self.change_bases()));
        if self.live.showing_change() {
            let (_, cmds) = self.swap(snap);
            cmds
        } else {
            self.live.park_other(snap, false);
            Vec::new()
        }
    }

    /// Enter on a growth suspect: the call tree at it, showing the change against the
    /// chosen base (the first snapshot unless another was chosen).
    pub(super) fn growth_enter(&mut self) -> Vec<Command> {
        let mut cmds = Vec::new();
        // The ranking is over the whole series: unless a base was chosen, the change
        // worth reading is since the first snapshot, not the last second's.
        if !self.base_chosen && self.base == BaseChoice::Previous && self.series.len() > 2 {
            self.base = BaseChoice::First;
            cmds.extend(self.base_changed());
        }
        if !self.live.showing_change() && self.live.can_toggle_change() {
            cmds.extend(self.toggle_change());
        }
        // A drill-in: back (Esc) returns to the suspect.
        cmds.extend(self.focus_pane(PaneId::Tree));
        cmds
    }

    /// Gives the snapshot shown the series to rank (a new snapshot, or a new series).
    pub(super) fn bind_series(&mut self) {
        if self.series.len() < 2 {
            return;
        }
        let input = self.series.input();
        let cache = self.snap.jobs_mut();
        if !cache.series().is_some_and(|s| Arc::ptr_eq(s, &input)) {
            cache.set_series(Some(input));
        }
    }
}

/// The commands that remove the saved copies of thinned snapshots.
fn remove_saved(dropped: Vec<SeriesPoint>) -> Vec<Command> {
    let paths: Vec<_> = dropped.into_iter().filter_map(|p| p.saved).collect();
    if paths.is_empty() {
        Vec::new()
    } else {
        vec![Command::RemoveSaved(paths)]
    }
}
