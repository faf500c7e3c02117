//! Walks of a profile fetched from a running program: `--watch` ticks, progress reports,
//! and refetches answered late — failed, or with the next profile of a sequence and its
//! change since the latest fetch, as the loader thread computes it.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use super::Walker;
use memprof_tui::app::live::{Fetch, change_since};
use memprof_tui::app::live_unchanged::same_samples;
use memprof_tui::app::{App, Command, Event};
use memprof_tui::fetch::Progress;
use memprof_tui::input::FetchedInput;
use memprof_tui::jobs::{Filtered, SeriesPoint};
use memprof_tui::profile::Profile;

const URL: &str = "http://127.0.0.1:6060/debug/pprof/heap";

fn fetched(n: usize) -> Vec<FetchedInput> {
    vec![FetchedInput {
        input: URL.into(),
        url: URL.into(),
        saved: Ok(format!("/tmp/pprof/pprof.walk.{n:03}.pb.gz").into()),
    }]
}

/// Shows `app`'s profile as the first fetch from [`URL`], the first snapshot of its
/// series (as the runtime does after the first load).
pub(super) fn set_fetched(app: &mut App) -> Vec<Command> {
    app.set_fetched(fetched(1), SystemTime::UNIX_EPOCH);
    let first = Fetch {
        unfiltered: app.latest_fetch().clone(),
        fetched: fetched(1),
        at: SystemTime::UNIX_EPOCH,
        change: None,
        unchanged: false,
    };
    app.begin_series(Vec::new(), None, &first)
}

/// Opens `profiles` in `app` as the files of `--series` (in time order, the last one
/// shown), as the runtime does after loading them.
pub(super) fn open_series(app: &mut App, profiles: &[Arc<Profile>]) -> Vec<Command> {
    let points: Vec<SeriesPoint> = profiles
        .iter()
        .enumerate()
        .map(|(i, p)| SeriesPoint {
            at_nanos: if p.time_nanos != 0 {
                p.time_nanos
            } else {
                i as i64
            },
            label: format!("snapshot-{:02}.pb.gz", i + 1),
            profile: p.clone(),
            saved: None,
        })
        .collect();
    match memprof_tui::app::timeline::open_series(points) {
        Some(o) => app.begin_series(o.points, o.previous, &o.latest),
        None => Vec::new(),
    }
}

impl Walker {
    /// A walker over `profiles[0]` shown as fetched from a server; each refetch answers
    /// with the next profile, in turn (`profiles` must not be empty and each must have a
    /// sample type).
    pub fn live(profiles: Vec<Arc<Profile>>, w: u16, h: u16) -> Self {
        let mut walker = Self::new(profiles[0].clone(), w, h);
        let cmds = set_fetched(&mut walker.h.app);
        walker.h.take(cmds);
        walker.refetch_with = profiles;
        walker
    }

    /// A walker over a series of snapshots (`--series`): the last of `profiles` shown,
    /// the others before it in time order (`profiles` must not be empty and each must
    /// have a sample type).
    pub fn series(profiles: Vec<Arc<Profile>>, w: u16, h: u16) -> Self {
        Self::series_named(profiles, "walk", w, h)
    }

    /// [`Walker::series`] with the inputs named `inputs` (as the header shows them).
    pub fn series_named(profiles: Vec<Arc<Profile>>, inputs: &str, w: u16, h: u16) -> Self {
        let last = profiles[profiles.len() - 1].clone();
        let mut walker = Self::open(last, inputs, w, h, crate::harness::no_sources());
        let cmds = open_series(&mut walker.h.app, &profiles);
        walker.h.take(cmds);
        walker.series = profiles;
        walker
    }

    /// How many refetches were answered.
    pub fn refetches(&self) -> usize {
        self.refetches
    }

    /// One event of the live runtime, chosen by `b`.
    pub(super) fn live_event(&mut self, b: u8) {
        let app = &mut self.h.app;
        let cmds = match b % 4 {
            0 => app.handle(Event::WatchTick),
            1 => app.handle(Event::FetchProgress(Progress {
                url: URL.into(),
                elapsed: Duration::from_secs(u64::from(b)),
                limit: Duration::from_secs(65),
                done: b % 8 == 1,
            })),
            _ if !self.h.refetch_asked => return,
            2 => {
                self.h.refetch_asked = false;
                self.refetches += 1;
                let error = format!("{URL}: connection refused");
                app.handle(Event::Refetched(Box::new(Err(error))))
            }
            _ => {
                self.h.refetch_asked = false;
                self.refetches += 1;
                let next = self.refetch_with[self.refetches % self.refetch_with.len()].clone();
                let base = app.refetch_base();
                let change = base.as_ref().map(|previous| change_since(&next, previous));
                let unchanged = base.is_some_and(|p| same_samples(&next, &p));
                app.handle(Event::Refetched(Box::new(Ok(Fetch {
                    unfiltered: Filtered::unfiltered(next),
                    fetched: fetched(self.refetches + 1),
                    at: SystemTime::UNIX_EPOCH + Duration::from_secs(self.refetches as u64),
                    change,
                    unchanged,
                }))))
            }
        };
        self.h.take(cmds);
    }
}
