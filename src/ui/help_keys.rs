//! The help overlay's key list, generated from the keymap: a heading per scope, then each
//! binding's keys in a column as wide as the widest keys (at most a quarter of the
//! width, so a narrow terminal keeps room for words) and its description wrapped under
//! itself — never cut.

use ratatui::text::{Line, Span};

use super::Theme;
use super::text::{pad, width, wrap};
use crate::app::keymap::{Keymap, Scope};
use crate::sanitize::sanitize;

/// Columns before the keys.
const INDENT: usize = 2;
/// Columns between the keys and the description.
const GAP: usize = 2;

/// The width of the key column for `km` in `width` columns.
fn key_column(km: &Keymap, width: usize) -> usize {
    let widest = Scope::all()
        .into_iter()
        .flat_map(|s| km.in_scope(s))
        .map(|b| super::text::width(&sanitize(&Keymap::keys_label(b))))
        .max()
        .unwrap_or(0);
    widest.min(width / 4).max(1)
}

/// The key list in `width` columns: every scope's bindings, descriptions wrapped.
pub fn lines(km: &Keymap, theme: &Theme, width_cols: usize) -> Vec<Line<'static>> {
    let key_w = key_column(km, width_cols);
    let desc_at = INDENT + key_w + GAP;
    let desc_w = width_cols.saturating_sub(desc_at).max(12);
    let mut out = Vec::new();
    for scope in Scope::all() {
        for l in wrap(scope.title(), width_cols) {
            out.push(Line::styled(l, theme.title()));
        }
        for b in km.in_scope(scope) {
            let keys = sanitize(&Keymap::keys_label(b)).into_owned();
            let desc = wrap(&sanitize(&b.desc), desc_w);
            let mut desc = desc.into_iter();
            if width(&keys) > key_w {
                // Keys wider than their column get a line of their own.
                out.push(Line::styled(
                    format!("{}{keys}", " ".repeat(INDENT)),
                    theme.key(),
                ));
            } else {
                out.push(Line::from(vec![
                    Span::styled(
                        format!("{}{}", " ".repeat(INDENT), pad(&keys, key_w + GAP)),
                        theme.key(),
                    ),
                    Span::raw(desc.next().unwrap_or_default()),
                ]));
            }
            for more in desc {
                out.push(Line::raw(format!("{}{more}", " ".repeat(desc_at))));
            }
        }
        out.push(Line::raw(""));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(l: &Line) -> String {
        l.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn descriptions_wrap_under_themselves_and_are_never_cut() {
        let km = Keymap::default();
        let theme = Theme::new(false);
        for w in [30, 46, 62, 74, 120] {
            let lines = lines(&km, &theme, w);
            for l in &lines {
                let t = text(l);
                assert!(width(&t) <= w.max(INDENT + key_column(&km, w) + GAP + 12));
                assert!(!t.contains('…'), "cut at {w}: {t:?}");
            }
            // Every description is there whole, in order.
            let squeeze = |s: &str| s.split_whitespace().collect::<String>();
            let all = squeeze(&lines.iter().map(text).collect::<String>());
            for b in &km.bindings {
                assert!(all.contains(&squeeze(&b.desc)), "{:?} at {w}", b.desc);
            }
        }
    }
}
