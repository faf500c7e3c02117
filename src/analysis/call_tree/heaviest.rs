//! One pass over the sorted paths that finds every function's heaviest node for every
//! sample type without making the tree: consecutive paths share the nodes of their common
//! prefix, so a node is a run of paths, closed when a path leaves it; a closed node hands
//! its values to its parent, so each path is added once.

use std::cmp::Reverse;

use super::{CallTree, Direction};
use crate::analysis::stop::Stop;

/// A node the current path is in.
struct Open {
    depth: u32,
    frame: u32,
    /// Position in the order of its first path.
    k: u32,
    /// The lowest path index through it (the order nodes were made in before).
    first: u32,
}

/// What decides the heaviest: |cum|, then the shallowest, then the latest first path.
type Rank = (i64, Reverse<u32>, u32);

/// The heaviest node of each (function, sample type), as (depth, position in the order of
/// one of its paths).
#[derive(Debug, Default)]
pub(super) struct Heaviest {
    num_types: usize,
    at: Vec<Option<(u32, u32)>>,
}

impl Heaviest {
    /// The heaviest node of `frame` for type `t`, if it has one with a non-zero cum.
    pub(super) fn get(&self, frame: u32, t: usize) -> Option<(u32, u32)> {
        if t >= self.num_types {
            return None;
        }
        self.at
            .get(frame as usize * self.num_types + t)
            .copied()
            .flatten()
    }
}

/// Length of the common prefix of paths `a` and `b` in the tree's direction.
fn common(tree: &CallTree, a: usize, b: usize) -> usize {
    let (x, y) = (tree.paths.frames(a), tree.paths.frames(b));
    x.common(y, tree.direction == Direction::BottomUp)
}

/// Scans every path of `tree` once.
pub(super) fn scan(tree: &CallTree, stop: Stop<'_>) -> Heaviest {
    let nt = tree.num_types;
    let frames = tree.paths.frame_count();
    let mut best: Vec<Option<(Rank, (u32, u32))>> = vec![None; frames * nt];
    // The best |cum| so far of each slot, to pass over most nodes quickly.
    let mut floor: Vec<i64> = vec![i64::MIN; frames * nt];
    let mut open: Vec<Open> = Vec::new();
    // The cum of each open node, `nt` values per node, parallel to `open`.
    let mut cums: Vec<i64> = Vec::new();
    let mut close = |open: &mut Vec<Open>, cums: &mut Vec<i64>| {
        let Some(o) = open.pop() else { return };
        let base = cums.len() - nt;
        for t in 0..nt {
            let cum = cums[base + t];
            let at = o.frame as usize * nt + t;
            if cum == 0 || cum.wrapping_abs() < floor[at] {
                continue;
            }
            let rank = (cum.wrapping_abs(), Reverse(o.depth), o.first);
            if best[at].as_ref().is_none_or(|(b, _)| rank > *b) {
                best[at] = Some((rank, (o.depth, o.k)));
                floor[at] = rank.0;
            }
        }
        if let Some(parent) = open.last_mut() {
            parent.first = parent.first.min(o.first);
            for t in 0..nt {
                cums[base - nt + t] = cums[base - nt + t].wrapping_add(cums[base + t]);
            }
        }
        cums.truncate(base);
    };
    let mut prev: Option<usize> = None;
    for (k, &i) in tree.order.iter().enumerate() {
        if stop.at(k) {
            break;
        }
        let i = i as usize;
        let shared = prev.map_or(0, |p| common(tree, p, i));
        while open.len() > shared {
            close(&mut open, &mut cums);
        }
        let len = tree.paths.frames(i).len();
        for d in shared..len {
            let frame = tree.frame_at(i, d).unwrap_or(0);
            open.push(Open {
                depth: d as u32,
                frame,
                k: k as u32,
                first: i as u32,
            });
            cums.resize(cums.len() + nt, 0);
        }
        // The path ends in the deepest open node; it reaches the others when that closes.
        if let Some(o) = open.last_mut() {
            o.first = o.first.min(i as u32);
            let base = cums.len() - nt;
            for (c, &v) in cums[base..].iter_mut().zip(tree.paths.values(i)) {
                *c = c.wrapping_add(v);
            }
        }
        prev = Some(i);
    }
    while !open.is_empty() {
        close(&mut open, &mut cums);
    }
    Heaviest {
        num_types: nt,
        at: best.into_iter().map(|b| b.map(|(_, at)| at)).collect(),
    }
}

impl Heaviest {
    /// Heap bytes held.
    pub(super) fn heap_bytes(&self) -> usize {
        crate::analysis::mem_size::vec_cap(&self.at)
    }
}
