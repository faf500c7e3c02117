//! The source pane: line numbers, per-line flat and cum (in-use and alloc side by side for
//! heap profiles), highlighted source, inlined calls under their line, and, when the file
//! is missing, the paths tried and how to pass --source-path.

use ratatui::Frame;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Theme;
use super::numbers::Numbers;
use super::pane_frame::pane_block;
use super::text::{fit, wrap};
use crate::analysis::compact::VALUE_WIDTH;
use crate::analysis::source_view::{SourceData, SourceText};
use crate::app::source_pane::SourceRow;
use crate::app::{App, FrameLayout};
use crate::highlight::Piece;
use crate::sanitize::sanitize;

const TAB: usize = 4;

/// `s` made terminal-safe with its tabs expanded, for text starting at column `start`.
fn clean_from(s: &str, start: usize) -> String {
    let mut out = String::with_capacity(s.len());
    let mut col = start;
    for c in s.chars() {
        if c == '\t' {
            let n = TAB - (col % TAB);
            out.push_str(&" ".repeat(n));
            col += n;
        } else {
            out.push(c);
            col += super::text::width(&sanitize(c.encode_utf8(&mut [0; 4])));
        }
    }
    sanitize(&out).into_owned()
}

/// `s` without its first `n` columns.
fn skip_columns(s: &str, n: usize) -> String {
    let mut w = 0;
    let mut out = String::new();
    for c in s.chars() {
        if w >= n {
            out.push(c);
        } else {
            w += super::text::width(c.encode_utf8(&mut [0; 4]));
        }
    }
    out
}

/// The pieces of a line from column `skip` (horizontal scroll), cut to `max` columns.
fn pieces_line(pieces: &[Piece], theme: &Theme, skip: usize, max: usize) -> Vec<Span<'static>> {
    let mut out = Vec::new();
    let mut col = 0;
    let mut used = 0;
    for (fg, bold, text) in pieces {
        if used >= max {
            break;
        }
        let mut t = clean_from(text, col);
        let before = col;
        col += super::text::width(&t);
        // Drop what lies left of the scroll position.
        if before < skip {
            t = skip_columns(&t, skip - before);
            if t.is_empty() {
                continue;
            }
        }
        let t = fit(&t, max - used);
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

/// What the pane says when the profile records no file for the function: a frame a
/// transform made (a collapsed package) has none by nature.
fn no_file(app: &App, name: &str, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let collapsed =
        app.filters().collapse_package.is_some() && (name.ends_with(".*") || name.ends_with("::*"));
    let why = if collapsed {
        format!(
            "{name} stands for a collapsed package: each of its functions has a source file of its own. {} undoes the collapse.",
            super::notice_text::key(app, crate::app::Action::UndoRefine)
        )
    } else {
        format!("The profile records no source file for {name}.")
    };
    let mut lines: Vec<Line<'static>> = wrap(&why, width)
        .into_iter()
        .map(|l| Line::styled(l, theme.warning()))
        .collect();
    lines.push(Line::raw(""));
    lines.push(Line::styled("Lines with samples:", theme.title()));
    lines
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
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, layout: &FrameLayout) {
    let area = super::rect(layout.pane);
    let pane = app.source();
    let name = pane
        .func()
        .or(app.selection())
        .map(|f| app.func_name(f))
        .unwrap_or_default();
    let block = pane_block(app, theme, &format!("Source — {name}"), area.width, None);
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
    let num = Numbers::of(app);
    let fmt = |v: i64| {
        if v == 0 {
            ".".to_string()
        } else {
            num.value(v)
        }
    };
    // The value columns: in-use and alloc side by side for heap profiles when the code
    // keeps at least half the width, else the current type's flat and cum, else its cum.
    let w = VALUE_WIDTH;
    let cols: Vec<(&str, usize, bool)> = match app.heap().pair_of(t) {
        Some((i, a)) if width >= 2 * (6 + 4 * (w + 1) + 2) => vec![
            ("inuse", i, false),
            ("inuse cum", i, true),
            ("alloc", a, false),
            ("alloc cum", a, true),
        ],
        _ if width >= 6 + 2 * (w + 1) + 2 + 16 => vec![("flat", t, false), ("cum", t, true)],
        _ => vec![("cum", t, true)],
    };
    let cw = cols.iter().map(|c| c.0.len()).max().unwrap_or(0).max(w);
    let mut header = format!("{:>6}", "line");
    for (name, _, _) in &cols {
        header.push_str(&format!(" {name:>cw$}"));
    }
    header.push_str("  source");
    let values = |n: i64| -> String {
        let mut out = format!("{n:>6}");
        for &(_, ty, cum) in &cols {
            let (f, c) = data.value_at(ty, n);
            out.push_str(&format!(" {:>cw$}", fmt(if cum { c } else { f })));
        }
        out.push_str("  ");
        out
    };
    let gutter = 6 + cols.len() * (cw + 1) + 2;
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
        SourceText::Missing(_) if data.recorded.is_empty() => {
            let name = app
                .source()
                .func()
                .map(|f| app.func_name(f))
                .unwrap_or_default();
            lines.extend(no_file(app, &sanitize(&name), width, theme));
            for v in data.lines_of(t) {
                lines.push(Line::raw(fit(&values(v.line), width)));
            }
            frame.render_widget(Paragraph::new(lines), inner);
            return;
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
    let body = super::rect(layout.body);
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
                let skip = pane.hscroll();
                match ready
                    .highlighted
                    .as_ref()
                    .and_then(|h| h.lines.get((n as usize).wrapping_sub(1)))
                {
                    Some(p) => spans.extend(pieces_line(p, theme, skip, max)),
                    None => {
                        let text = file_lines
                            .get((n as usize).wrapping_sub(1))
                            .map_or("", String::as_str);
                        let plain = [(None, false, text.to_string())];
                        spans.extend(pieces_line(&plain, theme, skip, max))
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
                        num.value(call.weight),
                        w = gutter
                    );
                    lines.push(Line::styled(fit(&text, width), theme.dim()));
                }
            }
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
