//! The callers/callees pane: callers with the value each passes in, the function, and its
//! callees with the value each takes, as pprof's -peek shows them.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph};

use super::Theme;
use super::columns::{Col, fit, table};
use super::numbers::Numbers;
use super::pane_frame::legend::{self, Term};
use super::pane_frame::pane_block_with_legend;
use super::text::{fit_name, width};
use crate::app::peek_pane::PeekRole;
use crate::app::{App, FrameLayout};

/// Draws the pane into `area`.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, layout: &FrameLayout) {
    let area = super::rect(layout.pane);
    let pane = app.peek();
    let name = pane.func().map(|f| app.func_name(f)).unwrap_or_default();
    let selected = pane
        .rows()
        .get(pane.table.selected)
        .map(|r| app.func_name(r.node));
    let title = format!("Callers/callees — {name}");
    let block = |terms: &[Term]| {
        pane_block_with_legend(app, theme, &title, area.width, selected.as_deref(), terms)
    };
    let inner = block(&[]).inner(area);
    let mut terms = vec![legend::PEEK];
    if pane.rows().iter().any(|r| r.inline) {
        terms.push(legend::INLINE);
    }
    frame.render_widget(
        block(if pane.func().is_some() { &terms } else { &[] }),
        area,
    );
    if pane.func().is_none() {
        let msg = if app.selection().is_none() {
            "select a function in another pane first"
        } else {
            "computing callers and callees…"
        };
        frame.render_widget(Paragraph::new(Line::styled(msg, theme.dim())), inner);
        return;
    }
    let num = Numbers::of(app);
    let focus_cum = pane
        .rows()
        .iter()
        .find(|r| r.role == PeekRole::Focus)
        .map_or(0, |r| r.cum);
    let body_h = layout.body.height as usize;
    let rows = pane.rows();
    let first = pane.table.offset.min(rows.len());
    let last = (first + body_h).min(rows.len());
    // "of func": the share of the function's cum that comes from that caller or goes to
    // that callee; narrow terminals drop "of total" first, then "of func".
    let mut cols = [
        Col::new("value", 0),
        Col::new("of func", 1),
        Col::new("of total", 2),
    ];
    for r in &rows[first..last] {
        cols[0].push(num.value(r.cum));
        cols[1].push(match r.role {
            PeekRole::Focus => String::new(),
            _ => num.pct_of(r.value, focus_cum),
        });
        cols[2].push(num.pct(r.cum));
    }
    let (cols, name_w) = fit(cols.into(), inner.width as usize);
    let mut names = Vec::new();
    let mut styles = Vec::new();
    for (k, r) in rows[first..last].iter().enumerate() {
        let mut n = app.func_name(r.node);
        let matched = app.is_match(&n);
        if r.inline {
            n.push_str(" (inline)");
        }
        let label = match r.role {
            PeekRole::Caller => format!("  ↑ {}", fit_name(&n, name_w.saturating_sub(4))),
            PeekRole::Focus => {
                let flat = format!("  (flat {})", num.value(r.value));
                let room = name_w.saturating_sub(2 + width(&flat));
                format!("● {}{flat}", fit_name(&n, room))
            }
            PeekRole::Callee => format!("  ↓ {}", fit_name(&n, name_w.saturating_sub(4))),
        };
        names.push(if matched {
            Cell::from(Span::styled(label, theme.matched()))
        } else {
            Cell::from(label)
        });
        styles.push(if first + k == pane.table.selected {
            theme.selected()
        } else if r.role == PeekRole::Focus {
            theme.title()
        } else {
            theme.text()
        });
    }
    frame.render_widget(
        table(&cols, "name", names, &styles, theme.column_header()),
        inner,
    );
}
