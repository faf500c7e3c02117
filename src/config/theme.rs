//! The theme as data (`assets/theme.toml`): named styles, the flame graph's package
//! colours and source-highlighting colours in the terminal's 16 ANSI colours, read with
//! serde into named fields, with a user's file merged over the defaults.

use std::sync::OnceLock;

use serde::{Deserialize, Deserializer};

use super::error::ConfigError;

/// The built-in theme, compiled in.
pub const DEFAULT_THEME_TOML: &str = include_str!("../../assets/theme.toml");

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

/// The ANSI index of a colour name; `None` for "default" (the terminal's colour).
fn colour_index(name: &str) -> Result<Option<u8>, String> {
    if name == "default" {
        return Ok(None);
    }
    COLOR_NAMES
        .iter()
        .position(|c| *c == name)
        .map(|i| Some(i as u8))
        .ok_or_else(|| format!("unknown colour {name:?}"))
}

/// A colour name in the file (`None`: the terminal's default colour).
fn colour<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u8>, D::Error> {
    let name = String::deserialize(d)?;
    colour_index(&name).map_err(serde::de::Error::custom)
}

/// A list of colour names.
fn colours<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Option<u8>>, D::Error> {
    Vec::<String>::deserialize(d)?
        .iter()
        .map(|n| colour_index(n).map_err(serde::de::Error::custom))
        .collect()
}

/// One style: colours as ANSI indices (`None`: the terminal's default) and modifiers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StyleSpec {
    /// Foreground colour.
    #[serde(default, deserialize_with = "colour")]
    pub fg: Option<u8>,
    /// Background colour.
    #[serde(default, deserialize_with = "colour")]
    pub bg: Option<u8>,
    /// Bold.
    #[serde(default)]
    pub bold: bool,
    /// Dim.
    #[serde(default)]
    pub dim: bool,
    /// Underlined.
    #[serde(default)]
    pub underlined: bool,
    /// Reverse video.
    #[serde(default)]
    pub reversed: bool,
    /// Italic.
    #[serde(default)]
    pub italic: bool,
}

impl StyleSpec {
    /// The name of the colour that marks the style: its background if it has one, else
    /// its foreground (what a legend calls it); `None` for the default colours.
    pub fn colour_name(&self) -> Option<&'static str> {
        self.bg
            .or(self.fg)
            .and_then(|i| COLOR_NAMES.get(usize::from(i)).copied())
    }
}

/// Every style of the explorer, one field each (`[style.NAME]` in the file). `S` is a
/// style, or `Option` of one for a user's file that changes only some.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Styles<S> {
    /// Plain text.
    pub text: S,
    /// Secondary text.
    pub dim: S,
    /// Titles and headings.
    pub title: S,
    /// The active sample type and other current choices.
    pub active: S,
    /// The selected row.
    pub selected: S,
    /// Column headers.
    pub column_header: S,
    /// Borders of the focused pane.
    pub border_focused: S,
    /// Borders of other panes and overlays.
    pub border: S,
    /// The notice box and warnings.
    pub warning: S,
    /// Keys in hints and help.
    pub key: S,
    /// Search matches.
    pub matched: S,
    /// Values that stand out (retained share high).
    pub hot: S,
    /// Flame-graph frames whose allocations were mostly freed (kept under 10%).
    pub flame_freed: S,
    /// Flame-graph frames partly kept (10–50%).
    pub flame_partly: S,
    /// Flame-graph frames mostly kept (50% or more): a leak suspect.
    pub flame_kept: S,
    /// The selected flame-graph frame.
    pub flame_selected: S,
    /// In a diff, values that grew since the base.
    pub diff_growth: S,
    /// In a diff, values that shrank since the base.
    pub diff_shrink: S,
}

impl<S> Styles<S> {
    /// Each style made into another kind by `f`.
    pub fn map<T>(&self, f: impl Fn(&S) -> T) -> Styles<T> {
        Styles {
            text: f(&self.text),
            dim: f(&self.dim),
            title: f(&self.title),
            active: f(&self.active),
            selected: f(&self.selected),
            column_header: f(&self.column_header),
            border_focused: f(&self.border_focused),
            border: f(&self.border),
            warning: f(&self.warning),
            key: f(&self.key),
            matched: f(&self.matched),
            hot: f(&self.hot),
            flame_freed: f(&self.flame_freed),
            flame_partly: f(&self.flame_partly),
            flame_kept: f(&self.flame_kept),
            flame_selected: f(&self.flame_selected),
            diff_growth: f(&self.diff_growth),
            diff_shrink: f(&self.diff_shrink),
        }
    }
}

impl<S: Copy> Styles<S> {
    /// These styles with those `over` gives put in their place.
    fn merged(&self, over: &Styles<Option<S>>) -> Self {
        let pick = |base: S, o: Option<S>| o.unwrap_or(base);
        Styles {
            text: pick(self.text, over.text),
            dim: pick(self.dim, over.dim),
            title: pick(self.title, over.title),
            active: pick(self.active, over.active),
            selected: pick(self.selected, over.selected),
            column_header: pick(self.column_header, over.column_header),
            border_focused: pick(self.border_focused, over.border_focused),
            border: pick(self.border, over.border),
            warning: pick(self.warning, over.warning),
            key: pick(self.key, over.key),
            matched: pick(self.matched, over.matched),
            hot: pick(self.hot, over.hot),
            flame_freed: pick(self.flame_freed, over.flame_freed),
            flame_partly: pick(self.flame_partly, over.flame_partly),
            flame_kept: pick(self.flame_kept, over.flame_kept),
            flame_selected: pick(self.flame_selected, over.flame_selected),
            diff_growth: pick(self.diff_growth, over.diff_growth),
            diff_shrink: pick(self.diff_shrink, over.diff_shrink),
        }
    }
}

/// The flame graph's frames of profiles without in-use/alloc pairs, coloured by package
/// (grouping only): the text colour and the background colours taken in turn.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Packages {
    /// Text colour.
    #[serde(default, deserialize_with = "colour")]
    pub fg: Option<u8>,
    /// Background colours, one per package in turn.
    #[serde(deserialize_with = "colours")]
    pub bg: Vec<Option<u8>>,
}

/// Source highlighting: a syntect scope selector and its colour.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SyntaxSpec {
    /// Scope selector ("comment, punctuation.definition.comment").
    pub scope: String,
    /// ANSI colour index (`None`: default colour).
    #[serde(deserialize_with = "colour")]
    pub fg: Option<u8>,
    /// Bold.
    #[serde(default)]
    pub bold: bool,
}

/// A whole theme.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeSpec {
    /// The styles.
    pub style: Styles<StyleSpec>,
    /// The flame graph's package colours.
    pub packages: Packages,
    /// Highlighting colours, first match wins.
    pub syntax: Vec<SyntaxSpec>,
}

/// A user's file: only what it changes.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Overrides {
    #[serde(default)]
    style: Styles<Option<StyleSpec>>,
    packages: Option<Packages>,
    #[serde(default)]
    syntax: Vec<SyntaxSpec>,
}

/// A TOML error of a theme file, on one line; an unknown style is named as such.
fn toml_error(origin: &str, text: &str, e: &toml::de::Error) -> ConfigError {
    let mut err = ConfigError::toml(origin, text, e);
    if let Some(rest) = err.message.strip_prefix("unknown field `")
        && let Some((name, list)) = rest.split_once('`')
        && list.contains("`text`")
    {
        err.message = format!("unknown style {name:?}");
    }
    err
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
        toml::from_str(text).map_err(|e| toml_error(origin, text, &e))
    }

    /// This theme with a user's file merged over it: each `[style.NAME]` replaces that
    /// style, `[packages]` the package colours; each `[[syntax]]` replaces the entry with
    /// the same scope, or is added.
    pub fn with_overrides(&self, text: &str, origin: &str) -> Result<Self, ConfigError> {
        let file: Overrides = toml::from_str(text).map_err(|e| toml_error(origin, text, &e))?;
        let mut out = self.clone();
        out.style = self.style.merged(&file.style);
        if let Some(p) = file.packages {
            out.packages = p;
        }
        for spec in file.syntax {
            match out.syntax.iter_mut().find(|o| o.scope == spec.scope) {
                Some(o) => *o = spec,
                None => out.syntax.push(spec),
            }
        }
        Ok(out)
    }
}

impl Default for ThemeSpec {
    fn default() -> Self {
        Self::builtin().clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_theme_defines_every_style() {
        let t = ThemeSpec::builtin();
        assert_eq!(t.style.hot.fg, Some(1));
        assert_eq!(t.style.flame_freed.colour_name(), Some("blue"));
        assert_eq!(t.packages.bg.len(), 5);
        assert!(!t.syntax.is_empty());
    }

    #[test]
    fn bad_files_name_file_and_line() {
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
        assert_eq!(
            e("[packages]\nbg = [\"red\", \"rose\"]\n"),
            "theme.toml:2: unknown colour \"rose\""
        );
        let err = ThemeSpec::parse("[style.hot]\nfg = \"red\"\n", "t").expect_err("partial");
        assert!(err.to_string().contains("missing field"), "{err}");
    }

    #[test]
    fn a_user_file_replaces_single_styles_and_the_packages() {
        let spec = ThemeSpec::builtin()
            .with_overrides(
                "[style.flame_freed]\nbg = \"lightred\"\n[packages]\nbg = [\"red\"]\n",
                "t",
            )
            .expect("valid");
        assert_eq!(spec.style.flame_freed.colour_name(), Some("lightred"));
        assert_eq!(spec.style.flame_kept, ThemeSpec::builtin().style.flame_kept);
        assert_eq!(spec.packages.bg, vec![Some(1)]);
    }
}
