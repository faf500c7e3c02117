//! pprof's -traces report (`report.printTraces`): every sample of the refined profile, in
//! the profile's order, with its labels (string labels, then numeric ones in their
//! automatic unit, each group sorted as printed), its value in the report's unit, and its
//! stack, leaf first, one frame per line of each location at the report's granularity
//! (an inlined frame marked), names as recorded (no path trimming: pprof's -traces makes
//! no graph). Also the query behind "the samples of the selected node".

use std::collections::HashMap;

use super::filter;
use super::filter::NumLabelUnits;
use super::header::{ReportValues, profile_labels};
use super::nodes::{NodeParams, NodeTable};
use super::options::ReportOptions;
use super::units;
use crate::profile::Profile;

/// One label line of a trace: the key and its values, joined by a space.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TraceLabel {
    /// The label's key.
    pub key: String,
    /// Its values (numeric ones in their automatic unit), joined by a space.
    pub values: String,
}

/// One frame of a trace.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TraceFrame {
    /// The node id in the report's node table (its name: [`TracesReport::name`]).
    pub node: u32,
    /// Inlined into the next frame (pprof prints " (inline)").
    pub inline: bool,
}

/// One sample.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Trace {
    /// The sample's index in the profile the report was computed on.
    pub sample: usize,
    /// Its value for the report's sample type.
    pub value: i64,
    /// Label lines in pprof's order: string labels, then numeric labels.
    pub labels: Vec<TraceLabel>,
    /// The stack, leaf first.
    pub frames: Vec<TraceFrame>,
}

/// A computed traces report.
#[derive(Clone, Debug)]
pub struct TracesReport {
    /// Header lines (File, Type, Time, Duration …).
    pub header: Vec<String>,
    /// Every sample with a stack, in the profile's order.
    pub traces: Vec<Trace>,
    /// The printable name of each node of the report's table.
    pub names: Vec<String>,
    /// The sample type's unit as recorded.
    pub sample_unit: String,
    /// The unit values are printed in ("minimum" picks one per value, as pprof does when
    /// no graph chose one).
    pub output_unit: String,
}

impl TracesReport {
    /// Formats a value the way pprof prints it in this report.
    pub fn format_value(&self, v: i64) -> String {
        units::scaled_label(v, &self.sample_unit, &self.output_unit)
    }

    /// The printable name of a frame.
    pub fn name(&self, f: &TraceFrame) -> &str {
        self.names.get(f.node as usize).map_or("", String::as_str)
    }

    /// The traces whose stack passes through `node` (a node id of the report's table).
    pub fn through(&self, node: u32) -> impl Iterator<Item = &Trace> {
        self.traces
            .iter()
            .filter(move |t| t.frames.iter().any(|f| f.node == node))
    }
}

/// The node table -traces names frames with: `p`'s at `o`'s granularity, file names as
/// recorded.
pub fn traces_table(p: &Profile, o: &ReportOptions) -> NodeTable {
    NodeTable::build_with(
        p,
        NodeParams {
            granularity: o.granularity,
            raw_paths: true,
            ..NodeParams::default()
        },
    )
}

/// Computes `go tool pprof -traces` for `p`, which is `unfiltered` after `o`'s filters;
/// `table` is [`traces_table`] of `p`. Like pprof, `unfiltered` should be the profile as
/// pprof's merge leaves it ([`crate::profile::compact::compact`]).
pub fn traces(
    unfiltered: &Profile,
    p: &Profile,
    o: &ReportOptions,
    table: &NodeTable,
) -> TracesReport {
    traces_of(unfiltered, p, o, table, 0..p.samples.len())
}

/// Like [`traces`] for the samples `samples` of `p` only (e.g. [`samples_through`]).
pub fn traces_of(
    unfiltered: &Profile,
    p: &Profile,
    o: &ReportOptions,
    table: &NodeTable,
    samples: impl IntoIterator<Item = usize>,
) -> TracesReport {
    let st = &p.sample_types[o.sample_index];
    let total = filter::percentage_total(unfiltered, p, &o.filters, o.sample_index);
    let format = |v: i64| units::scaled_label(v, &st.unit, &o.output_unit);
    let header = profile_labels(
        p,
        &ReportValues {
            sample_type: &st.ty,
            sample_unit: &st.unit,
            total,
            format: &format,
        },
    );
    let names: Vec<String> = table.infos.iter().map(|i| i.printable_name()).collect();
    let units = NumLabelUnits::of(unfiltered);
    let traces = samples
        .into_iter()
        .filter_map(|s| trace_of_sample(p, table, o.sample_index, &units, s))
        .collect();
    TracesReport {
        header,
        traces,
        names,
        sample_unit: st.unit.clone(),
        output_unit: o.output_unit.clone(),
    }
}

/// Sample `s` of `p` as a trace for sample type `sample_index`, frames from `table`;
/// `None` when there is no such sample or it has no frame (pprof leaves it out).
pub fn trace_of_sample(
    p: &Profile,
    table: &NodeTable,
    sample_index: usize,
    units: &NumLabelUnits,
    s: usize,
) -> Option<Trace> {
    if s >= p.samples.len() {
        return None;
    }
    let mut frames = Vec::new();
    for &loc in p.samples.locations(s) {
        let nodes = table.nodes_of(loc);
        for (i, &n) in nodes.iter().enumerate() {
            frames.push(TraceFrame {
                node: n,
                inline: i != nodes.len() - 1,
            });
        }
    }
    if frames.is_empty() {
        return None;
    }
    Some(Trace {
        sample: s,
        value: p.samples.values(s).get(sample_index).copied().unwrap_or(0),
        labels: labels(p, s, units),
        frames,
    })
}

/// How many label lines sample `s` has in its trace (what [`labels`] returns, counted
/// without making them): one per distinct key of its string labels, then of its numeric
/// ones.
pub fn label_lines(p: &Profile, s: usize) -> usize {
    let mut strs: Vec<&str> = Vec::new();
    let mut nums: Vec<&str> = Vec::new();
    for l in p.samples.labels(s) {
        let key = p.str(l.key);
        let group = if l.str != 0 {
            &mut strs
        } else if l.num != 0 || l.unit != 0 {
            &mut nums
        } else {
            continue;
        };
        if !group.contains(&key) {
            group.push(key);
        }
    }
    strs.len() + nums.len()
}

/// The label lines of sample `s`: string labels (values in order, joined by a space),
/// then numeric ones (each value in its key's unit, scaled automatically); each group
/// sorted by the line pprof prints (`%10s:  values`).
fn labels(p: &Profile, s: usize, units: &NumLabelUnits) -> Vec<TraceLabel> {
    let mut strs: Vec<(&str, Vec<&str>)> = Vec::new();
    let mut nums: Vec<(&str, Vec<String>)> = Vec::new();
    for l in p.samples.labels(s) {
        let key = p.str(l.key);
        if l.str != 0 {
            let v = p.str(l.str);
            match strs.iter_mut().find(|(k, _)| *k == key) {
                Some((_, vs)) => vs.push(v),
                None => strs.push((key, vec![v])),
            }
        } else if l.num != 0 || l.unit != 0 {
            let v = units::label(l.num, units.unit(key));
            match nums.iter_mut().find(|(k, _)| *k == key) {
                Some((_, vs)) => vs.push(v),
                None => nums.push((key, vec![v])),
            }
        }
    }
    let sorted = |group: Vec<(&str, String)>| {
        let mut lines: Vec<(String, TraceLabel)> = group
            .into_iter()
            .map(|(key, values)| {
                (
                    format!("{key:>10}:  {values}"),
                    TraceLabel {
                        key: key.to_string(),
                        values,
                    },
                )
            })
            .collect();
        lines.sort_by(|a, b| a.0.cmp(&b.0));
        lines.into_iter().map(|(_, l)| l)
    };
    let mut out: Vec<TraceLabel> =
        sorted(strs.into_iter().map(|(k, v)| (k, v.join(" "))).collect()).collect();
    out.extend(sorted(
        nums.into_iter().map(|(k, v)| (k, v.join(" "))).collect(),
    ));
    out
}

/// The samples of `p` whose stack passes through `node` of `table` (`p`'s node table at
/// some granularity): the query behind listing the samples of a selected node.
pub fn samples_through(p: &Profile, table: &NodeTable, node: u32) -> Vec<usize> {
    // Whether each location has a line at `node`, decided once per location.
    let mut at: HashMap<u32, bool> = HashMap::new();
    (0..p.samples.len())
        .filter(|&s| {
            p.samples.locations(s).iter().any(|&loc| {
                *at.entry(loc)
                    .or_insert_with(|| table.nodes_of(loc).contains(&node))
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Granularity;
    use crate::profile::Label;

    fn names() -> Vec<String> {
        ["main", "a", "b"].map(String::from).to_vec()
    }

    #[test]
    fn frames_run_leaf_first_and_samples_keep_their_order() {
        let stacks = [(vec![2, 1, 0], vec![5]), (vec![1, 0], vec![7])];
        let p = Profile::synthetic(&names(), &stacks, &[("v", "bytes")]);
        let o = ReportOptions::untrimmed(0);
        let table = traces_table(&p, &o);
        let r = traces(&p, &p, &o, &table);
        let names: Vec<Vec<&str>> = r
            .traces
            .iter()
            .map(|t| t.frames.iter().map(|f| r.name(f)).collect())
            .collect();
        assert_eq!(names, [vec!["b", "a", "main"], vec!["a", "main"]]);
        assert_eq!(r.format_value(r.traces[0].value), "5B");
        let a = table.infos.iter().position(|i| i.name == "b").expect("b") as u32;
        assert_eq!(samples_through(&p, &table, a), [0]);
        assert_eq!(r.through(a).count(), 1);
    }

    #[test]
    fn the_samples_through_a_node_are_the_traces_that_show_it() {
        let p = crate::profile::testdata_profile("kinds-heap.prof");
        for g in [Granularity::Functions, Granularity::Lines] {
            let o = ReportOptions {
                granularity: g,
                ..ReportOptions::untrimmed(1)
            };
            let table = traces_table(&p, &o);
            let r = traces(&p, &p, &o, &table);
            for node in 0..table.infos.len() as u32 {
                let want: Vec<usize> = r.through(node).map(|t| t.sample).collect();
                assert_eq!(samples_through(&p, &table, node), want, "{g:?} {node}");
            }
            let grow = table.infos.iter().position(|i| i.name == "main.grow");
            let grow = grow.expect("main.grow") as u32;
            assert!(r.through(grow).count() > 1);
        }
    }

    #[test]
    fn labels_are_sorted_as_printed_strings_before_numbers() {
        let mut p = Profile::synthetic(&names(), &[], &[("v", "count")]);
        p.strings = ["", "thread", "id", "x", "y", "bytes", "a"]
            .map(String::from)
            .to_vec()
            .into();
        let s = |key, str| Label {
            key,
            str,
            num: 0,
            unit: 0,
        };
        let n = |key, num| Label {
            key,
            str: 0,
            num,
            unit: 0,
        };
        p.samples.push(
            &[0],
            &[1],
            &[s(1, 3), s(6, 4), s(1, 4), n(5, 2048), n(2, 7)],
        );
        let o = ReportOptions {
            granularity: Granularity::Functions,
            ..ReportOptions::untrimmed(0)
        };
        let r = traces(&p, &p, &o, &traces_table(&p, &o));
        let lines: Vec<String> = r.traces[0]
            .labels
            .iter()
            .map(|l| format!("{}={}", l.key, l.values))
            .collect();
        // "         a" sorts before "    thread"; "        id" before "     bytes".
        assert_eq!(lines, ["a=y", "thread=x y", "id=7", "bytes=2kB"]);
    }
}
