//! Where each flame-graph frame goes on screen, used by the renderer to draw and by the
//! app to hit-test clicks, so both agree.
//!
//! Horizontally, widths are proportional to cum (in a diff, to the growth and shrinkage
//! through each frame, [`CallTree::width`], so callees always fit under their caller). A
//! frame too narrow for a readable label (see [`label::min_room`]) is not drawn alone: a run of such siblings becomes one hatched
//! "N more" block, with nothing below it. The selected frame and its callers are always
//! drawn, at least one column wide.
//!
//! Vertically ([`Window`]), rows are depths below the zoom root. When the selected frame
//! and a few rows of its callees fit, the graph shows the top rows. When it is deeper,
//! the first rows stay pinned (the roots: where the graph starts), one marker row stands
//! for the depths in between (naming the selected frame's callers there), and the rest
//! shows the selected frame's nearest callers, the frame, and its callees — magnified:
//! the caller on the first of those rows spans the graph, so a deep, narrow selection
//! is as readable as a zoom into that caller (the marker row says by how much).

pub mod label;
mod window;

pub use window::Window;

use std::collections::HashSet;

use crate::analysis::TreeNodeId;
use crate::analysis::call_tree::CallTree;

/// Columns a labelled frame has besides its label: the edge `▏` and a diff's sign.
pub const LABEL_EXTRA: u16 = 2;

/// What a placed cell shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Piece {
    /// One frame.
    Frame(TreeNodeId),
    /// Sibling frames each too narrow for a label, merged; `heaviest` is the first of them.
    More {
        /// How many frames the block stands for.
        count: u32,
        /// The heaviest of them (what a click selects).
        heaviest: TreeNodeId,
    },
}

/// A frame (or a block of narrow frames) placed on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FlameCell {
    /// What the cell shows.
    pub piece: Piece,
    /// Row, counted from the top of the graph.
    pub row: u16,
    /// First column.
    pub x: u16,
    /// Width in columns (at least 1).
    pub width: u16,
}

impl FlameCell {
    /// The frame this cell is, if it is a single frame.
    pub fn node(&self) -> Option<TreeNodeId> {
        match self.piece {
            Piece::Frame(n) => Some(n),
            Piece::More { .. } => None,
        }
    }
}

/// What the layout needs to know.
pub struct Input<'a> {
    /// The tree.
    pub tree: &'a CallTree,
    /// The zoom root (everything for `None`).
    pub root: Option<TreeNodeId>,
    /// Sample type.
    pub t: usize,
    /// Columns.
    pub width: u16,
    /// Rows.
    pub height: u16,
    /// The selected frame (kept visible with its callers).
    pub selected: Option<TreeNodeId>,
    /// The printable name of a frame (for the room its label needs).
    pub name: &'a dyn Fn(TreeNodeId) -> String,
}

/// The placed cells, the window and the selected frame's callers behind the marker row.
#[derive(Clone, Debug, Default)]
pub struct FlameLayout {
    /// Which depths the rows show.
    pub window: Window,
    /// Cells, by row then column, never overlapping.
    pub cells: Vec<FlameCell>,
    /// The selected frame's callers at the hidden depths, outermost first.
    pub hidden_path: Vec<TreeNodeId>,
    /// The selected frame's caller just above the rows below the marker: what a click
    /// on the marker row selects (walking up).
    pub above_marker: Option<TreeNodeId>,
    /// How much wider the rows below the marker are drawn than the rows above it (the
    /// frame on the first of them spans the graph); 1 without a marker.
    pub magnified: f64,
}

impl FlameLayout {
    /// The cell at (`col`, `row`), if any.
    pub fn at(&self, col: u16, row: u16) -> Option<&FlameCell> {
        self.cells
            .iter()
            .find(|c| c.row == row && col >= c.x && col < c.x + c.width)
    }
}

/// A child about to be placed: node, first column as a float, width as a float.
struct Kid {
    node: TreeNodeId,
    x: f64,
    w: f64,
}

/// Lays out the graph (see the module's documentation).
pub fn layout(inp: &Input) -> FlameLayout {
    let tree = inp.tree;
    let base = inp.root.map_or(0, |r| tree.depth(r));
    let in_view = |n: TreeNodeId| {
        inp.root.is_none_or(|r| {
            let mut x = Some(n);
            while let Some(y) = x {
                if y == r {
                    return true;
                }
                x = tree.parent(y);
            }
            false
        })
    };
    let sel = inp.selected.filter(|&s| tree.contains(s) && in_view(s));
    let span = |n: TreeNodeId| tree.width(n, inp.t);
    let tops = match inp.root {
        Some(r) => vec![r],
        None => tree.sorted_children(None, inp.t),
    };
    let total = tops.iter().fold(0i64, |s, &n| s.wrapping_add(span(n)));
    let scale = f64::from(inp.width) / total.max(1) as f64;
    let depth = sel.map(|s| tree.depth(s).saturating_sub(base));
    let deeper = sel.is_some_and(|s| !tree.sorted_children(Some(s), inp.t).is_empty());
    // The columns the selection needs for its label, and whether it has them at `scale`.
    let need = sel.map_or(0, |s| needs(inp, s));
    let fits = |s: TreeNodeId, scale: f64| {
        (span(s) as f64 * scale).round().min(f64::from(inp.width)) >= f64::from(need)
    };
    let narrow = sel.is_some_and(|s| !fits(s, scale));
    let mut window = Window::new(inp.height, depth, deeper, narrow);
    let mut out = FlameLayout {
        window,
        magnified: 1.0,
        ..FlameLayout::default()
    };
    // The selected frame and its callers, within the zoom.
    let mut path = Vec::new();
    let mut k = sel;
    while let Some(n) = k {
        path.push(n);
        if Some(n) == inp.root {
            break;
        }
        k = tree.parent(n);
    }
    path.reverse();
    let rel = |n: TreeNodeId| tree.depth(n).saturating_sub(base);
    if let (Some(s), true) = (sel, window.marker && narrow) {
        // Magnified below the marker: from the shallowest caller (not above the rows'
        // first depth) at whose scale the selection's label reads; the rows left over
        // show more of its callees.
        let readable_under = |a: TreeNodeId| fits(s, f64::from(inp.width) / span(a).max(1) as f64);
        if let Some(a) = path
            .iter()
            .find(|&&a| rel(a) >= window.tail && readable_under(a))
        {
            window.tail = rel(*a);
            out.window = window;
        }
    }
    let hidden = window.hidden();
    out.hidden_path = path
        .iter()
        .copied()
        .filter(|&n| hidden.contains(&rel(n)))
        .collect();
    if window.marker {
        out.above_marker = path
            .iter()
            .copied()
            .find(|&n| window.tail > 0 && rel(n) == window.tail - 1);
    }
    let kept: HashSet<TreeNodeId> = path.iter().copied().collect();
    let (Some(last), true, true) = (window.last_depth(), inp.width > 0, total > 0) else {
        return out;
    };
    let walk = Walk {
        inp,
        window,
        kept: &kept,
        span: &span,
    };
    let anchor = path.iter().copied().find(|&n| rel(n) == window.tail);
    match anchor {
        // The pinned rows at the graph's scale; below the marker, the selected frame's
        // caller on the first row as wide as the graph (the marker says how much wider).
        Some(a) if window.marker && narrow && span(a) > 0 => {
            if window.pinned > 0 {
                walk.run(&mut out.cells, tops, total, 0, window.pinned - 1);
            }
            out.magnified = total as f64 / span(a) as f64;
            walk.run(&mut out.cells, vec![a], span(a), window.tail, last);
        }
        _ => walk.run(&mut out.cells, tops, total, 0, last),
    }
    out.cells = without_overlaps(std::mem::take(&mut out.cells), &kept);
    out
}

/// One pass of placement: sibling groups from the top frames down to a depth.
struct Walk<'a> {
    inp: &'a Input<'a>,
    window: Window,
    kept: &'a HashSet<TreeNodeId>,
    span: &'a dyn Fn(TreeNodeId) -> i64,
}

impl Walk<'_> {
    /// Places `tops` (at depth `first`, spanning `total` across the width) and their
    /// callees down to depth `last` into `cells`.
    fn run(
        &self,
        cells: &mut Vec<FlameCell>,
        tops: Vec<TreeNodeId>,
        total: i64,
        first: u32,
        last: u32,
    ) {
        let (inp, kept) = (self.inp, self.kept);
        let scale = f64::from(inp.width) / total as f64;
        let place = |nodes: Vec<TreeNodeId>, x0: f64| {
            let mut x = x0;
            nodes
                .into_iter()
                .map(|node| {
                    let w = (self.span)(node) as f64 * scale;
                    let kid = Kid { node, x, w };
                    x += w;
                    kid
                })
                .collect::<Vec<_>>()
        };
        // Groups of siblings: (depth, the parent's columns, the siblings).
        let mut groups = vec![(first, (0u16, inp.width), place(tops, 0.0))];
        while let Some((d, (lo, hi), kids)) = groups.pop() {
            let row = self.window.row_of(d);
            let col = |v: f64| (v.round().max(0.0) as u16).clamp(lo, hi);
            // Each sibling alone or in a run of narrow ones; a kept one is always alone.
            let mut run: Vec<(TreeNodeId, u16, u16)> = Vec::new();
            let flush = |run: &mut Vec<(TreeNodeId, u16, u16)>, cells: &mut Vec<FlameCell>| {
                if let (Some(&(first, x, _)), Some(&(_, _, end)), Some(r)) =
                    (run.first(), run.last(), row)
                    && end > x
                {
                    cells.push(FlameCell {
                        piece: Piece::More {
                            count: run.len() as u32,
                            heaviest: first,
                        },
                        row: r,
                        x,
                        width: end - x,
                    });
                }
                run.clear();
            };
            for kid in kids {
                let (mut x, mut end) = (col(kid.x), col(kid.x + kid.w));
                let keep = kept.contains(&kid.node);
                if !keep && !labelled(inp, kid.node, end - x) {
                    run.push((kid.node, x, end));
                    continue;
                }
                flush(&mut run, cells);
                if end <= x {
                    x = x.min(hi.saturating_sub(1)).max(lo);
                    end = x + 1;
                }
                if let Some(r) = row {
                    cells.push(FlameCell {
                        piece: Piece::Frame(kid.node),
                        row: r,
                        x,
                        width: end - x,
                    });
                }
                if d < last {
                    groups.push((
                        d + 1,
                        (x, end),
                        place(inp.tree.sorted_children(Some(kid.node), inp.t), kid.x),
                    ));
                }
            }
            flush(&mut run, cells);
        }
    }
}

/// The most columns any frame needs for a readable label.
const MOST_NEEDED: u16 = LABEL_EXTRA + label::CUT_KEEPS as u16 + 1;

/// The columns `node` needs to be drawn alone: its label's room (see
/// [`label::min_room`]) and the edge.
fn needs(inp: &Input, node: TreeNodeId) -> u16 {
    LABEL_EXTRA + (label::min_room(&(inp.name)(node)) as u16).max(1)
}

/// Whether a frame `cols` wide is drawn alone: its label reads.
fn labelled(inp: &Input, node: TreeNodeId, cols: u16) -> bool {
    cols >= MOST_NEEDED || cols >= needs(inp, node)
}

/// Cells sorted by row and column; where a forced one-column frame (a kept frame narrower
/// than a column) overlaps a neighbour, the neighbour gives way.
fn without_overlaps(mut cells: Vec<FlameCell>, kept: &HashSet<TreeNodeId>) -> Vec<FlameCell> {
    let is_kept = |c: &FlameCell| c.node().is_some_and(|n| kept.contains(&n));
    cells.sort_by_key(|c| (c.row, c.x, !is_kept(c)));
    let mut out: Vec<FlameCell> = Vec::with_capacity(cells.len());
    for mut c in cells {
        if let Some(prev) = out.last_mut()
            && prev.row == c.row
            && prev.x + prev.width > c.x
        {
            if is_kept(&c) && !is_kept(prev) {
                prev.width = c.x.saturating_sub(prev.x);
                if prev.width == 0 {
                    out.pop();
                }
            } else {
                let end = c.x + c.width;
                let start = prev.x + prev.width;
                if end <= start {
                    continue;
                }
                c.width = end - start;
                c.x = start;
            }
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests;
