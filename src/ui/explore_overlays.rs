//! The overlays of exploring: the samples through the selected function (only the lines
//! shown are made: the listing can hold every sample of the profile), the saved views
//! and the commands that reproduce the view (lists with a cursor, their rows first).

use ratatui::text::{Line, Span};

use super::Theme;
use super::numbers::Numbers;
use super::text::{fit, wrap};
use crate::analysis::traces_listing::ListingLine;
use crate::app::{Action, App, Overlay};
use crate::config::views::SavedView;
use crate::sanitize::sanitize;

/// An overlay's title and lines (`lines` from line `first` of `total`).
pub struct Made {
    /// The title, without the closing key.
    pub title: String,
    /// The lines made.
    pub lines: Vec<Line<'static>>,
    /// Lines in all.
    pub total: usize,
    /// The first line made.
    pub first: usize,
}

fn whole(title: String, lines: Vec<Line<'static>>) -> Made {
    Made {
        title,
        total: lines.len(),
        lines,
        first: 0,
    }
}

/// The overlay `o`, if it is one of these, `width` columns wide, scrolled to `scroll`
/// with `rows` rows.
pub fn content(
    app: &App,
    o: Overlay,
    theme: &Theme,
    width: usize,
    scroll: usize,
    rows: usize,
) -> Option<Made> {
    match o {
        Overlay::Traces => Some(traces(app, theme, width, scroll, rows)),
        Overlay::Views => Some(views(app, theme, width)),
        Overlay::Commands => Some(commands(app, theme, width)),
        _ => None,
    }
}

fn key(app: &App, a: Action) -> String {
    super::notice_text::key(app, a)
}

/// The key taking a list overlay's row: the overlay's own binding (the pane's Enter may
/// do something else, or nothing).
fn take_key(app: &App) -> String {
    app.keymap()
        .key_for(&[crate::app::Scope::Overlay], &Action::Activate)
        .unwrap_or_else(|| "(unbound)".to_string())
}

fn traces(app: &App, theme: &Theme, width: usize, scroll: usize, rows: usize) -> Made {
    let name = app
        .traces_of()
        .map(|f| app.func_name(f))
        .unwrap_or_default();
    let mut title = format!("Samples through {}", fit(&sanitize(&name), width / 2));
    let Some(l) = app.traces() else {
        let msg = Line::styled("computing the samples (pprof's -traces)…", theme.dim());
        return whole(title, vec![msg]);
    };
    let num = Numbers::of(app);
    title.push_str(&format!(
        ": {} sample{}, {} ({})",
        l.len(),
        if l.len() == 1 { "" } else { "s" },
        num.value(l.total),
        num.pct(l.total)
    ));
    if l.without_value > 0 {
        title.push_str(&format!("; {} more with 0, not listed", l.without_value));
    }
    if l.lines() == 0 {
        let msg = format!("No sample of this view passes through {}.", sanitize(&name));
        return whole(title, vec![Line::raw(fit(&msg, width))]);
    }
    let n = l.len();
    let first = scroll.min(l.lines().saturating_sub(1));
    let mut shown: Option<(usize, crate::analysis::traces::Trace)> = None;
    let lines = (first..(first + rows.max(1)).min(l.lines()))
        .filter_map(|i| l.line(i))
        .map(|line| {
            // Each trace on screen is made once for all its lines.
            if let ListingLine::Label(t, _) | ListingLine::Frame(t, _) = line
                && shown.as_ref().is_none_or(|(at, _)| *at != t)
            {
                shown = l.trace(t).map(|tr| (t, tr));
            }
            let trace_of = |t: usize| shown.as_ref().filter(|(at, _)| *at == t).map(|(_, tr)| tr);
            match line {
                ListingLine::Separator(t) => {
                    let head = format!("──── sample {}/{n} ", t + 1);
                    let fill = width.saturating_sub(super::text::width(&head));
                    Line::styled(format!("{head}{}", "─".repeat(fill)), theme.dim())
                }
                ListingLine::Label(t, k) => {
                    let Some(lab) = trace_of(t).and_then(|tr| tr.labels.get(k)) else {
                        return Line::raw("");
                    };
                    let text = format!("{:>10}:  {}", sanitize(&lab.key), sanitize(&lab.values));
                    Line::styled(fit(&text, width), theme.dim())
                }
                ListingLine::Frame(t, k) => {
                    let Some(tr) = trace_of(t) else {
                        return Line::raw("");
                    };
                    let Some(f) = tr.frames.get(k) else {
                        return Line::raw("");
                    };
                    let value = if k == 0 {
                        num.value(tr.value)
                    } else {
                        String::new()
                    };
                    let inline = if f.inline { " (inline)" } else { "" };
                    let name = format!("{}{inline}", sanitize(l.name(f)));
                    let matched = app.is_match(l.name(f));
                    let text = fit(&format!("{value:>10}   {name}"), width);
                    if matched {
                        Line::styled(text, theme.matched())
                    } else if k == 0 {
                        Line::styled(text, theme.title())
                    } else {
                        Line::raw(text)
                    }
                }
            }
        })
        .collect();
    Made {
        title,
        lines,
        total: l.lines(),
        first,
    }
}

/// One saved view in a line: its name, then what it shows.
fn view_line(v: &SavedView) -> String {
    let mut parts: Vec<String> = [&v.sample_type, &v.granularity, &v.pane]
        .into_iter()
        .filter(|s| !s.is_empty())
        .cloned()
        .collect();
    for (k, val) in [
        ("focus", &v.focus),
        ("ignore", &v.ignore),
        ("hide", &v.hide),
        ("show", &v.show),
        ("show_from", &v.show_from),
        ("prune_from", &v.prune_from),
        ("tagfocus", &v.tagfocus),
        ("tagignore", &v.tagignore),
        ("collapse_package", &v.collapse_package),
        ("collapse_recursion", &v.collapse_recursion),
    ] {
        if !val.is_empty() {
            parts.push(format!("{k}={val}"));
        }
    }
    sanitize(&format!("{}  — {}", v.name, parts.join(", "))).into_owned()
}

fn views(app: &App, theme: &Theme, width: usize) -> Made {
    let title = format!(
        "Saved views ({} recalls, {} saves this view)",
        take_key(app),
        key(
            app,
            Action::OpenPrompt(crate::app::prompt::PromptKind::SaveView)
        )
    );
    let cursor = app.list_cursor();
    let mut lines: Vec<Line<'static>> = app
        .views()
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let mark = if i == cursor { "› " } else { "  " };
            let style = if i == cursor {
                theme.selected()
            } else {
                theme.text()
            };
            Line::styled(fit(&format!("{mark}{}", view_line(v)), width), style)
        })
        .collect();
    if lines.is_empty() {
        lines.push(Line::raw(fit(
            &format!(
                "No saved view yet: {} saves this view under a name.",
                key(
                    app,
                    Action::OpenPrompt(crate::app::prompt::PromptKind::SaveView)
                )
            ),
            width,
        )));
    }
    lines.push(Line::raw(""));
    let mut note = "A view keeps the sample type, granularity, order, units, pane, the tree's and flame graph's directions, and the refinements and transforms (recalled as one step: Backspace undoes it). Views are kept in views.toml in your config directory (memprof-tui --print-config views); --view NAME starts with one.".to_string();
    if let Some(why) = app.views_off() {
        note.push_str(&format!(" Saving is off: {why}."));
    }
    lines.extend(
        wrap(&note, width)
            .into_iter()
            .map(|l| Line::styled(l, theme.dim())),
    );
    whole(title, lines)
}

fn commands(app: &App, theme: &Theme, width: usize) -> Made {
    let title = format!(
        "Copy as command ({} copies the selected one)",
        take_key(app)
    );
    let cursor = app.list_cursor();
    let all = app.commands();
    let mut lines: Vec<Line<'static>> = Vec::new();
    for (i, c) in all.iter().enumerate() {
        let mark = if i == cursor { "› " } else { "  " };
        let style = if i == cursor {
            theme.selected()
        } else {
            theme.text()
        };
        let text = format!("{mark}{:<24}{}", c.what, sanitize(&c.text));
        lines.push(Line::styled(fit(&text, width), style));
    }
    lines.push(Line::raw(""));
    if let Some(c) = all.get(cursor) {
        lines.push(Line::styled(format!("{}, in full:", c.what), theme.title()));
        for l in wrap(&sanitize(&c.text), width.saturating_sub(2)) {
            lines.push(Line::from(Span::styled(format!("  {l}"), theme.key())));
        }
        lines.push(Line::raw(""));
    }
    let mut notes = app.command_notes();
    notes.push("The text goes to the clipboard with OSC 52: your terminal must allow it (in tmux: set -g set-clipboard on).".into());
    for n in notes {
        lines.extend(
            wrap(&n, width)
                .into_iter()
                .map(|l| Line::styled(l, theme.dim())),
        );
    }
    whole(title, lines)
}
