//! The `ui` layer: lays out a frame ([`layout`], before drawing, so the app can page and
//! clamp against it) and draws the app's state ([`draw`], never changing it).

mod columns;
mod details;
mod flame_view;
mod header;
mod notice_text;
mod numbers;
mod overlay;
mod pane_frame;
mod peek_view;
mod source_pane_view;
mod status_bar;
pub mod text;
mod theme;
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

/// The parts of the screen.
struct Areas {
    head: Rect,
    note: Rect,
    pane: Rect,
    status: Rect,
}

fn areas(app: &App, area: Rect) -> Areas {
    let header_h = header::height(app, area.width as usize);
    let notice = notice_text::lines(app, area.width.saturating_sub(2) as usize);
    let max_notice = (area.height / 3).max(3) as usize;
    let notice_h = if notice.is_empty() {
        0
    } else {
        (notice.len().min(max_notice) + 2) as u16
    };
    let [head, note, pane, status] = Layout::vertical([
        Constraint::Length(header_h as u16),
        Constraint::Length(notice_h),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(area);
    Areas {
        head,
        note,
        pane,
        status,
    }
}

/// The too-small message, whole on one line: the longest wording that fits `w` columns.
pub fn too_small_message(w: u16, h: u16) -> String {
    let (mw, mh) = MIN_SIZE;
    [
        format!("terminal too small: {w}×{h}, need {mw}×{mh}"),
        format!("too small: {w}×{h}, need {mw}×{mh}"),
        format!("{w}×{h} < {mw}×{mh}"),
        format!("need {mw}×{mh}"),
        "small".to_string(),
        "!".to_string(),
    ]
    .into_iter()
    .find(|m| text::width(m) <= usize::from(w))
    .unwrap_or_default()
}

fn too_small(area: Rect) -> bool {
    area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1
}

/// Where the next frame of `app` puts things in `area` (computed before drawing).
pub fn layout(app: &App, area: Rect) -> FrameLayout {
    let mut l = FrameLayout {
        size: (area.width, area.height),
        ..FrameLayout::default()
    };
    if too_small(area) {
        return l;
    }
    let a = areas(app, area);
    // Inside the pane's border, below its column header.
    let inner = Block::default().borders(Borders::ALL).inner(a.pane);
    let body = Rect {
        y: inner.y.saturating_add(1),
        height: inner.height.saturating_sub(1),
        ..inner
    };
    if app.focus() == PaneId::Flame {
        l.flame = region(Rect {
            height: inner.height.saturating_sub(2),
            ..inner
        });
    } else {
        l.list_rows = region(body);
    }
    l.overlay = overlay::extent(app, area);
    l
}

/// Draws one frame of `app` (laid out by [`layout`] for this size).
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) {
    let area = frame.area();
    if too_small(area) {
        let msg = too_small_message(area.width, area.height);
        frame.render_widget(Paragraph::new(Line::raw(msg)).style(theme.warning()), area);
        return;
    }
    let a = areas(app, area);
    frame.render_widget(
        Paragraph::new(header::lines(app, theme, area.width as usize)),
        a.head,
    );
    if a.note.height > 0 {
        notice_text::draw(frame, a.note, app, theme);
    }
    match app.focus() {
        PaneId::Top => top_table::draw(frame, a.pane, app, theme),
        PaneId::Tree => tree_view::draw(frame, a.pane, app, theme),
        PaneId::Peek => peek_view::draw(frame, a.pane, app, theme),
        PaneId::Flame => flame_view::draw(frame, a.pane, app, theme),
        PaneId::Source => source_pane_view::draw(frame, a.pane, app, theme),
    }
    status_bar::draw(frame, a.status, app, theme);
    overlay::draw(frame, area, app, theme);
    scrub(frame);
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
