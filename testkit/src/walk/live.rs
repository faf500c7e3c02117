//! Walks of a profile fetched from a running program: `--watch` ticks, progress reports,
//! and refetches answered late — failed, or with the next profile of a sequence and its
//! change since the snapshot shown, as the loader thread computes it.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use super::Walker;
use memprof_tui::app::Event;
use memprof_tui::app::live::{Snapshot, change_since};
use memprof_tui::fetch::Progress;
use memprof_tui::input::FetchedInput;
use memprof_tui::jobs::Filtered;
use memprof_tui::profile::Profile;

const URL: &str = "http://127.0.0.1:6060/debug/pprof/heap";

fn fetched(n: usize) -> Vec<FetchedInput> {
    vec![FetchedInput {
        input: URL.into(),
        url: URL.into(),
        saved: Ok(format!("/tmp/pprof/pprof.walk.{n:03}.pb.gz").into()),
    }]
}

impl Walker {
    /// A walker over `profiles[0]` shown as fetched from a server; each refetch answers
    /// with the next profile, in turn (`profiles` must not be empty and each must have a
    /// sample type).
    pub fn live(profiles: Vec<Arc<Profile>>, w: u16, h: u16) -> Self {
        let mut walker = Self::new(profiles[0].clone(), w, h);
        walker.app.set_fetched(fetched(1), SystemTime::UNIX_EPOCH);
        walker.refetch_with = profiles;
        walker
    }

    /// How many refetches were answered.
    pub fn refetches(&self) -> usize {
        self.refetches
    }

    /// One event of the live runtime, chosen by `b`.
    pub(super) fn live_event(&mut self, b: u8) {
        let cmds = match b % 4 {
            0 => self.app.handle(Event::WatchTick),
            1 => self.app.handle(Event::FetchProgress(Progress {
                url: URL.into(),
                elapsed: Duration::from_secs(u64::from(b)),
                limit: Duration::from_secs(65),
                done: b % 8 == 1,
            })),
            _ if !self.refetch_pending => return,
            2 => {
                self.refetch_pending = false;
                self.refetches += 1;
                let error = format!("{URL}: connection refused");
                self.app.handle(Event::Refetched(Box::new(Err(error))))
            }
            _ => {
                self.refetch_pending = false;
                self.refetches += 1;
                let next = self.refetch_with[self.refetches % self.refetch_with.len()].clone();
                let change = self
                    .app
                    .refetch_base()
                    .map(|previous| change_since(&next, &previous.profile));
                self.app.handle(Event::Refetched(Box::new(Ok(Snapshot {
                    unfiltered: Filtered::unfiltered(next),
                    fetched: fetched(self.refetches + 1),
                    at: SystemTime::UNIX_EPOCH + Duration::from_secs(self.refetches as u64),
                    change,
                }))))
            }
        };
        self.take(cmds);
    }
}
