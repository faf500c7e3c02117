//! All styles in one place, read from the theme data (`assets/theme.toml`, a user's file
//! over it): the 16 ANSI colours on the default background, and a monochrome variant for
//! NO_COLOR / --color never that keeps only the modifiers.

use ratatui::style::{Color, Modifier, Style};

use crate::config::theme::{StyleSpec, ThemeSpec};

/// Styles used by the renderer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    /// Whether colours may be used.
    pub color: bool,
    styles: [Style; 18],
}

/// The ratatui colour of ANSI index `i` (0–15); other values are the default colour.
pub fn ansi_color(i: u8) -> Color {
    match i {
        0 => Color::Black,
        1 => Color::Red,
        2 => Color::Green,
        3 => Color::Yellow,
        4 => Color::Blue,
        5 => Color::Magenta,
        6 => Color::Cyan,
        7 => Color::Gray,
        8 => Color::DarkGray,
        9 => Color::LightRed,
        10 => Color::LightGreen,
        11 => Color::LightYellow,
        12 => Color::LightBlue,
        13 => Color::LightMagenta,
        14 => Color::LightCyan,
        15 => Color::White,
        _ => Color::Reset,
    }
}

fn style(s: StyleSpec, color: bool) -> Style {
    let mut out = Style::default();
    if color {
        if let Some(c) = s.fg {
            out = out.fg(ansi_color(c));
        }
        if let Some(c) = s.bg {
            out = out.bg(ansi_color(c));
        }
    }
    for (on, m) in [
        (s.bold, Modifier::BOLD),
        (s.dim, Modifier::DIM),
        (s.underlined, Modifier::UNDERLINED),
        (s.reversed, Modifier::REVERSED),
        (s.italic, Modifier::ITALIC),
    ] {
        if on {
            out = out.add_modifier(m);
        }
    }
    out
}

impl Theme {
    /// The built-in theme, with or without colours.
    pub fn new(color: bool) -> Self {
        Self::from_spec(ThemeSpec::builtin(), color)
    }

    /// The theme `spec`, with or without colours (without: modifiers only).
    pub fn from_spec(spec: &ThemeSpec, color: bool) -> Self {
        let styles = crate::config::theme::STYLE_NAMES.map(|n| style(spec.style(n), color));
        Self { color, styles }
    }

    /// Plain text.
    pub fn text(&self) -> Style {
        self.styles[0]
    }

    /// Secondary text.
    pub fn dim(&self) -> Style {
        self.styles[1]
    }

    /// Titles and headings.
    pub fn title(&self) -> Style {
        self.styles[2]
    }

    /// The active sample type and other current choices.
    pub fn active(&self) -> Style {
        self.styles[3]
    }

    /// The selected row.
    pub fn selected(&self) -> Style {
        self.styles[4]
    }

    /// Column headers.
    pub fn column_header(&self) -> Style {
        self.styles[5]
    }

    /// Borders of the focused pane.
    pub fn border_focused(&self) -> Style {
        self.styles[6]
    }

    /// Borders of other panes and overlays.
    pub fn border(&self) -> Style {
        self.styles[7]
    }

    /// The notice box and warnings.
    pub fn warning(&self) -> Style {
        self.styles[8]
    }

    /// Keys in hints and help.
    pub fn key(&self) -> Style {
        self.styles[9]
    }

    /// Search matches.
    pub fn matched(&self) -> Style {
        self.styles[10]
    }

    /// Values that stand out (retained share high).
    pub fn hot(&self) -> Style {
        self.styles[11]
    }

    /// Flame-graph frames whose allocations were mostly freed (kept under 10%).
    pub fn flame_freed(&self) -> Style {
        self.styles[12]
    }

    /// Flame-graph frames partly kept (10–50%).
    pub fn flame_partly(&self) -> Style {
        self.styles[13]
    }

    /// Flame-graph frames mostly kept (50% or more): a leak suspect.
    pub fn flame_kept(&self) -> Style {
        self.styles[14]
    }

    /// The selected flame-graph frame.
    pub fn flame_selected(&self) -> Style {
        self.styles[15]
    }

    /// In a diff, values that grew since the base (the sign says it without colours).
    pub fn diff_growth(&self) -> Style {
        self.styles[16]
    }

    /// In a diff, values that shrank since the base.
    pub fn diff_shrink(&self) -> Style {
        self.styles[17]
    }

    /// The style of a diff's value `v`: growth, shrinkage, or plain text for 0.
    pub fn diff_value(&self, v: i64) -> Style {
        match v.signum() {
            1 => self.diff_growth(),
            -1 => self.diff_shrink(),
            _ => self.text(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_theme_matches_the_former_hard_coded_styles() {
        let t = Theme::new(true);
        assert_eq!(t.text(), Style::default());
        assert_eq!(t.dim(), Style::default().add_modifier(Modifier::DIM));
        let cyan_bold = Style::default()
            .fg(Color::Cyan)
            .add_modifier(Modifier::BOLD);
        assert_eq!(t.title(), cyan_bold);
        assert_eq!(t.key(), cyan_bold);
        let bu = Modifier::BOLD | Modifier::UNDERLINED;
        assert_eq!(
            t.active(),
            Style::default().fg(Color::Green).add_modifier(bu)
        );
        assert_eq!(
            t.matched(),
            Style::default().fg(Color::Magenta).add_modifier(bu)
        );
        assert_eq!(t.column_header(), Style::default().add_modifier(bu));
        assert_eq!(
            t.selected(),
            Style::default().add_modifier(Modifier::REVERSED)
        );
        assert_eq!(t.border_focused(), Style::default().fg(Color::Cyan));
        assert_eq!(t.border(), Style::default().fg(Color::DarkGray));
        assert_eq!(t.warning(), Style::default().fg(Color::Yellow));
        assert_eq!(t.hot(), Style::default().fg(Color::Red));
        let mono = Theme::new(false);
        assert_eq!(mono.title(), Style::default().add_modifier(Modifier::BOLD));
        assert_eq!(mono.hot(), Style::default());
    }

    #[test]
    fn a_user_file_overrides_single_styles() {
        let spec = ThemeSpec::builtin()
            .with_overrides(
                "[style.hot]\nfg = \"lightred\"\nbg = \"black\"\nitalic = true\n",
                "t",
            )
            .expect("valid");
        let t = Theme::from_spec(&spec, true);
        let want = Style::default()
            .fg(Color::LightRed)
            .bg(Color::Black)
            .add_modifier(Modifier::ITALIC);
        assert_eq!(t.hot(), want);
        assert_eq!(t.title(), Theme::new(true).title());
        assert_eq!(
            Theme::from_spec(&spec, false).hot(),
            Style::default().add_modifier(Modifier::ITALIC)
        );
    }

    #[test]
    fn bad_theme_files_name_file_and_line() {
        let b = ThemeSpec::builtin();
        let e = |t: &str| b.with_overrides(t, "theme.toml").expect_err(t).to_string();
        assert_eq!(
            e("\n[style.hot]\nfg = \"pink\"\n"),
            "theme.toml:3: unknown colour \"pink\""
        );
        assert_eq!(
            e("[style.hott]\nfg = \"red\"\n"),
            "theme.toml:1: unknown style \"hott\""
        );
        let err = ThemeSpec::parse("[style.hot]\nfg = \"red\"\n", "t").expect_err("partial");
        assert_eq!(err.to_string(), "t: style \"text\" missing");
    }
}
