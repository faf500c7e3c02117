//! Saved views, as pprof's web UI saves its "configs": a view — sample type, granularity,
//! order, units, pane, tree and flame graph directions, refinements and transforms — kept
//! by name in `views.toml` in the config directory. Read through [`crate::safe_file`]
//! (a regular file of at most 1 MiB); written whole through a temporary file renamed into
//! place, read again just before, so views saved meanwhile by another explorer stay.

use std::fmt::Write;
use std::path::Path;

use serde::Deserialize;

use super::error::ConfigError;

/// The file's name in the config directory.
pub const FILE_NAME: &str = "views.toml";

/// The most views a file holds (a file is at most 1 MiB anyway).
pub const MAX_VIEWS: usize = 1000;

/// One saved view: every field as text (names, pprof's words), so a view written by one
/// version and profile reads in another (what a profile lacks is said, not an error).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SavedView {
    /// Its name (what `--view NAME` and the list show).
    pub name: String,
    /// The sample type's name (alloc_space, cpu, …).
    pub sample_type: String,
    /// pprof's granularity word (functions, lines, …).
    pub granularity: String,
    /// The table's order: flat, cum, name, growth, shrink.
    pub sort: String,
    /// How values are shown: "per value", "exact", or a unit ("minimum" is pprof's).
    pub units: String,
    /// The pane shown (top, tree, peek, flame, source).
    pub pane: String,
    /// In-use and alloc side by side.
    pub side_by_side: bool,
    /// The call tree's direction: top-down or bottom-up.
    pub tree: String,
    /// The flame graph's direction: top-down or bottom-up (icicle).
    pub flame: String,
    /// pprof's -focus.
    pub focus: String,
    /// pprof's -ignore.
    pub ignore: String,
    /// pprof's -hide (merge).
    pub hide: String,
    /// pprof's -show.
    pub show: String,
    /// pprof's -show_from.
    pub show_from: String,
    /// pprof's -prune_from.
    pub prune_from: String,
    /// pprof's -tagfocus.
    pub tagfocus: String,
    /// pprof's -tagignore.
    pub tagignore: String,
    /// The packages collapsed into one frame (a regex).
    pub collapse_package: String,
    /// Recursion collapsed: direct, indirect or "".
    pub collapse_recursion: String,
    /// pprof's -relative_percentages.
    pub relative_percentages: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    view: Vec<SavedView>,
}

/// The views of `text` (read from `origin`); a view without a name, or two of one name,
/// is an error naming its line.
pub fn parse(text: &str, origin: &str) -> Result<Vec<SavedView>, ConfigError> {
    let file: File = toml::from_str(text).map_err(|e| ConfigError::toml(origin, text, &e))?;
    let mut seen = std::collections::HashSet::new();
    for v in &file.view {
        let at = |msg: String| {
            let span = text.find(&format!("\"{}\"", v.name)).unwrap_or(0);
            ConfigError::at(origin, text, span..span, msg)
        };
        if v.name.trim().is_empty() {
            return Err(ConfigError::file(origin, "a [[view]] has no name"));
        }
        if !seen.insert(v.name.as_str()) {
            return Err(at(format!("two views are named {:?}", v.name)));
        }
    }
    if file.view.len() > MAX_VIEWS {
        return Err(ConfigError::file(
            origin,
            format!("more than {MAX_VIEWS} views"),
        ));
    }
    Ok(file.view)
}

/// `s` as a TOML basic string.
fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || crate::sanitize::is_unsafe(c) => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The TOML text of `views` (fields left empty are not written).
pub fn to_toml(views: &[SavedView]) -> String {
    let mut out = String::from(
        "# memprof-tui's saved views (M in the explorer saves one, ' recalls one,\n\
         # --view NAME starts with one). Empty fields may be left out.\n",
    );
    for v in views {
        out.push_str("\n[[view]]\n");
        let texts = [
            ("name", &v.name),
            ("sample_type", &v.sample_type),
            ("granularity", &v.granularity),
            ("sort", &v.sort),
            ("units", &v.units),
            ("pane", &v.pane),
            ("tree", &v.tree),
            ("flame", &v.flame),
            ("focus", &v.focus),
            ("ignore", &v.ignore),
            ("hide", &v.hide),
            ("show", &v.show),
            ("show_from", &v.show_from),
            ("prune_from", &v.prune_from),
            ("tagfocus", &v.tagfocus),
            ("tagignore", &v.tagignore),
            ("collapse_package", &v.collapse_package),
            ("collapse_recursion", &v.collapse_recursion),
        ];
        for (key, value) in texts {
            if key == "name" || !value.is_empty() {
                let _ = writeln!(out, "{key} = {}", quoted(value));
            }
        }
        for (key, value) in [
            ("side_by_side", v.side_by_side),
            ("relative_percentages", v.relative_percentages),
        ] {
            if value {
                let _ = writeln!(out, "{key} = true");
            }
        }
    }
    out
}

/// The views saved at `path` (none when there is no file); a file that cannot be read or
/// is wrong is an error naming it (and its line).
pub fn load(path: &Path) -> Result<Vec<SavedView>, ConfigError> {
    let origin = path.display().to_string();
    match super::read_optional(path)? {
        Some(text) => parse(&text, &origin),
        None => Ok(Vec::new()),
    }
}

/// Saves `view` at `path` (replacing a view of the same name), with the views the file
/// holds now; returns them all, or a one-line reason.
pub fn save(path: &Path, view: &SavedView) -> Result<Vec<SavedView>, String> {
    let mut views = load(path).map_err(|e| e.to_string())?;
    match views.iter_mut().find(|v| v.name == view.name) {
        Some(v) => *v = view.clone(),
        None => views.push(view.clone()),
    }
    if views.len() > MAX_VIEWS {
        return Err(format!("{}: more than {MAX_VIEWS} views", path.display()));
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    crate::safe_write::write_atomic(path, to_toml(&views).as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(views)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(name: &str) -> SavedView {
        SavedView {
            name: name.into(),
            sample_type: "alloc_space".into(),
            pane: "flame".into(),
            focus: "main\\.(fill|grow)\"\t\u{1b}".into(),
            collapse_recursion: "direct".into(),
            relative_percentages: true,
            ..SavedView::default()
        }
    }

    #[test]
    fn views_read_back_what_is_written() {
        let views = vec![view("leaks"), view("a \"quoted\" name")];
        let text = to_toml(&views);
        assert!(!text.contains('\u{1b}'), "{text}");
        assert_eq!(parse(&text, "v.toml").expect("parses"), views);
    }

    #[test]
    fn bad_files_name_the_line() {
        let e = parse("[[view]]\nname = \"a\"\nbogus = 1\n", "v.toml").expect_err("unknown");
        assert_eq!(e.line, Some(3), "{e}");
        let e =
            parse("[[view]]\nname = \"a\"\n[[view]]\nname = \"a\"\n", "v.toml").expect_err("twice");
        assert!(e.to_string().contains("two views"), "{e}");
        assert!(parse("[[view]]\nfocus = \"x\"\n", "v.toml").is_err());
        assert_eq!(parse("", "v.toml").expect("empty"), Vec::new());
    }

    #[test]
    fn saving_replaces_by_name_and_keeps_the_others() {
        let dir = std::env::temp_dir().join(format!("memprof-views-{}", std::process::id()));
        let path = dir.join("sub").join(FILE_NAME);
        save(&path, &view("a")).expect("first");
        let mut b = view("b");
        save(&path, &b).expect("second");
        b.pane = "top".into();
        let all = save(&path, &b).expect("again");
        assert_eq!(all.len(), 2);
        assert_eq!(load(&path).expect("load")[1].pane, "top");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
