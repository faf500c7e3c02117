//! The butterfly pane: the selected function's callers as a tree above it (↑, each with
//! the value that flows through that call path into the function) and its callees as a
//! tree below it (↓), the function between them — pprof's -peek at the first level.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph};

use super::Theme;
use super::columns::{Col, fit, table};
use super::numbers::Numbers;
use super::pane_frame::legend::{self, Term};
use super::pane_frame::pane_block_with_legend;
use super::text::{fit_name, width};
use crate::app::butterfly_pane::Role;
use crate::app::{App, FrameLayout};

/// Draws the pane into `area`.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, layout: &FrameLayout) {
    let area = super::rect(layout.pane);
    let pane = app.butterfly();
    // While its butterfly is computed, the function asked for.
    let name = pane
        .func()
        .or(app.selection())
        .map(|f| app.func_name(f))
        .unwrap_or_default();
    let selected = pane
        .current()
        .and_then(|r| pane.frame(&r))
        .map(|f| app.func_name(f));
    let title = format!("Butterfly — {name}");
    let block = |terms: &[Term]| {
        pane_block_with_legend(app, theme, &title, area.width, selected.as_deref(), terms)
    };
    let inner = block(&[]).inner(area);
    let t = app.view_key().sample.index();
    let rows = pane.rows();
    let inline = |r: &crate::app::butterfly_pane::ButterflyRow| {
        r.depth > 0 && pane.half_of(r).is_some_and(|h| h.is_inline(r.node, t))
    };
    let mut terms = vec![legend::PEEK];
    if rows.iter().any(|r| r.depth > 1) {
        terms.push(legend::BUTTERFLY);
    }
    if rows.iter().any(inline) {
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
            "computing the butterfly (callers and callees)…"
        };
        frame.render_widget(Paragraph::new(Line::styled(msg, theme.dim())), inner);
        return;
    }
    let num = Numbers::of(app);
    let focus_cum = rows
        .iter()
        .find(|r| r.role == Role::Focus)
        .and_then(|r| pane.half_of(r).map(|h| h.cum(r.node, t)))
        .unwrap_or(0);
    let body_h = layout.body.height as usize;
    let first = pane.table.offset.min(rows.len());
    let last = (first + body_h).min(rows.len());
    // "of func": the share of the function's cum that comes through that call path (or
    // goes to it); narrow terminals drop "of total" first, then "of func".
    let mut cols = [
        Col::new("value", 0),
        Col::new("of func", 1),
        Col::new("of total", 2),
    ];
    for r in &rows[first..last] {
        let cum = pane.half_of(r).map_or(0, |h| h.cum(r.node, t));
        cols[0].push_span(num.value_span(cum, theme));
        cols[1].push(match r.role {
            Role::Focus => String::new(),
            _ => num.pct_of(cum, focus_cum),
        });
        cols[2].push(num.pct(cum));
    }
    let (cols, name_w) = fit(cols.into(), inner.width as usize);
    let mut names = Vec::new();
    let mut styles = Vec::new();
    for (k, r) in rows[first..last].iter().enumerate() {
        let mut n = pane.frame(r).map(|f| app.func_name(f)).unwrap_or_default();
        let matched = app.is_match(&n);
        if inline(r) {
            n.push_str(" (inline)");
        }
        let indent = ((r.depth.saturating_sub(1)) as usize * 2).min(name_w / 3);
        let marker = match (r.has_children, r.expanded) {
            (false, _) => " ",
            (true, true) => "▾",
            (true, false) => "▸",
        };
        let label = match r.role {
            Role::Focus => {
                let flat = pane.half_of(r).map_or(0, |h| h.flat(r.node, t));
                let flat = format!("  (flat {})", num.value(flat));
                let room = name_w.saturating_sub(2 + width(&flat));
                format!("● {}{flat}", fit_name(&n, room))
            }
            role => {
                let arrow = if role == Role::Caller { "↑" } else { "↓" };
                let head = format!("{}{marker}{arrow} ", " ".repeat(indent + 1));
                format!(
                    "{head}{}",
                    fit_name(&n, name_w.saturating_sub(width(&head)))
                )
            }
        };
        names.push(if matched {
            Cell::from(Span::styled(label, theme.matched()))
        } else {
            Cell::from(label)
        });
        styles.push(if first + k == pane.table.selected {
            theme.selected()
        } else if r.role == Role::Focus {
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
