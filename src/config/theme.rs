//! The theme as data (`assets/theme.toml`): named styles and source-highlighting colours
//! in the terminal's 16 ANSI colours, with a user's file merged over the defaults.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;
use toml::Spanned;

use super::error::ConfigError;

/// The built-in theme, compiled in.
pub const DEFAULT_THEME_TOML: &str = include_str!("../../assets/theme.toml");

/// Every style name a theme defines (the methods of `ui::Theme`).
pub const STYLE_NAMES: [&str; 18] = [
    "text",
    "dim",
    "title",
    "active",
    "selected",
    "column_header",
    "border_focused",
    "border",
    "warning",
    "key",
    "matched",
    "hot",
    "flame_freed",
    "flame_partly",
    "flame_kept",
    "flame_selected",
    "diff_growth",
    "diff_shrink",
];

/// Colour names, by ANSI index (0–15).
pub const COLOR_NAMES: [&str; 16] = [
    "black",
    "red",
    "green",
    "yellow",
    "blue",
    "magenta",
    "cyan",
    "gray",
    "darkgray",
    "lightred",
    "lightgreen",
    "lightyellow",
    "lightblue",
    "lightmagenta",
    "lightcyan",
    "white",
];

/// One style: colours as ANSI indices (`None`: the terminal's default) and modifiers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StyleSpec {
    /// Foreground colour.
    pub fg: Option<u8>,
    /// Background colour.
    pub bg: Option<u8>,
    /// Bold.
    pub bold: bool,
    /// Dim.
    pub dim: bool,
    /// Underlined.
    pub underlined: bool,
    /// Reverse video.
    pub reversed: bool,
    /// Italic.
    pub italic: bool,
}

/// Source highlighting: a syntect scope selector and its colour.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxSpec {
    /// Scope selector ("comment, punctuation.definition.comment").
    pub scope: String,
    /// ANSI colour index (`None`: default colour).
    pub fg: Option<u8>,
    /// Bold.
    pub bold: bool,
}

/// A whole theme.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ThemeSpec {
    /// Styles by name (every name of [`STYLE_NAMES`]).
    pub styles: BTreeMap<String, StyleSpec>,
    /// Highlighting colours, first match wins.
    pub syntax: Vec<SyntaxSpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileToml {
    #[serde(default)]
    style: BTreeMap<Spanned<String>, StyleToml>,
    #[serde(default)]
    syntax: Vec<SyntaxToml>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StyleToml {
    fg: Option<Spanned<String>>,
    bg: Option<Spanned<String>>,
    #[serde(default)]
    bold: bool,
    #[serde(default)]
    dim: bool,
    #[serde(default)]
    underlined: bool,
    #[serde(default)]
    reversed: bool,
    #[serde(default)]
    italic: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SyntaxToml {
    scope: String,
    fg: Spanned<String>,
    #[serde(default)]
    bold: bool,
}

/// The ANSI index of a colour name; `Ok(None)` for "default".
fn color(name: &Spanned<String>, text: &str, origin: &str) -> Result<Option<u8>, ConfigError> {
    let n = name.get_ref();
    if n == "default" {
        return Ok(None);
    }
    COLOR_NAMES
        .iter()
        .position(|c| c == n)
        .map(|i| Some(i as u8))
        .ok_or_else(|| ConfigError::at(origin, text, name.span(), format!("unknown colour {n:?}")))
}

impl ThemeSpec {
    /// The built-in theme, parsed once.
    pub fn builtin() -> &'static Self {
        static SPEC: OnceLock<ThemeSpec> = OnceLock::new();
        SPEC.get_or_init(|| {
            Self::parse(DEFAULT_THEME_TOML, "<built-in theme>")
                .expect("the built-in theme parses (tested)")
        })
    }

    /// A complete theme from TOML text: every style must be defined.
    pub fn parse(text: &str, origin: &str) -> Result<Self, ConfigError> {
        let empty = Self {
            styles: BTreeMap::new(),
            syntax: Vec::new(),
        };
        let spec = empty.with_overrides(text, origin)?;
        if let Some(m) = STYLE_NAMES.iter().find(|n| !spec.styles.contains_key(**n)) {
            return Err(ConfigError::file(origin, format!("style {m:?} missing")));
        }
        Ok(spec)
    }

    /// This theme with a user's file merged over it: each `[style.NAME]` replaces that
    /// style; each `[[syntax]]` replaces the entry with the same scope, or is added.
    pub fn with_overrides(&self, text: &str, origin: &str) -> Result<Self, ConfigError> {
        let file: FileToml =
            toml::from_str(text).map_err(|e| ConfigError::toml(origin, text, &e))?;
        let mut out = self.clone();
        for (name, s) in file.style {
            if !STYLE_NAMES.contains(&name.get_ref().as_str()) {
                let msg = format!("unknown style {:?}", name.get_ref());
                return Err(ConfigError::at(origin, text, name.span(), msg));
            }
            let opt = |c: &Option<Spanned<String>>| match c {
                Some(c) => color(c, text, origin),
                None => Ok(None),
            };
            let spec = StyleSpec {
                fg: opt(&s.fg)?,
                bg: opt(&s.bg)?,
                bold: s.bold,
                dim: s.dim,
                underlined: s.underlined,
                reversed: s.reversed,
                italic: s.italic,
            };
            out.styles.insert(name.into_inner(), spec);
        }
        for s in file.syntax {
            let spec = SyntaxSpec {
                fg: color(&s.fg, text, origin)?,
                scope: s.scope,
                bold: s.bold,
            };
            match out.syntax.iter_mut().find(|o| o.scope == spec.scope) {
                Some(o) => *o = spec,
                None => out.syntax.push(spec),
            }
        }
        Ok(out)
    }

    /// The style called `name` (plain when the theme lacks it).
    pub fn style(&self, name: &str) -> StyleSpec {
        self.styles.get(name).copied().unwrap_or_default()
    }
}

impl Default for ThemeSpec {
    fn default() -> Self {
        Self::builtin().clone()
    }
}
