//! The one-line status bar: hints for the keys that work in the focused pane (generated
//! from the keymap) and the position in the table.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Theme;
use super::text::fit;
use crate::app::{App, PaneId};

/// Draws the status bar into `area` (one row).
pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    if let Some(p) = &app.prompt {
        let mut spans = vec![
            Span::styled(p.symbol().to_string(), theme.key()),
            Span::raw(fit(&p.text, area.width as usize / 2)),
            Span::styled("█", theme.dim()),
        ];
        if let Some(e) = &p.error {
            spans.push(Span::styled(
                format!("  {}", fit(e, area.width as usize / 2)),
                theme.warning(),
            ));
        }
        frame.render_widget(Paragraph::new(Line::from(spans)), area);
        return;
    }
    if let Some(msg) = &app.status {
        frame.render_widget(
            Paragraph::new(Line::styled(fit(msg, area.width as usize), theme.warning())),
            area,
        );
        return;
    }
    let (sel, len) = match app.focus {
        PaneId::Top => (app.table.selected, app.view().map(|v| app.top_len(v))),
        PaneId::Tree => (
            app.tree.table.selected,
            app.call_tree().map(|_| app.tree.rows.len()),
        ),
        PaneId::Peek => (
            app.peek.table.selected,
            app.edge_index().map(|_| app.peek.rows.len()),
        ),
        PaneId::Flame => (0, None),
        PaneId::Source => (
            app.source.cursor.saturating_sub(1) as usize,
            app.source_ready()
                .and_then(|r| r.data.as_ref())
                .map(|d| d.line_count()),
        ),
    };
    let pos = match len {
        Some(0) => " 0/0 ".to_string(),
        Some(n) => format!(" {}/{n} ", sel + 1),
        None if app.pending.is_empty() => String::new(),
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
