//! What every pane shares: its bordered block with the pane tabs in the title, and the
//! current sample type's total and value formatting.

use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};

use super::Theme;
use super::text::fit;
use crate::analysis::units;
use crate::app::{App, PaneId};

/// A bordered block titled with the pane tabs (the focused one marked) and `title`.
pub fn pane_block(app: &App, theme: &Theme, title: &str) -> Block<'static> {
    let mut spans = vec![Span::raw(" ")];
    for (i, p) in PaneId::ALL.iter().enumerate() {
        let style = if *p == app.focus() {
            theme.active()
        } else {
            theme.dim()
        };
        spans.push(Span::styled(format!("{} {}", i + 1, p.title()), style));
        spans.push(Span::raw(" "));
    }
    let st = &app.profile().sample_types[app.view_key().sample.index()];
    spans.push(Span::styled(
        format!("│ {} — {} ", fit(title, 60), fit(&st.ty, 30)),
        theme.title(),
    ));
    // Behind an open overlay the pane does not have the keys: its border says so.
    let border = if app.overlay().is_some() {
        theme.border()
    } else {
        theme.border_focused()
    };
    Block::default()
        .borders(Borders::ALL)
        .border_style(border)
        .title(Line::from(spans))
}

/// The percentage base and a value formatter for the current sample type: the table's
/// when computed (pprof's units), else pprof's automatic units.
pub fn values(app: &App) -> (i64, Box<dyn Fn(i64) -> String + '_>) {
    match app.view() {
        Some(v) => (v.report.total, Box::new(move |x| v.report.format_value(x))),
        None => {
            let t = app.view_key().sample.index();
            let unit = app.profile().sample_types[t].unit.clone();
            let total = crate::analysis::top::total(app.profile(), t);
            (total, Box::new(move |x| units::label(x, &unit)))
        }
    }
}
