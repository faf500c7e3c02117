//! Typed ids for what reports index — functions, call-tree nodes, sample types — so an id
//! of one structure can never be used to index another by mistake.

/// A function: a node of the functions-granularity [`super::NodeTable`] of the unfiltered
/// profile (filtered tables keep these ids, see `filter::restrict_table`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FuncId(pub u32);

impl FuncId {
    /// The position in the node table.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A node of one call tree; meaningful only for the tree that made it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TreeNodeId(pub u32);

impl TreeNodeId {
    /// The position in the tree's node list.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A sample type of the profile (an index into its `sample_types`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SampleIndex(pub usize);

impl SampleIndex {
    /// The position in the profile's sample types (and in every per-type value list).
    pub fn index(self) -> usize {
        self.0
    }
}
