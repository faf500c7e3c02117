//! The command line that opens a source file in the user's editor (`$VISUAL`, else
//! `$EDITOR`, else `vi`) at a line, built so that a file name taken from a profile is never
//! read as an option or a command: the path is always absolute (it starts with `/`, never
//! with `-` or `+`), it follows `--` for editors known to end their options there, and the
//! line is an argument of its own, in the form each known editor reads.
//!
//! No shell is involved: the editor variable is split on white space into the program and
//! its own arguments (`EDITOR="code --wait"`), which come first.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// How an editor is told the line to open at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineStyle {
    /// `+LINE -- FILE`: vi, vim, nvim, emacs, nano and their relatives, which take `+LINE`
    /// and end their options at `--`.
    PlusThenDashes,
    /// `+LINE FILE`: editors that take `+LINE` but whose `--` handling is not known
    /// (and any editor not in the table): the file is absolute, so it is never an option.
    Plus,
    /// `--goto FILE:LINE`: Visual Studio Code and its forks.
    Goto,
    /// `FILE:LINE`: Sublime Text, Helix, Zed.
    Suffix,
}

/// The editors whose way of taking a line is known (by program name, without directory).
pub const KNOWN_EDITORS: &[(&str, LineStyle)] = &[
    ("vi", LineStyle::PlusThenDashes),
    ("vim", LineStyle::PlusThenDashes),
    ("nvim", LineStyle::PlusThenDashes),
    ("view", LineStyle::PlusThenDashes),
    ("gvim", LineStyle::PlusThenDashes),
    ("rvim", LineStyle::PlusThenDashes),
    ("vim.basic", LineStyle::PlusThenDashes),
    ("vim.tiny", LineStyle::PlusThenDashes),
    ("emacs", LineStyle::PlusThenDashes),
    ("nano", LineStyle::PlusThenDashes),
    ("emacsclient", LineStyle::Plus),
    ("micro", LineStyle::Plus),
    ("kak", LineStyle::Plus),
    ("joe", LineStyle::Plus),
    ("mg", LineStyle::Plus),
    ("ne", LineStyle::Plus),
    ("jed", LineStyle::Plus),
    ("gedit", LineStyle::Plus),
    ("code", LineStyle::Goto),
    ("code-insiders", LineStyle::Goto),
    ("codium", LineStyle::Goto),
    ("cursor", LineStyle::Goto),
    ("subl", LineStyle::Suffix),
    ("hx", LineStyle::Suffix),
    ("helix", LineStyle::Suffix),
    ("zed", LineStyle::Suffix),
];

/// A program and its arguments, ready to be run (no shell).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditorCommand {
    /// The program: the first word of the editor variable.
    pub program: String,
    /// The editor variable's own arguments, then the line and the file.
    pub args: Vec<OsString>,
}

impl EditorCommand {
    /// A [`std::process::Command`] for it.
    pub fn to_command(&self) -> std::process::Command {
        let mut c = std::process::Command::new(&self.program);
        c.args(&self.args);
        c
    }
}

/// The editor the environment names: `$VISUAL`, else `$EDITOR` (blank values skipped),
/// else `vi`.
pub fn from_env() -> String {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
    var("VISUAL")
        .or_else(|| var("EDITOR"))
        .unwrap_or_else(|| "vi".into())
}

/// The line style of `program` (a path or a name).
pub fn line_style(program: &str) -> LineStyle {
    let name = Path::new(program)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    KNOWN_EDITORS
        .iter()
        .find(|(n, _)| *n == name)
        .map_or(LineStyle::Plus, |&(_, s)| s)
}

/// `path` as an absolute path (relative ones under `cwd`): it then starts with `/`.
fn absolute(path: &Path, cwd: &Path) -> PathBuf {
    let p = if path.is_absolute() {
        path.to_path_buf()
    } else {
        cwd.join(path)
    };
    if p.is_absolute() {
        p
    } else {
        // `cwd` itself was relative (never in practice): `./` keeps it from reading as
        // an option.
        Path::new(".").join(p)
    }
}

/// The command that opens `path` (relative paths are taken under `cwd`) at `line` (lines
/// below 1 open at line 1) in `editor` (`$VISUAL`/`$EDITOR`, split on white space).
pub fn command(editor: &str, path: &Path, line: i64, cwd: &Path) -> EditorCommand {
    let mut words = editor.split_whitespace();
    let program = words.next().unwrap_or("vi").to_string();
    let mut args: Vec<OsString> = words.map(OsString::from).collect();
    let file = absolute(path, cwd);
    let line = line.max(1);
    match line_style(&program) {
        LineStyle::PlusThenDashes => {
            args.push(format!("+{line}").into());
            args.push("--".into());
            args.push(file.into_os_string());
        }
        LineStyle::Plus => {
            args.push(format!("+{line}").into());
            args.push(file.into_os_string());
        }
        LineStyle::Goto => {
            args.push("--goto".into());
            args.push(with_line(file, line));
        }
        LineStyle::Suffix => args.push(with_line(file, line)),
    }
    EditorCommand { program, args }
}

/// `FILE:LINE` as one argument.
fn with_line(file: PathBuf, line: i64) -> OsString {
    let mut s = file.into_os_string();
    s.push(format!(":{line}"));
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(editor: &str, path: &str, line: i64) -> Vec<String> {
        let c = command(editor, Path::new(path), line, Path::new("/work"));
        std::iter::once(c.program)
            .chain(c.args.iter().map(|a| a.to_string_lossy().into_owned()))
            .collect()
    }

    #[test]
    fn vim_family_gets_the_line_then_dashes_then_an_absolute_path() {
        assert_eq!(
            argv("vim", "+:!touch PWNED.txt", 3),
            ["vim", "+3", "--", "/work/+:!touch PWNED.txt"]
        );
        assert_eq!(
            argv("/usr/bin/nvim -u NONE", "-c!sh", 7),
            ["/usr/bin/nvim", "-u", "NONE", "+7", "--", "/work/-c!sh"]
        );
        assert_eq!(
            argv("emacs -nw", "--eval=(shell)", 1),
            ["emacs", "-nw", "+1", "--", "/work/--eval=(shell)"]
        );
        assert_eq!(
            argv("nano", "/src/a.go", -5),
            ["nano", "+1", "--", "/src/a.go"]
        );
    }

    #[test]
    fn other_editors_get_an_absolute_path_in_their_own_form() {
        assert_eq!(
            argv("code --wait", "-r", 12),
            ["code", "--wait", "--goto", "/work/-r:12"]
        );
        assert_eq!(argv("hx", "+5", 2), ["hx", "/work/+5:2"]);
        assert_eq!(
            argv("my-editor --flag", "-rf", 4),
            ["my-editor", "--flag", "+4", "/work/-rf"]
        );
        assert_eq!(argv("   ", "a.go", 1), ["vi", "+1", "--", "/work/a.go"]);
    }

    #[test]
    fn a_relative_path_is_always_made_absolute() {
        for name in ["-", "--", "+", "-c", "+set shell", "./x", "a b"] {
            let c = command("ed", Path::new(name), 1, Path::new("/w"));
            let file = c.args.last().expect("file").to_string_lossy().into_owned();
            assert!(file.starts_with("/w/"), "{file}");
        }
    }
}
