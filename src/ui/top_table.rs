//! The top table: flat, flat%, sum%, cum, cum%, raw samples (heap), name — or in-use and
//! alloc side by side with the retained share. Only the visible rows are built.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table};

use super::Theme;
use super::text::fit;
use crate::analysis::units::percentage;
use crate::analysis::view::TopView;
use crate::app::{Action, App};

/// Rows resting on fewer raw samples than this are marked.
const FEW_RAW: f64 = 2.5;

/// Draws the table into `area` (with its border).
pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let key = app.view_key();
    let st = &app.profile().sample_types[key.sample.index()];
    let block =
        super::pane_frame::pane_block(app, theme, &format!("Top ({})", key.granularity.name()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let pane = app.top();
    let Some(view) = pane.view() else {
        let msg = Paragraph::new(Line::styled("computing…", theme.dim()));
        frame.render_widget(msg, inner);
        return;
    };
    let k = |a| super::notice_text::key(app, a);
    if pane.is_empty() {
        let msg = if !view.warnings.is_empty() {
            format!(
                "{}. Press {} to undo the refinement.",
                view.warnings.join("; "),
                k(Action::UndoRefine)
            )
        } else if pane.filtered() {
            format!(
                "No row matches the search. Press {} to show all rows.",
                k(Action::ToggleMatchOnly)
            )
        } else if app.filters().is_active() {
            format!(
                "The refinements leave no samples. Press {} to undo the last one.",
                k(Action::UndoRefine)
            )
        } else {
            format!(
                "No samples have a non-zero {} value. Press {} to try another sample type.",
                st.ty,
                k(Action::NextSampleType)
            )
        };
        frame.render_widget(
            Paragraph::new(Line::styled(
                fit(&msg, inner.width as usize),
                theme.warning(),
            )),
            inner,
        );
        return;
    }
    let body_h = inner.height.saturating_sub(1) as usize;
    let first = pane.table.offset.min(pane.len());
    let last = (first + body_h).min(pane.len());
    let (header, widths, rows) = if let Some(pairs) = &view.pairs {
        side_by_side(view, pairs, first..last, app, theme, inner.width)
    } else {
        single(view, first..last, app, theme, inner.width)
    };
    let table = Table::new(rows, widths).header(header).column_spacing(1);
    frame.render_widget(table, inner);
}

fn name_cell(app: &App, theme: &Theme, name: &str, inline: &str, width: usize) -> Cell<'static> {
    let text = if inline.is_empty() {
        fit(name, width)
    } else {
        fit(&format!("{name} {inline}"), width)
    };
    if app.is_match(name) {
        Cell::from(Span::styled(text, theme.matched()))
    } else {
        Cell::from(text)
    }
}

fn row_style(i: usize, app: &App, theme: &Theme) -> Style {
    if i == app.top().table.selected {
        theme.selected()
    } else {
        theme.text()
    }
}

type Parts = (Row<'static>, Vec<Constraint>, Vec<Row<'static>>);

fn single(
    view: &TopView,
    range: std::ops::Range<usize>,
    app: &App,
    theme: &Theme,
    width: u16,
) -> Parts {
    let r = &view.report;
    let raw = view.raw_samples.as_ref();
    let mut widths = vec![
        Constraint::Length(11),
        Constraint::Length(7),
        Constraint::Length(7),
        Constraint::Length(11),
        Constraint::Length(7),
    ];
    let mut head = vec![
        format!("{:>11}", "flat"),
        format!("{:>6}", "flat%"),
        format!("{:>6}", "sum%"),
        format!("{:>11}", "cum"),
        format!("{:>6}", "cum%"),
    ];
    if raw.is_some() {
        widths.push(Constraint::Length(6));
        head.push(format!("{:>5}", "~smpl"));
    }
    let fixed: u16 = widths
        .iter()
        .map(|c| {
            if let Constraint::Length(l) = c {
                l + 1
            } else {
                0
            }
        })
        .sum();
    let name_w = width.saturating_sub(fixed) as usize;
    widths.push(Constraint::Min(4));
    head.push("name".into());
    let header = Row::new(head.into_iter().map(Cell::from)).style(theme.column_header());
    let rows = range
        .map(|i| {
            let Some(ri) = app.top().row_index(i) else {
                return Row::default();
            };
            let Some(row) = r.rows.get(ri) else {
                return Row::default();
            };
            let mut cells = vec![
                Cell::from(format!("{:>11}", r.format_value(row.flat))),
                Cell::from(percentage(row.flat, r.total)),
                Cell::from(percentage(row.sum, r.total)),
                Cell::from(format!("{:>11}", r.format_value(row.cum))),
                Cell::from(percentage(row.cum, r.total)),
            ];
            if let Some(raw) = raw {
                cells.push(raw_cell(raw.get(ri).copied().unwrap_or(0.0), theme));
            }
            cells.push(name_cell(app, theme, &row.name, row.inline, name_w));
            Row::new(cells).style(row_style(i, app, theme))
        })
        .collect();
    (header, widths, rows)
}

fn raw_cell(raw: f64, theme: &Theme) -> Cell<'static> {
    let text = if raw < 0.5 {
        "<1".to_string()
    } else {
        format!("{raw:.0}")
    };
    if raw > 0.0 && raw < FEW_RAW {
        Cell::from(Span::styled(
            format!("{:>5}", format!("!{text}")),
            theme.warning(),
        ))
    } else {
        Cell::from(format!("{text:>5}"))
    }
}

fn side_by_side(
    view: &TopView,
    pairs: &[crate::analysis::view::PairValues],
    range: std::ops::Range<usize>,
    app: &App,
    theme: &Theme,
    width: u16,
) -> Parts {
    let r = &view.report;
    let widths = vec![
        Constraint::Length(11),
        Constraint::Length(11),
        Constraint::Length(11),
        Constraint::Length(11),
        Constraint::Length(9),
        Constraint::Min(4),
    ];
    let name_w = width.saturating_sub(58) as usize;
    let head = [
        " inuse flat",
        "  inuse cum",
        " alloc flat",
        "  alloc cum",
        " retained",
        "name",
    ];
    let header =
        Row::new(head.into_iter().map(|h| Cell::from(h.to_string()))).style(theme.column_header());
    let fmt = |v: i64| format!("{:>11}", r.format_value(v));
    let rows = range
        .map(|i| {
            let Some(ri) = app.top().row_index(i) else {
                return Row::default();
            };
            let (Some(row), Some(&pv)) = (r.rows.get(ri), pairs.get(ri)) else {
                return Row::default();
            };
            let retained = match pv.retained_pct() {
                Some(p) => {
                    let s = format!("{p:>8.1}%");
                    if p >= 50.0 {
                        Cell::from(Span::styled(s, theme.hot()))
                    } else {
                        Cell::from(s)
                    }
                }
                None => Cell::from(format!("{:>9}", "-")),
            };
            Row::new(vec![
                Cell::from(fmt(pv.inuse_flat)),
                Cell::from(fmt(pv.inuse_cum)),
                Cell::from(fmt(pv.alloc_flat)),
                Cell::from(fmt(pv.alloc_cum)),
                retained,
                name_cell(app, theme, &row.name, row.inline, name_w),
            ])
            .style(row_style(i, app, theme))
        })
        .collect();
    (header, widths, rows)
}
