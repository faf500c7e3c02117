//! Callers and callees of every node for one sample type (pprof's graph edges, as
//! `-peek` shows them), indexed per node for the interactive callers/callees pane.

use super::graph::{self, ByIndex};
use super::ids::FuncId;
use super::nodes::NodeTable;
use crate::profile::Profile;

/// One caller or callee.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Neighbor {
    /// The other function.
    pub node: FuncId,
    /// Value through the edge (each sample counted once).
    pub weight: i64,
    /// The call was inlined.
    pub inline: bool,
}

/// Flat, cum, callers and callees per node.
#[derive(Clone, Debug, Default)]
pub struct EdgeIndex {
    flat: Vec<i64>,
    cum: Vec<i64>,
    callers: Vec<Vec<Neighbor>>,
    callees: Vec<Vec<Neighbor>>,
}

impl EdgeIndex {
    /// Flat value of `f` (0 when it has none).
    pub fn flat(&self, f: FuncId) -> i64 {
        self.flat.get(f.index()).copied().unwrap_or(0)
    }

    /// Cum value of `f` (0 when it has none).
    pub fn cum(&self, f: FuncId) -> i64 {
        self.cum.get(f.index()).copied().unwrap_or(0)
    }

    /// Callers of `f`, heaviest first (ties by name).
    pub fn callers(&self, f: FuncId) -> &[Neighbor] {
        self.callers.get(f.index()).map_or(&[], Vec::as_slice)
    }

    /// Callees of `f`, heaviest first (ties by name).
    pub fn callees(&self, f: FuncId) -> &[Neighbor] {
        self.callees.get(f.index()).map_or(&[], Vec::as_slice)
    }
}

/// Builds the index for sample type `index` over `table`.
pub fn build(p: &Profile, table: &NodeTable, index: usize) -> EdgeIndex {
    let g = graph::build(p, table, &ByIndex(index), None, graph::EdgeSet::All);
    let n = table.infos.len();
    let mut callers = vec![Vec::new(); n];
    let mut callees = vec![Vec::new(); n];
    for (&(from, to), e) in &g.edges {
        callers[to as usize].push(Neighbor {
            node: FuncId(from),
            weight: e.weight,
            inline: e.inline,
        });
        callees[from as usize].push(Neighbor {
            node: FuncId(to),
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
                .then_with(|| names[a.node.index()].cmp(&names[b.node.index()]))
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

impl crate::profile::HeapSize for EdgeIndex {
    fn heap_bytes(&self) -> usize {
        use crate::analysis::mem_size::{nested, vec_cap};
        vec_cap(&self.flat) + vec_cap(&self.cum) + nested(&self.callers) + nested(&self.callees)
    }
}
