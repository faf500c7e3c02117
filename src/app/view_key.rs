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
}

/// A computation to run off the UI thread.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Job {
    /// A top table.
    View(ViewKey),
    /// The call tree in one direction (all sample types at once).
    Tree(Direction),
    /// Callers and callees of every function for one sample type.
    Edges(usize),
}
