//! The samples of one function as the explorer lists them: pprof's -traces report of the
//! samples whose stack passes through it — computed as `--traces` computes its report
//! (the profile merged as pprof merges it, then refined), so each entry is one of
//! `--traces`' — kept as the samples' indices with the line each starts at: a screen of
//! the listing makes only its own traces, so a function in a million samples costs a few
//! bytes per sample, not its traces.

use std::collections::HashMap;
use std::sync::Arc;

use super::filter::{self, Filters, NumLabelUnits};
use super::nodes::{NodeInfo, NodeTable};
use super::options::{Granularity, ReportOptions};
use super::stop::Stop;
use super::traces::{
    Trace, TraceFrame, label_lines, samples_through, trace_of_sample, traces_table,
};
use crate::profile::Profile;
use crate::profile::compact::{Groups, compact, groups};

/// The samples through one function, ready to list.
#[derive(Clone, Debug)]
pub struct TracesListing {
    /// The profile the traces are read from (merged as pprof merges, then refined):
    /// the explorer's own profile whenever merging changes nothing.
    profile: Arc<Profile>,
    /// Frames at the chosen granularity, named as -traces names them.
    table: NodeTable,
    names: Vec<String>,
    units: NumLabelUnits,
    sample_index: usize,
    /// The samples listed (through the function, with a value), in the profile's order:
    /// each the first of the samples pprof's merge makes one.
    samples: Vec<u32>,
    /// The summed value of the listed samples that stand for several (by sample).
    merged: HashMap<u32, i64>,
    /// The first line of each trace: its separator, then its labels, then its frames.
    starts: Vec<u64>,
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
    /// Lays out the samples `through` of `profile` (frames from `table`), leaving out
    /// those with no value in `sample_index` or no frame.
    fn new(
        profile: Arc<Profile>,
        table: NodeTable,
        units: NumLabelUnits,
        sample_index: usize,
        through: Vec<usize>,
        groups: Option<Groups>,
    ) -> Self {
        let p = &profile;
        // A sample's group, when it is the first of one (the others are merged into it).
        let leader: HashMap<u32, u32> = groups.as_ref().map_or_else(HashMap::new, |g| {
            g.first
                .iter()
                .enumerate()
                .filter(|(k, _)| g.is_merged(*k))
                .map(|(k, &s)| (s, k as u32))
                .collect()
        });
        let mut in_group = vec![false; if groups.is_some() { p.samples.len() } else { 0 }];
        if let Some(g) = &groups {
            for &s in &g.first {
                in_group[s as usize] = true;
            }
        }
        let mut merged = HashMap::new();
        let mut samples = Vec::with_capacity(through.len());
        let mut starts = Vec::with_capacity(through.len());
        let (mut lines, mut total, mut without_value) = (0u64, 0i64, 0usize);
        for s in through {
            let frames: usize = p
                .samples
                .locations(s)
                .iter()
                .map(|&l| table.nodes_of(l).len())
                .sum();
            if frames == 0 || (groups.is_some() && !in_group[s]) {
                continue;
            }
            let values = match (&groups, leader.get(&(s as u32))) {
                (Some(g), Some(&k)) => g.values(&p.samples, k as usize),
                _ => p.samples.values(s),
            };
            if values.iter().all(|&v| v == 0) {
                // pprof's merge drops a group whose values sum to zero.
                continue;
            }
            let value = values.get(sample_index).copied().unwrap_or(0);
            if leader.contains_key(&(s as u32)) {
                merged.insert(s as u32, value);
            }
            if value == 0 {
                without_value += 1;
                continue;
            }
            samples.push(s as u32);
            starts.push(lines);
            lines += (1 + label_lines(p, s) + frames) as u64;
            total = total.wrapping_add(value);
        }
        Self {
            names: table.infos.iter().map(|i| i.printable_name()).collect(),
            profile,
            table,
            units,
            sample_index,
            samples,
            merged,
            starts,
            lines: lines as usize,
            total,
            without_value,
        }
    }

    /// Number of traces listed.
    pub fn len(&self) -> usize {
        self.samples.len()
    }

    /// Whether no trace is listed.
    pub fn is_empty(&self) -> bool {
        self.samples.is_empty()
    }

    /// Trace `t` (made now: its labels and frames).
    pub fn trace(&self, t: usize) -> Option<Trace> {
        let s = *self.samples.get(t)?;
        let mut trace = trace_of_sample(
            &self.profile,
            &self.table,
            self.sample_index,
            &self.units,
            s as usize,
        )?;
        if let Some(&v) = self.merged.get(&s) {
            trace.value = v;
        }
        Some(trace)
    }

    /// Every trace, in order (made one by one).
    pub fn traces(&self) -> impl Iterator<Item = Trace> + '_ {
        (0..self.len()).filter_map(|t| self.trace(t))
    }

    /// The printable name of a frame.
    pub fn name(&self, f: &TraceFrame) -> &str {
        self.names.get(f.node as usize).map_or("", String::as_str)
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
        let i = i as u64;
        let t = self.starts.partition_point(|&s| s <= i) - 1;
        let k = (i - self.starts[t]) as usize;
        let labels = label_lines(&self.profile, *self.samples.get(t)? as usize);
        Some(if k == 0 {
            ListingLine::Separator(t)
        } else if k <= labels {
            ListingLine::Label(t, k - 1)
        } else {
            ListingLine::Frame(t, k - 1 - labels)
        })
    }
}

/// The samples of `unfiltered` through the function `func` (its identity in a functions
/// table) after `filters`, listed at granularity `g` for sample type `sample_index`:
/// the traces `--traces` prints for that profile and refinements, those through it.
/// `filtered`, when given, is `unfiltered` after `filters` already computed: used
/// instead of filtering again when pprof's merge changes nothing. Once `stop` is
/// requested the steps left are skipped and the listing is partial (for the caller to
/// drop).
pub fn traces_through(
    unfiltered: &Arc<Profile>,
    filtered: Option<&Arc<Profile>>,
    filters: &Filters,
    sample_index: usize,
    g: Granularity,
    func: &NodeInfo,
    stop: Stop<'_>,
) -> TracesListing {
    // pprof merges identical samples, then filters. Filters that only choose samples
    // treat the samples of a group alike, so the groups are found in the filtered
    // profile the explorer already has, and nothing is copied; filters that change
    // stacks (hide, show, show_from, prune_from, transforms) run on a merged copy.
    let selects_only = filters.hide.is_none()
        && filters.show.is_none()
        && filters.show_from.is_none()
        && filters.prune_from.is_none()
        && !filters.transforms();
    let (filtered, merged): (Arc<Profile>, Option<Groups>) = match filtered {
        Some(f) if selects_only => {
            let g = groups(f);
            let g = (!g.is_identity(f.samples.len())).then_some(g);
            (f.clone(), g)
        }
        _ if selects_only && !filters.is_active() => {
            let g = groups(unfiltered);
            let g = (!g.is_identity(unfiltered.samples.len())).then_some(g);
            (unfiltered.clone(), g)
        }
        _ => {
            let m = compact(unfiltered);
            (Arc::new(filter::filter_profile(&m, filters).0), None)
        }
    };
    let opts = ReportOptions {
        granularity: Granularity::Functions,
        filters: filters.clone(),
        ..ReportOptions::untrimmed(sample_index)
    };
    let functions = traces_table(&filtered, &opts);
    // Stopped (between the heavy steps): nothing more is made.
    let samples = match functions.infos.iter().position(|i| i == func) {
        Some(n) if !stop.requested() => samples_through(&filtered, &functions, n as u32),
        _ => Vec::new(),
    };
    let opts = ReportOptions {
        granularity: g,
        ..opts
    };
    let table = if g == Granularity::Functions || stop.requested() {
        functions
    } else {
        traces_table(&filtered, &opts)
    };
    let units = NumLabelUnits::of(unfiltered);
    TracesListing::new(filtered, table, units, sample_index, samples, merged)
}

impl crate::profile::HeapSize for TracesListing {
    /// The samples, their lines and the frame names; not the profile it reads (the
    /// explorer's own, unless pprof's merge changed it).
    fn heap_bytes(&self) -> usize {
        use crate::analysis::mem_size::{strings, vec_cap};
        vec_cap(&self.samples)
            + vec_cap(&self.starts)
            + self.merged.len() * 16
            + strings(&self.names)
            + self.table.heap_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The listing of samples pprof's merge makes one, computed without copying the
    /// profile, equals -traces of the merged (then refined) copy through the function.
    #[test]
    fn merged_samples_are_listed_as_the_merged_copy_lists_them() {
        use crate::analysis::traces::traces_of;
        let stacks = [
            (vec![1, 0], vec![2, 20]),
            (vec![2, 1, 0], vec![1, 5]),
            (vec![1, 0], vec![3, 30]),
            (vec![2, 1, 0], vec![-1, -5]),
            (vec![1, 2, 0], vec![1, 7]),
            (vec![1, 0], vec![1, 1]),
        ];
        let names = ["main", "a", "b"].map(String::from).to_vec();
        let p = Arc::new(Profile::synthetic(
            &names,
            &stacks,
            &[("n", "count"), ("v", "bytes")],
        ));
        let a = NodeInfo {
            name: "a".into(),
            ..NodeInfo::default()
        };
        let mut focus = Filters::default();
        focus
            .set(crate::analysis::filter::FilterKind::Focus, "^a$")
            .expect("focus");
        for filters in [Filters::default(), focus] {
            let filtered = Arc::new(filter::filter_profile(&p, &filters).0);
            let shown = traces_through(
                &p,
                Some(&filtered),
                &filters,
                1,
                Granularity::Functions,
                &a,
                Stop::NEVER,
            );
            let merged = compact(&p);
            let refined = filter::filter_profile(&merged, &filters).0;
            let opts = ReportOptions {
                filters: filters.clone(),
                ..ReportOptions::untrimmed(1)
            };
            let table = traces_table(&refined, &opts);
            let node = table.infos.iter().position(|i| i == &a).expect("a") as u32;
            let want: Vec<_> = traces_of(
                &merged,
                &refined,
                &opts,
                &table,
                samples_through(&refined, &table, node),
            )
            .traces
            .into_iter()
            .filter(|t| t.value != 0)
            .map(|t| (t.value, t.frames.len()))
            .collect();
            let got: Vec<_> = shown.traces().map(|t| (t.value, t.frames.len())).collect();
            // a → main twice (2 + 3 + 1 bytes summed), b → a → main cancelled out.
            assert_eq!(got, want);
            assert_eq!(got, [(51, 2), (7, 3)]);
            assert_eq!(shown.total, 58);
        }
    }

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
        let p = Arc::new(p);
        let l = traces_through(
            &p,
            None,
            &Filters::default(),
            1,
            Granularity::Functions,
            &a,
            Stop::NEVER,
        );
        assert_eq!(l.len(), 2);
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
        let l = traces_through(
            &p,
            None,
            &Filters::default(),
            1,
            Granularity::Lines,
            &none,
            Stop::NEVER,
        );
        assert_eq!(l.lines(), 0);
        assert_eq!(l.line(0), None);
    }
}
