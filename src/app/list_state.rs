//! Selection and scrolling of a list (table, tree, callers, overlay), independent of how
//! it is drawn, and the list movement each action asks for.

use super::Action;
use super::input::Mouse;
use super::layout::Region;

/// Selected row and scroll offset of a list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TableState {
    /// Index of the selected row.
    pub selected: usize,
    /// Index of the first visible row.
    pub offset: usize,
}

impl TableState {
    /// Moves the selection by `delta` rows within `len`, keeping it visible in `height`.
    pub fn move_by(&mut self, delta: isize, len: usize, height: usize) {
        if len == 0 {
            *self = Self::default();
            return;
        }
        let max = len - 1;
        let target = self.selected as isize + delta;
        self.selected = target.clamp(0, max as isize) as usize;
        self.scroll_to_selection(len, height);
    }

    /// Selects row `i` (clamped) and scrolls to it.
    pub fn select(&mut self, i: usize, len: usize, height: usize) {
        self.selected = i.min(len.saturating_sub(1));
        self.scroll_to_selection(len, height);
    }

    /// Scrolls the view by `delta` rows without moving the selection off screen.
    pub fn scroll_by(&mut self, delta: isize, len: usize, height: usize) {
        let max_offset = len.saturating_sub(height.max(1));
        self.offset = (self.offset as isize + delta).clamp(0, max_offset as isize) as usize;
        let h = height.max(1);
        if self.selected < self.offset {
            self.selected = self.offset;
        } else if self.selected >= self.offset + h {
            self.selected = (self.offset + h - 1).min(len.saturating_sub(1));
        }
    }

    /// Keeps the selection within `len` rows and visible in `height`.
    pub fn clamp(&mut self, len: usize, height: usize) {
        self.select(self.selected, len, height);
    }

    /// Adjusts the offset so the selection is visible in a window of `height` rows.
    pub fn scroll_to_selection(&mut self, len: usize, height: usize) {
        let h = height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + h {
            self.offset = self.selected + 1 - h;
        }
        self.offset = self.offset.min(len.saturating_sub(h));
    }
}

/// The wheel scrolls a list shown in `region` (the selection stays visible), a click
/// selects the row under it; false for a click outside the list.
pub fn list_mouse(table: &mut TableState, m: Mouse, region: Region, len: usize) -> bool {
    let page = usize::from(region.height).max(1);
    match m {
        Mouse::ScrollUp(..) => table.scroll_by(-3, len, page),
        Mouse::ScrollDown(..) => table.scroll_by(3, len, page),
        Mouse::Click(x, y) if region.contains(x, y) => {
            let i = table.offset + usize::from(y - region.y);
            if i < len {
                table.select(i, len, page);
            }
        }
        Mouse::Click(..) => return false,
    }
    true
}

/// The list movement `a` asks for, given a page of `page` rows.
pub fn list_delta(a: Action, page: usize) -> Option<isize> {
    let page = page.max(1) as isize;
    let half = (page / 2).max(1);
    Some(match a {
        Action::Up => -1,
        Action::Down => 1,
        Action::PageUp => -page,
        Action::PageDown => page,
        Action::HalfPageUp => -half,
        Action::HalfPageDown => half,
        Action::First => isize::MIN / 2,
        Action::Last => isize::MAX / 2,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_and_scrolls() {
        let mut t = TableState::default();
        t.move_by(1, 100, 10);
        assert_eq!((t.selected, t.offset), (1, 0));
        t.move_by(20, 100, 10);
        assert_eq!((t.selected, t.offset), (21, 12));
        t.move_by(-100, 100, 10);
        assert_eq!((t.selected, t.offset), (0, 0));
        t.move_by(1000, 100, 10);
        assert_eq!((t.selected, t.offset), (99, 90));
        t.scroll_by(-50, 100, 10);
        assert_eq!((t.selected, t.offset), (49, 40));
        t.move_by(1, 0, 10);
        assert_eq!((t.selected, t.offset), (0, 0));
    }
}
