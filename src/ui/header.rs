//! The header: file, profile kind, time, duration, period, then the sample types with
//! the active one marked, its total, the order and the mode.

use ratatui::text::{Line, Span};

use super::Theme;
use super::notice_text::key as key_of;
use super::text::fit;
use crate::analysis::header::{go_time, profile_kind};
use crate::analysis::units;
use crate::app::{Action, App};

/// Number of header lines for `app` at `width` columns.
pub fn height(app: &App, width: usize) -> usize {
    let mut n = 2;
    if app.filters().is_active() {
        n += 1;
    }
    if app.search().is_some() {
        n += 1;
    }
    let _ = width;
    n
}

/// The header lines for `app`, at most `width` columns wide.
pub fn lines(app: &App, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let p = app.profile();
    let key = app.view_key();
    let mut first = vec![
        Span::styled("memprof-tui ", theme.title()),
        Span::raw(fit(app.inputs(), width / 3)),
        Span::styled(format!("  {} profile", profile_kind(p)), theme.text()),
    ];
    if p.duration_nanos != 0 {
        // pprof's "Total samples = … (…%)": for time-valued types, the share of the
        // wall-clock duration the samples cover.
        let mut text = format!(
            "  duration {}",
            units::label(p.duration_nanos, "nanoseconds")
        );
        if let Some(v) = app.view() {
            let (nanos, unit) = units::scale(v.report.total, &v.report.sample_unit, "nanoseconds");
            if unit == "ns" && nanos != 0.0 {
                text.push_str(&format!(
                    ", samples {} ({})",
                    v.report.format_value(v.report.total),
                    units::percentage(nanos as i64, p.duration_nanos).trim()
                ));
            }
        }
        first.push(Span::styled(text, theme.dim()));
    }
    if let Some(pt) = &p.period_type
        && p.period != 0
    {
        first.push(Span::styled(
            format!(
                "  period {} ({})",
                units::label(p.period, &pt.unit),
                fit(&pt.ty, 20)
            ),
            theme.dim(),
        ));
    }
    // The time comes last: it is the first thing to go on a narrow terminal.
    if p.time_nanos != 0 {
        first.push(Span::styled(
            format!("  {}", go_time(p.time_nanos)),
            theme.dim(),
        ));
    }
    let mut second = vec![Span::styled("type ", theme.dim())];
    for (i, t) in p.sample_types.iter().enumerate() {
        let style = if i == key.sample.index() {
            theme.active()
        } else {
            theme.dim()
        };
        second.push(Span::styled(fit(&t.ty, 24), style));
        second.push(Span::raw(" "));
    }
    if let Some(v) = app.view() {
        second.push(Span::styled(" total ", theme.dim()));
        second.push(Span::styled(
            v.report.format_value(v.report.total),
            theme.title(),
        ));
    }
    second.push(Span::styled(
        format!("  sort {}", key.sort.label()),
        theme.dim(),
    ));
    second.push(Span::styled(
        format!("  {}", key.granularity.name()),
        theme.dim(),
    ));
    if key.side_by_side {
        second.push(Span::styled(
            "  in-use | alloc side by side",
            theme.warning(),
        ));
    }
    let mut lines = vec![Line::from(first), Line::from(second)];
    let filters = app.filters();
    if filters.is_active() {
        let mut third = vec![Span::styled("refined ", theme.warning())];
        for f in filters.active() {
            third.push(Span::styled(fit(&f, width / 2), theme.warning()));
            third.push(Span::raw("  "));
        }
        if filters.relative_percentages {
            third.push(Span::styled("relative %  ", theme.warning()));
        }
        third.push(Span::styled(
            format!(
                "({} undoes, {} clears)",
                key_of(app, Action::UndoRefine),
                key_of(app, Action::ClearRefinements)
            ),
            theme.dim(),
        ));
        lines.push(Line::from(third));
    }
    if let Some(s) = app.search() {
        let only = if app.match_only() {
            format!(
                " (only matching rows: {})",
                key_of(app, Action::ToggleMatchOnly)
            )
        } else {
            String::new()
        };
        lines.push(Line::from(vec![
            Span::styled("search ", theme.dim()),
            Span::styled(fit(&s.text, width / 2), theme.key()),
            Span::styled(
                format!(
                    "{only}  {}/{} next/previous, {} clears",
                    key_of(app, Action::SearchNext),
                    key_of(app, Action::SearchPrev),
                    key_of(app, Action::Back)
                ),
                theme.dim(),
            ),
        ]));
    }
    lines
}
