//! The peek report (pprof's -peek, `printTree`): for every node whose name matches a
//! regex, its callers and callees with the weights of the call edges, computed untrimmed.

use std::fmt;

use super::filter::Pattern;
use super::graph::{self, ByIndex, Graph};
use super::nodes::NodeTable;
use super::options::ReportOptions;
use super::top::{TopReport, top_filtered};
use crate::profile::Profile;

/// A report found no function matching its regex (pprof exits 1 with this message).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoMatches(pub String);

impl fmt::Display for NoMatches {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "no matches found for regexp: {}", self.0)
    }
}

impl std::error::Error for NoMatches {}

/// One caller or callee of a peeked node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PeekEdge {
    /// The other node's id in the report's node table.
    pub node: u32,
    /// Its printable name.
    pub name: String,
    /// Sum of the samples through the edge (once per sample).
    pub weight: i64,
    /// The call was inlined (pprof appends " (inline)").
    pub inline: bool,
}

/// A node that matched, with its callers and callees in pprof's order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PeekEntry {
    /// Node id in the report's node table.
    pub node: u32,
    /// Printable name (pprof prints it without an inline mark).
    pub name: String,
    /// Flat value.
    pub flat: i64,
    /// Cumulative value (the base of the edges' percentages).
    pub cum: i64,
    /// Running sum of flat over the matched entries so far (pprof's sum%).
    pub sum: i64,
    /// Incoming edges: heaviest first, then by caller name.
    pub callers: Vec<PeekEdge>,
    /// Outgoing edges: heaviest first, then by callee name.
    pub callees: Vec<PeekEdge>,
}

/// A computed peek report.
#[derive(Clone, Debug)]
pub struct PeekReport {
    /// The untrimmed top table it is based on: header labels, total, units, node order.
    pub top: TopReport,
    /// The matching nodes in the top table's order.
    pub entries: Vec<PeekEntry>,
}

impl PeekReport {
    /// Formats a value the way pprof prints it in this report.
    pub fn format_value(&self, v: i64) -> String {
        self.top.format_value(v)
    }
}

/// The options pprof uses for -peek: no trimming (driver's applyCommandOverrides).
pub fn peek_options(o: &ReportOptions) -> ReportOptions {
    ReportOptions {
        node_count: 0,
        node_fraction: 0.0,
        edge_fraction: 0.0,
        ..o.clone()
    }
}

/// Computes `go tool pprof -peek <re>` for `p`, which is `unfiltered` after `o`'s filters;
/// `table` is `p`'s node table at `o.granularity` (see [`NodeTable::build`]).
pub fn peek(
    unfiltered: &Profile,
    p: &Profile,
    o: &ReportOptions,
    table: &NodeTable,
    re: &Pattern,
) -> Result<PeekReport, NoMatches> {
    let o = peek_options(o);
    let top = top_filtered(unfiltered, p, &o, table);
    // Untrimmed, the top report's graph is the full graph: rebuild it for its edges.
    let g = graph::build(p, table, &ByIndex(o.sample_index), None, true);
    let names: Vec<String> = table.infos.iter().map(|i| i.printable_name()).collect();
    let mut entries = Vec::new();
    let mut sum = 0;
    for row in &top.rows {
        if !re.is_match(&row.name) {
            continue;
        }
        sum += row.flat;
        entries.push(PeekEntry {
            node: row.node,
            name: row.name.clone(),
            flat: row.flat,
            cum: row.cum,
            sum,
            callers: edges(&g, &names, row.node, true),
            callees: edges(&g, &names, row.node, false),
        });
    }
    if entries.is_empty() {
        return Err(NoMatches(re.as_str().to_string()));
    }
    Ok(PeekReport { top, entries })
}

/// The edges into (`incoming`) or out of `node`, sorted like pprof's EdgeMap.Sort.
fn edges(g: &Graph, names: &[String], node: u32, incoming: bool) -> Vec<PeekEdge> {
    let mut out: Vec<(&str, &str, PeekEdge)> = g
        .edges
        .iter()
        .filter(|&(&(from, to), _)| if incoming { to == node } else { from == node })
        .map(|(&(from, to), e)| {
            let other = if incoming { from } else { to };
            let edge = PeekEdge {
                node: other,
                name: names[other as usize].clone(),
                weight: e.weight,
                inline: e.inline,
            };
            (
                names[from as usize].as_str(),
                names[to as usize].as_str(),
                edge,
            )
        })
        .collect();
    out.sort_by(|(lf, lt, l), (rf, rt, r)| {
        r.weight
            .abs()
            .cmp(&l.weight.abs())
            .then_with(|| lf.cmp(rf))
            .then_with(|| lt.cmp(rt))
    });
    out.into_iter().map(|(_, _, e)| e).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::{Limits, load};

    fn profile(name: &str) -> Profile {
        let path = format!("{}/testdata/profiles/{name}", env!("CARGO_MANIFEST_DIR"));
        load(&[path], &Limits::default()).expect("load profile")
    }

    #[test]
    fn recursion_has_no_self_edge_and_inline_callee_is_marked() {
        let p = profile("kinds-heap.prof");
        let idx = p.sample_index_by_name("alloc_space").expect("type");
        let o = ReportOptions::untrimmed(idx);
        let table = NodeTable::build(&p, o.granularity, "", "", false);
        let re = Pattern::new("^main\\.grow$").expect("regex");
        let r = peek(&p, &p, &o, &table, &re).expect("matches");
        assert_eq!(r.entries.len(), 1);
        let e = &r.entries[0];
        assert!(e.callers.iter().all(|c| c.name != "main.grow"));
        assert!(
            e.callees
                .iter()
                .any(|c| c.name == "main.newNode" && c.inline)
        );
        let none = Pattern::new("nomatch_xyz").expect("regex");
        let err = peek(&p, &p, &o, &table, &none).expect_err("no match");
        assert_eq!(err.to_string(), "no matches found for regexp: nomatch_xyz");
    }
}
