//! The call-tree pane: cum, cum%, flat, flat% and the indented frame name with expand
//! markers; only the visible rows are built.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table};

use super::Theme;
use super::pane_frame::{pane_block, values};
use super::text::fit;
use crate::analysis::call_tree::Direction;
use crate::analysis::units::percentage;
use crate::app::App;

/// Draws the tree into `area`.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let pane = app.tree();
    let dir = match pane.direction() {
        Direction::TopDown => "top-down",
        Direction::BottomUp => "bottom-up: where it was taken, then its callers",
    };
    let block = pane_block(app, theme, &format!("Call tree — {dir}"));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(tree) = pane.tree() else {
        frame.render_widget(
            Paragraph::new(Line::styled("computing the call tree…", theme.dim())),
            inner,
        );
        return;
    };
    let t = app.view_key().sample.index();
    let (total, fmt) = values(app);
    let body_h = inner.height.saturating_sub(1) as usize;
    let rows = pane.rows();
    let table = pane.table();
    let first = table.offset.min(rows.len());
    let last = (first + body_h).min(rows.len());
    let name_w = inner.width.saturating_sub(46) as usize;
    let head = [
        format!("{:>11}", "cum"),
        format!("{:>6}", "cum%"),
        format!("{:>11}", "flat"),
        format!("{:>6}", "flat%"),
        "name".to_string(),
    ];
    let header = Row::new(head.into_iter().map(Cell::from)).style(theme.column_header());
    let lines = (first..last).map(|i| {
        let r = rows[i];
        let (cum, flat) = (tree.cum(r.node, t), tree.flat(r.node, t));
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
        let mut name = tree
            .frame(r.node)
            .map(|f| app.func_name(f))
            .unwrap_or_default();
        let matched = app.is_match(&name);
        if tree.is_inline(r.node) {
            name.push_str(" (inline)");
        }
        let label = format!(
            "{}{deep}{marker}{}",
            " ".repeat(indent),
            fit(&name, name_w.saturating_sub(indent + deep.len() + 2))
        );
        let style = if i == table.selected {
            theme.selected()
        } else {
            theme.text()
        };
        Row::new(vec![
            Cell::from(format!("{:>11}", fmt(cum))),
            Cell::from(percentage(cum, total)),
            Cell::from(format!("{:>11}", fmt(flat))),
            Cell::from(percentage(flat, total)),
            Cell::from(if matched {
                Span::styled(label, theme.matched())
            } else {
                Span::raw(label)
            }),
        ])
        .style(style)
    });
    let widths = [
        Constraint::Length(11),
        Constraint::Length(7),
        Constraint::Length(11),
        Constraint::Length(7),
        Constraint::Min(4),
    ];
    frame.render_widget(
        Table::new(lines, widths).header(header).column_spacing(1),
        inner,
    );
}
