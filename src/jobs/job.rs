//! What a job is (its key, the cache key, and its inputs) and what it produces.

use std::sync::Arc;

use super::filtered::Filtered;
use crate::analysis::call_tree::{CallTree, Direction};
use crate::analysis::edges::EdgeIndex;
use crate::analysis::filter::Filters;
use crate::analysis::histogram::Histogram;
use crate::analysis::source_view::SourceData;
use crate::analysis::view::{TableSort, TopView};
use crate::analysis::{FuncId, Granularity, SampleIndex};
use crate::highlight::Highlighted;
use crate::profile::Profile;

/// A filter set of the session, numbered in order of creation (0 = no filters).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FilterSetId(pub u32);

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
}

impl JobKey {
    /// The filter set the job runs under.
    pub fn filters(&self) -> FilterSetId {
        match *self {
            Self::View(k) => k.filters,
            Self::Filter(f)
            | Self::Tree(_, f)
            | Self::Edges(_, f)
            | Self::Histogram(_, f)
            | Self::Source(_, f) => f,
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
        }
    }
}

/// A job with everything it needs: no lookup in the app is required to run it.
#[derive(Clone, Debug)]
pub struct Job {
    /// What to compute.
    pub key: JobKey,
    /// The profile to compute it on; for [`JobKey::Filter`], the unfiltered profile.
    pub input: Arc<Filtered>,
    /// The key's filter set.
    pub filters: Arc<Filters>,
}

impl PartialEq for Job {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
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
}

/// A finished job.
#[derive(Clone, Debug)]
pub struct Done {
    /// What was computed.
    pub key: JobKey,
    /// The result.
    pub report: Report,
    /// The unfiltered profile the job worked on: a cache takes only the results of its
    /// own profile (a job started before a refetch replaced the profile may end after).
    pub root: Arc<Profile>,
}
