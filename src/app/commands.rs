//! "Copy as command": the `go tool pprof` command that shows the focused pane's report for
//! the view (sample type, granularity, order, unit, refinements, a diff's bases), the
//! `memprof-tui` command that opens the explorer on it, and the `memprof-tui` text report
//! of the pane. Every word is quoted for a POSIX shell: a function name in a focus regex
//! or a file name cannot end the quoting, and characters a terminal would act on are
//! written as `$'\x1b'` escapes, never raw.

use super::{App, PaneId, UnitMode};
use crate::analysis::Granularity;
use crate::analysis::call_tree::Direction;
use crate::analysis::filter::{FilterKind, Recursion};
use crate::analysis::view::TableSort;
use crate::profile::BaseMode;

/// A command that reproduces the view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReproCommand {
    /// Which one ("go tool pprof", "memprof-tui explorer", …).
    pub what: &'static str,
    /// The command line, quoted for a POSIX shell.
    pub text: String,
}

/// `s` as one word of a POSIX shell: as it is when only safe characters, else in single
/// quotes (`'` as `'\''`), else — when it holds control, bidi or invisible characters —
/// in bash's `$'…'` with those as `\xHH`/`\uHHHH` escapes.
pub fn shell_quote(s: &str) -> String {
    let safe = |c: char| c.is_ascii_alphanumeric() || "_./:=@%+,-".contains(c);
    if !s.is_empty() && s.chars().all(safe) {
        return s.to_string();
    }
    let hostile = |c: char| c.is_control() || crate::sanitize::is_unsafe(c);
    if !s.chars().any(hostile) {
        return format!("'{}'", s.replace('\'', "'\\''"));
    }
    let mut out = String::from("$'");
    for c in s.chars() {
        match c {
            '\'' => out.push_str("\\'"),
            '\\' => out.push_str("\\\\"),
            c if hostile(c) && (c as u32) < 0x100 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if hostile(c) => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// A regex matching exactly the function named `name` (as the refinement keys make it).
fn exactly(name: &str) -> String {
    format!("^{}$", regex::escape(name))
}

/// pprof's flag for a granularity (none for functions, its default).
fn pprof_granularity(g: Granularity) -> Option<&'static str> {
    match g {
        Granularity::Functions => None,
        Granularity::FileFunctions => Some("-filefunctions"),
        Granularity::Files => Some("-files"),
        Granularity::Lines => Some("-lines"),
        Granularity::Addresses => Some("-addresses"),
    }
}

impl App {
    /// The words both tools share in their own spellings: `pprof` picks pprof's
    /// (`-focus=RE`), else memprof-tui's (`--focus RE`).
    fn view_flags(&self, pprof: bool) -> Vec<String> {
        let mut out = Vec::new();
        let flag = |out: &mut Vec<String>, name: &str, value: Option<&str>| match (pprof, value) {
            (true, Some(v)) => out.push(format!("-{name}={}", shell_quote(v))),
            (true, None) => out.push(format!("-{name}")),
            (false, Some(v)) => {
                out.push(format!("--{}", name.replace('_', "-")));
                out.push(shell_quote(v));
            }
            (false, None) => out.push(format!("--{}", name.replace('_', "-"))),
        };
        let key = self.key;
        if let Some(t) = self.profile().sample_types.get(key.sample.index()) {
            if pprof {
                flag(&mut out, "sample_index", Some(&t.ty));
            } else {
                out.push("-i".into());
                out.push(shell_quote(&t.ty));
            }
        }
        if pprof {
            out.extend(pprof_granularity(key.granularity).map(String::from));
        } else if key.granularity != Granularity::Functions {
            out.push("-g".into());
            out.push(key.granularity.name().to_string());
        }
        if key.sort == TableSort::Cum {
            flag(&mut out, "cum", None);
        }
        if let UnitMode::Report(u) = self.units()
            && u != "minimum"
        {
            flag(&mut out, "unit", Some(u));
        }
        let f = self.filters();
        for kind in FilterKind::ALL {
            if let Some(v) = f.get(kind) {
                let name = match kind {
                    FilterKind::TagFocus if !pprof => "tagfocus",
                    FilterKind::TagIgnore if !pprof => "tagignore",
                    k => k.option(),
                };
                flag(&mut out, name, Some(v));
            }
        }
        if f.relative_percentages {
            flag(&mut out, "relative_percentages", None);
        }
        if !pprof {
            if let Some(v) = f.get(FilterKind::CollapsePackage) {
                flag(&mut out, "collapse_package", Some(v));
            }
            match f.collapse_recursion {
                Some(Recursion::Direct) => flag(&mut out, "collapse_recursion", None),
                Some(Recursion::Indirect) => flag(&mut out, "collapse_indirect_recursion", None),
                None => {}
            }
        }
        if let Some(b) = self.diff() {
            let name = match b.mode {
                BaseMode::DiffBase => "diff_base",
                BaseMode::Subtract => "base",
            };
            for p in &b.paths {
                flag(&mut out, name, Some(p));
            }
            if b.normalize {
                flag(&mut out, "normalize", None);
            }
        }
        out
    }

    /// The pane's report for pprof: `-top` and the trimming, `-peek`/`-list` of the
    /// selected function, `-tree`, or the web UI for the flame graph.
    fn pprof_report(&self) -> Vec<String> {
        let sel = self.selection.map(|f| exactly(&self.func_name(f)));
        match (self.focus, sel) {
            (PaneId::Peek, Some(re)) => vec![format!("-peek={}", shell_quote(&re))],
            (PaneId::Source, Some(re)) => vec![format!("-list={}", shell_quote(&re))],
            (PaneId::Tree, _) => vec!["-tree".into()],
            (PaneId::Flame, _) => vec!["-http=localhost:0".into()],
            _ => {
                let trim = self.key.trim;
                let mut v = vec!["-top".to_string()];
                if trim.is_active() {
                    v.push(format!("-nodecount={}", trim.node_count));
                    v.push(format!("-nodefraction={}", trim.node_fraction()));
                    v.push("-edgefraction=0".into());
                } else {
                    v.push("-trim=false".into());
                }
                v
            }
        }
    }

    /// The pane's text report for memprof-tui.
    fn text_report(&self) -> Vec<String> {
        let sel = self.selection.map(|f| exactly(&self.func_name(f)));
        match (self.focus, sel) {
            (PaneId::Peek, Some(re)) => vec!["--peek".into(), shell_quote(&re)],
            (PaneId::Source, Some(re)) => vec!["--list".into(), shell_quote(&re)],
            (PaneId::Tree | PaneId::Flame, _) => vec!["--traces".into()],
            _ => self.explorer_trim(true),
        }
    }

    /// The explorer's trimming (none unless the command line asked for some).
    fn explorer_trim(&self, top: bool) -> Vec<String> {
        let trim = self.key.trim;
        let mut v: Vec<String> = if top {
            vec!["--top".into()]
        } else {
            Vec::new()
        };
        if trim.is_active() {
            v.extend([
                "--nodecount".into(),
                trim.node_count.to_string(),
                "--node-fraction".into(),
                trim.node_fraction().to_string(),
            ]);
        } else if top {
            v.push("--no-trim".into());
        }
        v
    }

    fn inputs_quoted(&self) -> Vec<String> {
        self.input_names().iter().map(|s| shell_quote(s)).collect()
    }

    /// The commands that reproduce the view: pprof's report of the focused pane, the
    /// explorer on this view, memprof-tui's report of the pane.
    pub fn commands(&self) -> Vec<ReproCommand> {
        let join = |parts: Vec<String>| parts.join(" ");
        let mut pprof = vec!["go".to_string(), "tool".into(), "pprof".into()];
        pprof.extend(self.pprof_report());
        pprof.extend(self.view_flags(true));
        pprof.extend(self.inputs_quoted());
        let mut explorer = vec!["memprof-tui".to_string()];
        explorer.extend(self.view_flags(false));
        explorer.extend(self.explorer_trim(false));
        explorer.extend(self.inputs_quoted());
        let mut report = vec!["memprof-tui".to_string()];
        report.extend(self.text_report());
        report.extend(self.view_flags(false));
        report.extend(self.inputs_quoted());
        vec![
            ReproCommand {
                what: "go tool pprof",
                text: join(pprof),
            },
            ReproCommand {
                what: "memprof-tui explorer",
                text: join(explorer),
            },
            ReproCommand {
                what: "memprof-tui text report",
                text: join(report),
            },
        ]
    }

    /// What the commands cannot carry, in words (transforms pprof lacks, orders, the
    /// panes' places).
    pub fn command_notes(&self) -> Vec<String> {
        let mut out = Vec::new();
        let f = self.filters();
        let own: Vec<String> = FilterKind::TRANSFORMS
            .into_iter()
            .filter_map(|k| f.get(k).map(|v| format!("{}={v}", k.option())))
            .collect();
        if !own.is_empty() {
            out.push(format!(
                "go tool pprof has no {}: only the memprof-tui commands apply it.",
                own.join(", ")
            ));
        }
        if matches!(
            self.key.sort,
            TableSort::Name | TableSort::Growth | TableSort::Shrink
        ) {
            out.push(format!(
                "The order by {} is the explorer's: the reports sort by flat.",
                self.key.sort.label()
            ));
        }
        if self.focus == PaneId::Flame {
            out.push("pprof's web UI shows the flame graph under View ▸ Flame Graph.".to_string());
        }
        let bottom_up = (self.focus == PaneId::Tree
            && self.panes.tree.direction() == Direction::BottomUp)
            || (self.focus == PaneId::Flame && self.panes.flame.direction() == Direction::BottomUp);
        if bottom_up {
            out.push("The bottom-up direction is the explorer's (r).".to_string());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::shell_quote;

    #[test]
    fn words_cannot_leave_their_quotes() {
        assert_eq!(shell_quote("heap.prof"), "heap.prof");
        assert_eq!(shell_quote("^main\\.f$"), "'^main\\.f$'");
        assert_eq!(shell_quote("it's"), "'it'\\''s'");
        assert_eq!(shell_quote("a'; rm -rf ~; '"), "'a'\\''; rm -rf ~; '\\'''");
        assert_eq!(shell_quote(""), "''");
        assert_eq!(shell_quote("$(id)`id`"), "'$(id)`id`'");
        let q = shell_quote("x\u{1b}]52;c;AAAA\u{7}\u{202e}'");
        assert_eq!(q, "$'x\\x1b]52;c;AAAA\\x07\\u202e\\''");
        assert!(!q.chars().any(|c| c.is_control()));
    }
}
