//! All styles in one place, read from the theme data (`assets/theme.toml`, a user's file
//! over it): the 16 ANSI colours on the default background, and a monochrome variant for
//! NO_COLOR / --color never that keeps only the modifiers.

use ratatui::style::{Color, Modifier, Style};

use crate::config::theme::{StyleSpec, Styles, ThemeSpec};

/// Styles used by the renderer, by name (the theme's, made into ratatui styles).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Theme {
    /// Whether colours may be used.
    pub color: bool,
    styles: Styles<Style>,
    /// The flame graph's package colours, taken in turn.
    packages: Vec<Style>,
    /// What the legend calls the flame graph's three retention colours (freed, partly,
    /// kept): the names of the theme's colours for them.
    legend: [&'static str; 3],
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

fn style(s: &StyleSpec, color: bool) -> Style {
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
        let s = &spec.style;
        let packages = spec
            .packages
            .bg
            .iter()
            .map(|&bg| {
                let p = StyleSpec {
                    fg: spec.packages.fg,
                    bg,
                    ..StyleSpec::default()
                };
                style(&p, color)
            })
            .collect();
        let word = |st: &StyleSpec| st.colour_name().unwrap_or("plain");
        Self {
            color,
            styles: s.map(|st| style(st, color)),
            packages,
            legend: [
                word(&s.flame_freed),
                word(&s.flame_partly),
                word(&s.flame_kept),
            ],
        }
    }

    /// Plain text.
    pub fn text(&self) -> Style {
        self.styles.text
    }

    /// Secondary text.
    pub fn dim(&self) -> Style {
        self.styles.dim
    }

    /// Titles and headings.
    pub fn title(&self) -> Style {
        self.styles.title
    }

    /// The active sample type and other current choices.
    pub fn active(&self) -> Style {
        self.styles.active
    }

    /// The selected row.
    pub fn selected(&self) -> Style {
        self.styles.selected
    }

    /// Column headers.
    pub fn column_header(&self) -> Style {
        self.styles.column_header
    }

    /// Borders of the focused pane.
    pub fn border_focused(&self) -> Style {
        self.styles.border_focused
    }

    /// Borders of other panes and overlays.
    pub fn border(&self) -> Style {
        self.styles.border
    }

    /// The notice box and warnings.
    pub fn warning(&self) -> Style {
        self.styles.warning
    }

    /// Keys in hints and help.
    pub fn key(&self) -> Style {
        self.styles.key
    }

    /// Search matches.
    pub fn matched(&self) -> Style {
        self.styles.matched
    }

    /// Values that stand out (retained share high).
    pub fn hot(&self) -> Style {
        self.styles.hot
    }

    /// Flame-graph frames whose allocations were mostly freed (kept under 10%).
    pub fn flame_freed(&self) -> Style {
        self.styles.flame_freed
    }

    /// Flame-graph frames partly kept (10–50%).
    pub fn flame_partly(&self) -> Style {
        self.styles.flame_partly
    }

    /// Flame-graph frames mostly kept (50% or more): a leak suspect.
    pub fn flame_kept(&self) -> Style {
        self.styles.flame_kept
    }

    /// The selected flame-graph frame.
    pub fn flame_selected(&self) -> Style {
        self.styles.flame_selected
    }

    /// In a diff, values that grew since the base (the sign says it without colours).
    pub fn diff_growth(&self) -> Style {
        self.styles.diff_growth
    }

    /// In a diff, values that shrank since the base.
    pub fn diff_shrink(&self) -> Style {
        self.styles.diff_shrink
    }

    /// The style of a diff's value `v`: growth, shrinkage, or plain text for 0.
    pub fn diff_value(&self, v: i64) -> Style {
        match v.signum() {
            1 => self.diff_growth(),
            -1 => self.diff_shrink(),
            _ => self.text(),
        }
    }

    /// The style of a flame-graph frame of package number `hash` (any number: the
    /// colours are taken in turn).
    pub fn package(&self, hash: usize) -> Style {
        match self.packages.len() {
            0 => Style::default().add_modifier(Modifier::REVERSED),
            n => self.packages[hash % n],
        }
    }

    /// The names of the flame graph's colours for frames freed, partly kept and kept, as
    /// the legend says them.
    pub fn retention_words(&self) -> [&'static str; 3] {
        self.legend
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
}
