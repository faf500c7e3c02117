//! The peek report (pprof's -peek, `printTree`): for every node whose name matches a
//! regex, its callers and callees with the weights of the call edges, computed untrimmed.

use std::collections::HashMap;
use std::fmt;

use super::filter::Pattern;
use super::graph::{self, ByIndex, Edge};
use super::nodes::NodeTable;
use super::options::ReportOptions;
use super::top::{TopReport, TopRow, top_filtered};
use crate::profile::Profile;

/// An edge with its caller and callee node ids.
type EdgeRef = (u32, u32, Edge);

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
    let g = graph::build(
        p,
        table,
        &ByIndex(o.sample_index),
        None,
        graph::EdgeSet::All,
    );
    let names: Vec<String> = table.infos.iter().map(|i| i.printable_name()).collect();
    let matched: Vec<&TopRow> = top.rows.iter().filter(|r| re.is_match(&r.name)).collect();
    if matched.is_empty() {
        return Err(NoMatches(re.as_str().to_string()));
    }
    // Incoming and outgoing edges of the matched nodes, in one pass over the edges.
    let mut adjacent: HashMap<u32, [Vec<EdgeRef>; 2]> = matched
        .iter()
        .map(|r| (r.node, Default::default()))
        .collect();
    for (&(from, to), &e) in &g.edges {
        if let Some(a) = adjacent.get_mut(&to) {
            a[0].push((from, to, e));
        }
        if let Some(a) = adjacent.get_mut(&from) {
            a[1].push((from, to, e));
        }
    }
    let mut sum = 0i64;
    let entries = matched
        .into_iter()
        .map(|row| {
            sum = sum.wrapping_add(row.flat);
            let [callers, callees] = adjacent.remove(&row.node).unwrap_or_default();
            PeekEntry {
                node: row.node,
                name: row.name.clone(),
                flat: row.flat,
                cum: row.cum,
                sum,
                callers: sorted_edges(&names, callers, true),
                callees: sorted_edges(&names, callees, false),
            }
        })
        .collect();
    Ok(PeekReport { top, entries })
}

/// `edges` sorted like pprof's EdgeMap.Sort (heaviest first, then by caller and callee
/// name), each described by its caller (`incoming`) or callee.
fn sorted_edges(names: &[String], mut edges: Vec<EdgeRef>, incoming: bool) -> Vec<PeekEdge> {
    let name = |n: u32| names[n as usize].as_str();
    edges.sort_by(|&(lf, lt, l), &(rf, rt, r)| {
        r.weight
            .unsigned_abs()
            .cmp(&l.weight.unsigned_abs())
            .then_with(|| name(lf).cmp(name(rf)))
            .then_with(|| name(lt).cmp(name(rt)))
    });
    edges
        .into_iter()
        .map(|(from, to, e)| {
            let other = if incoming { from } else { to };
            PeekEdge {
                node: other,
                name: name(other).to_string(),
                weight: e.weight,
                inline: e.inline,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(name: &str) -> Profile {
        crate::profile::testdata_profile(name)
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
