//! The top table as the interactive explorer shows it: a top report in the chosen order
//! (flat, cum, name, or a diff's growth or shrinkage first), optionally side by side with the in-use/alloc counterpart, and
//! the raw samples behind each row of a heap profile.

use super::heap::{HeapTypes, raw_per_sample};
use super::nodes::NodeTable;
use super::options::{ReportOptions, SortOrder};
use super::stop::Stop;
use super::top::{TopReport, top_filtered_until};
use crate::profile::Profile;

/// Row order of the interactive table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum TableSort {
    /// pprof's default: flat, then name.
    #[default]
    Flat,
    /// Cumulative, then name.
    Cum,
    /// By name.
    Name,
    /// A diff's growth first: by signed flat, largest first (then signed cum).
    Growth,
    /// A diff's shrinkage first: by signed flat, most negative first (then signed cum).
    Shrink,
}

impl TableSort {
    /// The next order in the cycle flat → cum → name (a change order goes to cum).
    pub fn next(self) -> Self {
        match self {
            Self::Flat | Self::Growth | Self::Shrink => Self::Cum,
            Self::Cum => Self::Name,
            Self::Name => Self::Flat,
        }
    }

    /// The next order by change in a diff: biggest |change| first (pprof's flat order) →
    /// growth first → shrinkage first; from cum or name, the biggest |change| first.
    pub fn change_next(self) -> Self {
        match self {
            Self::Flat => Self::Growth,
            Self::Growth => Self::Shrink,
            Self::Shrink | Self::Cum | Self::Name => Self::Flat,
        }
    }

    /// Short label for the header.
    pub fn label(self) -> &'static str {
        match self {
            Self::Flat => "flat",
            Self::Cum => "cum",
            Self::Name => "name",
            Self::Growth => "growth",
            Self::Shrink => "shrinkage",
        }
    }
}

/// In-use and alloc values of one row, for the side-by-side table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PairValues {
    /// In-use flat.
    pub inuse_flat: i64,
    /// In-use cum.
    pub inuse_cum: i64,
    /// Alloc flat.
    pub alloc_flat: i64,
    /// Alloc cum.
    pub alloc_cum: i64,
}

impl PairValues {
    /// Share of the allocation still in use, in %: in-use cum ÷ alloc cum (what the
    /// function and its callees allocated and still hold) — the one definition the table,
    /// the tree and the flame graph use ([`super::heap::retained`]).
    pub fn retained_pct(&self) -> Option<f64> {
        super::heap::retained(self.inuse_cum, self.alloc_cum).map(|r| r * 100.0)
    }
}

/// A computed table: rows in display order plus per-row extras.
#[derive(Clone, Debug)]
pub struct TopView {
    /// The report; its rows are in display order.
    pub report: TopReport,
    /// Side-by-side values per row (heap profiles, when asked).
    pub pairs: Option<Vec<PairValues>>,
    /// Estimated raw samples behind each row's flat (or cum when flat is 0).
    pub raw_samples: Option<Vec<f64>>,
    /// What the filters say (e.g. "focus main\.foo matched no samples").
    pub warnings: Vec<String>,
}

/// Computes the view for `opts` (its `sort` is replaced by `sort`) of `p`, which is
/// `unfiltered` after `opts.filters`; `table` is `p`'s node table. Once `stop` is
/// requested the walks end and the view is partial (for the caller to drop).
pub fn top_view(
    unfiltered: &Profile,
    p: &Profile,
    table: &NodeTable,
    opts: &ReportOptions,
    sort: TableSort,
    side_by_side: bool,
    stop: Stop<'_>,
) -> TopView {
    let mut o = opts.clone();
    o.sort = if sort == TableSort::Cum {
        SortOrder::Cum
    } else {
        SortOrder::Flat
    };
    let heap = HeapTypes::of(p);
    let pair = if side_by_side {
        heap.pair_of(o.sample_index)
    } else {
        None
    };
    let mut report = top_filtered_until(unfiltered, p, &o, table, stop);
    let mut pairs = None;
    if let Some((inuse, alloc)) = pair.filter(|_| !stop.requested()) {
        let other_idx = if inuse == o.sample_index {
            alloc
        } else {
            inuse
        };
        let other = top_filtered_until(
            unfiltered,
            p,
            &ReportOptions {
                sample_index: other_idx,
                ..o.clone()
            },
            table,
            stop,
        );
        let n = table.infos.len();
        let mut cur = vec![(0i64, 0i64); n];
        let mut oth = vec![(0i64, 0i64); n];
        for r in &report.rows {
            cur[r.node as usize] = (r.flat, r.cum);
        }
        // Rows present only in the counterpart join the table with zero current values.
        let present: std::collections::HashSet<u32> = report.rows.iter().map(|r| r.node).collect();
        for r in &other.rows {
            oth[r.node as usize] = (r.flat, r.cum);
            if !present.contains(&r.node) {
                let mut row = r.clone();
                row.flat = 0;
                row.cum = 0;
                report.rows.push(row);
            }
        }
        let (ci, oi) = (&cur, &oth);
        pairs = Some(
            report
                .rows
                .iter()
                .map(|r| {
                    let n = r.node as usize;
                    let (c, o) = (ci[n], oi[n]);
                    let ((inuse_flat, inuse_cum), (alloc_flat, alloc_cum)) =
                        if inuse == opts.sample_index {
                            (c, o)
                        } else {
                            (o, c)
                        };
                    PairValues {
                        inuse_flat,
                        inuse_cum,
                        alloc_flat,
                        alloc_cum,
                    }
                })
                .collect::<Vec<_>>(),
        );
    }
    let raw = if stop.requested() {
        None
    } else {
        raw_per_row(p, table, &heap, o.sample_index, &report)
    };
    let mut view = TopView {
        report,
        pairs,
        raw_samples: raw,
        warnings: Vec::new(),
    };
    order_rows(&mut view, sort);
    view
}

fn raw_per_row(
    p: &Profile,
    table: &NodeTable,
    heap: &HeapTypes,
    index: usize,
    report: &TopReport,
) -> Option<Vec<f64>> {
    let (alloc, inuse) = raw_per_sample(p, heap)?;
    let raw = if heap.is_inuse(index) { inuse } else { alloc };
    let n = table.infos.len();
    let (mut flat, mut cum) = (vec![0.0f64; n], vec![0.0f64; n]);
    let mut seen = vec![usize::MAX; n];
    for (s, &r) in raw.iter().enumerate() {
        if r == 0.0 {
            continue;
        }
        let mut leaf = None;
        for &loc in p.samples.locations(s).iter().rev() {
            for &node in table.nodes_of(loc).iter().rev() {
                if seen[node as usize] != s {
                    seen[node as usize] = s;
                    cum[node as usize] += r;
                }
                leaf = Some(node);
            }
        }
        if let Some(l) = leaf {
            flat[l as usize] += r;
        }
    }
    Some(
        report
            .rows
            .iter()
            .map(|row| {
                let n = row.node as usize;
                if row.flat != 0 { flat[n] } else { cum[n] }
            })
            .collect(),
    )
}

/// Reorders rows (and their extras) for `sort`, recomputing the running sum.
fn order_rows(view: &mut TopView, sort: TableSort) {
    let rows = &view.report.rows;
    let mut idx: Vec<usize> = (0..rows.len()).collect();
    match sort {
        TableSort::Name => idx.sort_by(|&a, &b| rows[a].name.cmp(&rows[b].name)),
        // Stable: equal changes keep pprof's order.
        TableSort::Growth => idx.sort_by_key(|&i| std::cmp::Reverse((rows[i].flat, rows[i].cum))),
        TableSort::Shrink => idx.sort_by_key(|&i| (rows[i].flat, rows[i].cum)),
        // Side-by-side rows appended from the counterpart sort after the others.
        TableSort::Flat | TableSort::Cum => {
            idx.sort_by_key(|&i| (rows[i].flat == 0 && rows[i].cum == 0, i))
        }
    }
    permute(&mut view.report.rows, &idx);
    if let Some(p) = view.pairs.as_mut() {
        permute(p, &idx);
    }
    if let Some(r) = view.raw_samples.as_mut() {
        permute(r, &idx);
    }
    let mut sum = 0i64;
    for r in &mut view.report.rows {
        sum = sum.wrapping_add(r.flat);
        r.sum = sum;
    }
}

fn permute<T>(v: &mut Vec<T>, idx: &[usize]) {
    let mut slots: Vec<Option<T>> = std::mem::take(v).into_iter().map(Some).collect();
    *v = idx.iter().filter_map(|&i| slots[i].take()).collect();
}
