//! Typed ids for what reports index — functions and call-tree nodes — so an id of one
//! structure can never be used to index another by mistake.

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
