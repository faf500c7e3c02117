//! The top report (pprof's TextItems): nodes ordered by flat or cum, trimmed by node
//! fraction and count exactly as pprof trims them, with the header lines pprof prints.

use super::filter;
use super::graph::{self, ByIndex, Graph};
use super::header::{ReportValues, profile_labels};
use super::nodes::{NodeInfo, NodeTable};
use super::options::{ReportOptions, SortOrder};
use super::stop::Stop;
use super::units;
use crate::profile::Profile;

/// One row of the top table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TopRow {
    /// Node id in the report's node table.
    pub node: u32,
    /// The name as pprof prints it at this granularity.
    pub name: String,
    /// "(inline)", "(partial-inline)" or "".
    pub inline: &'static str,
    /// Flat value in the sample type's unit.
    pub flat: i64,
    /// Cumulative value in the sample type's unit.
    pub cum: i64,
    /// Sum of flat over this row and the rows above it.
    pub sum: i64,
}

/// A computed top table with everything needed to print it like pprof.
#[derive(Clone, Debug)]
pub struct TopReport {
    /// The rows, in pprof's order.
    pub rows: Vec<TopRow>,
    /// Total of the sample type over the whole profile (the percentage base).
    pub total: i64,
    /// Header lines: File, Type, Time, Duration, "Showing nodes…", "Dropped…".
    pub labels: Vec<String>,
    /// The sample type's name.
    pub sample_type: String,
    /// The sample type's unit as recorded.
    pub sample_unit: String,
    /// The unit values are printed in (after pprof's "minimum" selection).
    pub output_unit: String,
    /// Node identities, indexed by `TopRow::node`.
    pub nodes: Vec<NodeInfo>,
}

impl TopReport {
    /// Formats a value the way pprof prints it in this report.
    pub fn format_value(&self, v: i64) -> String {
        units::scaled_label(v, &self.sample_unit, &self.output_unit)
    }
}

pub use super::totals::total;

/// Sorts node ids like pprof's FlatNameOrder / CumNameOrder.
pub fn sort_nodes(
    nodes: &mut [u32],
    g: &Graph,
    names: &[String],
    infos: &[NodeInfo],
    order: SortOrder,
) {
    nodes.sort_by(|&l, &r| {
        let (l, r) = (l as usize, r as usize);
        let primary = match order {
            SortOrder::Flat => g.flat[r].wrapping_abs().cmp(&g.flat[l].wrapping_abs()),
            SortOrder::Cum => g.cum[r].wrapping_abs().cmp(&g.cum[l].wrapping_abs()),
        };
        let secondary = match order {
            SortOrder::Flat => g.cum[r].wrapping_abs().cmp(&g.cum[l].wrapping_abs()),
            SortOrder::Cum => g.flat[r].wrapping_abs().cmp(&g.flat[l].wrapping_abs()),
        };
        primary
            .then_with(|| names[l].cmp(&names[r]))
            .then(secondary)
            .then_with(|| infos[l].go_sprint().cmp(&infos[r].go_sprint()))
    });
}

/// Computes the top report of `p` for `o`, as `go tool pprof -top` does.
pub fn top(p: &Profile, o: &ReportOptions) -> TopReport {
    let table = NodeTable::build(p, o.granularity, &o.trim_path, &o.source_path, false);
    top_with_table(p, o, &table)
}

/// Like [`top`] over a node table of `p` built beforehand (it depends only on the
/// granularity). Applies `o.filters`.
pub fn top_with_table(p: &Profile, o: &ReportOptions, table: &NodeTable) -> TopReport {
    if !o.filters.is_active() {
        return top_filtered(p, p, o, table);
    }
    let (filtered, _) = filter::filter_profile(p, &o.filters);
    let filtered_table = filter::restrict_table(table, p, &filtered);
    top_filtered(p, &filtered, o, &filtered_table)
}

/// The top report of `p`, which is `unfiltered` after `o.filters` ([`filter::apply`]);
/// `table` is the node table of `p` (or `unfiltered`'s restricted with
/// [`filter::restrict_table`]). Percentages are of `unfiltered`'s total, as pprof computes
/// the total before filtering, unless `o.filters.relative_percentages`.
pub fn top_filtered(
    unfiltered: &Profile,
    p: &Profile,
    o: &ReportOptions,
    table: &NodeTable,
) -> TopReport {
    top_filtered_until(unfiltered, p, o, table, Stop::NEVER)
}

/// [`top_filtered`], given up once `stop` is requested: the walk over the samples stops
/// and the report has no rows.
pub fn top_filtered_until(
    unfiltered: &Profile,
    p: &Profile,
    o: &ReportOptions,
    table: &NodeTable,
    stop: Stop<'_>,
) -> TopReport {
    let st = &p.sample_types[o.sample_index];
    let weights = ByIndex(o.sample_index);
    let total = filter::percentage_total(unfiltered, p, &o.filters, o.sample_index);
    let names: Vec<String> = table.infos.iter().map(NodeInfo::printable_name).collect();

    // pprof builds the graph again after each trimming step, but a kept node's flat and
    // cum do not depend on which other nodes are kept, and the text report reads edges
    // only for the inline marks of the nodes it prints: so one walk sums flat and cum,
    // the trimming steps only mask them, and one more walk, over the nodes kept in the
    // end, collects the edges into the nodes that can be inlined — when any is kept.
    let full = graph::build_until(p, table, &weights, None, graph::EdgeSet::None, stop);
    if stop.requested() {
        return TopReport {
            rows: Vec::new(),
            total,
            labels: Vec::new(),
            sample_type: st.ty.clone(),
            sample_unit: st.unit.clone(),
            output_unit: st.unit.clone(),
            nodes: Vec::new(),
        };
    }
    let mut nodes = full.present_nodes();
    let total_value = full.flat_sum(&nodes);
    let node_cutoff = ((total_value as f64 * o.node_fraction) as i64).wrapping_abs();
    let edge_cutoff = ((total_value as f64 * o.edge_fraction) as i64).wrapping_abs();
    let mut dropped = 0;
    let mut trimmed = false;
    if node_cutoff > 0 {
        let kept: Vec<u32> = nodes
            .iter()
            .copied()
            .filter(|&n| full.cum[n as usize].wrapping_abs() >= node_cutoff)
            .collect();
        if kept.len() != nodes.len() {
            dropped = nodes.len() - kept.len();
            nodes = kept;
            trimmed = true;
        }
    }
    let orig_count = nodes.len();
    sort_nodes(&mut nodes, &full, &names, &table.infos, o.sort);
    if o.node_count > 0 && o.node_count < nodes.len() {
        nodes.truncate(o.node_count);
        sort_nodes(&mut nodes, &full, &names, &table.infos, o.sort);
        trimmed = true;
    }
    let mut g = edges_into_kept(p, table, &weights, full, &nodes, trimmed);
    g.trim_edges(edge_cutoff);

    let output_unit = select_output_unit(&g, &nodes, total, &st.unit, &o.output_unit);
    let marks = g.inline_marks(table.infos.len());
    let mut sum = 0i64;
    let rows: Vec<TopRow> = nodes
        .iter()
        .map(|&n| {
            let i = n as usize;
            sum = sum.wrapping_add(g.flat[i]);
            TopRow {
                node: n,
                name: names[i].clone(),
                inline: marks[i],
                flat: g.flat[i],
                cum: g.cum[i],
                sum,
            }
        })
        .collect();
    let mut report = TopReport {
        rows,
        total,
        labels: Vec::new(),
        sample_type: st.ty.clone(),
        sample_unit: st.unit.clone(),
        output_unit,
        nodes: table.infos.clone(),
    };
    let format = |v: i64| report.format_value(v);
    let values = ReportValues {
        sample_type: &report.sample_type,
        sample_unit: &report.sample_unit,
        total: report.total,
        format: &format,
    };
    let mut labels = profile_labels(p, &values);
    labels.extend(o.filters.legend());
    let flat_sum = sum;
    labels.push(format!(
        "Showing nodes accounting for {}, {} of {} total",
        report.format_value(flat_sum),
        units::percentage(flat_sum, total).trim(),
        report.format_value(total)
    ));
    if total != 0 {
        if dropped > 0 {
            labels.push(format!(
                "Dropped {dropped} {} (cum <= {})",
                if dropped > 1 { "nodes" } else { "node" },
                report.format_value(((total as f64 * o.node_fraction) as i64).wrapping_abs())
            ));
        }
        let count = report.rows.len();
        if count > 0 && count < orig_count {
            labels.push(format!("Showing top {count} nodes out of {orig_count}"));
        }
    }
    report.labels = labels;
    report
}

/// `full` (the untrimmed graph, flat and cum only) restricted to `kept_nodes` when
/// `trimmed`, with the edges the inline marks need: into the kept nodes that can be
/// inlined, collected in one more walk only when there is any.
fn edges_into_kept(
    p: &Profile,
    table: &NodeTable,
    weights: &ByIndex,
    full: Graph,
    kept_nodes: &[u32],
    trimmed: bool,
) -> Graph {
    let mut kept = vec![!trimmed; table.infos.len()];
    for &n in kept_nodes {
        kept[n as usize] = true;
    }
    let mut targets = table.inline_targets();
    for (t, &k) in targets.iter_mut().zip(&kept) {
        *t &= k;
    }
    if !targets.iter().any(|&t| t) {
        let mut g = full;
        if trimmed {
            for (i, &k) in kept.iter().enumerate() {
                if !k {
                    g.flat[i] = 0;
                    g.cum[i] = 0;
                }
            }
        }
        return g;
    }
    graph::restrict(p, table, weights, &full, &kept, &targets)
}

/// pprof's selectOutputUnit: for "minimum", the unit of the smallest non-zero value, or of
/// 100× it when the values span more than a factor of 100 across units.
fn select_output_unit(
    g: &Graph,
    nodes: &[u32],
    total: i64,
    sample_unit: &str,
    requested: &str,
) -> String {
    if requested != "minimum" || nodes.is_empty() {
        return requested.to_string();
    }
    let mut min_value = 0i64;
    for &n in nodes {
        let mut m = g.flat[n as usize].wrapping_abs();
        if m == 0 {
            m = g.cum[n as usize].wrapping_abs();
        }
        if m > 0 && (min_value == 0 || m < min_value) {
            min_value = m;
        }
    }
    let max_value = total;
    if min_value == 0 {
        min_value = max_value;
    }
    let (_, min_unit) = units::scale(min_value, sample_unit, "minimum");
    let (_, max_unit) = units::scale(max_value, sample_unit, "minimum");
    let mut unit = min_unit.clone();
    if min_unit != max_unit && min_value.wrapping_mul(100) < max_value {
        unit = units::scale(min_value.wrapping_mul(100), sample_unit, "minimum").1;
    }
    if unit.is_empty() {
        sample_unit.to_string()
    } else {
        unit
    }
}
