//! The header: file, profile kind, heap facts, cut stacks, duration, period, time; then
//! the sample types with the active one marked, its total, the order, the granularity and
//! the modes — each line degrading by a fixed priority on narrow terminals.

use ratatui::text::{Line, Span};

use super::Theme;
use super::notice_text::key as key_of;
use super::numbers::Numbers;
use super::text::{fit, fit_name, width as text_width};
use crate::analysis::header::{clock_time, go_time, profile_kind};
use crate::analysis::{compact, units};
use crate::app::{Action, App};
use crate::sanitize::sanitize;

/// Number of header lines for `app` at `width` columns.
pub fn height(app: &App, width: usize) -> usize {
    let _ = width;
    2 + usize::from(refined(app)) + usize::from(app.search().is_some())
}

fn refined(app: &App) -> bool {
    let f = app.filters();
    f.is_active() || f.relative_percentages
}

/// Parts of a line with a rank: when the line is too wide, the highest ranks go first
/// (rank 0 stays); `flex` is the part shortened to what is left (a file name).
fn fit_parts(
    mut parts: Vec<(u8, Span<'static>)>,
    flex: Option<usize>,
    width: usize,
) -> Line<'static> {
    let w = |s: &Span| text_width(&s.content);
    let mut flex = flex;
    // Droppable parts go first, highest rank first; the flexible part (the file name) is
    // worth more than any of them, so it is shortened only when none is left.
    loop {
        let total: usize = parts.iter().map(|(_, s)| w(s)).sum();
        let flex_w = flex.map_or(0, |i| w(&parts[i].1));
        let room = width.saturating_sub(total - flex_w);
        let fits = total <= width;
        let drop = parts
            .iter()
            .enumerate()
            .filter(|(_, (r, _))| *r > 0)
            .max_by_key(|(i, (r, _))| (*r, *i))
            .map(|(i, _)| i);
        match drop {
            Some(at) if !fits => {
                parts.remove(at);
                if let Some(f) = flex.as_mut()
                    && *f > at
                {
                    *f -= 1;
                }
            }
            _ => {
                if let Some(i) = flex {
                    let s = &parts[i].1;
                    parts[i].1 = Span::styled(fit_name(&s.content, room), s.style);
                }
                break;
            }
        }
    }
    let mut line = Line::from(parts.into_iter().map(|(_, s)| s).collect::<Vec<_>>());
    // A last cut for terminals narrower than the parts that stay.
    if line.width() > width {
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        line = Line::raw(fit(&text, width));
    }
    line
}

/// "  fetched 03:27:06", with the refetch in flight when there is one; `None` when no
/// input was fetched.
fn live_label(app: &App) -> Option<String> {
    let live = app.live();
    let at = live.fetched_at().filter(|_| live.is_live())?;
    let secs = at
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let mut text = format!("  fetched {}", clock_time(secs));
    if let Some(p) = live.in_flight() {
        text.push_str(&format!(
            ", refetching {} s / {} s",
            p.elapsed.as_secs(),
            p.limit.as_secs()
        ));
    } else if live.is_fetching() {
        text.push_str(", refetching");
    }
    Some(text)
}

/// "  heap profile", or "  profile" for a kind without a name.
fn kind_label(kind: &str) -> String {
    if kind == "profile" {
        "  profile".into()
    } else {
        format!("  {kind} profile")
    }
}

/// The header lines for `app`, at most `width` columns wide.
pub fn lines(app: &App, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let p = app.profile();
    let key = app.view_key();
    let num = Numbers::of(app);
    // Line 1: what the file is. Narrow terminals drop the time, the period, the duration,
    // the program name, the kind; the file name is shortened from the middle.
    let mut first: Vec<(u8, Span<'static>)> = vec![
        (5, Span::styled("memprof-tui ", theme.title())),
        (0, Span::raw(sanitize(app.inputs()).into_owned())),
        (3, Span::styled(kind_label(profile_kind(p)), theme.text())),
    ];
    if let Some(d) = app.diff() {
        let how = match (d.relative_to_base(), d.normalize) {
            (true, false) => "diff base",
            (true, true) => "diff base, normalized",
            (false, false) => "base",
            (false, true) => "base, normalized",
        };
        first.push((
            1,
            Span::styled(
                format!("  minus {} ({how})", fit_name(&sanitize(&d.names()), 40)),
                theme.warning(),
            ),
        ));
    }
    if let Some(t) = app.truncation() {
        first.push((
            1,
            Span::styled(
                format!(
                    "  {} of stacks cut at {} frames",
                    super::numbers::prose_percent((t.share * 1e6) as i64, 1_000_000),
                    t.depth
                ),
                theme.warning(),
            ),
        ));
    }
    if let Some(d) = app.diagnosis() {
        first.push((
            2,
            Span::styled(
                format!(
                    "  in use {} of {} allocated ({})",
                    compact::value(d.inuse_total, "bytes"),
                    compact::value(d.alloc_total, "bytes"),
                    super::numbers::prose_percent(d.inuse_total, d.alloc_total)
                ),
                theme.dim(),
            ),
        ));
    }
    if p.duration_nanos != 0 {
        // pprof's "Total samples = … (…%)": for time-valued types, the share of the
        // wall-clock duration the samples cover.
        let mut text = format!(
            "  duration {}",
            compact::value(p.duration_nanos, "nanoseconds")
        );
        if let Some(v) = app.view() {
            let (nanos, unit) = units::scale(v.report.total, &v.report.sample_unit, "nanoseconds");
            if unit == "ns" && nanos != 0.0 {
                text.push_str(&format!(
                    ", samples {} ({})",
                    num.magnitude(v.report.total),
                    compact::percent(nanos as i64, p.duration_nanos)
                ));
            }
        }
        first.push((4, Span::styled(text, theme.dim())));
    }
    if let Some(pt) = &p.period_type
        && p.period != 0
    {
        first.push((
            6,
            Span::styled(
                format!(
                    "  period {} ({})",
                    compact::value(p.period, &pt.unit),
                    fit(&pt.ty, 20)
                ),
                theme.dim(),
            ),
        ));
    }
    if p.time_nanos != 0 {
        first.push((
            7,
            Span::styled(format!("  {}", go_time(p.time_nanos)), theme.dim()),
        ));
    }
    if let Some(text) = live_label(app) {
        first.push((1, Span::styled(text, theme.warning())));
    }
    // Line 2: what the table shows. All sample types when they fit, else the active one.
    let mut second: Vec<(u8, Span<'static>)> = Vec::new();
    let all_types: usize = p.sample_types.iter().map(|t| text_width(&t.ty) + 1).sum();
    if all_types + 5 + 30 <= width {
        second.push((0, Span::styled("type ", theme.dim())));
        for (i, t) in p.sample_types.iter().enumerate() {
            let style = if i == key.sample.index() {
                theme.active()
            } else {
                theme.dim()
            };
            second.push((0, Span::styled(fit(&t.ty, 24), style)));
            second.push((0, Span::raw(" ")));
        }
    } else if let Some(t) = p.sample_types.get(key.sample.index()) {
        second.push((0, Span::styled(fit(&t.ty, 24), theme.active())));
        second.push((
            4,
            Span::styled(
                format!(" ({}/{})", key.sample.index() + 1, p.sample_types.len()),
                theme.dim(),
            ),
        ));
    }
    if let Some(v) = app.view() {
        // In a diff, which total the percentages are shares of, and the net change.
        let summary = app.diff_summary();
        let (what, change) = match &summary {
            // pprof's -diff_base: percentages of the base's total.
            Some(d) if d.relative_to_base() => (" base total ", d.changes.get(key.sample.index())),
            Some(d) => (" % of all changes ", d.changes.get(key.sample.index())),
            None if app.diff().is_some() => (" base total ", None),
            None => (" total ", None),
        };
        second.push((0, Span::styled(what, theme.dim())));
        second.push((
            0,
            Span::styled(num.magnitude(v.report.total), theme.title()),
        ));
        // The net change goes first when space is short.
        if let Some(c) = change {
            second.push((
                6,
                Span::styled(
                    format!("  change {}", num.value(c.net)),
                    theme.diff_value(c.net),
                ),
            ));
        }
    }
    second.push((
        3,
        Span::styled(format!("  sort {}", key.sort.label()), theme.dim()),
    ));
    second.push((
        2,
        Span::styled(format!("  {}", key.granularity.name()), theme.dim()),
    ));
    if key.side_by_side {
        second.push((
            1,
            Span::styled("  in-use | alloc side by side", theme.warning()),
        ));
    }
    if key.trim.is_active() {
        let mut t = String::from("  trimmed:");
        if key.trim.node_count > 0 {
            t.push_str(&format!(" at most {} rows", key.trim.node_count));
        }
        if key.trim.node_fraction() > 0.0 {
            t.push_str(&format!(
                " cum ≥ {}% of total",
                key.trim.node_fraction() * 100.0
            ));
        }
        second.push((1, Span::styled(t, theme.warning())));
    }
    if *app.units() != crate::app::UnitMode::PerValue {
        second.push((
            5,
            Span::styled(format!("  {}", app.units().label()), theme.dim()),
        ));
    }
    let first_len = first.iter().position(|(r, _)| *r == 0);
    let mut lines = vec![
        fit_parts(first, first_len, width),
        fit_parts(second, None, width),
    ];
    if refined(app) {
        lines.extend(super::breadcrumbs::line(app, theme, width));
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
