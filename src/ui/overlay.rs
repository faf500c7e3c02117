//! Overlays: the key help generated from the keymap, and the details behind the
//! diagnosis (totals per sample type, period, sampling estimate, comments).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::Theme;
use super::text::fit;
use crate::analysis::header::{go_time, profile_kind};
use crate::analysis::units;
use crate::app::keymap::{Keymap, Scope};
use crate::app::{Action, App, Overlay};

/// A rectangle of `pw`% × `ph`% of `area`, centred.
fn centered(area: Rect, pw: u16, ph: u16) -> Rect {
    let w = (area.width * pw / 100).max(area.width.min(30));
    let h = (area.height * ph / 100).max(area.height.min(6));
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// The overlay's title and lines, for `width` columns.
fn content(app: &App, o: Overlay, theme: &Theme, width: usize) -> (String, Vec<Line<'static>>) {
    let close = app
        .keymap()
        .in_scope(Scope::Overlay)
        .find(|b| b.action == Action::Back && !b.keys.is_empty())
        .map_or_else(|| "(unbound)".into(), Keymap::keys_label);
    match o {
        Overlay::Help => (
            format!(" Keys ({close} closes; ↑↓ PgUp PgDn scroll) "),
            help_lines(app.keymap(), theme, width),
        ),
        Overlay::Details => (
            format!(" Details ({close} closes) "),
            detail_lines(app, theme, width),
        ),
        Overlay::Histogram => (
            format!(" Allocation sizes ({close} closes) "),
            histogram_lines(app, theme, width),
        ),
    }
}

/// Lines of the open overlay and the rows it shows them in (for clamping its scroll).
pub fn extent(app: &App, area: Rect) -> (usize, u16) {
    let Some((o, _)) = app.overlay() else {
        return (0, 0);
    };
    let rect = centered(area, 80, 80);
    let (_, lines) = content(
        app,
        o,
        &Theme::new(false),
        rect.width.saturating_sub(2) as usize,
    );
    (lines.len(), rect.height.saturating_sub(2))
}

/// Draws the open overlay, if any.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some((o, scroll)) = app.overlay() else {
        return;
    };
    let rect = centered(area, 80, 80);
    let inner_w = rect.width.saturating_sub(2) as usize;
    let (title, lines) = content(app, o, theme, inner_w);
    let max_scroll = lines
        .len()
        .saturating_sub(rect.height.saturating_sub(2) as usize);
    let scroll = scroll.min(max_scroll).min(u16::MAX as usize) as u16;
    frame.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focused())
        .title(Span::styled(title, theme.title()));
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), rect);
}

fn help_lines(km: &Keymap, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for scope in Scope::ALL {
        out.push(Line::styled(scope.title().to_string(), theme.title()));
        for b in km.in_scope(scope) {
            let keys = Keymap::keys_label(b);
            out.push(Line::from(vec![
                Span::styled(format!("  {keys:<18}"), theme.key()),
                Span::raw(fit(&b.desc, width.saturating_sub(20))),
            ]));
        }
        out.push(Line::raw(""));
    }
    for note in [
        "Mouse: wheel scrolls, click selects (start with --no-mouse to leave the mouse to the terminal).",
        "~smpl (heap profiles): estimated raw samples behind a row's value; !1 or !2 marks rows resting on one or two sampled allocations, whose values are mostly extrapolation.",
        "retained (side by side): in-use as a share of alloc; high means memory kept (a leak?), low means churn.",
    ] {
        for l in super::text::wrap(note, width) {
            out.push(Line::styled(l, theme.dim()));
        }
    }
    out
}

fn kv(k: &str, v: String, theme: &Theme, width: usize) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("{k:<24}"), theme.dim()),
        Span::raw(fit(&v, width.saturating_sub(24))),
    ])
}

fn detail_lines(app: &App, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let p = app.profile();
    let mut out = vec![Line::styled("Profile", theme.title())];
    out.push(kv("input", app.inputs().to_string(), theme, width));
    out.push(kv("kind", profile_kind(p).to_string(), theme, width));
    if let Some(b) = p.main_binary() {
        out.push(kv("main binary", b.to_string(), theme, width));
    }
    if p.time_nanos != 0 {
        out.push(kv("time", go_time(p.time_nanos), theme, width));
    }
    if p.duration_nanos != 0 {
        out.push(kv(
            "duration",
            units::label(p.duration_nanos, "nanoseconds"),
            theme,
            width,
        ));
    }
    match &p.period_type {
        Some(pt) => out.push(kv(
            "period",
            format!(
                "{} {} ({} {})",
                p.period,
                pt.unit,
                pt.ty,
                units::label(p.period, &pt.unit)
            ),
            theme,
            width,
        )),
        None => out.push(kv("period", p.period.to_string(), theme, width)),
    }
    let default = p
        .sample_types
        .get(p.default_sample_index())
        .map_or("", |t| t.ty.as_str());
    let how = if p.default_sample_type.is_empty() {
        "(the last type: no default_sample_type set)"
    } else {
        "(default_sample_type)"
    };
    out.push(kv(
        "default sample type",
        format!("{default} {how}"),
        theme,
        width,
    ));
    out.push(kv("samples", p.samples.len().to_string(), theme, width));
    out.push(kv(
        "functions / locations",
        format!("{} / {}", p.functions.len(), p.locations.len()),
        theme,
        width,
    ));
    if !p.drop_frames.is_empty() {
        out.push(kv("drop frames", p.drop_frames.clone(), theme, width));
    }
    out.push(Line::raw(""));
    out.push(Line::styled("Totals per sample type", theme.title()));
    for (i, t) in p.sample_types.iter().enumerate() {
        let total = crate::analysis::top::total(p, i);
        out.push(kv(
            &t.ty,
            format!("{} ({total} {})", units::label(total, &t.unit), t.unit),
            theme,
            width,
        ));
    }
    if let Some(d) = app.diagnosis() {
        out.push(Line::raw(""));
        out.push(Line::styled("Heap sampling", theme.title()));
        out.push(kv(
            "in use / allocated",
            format!("{} of alloc_space is in use", d.inuse_share()),
            theme,
            width,
        ));
        out.push(kv(
            "raw samples (est.)",
            format!(
                "≈{:.0} allocations, ≈{:.0} live objects",
                d.raw_alloc_samples, d.raw_inuse_samples
            ),
            theme,
            width,
        ));
        out.push(kv(
            "MemProfileRate",
            format!(
                "{} ({} per sample on average)",
                d.rate,
                units::label(d.rate, "bytes")
            ),
            theme,
            width,
        ));
        out.push(Line::styled(
            "Go scales each sample by 1/(1−e^(−size/rate)); the estimate undoes that scaling.",
            theme.dim(),
        ));
    }
    if !p.comments.is_empty() {
        out.push(Line::raw(""));
        out.push(Line::styled("Comments", theme.title()));
        for c in &p.comments {
            out.push(Line::raw(fit(c, width)));
        }
    }
    out
}

fn histogram_lines(app: &App, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let name = app
        .selection()
        .map(|f| app.func_name(f))
        .unwrap_or_default();
    let mut out = vec![Line::styled(
        fit(
            &format!("Allocations made directly by {name}, by size (the bytes label)"),
            width,
        ),
        theme.title(),
    )];
    let Some(h) = app.histogram() else {
        out.push(Line::styled("computing…", theme.dim()));
        return out;
    };
    let p = app.profile();
    let t = app.view_key().sample.index();
    let st = &p.sample_types[t];
    if h.buckets.is_empty() {
        out.push(Line::raw("No sized allocations: this function allocates nothing directly (see its callees), or the profile has no bytes labels."));
        return out;
    }
    let max = h
        .buckets
        .iter()
        .map(|b| b.values[t].wrapping_abs())
        .max()
        .unwrap_or(1)
        .max(1);
    let bar_w = width.saturating_sub(44).max(4);
    out.push(Line::styled(
        format!("{:>21}  {:>11}  {}", "size", st.ty, "share"),
        theme.column_header(),
    ));
    let fmt_size = |v: i64| units::label(v, "bytes");
    for b in &h.buckets {
        let v = b.values[t];
        let n = (v.wrapping_abs() as f64 / max as f64 * bar_w as f64).round() as usize;
        let range = format!("{} – <{}", fmt_size(b.lo), fmt_size(b.hi));
        out.push(Line::from(vec![
            Span::raw(format!("{range:>21}  {:>11}  ", units::label(v, &st.unit))),
            Span::styled("█".repeat(n), theme.warning()),
        ]));
    }
    out.push(Line::raw(""));
    out.push(Line::styled(
        fit(&format!("Refine by size with {} then e.g. `tagfocus bytes=1mb:` (1 MB or more) or `tagignore bytes=:64b`.", super::notice_text::key(app, Action::OpenPrompt(crate::app::prompt::PromptKind::Refine))), width),
        theme.dim(),
    ));
    out
}
