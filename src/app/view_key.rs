//! What identifies a computed table, and the background jobs the app asks for.

use crate::analysis::Granularity;
use crate::analysis::call_tree::Direction;
use crate::analysis::view::TableSort;

/// The inputs of one table computation (the cache key).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ViewKey {
    /// Sample type index.
    pub sample_index: usize,
    /// Node granularity.
    pub granularity: Granularity,
    /// Row order.
    pub sort: TableSort,
    /// In-use and alloc side by side.
    pub side_by_side: bool,
    /// Which filter set applies (an index into `App::filter_sets`; 0 = none).
    pub filters: u32,
}

/// A computation to run off the UI thread.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Job {
    /// A top table.
    View(ViewKey),
    /// The call tree in one direction (all sample types at once), under a filter set.
    Tree(Direction, u32),
    /// Callers and callees of every function for one sample type, under a filter set.
    Edges(usize, u32),
    /// Sizes of a function's allocations (its `bytes` labels), under a filter set.
    Histogram(u32, u32),
    /// A function's annotated source (file, highlighting, per-line values).
    Source(u32, u32),
}

impl Job {
    /// The filter set the job runs under.
    pub fn filters(&self) -> u32 {
        match *self {
            Self::View(k) => k.filters,
            Self::Tree(_, f) | Self::Edges(_, f) | Self::Histogram(_, f) | Self::Source(_, f) => f,
        }
    }
}
