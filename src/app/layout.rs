//! Screen regions computed before each frame is drawn (by `ui::layout`), used for paging,
//! clamping scroll positions and mapping mouse positions to rows (no terminal library).

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

/// Where the last frame put things.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FrameLayout {
    /// The data rows of the focused list (table, tree, callers) below its header.
    pub list_rows: Region,
    /// The flame graph's drawing area.
    pub flame: Region,
    /// Lines of the open overlay's text, and the rows it has to show them.
    pub overlay: (usize, u16),
    /// The terminal's size (columns, rows).
    pub size: (u16, u16),
}
