//! Each location's lines while the filters run (pprof changes them in place): ranges of
//! the profile's line table, and the lines hide and show keep from a location's middle.

use crate::profile::{Line, Location, Profile};

/// The lines of each location of `p`: a range of its `lines`, or, past their end, of
/// `written`. show_from and prune_from narrow a range; hide and show write the lines
/// they keep when those are not a range.
pub(super) struct LocLines<'a> {
    p: &'a Profile,
    ranges: Vec<(u32, u32)>,
    written: Vec<Line>,
}

impl<'a> LocLines<'a> {
    /// Every location's lines as `p` has them.
    pub(super) fn new(p: &'a Profile) -> Self {
        Self {
            p,
            ranges: p.locations.iter().map(|l| l.lines).collect(),
            written: Vec::new(),
        }
    }

    /// The lines of `loc` now.
    pub(super) fn get(&self, loc: usize) -> &[Line] {
        let (a, b) = (self.ranges[loc].0 as usize, self.ranges[loc].1 as usize);
        let base = self.p.lines.len();
        if a < base {
            &self.p.lines[a..b]
        } else {
            &self.written[a - base..b - base]
        }
    }

    /// Keeps the lines for which `keep` holds.
    pub(super) fn retain(&mut self, loc: usize, keep: impl Fn(&Line) -> bool) {
        let now = self.get(loc);
        if now.iter().all(&keep) {
            return;
        }
        let kept: Vec<Line> = now.iter().copied().filter(keep).collect();
        let start = (self.p.lines.len() + self.written.len()) as u32;
        self.written.extend_from_slice(&kept);
        self.ranges[loc] = (start, start + kept.len() as u32);
    }

    /// Keeps the first `n` lines.
    pub(super) fn truncate(&mut self, loc: usize, n: usize) {
        let r = &mut self.ranges[loc];
        r.1 = r.1.min(r.0 + n as u32);
    }

    /// Drops the first `n` lines.
    pub(super) fn drop_first(&mut self, loc: usize, n: usize) {
        let r = &mut self.ranges[loc];
        r.0 = r.1.min(r.0 + n as u32);
    }

    /// Sets `out`'s location and line tables to the lines now: shared with the profile
    /// when no location changed, the lines shared when none was written.
    pub(super) fn write_into(self, out: &mut Profile) {
        let p = self.p;
        if p.locations
            .iter()
            .zip(&self.ranges)
            .all(|(l, r)| l.lines == *r)
        {
            return;
        }
        out.locations = (p.locations.iter().zip(&self.ranges))
            .map(|(l, &lines)| Location { lines, ..l.clone() })
            .collect();
        if !self.written.is_empty() {
            let mut lines = Vec::with_capacity(p.lines.len() + self.written.len());
            lines.extend_from_slice(&p.lines);
            lines.extend_from_slice(&self.written);
            out.lines = lines.into();
        }
    }
}
