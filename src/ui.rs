//! The `ui` layer: draws the app's state (never changes it) and reports where it put
//! things, for paging and mouse hit-testing.

mod flame_view;
mod header;
mod overlay;
mod pane_frame;
mod peek_view;
mod source_pane_view;
mod status_bar;
pub mod text;
pub mod theme;
mod top_table;
mod tree_view;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};

pub use theme::Theme;

use crate::app::{App, FrameLayout, PaneId, Region};

/// Smallest terminal the explorer draws in.
pub const MIN_SIZE: (u16, u16) = (40, 10);

fn region(r: Rect) -> Region {
    Region {
        x: r.x,
        y: r.y,
        width: r.width,
        height: r.height,
    }
}

/// Draws one frame of `app`; returns the layout used.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) -> FrameLayout {
    let area = frame.area();
    if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
        let msg = format!(
            "terminal too small: {}×{}, need {}×{}",
            area.width, area.height, MIN_SIZE.0, MIN_SIZE.1
        );
        let lines: Vec<Line> = text::wrap(&msg, area.width as usize)
            .into_iter()
            .map(Line::raw)
            .collect();
        frame.render_widget(Paragraph::new(lines).style(theme.warning()), area);
        return FrameLayout::default();
    }
    let header = header::lines(app, theme, area.width as usize);
    let notice = notice_lines(app, area.width.saturating_sub(2) as usize);
    let max_notice = (area.height / 3).max(3) as usize;
    let notice_h = if notice.is_empty() {
        0
    } else {
        (notice.len().min(max_notice) + 2) as u16
    };
    let [head, note, pane, status] = Layout::vertical([
        Constraint::Length(header.len() as u16),
        Constraint::Length(notice_h),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(header), head);
    if notice_h > 0 {
        let title = if app
            .notice_lines()
            .iter()
            .any(|p| p.starts_with("Why does this look empty?"))
        {
            " Why does this look empty? (x hides, i details) "
        } else {
            " About the sampling (x hides, i details) "
        };
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.warning())
            .title(ratatui::text::Span::styled(title, theme.warning()));
        let lines: Vec<Line> = notice.into_iter().map(Line::raw).collect();
        frame.render_widget(Paragraph::new(lines).block(block), note);
    }
    let mut layout = FrameLayout::default();
    match app.focus {
        PaneId::Top => layout.list_rows = region(top_table::draw(frame, pane, app, theme, true)),
        PaneId::Tree => layout.list_rows = region(tree_view::draw(frame, pane, app, theme)),
        PaneId::Peek => layout.list_rows = region(peek_view::draw(frame, pane, app, theme)),
        PaneId::Flame => layout.flame = region(flame_view::draw(frame, pane, app, theme)),
        PaneId::Source => {
            layout.list_rows = region(source_pane_view::draw(frame, pane, app, theme))
        }
    }
    status_bar::draw(frame, status, app, theme);
    layout.overlay_max_scroll = overlay::draw(frame, area, app, theme);
    scrub(frame);
    layout
}

fn notice_lines(app: &App, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    for para in app.notice_lines() {
        let para = para
            .strip_prefix("Why does this look empty? ")
            .unwrap_or(&para);
        out.extend(text::wrap(para, width));
    }
    out
}

/// The last line of defence: no cell may carry a control, bidi or invisible character to
/// the terminal, whichever widget put it there (strings are sanitized where they enter the
/// display; this catches what slipped through, e.g. a unit name inside a formatted value).
fn scrub(frame: &mut Frame) {
    for cell in &mut frame.buffer_mut().content {
        if crate::sanitize::is_unsafe_str(cell.symbol()) {
            cell.set_symbol("?");
        }
    }
}
