//! Callers and callees of every node for one sample type (pprof's graph edges, as
//! `-peek` shows them), indexed per node for the interactive callers/callees pane.

use super::graph::{self, ByIndex};
use super::nodes::NodeTable;
use crate::profile::Profile;

/// One caller or callee.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Neighbor {
    /// The other node.
    pub node: u32,
    /// Value through the edge (each sample counted once).
    pub weight: i64,
    /// The call was inlined.
    pub inline: bool,
}

/// Flat, cum, callers and callees per node.
#[derive(Clone, Debug, Default)]
pub struct EdgeIndex {
    /// Flat per node.
    pub flat: Vec<i64>,
    /// Cum per node.
    pub cum: Vec<i64>,
    /// Callers per node, heaviest first (ties by name).
    pub callers: Vec<Vec<Neighbor>>,
    /// Callees per node, heaviest first (ties by name).
    pub callees: Vec<Vec<Neighbor>>,
}

/// Builds the index for sample type `index` over `table`.
pub fn build(p: &Profile, table: &NodeTable, index: usize) -> EdgeIndex {
    let g = graph::build(p, table, &ByIndex(index), None, graph::EdgeSet::All);
    let n = table.infos.len();
    let mut callers = vec![Vec::new(); n];
    let mut callees = vec![Vec::new(); n];
    for (&(from, to), e) in &g.edges {
        callers[to as usize].push(Neighbor {
            node: from,
            weight: e.weight,
            inline: e.inline,
        });
        callees[from as usize].push(Neighbor {
            node: to,
            weight: e.weight,
            inline: e.inline,
        });
    }
    let names: Vec<String> = table.infos.iter().map(|i| i.printable_name()).collect();
    let order = |v: &mut Vec<Neighbor>| {
        v.sort_by(|a, b| {
            b.weight
                .wrapping_abs()
                .cmp(&a.weight.wrapping_abs())
                .then_with(|| names[a.node as usize].cmp(&names[b.node as usize]))
        });
    };
    callers.iter_mut().for_each(order);
    callees.iter_mut().for_each(order);
    EdgeIndex {
        flat: g.flat,
        cum: g.cum,
        callers,
        callees,
    }
}
