//! All styles in one place: the 16 ANSI colours on the default background, selection in
//! reverse video, and a monochrome variant for NO_COLOR / --color never.

use ratatui::style::{Color, Modifier, Style};

/// Styles used by the renderer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    /// Whether colours may be used.
    pub color: bool,
}

impl Theme {
    /// A theme with or without colours.
    pub fn new(color: bool) -> Self {
        Self { color }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::default().fg(c)
        } else {
            Style::default()
        }
    }

    /// Plain text.
    pub fn text(&self) -> Style {
        Style::default()
    }

    /// Secondary text.
    pub fn dim(&self) -> Style {
        Style::default().add_modifier(Modifier::DIM)
    }

    /// Titles and headings.
    pub fn title(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    /// The active sample type and other current choices.
    pub fn active(&self) -> Style {
        self.fg(Color::Green)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    /// The selected row.
    pub fn selected(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }

    /// Column headers.
    pub fn column_header(&self) -> Style {
        Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    /// Borders of the focused pane.
    pub fn border_focused(&self) -> Style {
        self.fg(Color::Cyan)
    }

    /// Borders of other panes and overlays.
    pub fn border(&self) -> Style {
        self.fg(Color::DarkGray)
    }

    /// The notice box and warnings.
    pub fn warning(&self) -> Style {
        self.fg(Color::Yellow)
    }

    /// Keys in hints and help.
    pub fn key(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    /// Search matches.
    pub fn matched(&self) -> Style {
        self.fg(Color::Magenta)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    /// Values that stand out (retained share high).
    pub fn hot(&self) -> Style {
        self.fg(Color::Red)
    }
}
