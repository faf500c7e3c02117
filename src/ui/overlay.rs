//! Overlays: the key help generated from the keymap, and the details behind the
//! diagnosis (totals per sample type, period, sampling estimate, comments).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::Theme;
use super::text::fit;
use crate::analysis::units;
use crate::app::keymap::{Keymap, Scope};
use crate::app::{Action, App, Overlay};

/// A rectangle of `pw`% × `ph`% of `area`, centred; on a small terminal nearly all of
/// it (two columns and a row kept on each side), so that text wraps rather than scrolls.
fn centered(area: Rect, pw: u16, ph: u16) -> Rect {
    let w = if area.width < 100 {
        area.width.saturating_sub(4)
    } else {
        area.width * pw / 100
    }
    .max(area.width.min(30));
    let h = if area.height < 30 {
        area.height.saturating_sub(2)
    } else {
        area.height * ph / 100
    }
    .max(area.height.min(6));
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// The open overlay, made once per frame: where it goes, its title and its lines.
pub struct Content {
    /// Its box.
    pub rect: Rect,
    title: String,
    /// Its text, one entry per line (from line `first` when only the lines shown are
    /// made: a listing of every sample can be long).
    pub lines: Vec<Line<'static>>,
    /// Lines in all.
    pub total: usize,
    /// The line `lines` start at.
    first: usize,
}

/// The keys that scroll an overlay, as the keymap binds them ("↑↓ PgUp PgDn").
fn scroll_keys(km: &Keymap) -> String {
    let key = |a: Action| km.key_for(&[Scope::Overlay], &a).unwrap_or_default();
    let lines = format!("{}{}", key(Action::Up), key(Action::Down));
    [lines, key(Action::PageUp), key(Action::PageDown)]
        .into_iter()
        .filter(|k| !k.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The open overlay's box, title and lines in `area`, if one is open.
pub fn content(app: &App, area: Rect, theme: &Theme) -> Option<Content> {
    let (o, _) = app.overlay()?;
    let rect = centered(area, 80, 80);
    let width = rect.width.saturating_sub(2) as usize;
    let km = app.keymap();
    let close = km
        .in_scope(Scope::Overlay)
        .find(|b| b.action == Action::Back && !b.keys.is_empty())
        .map_or_else(|| "(unbound)".into(), Keymap::keys_label);
    let scroll = app.overlay().map_or(0, |(_, s)| s);
    let rows = rect.height.saturating_sub(2) as usize;
    if let Some(w) = super::explore_overlays::content(app, o, theme, width, scroll, rows) {
        return Some(Content {
            rect,
            title: format!(" {} ({close} closes) ", w.title),
            lines: w.lines,
            total: w.total,
            first: w.first,
        });
    }
    let (title, lines) = match o {
        Overlay::Help => {
            let scroll = scroll_keys(km);
            let title = if scroll.is_empty() {
                format!(" Keys ({close} closes) ")
            } else {
                format!(" Keys ({close} closes; {scroll} scroll) ")
            };
            (title, help_lines(km, theme, width))
        }
        Overlay::Details => (
            format!(" Details ({close} closes) "),
            super::details::lines(app, theme, width),
        ),
        Overlay::Histogram => (
            format!(" Allocation sizes ({close} closes) "),
            histogram_lines(app, theme, width),
        ),
        // Made by `explore_overlays` above.
        Overlay::Traces | Overlay::Views | Overlay::Commands => return None,
    };
    let total = lines.len();
    Some(Content {
        rect,
        title,
        lines,
        total,
        first: 0,
    })
}

/// Draws the open overlay `c`.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, c: &Content) {
    let scroll = app.overlay().map_or(0, |(_, s)| s);
    let max_scroll = c
        .total
        .saturating_sub(c.rect.height.saturating_sub(2) as usize);
    let scroll = scroll.min(max_scroll).saturating_sub(c.first);
    let scroll = scroll.min(u16::MAX as usize) as u16;
    frame.render_widget(Clear, c.rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focused())
        .title(Span::styled(c.title.clone(), theme.title()));
    frame.render_widget(
        Paragraph::new(c.lines.clone())
            .block(block)
            .scroll((scroll, 0)),
        c.rect,
    );
}

fn help_lines(km: &Keymap, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let mut out = super::help_keys::lines(km, theme, width);
    let units = km
        .key_for(&[Scope::Global], &Action::CycleUnits)
        .unwrap_or_else(|| "the units action (unbound)".to_string());
    // The legend's words name the theme's colours, not the built-in ones.
    let [freed, partly, kept] = theme.retention_words();
    let colours = |note: &str| {
        note.replace("{freed}", freed)
            .replace("{partly}", partly)
            .replace("{kept}", kept)
    };
    let notes: Vec<String> = [
        "Columns. flat: the value sampled in the function itself; cum: with everything it calls; flat% and cum%: shares of the total; sum%: flat% of this row and all rows above it. Narrow terminals drop ~smpl, then sum%, cum%, flat%, then cum; the selected row's full name is at the bottom of the pane and in the details, and the markers on screen are explained beside it.".to_string(),
        format!(
            "Values are scaled one by one (B…EB, ns…h, counts with k/M/G) to at most four digits; {units} cycles to pprof's one unit for the report and to exact integers. Percentages below 0.01% read <0.01%."
        ),
    ]
    .into_iter()
    .chain(super::pane_frame::legend::help_notes().into_iter().map(colours))
    .chain([
        "Header: in use X of Y allocated states a heap profile's totals; \"stacks cut at N frames\" means the producer's depth limit (Go: 32 frames for heap, 64 for CPU) cut that share of samples, so their outermost frames are not real roots.",
        "Growth pane (6): each row's growth/min is the Theil–Sen slope (the median slope between every pair of snapshots: one spike cannot move it) over the later half of the series; net: last minus first; share: of the total growth; trend: growing (still rising, little given back), levelled off (a warm-up that stopped), grows+frees (gave back at least half its range), shrinking, flat; sure: Mann–Kendall's test of a steady rise, high for p < 0.01 over 6 or more snapshots, medium for p < 0.05 over 4 or more (docs/GUIDE.md).",
        "Mouse: wheel scrolls, click selects (start with --no-mouse to leave the mouse to the terminal).",
    ].map(String::from))
    .collect();
    for note in &notes {
        for l in super::text::wrap(note, width) {
            out.push(Line::styled(l, theme.dim()));
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
