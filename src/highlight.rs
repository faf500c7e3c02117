//! Syntax highlighting of source files with syntect, in the terminal's own 16 colours
//! (so it follows light and dark themes), under a time budget; runs off the UI thread.

use std::str::FromStr;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use syntect::easy::HighlightLines;
use syntect::highlighting::{
    Color, FontStyle, ScopeSelectors, StyleModifier, Theme, ThemeItem, ThemeSettings,
};
use syntect::parsing::SyntaxSet;

use crate::config::theme::{SyntaxSpec, ThemeSpec};

/// A highlighted piece of a line: ANSI colour index (None = default), bold, text.
pub type Piece = (Option<u8>, bool, String);

/// Lines split into coloured pieces.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Highlighted {
    /// One entry per source line.
    pub lines: Vec<Vec<Piece>>,
}

/// Lines longer than this are not highlighted (they are shown plain).
const MAX_LINE: usize = 2000;

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

static THEME: OnceLock<Theme> = OnceLock::new();

/// Sets the highlighting colours (the theme's `[[syntax]]` entries) before the first
/// highlight; later calls are ignored. Without it the built-in theme's colours are used.
pub fn set_syntax_colors(items: &[SyntaxSpec]) {
    let _ = THEME.set(build_theme(items));
}

/// A syntect theme whose colours are ANSI indices (alpha 0 marks "use index `r`").
fn ansi_theme() -> &'static Theme {
    THEME.get_or_init(|| build_theme(&ThemeSpec::builtin().syntax))
}

fn build_theme(items: &[SyntaxSpec]) -> Theme {
    let ansi = |i: u8| Color {
        r: i,
        g: 0,
        b: 0,
        a: 0,
    };
    let item = |s: &SyntaxSpec| ThemeItem {
        scope: ScopeSelectors::from_str(&s.scope).unwrap_or_default(),
        style: StyleModifier {
            foreground: s.fg.map(ansi),
            background: None,
            font_style: s.bold.then_some(FontStyle::BOLD),
        },
    };
    Theme {
        name: Some("ansi".into()),
        author: None,
        settings: ThemeSettings {
            foreground: Some(Color {
                r: 255,
                g: 255,
                b: 255,
                a: 1,
            }),
            ..ThemeSettings::default()
        },
        scopes: items.iter().map(item).collect(),
    }
}

/// Highlights `lines` of the file `path` (syntax chosen by extension or first line);
/// `None` when no syntax fits or the budget runs out.
pub fn highlight(path: &str, lines: &[String], budget: Duration) -> Option<Highlighted> {
    let set = syntaxes();
    let ext = path.rsplit('.').next().unwrap_or("");
    let syntax = set
        .find_syntax_by_extension(ext)
        .or_else(|| lines.first().and_then(|l| set.find_syntax_by_first_line(l)))?;
    let mut h = HighlightLines::new(syntax, ansi_theme());
    let start = Instant::now();
    let mut out = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate() {
        if i % 64 == 0 && start.elapsed() > budget {
            return None;
        }
        if line.len() > MAX_LINE {
            // Keep the parser's state sane: feed an empty line instead.
            let _ = h.highlight_line("\n", set);
            out.push(vec![(None, false, line.clone())]);
            continue;
        }
        let with_nl = format!("{line}\n");
        let ranges = h.highlight_line(&with_nl, set).ok()?;
        let pieces = ranges
            .into_iter()
            .map(|(style, text)| {
                let fg = (style.foreground.a == 0).then_some(style.foreground.r);
                (
                    fg,
                    style.font_style.contains(FontStyle::BOLD),
                    text.trim_end_matches('\n').to_string(),
                )
            })
            .filter(|(_, _, t)| !t.is_empty())
            .collect();
        out.push(pieces);
    }
    Some(Highlighted { lines: out })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_go() {
        let src: Vec<String> = ["package main", "// hi", "func main() { x := \"s\" }"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let h = highlight("main.go", &src, Duration::from_secs(5)).expect("go syntax");
        assert_eq!(h.lines.len(), 3);
        assert!(
            h.lines[0]
                .iter()
                .any(|(c, _, t)| *c == Some(5) && t == "package"),
            "{:?}",
            h.lines[0]
        );
        assert!(
            h.lines[1].iter().all(|(c, _, _)| *c == Some(8)),
            "{:?}",
            h.lines[1]
        );
        assert!(
            h.lines[2]
                .iter()
                .any(|(c, _, t)| *c == Some(2) && t.contains('s')),
            "{:?}",
            h.lines[2]
        );
    }

    #[test]
    fn unknown_extension_is_plain_and_budget_is_kept() {
        assert!(highlight("x.unknownext", &["zzz".into()], Duration::from_secs(1)).is_none());
        let many: Vec<String> = (0..5000).map(|i| format!("var x{i} = {i}")).collect();
        assert!(highlight("a.go", &many, Duration::ZERO).is_none());
    }
}
