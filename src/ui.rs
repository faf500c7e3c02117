//! The `ui` layer: plans a frame ([`plan`]: every region once, each pane's own by its
//! view, and the open overlay's text, before drawing, so the app can page and clamp
//! against the layout) and draws the app's state from that plan ([`draw`], never
//! changing it).

mod breadcrumbs;
mod butterfly_view;
mod columns;
mod details;
mod explore_overlays;
mod flame_view;
mod growth_view;
mod header;
mod help_keys;
mod notice_line;
mod notice_text;
mod numbers;
mod overlay;
mod pane_frame;
mod panes;
mod search_hint;
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

use crate::app::{App, FrameLayout, Region};

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

/// The rectangle of a region.
pub(crate) fn rect(r: Region) -> Rect {
    Rect::new(r.x, r.y, r.width, r.height)
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

/// A frame planned before it is drawn: where everything goes (handed to the app with
/// `App::set_layout`) and the open overlay's text, each made once per frame.
pub struct Plan {
    /// Where things go.
    pub layout: FrameLayout,
    overlay: Option<overlay::Content>,
}

/// Plans the next frame of `app` in `area`.
pub fn plan(app: &App, area: Rect, theme: &Theme) -> Plan {
    let mut l = FrameLayout {
        size: (area.width, area.height),
        ..FrameLayout::default()
    };
    if too_small(area) {
        return Plan {
            layout: l,
            overlay: None,
        };
    }
    let header_h = header::height(app, area.width as usize);
    let notice = notice_text::lines(app, area.width.saturating_sub(2) as usize);
    let notice_h = match notice_line::rows(
        app.notice_view(),
        notice.len(),
        area.height,
        header_h as u16,
    ) {
        notice_line::NoticeRows::None => 0,
        notice_line::NoticeRows::Whole(rows) => rows,
        notice_line::NoticeRows::Line => {
            l.notice_compact = true;
            1
        }
    };
    let [head, note, pane, status] = Layout::vertical([
        Constraint::Length(header_h as u16),
        Constraint::Length(notice_h),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(area);
    l.header = region(head);
    l.notice = region(note);
    l.pane = region(pane);
    l.status = region(status);
    let inner = Block::default().borders(Borders::ALL).inner(pane);
    l.body = region((panes::view(app.focus()).body)(inner));
    let overlay = overlay::content(app, area, theme);
    if let Some(c) = &overlay {
        l.overlay_box = region(c.rect);
        l.overlay = (c.total, c.rect.height.saturating_sub(2));
    }
    Plan { layout: l, overlay }
}

/// Draws one frame of `app` as `plan` lays it out (planned for the app as it is now).
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, plan: &Plan) {
    let area = frame.area();
    let l = &plan.layout;
    if too_small(area) || l.size != (area.width, area.height) {
        let msg = too_small_message(area.width, area.height);
        frame.render_widget(Paragraph::new(Line::raw(msg)).style(theme.warning()), area);
        return;
    }
    frame.render_widget(
        Paragraph::new(header::lines(app, theme, area.width as usize)),
        rect(l.header),
    );
    if l.notice.height > 0 && l.notice_compact {
        notice_line::draw(frame, rect(l.notice), app, theme);
    } else if l.notice.height > 0 {
        notice_text::draw(frame, rect(l.notice), app, theme);
    }
    (panes::view(app.focus()).draw)(frame, app, theme, l);
    status_bar::draw(frame, rect(l.status), app, theme);
    if let Some(c) = &plan.overlay {
        overlay::draw(frame, app, theme, c);
    }
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
