//! The header: file, profile kind, time, duration, period, then the sample types with
//! the active one marked, its total, the order and the mode.

use ratatui::text::{Line, Span};

use super::Theme;
use super::text::fit;
use crate::analysis::header::{go_time, profile_kind};
use crate::analysis::units;
use crate::app::App;

/// The header lines for `app`, at most `width` columns wide.
pub fn lines(app: &App, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let p = &app.profile;
    let mut first = vec![
        Span::styled("memprof-tui ", theme.title()),
        Span::raw(fit(&app.inputs, width / 3)),
        Span::styled(format!("  {} profile", profile_kind(p)), theme.text()),
    ];
    if p.time_nanos != 0 {
        first.push(Span::styled(format!("  {}", go_time(p.time_nanos)), theme.dim()));
    }
    if p.duration_nanos != 0 {
        first.push(Span::styled(
            format!("  duration {}", units::label(p.duration_nanos, "nanoseconds")),
            theme.dim(),
        ));
    }
    if let Some(pt) = &p.period_type
        && p.period != 0
    {
        first.push(Span::styled(
            format!("  period {} ({})", units::label(p.period, &pt.unit), fit(&pt.ty, 20)),
            theme.dim(),
        ));
    }
    let mut second = vec![Span::styled("type ", theme.dim())];
    for (i, t) in p.sample_types.iter().enumerate() {
        let style = if i == app.key.sample_index { theme.active() } else { theme.dim() };
        second.push(Span::styled(fit(&t.ty, 24), style));
        second.push(Span::raw(" "));
    }
    if let Some(v) = app.view() {
        second.push(Span::styled(" total ", theme.dim()));
        second.push(Span::styled(v.report.format_value(v.report.total), theme.title()));
    }
    second.push(Span::styled(format!("  sort {}", app.key.sort.label()), theme.dim()));
    second.push(Span::styled(format!("  {}", app.key.granularity.name()), theme.dim()));
    if app.key.side_by_side {
        second.push(Span::styled("  in-use | alloc side by side", theme.warning()));
    }
    vec![Line::from(first), Line::from(second)]
}
