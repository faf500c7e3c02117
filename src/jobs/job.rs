//! What a job is (its key, the cache key, its inputs, and its identity: the snapshot it
//! was asked for and its generation) and what it produces.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Weak};

use super::filtered::Filtered;
use crate::analysis::butterfly::Butterfly;
use crate::analysis::call_tree::{CallTree, Direction};
use crate::analysis::edges::EdgeIndex;
use crate::analysis::facts::Facts;
use crate::analysis::filter::Filters;
use crate::analysis::growth::GrowthReport;
use crate::analysis::histogram::Histogram;
use crate::analysis::source_view::SourceData;
use crate::analysis::stop::Stop;
use crate::analysis::traces_listing::TracesListing;
use crate::analysis::view::{TableSort, TopView};
use crate::analysis::{FuncId, Granularity, SampleIndex};
use crate::highlight::Highlighted;

/// A filter set of the session, numbered in order of creation (0 = no filters). The
/// numbers are the session's (its refinement history), never reused within it, so a set
/// means the same filters in every snapshot the session shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FilterSetId(pub u32);

/// A snapshot: one profile and what is computed from it (see [`super::Snapshot`]).
/// Unique in the process: a refetch, a change or a second explorer never reuses one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SnapshotId(u64);

/// The order in which jobs were asked for: unique in the process, so a result is taken
/// only by the request it answers (not by a later request of the same key).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Generation(u64);

static NEXT_SNAPSHOT: AtomicU64 = AtomicU64::new(1);
static NEXT_GENERATION: AtomicU64 = AtomicU64::new(1);

impl SnapshotId {
    /// A new id, never handed out before.
    pub fn fresh() -> Self {
        Self(NEXT_SNAPSHOT.fetch_add(1, Ordering::Relaxed))
    }
}

impl Generation {
    /// The next generation.
    pub fn fresh() -> Self {
        Self(NEXT_GENERATION.fetch_add(1, Ordering::Relaxed))
    }
}

/// Whether a job is still wanted: the cache withdraws it when its snapshot or filter set
/// is replaced or another report of its kind is asked for instead; a worker skips a
/// withdrawn job, and a report being built stops ([`crate::analysis::stop`]).
#[derive(Clone, Debug, Default)]
pub struct Ticket(Arc<AtomicBool>);

impl Ticket {
    /// Withdraws the job.
    pub fn withdraw(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    /// Whether the job was withdrawn.
    pub fn is_withdrawn(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }

    /// The job's builds stop once it is withdrawn.
    pub fn stop(&self) -> Stop<'_> {
        Stop::on(&self.0)
    }

    /// The cache's hold on this ticket: it withdraws the job and tells whether the job
    /// still exists, without keeping it alive (only the job's copies hold the ticket).
    pub fn watch(&self) -> TicketWatch {
        TicketWatch(Arc::downgrade(&self.0))
    }
}

/// A job seen from the cache that asked for it: while some copy of the job exists (queued,
/// being computed, or held by a test harness), the job is under way; once the worker has
/// finished or skipped it, none does.
#[derive(Clone, Debug)]
pub struct TicketWatch(Weak<AtomicBool>);

impl TicketWatch {
    /// Withdraws the job, if it still exists.
    pub fn withdraw(&self) {
        if let Some(t) = self.0.upgrade() {
            t.store(true, Ordering::Relaxed);
        }
    }

    /// Whether the job still exists: queued, or being computed.
    pub fn is_alive(&self) -> bool {
        self.0.strong_count() > 0
    }
}

/// pprof's trimming of a table (`--nodecount`, `--node-fraction`); none by default in the
/// explorer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Trim {
    /// Keep at most this many rows (0: all).
    pub node_count: usize,
    /// Drop rows whose cum is below this fraction of the total (as the bits of an f64).
    node_fraction: u64,
}

impl Trim {
    /// A trimming to `node_count` rows (0: all) and `node_fraction` of the total.
    pub fn new(node_count: usize, node_fraction: f64) -> Self {
        Self {
            node_count,
            node_fraction: node_fraction.max(0.0).to_bits(),
        }
    }

    /// The fraction of the total below which rows are dropped.
    pub fn node_fraction(&self) -> f64 {
        f64::from_bits(self.node_fraction)
    }

    /// Whether it drops anything.
    pub fn is_active(&self) -> bool {
        self.node_count > 0 || self.node_fraction() > 0.0
    }
}

/// The inputs of one table (the cache key of a top table).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ViewKey {
    /// The sample type shown.
    pub sample: SampleIndex,
    /// Node granularity.
    pub granularity: Granularity,
    /// Row order.
    pub sort: TableSort,
    /// In-use and alloc side by side.
    pub side_by_side: bool,
    /// The filter set in force.
    pub filters: FilterSetId,
    /// Rows trimmed like pprof (from the command line).
    pub trim: Trim,
}

/// What a job computes; also the key its report is cached under.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum JobKey {
    /// The profile under a filter set (the input of every other job of that set).
    Filter(FilterSetId),
    /// A top table.
    View(ViewKey),
    /// The call tree in one direction (all sample types at once).
    Tree(Direction, FilterSetId),
    /// Callers and callees of every function for one sample type.
    Edges(SampleIndex, FilterSetId),
    /// Sizes of a function's allocations (its `bytes` labels).
    Histogram(FuncId, FilterSetId),
    /// A function's annotated source (file, highlighting, per-line values).
    Source(FuncId, FilterSetId),
    /// The numbers about the whole profile: totals, diagnosis, cut stacks, net change.
    Facts,
    /// The growth suspects of the series the snapshot belongs to, for a sample type (by
    /// its name in this snapshot), a granularity and a filter set.
    Growth(SampleIndex, Granularity, FilterSetId),
    /// A function's callers and callees, merged over its call sites (all sample types).
    Butterfly(FuncId, FilterSetId),
    /// The samples through a function, as pprof's -traces lists them (one sample type,
    /// frames at one granularity).
    Traces(FuncId, FilterSetId, SampleIndex, Granularity),
}

impl JobKey {
    /// The filter set the job runs under.
    pub fn filters(&self) -> FilterSetId {
        match *self {
            Self::View(k) => k.filters,
            Self::Facts => FilterSetId(0),
            Self::Growth(_, _, f) => f,
            Self::Filter(f)
            | Self::Tree(_, f)
            | Self::Edges(_, f)
            | Self::Histogram(_, f)
            | Self::Source(_, f)
            | Self::Butterfly(_, f)
            | Self::Traces(_, f, ..) => f,
        }
    }

    /// Whether the job builds one of the large reports (a call tree, a butterfly, a sample
    /// listing, a refined profile): one runs at a time (room is made for every job as it
    /// starts, by the cache's count of the work under way).
    pub fn is_large(&self) -> bool {
        matches!(
            self,
            Self::Tree(..) | Self::Butterfly(..) | Self::Traces(..) | Self::Filter(_)
        )
    }

    /// Which of several jobs under way the status line names first: what the user is
    /// waiting for (refinements, then the table, the tree…), the facts last.
    pub fn rank(&self) -> u8 {
        match self {
            Self::Filter(_) => 0,
            Self::View(_) => 1,
            Self::Tree(..) => 2,
            Self::Edges(..) => 3,
            Self::Source(..) => 4,
            Self::Butterfly(..) => 3,
            Self::Traces(..) => 4,
            Self::Histogram(..) => 5,
            Self::Growth(..) => 6,
            Self::Facts => 7,
        }
    }

    /// What is being computed, in a few words (for the "computing …" line).
    pub fn describe(&self) -> &'static str {
        match self {
            Self::Filter(_) => "applying the refinements",
            Self::View(_) => "the table",
            Self::Tree(..) => "the call tree",
            Self::Edges(..) => "callers and callees",
            Self::Histogram(..) => "allocation sizes",
            Self::Source(..) => "the source",
            Self::Facts => "the profile's totals",
            Self::Growth(..) => "the growth over the snapshots",
            Self::Butterfly(..) => "the butterfly (callers and callees)",
            Self::Traces(..) => "the samples (traces)",
        }
    }
}

/// A job with everything it needs: no lookup in the app is required to run it.
#[derive(Clone, Debug)]
pub struct Job {
    /// The snapshot it was asked for.
    pub snapshot: SnapshotId,
    /// Which request of `key` it answers.
    pub generation: Generation,
    /// What to compute.
    pub key: JobKey,
    /// The profile to compute it on; for [`JobKey::Filter`], the unfiltered profile.
    pub input: Arc<Filtered>,
    /// The key's filter set.
    pub filters: Arc<Filters>,
    /// Withdrawn when the job is no longer wanted.
    pub ticket: Ticket,
    /// For [`JobKey::Growth`], the series to rank (none for other jobs).
    pub series: Option<super::SeriesInput>,
}

impl Job {
    /// Whether the job is no longer wanted (its snapshot or filter set was replaced):
    /// a worker skips it.
    pub fn is_withdrawn(&self) -> bool {
        self.ticket.is_withdrawn()
    }
}

impl PartialEq for Job {
    fn eq(&self, other: &Self) -> bool {
        (self.snapshot, self.generation, self.key) == (other.snapshot, other.generation, other.key)
    }
}

/// A loaded source: its data (None when the function has no samples) and highlighting
/// (None when no syntax fits or the time budget ran out).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceReady {
    /// Lines, values, inlined calls.
    pub data: Option<SourceData>,
    /// Coloured lines.
    pub highlighted: Option<Highlighted>,
}

/// A computed report.
#[derive(Clone, Debug)]
pub enum Report {
    /// A filtered profile.
    Filtered(Arc<Filtered>),
    /// A top table.
    View(Arc<TopView>),
    /// A call tree.
    Tree(Arc<CallTree>),
    /// Callers and callees.
    Edges(Arc<EdgeIndex>),
    /// A size histogram.
    Histogram(Arc<Histogram>),
    /// A source.
    Source(Arc<SourceReady>),
    /// The numbers about the whole profile.
    Facts(Arc<Facts>),
    /// A series' growth suspects, or why it cannot be ranked.
    Growth(Arc<Result<GrowthReport, String>>),
    /// A butterfly.
    Butterfly(Arc<Butterfly>),
    /// The samples through a function.
    Traces(Arc<TracesListing>),
}

impl crate::profile::HeapSize for Report {
    /// The report's own bytes: not the profile or call paths it shares.
    fn heap_bytes(&self) -> usize {
        use crate::profile::HeapSize as M;
        match self {
            Self::Filtered(f) => f.heap_bytes(),
            Self::View(v) => M::heap_bytes(&**v),
            Self::Tree(t) => M::heap_bytes(&**t),
            Self::Edges(e) => M::heap_bytes(&**e),
            Self::Histogram(h) => M::heap_bytes(&**h),
            Self::Source(s) => {
                s.data.heap_bytes()
                    + s.highlighted.as_ref().map_or(0, |h| {
                        h.lines
                            .iter()
                            .map(|l| l.len() * 40 + l.iter().map(|p| p.2.len()).sum::<usize>())
                            .sum()
                    })
            }
            Self::Facts(_) => 0,
            Self::Growth(g) => g.as_ref().as_ref().map_or(0, M::heap_bytes),
            Self::Butterfly(b) => M::heap_bytes(&**b),
            Self::Traces(t) => M::heap_bytes(&**t),
        }
    }
}

/// A finished job, with the identity of the job it answers: a cache takes it only when
/// it is of its snapshot and the generation it waits for (a job may outlive a refetch,
/// a change of filter set or an eviction).
#[derive(Clone, Debug)]
pub struct Done {
    /// The snapshot the job was asked for.
    pub snapshot: SnapshotId,
    /// Which request it answers.
    pub generation: Generation,
    /// What was computed.
    pub key: JobKey,
    /// The result.
    pub report: Report,
}
