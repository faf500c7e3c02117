//! The work under way, counted against the budget: an estimate of the memory each job
//! takes from when it is started until no copy of it is left (finished, skipped, or
//! withdrawn and done), so the reports kept make room for it before it runs. A job that
//! reads call paths another report holds counts them only while no report kept does.

use std::collections::HashSet;
use std::sync::{Arc, Weak};

use super::JobCache;
use crate::analysis::Granularity;
use crate::analysis::call_paths::CallPaths;
use crate::jobs::filtered::Filtered;
use crate::jobs::job::{JobKey, TicketWatch};
use crate::profile::HeapSize;

/// Bytes a table's row takes in a report (its name and file as strings, the values),
/// with the walk's scratch: about 500 measured on a million-sample Go heap profile
/// (`examples/report_sizes`).
const PER_ROW: usize = 512;
/// Bytes a node table takes per location when it is built for a report (the nodes'
/// names and files): 540 at lines, 950 at addresses measured on the same profile.
const PER_LOCATION: usize = 768;
/// What a job with no table takes (a source file and its highlighting, the facts).
const SMALL: usize = 1 << 20;

/// The call paths a job reads.
#[derive(Debug)]
enum PathsUse {
    /// None (not a call tree or butterfly).
    None,
    /// Built by the job: about this many bytes.
    Build(usize),
    /// Built already (this many bytes): the job reads them, so they count when no report
    /// kept holds them — the job holds them alone, or builds them again if they went
    /// before it ran.
    Share(Weak<CallPaths>, usize),
}

impl PathsUse {
    /// The bytes of call paths this job adds beside the paths already `counted` (which
    /// then include its own).
    fn bytes(&self, counted: &mut HashSet<*const CallPaths>) -> usize {
        match self {
            Self::None => 0,
            Self::Build(b) => *b,
            Self::Share(w, b) => match w.upgrade() {
                Some(p) if !counted.insert(Arc::as_ptr(&p)) => 0,
                _ => *b,
            },
        }
    }
}

/// One job started and not yet ended.
#[derive(Debug)]
pub(super) struct UnderWay {
    watch: TicketWatch,
    /// Its report and work, call paths apart.
    bytes: usize,
    paths: PathsUse,
}

/// About how many bytes computing `key` on `input` takes: its report and the work that
/// builds it — a node table when it needs one not built — and, for a call tree or a
/// butterfly, the call paths: to be built, or read where another report holds them.
fn parts(key: &JobKey, input: &Filtered) -> (usize, PathsUse) {
    let p = &input.profile;
    let samples = p.samples.len();
    let table = |g: Granularity| match input.built_table(g) {
        Some(t) => (t.infos.len(), 0),
        None => {
            let nodes = match g {
                Granularity::Functions => p.functions.len(),
                _ => p.locations.len(),
            };
            (nodes, p.locations.len().saturating_mul(PER_LOCATION))
        }
    };
    let rows = |g: Granularity| {
        let (nodes, build) = table(g);
        nodes.saturating_mul(PER_ROW).saturating_add(build)
    };
    // Frames of the call paths: 2 bytes each while the ids fit, a tenth more for inlined
    // frames; each path's start and sample.
    let paths = || match input.live_paths() {
        Some(p) => PathsUse::Share(Arc::downgrade(&p), p.heap_bytes()),
        None => {
            let width = if p.functions.len() < usize::from(u16::MAX) {
                2
            } else {
                4
            };
            let frames = p.samples.approx_frames() / 10 * 11;
            PathsUse::Build(
                frames
                    .saturating_mul(width)
                    .saturating_add(samples.saturating_mul(8)),
            )
        }
    };
    let (work, uses) = match *key {
        JobKey::Filter(_) => (samples.saturating_mul(12), PathsUse::None),
        JobKey::View(k) => (rows(k.granularity), PathsUse::None),
        JobKey::Tree(..) => (samples.saturating_mul(8), paths()),
        JobKey::Butterfly(..) => (samples.saturating_mul(2), paths()),
        JobKey::Traces(.., g) => (
            samples.saturating_mul(32).saturating_add(table(g).1),
            PathsUse::None,
        ),
        JobKey::Edges(..) | JobKey::Histogram(..) => {
            (rows(Granularity::Functions) / 2, PathsUse::None)
        }
        JobKey::Growth(_, g, _) => (rows(g), PathsUse::None),
        JobKey::Source(..) | JobKey::Facts => (SMALL, PathsUse::None),
    };
    (work, uses)
}

impl JobCache {
    /// Counts a job of `key` on `input` just started, seen through `watch`, as under way.
    pub(super) fn count_under_way(&mut self, watch: TicketWatch, key: &JobKey, input: &Filtered) {
        let (bytes, paths) = parts(key, input);
        self.under_way.retain(|u| u.watch.is_alive());
        self.under_way.push(UnderWay {
            watch,
            bytes,
            paths,
        });
    }

    /// The bytes the jobs still under way take, estimated (a withdrawn job counts until
    /// the worker is done with it), the call paths the reports kept hold apart.
    pub fn under_way_bytes(&self) -> usize {
        self.under_way_beside(self.held().1)
    }

    /// The bytes under way beside reports holding the call paths `counted`.
    pub(super) fn under_way_beside(&self, mut counted: HashSet<*const CallPaths>) -> usize {
        let mut total = 0usize;
        for u in self.under_way.iter().filter(|u| u.watch.is_alive()) {
            let paths = u.paths.bytes(&mut counted);
            total = total.saturating_add(u.bytes).saturating_add(paths);
        }
        total
    }

    /// What a job of `key` on `input` started now would add to the bytes counted (for
    /// tests and measurements): the call paths it shares count only when no report kept
    /// holds them.
    pub fn estimate(&self, key: &JobKey, input: &Arc<Filtered>) -> usize {
        let (bytes, paths) = parts(key, input);
        let (_, mut counted) = self.held();
        bytes.saturating_add(paths.bytes(&mut counted))
    }
}
