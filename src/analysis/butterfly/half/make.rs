//! Making a half's nodes: the children of a node, each with its values (every sample
//! once per node), from the sequences through it, with scratch space that lives only
//! while they are made.

use super::{Half, NOT_MADE, Node, Side, Store};
use crate::analysis::ids::TreeNodeId;

/// Scratch space per path while nodes are made (one call of [`Half::kids`]), for counting
/// each sample once per node: allocated zeroed for the call (untouched pages cost
/// nothing), so a half kept for the view holds none of it.
pub(super) struct Scratch {
    /// Per path: the node (id + 1) that last counted it, for cum and for flat.
    seen: Vec<u32>,
    seen_flat: Vec<u32>,
    /// Per path, for the node being made: its rootmost anchor there, and whether that
    /// sequence's call into the node was inlined ([`anchor_mark`]: the anchor times two,
    /// plus one when inlined).
    first: Vec<u64>,
}

impl Scratch {
    pub(super) fn new(slots: usize) -> Self {
        Self {
            seen: vec![0; slots],
            seen_flat: vec![0; slots],
            first: vec![0; slots],
        }
    }
}

/// A sequence's anchor and inline mark as [`Scratch::first`] keeps them.
fn anchor_mark(anchor: u32, inline: bool) -> u64 {
    u64::from(anchor) << 1 | u64::from(inline)
}

impl Half {
    /// Makes the node for `order[start..end]` (sequences sharing its path) and its values.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn push_node(
        &self,
        st: &mut Store,
        sc: &mut Scratch,
        parent: u32,
        frame: u32,
        depth: u32,
        start: u32,
        end: u32,
    ) {
        let id = st.nodes.len() as u32;
        let stamp = id + 1;
        let nt = self.num_types;
        let base = st.cum.len();
        st.cum.resize(base + nt, 0);
        st.flat.resize(base + nt, 0);
        st.inline.resize(base + nt, depth > 0);
        let mut distinct: Vec<(u32, u32)> = Vec::new();
        for k in start..end {
            let s = self.order[k as usize];
            let q = self.seqs[s as usize];
            let (p, slot) = (q.path as usize, q.slot as usize);
            let inline = depth > 0 && self.inline_at(s, depth);
            if sc.seen[slot] != stamp {
                sc.seen[slot] = stamp;
                sc.first[slot] = anchor_mark(q.anchor, inline);
                distinct.push((q.path, q.slot));
                for (c, &v) in st.cum[base..].iter_mut().zip(self.paths.values(p)) {
                    *c = c.wrapping_add(v);
                }
            } else if u64::from(q.anchor) < sc.first[slot] >> 1 {
                // pprof reads an edge at its first occurrence from the root: the
                // sequence of the rootmost anchor decides the path's inline mark.
                sc.first[slot] = anchor_mark(q.anchor, inline);
            }
            let own = match self.side {
                Side::Callers => q.own,
                Side::Callees => self.frame_at(s, depth + 1).is_none(),
            };
            if own && sc.seen_flat[slot] != stamp {
                sc.seen_flat[slot] = stamp;
                for (c, &v) in st.flat[base..].iter_mut().zip(self.paths.values(p)) {
                    *c = c.wrapping_add(v);
                }
            }
        }
        if depth > 0 {
            for &(p, slot) in &distinct {
                let inline = sc.first[slot as usize] & 1 != 0;
                let values = self.paths.values(p as usize);
                for t in 0..nt {
                    if values.get(t).is_some_and(|&v| v != 0) {
                        st.inline[base + t] &= inline;
                    }
                }
            }
        }
        st.nodes.push(Node {
            parent,
            frame,
            depth,
            start,
            end,
            first_child: 0,
            children: NOT_MADE,
        });
    }

    /// The children of `n` (made now if they were not), as (first id, count).
    pub(super) fn kids(&self, n: TreeNodeId) -> (u32, u32) {
        let mut st = self.lock();
        let Some(x) = st.nodes.get(n.index()).copied() else {
            return (0, 0);
        };
        if x.children != NOT_MADE {
            return (x.first_child, x.children);
        }
        let first = st.nodes.len() as u32;
        let d = x.depth + 1;
        let mut scratch = Scratch::new(self.slots as usize);
        let mut k = x.start;
        while k < x.end {
            let Some(frame) = self.frame_at(self.order[k as usize], d) else {
                k += 1;
                continue;
            };
            let mut j = k;
            while j < x.end && self.frame_at(self.order[j as usize], d) == Some(frame) {
                j += 1;
            }
            self.push_node(&mut st, &mut scratch, n.0, frame, d, k, j);
            k = j;
        }
        let count = st.nodes.len() as u32 - first;
        let node = &mut st.nodes[n.index()];
        node.first_child = first;
        node.children = count;
        (first, count)
    }
}
