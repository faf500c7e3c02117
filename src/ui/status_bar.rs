//! The one-line status bar: hints for the keys that work in the focused pane (generated
//! from the keymap) and the position in the table.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Theme;
use crate::app::App;

/// Draws the status bar into `area` (one row).
pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let pos = match app.view() {
        Some(v) if !v.report.rows.is_empty() => format!(" {}/{} ", app.table.selected + 1, v.report.rows.len()),
        Some(_) => " 0/0 ".to_string(),
        None => " computing… ".to_string(),
    };
    let mut spans = Vec::new();
    let mut used = pos.len();
    for (key, label) in app.keymap.hints(&app.scopes()) {
        let w = key.chars().count() + label.len() + 3;
        if used + w > area.width as usize {
            break;
        }
        used += w;
        spans.push(Span::styled(key, theme.key()));
        spans.push(Span::styled(format!(" {label}  "), theme.dim()));
    }
    let pad = (area.width as usize).saturating_sub(used);
    spans.push(Span::raw(" ".repeat(pad)));
    spans.push(Span::styled(pos, theme.dim()));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
