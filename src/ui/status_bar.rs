//! The one-line status bar: hints for the keys that work in the focused pane (generated
//! from the keymap) and the position in the table.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Theme;
use super::text::fit;
use crate::analysis::call_tree::Direction;
use crate::app::App;
use crate::jobs::JobKey;

/// The spinner's character at frame `f`.
fn spinner(f: u8) -> char {
    ['|', '/', '-', '\\'][usize::from(f) % 4]
}

/// What a job computes, with the sample type or direction it is for.
fn busy_text(app: &App, job: JobKey) -> String {
    let of_type = |t: crate::analysis::SampleIndex| {
        app.profile()
            .sample_types
            .get(t.index())
            .map(|st| format!(" ({})", fit(&st.ty, 30)))
            .unwrap_or_default()
    };
    let detail = match job {
        JobKey::View(k) => of_type(k.sample),
        JobKey::Edges(t, _) | JobKey::Traces(_, _, t, _) => of_type(t),
        JobKey::Tree(Direction::TopDown, _) => " (top-down)".to_string(),
        JobKey::Tree(Direction::BottomUp, _) => " (bottom-up)".to_string(),
        _ => String::new(),
    };
    format!("{}{detail}", job.describe())
}

/// Draws the status bar into `area` (one row).
pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    if let Some(p) = app.prompt() {
        let mut spans = vec![
            Span::styled(p.symbol().to_string(), theme.key()),
            // The end of the text, where typing goes on.
            Span::raw(super::text::fit_end(&p.text, area.width as usize / 2)),
            Span::styled("█", theme.dim()),
        ];
        let used: usize = spans.iter().map(|s| s.width()).sum();
        let room = (area.width as usize).saturating_sub(used + 2);
        if let Some(e) = &p.error {
            spans.push(Span::styled(format!("  {}", fit(e, room)), theme.warning()));
        } else if p.kind == crate::app::prompt::PromptKind::Search {
            let hint = super::search_hint::prompt(app, p.found.as_ref(), p.text.is_empty());
            let style = match &p.found {
                Some(f) if f.matches == 0 => theme.warning(),
                _ => theme.dim(),
            };
            spans.push(Span::styled(format!("  {}", fit(&hint, room)), style));
        }
        frame.render_widget(Paragraph::new(Line::from(spans)), area);
        return;
    }
    if let Some(s) = app.status() {
        let msg = match s {
            crate::app::Status::SearchFoundNothing(text, e) => {
                super::search_hint::found_nothing(app, text, e.as_ref())
            }
            _ => super::notice_text::status(app, s),
        };
        frame.render_widget(
            Paragraph::new(Line::styled(
                fit(&msg, area.width as usize),
                theme.warning(),
            )),
            area,
        );
        return;
    }
    let pos = match (app.position(), app.busy()) {
        (_, Some(job)) => {
            let spin = app
                .spinner()
                .map_or(String::new(), |f| format!("{} ", spinner(f)));
            format!(" {spin}computing… {} ", busy_text(app, job))
        }
        (Some((_, 0)), None) => " 0/0 ".to_string(),
        (Some((sel, n)), None) => format!(" {}/{n} ", sel + 1),
        (None, None) => String::new(),
    };
    let mut spans = Vec::new();
    let mut used = pos.chars().count();
    for (key, label) in app.keymap().hints_where(&app.scopes(), |a| app.applies(a)) {
        let w = key.chars().count() + label.len() + 3;
        if used + w > area.width as usize {
            break;
        }
        used += w;
        spans.push(Span::styled(key, theme.key()));
        spans.push(Span::styled(format!(" {label}  "), theme.dim()));
    }
    let pad = (area.width as usize).saturating_sub(used);
    spans.push(Span::raw(" ".repeat(pad)));
    spans.push(Span::styled(pos, theme.dim()));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
