//! The top table: flat, flat%, sum%, cum, cum%, raw samples (heap, sampled), name — or
//! in-use and alloc side by side with the retained share. Only the visible rows are built;
//! columns fit the terminal (see `columns`).

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph};

use super::Theme;
use super::columns::{Col, fit, table};
use super::numbers::Numbers;
use super::pane_frame::legend::{self, Term};
use super::pane_frame::pane_block_with_legend;
use super::text::fit_name;
use crate::analysis::view::{PairValues, TopView};
use crate::app::{Action, App, FrameLayout};

/// Rows resting on fewer raw samples than this are marked.
const FEW_RAW: f64 = 2.5;

/// Draws the table into `area` (with its border).
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, layout: &FrameLayout) {
    let area = super::rect(layout.pane);
    let key = app.view_key();
    let st = &app.profile().sample_types[key.sample.index()];
    let pane = app.top();
    let selected = pane.view().and_then(|v| {
        let row = v.report.rows.get(pane.row_index(pane.table.selected)?)?;
        Some(
            format!("{} {}", row.name, row.inline)
                .trim_end()
                .to_string(),
        )
    });
    let title = format!("Top ({})", key.granularity.name());
    let block = |terms: &[Term]| {
        pane_block_with_legend(app, theme, &title, area.width, selected.as_deref(), terms)
    };
    let inner = block(&[]).inner(area);
    let Some(view) = pane.view() else {
        frame.render_widget(block(&[]), area);
        let msg = Paragraph::new(Line::styled("computing…", theme.dim()));
        frame.render_widget(msg, inner);
        return;
    };
    let k = |a| super::notice_text::key(app, a);
    if pane.is_empty() {
        frame.render_widget(block(&[]), area);
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
        } else if let Some(u) = app.unchanged_fetch() {
            super::notice_text::unchanged(app, u)
        } else if app.live().showing_change() {
            format!(
                "No change in {} since the previous fetch. Press {} to try another sample type.",
                st.ty,
                k(Action::NextSampleType)
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
        // Wrapped: the key that helps comes last and must not be cut off.
        let lines: Vec<Line> = super::text::wrap(&msg, usize::from(inner.width).max(1))
            .into_iter()
            .map(|l| Line::styled(l, theme.warning()))
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    }
    let body_h = layout.body.height as usize;
    let first = pane.table.offset.min(pane.len());
    let last = (first + body_h).min(pane.len());
    let rows: Vec<usize> = (first..last).filter_map(|i| pane.row_index(i)).collect();
    let num = Numbers::of(app);
    let cols = match &view.pairs {
        Some(pairs) => side_by_side(pairs, &rows, &num, theme),
        None => single(view, &rows, &num, app, theme),
    };
    let (cols, name_w) = fit(cols, inner.width as usize);
    let mut names = Vec::new();
    let mut styles = Vec::new();
    for (k, &ri) in rows.iter().enumerate() {
        let row = &view.report.rows[ri];
        names.push(name_cell(app, theme, &row.name, row.inline, name_w));
        styles.push(if first + k == pane.table.selected {
            theme.selected()
        } else {
            theme.text()
        });
    }
    let terms = markers(app, view, &rows, &cols, pane.row_index(pane.table.selected));
    frame.render_widget(block(&terms), area);
    let t = table(&cols, "name", names, &styles, theme.column_header());
    frame.render_widget(t, inner);
}

/// The markers the drawn rows show, the selected row's first: its inline mark and a
/// raw-sample warning, then the columns' and the other rows'.
fn markers(
    app: &App,
    view: &TopView,
    rows: &[usize],
    cols: &[Col],
    selected: Option<usize>,
) -> Vec<Term> {
    let r = &view.report;
    let raw = view
        .raw_samples
        .as_ref()
        .filter(|_| cols.iter().any(|c| c.header() == "~smpl"));
    let few = |i: usize| {
        raw.and_then(|v| v.get(i))
            .is_some_and(|&x| x > 0.0 && x < FEW_RAW)
    };
    let inline = |i: usize| match r.rows.get(i).map(|row| row.inline) {
        Some("(inline)") => Some(legend::INLINE),
        Some("(partial-inline)") => Some(legend::PARTIAL_INLINE),
        _ => None,
    };
    let mut out = Vec::new();
    if let Some(i) = selected.filter(|i| rows.contains(i)) {
        out.extend(inline(i));
        if few(i) {
            out.push(legend::FEW);
        }
    }
    if view.pairs.is_some() && cols.iter().any(|c| c.header() == "kept cum") {
        out.push(legend::KEPT);
    }
    if raw.is_some() && app.diff().is_none() {
        out.push(legend::SMPL);
    }
    if rows.iter().any(|&i| few(i)) {
        out.push(legend::FEW);
    }
    out.extend(rows.iter().filter_map(|&i| inline(i)));
    out
}

fn name_cell(app: &App, theme: &Theme, name: &str, inline: &str, width: usize) -> Cell<'static> {
    let text = if inline.is_empty() {
        fit_name(name, width)
    } else {
        let tag = format!(" {inline}");
        let room = width.saturating_sub(super::text::width(&tag));
        format!("{}{tag}", fit_name(name, room))
    };
    if app.is_match(name) {
        Cell::from(Span::styled(text, theme.matched()))
    } else {
        Cell::from(text)
    }
}

/// The columns of the usual table; narrow terminals drop ~smpl, then sum%, cum%, flat%,
/// then cum (flat and the name stay).
fn single(view: &TopView, rows: &[usize], num: &Numbers, app: &App, theme: &Theme) -> Vec<Col> {
    let r = &view.report;
    let mut flat = Col::new("flat", 0);
    let mut flat_pct = Col::new("flat%", 2);
    let mut sum = Col::new("sum%", 4);
    let mut cum = Col::new("cum", 1);
    let mut cum_pct = Col::new("cum%", 3);
    for &i in rows {
        let row = &r.rows[i];
        flat.push_span(num.value_span(row.flat, theme));
        flat_pct.push(num.pct(row.flat));
        sum.push(num.pct(row.sum));
        cum.push_span(num.value_span(row.cum, theme));
        cum_pct.push(num.pct(row.cum));
    }
    let mut cols = vec![flat, flat_pct, sum, cum, cum_pct];
    // Raw samples only where values are estimates (MemProfileRate > 1), and not in a diff,
    // whose values are differences of estimates.
    if let Some(raw) = view
        .raw_samples
        .as_ref()
        .filter(|_| app.profile().period > 1 && app.diff().is_none())
    {
        let mut c = Col::new("~smpl", 5);
        for &i in rows {
            c.push_span(raw_cell(raw.get(i).copied().unwrap_or(0.0), theme));
        }
        cols.push(c);
    }
    cols
}

fn raw_cell(raw: f64, theme: &Theme) -> Span<'static> {
    let text = if raw < 0.5 {
        "<1".to_string()
    } else {
        crate::analysis::compact::value(raw.round() as i64, "count")
    };
    if raw > 0.0 && raw < FEW_RAW {
        Span::styled(format!("!{text}"), theme.warning())
    } else {
        Span::raw(text)
    }
}

/// In-use and alloc side by side with the retained share (in-use cum ÷ alloc cum, as
/// the flame graph colours it); narrow terminals drop the cums first.
fn side_by_side(pairs: &[PairValues], rows: &[usize], num: &Numbers, theme: &Theme) -> Vec<Col> {
    let mut cols = [
        Col::new("inuse", 0),
        Col::new("inuse cum", 3),
        Col::new("alloc", 0),
        Col::new("alloc cum", 2),
        Col::new("kept cum", 1),
    ];
    for &i in rows {
        let pv = pairs.get(i).copied().unwrap_or_default();
        cols[0].push(num.value(pv.inuse_flat));
        cols[1].push(num.value(pv.inuse_cum));
        cols[2].push(num.value(pv.alloc_flat));
        cols[3].push(num.value(pv.alloc_cum));
        cols[4].push_span(match pv.retained_pct() {
            Some(p) if p >= 50.0 => Span::styled(format!("{p:.1}%"), theme.hot()),
            Some(p) => Span::raw(format!("{p:.1}%")),
            None => Span::raw("-"),
        });
    }
    cols.into()
}
