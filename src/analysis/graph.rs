//! pprof's call graph for one sample type: flat and cum per node (cum counted once per
//! sample, even under recursion), and weighted caller→callee edges with inline marks.

use super::fast_hash::FastMap;
use super::nodes::NodeTable;
use crate::profile::Profile;

/// A caller→callee edge.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Edge {
    /// Sum of the values of the samples through this edge (once per sample).
    pub weight: i64,
    /// The edge skips over nodes that were trimmed away.
    pub residual: bool,
    /// Every call along this edge was inlined.
    pub inline: bool,
    stamp: u32,
}

/// Flat and cum of each node, and the edges between nodes.
#[derive(Clone, Debug, Default)]
pub struct Graph {
    /// Flat value per node id.
    pub flat: Vec<i64>,
    /// Cum value per node id.
    pub cum: Vec<i64>,
    /// Edges keyed by (caller, callee) node ids.
    pub edges: FastMap<(u32, u32), Edge>,
}

impl Graph {
    /// Node ids with a non-zero flat or cum value (pprof's selectNodesForGraph).
    pub fn present_nodes(&self) -> Vec<u32> {
        (0..self.flat.len() as u32)
            .filter(|&n| self.flat[n as usize] != 0 || self.cum[n as usize] != 0)
            .collect()
    }

    /// Sum of flat over the given nodes.
    pub fn flat_sum(&self, nodes: &[u32]) -> i64 {
        nodes
            .iter()
            .fold(0i64, |s, &n| s.wrapping_add(self.flat[n as usize]))
    }

    /// Removes edges lighter than `cutoff` (pprof's TrimLowFrequencyEdges); returns how
    /// many went.
    pub fn trim_edges(&mut self, cutoff: i64) -> usize {
        let before = self.edges.len();
        self.edges.retain(|_, e| e.weight.wrapping_abs() >= cutoff);
        before - self.edges.len()
    }

    /// pprof's inline mark for a node: "(inline)" when every incoming edge was inlined,
    /// "(partial-inline)" when some were, "" otherwise.
    pub fn inline_marks(&self, n_nodes: usize) -> Vec<&'static str> {
        let mut inline = vec![false; n_nodes];
        let mut noinline = vec![false; n_nodes];
        for (&(_, to), e) in &self.edges {
            if e.inline {
                inline[to as usize] = true;
            } else {
                noinline[to as usize] = true;
            }
        }
        (0..n_nodes)
            .map(|n| match (inline[n], noinline[n]) {
                (true, true) => "(partial-inline)",
                (true, false) => "(inline)",
                _ => "",
            })
            .collect()
    }
}

/// Sample weights for one graph: which samples count and with what value.
pub trait SampleWeights {
    /// The value of sample `i` (0 skips it).
    fn weight(&self, p: &Profile, i: usize) -> i64;
}

/// Every sample, weighted by its value at one sample index.
pub struct ByIndex(pub usize);

impl SampleWeights for ByIndex {
    fn weight(&self, p: &Profile, i: usize) -> i64 {
        p.samples.values(i)[self.0]
    }
}

/// Which edges to collect while building a graph.
#[derive(Clone, Copy, Debug)]
pub enum EdgeSet<'a> {
    /// None (flat and cum only).
    None,
    /// Every edge.
    All,
    /// Only edges into nodes marked true (e.g. the nodes that can be inlined, which is all
    /// the top report's inline marks need).
    Into(&'a [bool]),
}

/// Builds the graph of `p` over `table`, keeping only nodes with `kept[n]` when given
/// (pprof's newGraph with KeptNodes), collecting the edges `edge_set` asks for.
pub fn build(
    p: &Profile,
    table: &NodeTable,
    weights: &dyn SampleWeights,
    kept: Option<&[bool]>,
    edge_set: EdgeSet<'_>,
) -> Graph {
    let n = table.infos.len();
    let mut g = Graph {
        flat: vec![0; n],
        cum: vec![0; n],
        edges: FastMap::default(),
    };
    let mut seen = vec![0u32; n];
    let mut stamp = 0u32;
    for s in 0..p.samples.len() {
        let w = weights.weight(p, s);
        if w == 0 {
            continue;
        }
        stamp = stamp.wrapping_add(1);
        if stamp == 0 {
            seen.iter_mut().for_each(|x| *x = 0);
            stamp = 1;
        }
        let mut parent: Option<u32> = None;
        let mut residual = false;
        for &loc in p.samples.locations(s).iter().rev() {
            let nodes = table.nodes_of(loc);
            for (ni, &node) in nodes.iter().enumerate().rev() {
                if kept.is_some_and(|k| !k[node as usize]) {
                    residual = true;
                    continue;
                }
                if seen[node as usize] != stamp {
                    seen[node as usize] = stamp;
                    g.cum[node as usize] = g.cum[node as usize].wrapping_add(w);
                }
                let want = match edge_set {
                    EdgeSet::None => false,
                    EdgeSet::All => true,
                    EdgeSet::Into(t) => t[node as usize],
                };
                if want
                    && let Some(par) = parent
                    && par != node
                {
                    let inline = ni != nodes.len() - 1;
                    let e = g.edges.entry((par, node)).or_insert(Edge {
                        inline,
                        ..Edge::default()
                    });
                    if e.stamp != stamp {
                        e.stamp = stamp;
                        e.weight = e.weight.wrapping_add(w);
                        e.residual |= residual;
                        if !inline {
                            e.inline = false;
                        }
                    }
                }
                parent = Some(node);
                residual = false;
            }
        }
        if let Some(leaf) = parent
            && !residual
        {
            g.flat[leaf as usize] = g.flat[leaf as usize].wrapping_add(w);
        }
    }
    g
}
