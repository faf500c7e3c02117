//! The list report (pprof's -list, `printSource`): per function matching a regex and per
//! source file, flat and cum of each line, the window of lines pprof prints around them,
//! and the calls inlined at each line.

use std::collections::{HashMap, HashSet};

use super::filter::{Pattern, percentage_total};
use super::graph::{self, ByIndex};
use super::nodes::{NodeTable, trim_path};
use super::options::{Granularity, ReportOptions};
use super::peek::NoMatches;
use super::source_file::SourceFile;
use super::units;
use crate::profile::{Profile, gopath};

/// Lines shown before the first and after the last line with samples (pprof's margin).
const MARGIN: i64 = 5;

/// The samples of one source line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineValue {
    /// Line number.
    pub line: i64,
    /// Flat value of the line.
    pub flat: i64,
    /// Cumulative value of the line.
    pub cum: i64,
}

/// A call inlined at a line of the listed function.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InlinedCall {
    /// The line of the listed function the call is on.
    pub line: i64,
    /// The inlined function.
    pub callee: String,
    /// Its source file (as the report shows file names).
    pub file: String,
    /// The line inside the inlined function.
    pub callee_line: i64,
    /// Sum of the samples through the call (once per sample).
    pub weight: i64,
}

/// One function in one source file (pprof's "ROUTINE ====" block).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListBlock {
    /// Function name.
    pub name: String,
    /// Source file as the report shows it (after pprof's trimming); "" when the function
    /// has no source information.
    pub file: String,
    /// The file name the profile records (what to search for on this machine).
    pub recorded_file: String,
    /// Sum of flat over the lines.
    pub flat: i64,
    /// Sum of cum over the lines (larger than the function's cum under recursion).
    pub cum: i64,
    /// Lines with samples, ascending.
    pub lines: Vec<LineValue>,
    /// First line pprof shows (at least 1).
    pub first: i64,
    /// Last line pprof shows (if the file is that long).
    pub last: i64,
    /// Calls inlined at the lines, by line, heaviest first.
    pub inlined: Vec<InlinedCall>,
}

impl ListBlock {
    /// Flat and cum of line `n` (zero without samples).
    pub fn value_at(&self, n: i64) -> (i64, i64) {
        match self.lines.binary_search_by_key(&n, |l| l.line) {
            Ok(i) => (self.lines[i].flat, self.lines[i].cum),
            Err(_) => (0, 0),
        }
    }

    /// The lines pprof prints from `src`: `first..=last`, stopping at the end of the file.
    pub fn window<'a>(&self, src: &'a SourceFile) -> Vec<(i64, &'a str)> {
        (self.first..=self.last)
            .map_while(|n| src.pprof_line(n).map(|t| (n, t)))
            .collect()
    }
}

/// A computed list report.
#[derive(Clone, Debug)]
pub struct ListReport {
    /// Percentage base (the whole profile's total, unless relative percentages).
    pub total: i64,
    /// The sample type's name.
    pub sample_type: String,
    /// The sample type's unit as recorded.
    pub sample_unit: String,
    /// The unit values are printed in (as requested: -list does not pick one).
    pub output_unit: String,
    /// Blocks ordered by function name, then file.
    pub blocks: Vec<ListBlock>,
}

impl ListReport {
    /// Formats a value the way pprof prints it in this report.
    pub fn format_value(&self, v: i64) -> String {
        units::scaled_label(v, &self.sample_unit, &self.output_unit)
    }

    /// pprof's valueOrDot: "." for zero.
    pub fn value_or_dot(&self, v: i64) -> String {
        if v == 0 {
            ".".into()
        } else {
            self.format_value(v)
        }
    }
}

/// The options pprof uses for -list: line granularity, no trimming.
pub fn list_options(o: &ReportOptions) -> ReportOptions {
    ReportOptions {
        granularity: Granularity::Lines,
        node_count: 0,
        node_fraction: 0.0,
        edge_fraction: 0.0,
        ..o.clone()
    }
}

/// Computes `go tool pprof -list <re>` for `p`, which is `unfiltered` after `o`'s filters.
/// Functions match by name only.
pub fn list(
    unfiltered: &Profile,
    p: &Profile,
    o: &ReportOptions,
    re: &Pattern,
) -> Result<ListReport, NoMatches> {
    let o = list_options(o);
    let table = NodeTable::build(p, o.granularity, &o.trim_path, &o.source_path, true);
    let g = graph::build(
        p,
        &table,
        &ByIndex(o.sample_index),
        None,
        graph::EdgeSet::None,
    );
    let infos = &table.infos;

    // Matching nodes grouped by function name, then by file in first-seen order.
    let mut functions: HashMap<&str, Vec<u32>> = HashMap::new();
    for n in g.present_nodes() {
        let name = infos[n as usize].name.as_str();
        if re.is_match(name) {
            functions.entry(name).or_default().push(n);
        }
    }
    if functions.is_empty() {
        return Err(NoMatches(re.as_str().to_string()));
    }
    let mut names: Vec<&str> = functions.keys().copied().collect();
    names.sort_unstable();

    let inlined = inlined_calls(p, &table, o.sample_index);
    let mut blocks = Vec::new();
    for name in names {
        let nodes = &functions[name];
        let mut files: Vec<&str> = Vec::new();
        for &n in nodes {
            let f = infos[n as usize].file.as_str();
            if !f.is_empty() && !files.contains(&f) {
                files.push(f);
            }
        }
        if files.is_empty() {
            blocks.push(ListBlock {
                name: name.to_string(),
                file: String::new(),
                recorded_file: String::new(),
                flat: 0,
                cum: 0,
                lines: Vec::new(),
                first: 0,
                last: 0,
                inlined: Vec::new(),
            });
            continue;
        }
        files.sort_unstable();
        for file in files {
            let fns: Vec<u32> = nodes
                .iter()
                .copied()
                .filter(|&n| infos[n as usize].file == file)
                .collect();
            let mut by_line: HashMap<i64, LineValue> = HashMap::new();
            for &n in &fns {
                let line = infos[n as usize].lineno;
                let v = by_line.entry(line).or_insert(LineValue {
                    line,
                    flat: 0,
                    cum: 0,
                });
                v.flat = v.flat.wrapping_add(g.flat[n as usize]);
                v.cum = v.cum.wrapping_add(g.cum[n as usize]);
            }
            let mut lines: Vec<LineValue> = by_line.into_values().collect();
            lines.sort_unstable_by_key(|l| l.line);
            let (first, last) = window(&table, &fns);
            let mut calls: Vec<InlinedCall> = inlined
                .iter()
                .filter(|&(&(caller, _), _)| {
                    let c = &infos[caller as usize];
                    c.name == name && c.file == file
                })
                .map(|(&(caller, callee), &weight)| InlinedCall {
                    line: infos[caller as usize].lineno,
                    callee: infos[callee as usize].name.clone(),
                    file: infos[callee as usize].file.clone(),
                    callee_line: infos[callee as usize].lineno,
                    weight,
                })
                .collect();
            calls.sort_by(|a, b| {
                a.line
                    .cmp(&b.line)
                    .then(b.weight.cmp(&a.weight))
                    .then_with(|| (&a.callee, a.callee_line).cmp(&(&b.callee, b.callee_line)))
            });
            blocks.push(ListBlock {
                name: name.to_string(),
                file: file.to_string(),
                recorded_file: recorded_file(p, name, file, &o),
                flat: lines.iter().fold(0, |s, l| s.wrapping_add(l.flat)),
                cum: lines.iter().fold(0, |s, l| s.wrapping_add(l.cum)),
                lines,
                first,
                last,
                inlined: calls,
            });
        }
    }
    let st = &p.sample_types[o.sample_index];
    Ok(ListReport {
        total: percentage_total(unfiltered, p, &o.filters, o.sample_index),
        sample_type: st.ty.clone(),
        sample_unit: st.unit.clone(),
        output_unit: o.output_unit.clone(),
        blocks,
    })
}

/// pprof's getSourceFromFile window: from the function's start line (or 5 lines before the
/// first node's line) to 5 lines after; each node lowers the start *or else* raises the
/// end, exactly as pprof's loop does. `fns` is non-empty.
fn window(table: &NodeTable, fns: &[u32]) -> (i64, i64) {
    let info = |n: u32| &table.infos[n as usize];
    let Some(&first) = fns.first() else {
        return (1, 0);
    };
    let f = info(first);
    let mut start = if f.start_line != 0 {
        f.start_line
    } else {
        f.lineno.saturating_sub(MARGIN)
    };
    let mut end = f.lineno.saturating_add(MARGIN);
    for &n in fns {
        let i = info(n);
        let node_start = if i.start_line != 0 {
            i.start_line
        } else {
            i.lineno.saturating_sub(MARGIN)
        };
        let node_end = i.lineno.saturating_add(MARGIN);
        if node_start < start {
            start = node_start;
        } else if node_end > end {
            end = node_end;
        }
    }
    (start.max(1), end)
}

/// The recorded file name of function `name` whose trimmed, cleaned name is `file`.
fn recorded_file(p: &Profile, name: &str, file: &str, o: &ReportOptions) -> String {
    p.functions
        .iter()
        .find(|f| {
            f.name == name
                && !f.filename.is_empty()
                && gopath::clean(&trim_path(&f.filename, &o.trim_path, &o.source_path)) == file
        })
        .map_or_else(|| file.to_string(), |f| f.filename.clone())
}

/// Weights of inlined calls: (caller line node, inlined callee node) → sum of the samples
/// through it, once per sample.
fn inlined_calls(p: &Profile, table: &NodeTable, index: usize) -> HashMap<(u32, u32), i64> {
    let mut acc: HashMap<(u32, u32), i64> = HashMap::new();
    let mut seen: HashSet<(u32, u32)> = HashSet::new();
    for s in 0..p.samples.len() {
        let w = p.samples.values(s)[index];
        if w == 0 {
            continue;
        }
        seen.clear();
        for &loc in p.samples.locations(s) {
            let nodes = table.nodes_of(loc);
            for pair in nodes.windows(2) {
                let key = (pair[1], pair[0]);
                if seen.insert(key) {
                    let v = acc.entry(key).or_insert(0);
                    *v = v.wrapping_add(w);
                }
            }
        }
    }
    acc
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(name: &str) -> Profile {
        crate::profile::testdata_profile(name)
    }

    #[test]
    fn grow_window_lines_and_inlined_new_node() {
        let p = profile("kinds-heap.prof");
        let o = ReportOptions::untrimmed(p.sample_index_by_name("alloc_space").expect("type"));
        let re = Pattern::new("^main\\.grow$").expect("regex");
        let r = list(&p, &p, &o, &re).expect("matches");
        assert_eq!(r.blocks.len(), 1);
        let b = &r.blocks[0];
        assert_eq!((b.first, b.last), (87, 102));
        assert_eq!(b.value_at(92), (0, 512_992));
        assert_eq!(b.cum, 1_375_936);
        assert!(
            b.inlined
                .iter()
                .any(|c| c.line == 92 && c.callee == "main.newNode")
        );
        let src = SourceFile::from_bytes("x".into(), b"a\nb\n");
        assert!(b.window(&src).is_empty());
    }
}
