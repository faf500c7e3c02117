//! pprof's call graph for one sample type: flat and cum per node (cum counted once per
//! sample, even under recursion), and weighted caller→callee edges with inline marks.

use super::fast_hash::FastMap;

mod walks;

use super::nodes::NodeTable;
use super::stop::Stop;
use crate::profile::Profile;
use walks::{FLAG_SHIFT, walk, walk_edges, walk_values};

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
pub trait SampleWeights: Sync {
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

/// Per-node flag: the node is not kept (its frames are skipped, edges become residual).
const DROPPED: u8 = 1;
/// Per-node flag: edges into the node are collected.
const EDGE_TARGET: u8 = 2;
/// No parent node yet (the sample's root frame is next).
const NO_PARENT: u32 = u32::MAX;
/// A location with no node or several (inlined lines).
const SEVERAL: u32 = u32::MAX;

/// Builds the graph of `p` over `table`, keeping only nodes with `kept[n]` when given
/// (pprof's newGraph with KeptNodes), collecting the edges `edge_set` asks for.
pub fn build(
    p: &Profile,
    table: &NodeTable,
    weights: &dyn SampleWeights,
    kept: Option<&[bool]>,
    edge_set: EdgeSet<'_>,
) -> Graph {
    build_until(p, table, weights, kept, edge_set, Stop::NEVER)
}

/// [`build`], given up (partial) once `stop` is requested.
pub fn build_until(
    p: &Profile,
    table: &NodeTable,
    weights: &dyn SampleWeights,
    kept: Option<&[bool]>,
    edge_set: EdgeSet<'_>,
    stop: Stop<'_>,
) -> Graph {
    let flags = node_flags(table.infos.len(), kept, edge_set);
    let edges = !matches!(edge_set, EdgeSet::None);
    let f = &flags;
    // One specialised walk per case, so the per-frame loop carries no dead branches.
    match (kept.is_some(), edges) {
        (false, false) => split_walk::<false, false, true>(p, table, weights, f, stop),
        (false, true) => split_walk::<false, true, true>(p, table, weights, f, stop),
        (true, false) => split_walk::<true, false, true>(p, table, weights, f, stop),
        (true, true) => split_walk::<true, true, true>(p, table, weights, f, stop),
    }
}

/// The graph keeping only the nodes `kept`, with the edges into `targets`, from `full`:
/// a graph of the same samples and weights over the same table that kept at least these
/// nodes. A kept node's flat and cum do not depend on which other nodes are kept (cum
/// counts the samples through it, flat goes to it only when it is the leaf), so they
/// are copied, and only the edges are walked again.
pub fn restrict(
    p: &Profile,
    table: &NodeTable,
    weights: &dyn SampleWeights,
    full: &Graph,
    kept: &[bool],
    targets: &[bool],
) -> Graph {
    let flags = node_flags(table.infos.len(), Some(kept), EdgeSet::Into(targets));
    let mut g = split_walk::<true, true, false>(p, table, weights, &flags, Stop::NEVER);
    let keep = |values: &[i64]| -> Vec<i64> {
        values
            .iter()
            .zip(kept)
            .map(|(&v, &k)| if k { v } else { 0 })
            .collect()
    };
    g.flat = keep(&full.flat);
    g.cum = keep(&full.cum);
    g
}

fn node_flags(n: usize, kept: Option<&[bool]>, edge_set: EdgeSet<'_>) -> Vec<u8> {
    let mut flags = vec![0u8; n];
    if let Some(k) = kept {
        for (f, &keep) in flags.iter_mut().zip(k) {
            if !keep {
                *f |= DROPPED;
            }
        }
    }
    match edge_set {
        EdgeSet::None => {}
        EdgeSet::All => flags.iter_mut().for_each(|f| *f |= EDGE_TARGET),
        EdgeSet::Into(t) => {
            for (f, &target) in flags.iter_mut().zip(t) {
                if target {
                    *f |= EDGE_TARGET;
                }
            }
        }
    }
    flags
}

/// [`walk`] over all samples: in two halves on two threads for large profiles, then
/// summed (every sum is per sample, so the halves add up exactly to one walk).
fn split_walk<const KEPT: bool, const EDGES: bool, const VALUES: bool>(
    p: &Profile,
    table: &NodeTable,
    weights: &dyn SampleWeights,
    flags: &[u8],
    stop: Stop<'_>,
) -> Graph {
    let samples = p.samples.len();
    let walk_range = |range| {
        if !KEPT && !EDGES && VALUES {
            walk_values(p, table, weights, range, stop)
        } else if KEPT && EDGES && !VALUES && table.infos.len() < 1 << FLAG_SHIFT {
            walk_edges(p, table, weights, flags, range, stop)
        } else {
            walk::<KEPT, EDGES, VALUES>(p, table, weights, flags, range, stop)
        }
    };
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    if samples < PARALLEL_MIN_SAMPLES || threads < 2 {
        return walk_range(0..samples);
    }
    let mid = samples / 2;
    let (mut first, second) = std::thread::scope(|scope| {
        let second = scope.spawn(|| walk_range(mid..samples));
        let first = walk_range(0..mid);
        (first, second.join())
    });
    match second {
        Ok(second) => {
            first.add(second);
            first
        }
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

/// Below this many samples one thread walks them all (a thread costs more than it saves).
const PARALLEL_MIN_SAMPLES: usize = 20_000;

impl Graph {
    /// Adds the graph of other samples over the same node table.
    fn add(&mut self, other: Graph) {
        for (a, b) in self.flat.iter_mut().zip(other.flat) {
            *a = a.wrapping_add(b);
        }
        for (a, b) in self.cum.iter_mut().zip(other.cum) {
            *a = a.wrapping_add(b);
        }
        for (key, e) in other.edges {
            let mine = self.edges.entry(key).or_insert(Edge {
                inline: e.inline,
                ..Edge::default()
            });
            mine.weight = mine.weight.wrapping_add(e.weight);
            mine.residual |= e.residual;
            mine.inline &= e.inline;
        }
    }
}
