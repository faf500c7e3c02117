//! The samples of one function as the explorer lists them: pprof's -traces report of the
//! samples whose stack passes through it — computed as `--traces` computes its report
//! (the profile merged as pprof merges it, then refined), so each entry is one of
//! `--traces`' — with the line each sample starts at, so a screen of the listing is drawn
//! without walking the samples before it.

use super::filter::{self, Filters};
use super::nodes::NodeInfo;
use super::options::{Granularity, ReportOptions};
use super::traces::{TracesReport, samples_through, traces_of, traces_table};
use crate::profile::{Profile, compact::compact};

/// The samples through one function, ready to list.
#[derive(Clone, Debug)]
pub struct TracesListing {
    /// pprof's -traces report of those samples (frames at the chosen granularity).
    pub report: TracesReport,
    /// The first line of each trace: its separator, then its labels, then its frames.
    starts: Vec<usize>,
    /// Lines in all.
    lines: usize,
    /// The sum of the samples' values.
    pub total: i64,
    /// Samples through the function with no value in the sample type (an allocation
    /// since freed, in an in-use type): pprof's -traces prints them, the listing leaves
    /// them out and counts them.
    pub without_value: usize,
}

/// What a line of the listing is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListingLine {
    /// The separator before trace `t`.
    Separator(usize),
    /// Label line `l` of trace `t`.
    Label(usize, usize),
    /// Frame `f` (0 = the leaf, which carries the value) of trace `t`.
    Frame(usize, usize),
}

impl TracesListing {
    /// Lays out `report`, leaving out its samples with no value.
    pub fn new(mut report: TracesReport) -> Self {
        let before = report.traces.len();
        report.traces.retain(|t| t.value != 0);
        let without_value = before - report.traces.len();
        let mut starts = Vec::with_capacity(report.traces.len());
        let mut lines = 0;
        let mut total = 0i64;
        for t in &report.traces {
            starts.push(lines);
            lines += 1 + t.labels.len() + t.frames.len();
            total = total.wrapping_add(t.value);
        }
        Self {
            report,
            starts,
            lines,
            total,
            without_value,
        }
    }

    /// Number of lines.
    pub fn lines(&self) -> usize {
        self.lines
    }

    /// Line `i`, if there is one.
    pub fn line(&self, i: usize) -> Option<ListingLine> {
        if i >= self.lines {
            return None;
        }
        let t = self.starts.partition_point(|&s| s <= i) - 1;
        let trace = &self.report.traces[t];
        let k = i - self.starts[t];
        Some(if k == 0 {
            ListingLine::Separator(t)
        } else if k <= trace.labels.len() {
            ListingLine::Label(t, k - 1)
        } else {
            ListingLine::Frame(t, k - 1 - trace.labels.len())
        })
    }
}

/// The samples of `unfiltered` through the function `func` (its identity in a functions
/// table) after `filters`, listed at granularity `g` for sample type `sample_index`:
/// the traces `--traces` prints for that profile and refinements, those through it.
pub fn traces_through(
    unfiltered: &Profile,
    filters: &Filters,
    sample_index: usize,
    g: Granularity,
    func: &NodeInfo,
) -> TracesListing {
    let merged = compact(unfiltered);
    let merged = merged.as_ref();
    let filtered_owned;
    let filtered = if filters.is_active() {
        filtered_owned = filter::filter_profile(merged, filters).0;
        &filtered_owned
    } else {
        merged
    };
    let opts = ReportOptions {
        granularity: Granularity::Functions,
        filters: filters.clone(),
        ..ReportOptions::untrimmed(sample_index)
    };
    let functions = traces_table(filtered, &opts);
    let samples = functions
        .infos
        .iter()
        .position(|i| i == func)
        .map_or_else(Vec::new, |n| {
            samples_through(filtered, &functions, n as u32)
        });
    let opts = ReportOptions {
        granularity: g,
        ..opts
    };
    let table = if g == Granularity::Functions {
        functions
    } else {
        traces_table(filtered, &opts)
    };
    let report = traces_of(merged, filtered, &opts, &table, samples);
    TracesListing::new(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_found_by_trace() {
        let stacks = [
            (vec![2, 1, 0], vec![1, 5]),
            (vec![1, 0], vec![1, 7]),
            (vec![2, 0], vec![1, 1]),
            (vec![1, 2, 0], vec![3, 0]),
        ];
        let names = ["main", "a", "b"].map(String::from).to_vec();
        let p = Profile::synthetic(&names, &stacks, &[("n", "count"), ("v", "bytes")]);
        let a = NodeInfo {
            name: "a".into(),
            ..NodeInfo::default()
        };
        let l = traces_through(&p, &Filters::default(), 1, Granularity::Functions, &a);
        assert_eq!(l.report.traces.len(), 2);
        assert_eq!(l.total, 12);
        assert_eq!(
            l.without_value, 1,
            "the sample of value 0 is counted, not listed"
        );
        assert_eq!(l.lines(), 4 + 3);
        assert_eq!(l.line(0), Some(ListingLine::Separator(0)));
        assert_eq!(l.line(3), Some(ListingLine::Frame(0, 2)));
        assert_eq!(l.line(4), Some(ListingLine::Separator(1)));
        assert_eq!(l.line(6), Some(ListingLine::Frame(1, 1)));
        assert_eq!(l.line(7), None);
        let none = NodeInfo {
            name: "nowhere".into(),
            ..NodeInfo::default()
        };
        let l = traces_through(&p, &Filters::default(), 1, Granularity::Lines, &none);
        assert_eq!(l.lines(), 0);
        assert_eq!(l.line(0), None);
    }
}
