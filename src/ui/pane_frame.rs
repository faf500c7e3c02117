//! What every pane shares: its bordered block, with the pane tabs and the sample type in
//! the title, and at the bottom the selected row's full name and the legend of the
//! markers on screen.

pub mod legend;

use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};

use super::Theme;
use super::text::{fit, width as width_of};
use crate::app::{App, PaneId, Scope};
use legend::Term;

/// Columns of the selected row's name kept when the legend needs the room.
const NAME_KEEPS: usize = 24;

/// A bordered block for a pane `width` columns wide: the pane tabs (the focused one
/// marked; only its number and name when space is short), `title` and the sample type on
/// top, and the full name of the selected row at the bottom.
pub fn pane_block(
    app: &App,
    theme: &Theme,
    title: &str,
    width: u16,
    selected: Option<&str>,
) -> Block<'static> {
    pane_block_with_legend(app, theme, title, width, selected, &[])
}

/// [`pane_block`] with a legend of `terms` (the markers on screen, most important first)
/// at the bottom right: whole entries, as many as fit beside the selected row's name,
/// which gives up to half the width when both do not fit.
pub fn pane_block_with_legend(
    app: &App,
    theme: &Theme,
    title: &str,
    width: u16,
    selected: Option<&str>,
    terms: &[Term],
) -> Block<'static> {
    let room = usize::from(width).saturating_sub(4);
    let st = &app.profile().sample_types[app.view_key().sample.index()];
    let tail = format!("│ {} — {} ", fit(title, 60), fit(&st.ty, 30));
    // Each tab shows the key that focuses its pane from anywhere, as the keymap binds it.
    let scopes = [Scope::Global];
    let tabs = |short: bool| {
        let mut spans = vec![Span::raw(" ")];
        for p in PaneId::ALL {
            let focused = p == app.focus();
            let style = if focused { theme.active() } else { theme.dim() };
            let key = app.keymap().key_where(&scopes, |a| a.focuses() == Some(p));
            let label = match key {
                Some(k) if short && !focused => k,
                Some(k) => format!("{k} {}", p.title()),
                None => p.title().to_string(),
            };
            spans.push(Span::styled(label, style));
            spans.push(Span::raw(" "));
        }
        spans
    };
    let mut spans = tabs(false);
    let used = |s: &[Span]| s.iter().map(|x| width_of(&x.content)).sum::<usize>();
    if used(&spans) + width_of(&tail) > room {
        spans = tabs(true);
    }
    let left = room.saturating_sub(used(&spans));
    spans.push(Span::styled(fit(&tail, left), theme.title()));
    // Behind an open overlay the pane does not have the keys: its border says so.
    let border = if app.overlay().is_some() {
        theme.border()
    } else {
        theme.border_focused()
    };
    let mut block = Block::default()
        .borders(Borders::ALL)
        .border_style(border)
        .title(Line::from(spans));
    let name = selected.filter(|n| !n.is_empty());
    let name_w = name.map_or(0, |n| width_of(n) + 2);
    let full = legend::line(terms, usize::MAX);
    // Columns for " legend ", padding included, and one between it and the name.
    let budget = if full.is_empty() {
        0
    } else if name_w + width_of(&full) + 3 <= room {
        width_of(&full) + 2
    } else {
        room.saturating_sub(name_w + 1).max(room / 2)
    };
    let mut text = legend::line(terms, budget.saturating_sub(2));
    if text.is_empty() && !full.is_empty() {
        // Not even the first entry: the name gives way down to a few words.
        text = legend::line(terms, room.saturating_sub(name_w.min(NAME_KEEPS) + 3));
    }
    let legend_w = if text.is_empty() {
        0
    } else {
        width_of(&text) + 2
    };
    if let Some(name) = name {
        let left = room.saturating_sub(legend_w + usize::from(legend_w > 0));
        block = block.title_bottom(Line::styled(
            format!(" {} ", fit(name, left.saturating_sub(2))),
            theme.title(),
        ));
    }
    if !text.is_empty() {
        block = block.title_bottom(Line::styled(format!(" {text} "), theme.dim()).right_aligned());
    }
    block
}
