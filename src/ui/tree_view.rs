//! The call-tree pane: cum, cum%, flat, flat% and the indented frame name with expand
//! markers; only the visible rows are built.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph};

use super::Theme;
use super::columns::{Col, fit, table};
use super::numbers::Numbers;
use super::pane_frame::legend::{self, Term};
use super::pane_frame::pane_block_with_legend;
use super::text::{fit_name, width};
use crate::analysis::call_tree::Direction;
use crate::app::{App, FrameLayout};

/// Draws the tree into `area`.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, layout: &FrameLayout) {
    let area = super::rect(layout.pane);
    let pane = app.tree();
    let dir = match pane.direction() {
        Direction::TopDown => "top-down",
        Direction::BottomUp => "bottom-up: where it was taken, then its callers",
    };
    let selected = pane.tree().and_then(|t| {
        let row = pane.rows().get(pane.table().selected)?;
        t.frame(row.node).map(|f| app.func_name(f))
    });
    let title = format!("Call tree — {dir}");
    let block = |terms: &[Term]| {
        pane_block_with_legend(app, theme, &title, area.width, selected.as_deref(), terms)
    };
    let inner = block(&[]).inner(area);
    let Some(tree) = pane.tree() else {
        frame.render_widget(block(&[]), area);
        frame.render_widget(
            Paragraph::new(Line::styled("computing the call tree…", theme.dim())),
            inner,
        );
        return;
    };
    let t = app.view_key().sample.index();
    let num = Numbers::of(app);
    let body_h = layout.body.height as usize;
    let rows = pane.rows();
    let table_state = pane.table();
    let first = table_state.offset.min(rows.len());
    let last = (first + body_h).min(rows.len());
    // Narrow terminals drop flat%, then cum%, then flat (cum and the name stay).
    let mut cols = [
        Col::new("cum", 0),
        Col::new("cum%", 2),
        Col::new("flat", 1),
        Col::new("flat%", 3),
    ];
    for r in &rows[first..last] {
        let (cum, flat) = (tree.cum(r.node, t), tree.flat(r.node, t));
        cols[0].push_span(num.value_span(cum, theme));
        cols[1].push(num.pct(cum));
        cols[2].push_span(num.value_span(flat, theme));
        cols[3].push(num.pct(flat));
    }
    let (cols, name_w) = fit(cols.into(), inner.width as usize);
    let mut names = Vec::new();
    let mut styles = Vec::new();
    // The markers on screen, the selected row's first.
    let mut terms = Vec::new();
    let mut others = Vec::new();
    for (k, r) in rows[first..last].iter().enumerate() {
        let indent = (r.depth as usize * 2).min(name_w / 2);
        let marker = match (r.has_children, r.expanded) {
            (false, _) => "  ",
            (true, true) => "▾ ",
            (true, false) => "▸ ",
        };
        let deep = if r.depth as usize * 2 > indent {
            format!("⋯{} ", r.depth)
        } else {
            String::new()
        };
        let name = tree
            .frame(r.node)
            .map(|f| app.func_name(f))
            .unwrap_or_default();
        let matched = app.is_match(&name);
        let inline = if tree.is_inline(r.node) {
            " (inline)"
        } else {
            ""
        };
        let here = if first + k == table_state.selected {
            &mut terms
        } else {
            &mut others
        };
        if !inline.is_empty() {
            here.push(legend::INLINE);
        }
        if !deep.is_empty() {
            here.push(legend::DEEP);
        }
        let room = name_w.saturating_sub(indent + width(&deep) + 2 + inline.len());
        let label = format!(
            "{}{deep}{marker}{}{inline}",
            " ".repeat(indent),
            fit_name(&name, room)
        );
        names.push(Cell::from(if matched {
            Span::styled(label, theme.matched())
        } else {
            Span::raw(label)
        }));
        styles.push(if first + k == table_state.selected {
            theme.selected()
        } else {
            theme.text()
        });
    }
    terms.extend(others);
    frame.render_widget(block(&terms), area);
    frame.render_widget(
        table(&cols, "name", names, &styles, theme.column_header()),
        inner,
    );
}
