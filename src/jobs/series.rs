//! A series of snapshots of one program over time — every fetch of a `--watch`, or the
//! files of `--series` — kept for leak hunting: the profiles the Growth pane ranks, thinned
//! by a retention rule (the first, the latest, and evenly spread ones between, within a
//! count and a memory budget) so memory stays bounded however long a watch runs.

use std::path::PathBuf;
use std::sync::Arc;

use crate::profile::Profile;

/// How many snapshots a series keeps by default (`--keep`).
pub const DEFAULT_KEEP: usize = 60;
/// The memory the kept profiles may take by default (`--keep-mib`), estimated.
pub const DEFAULT_KEEP_BYTES: u64 = 512 << 20;

/// One snapshot of the series.
#[derive(Clone, Debug)]
pub struct SeriesPoint {
    /// When it was taken (ns since the epoch): the profile's time, else when it was
    /// fetched or the file's modification time.
    pub at_nanos: i64,
    /// Where it came from, in a few words (a file name, or the fetch's number).
    pub label: String,
    /// The profile.
    pub profile: Arc<Profile>,
    /// The copy this run saved of it (a fetch), removed when the point is thinned out.
    pub saved: Option<PathBuf>,
}

/// What a Growth job ranks: the kept snapshots, in time order.
pub type SeriesInput = Arc<[SeriesPoint]>;

/// The snapshots kept, in time order, and the retention rule.
#[derive(Clone, Debug)]
pub struct Series {
    points: Vec<SeriesPoint>,
    keep: usize,
    keep_bytes: u64,
    /// How many snapshots were ever added (thinned ones included).
    seen: usize,
    input: Option<SeriesInput>,
}

impl Default for Series {
    fn default() -> Self {
        Self::new(DEFAULT_KEEP, DEFAULT_KEEP_BYTES)
    }
}

/// A profile's memory: the heap it owns ([`Profile::owned_bytes`]), what keeping it costs.
pub fn approx_bytes(p: &Profile) -> u64 {
    p.owned_bytes() as u64
}

impl Series {
    /// An empty series keeping at most `keep` snapshots (at least 2: the first and the
    /// latest; 0 means no limit) within about `keep_bytes` of profiles.
    pub fn new(keep: usize, keep_bytes: u64) -> Self {
        Self {
            points: Vec::new(),
            keep: if keep == 0 { usize::MAX } else { keep.max(2) },
            keep_bytes,
            seen: 0,
            input: None,
        }
    }

    /// Adds a snapshot (in time order: one earlier than the latest goes where its time
    /// says), then thins the series; returns the points it let go of (their saved copies
    /// are the caller's to remove).
    pub fn push(&mut self, point: SeriesPoint) -> Vec<SeriesPoint> {
        let at = self
            .points
            .partition_point(|p| p.at_nanos <= point.at_nanos);
        self.points.insert(at, point);
        self.seen += 1;
        self.input = None;
        self.thin()
    }

    /// Drops interior points until the count and the memory fit: each time the one whose
    /// neighbours are closest in time (so the kept ones stay evenly spread), the older on a
    /// tie. The first and the latest always stay.
    fn thin(&mut self) -> Vec<SeriesPoint> {
        let mut dropped = Vec::new();
        let mut bytes: u64 = self.points.iter().map(|p| approx_bytes(&p.profile)).sum();
        while self.points.len() > 2 && (self.points.len() > self.keep || bytes > self.keep_bytes) {
            let victim = (1..self.points.len() - 1)
                .min_by_key(|&i| {
                    self.points[i + 1]
                        .at_nanos
                        .saturating_sub(self.points[i - 1].at_nanos)
                })
                .unwrap_or(1);
            let p = self.points.remove(victim);
            bytes = bytes.saturating_sub(approx_bytes(&p.profile));
            dropped.push(p);
        }
        dropped
    }

    /// The kept snapshots, in time order.
    pub fn points(&self) -> &[SeriesPoint] {
        &self.points
    }

    /// How many snapshots are kept.
    pub fn len(&self) -> usize {
        self.points.len()
    }

    /// Whether none is.
    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    /// How many were ever added.
    pub fn seen(&self) -> usize {
        self.seen
    }

    /// The most kept (`usize::MAX`: no limit).
    pub fn keep(&self) -> usize {
        self.keep
    }

    /// The kept snapshots as one shared value for Growth jobs (made again only after a
    /// change).
    pub fn input(&mut self) -> SeriesInput {
        self.input
            .get_or_insert_with(|| self.points.clone().into())
            .clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(sec: i64) -> SeriesPoint {
        SeriesPoint {
            at_nanos: sec * 1_000_000_000,
            label: format!("t{sec}"),
            profile: Arc::new(Profile::synthetic(&[], &[], &[])),
            saved: None,
        }
    }

    fn times(s: &Series) -> Vec<i64> {
        s.points()
            .iter()
            .map(|p| p.at_nanos / 1_000_000_000)
            .collect()
    }

    #[test]
    fn a_long_watch_keeps_the_first_the_latest_and_an_even_spread() {
        let mut s = Series::new(6, u64::MAX);
        let mut dropped = 0;
        for t in 0..600 {
            dropped += s.push(point(t)).len();
        }
        let kept = times(&s);
        assert_eq!(kept.len(), 6);
        assert_eq!((kept[0], kept[5]), (0, 599));
        assert_eq!(dropped, 594);
        assert_eq!(s.seen(), 600);
        // The latest stays next to the one before it until the next fetch thins them.
        let gaps: Vec<i64> = kept[..5].windows(2).map(|w| w[1] - w[0]).collect();
        let (lo, hi) = (gaps.iter().min().unwrap(), gaps.iter().max().unwrap());
        assert!(*hi <= 4 * *lo, "uneven spread {kept:?}");
    }

    #[test]
    fn points_go_in_time_order_and_zero_keeps_all() {
        let mut s = Series::new(0, u64::MAX);
        for t in [5, 1, 3, 9, 7] {
            assert!(s.push(point(t)).is_empty());
        }
        assert_eq!(times(&s), [1, 3, 5, 7, 9]);
        assert_eq!(s.input().len(), 5);
    }

    #[test]
    fn the_memory_budget_thins_too_but_never_the_ends() {
        let p = crate::profile::Profile {
            strings: vec!["x".repeat(1000)].into(),
            ..Profile::synthetic(&[], &[], &[])
        };
        let one = approx_bytes(&p);
        let mut s = Series::new(100, one * 3);
        for t in 0..10 {
            s.push(SeriesPoint {
                profile: Arc::new(p.clone()),
                ..point(t)
            });
        }
        assert_eq!(s.len(), 3);
        let mut tiny = Series::new(100, 1);
        for t in 0..5 {
            tiny.push(point(t));
        }
        assert_eq!(times(&tiny), [0, 4]);
    }
}
