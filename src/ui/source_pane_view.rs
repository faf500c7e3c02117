//! The source pane: line numbers, per-line flat and cum (in-use and alloc side by side for
//! heap profiles), highlighted source, inlined calls under their line, and, when the file
//! is missing, the paths tried and how to pass --source-path.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Theme;
use super::pane_frame::pane_block;
use super::text::{fit, wrap};
use crate::analysis::source_view::{SourceData, SourceText};
use crate::analysis::units;
use crate::app::App;
use crate::app::source_pane::SourceRow;
use crate::highlight::Piece;
use crate::sanitize::sanitize;

const TAB: usize = 4;

/// Tabs expanded, then made terminal-safe.
fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c == '\t' {
            let n = TAB - (super::text::width(&out) % TAB);
            out.push_str(&" ".repeat(n));
        } else {
            out.push(c);
        }
    }
    sanitize(&out).into_owned()
}

/// Cuts pieces to `max` columns.
fn pieces_line(pieces: &[Piece], theme: &Theme, max: usize) -> Vec<Span<'static>> {
    let mut out = Vec::new();
    let mut used = 0;
    for (fg, bold, text) in pieces {
        if used >= max {
            break;
        }
        let t = fit(&clean(text), max - used);
        used += super::text::width(&t);
        let mut style = Style::default();
        if theme.color
            && let Some(c) = fg
        {
            style = style.fg(super::theme::ansi_color(*c));
        }
        if *bold {
            style = style.add_modifier(Modifier::BOLD);
        }
        out.push(Span::styled(t, style));
    }
    out
}

fn missing(
    tried: &[std::path::PathBuf],
    data: &SourceData,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let mut lines = vec![Line::styled(
        fit(&format!("Source not found: {}", data.recorded), width),
        theme.warning(),
    )];
    lines.push(Line::raw("Tried:"));
    for t in tried.iter().take(12) {
        lines.push(Line::raw(fit(&format!("  {}", t.display()), width)));
    }
    if tried.len() > 12 {
        lines.push(Line::raw(format!("  … and {} more", tried.len() - 12)));
    }
    let hint = "Pass the folder that holds the sources: memprof-tui --source-path DIR[:DIR…] PROFILE (each suffix of the recorded path is tried under each DIR); --trim-path PREFIX removes a build-machine prefix first.";
    lines.extend(
        wrap(hint, width)
            .into_iter()
            .map(|l| Line::styled(l, theme.dim())),
    );
    lines.push(Line::raw(""));
    lines.push(Line::styled("Lines with samples:", theme.title()));
    lines
}

/// Draws the pane into `area`.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let pane = app.source();
    let name = pane
        .func()
        .or(app.selection())
        .map(|f| app.func_name(f))
        .unwrap_or_default();
    let block = pane_block(app, theme, &format!("Source — {name}"));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(ready) = pane.ready() else {
        let msg = if app.selection().is_none() {
            "select a function in another pane first"
        } else {
            "loading the source…"
        };
        frame.render_widget(Paragraph::new(Line::styled(msg, theme.dim())), inner);
        return;
    };
    let Some(data) = &ready.data else {
        frame.render_widget(
            Paragraph::new(Line::styled(
                "this function has no samples with line information",
                theme.dim(),
            )),
            inner,
        );
        return;
    };
    let t = app.view_key().sample.index();
    let width = inner.width as usize;
    let unit = app.profile().sample_types[t].unit.clone();
    let fmt = |v: i64| {
        if v == 0 {
            ".".to_string()
        } else {
            units::label(v, &unit)
        }
    };
    let pair = app.heap().pair_of(t);
    let header = match pair {
        Some(_) => format!(
            "{:>6} {:>9} {:>9} {:>9} {:>9}  source",
            "line", "inuse", "inuse cum", "alloc", "alloc cum"
        ),
        None => format!("{:>6} {:>9} {:>9}  source", "line", "flat", "cum"),
    };
    let values = |n: i64| -> String {
        match pair {
            Some((i, a)) => {
                let ((fi, ci), (fa, ca)) = (data.value_at(i, n), data.value_at(a, n));
                format!(
                    "{n:>6} {:>9} {:>9} {:>9} {:>9}  ",
                    fmt(fi),
                    fmt(ci),
                    fmt(fa),
                    fmt(ca)
                )
            }
            None => {
                let (f, c) = data.value_at(t, n);
                format!("{n:>6} {:>9} {:>9}  ", fmt(f), fmt(c))
            }
        }
    };
    let gutter = if pair.is_some() { 49 } else { 29 };
    let mut lines: Vec<Line> = vec![Line::styled(fit(&header, width), theme.column_header())];
    let file_lines = match &data.text {
        SourceText::Found(path, l) => {
            // Shown relative to the working directory when under it.
            let cwd = std::env::current_dir().unwrap_or_default();
            let shown = path.strip_prefix(&cwd).unwrap_or(path);
            lines[0] = Line::styled(
                fit(&format!("{header}   {}", shown.display()), width),
                theme.column_header(),
            );
            l
        }
        SourceText::Missing(tried) => {
            lines.extend(missing(tried, data, width, theme));
            for v in data.lines_of(t) {
                lines.push(Line::raw(fit(&values(v.line), width)));
            }
            frame.render_widget(Paragraph::new(lines), inner);
            return;
        }
        SourceText::Unreadable(path, e) => {
            lines.push(Line::styled(
                fit(&format!("Cannot show {}: {e}", path.display()), width),
                theme.warning(),
            ));
            frame.render_widget(Paragraph::new(lines), inner);
            return;
        }
    };
    let body = Rect {
        y: inner.y + 1,
        height: inner.height.saturating_sub(1),
        ..inner
    };
    let rows = pane.rows(data, t);
    let (lo, hi) = data.window;
    for row in rows.iter().skip(pane.offset()).take(body.height as usize) {
        match *row {
            SourceRow::Line(n) => {
                let (f, c) = data.value_at(t, n);
                let costly = f != 0 || c != 0;
                let mut spans = vec![Span::styled(
                    values(n),
                    if costly { theme.warning() } else { theme.dim() },
                )];
                let max = width.saturating_sub(gutter);
                match ready
                    .highlighted
                    .as_ref()
                    .and_then(|h| h.lines.get((n as usize).wrapping_sub(1)))
                {
                    Some(p) => spans.extend(pieces_line(p, theme, max)),
                    None => {
                        let text = file_lines
                            .get((n as usize).wrapping_sub(1))
                            .map_or("", String::as_str);
                        spans.push(Span::raw(fit(&clean(text), max)))
                    }
                }
                let has_inlined = data.inlined_of(t).iter().any(|c| c.line == n);
                if has_inlined && !pane.is_expanded(n) {
                    spans.push(Span::styled(
                        format!(
                            "  ⋯inlined ({})",
                            super::notice_text::key(app, crate::app::Action::Activate)
                        ),
                        theme.dim(),
                    ));
                }
                let mut line = Line::from(spans);
                if n == pane.cursor_line() {
                    line = line.style(theme.selected());
                } else if n < lo || n > hi {
                    line = line.style(Style::default().add_modifier(Modifier::DIM));
                }
                lines.push(line);
            }
            SourceRow::Inlined(n, k) => {
                if let Some(call) = data.inlined_of(t).iter().filter(|c| c.line == n).nth(k) {
                    let text = format!(
                        "{:>w$}↳ inlined {} {}:{}  {}",
                        "",
                        call.callee,
                        call.file,
                        call.callee_line,
                        units::label(call.weight, &unit),
                        w = gutter
                    );
                    lines.push(Line::styled(fit(&text, width), theme.dim()));
                }
            }
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
