//! The walks over every frame of a graph's samples: the general one (kept nodes, edges,
//! values, each case compiled on its own), and the two the top report runs on large
//! profiles, flat and cum alone ([`walk_values`]) and edges alone ([`walk_edges`]).

use std::ops::Range;

use super::{DROPPED, EDGE_TARGET, Edge, Graph, NO_PARENT, SEVERAL, SampleWeights};
use crate::analysis::fast_hash::FastMap;
use crate::analysis::nodes::NodeTable;
use crate::analysis::stop::Stop;
use crate::profile::Profile;

/// Each location's node when it has exactly one, else [`SEVERAL`] (most locations have
/// one: theirs is read straight from here, without the detour through its range).
fn single_nodes(table: &NodeTable) -> Vec<u32> {
    table
        .loc_start
        .windows(2)
        .map(|w| {
            if w[1] == w[0] + 1 {
                table.loc_nodes[w[0] as usize]
            } else {
                SEVERAL
            }
        })
        .collect()
}

/// [`walk`] for flat and cum alone, every node kept: without edges the order of a
/// sample's frames does not matter, so they are read as they lie in memory; the flat
/// value goes to the innermost node of the first location that has one (the leaf).
pub(super) fn walk_values(
    p: &Profile,
    table: &NodeTable,
    weights: &dyn SampleWeights,
    range: Range<usize>,
    stop: Stop<'_>,
) -> Graph {
    let n = table.infos.len();
    let mut g = Graph {
        flat: vec![0; n],
        cum: vec![0; n],
        edges: FastMap::default(),
    };
    let single = single_nodes(table);
    let mut seen = vec![0u32; n];
    let mut stamp = 0u32;
    for s in range {
        if stop.at(s) {
            break;
        }
        let w = weights.weight(p, s);
        if w == 0 {
            continue;
        }
        stamp = stamp.wrapping_add(1);
        if stamp == 0 {
            seen.iter_mut().for_each(|x| *x = 0);
            stamp = 1;
        }
        let locs = p.samples.locations(s);
        for &loc in locs {
            let one = single[loc as usize];
            if one != SEVERAL {
                let i = one as usize;
                if seen[i] != stamp {
                    seen[i] = stamp;
                    g.cum[i] = g.cum[i].wrapping_add(w);
                }
                continue;
            }
            for &node in table.nodes_of(loc) {
                let i = node as usize;
                if seen[i] != stamp {
                    seen[i] = stamp;
                    g.cum[i] = g.cum[i].wrapping_add(w);
                }
            }
        }
        let leaf = locs.iter().find_map(|&loc| match single[loc as usize] {
            SEVERAL => table.nodes_of(loc).first().copied(),
            one => Some(one),
        });
        if let Some(leaf) = leaf {
            g.flat[leaf as usize] = g.flat[leaf as usize].wrapping_add(w);
        }
    }
    g
}

/// Where [`walk_edges`] packs a node's flags above its id.
pub(super) const FLAG_SHIFT: u32 = 29;

/// [`walk`] for the edges alone (the graph of [`restrict`]): a location with one node
/// is one word, the node's id with its flags above it, so most frames cost a load and
/// two tests.
pub(super) fn walk_edges(
    p: &Profile,
    table: &NodeTable,
    weights: &dyn SampleWeights,
    flags: &[u8],
    range: Range<usize>,
    stop: Stop<'_>,
) -> Graph {
    let n = table.infos.len();
    let mut g = Graph {
        flat: vec![0; n],
        cum: vec![0; n],
        edges: FastMap::default(),
    };
    let node_mask = (1u32 << FLAG_SHIFT) - 1;
    let dropped = u32::from(DROPPED) << FLAG_SHIFT;
    let target = u32::from(EDGE_TARGET) << FLAG_SHIFT;
    let single: Vec<u32> = single_nodes(table)
        .into_iter()
        .map(|node| match node {
            SEVERAL => SEVERAL,
            node => node | u32::from(flags[node as usize]) << FLAG_SHIFT,
        })
        .collect();
    let mut stamp = 0u32;
    for s in range {
        if stop.at(s) {
            break;
        }
        let w = weights.weight(p, s);
        if w == 0 {
            continue;
        }
        stamp = stamp.wrapping_add(1);
        if stamp == 0 {
            g.edges.values_mut().for_each(|e| e.stamp = 0);
            stamp = 1;
        }
        let mut parent = NO_PARENT;
        let mut residual = false;
        let mut edge = |parent: u32, node: u32, inline: bool, residual: bool| {
            let e = g.edges.entry((parent, node)).or_insert(Edge {
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
        };
        for &loc in p.samples.locations(s).iter().rev() {
            let v = single[loc as usize];
            if v != SEVERAL {
                if v & dropped != 0 {
                    residual = true;
                    continue;
                }
                let node = v & node_mask;
                if v & target != 0 && parent != NO_PARENT && parent != node {
                    edge(parent, node, false, residual);
                }
                parent = node;
                residual = false;
                continue;
            }
            let nodes = table.nodes_of(loc);
            let outermost = nodes.len().wrapping_sub(1);
            for (ni, &node) in nodes.iter().enumerate().rev() {
                let f = flags[node as usize];
                if f & DROPPED != 0 {
                    residual = true;
                    continue;
                }
                if f & EDGE_TARGET != 0 && parent != NO_PARENT && parent != node {
                    edge(parent, node, ni != outermost, residual);
                }
                parent = node;
                residual = false;
            }
        }
    }
    g
}

/// The walk over every frame of the samples in `range` behind [`build`]: `KEPT` when
/// some nodes are dropped, `EDGES` when edges are collected (`flags` says which, per
/// node), `VALUES` when flat and cum are summed.
pub(super) fn walk<const KEPT: bool, const EDGES: bool, const VALUES: bool>(
    p: &Profile,
    table: &NodeTable,
    weights: &dyn SampleWeights,
    flags: &[u8],
    range: Range<usize>,
    stop: Stop<'_>,
) -> Graph {
    let n = table.infos.len();
    let mut g = Graph {
        flat: vec![0; n],
        cum: vec![0; n],
        edges: FastMap::default(),
    };
    let (loc_start, loc_nodes) = (&table.loc_start, &table.loc_nodes);
    let single = single_nodes(table);
    let mut seen = vec![0u32; n];
    let mut stamp = 0u32;
    for s in range {
        if stop.at(s) {
            break;
        }
        let w = weights.weight(p, s);
        if w == 0 {
            continue;
        }
        stamp = stamp.wrapping_add(1);
        if stamp == 0 {
            seen.iter_mut().for_each(|x| *x = 0);
            g.edges.values_mut().for_each(|e| e.stamp = 0);
            stamp = 1;
        }
        let mut parent = NO_PARENT;
        let mut residual = false;
        for &loc in p.samples.locations(s).iter().rev() {
            let one = single[loc as usize];
            let nodes = if one == SEVERAL {
                let (a, b) = (loc_start[loc as usize], loc_start[loc as usize + 1]);
                &loc_nodes[a as usize..b as usize]
            } else {
                std::slice::from_ref(&single[loc as usize])
            };
            let outermost = nodes.len().wrapping_sub(1);
            for (ni, &node) in nodes.iter().enumerate().rev() {
                let i = node as usize;
                if KEPT && flags[i] & DROPPED != 0 {
                    residual = true;
                    continue;
                }
                if VALUES && seen[i] != stamp {
                    seen[i] = stamp;
                    g.cum[i] = g.cum[i].wrapping_add(w);
                }
                if EDGES && flags[i] & EDGE_TARGET != 0 && parent != NO_PARENT && parent != node {
                    let inline = ni != outermost;
                    let e = g.edges.entry((parent, node)).or_insert(Edge {
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
                parent = node;
                residual = false;
            }
        }
        if VALUES && parent != NO_PARENT && !residual {
            g.flat[parent as usize] = g.flat[parent as usize].wrapping_add(w);
        }
    }
    g
}
