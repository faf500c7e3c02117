//! What identifies a computed table: sample type, granularity, order and mode.

use crate::analysis::Granularity;
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
