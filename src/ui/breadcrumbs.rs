//! The header's breadcrumbs: the refinements and transforms in force, in the order they
//! were added (each one step Backspace undoes), the transforms marked apart from pprof's
//! filters — degrading on narrow terminals: the keys' hint goes first, then each value
//! is shortened, then the oldest steps fold into "…N".

use ratatui::text::{Line, Span};

use super::Theme;
use super::notice_text::key as key_of;
use super::text::{fit, width as text_width};
use crate::app::{Action, App};

/// The breadcrumb line for `app` in at most `width` columns (`None` when nothing is
/// refined).
pub fn line(app: &App, theme: &Theme, width: usize) -> Option<Line<'static>> {
    let crumbs = app.crumbs();
    let relative = app.filters().relative_percentages;
    if crumbs.is_empty() && !relative {
        return None;
    }
    let undo = key_of(app, Action::UndoRefine);
    let clear = key_of(app, Action::ClearRefinements);
    let hints = [
        format!("  ({undo} undoes, {clear} clears)"),
        format!("  ({undo} undoes)"),
        String::new(),
    ];
    let tail = if relative { " › relative %" } else { "" };
    // Each try: the hint, the longest value, how many of the oldest steps are folded.
    for fold in 0..=crumbs.len() {
        for max in [60, 32, 16, 8] {
            for hint in &hints {
                let mut spans = vec![Span::styled("refined", theme.warning())];
                if fold > 0 {
                    spans.push(Span::styled(format!(" › …{fold}"), theme.dim()));
                }
                for (kind, value) in &crumbs[fold..] {
                    let style = if kind.is_transform() {
                        theme.key()
                    } else {
                        theme.warning()
                    };
                    spans.push(Span::styled(" › ", theme.dim()));
                    spans.push(Span::styled(
                        format!("{}={}", kind.option(), fit(value, max)),
                        style,
                    ));
                }
                if !tail.is_empty() {
                    spans.push(Span::styled(tail, theme.warning()));
                }
                spans.push(Span::styled(hint.clone(), theme.dim()));
                let w: usize = spans.iter().map(|s| text_width(&s.content)).sum();
                if w <= width {
                    return Some(Line::from(spans));
                }
            }
        }
    }
    let text = format!("refined ({} steps){tail}", crumbs.len());
    Some(Line::styled(fit(&text, width), theme.warning()))
}
