//! The callers/callees pane: callers with the value each passes in, the function, and its
//! callees with the value each takes, as pprof's -peek shows them.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Cell, Paragraph, Row, Table};

use super::Theme;
use super::pane_frame::{pane_block, values};
use super::text::fit;
use crate::analysis::units::percentage;
use crate::app::App;
use crate::app::peek_pane::PeekRole;

/// Draws the pane into `area`.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let pane = app.peek();
    let name = pane.func().map(|f| app.func_name(f)).unwrap_or_default();
    let block = pane_block(app, theme, &format!("Callers/callees — {name}"));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if pane.func().is_none() {
        let msg = if app.selection().is_none() {
            "select a function in another pane first"
        } else {
            "computing callers and callees…"
        };
        frame.render_widget(Paragraph::new(Line::styled(msg, theme.dim())), inner);
        return;
    }
    let (total, fmt) = values(app);
    let focus_cum = pane
        .rows()
        .iter()
        .find(|r| r.role == PeekRole::Focus)
        .map_or(0, |r| r.cum);
    let body_h = inner.height.saturating_sub(1) as usize;
    let rows = pane.rows();
    let first = pane.table.offset.min(rows.len());
    let last = (first + body_h).min(rows.len());
    let name_w = inner.width.saturating_sub(31) as usize;
    let head = [
        format!("{:>11}", "value"),
        format!("{:>7}", "of func"),
        format!("{:>8}", "of total"),
        "name".into(),
    ];
    let header = Row::new(head.into_iter().map(Cell::from)).style(theme.column_header());
    let lines = (first..last).map(|i| {
        let r = rows[i];
        let mut n = app.func_name(r.node);
        if r.inline {
            n.push_str(" (inline)");
        }
        let (label, share) = match r.role {
            PeekRole::Caller => (
                format!("  ↑ {}", fit(&n, name_w.saturating_sub(4))),
                percentage(r.value, focus_cum),
            ),
            PeekRole::Focus => (
                format!(
                    "● {}  (flat {})",
                    fit(&n, name_w.saturating_sub(20)),
                    fmt(r.value)
                ),
                String::new(),
            ),
            PeekRole::Callee => (
                format!("  ↓ {}", fit(&n, name_w.saturating_sub(4))),
                percentage(r.value, focus_cum),
            ),
        };
        let style = if i == pane.table.selected {
            theme.selected()
        } else if r.role == PeekRole::Focus {
            theme.title()
        } else {
            theme.text()
        };
        Row::new(vec![
            Cell::from(format!("{:>11}", fmt(r.cum))),
            Cell::from(format!("{share:>7}")),
            Cell::from(format!("{:>8}", percentage(r.cum, total))),
            if app.is_match(&app.func_name(r.node)) {
                Cell::from(ratatui::text::Span::styled(label, theme.matched()))
            } else {
                Cell::from(label)
            },
        ])
        .style(style)
    });
    let widths = [
        Constraint::Length(11),
        Constraint::Length(7),
        Constraint::Length(8),
        Constraint::Min(4),
    ];
    frame.render_widget(
        Table::new(lines, widths).header(header).column_spacing(1),
        inner,
    );
}
