//! The `config` layer (below `app`): the keymap (scope × key → action, with the actions
//! and keys it names) and the theme, each built in (`assets/`) with the user's file from
//! `$XDG_CONFIG_HOME/memprof-tui` (else `~/.config/memprof-tui`) merged over it, and the
//! one-line errors of a bad file.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

pub mod action;
pub mod error;
pub mod input;
pub mod keymap;
pub mod theme;
pub mod views;

pub use error::{ConfigError, line_of};
pub use keymap::{Keymap, Scope};
pub use theme::{COLOR_NAMES, DEFAULT_THEME_TOML, StyleSpec, Styles, SyntaxSpec, ThemeSpec};

use keymap::DEFAULT_TOML as DEFAULT_KEYMAP_TOML;

/// The built-in file `--print-config NAME` prints ("keymap" or "theme").
pub fn default_file(name: &str) -> Option<&'static str> {
    match name {
        "keymap" => Some(DEFAULT_KEYMAP_TOML),
        "theme" => Some(DEFAULT_THEME_TOML),
        _ => None,
    }
}

/// The user's config directory from the environment (see [`config_dir`]).
pub fn user_dir() -> Option<PathBuf> {
    config_dir(
        std::env::var_os("XDG_CONFIG_HOME").as_deref(),
        std::env::var_os("HOME").as_deref(),
    )
}

/// What `--print-config views` prints: the user's saved views (`views.toml` in the
/// config directory, checked), else a commented example of the file.
pub fn views_text(dir: Option<&Path>) -> Result<String, ConfigError> {
    let example = views::to_toml(&[views::SavedView {
        name: "leaks".into(),
        sample_type: "inuse_space".into(),
        pane: "flame".into(),
        focus: "^main\\.".into(),
        collapse_recursion: "direct".into(),
        ..Default::default()
    }]);
    let commented: String = example.lines().map(|l| format!("# {l}\n")).collect();
    let Some(dir) = dir else {
        return Ok(format!(
            "# no config directory (set XDG_CONFIG_HOME or HOME); a views.toml looks like:\n{commented}"
        ));
    };
    let path = dir.join(views::FILE_NAME);
    match read_optional(&path)? {
        Some(text) => {
            views::parse(&text, &path.display().to_string())?;
            Ok(text)
        }
        None => Ok(format!(
            "# {} does not exist yet; M in the explorer saves a view there, like:\n{commented}",
            path.display()
        )),
    }
}

/// The directory of the user's files: `$XDG_CONFIG_HOME/memprof-tui` when that variable
/// is an absolute path, else `$HOME/.config/memprof-tui`; `None` without either.
pub fn config_dir(xdg_config_home: Option<&OsStr>, home: Option<&OsStr>) -> Option<PathBuf> {
    let xdg = xdg_config_home
        .map(PathBuf::from)
        .filter(|p| p.is_absolute());
    let base = xdg.or_else(|| {
        home.filter(|h| !h.is_empty())
            .map(|h| PathBuf::from(h).join(".config"))
    })?;
    Some(base.join("memprof-tui"))
}

/// The keymap and theme for the explorer: the built-in ones, with the user's files from
/// the environment's config directory merged over them unless `no_config`.
pub fn load(no_config: bool) -> Result<(Keymap, ThemeSpec), ConfigError> {
    if no_config {
        return load_from(None);
    }
    load_from(user_dir().as_deref())
}

/// Like [`load`], reading the user's files from `dir` (none when `None`). Missing files
/// are fine; a file that cannot be read or is wrong is an error naming it.
pub fn load_from(dir: Option<&Path>) -> Result<(Keymap, ThemeSpec), ConfigError> {
    let mut keymap = Keymap::default();
    let mut theme = ThemeSpec::default();
    if let Some(dir) = dir {
        let path = dir.join("keymap.toml");
        if let Some(text) = read_optional(&path)? {
            keymap = keymap.with_overrides(&text, &path.display().to_string())?;
        }
        let path = dir.join("theme.toml");
        if let Some(text) = read_optional(&path)? {
            theme = theme.with_overrides(&text, &path.display().to_string())?;
        }
    }
    Ok((keymap, theme))
}

/// The largest config file read.
pub const MAX_CONFIG_BYTES: u64 = 1 << 20;

/// The text of the config file at `path`, `None` when there is none. Read with
/// [`crate::safe_file`]: a regular file of at most [`MAX_CONFIG_BYTES`] (never a FIFO, a
/// device or anything under /proc, /sys or /dev), in UTF-8.
fn read_optional(path: &Path) -> Result<Option<String>, ConfigError> {
    use crate::safe_file::Refused;
    let error = |reason: String| ConfigError::file(&path.display().to_string(), reason);
    match crate::safe_file::read(path, MAX_CONFIG_BYTES) {
        Ok(bytes) => String::from_utf8(bytes)
            .map(Some)
            .map_err(|_| error("cannot read: not UTF-8 text".into())),
        Err(Refused::Io(_, e)) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(r) => Err(error(r.reason())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xdg_config_home_wins_over_home() {
        let d = |x: Option<&str>, h: Option<&str>| config_dir(x.map(OsStr::new), h.map(OsStr::new));
        assert_eq!(
            d(Some("/x/cfg"), Some("/home/u")),
            Some(PathBuf::from("/x/cfg/memprof-tui"))
        );
        assert_eq!(
            d(None, Some("/home/u")),
            Some(PathBuf::from("/home/u/.config/memprof-tui"))
        );
        // Empty or relative XDG_CONFIG_HOME is ignored, as the XDG spec says.
        assert_eq!(
            d(Some(""), Some("/home/u")),
            Some(PathBuf::from("/home/u/.config/memprof-tui"))
        );
        assert_eq!(
            d(Some("rel"), Some("/home/u")),
            Some(PathBuf::from("/home/u/.config/memprof-tui"))
        );
        assert_eq!(d(None, None), None);
        assert_eq!(d(None, Some("")), None);
    }

    #[test]
    fn built_in_files_are_served() {
        assert_eq!(default_file("keymap"), Some(DEFAULT_KEYMAP_TOML));
        assert_eq!(default_file("theme"), Some(DEFAULT_THEME_TOML));
        assert_eq!(default_file("x"), None);
    }
}
