//! The Growth pane: a chart of the total over the snapshots (braille, with value and time
//! axes and the timeline cursor), then the growth suspects, one row each — growth a
//! minute, net change, share of all growth, trend, how sure, the row's own sparkline.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::canvas::{Canvas, Line as Segment};
use ratatui::widgets::{Cell, Paragraph};

use super::Theme;
use super::columns::{Col, fit, table};
use super::numbers::Numbers;
use super::pane_frame::pane_block;
use super::text::{fit as fit_text, fit_name, width};
use crate::analysis::growth::{GrowthReport, Suspect, TrendClass, sparkline};
use crate::analysis::header::clock_time;
use crate::app::{App, FrameLayout};

/// Rows of the chart (title, plot, time axis) above the suspects in `inner`.
fn chart_rows(inner: Rect) -> u16 {
    if inner.height < 9 {
        1
    } else {
        (inner.height * 2 / 5).clamp(6, 14)
    }
}

/// The suspects' rows: below the chart and the column header.
pub fn body(inner: Rect) -> Rect {
    let skip = chart_rows(inner).saturating_add(1).min(inner.height);
    Rect {
        y: inner.y.saturating_add(skip),
        height: inner.height - skip,
        ..inner
    }
}

/// Draws the pane.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, layout: &FrameLayout) {
    let area = super::rect(layout.pane);
    let selected = app.growth().selected().map(|s| s.name.clone());
    let block = pane_block(
        app,
        theme,
        "Growth over the snapshots",
        area.width,
        selected.as_deref(),
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let pane = app.growth();
    let report = match pane.report().map(|r| r.as_ref()) {
        Some(Ok(r)) => r,
        Some(Err(e)) => {
            let msg = format!("The snapshots cannot be compared: {e}");
            message(frame, inner, theme, &msg);
            return;
        }
        None => {
            message(frame, inner, theme, &waiting(app));
            return;
        }
    };
    // The series' totals and changes carry their own signs, whether or not `D` shows a
    // diff behind the pane.
    let num = Numbers::of(app).unsigned();
    let chart_h = chart_rows(inner);
    let chart = Rect {
        height: chart_h.min(inner.height),
        ..inner
    };
    draw_chart(frame, chart, app, theme, report, pane.timeline(), &num);
    draw_suspects(frame, inner, app, theme, report, layout, &num);
}

/// What the pane says while there is nothing to rank yet.
fn waiting(app: &App) -> String {
    let n = app.series_len();
    if n >= 2 {
        return format!("ranking {n} snapshots by sustained growth…");
    }
    let live = app.live().is_live();
    let key = |a| super::notice_text::key(app, a);
    if live {
        format!(
            "{n} snapshot so far. The Growth pane ranks what keeps growing over a series of snapshots: each fetch adds one (press {} now, {} to run a GC first; --watch SECS fetches on its own).",
            key(crate::app::Action::Refetch),
            key(crate::app::Action::RefetchWithGc)
        )
    } else {
        "This profile is one snapshot. The Growth pane ranks what keeps growing over a series of snapshots of one program: watch a running service (memprof-tui --watch 10 HOST:PORT/debug/pprof/heap) or open saved snapshots (memprof-tui --series DIR or FILES…).".to_string()
    }
}

fn message(frame: &mut Frame, inner: Rect, theme: &Theme, msg: &str) {
    let lines: Vec<Line> = super::text::wrap(msg, usize::from(inner.width).max(1))
        .into_iter()
        .map(|l| Line::styled(l, theme.dim()))
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn color_of(style: Style) -> Color {
    style.fg.unwrap_or(Color::Reset)
}

/// The title line, the total over time as a braille line with its value axis on the left,
/// the timeline cursor, and the time axis.
fn draw_chart(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    theme: &Theme,
    r: &GrowthReport,
    cursor: Option<usize>,
    num: &Numbers,
) {
    let w = usize::from(area.width);
    let (first, last) = (
        r.totals.first().copied().unwrap_or(0),
        r.totals.last().copied().unwrap_or(0),
    );
    let change = last.saturating_sub(first);
    let plus = if change > 0 { "+" } else { "" };
    // The snapshots first: on a narrow terminal the rate is what gets cut.
    let mut title = if app.growth().is_stale() {
        format!(
            "{} ranked (ranking {}…) · ",
            r.times.len(),
            app.series_words()
        )
    } else {
        format!("{} · ", app.series_words())
    };
    title.push_str(&format!(
        "{} {} → {} ({plus}{}) · {}/min",
        r.sample_type,
        num.value(first),
        num.value(last),
        num.value(change),
        num.value(r.total_trend.slope_per_min.round() as i64),
    ));
    if let Some(rates) = &r.alloc_rate {
        let known: Vec<f64> = rates.iter().flatten().copied().collect();
        if !known.is_empty() {
            let mean = known.iter().sum::<f64>() / known.len() as f64;
            title.push_str(&format!(
                " · allocating {}/s",
                crate::analysis::compact::value(mean.round() as i64, "bytes")
            ));
        }
    }
    frame.render_widget(
        Paragraph::new(Line::styled(fit_text(&title, w), theme.title())),
        Rect { height: 1, ..area },
    );
    if area.height < 4 {
        return;
    }
    let (lo, hi) = (
        r.totals.iter().copied().min().unwrap_or(0),
        r.totals.iter().copied().max().unwrap_or(0),
    );
    let (top, bottom) = (num.value(hi), num.value(lo));
    let gutter = (width(&top).max(width(&bottom)) + 1).min(w / 3) as u16;
    let plot = Rect {
        x: area.x + gutter,
        y: area.y + 1,
        width: area.width.saturating_sub(gutter),
        height: area.height - 2,
    };
    frame.render_widget(
        Paragraph::new(Line::styled(top, theme.dim())),
        Rect {
            x: area.x,
            y: plot.y,
            width: gutter,
            height: 1,
        },
    );
    frame.render_widget(
        Paragraph::new(Line::styled(bottom, theme.dim())),
        Rect {
            x: area.x,
            y: plot.y + plot.height - 1,
            width: gutter,
            height: 1,
        },
    );
    let t0 = r.times.first().copied().unwrap_or(0);
    let xs: Vec<f64> = r
        .times
        .iter()
        .map(|&t| t.saturating_sub(t0) as f64 / 1e9)
        .collect();
    let span = xs.last().copied().unwrap_or(0.0).max(1e-9);
    let (ylo, yhi) = if hi > lo {
        (lo as f64, hi as f64)
    } else {
        (lo as f64 - 1.0, hi as f64 + 1.0)
    };
    let line_color = color_of(theme.title());
    let cursor_color = color_of(theme.key());
    let canvas = Canvas::default()
        .marker(Marker::Braille)
        .x_bounds([0.0, span])
        .y_bounds([ylo, yhi])
        .paint(|ctx| {
            if let Some(c) = cursor.and_then(|c| xs.get(c)) {
                ctx.draw(&Segment {
                    x1: *c,
                    y1: ylo,
                    x2: *c,
                    y2: yhi,
                    color: cursor_color,
                });
            }
            for (i, w) in r.totals.windows(2).enumerate() {
                ctx.draw(&Segment {
                    x1: xs[i],
                    y1: w[0] as f64,
                    x2: xs[i + 1],
                    y2: w[1] as f64,
                    color: line_color,
                });
            }
            if r.totals.len() == 1 {
                ctx.draw(&Segment {
                    x1: 0.0,
                    y1: r.totals[0] as f64,
                    x2: span,
                    y2: r.totals[0] as f64,
                    color: line_color,
                });
            }
        });
    frame.render_widget(canvas, plot);
    let axis = time_axis(r, cursor, usize::from(plot.width));
    frame.render_widget(
        Paragraph::new(Line::styled(axis, theme.dim())),
        Rect {
            x: plot.x,
            y: area.y + area.height - 1,
            width: plot.width,
            height: 1,
        },
    );
}

/// The time axis: the first snapshot's clock time on the left, the last one's on the
/// right, the cursor's snapshot between when there is room.
fn time_axis(r: &GrowthReport, cursor: Option<usize>, w: usize) -> String {
    let clock = |t: i64| clock_time(t.div_euclid(1_000_000_000));
    let (Some(&a), Some(&b)) = (r.times.first(), r.times.last()) else {
        return String::new();
    };
    let secs = (b.saturating_sub(a) as f64 / 1e9).round();
    let left = clock(a);
    let right = format!("{} ({secs} s)", clock(b));
    let mut line = vec![' '; w];
    let put = |line: &mut Vec<char>, at: usize, s: &str| {
        for (i, c) in s.chars().enumerate() {
            if let Some(slot) = line.get_mut(at + i) {
                *slot = c;
            }
        }
    };
    put(&mut line, 0, &left);
    let rw = right.chars().count();
    if rw + left.chars().count() < w {
        put(&mut line, w - rw, &right);
    }
    if let Some(c) = cursor
        && r.times.len() > 1
    {
        let x = (c * (w - 1)) / (r.times.len() - 1);
        let label = format!("▲{}/{}", c + 1, r.times.len());
        let lw = label.chars().count();
        let at = x.min(w.saturating_sub(lw));
        let free = line[at..(at + lw).min(w)].iter().all(|&ch| ch == ' ');
        if free {
            put(&mut line, at, &label);
        }
    }
    line.into_iter().collect()
}

/// A row's values drawn in `w` characters: every value when they fit, else the largest of
/// each run of values that share a character.
fn spark(values: &[i64], w: usize) -> String {
    if values.len() <= w || w == 0 {
        return sparkline(values);
    }
    let buckets: Vec<i64> = (0..w)
        .map(|i| {
            let (a, b) = (
                i * values.len() / w,
                ((i + 1) * values.len() / w).max(i * values.len() / w + 1),
            );
            values[a..b.min(values.len())]
                .iter()
                .copied()
                .max()
                .unwrap_or(0)
        })
        .collect();
    sparkline(&buckets)
}

fn trend_style(theme: &Theme, s: &Suspect) -> Style {
    match s.trend.class {
        TrendClass::Growing => theme.diff_growth(),
        TrendClass::Shrinking => theme.diff_shrink(),
        TrendClass::Flat | TrendClass::LevelledOff => theme.dim(),
        TrendClass::GrowsAndReleases => theme.text(),
    }
}

#[allow(clippy::too_many_arguments)]
fn draw_suspects(
    frame: &mut Frame,
    inner: Rect,
    app: &App,
    theme: &Theme,
    r: &GrowthReport,
    layout: &FrameLayout,
    num: &Numbers,
) {
    let pane = app.growth();
    let body = super::rect(layout.body);
    if body.height == 0 {
        return;
    }
    let rows = &r.suspects;
    let first = pane.table.offset.min(rows.len());
    let last = (first + usize::from(body.height)).min(rows.len());
    let spark_w = r.times.len().clamp(4, 16);
    let mut cols = [
        Col::new("growth/min", 0),
        Col::new("net", 1),
        Col::new("share", 3),
        Col::new("trend", 0),
        Col::new("sure", 2),
        Col::new("series", 4),
    ];
    for s in &rows[first..last] {
        let rate = match s.trend.class {
            TrendClass::GrowsAndReleases | TrendClass::Flat => "-".to_string(),
            _ => format!("{}/min", num.value(s.trend.recent_per_min.round() as i64)),
        };
        cols[0].push(rate);
        let plus = if s.trend.net > 0 { "+" } else { "" };
        cols[1].push(format!("{plus}{}", num.value(s.trend.net)));
        cols[2].push(match s.share {
            Some(f) if f.is_finite() => format!("{:.1}%", f * 100.0),
            _ => "-".into(),
        });
        cols[3].push_span(Span::styled(s.trend.class.label(), trend_style(theme, s)));
        cols[4].push(if s.trend.class == TrendClass::Growing {
            s.trend.confidence.label().to_string()
        } else {
            "-".into()
        });
        cols[5].push(spark(&s.values, spark_w));
    }
    let (cols, name_w) = fit(cols.into(), usize::from(inner.width));
    let mut names = Vec::new();
    let mut styles = Vec::new();
    for (k, s) in rows[first..last].iter().enumerate() {
        let label = fit_name(&s.name, name_w);
        names.push(if app.is_match(&s.name) {
            Cell::from(Span::styled(label, theme.matched()))
        } else {
            Cell::from(label)
        });
        styles.push(if first + k == pane.table.selected {
            theme.selected()
        } else {
            theme.text()
        });
    }
    let table_area = Rect {
        y: body.y.saturating_sub(1),
        height: body.height + 1,
        ..inner
    };
    frame.render_widget(
        table(&cols, "name", names, &styles, theme.column_header()),
        table_area,
    );
}
