//! Screen regions computed once before each frame is drawn (by `ui::plan`, each pane's
//! own regions by its view), then drawn from and used here for paging, clamping scroll
//! positions and mapping mouse positions to rows (no terminal library).

/// A rectangle in terminal cells.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Region {
    /// Left column.
    pub x: u16,
    /// Top row.
    pub y: u16,
    /// Width in columns.
    pub width: u16,
    /// Height in rows.
    pub height: u16,
}

impl Region {
    /// Whether the cell (x, y) is inside.
    pub fn contains(&self, x: u16, y: u16) -> bool {
        x >= self.x
            && u32::from(x) < u32::from(self.x) + u32::from(self.width)
            && y >= self.y
            && u32::from(y) < u32::from(self.y) + u32::from(self.height)
    }
}

/// Where the frame puts things (all empty on a terminal too small to draw in).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FrameLayout {
    /// The terminal's size (columns, rows).
    pub size: (u16, u16),
    /// The header lines.
    pub header: Region,
    /// The notice box (no rows without a notice).
    pub notice: Region,
    /// The notice is drawn on one line (a short terminal), `x` expands it.
    pub notice_compact: bool,
    /// The focused pane, with its border.
    pub pane: Region,
    /// The focused pane's data: a list's rows below its column header, the flame graph's
    /// drawing area, the source lines (laid out by the pane's view).
    pub body: Region,
    /// The status bar.
    pub status: Region,
    /// The open overlay's box (none without an overlay).
    pub overlay_box: Region,
    /// Lines of the open overlay's text, and the rows it has to show them.
    pub overlay: (usize, u16),
}
