//! A profile's samples as the reports read them: the loaded columns, or the samples a
//! refinement keeps of them (which rows, which part of each stack) without a copy.

use std::fmt;
use std::ops::Range;

use super::label::Label;
use super::sample_columns::SampleColumns;
use super::shared::{HeapSize, Shared};

/// A profile's samples, read by sample: [`Samples::locations`], [`Samples::values`],
/// [`Samples::labels`].
///
/// A loaded profile's samples are its [`SampleColumns`], read as they lie. A refined
/// profile's (see [`SampleSelection`]) share those columns with the profile they were
/// refined from and hold only
/// - which rows they keep (focus, ignore, tag focus and ignore): 4 bytes a sample;
/// - when stacks are cut (show_from keeps a prefix of each sample's locations,
///   prune_from a suffix), each sample's range of the shared location column: 8 more;
/// - when locations leave the middle of stacks (hide, show) or a transform rewrites them
///   (collapse_package, collapse_recursion), a new location list for each sample so
///   changed — and only for those.
///
/// Values and labels are never copied. Reading a refined sample costs one look-up of
/// its row (and range) per sample, none per frame.
#[derive(Clone)]
pub struct Samples {
    columns: Shared<SampleColumns>,
    /// None: every row of `columns`, as stored.
    view: Option<View>,
}

/// The rows a refinement keeps, and where their location lists are.
#[derive(Clone)]
struct View {
    /// The row of the columns of each sample, ascending.
    rows: Vec<u32>,
    /// Each sample's location list (None: its row's, whole).
    lists: Option<Lists>,
}

/// The location lists of a refinement's samples.
#[derive(Clone)]
struct Lists {
    /// A range of the columns' `locs`, or of `written` for a sample marked in `in_written`.
    ranges: Vec<(u32, u32)>,
    /// One bit per sample: its range is in `written` (empty when no list is).
    in_written: Vec<u64>,
    /// The location lists written for the samples whose stacks changed.
    written: Shared<Vec<u32>>,
}

impl Lists {
    fn is_written(&self, i: usize) -> bool {
        self.in_written
            .get(i / 64)
            .is_some_and(|w| w >> (i % 64) & 1 != 0)
    }
}

impl Samples {
    /// No samples, `num_types` values per sample.
    pub fn new(num_types: usize) -> Self {
        SampleColumns::new(num_types).into()
    }

    /// Number of samples.
    pub fn len(&self) -> usize {
        match &self.view {
            None => self.columns.len(),
            Some(v) => v.rows.len(),
        }
    }

    /// Whether there are no samples.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// About how many frames the samples hold in all: the columns' count, in proportion
    /// to the rows a refinement keeps (no sample is read).
    pub fn approx_frames(&self) -> usize {
        let (all, rows) = (self.columns.locs.len(), self.columns.len().max(1));
        match &self.view {
            None => all,
            Some(v) => (all as u128 * v.rows.len() as u128 / rows as u128) as usize,
        }
    }

    /// Number of values per sample.
    pub fn num_types(&self) -> usize {
        self.columns.num_types
    }

    /// The row of the columns holding sample `i`'s values and labels.
    #[inline]
    fn row(&self, i: usize) -> usize {
        match &self.view {
            None => i,
            Some(v) => v.rows[i] as usize,
        }
    }

    /// Location indices of sample `i`, leaf first.
    #[inline]
    pub fn locations(&self, i: usize) -> &[u32] {
        let c = &*self.columns;
        let Some(view) = &self.view else {
            return &c.locs[c.loc_start[i] as usize..c.loc_start[i + 1] as usize];
        };
        let Some(lists) = &view.lists else {
            let r = view.rows[i] as usize;
            return &c.locs[c.loc_start[r] as usize..c.loc_start[r + 1] as usize];
        };
        let (a, b) = lists.ranges[i];
        let all = if lists.is_written(i) {
            &lists.written[..]
        } else {
            &c.locs[..]
        };
        &all[a as usize..b as usize]
    }

    /// Values of sample `i`, one per sample type.
    #[inline]
    pub fn values(&self, i: usize) -> &[i64] {
        let (r, n) = (self.row(i), self.columns.num_types);
        &self.columns.values[r * n..(r + 1) * n]
    }

    /// Labels of sample `i`.
    #[inline]
    pub fn labels(&self, i: usize) -> &[Label] {
        let c = &*self.columns;
        let r = self.row(i);
        &c.labels[c.label_start[r] as usize..c.label_start[r + 1] as usize]
    }

    /// Appends a sample (for profiles made by hand; a builder of large ones fills
    /// [`SampleColumns`]).
    pub fn push(&mut self, locs: &[u32], values: &[i64], labels: &[Label]) {
        self.columns_mut().push(locs, values, labels);
    }

    /// The columns to change in place: this profile's own, copied first if they are
    /// shared or if this is a refinement (then only its samples are copied).
    pub fn columns_mut(&mut self) -> &mut SampleColumns {
        if self.view.is_some() {
            *self = self.to_columns().into();
        }
        &mut self.columns
    }

    /// The samples as columns of their own (moved out when nothing else holds them).
    pub fn into_columns(mut self) -> SampleColumns {
        if self.view.is_some() {
            return self.to_columns();
        }
        std::mem::take(self.columns_mut())
    }

    fn to_columns(&self) -> SampleColumns {
        let mut out = SampleColumns::new(self.num_types());
        for i in 0..self.len() {
            out.push(self.locations(i), self.values(i), self.labels(i));
        }
        out
    }

    /// Whether these samples read the same columns as `other`'s (a refinement and the
    /// profile it was refined from do).
    pub fn shares_columns(&self, other: &Self) -> bool {
        Shared::ptr_eq(&self.columns, &other.columns)
    }

    /// Whether each sample is its row of the columns unchanged (no row dropped, no
    /// stack cut or written).
    pub fn is_whole(&self) -> bool {
        self.view.is_none()
    }

    /// The heap bytes these samples own: all the columns for a loaded profile; for a
    /// refinement, only its rows, ranges and written location lists.
    pub fn owned_bytes(&self) -> usize {
        let view = self.view.as_ref().map_or(0, |v| {
            v.rows.heap_bytes()
                + v.lists.as_ref().map_or(0, |l| {
                    l.ranges.capacity() * size_of::<(u32, u32)>()
                        + l.in_written.heap_bytes()
                        + l.written.owned_bytes()
                })
        });
        self.columns.owned_bytes() + view
    }

    /// A refinement of these samples, built sample by sample (see [`SampleSelection`]).
    pub fn select(&self) -> SampleSelection<'_> {
        SampleSelection {
            from: self,
            rows: Vec::new(),
            ranges: Vec::new(),
            in_written: Vec::new(),
            written: None,
            whole: true,
        }
    }

    /// Where sample `i`'s locations are: a range of the columns' `locs`, or of the
    /// written lists (true).
    fn source(&self, i: usize) -> ((u32, u32), bool) {
        match &self.view {
            None => (self.columns.loc_range(i), false),
            Some(View { rows, lists: None }) => (self.columns.loc_range(rows[i] as usize), false),
            Some(View { lists: Some(l), .. }) => (l.ranges[i], l.is_written(i)),
        }
    }
}

impl From<SampleColumns> for Samples {
    fn from(columns: SampleColumns) -> Self {
        Self {
            columns: Shared::new(columns),
            view: None,
        }
    }
}

impl PartialEq for Samples {
    /// Equal samples, however they are stored.
    fn eq(&self, other: &Self) -> bool {
        self.num_types() == other.num_types()
            && self.len() == other.len()
            && (0..self.len()).all(|i| {
                self.locations(i) == other.locations(i)
                    && self.values(i) == other.values(i)
                    && self.labels(i) == other.labels(i)
            })
    }
}

impl Eq for Samples {}

impl fmt::Debug for Samples {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let samples: Vec<_> = (0..self.len())
            .map(|i| (self.locations(i), self.values(i), self.labels(i)))
            .collect();
        f.debug_struct("Samples")
            .field("num_types", &self.num_types())
            .field("samples", &samples)
            .finish()
    }
}

/// The samples a refinement keeps of another profile's, chosen in order (ascending
/// sample index), each whole, cut to a part of its stack, or with a stack of its own:
/// the result shares the columns (values, labels and the location lists it does not
/// write) with the samples it was made from.
pub struct SampleSelection<'a> {
    from: &'a Samples,
    rows: Vec<u32>,
    /// Each kept sample's locations (empty while every one is whole).
    ranges: Vec<(u32, u32)>,
    in_written: Vec<u64>,
    /// The lists written: `from`'s first (so its ranges stay valid), then new ones.
    written: Option<Vec<u32>>,
    /// Every kept sample is its row's whole stack.
    whole: bool,
}

impl SampleSelection<'_> {
    /// Makes room for `additional` more samples.
    pub fn reserve(&mut self, additional: usize) {
        self.rows.reserve_exact(additional);
    }

    /// Keeps sample `i` as it is.
    pub fn keep(&mut self, i: usize) {
        let (range, written) = self.from.source(i);
        self.push(self.from.row(i), range, written);
    }

    /// Keeps sample `i` with only `part` of its locations (positions in
    /// `locations(i)`): a range, not a copy.
    pub fn keep_part(&mut self, i: usize, part: Range<usize>) {
        let ((a, b), written) = self.from.source(i);
        assert!(part.start <= part.end && part.end <= (b - a) as usize);
        let range = (a + part.start as u32, a + part.end as u32);
        self.push(self.from.row(i), range, written);
    }

    /// Makes room for `additional` more locations in written stacks.
    pub fn reserve_written(&mut self, additional: usize) {
        self.written_lists().reserve_exact(additional);
    }

    /// Keeps sample `i` with the stack `locs` (written for it).
    pub fn keep_written(&mut self, i: usize, locs: &[u32]) {
        let buf = self.written_lists();
        let a = buf.len() as u32;
        buf.extend_from_slice(locs);
        let range = (a, buf.len() as u32);
        self.push(self.from.row(i), range, true);
    }

    /// The written stacks, `from`'s first.
    fn written_lists(&mut self) -> &mut Vec<u32> {
        let from = self.from;
        self.written.get_or_insert_with(|| match &from.view {
            Some(View { lists: Some(l), .. }) => l.written.to_vec(),
            _ => Vec::new(),
        })
    }

    fn push(&mut self, row: usize, range: (u32, u32), written: bool) {
        debug_assert!(self.rows.last().is_none_or(|&r| (r as usize) < row));
        let columns = &self.from.columns;
        if self.whole && (written || range != columns.loc_range(row)) {
            self.whole = false;
            self.ranges = Vec::with_capacity(self.rows.capacity());
            (self.ranges).extend(self.rows.iter().map(|&r| columns.loc_range(r as usize)));
        }
        let k = self.rows.len();
        self.rows.push(row as u32);
        if !self.whole {
            self.ranges.push(range);
            if written {
                if self.in_written.len() <= k / 64 {
                    self.in_written.resize(k / 64 + 1, 0);
                }
                self.in_written[k / 64] |= 1 << (k % 64);
            }
        }
    }

    /// The samples kept.
    pub fn finish(mut self) -> Samples {
        let columns = self.from.columns.share();
        if self.whole && self.rows.len() == columns.len() {
            return Samples {
                columns,
                view: None,
            };
        }
        self.rows.shrink_to_fit();
        let lists = (!self.whole).then(|| {
            self.ranges.shrink_to_fit();
            self.in_written.shrink_to_fit();
            let written = match (self.written, &self.from.view) {
                (Some(mut w), _) => {
                    w.shrink_to_fit();
                    Shared::new(w)
                }
                (None, Some(View { lists: Some(l), .. })) if !l.in_written.is_empty() => {
                    l.written.clone()
                }
                (None, _) => Shared::default(),
            };
            Lists {
                ranges: self.ranges,
                in_written: self.in_written,
                written,
            }
        });
        Samples {
            columns,
            view: Some(View {
                rows: self.rows,
                lists,
            }),
        }
    }
}

#[cfg(test)]
#[path = "samples_tests.rs"]
mod tests;
