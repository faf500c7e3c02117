//! What every pane shares: its bordered block, with the pane tabs and the sample type in
//! the title.

use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};

use super::Theme;
use super::text::{fit, width as width_of};
use crate::app::{App, PaneId, Scope};

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
    if let Some(name) = selected.filter(|n| !n.is_empty()) {
        block = block.title_bottom(Line::styled(
            format!(" {} ", fit(name, room.saturating_sub(2))),
            theme.title(),
        ));
    }
    block
}
