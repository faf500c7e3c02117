//! Screen regions the renderer reports back after drawing, used for paging and for
//! mapping mouse positions to rows (kept free of any terminal library).

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
        x >= self.x && x < self.x + self.width && y >= self.y && y < self.y + self.height
    }
}

/// Where the last frame put things.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FrameLayout {
    /// The data rows of the focused list (table, tree, callers) below its header.
    pub list_rows: Region,
    /// The flame graph's drawing area.
    pub flame: Region,
    /// How far the open overlay can scroll (0 when none is open).
    pub overlay_max_scroll: u16,
}
