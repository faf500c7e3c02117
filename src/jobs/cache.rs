//! The one cache of computed reports of a snapshot: what is done, what is under way (each
//! request with its generation and ticket), what waits for its filtered profile. A result
//! is taken only when it answers the request the cache waits for, of its own snapshot;
//! reports of filter sets the app no longer keeps are dropped together, filtered profile
//! included, their queued jobs withdrawn; call trees are kept for the current set only.
//! The reports held are bounded in bytes (estimated, [`crate::analysis::mem_size`]): past
//! the budget the least recently used go first, never one the view shows now.

mod budget;
mod lookup;
mod under_way;

use std::collections::HashMap;
use std::sync::Arc;

use super::filtered::Filtered;
use super::job::{
    Done, FilterSetId, Generation, Job, JobKey, Report, SnapshotId, Ticket, TicketWatch,
};
use crate::analysis::filter::Filters;

/// A request under way: which one, and its ticket (withdrawn when no longer wanted).
#[derive(Debug)]
struct Pending {
    generation: Generation,
    ticket: TicketWatch,
}

/// Reports by key, jobs under way, jobs waiting for their input.
#[derive(Debug)]
pub struct JobCache {
    snapshot: SnapshotId,
    done: HashMap<JobKey, Report>,
    pending: HashMap<JobKey, Pending>,
    /// Jobs whose filtered profile is being computed, with their filters.
    waiting: Vec<(JobKey, Arc<Filters>)>,
    unfiltered: Arc<Filtered>,
    /// The series the snapshot belongs to, for Growth jobs.
    series: Option<super::SeriesInput>,
    /// The butterflies and sample listings held, oldest first: per function, large, and
    /// a session visits many functions, so only the last few stay.
    per_function: Vec<JobKey>,
    /// The bytes the reports may hold (estimated; the unfiltered profile not counted).
    budget: usize,
    /// When each key was last asked for (a count of requests).
    used: HashMap<JobKey, u64>,
    clock: u64,
    /// What the view shows now: never evicted.
    pinned: Vec<JobKey>,
    /// Reports let go of for the budget so far.
    evicted: u64,
    /// What each report holds, measured once when it is stored (and a filter set's again
    /// when a report of it may have built another node table): reading the strings of a
    /// large table on every key would cost more than the table's use. Trees and
    /// butterflies, which grow as they are read, are measured when asked (cheaply).
    sizes: HashMap<JobKey, usize>,
    /// Every job started and not yet ended (withdrawn ones included), with the bytes its
    /// work is estimated to take ([`JobCache::estimate`]): counted against the budget.
    under_way: Vec<under_way::UnderWay>,
}

/// The report budget when none is given (`--cache-mib`): 128 MiB, room for what the
/// panes of a million-sample profile hold at function granularity (its call paths, both
/// trees, a butterfly, tables) and more than enough for most profiles.
pub const DEFAULT_BUDGET: usize = 128 << 20;

/// Butterflies and sample listings kept (each kind), the most recent ones.
pub const PER_FUNCTION_KEPT: usize = 3;

/// Whether `k` is a large report of one function and the current filter set only (it
/// holds the set's call paths, as a call tree does).
fn current_set_only(k: &JobKey) -> bool {
    matches!(
        k,
        JobKey::Tree(..) | JobKey::Butterfly(..) | JobKey::Traces(..)
    )
}

impl JobCache {
    /// The cache of snapshot `snapshot` over its unfiltered profile (filter set 0, always
    /// present).
    pub fn new(snapshot: SnapshotId, unfiltered: Arc<Filtered>) -> Self {
        let mut done = HashMap::new();
        done.insert(
            JobKey::Filter(FilterSetId(0)),
            Report::Filtered(unfiltered.clone()),
        );
        Self {
            snapshot,
            done,
            pending: HashMap::new(),
            waiting: Vec::new(),
            unfiltered,
            series: None,
            per_function: Vec::new(),
            budget: DEFAULT_BUDGET,
            used: HashMap::new(),
            clock: 0,
            pinned: Vec::new(),
            evicted: 0,
            sizes: HashMap::new(),
            under_way: Vec::new(),
        }
    }

    /// Says which series the snapshot belongs to (what its Growth jobs rank).
    pub fn set_series(&mut self, series: Option<super::SeriesInput>) {
        self.series = series;
    }

    /// The series the snapshot belongs to, if any.
    pub fn series(&self) -> Option<&super::SeriesInput> {
        self.series.as_ref()
    }

    /// The snapshot whose reports these are.
    pub fn snapshot(&self) -> SnapshotId {
        self.snapshot
    }

    /// The unfiltered profile.
    pub fn unfiltered(&self) -> &Arc<Filtered> {
        &self.unfiltered
    }

    /// Whether `key` is computed.
    pub fn has(&self, key: &JobKey) -> bool {
        self.done.contains_key(key)
    }

    /// Whether `key` is being computed (or waits for its filtered profile).
    pub fn is_pending(&self, key: &JobKey) -> bool {
        self.pending.contains_key(key) || self.waiting.iter().any(|(k, _)| k == key)
    }

    /// What is being computed, if anything (one job, for the status line).
    pub fn busy(&self) -> Option<JobKey> {
        self.pending
            .keys()
            .chain(self.waiting.iter().map(|(k, _)| k))
            .min_by_key(|k| (k.rank(), k.describe()))
            .copied()
    }

    /// A new request of `key` on `input`: under way from now on, its work counted
    /// against the budget until the job ends.
    fn start(&mut self, key: JobKey, input: Arc<Filtered>, filters: Arc<Filters>) -> Job {
        let generation = Generation::fresh();
        let ticket = Ticket::default();
        self.count_under_way(ticket.watch(), &key, &input);
        let old = self.pending.insert(
            key,
            Pending {
                generation,
                ticket: ticket.watch(),
            },
        );
        if let Some(old) = old {
            old.ticket.withdraw();
        }
        Job {
            snapshot: self.snapshot,
            generation,
            key,
            input,
            filters,
            ticket,
            series: matches!(key, JobKey::Growth(..))
                .then(|| self.series.clone())
                .flatten(),
        }
    }

    /// Asks for `key` (its filter set being `filters`); returns the jobs to start now. A
    /// job whose filtered profile is not computed yet waits for it.
    pub fn ensure(&mut self, key: JobKey, filters: &Arc<Filters>) -> Vec<Job> {
        if self.done.contains_key(&key) || self.is_pending(&key) {
            return Vec::new();
        }
        if let JobKey::Filter(_) = key {
            let input = self.unfiltered.clone();
            return vec![self.start(key, input, filters.clone())];
        }
        let fid = key.filters();
        match self.filtered(fid).cloned() {
            Some(input) => vec![self.start(key, input, filters.clone())],
            None => {
                self.waiting.push((key, filters.clone()));
                self.ensure(JobKey::Filter(fid), filters)
            }
        }
    }

    /// Whether `done` answers a request this cache waits for: its snapshot, and the
    /// generation of the request under way for its key.
    pub fn wants(&self, done: &Done) -> bool {
        done.snapshot == self.snapshot
            && self
                .pending
                .get(&done.key)
                .is_some_and(|p| p.generation == done.generation)
    }

    /// Stores a finished job if it answers a request under way (its snapshot and
    /// generation) and its filter set is in `keep` (a call tree only if it is of the
    /// `current` set); returns the jobs that were waiting for it (a filtered profile).
    /// Anything else — a late result of a replaced snapshot, of a withdrawn request, of
    /// a set no longer kept — is dropped.
    pub fn finish(&mut self, done: Done, keep: &[FilterSetId], current: FilterSetId) -> Vec<Job> {
        if !self.wants(&done) {
            return Vec::new();
        }
        self.pending.remove(&done.key);
        let fid = done.key.filters();
        let kept = keep.contains(&fid) && (fid == current || !current_set_only(&done.key));
        let input = match &done.report {
            Report::Filtered(f) => Some(f.clone()),
            _ => None,
        };
        if kept {
            if matches!(done.key, JobKey::Butterfly(..) | JobKey::Traces(..)) {
                self.keep_recent(done.key);
            }
            self.done.insert(done.key, done.report);
            self.measure(done.key);
        }
        let Some(input) = input else {
            return Vec::new();
        };
        let (ready, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut self.waiting)
            .into_iter()
            .partition(|(k, _)| k.filters() == fid);
        self.waiting = rest;
        let mut jobs = Vec::new();
        for (key, filters) in ready {
            if kept {
                jobs.push(self.start(key, input.clone(), filters));
            }
        }
        jobs
    }

    /// Drops every report of the filter sets not in `keep` (set 0 always stays), and the
    /// call trees of every set but `current` (the largest reports; recomputed on return);
    /// requests for them under way are withdrawn (a worker skips them, their results
    /// are dropped) and jobs waiting for them are dropped.
    pub fn retain(&mut self, keep: &[FilterSetId], current: FilterSetId) {
        let wanted = |k: &JobKey| match k {
            k if current_set_only(k) => k.filters() == current && keep.contains(&k.filters()),
            _ => k.filters() == FilterSetId(0) || keep.contains(&k.filters()),
        };
        self.done
            .retain(|k, _| wanted(k) || *k == JobKey::Filter(FilterSetId(0)));
        self.pending.retain(|k, p| {
            let keep = wanted(k);
            if !keep {
                p.ticket.withdraw();
            }
            keep
        });
        self.waiting.retain(|(k, _)| wanted(k));
        let done = &self.done;
        self.per_function.retain(|k| done.contains_key(k));
    }

    /// Withdraws the requests under way that `keys` (what the view asks for now)
    /// replace: of a kind among them (a table, a call tree, a butterfly, …) but not
    /// among them — another sample type, order, granularity, direction or function was
    /// asked for since. A queued job is skipped and a report being built stops, so the
    /// one asked for last starts at once and only what is asked for is computing. A
    /// request whose kind the view asks for no more (the report of a pane left) keeps
    /// coming; refined profiles are never replaced (jobs wait for them, and the back
    /// stack returns to them).
    pub(super) fn withdraw_replaced(&mut self, keys: &[JobKey]) {
        let kind = std::mem::discriminant::<JobKey>;
        let replaced = |k: &JobKey| {
            !matches!(k, JobKey::Filter(_) | JobKey::Facts)
                && !keys.contains(k)
                && keys.iter().any(|w| kind(w) == kind(k))
        };
        self.waiting.retain(|(k, _)| !replaced(k));
        self.pending.retain(|k, p| {
            let gone = replaced(k);
            if gone {
                p.ticket.withdraw();
            }
            !gone
        });
    }

    /// Remembers `key` (a butterfly or a listing) as the most recent of its kind, and lets
    /// go of the oldest beyond [`PER_FUNCTION_KEPT`].
    fn keep_recent(&mut self, key: JobKey) {
        let same_kind =
            |a: &JobKey, b: &JobKey| std::mem::discriminant(a) == std::mem::discriminant(b);
        self.per_function.retain(|k| *k != key);
        self.per_function.push(key);
        while self
            .per_function
            .iter()
            .filter(|k| same_kind(k, &key))
            .count()
            > PER_FUNCTION_KEPT
        {
            let Some(i) = self.per_function.iter().position(|k| same_kind(k, &key)) else {
                break;
            };
            let old = self.per_function.remove(i);
            self.done.remove(&old);
        }
    }

    /// Lets go of everything but the unfiltered profile and its facts (the snapshot is
    /// no longer shown: it stays cheap to keep); requests under way are withdrawn.
    pub fn park(&mut self) {
        self.done
            .retain(|k, _| matches!(k, JobKey::Facts | JobKey::Filter(FilterSetId(0))));
        for p in self.pending.values() {
            p.ticket.withdraw();
        }
        self.pending.clear();
        self.waiting.clear();
        self.per_function.clear();
    }

    /// Number of reports held (for tests of the eviction).
    pub fn len(&self) -> usize {
        self.done.len()
    }

    /// Whether nothing but the unfiltered profile is held.
    pub fn is_empty(&self) -> bool {
        self.done.len() <= 1
    }

    /// Filter sets that have a report.
    pub fn filter_sets(&self) -> Vec<FilterSetId> {
        let mut v: Vec<FilterSetId> = self.done.keys().map(JobKey::filters).collect();
        v.sort_unstable();
        v.dedup();
        v
    }
}

impl Drop for JobCache {
    /// The snapshot is gone: its queued jobs are withdrawn.
    fn drop(&mut self) {
        for p in self.pending.values() {
            p.ticket.withdraw();
        }
    }
}
