//! Which depth each row of the flame graph shows: the top rows, or — for a selection
//! deeper than the pane or too narrow to label — the first rows pinned, one marker row
//! for the depths in between, and the selection's neighbourhood below it.

/// Pinned rows (at most; a fifth of the rows, at least one).
const PINNED_MAX: u32 = 4;
/// Rows of callees kept visible below the selected frame (at most, a quarter of the rows).
const ROWS_BELOW: u32 = 3;

/// Which depth (below the zoom root, 0 = its level) each row shows: rows `0..pinned` show
/// depths `0..pinned`; then, when `marker`, one row stands for the depths
/// `pinned..tail`; the remaining rows show depths `tail..`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Window {
    /// Rows in all.
    pub rows: u16,
    /// Rows pinned at the top.
    pub pinned: u32,
    /// Whether the row after the pinned ones is the marker of hidden depths.
    pub marker: bool,
    /// Depth shown by the first row after the pinned ones and the marker.
    pub tail: u32,
}

impl Window {
    /// The window for `rows` rows with the selected frame at relative `depth` (`None`:
    /// nothing selected), having callees (`deeper`), and too `narrow` for its label at
    /// the graph's scale (then the rows below the marker show it magnified).
    pub fn new(rows: u16, depth: Option<u32>, deeper: bool, narrow: bool) -> Self {
        let h = u32::from(rows);
        let top = Self {
            rows,
            pinned: h,
            marker: false,
            tail: h,
        };
        let Some(d) = depth else { return top };
        let below = if deeper { ROWS_BELOW.min(h / 4) } else { 0 };
        if !narrow && d + 1 + below <= h {
            return top;
        }
        if h < 3 {
            // No room to pin: the selected frame on the last row.
            return Self {
                rows,
                pinned: 0,
                marker: false,
                tail: (d + 1).saturating_sub(h),
            };
        }
        let pinned = (h / 5).clamp(1, PINNED_MAX).min(d);
        let tail_rows = h - pinned - 1;
        // Without magnification at least two depths are hidden: d + 1 + below > h.
        let tail = (d + below + 1).saturating_sub(tail_rows).max(pinned).min(d);
        Self {
            rows,
            pinned,
            marker: true,
            tail,
        }
    }

    /// The depths hidden behind the marker row (empty when there is none).
    pub fn hidden(&self) -> std::ops::Range<u32> {
        if self.marker {
            self.pinned..self.tail
        } else {
            0..0
        }
    }

    /// The marker row, if any.
    pub fn marker_row(&self) -> Option<u16> {
        self.marker.then_some(self.pinned as u16)
    }

    /// The row showing `depth`, if one does.
    pub fn row_of(&self, depth: u32) -> Option<u16> {
        let row = if depth < self.pinned {
            depth
        } else if depth >= self.tail {
            self.pinned + u32::from(self.marker) + (depth - self.tail)
        } else {
            return None;
        };
        (row < u32::from(self.rows)).then_some(row as u16)
    }

    /// The deepest depth any row shows (None for no rows).
    pub(super) fn last_depth(&self) -> Option<u32> {
        let h = u32::from(self.rows);
        let after = h.checked_sub(self.pinned + u32::from(self.marker))?;
        match after {
            0 => h.checked_sub(1),
            n => Some(self.tail + n - 1),
        }
    }
}
