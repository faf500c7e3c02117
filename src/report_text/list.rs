//! Prints a list report as pprof's text (`-list`) or as TSV with exact integers, reading
//! the source files it finds.
//!
//! Sources: pprof's own lookup first (so the text is pprof's wherever pprof finds a
//! file, and its " Error: …" line where neither finds one); when it fails, the extra rules
//! of [`SourceLocator::locate`] may still find the file.
//!
//! TSV: a header `line flat cum source`, then per function and file a comment line
//! `# <function>\t<file>` (and `# error\t<message>` when the source was not found) and
//! one row per line shown or with samples. In `source`, backslash, tab, CR and LF are
//! escaped as `\\`, `\t`, `\r`, `\n`.

use std::collections::HashMap;
use std::fmt::Write;

use super::OutputFormat;
use super::escaping::Escaping;
use crate::analysis::source_file::{SourceFile, read_source};
use crate::analysis::units::percentage;
use crate::analysis::{ListBlock, ListReport, Located, SourceLocator};

/// Source files read so far, by the file name the report shows.
struct Sources<'a> {
    locator: &'a SourceLocator,
    files: HashMap<String, Result<SourceFile, String>>,
    /// Print where a source was looked for on stderr (not while the explorer has the
    /// terminal).
    hints: bool,
}

impl Sources<'_> {
    fn get(&mut self, b: &ListBlock) -> &Result<SourceFile, String> {
        let locator = self.locator;
        let hints = self.hints;
        self.files
            .entry(b.file.clone())
            .or_insert_with(|| match locator.pprof_find(&b.file) {
                Ok(path) => read_source(&path),
                Err(msg) => match locator.locate(&b.recorded_file, &b.file) {
                    Located::Found(path) => read_source(&path),
                    Located::NotFound(tried) => {
                        if hints {
                            hint(&b.name, &tried);
                        }
                        Err(msg)
                    }
                },
            })
    }
}

/// A one-line note on stderr: where the source was looked for.
fn hint(name: &str, tried: &[std::path::PathBuf]) {
    const SHOWN: usize = 4;
    let mut list: Vec<String> = tried
        .iter()
        .take(SHOWN)
        .map(|p| p.display().to_string())
        .collect();
    if tried.len() > SHOWN {
        list.push(format!("… {} more", tried.len() - SHOWN));
    }
    // On a terminal the note first erases the progress line it may be printed over.
    let erase = if std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        super::ERASE
    } else {
        ""
    };
    eprintln!(
        "{erase}memprof-tui: source of {} not found (tried {}); use --source-path DIR or --trim-path PREFIX",
        crate::sanitize::sanitize(name),
        crate::sanitize::sanitize(&list.join(", "))
    );
}

/// Renders `r` in `format` (text or TSV), looking up sources with `locator`; strings
/// and source lines are written as `esc` says.
pub fn render(
    r: &ListReport,
    locator: &SourceLocator,
    format: OutputFormat,
    esc: Escaping,
) -> String {
    render_with(r, locator, format, esc, true)
}

/// Like [`render`]; `hints`: say on stderr where a missing source was looked for.
pub fn render_with(
    r: &ListReport,
    locator: &SourceLocator,
    format: OutputFormat,
    esc: Escaping,
    hints: bool,
) -> String {
    let mut sources = Sources {
        locator,
        files: HashMap::new(),
        hints,
    };
    match format {
        OutputFormat::Tsv => tsv(r, &mut sources, esc),
        _ => text(r, &mut sources, esc),
    }
}

fn text(r: &ListReport, sources: &mut Sources<'_>, esc: Escaping) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "Total: {}", r.format_value(r.total));
    for b in &r.blocks {
        if b.file.is_empty() {
            let _ = writeln!(s, "No source information for {}", esc.field(&b.name));
            continue;
        }
        let _ = writeln!(
            s,
            "ROUTINE ======================== {} in {}",
            esc.field(&b.name),
            esc.field(&b.file)
        );
        let _ = writeln!(
            s,
            "{:>10} {:>10} (flat, cum) {} of Total",
            r.format_value(b.flat),
            r.format_value(b.cum),
            percentage(b.cum, r.total)
        );
        match sources.get(b) {
            Err(e) => {
                let _ = writeln!(s, " Error: {}", esc.field(e));
            }
            Ok(src) => {
                for (n, line) in b.window(src) {
                    let (flat, cum) = b.value_at(n);
                    let _ = writeln!(
                        s,
                        "{:>10} {:>10} {:>6}:{}",
                        r.value_or_dot(flat),
                        r.value_or_dot(cum),
                        n,
                        esc.field(line)
                    );
                }
            }
        }
    }
    s
}

/// `s` with backslash, tab, CR and LF escaped.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

fn tsv(r: &ListReport, sources: &mut Sources<'_>, esc: Escaping) -> String {
    let mut s = String::from("line\tflat\tcum\tsource\n");
    for b in &r.blocks {
        let _ = writeln!(
            s,
            "# {}\t{}",
            esc.tsv_field(&b.name),
            esc.tsv_field(&b.file)
        );
        if b.file.is_empty() {
            let _ = writeln!(s, "# error\tno source information");
            continue;
        }
        let mut rows: Vec<(i64, Option<&str>)> = Vec::new();
        let shown = match sources.get(b) {
            Ok(src) => b.window(src),
            Err(e) => {
                let _ = writeln!(s, "# error\t{}", esc.tsv_field(e));
                Vec::new()
            }
        };
        rows.extend(shown.iter().map(|&(n, t)| (n, Some(t))));
        for l in &b.lines {
            if !shown.iter().any(|&(n, _)| n == l.line) {
                rows.push((l.line, None));
            }
        }
        rows.sort_by_key(|&(n, _)| n);
        for (n, text) in rows {
            let (flat, cum) = b.value_at(n);
            let text = text.map_or_else(String::new, |t| esc.field(&escape(t)).into_owned());
            let _ = writeln!(s, "{n}\t{flat}\t{cum}\t{text}");
        }
    }
    s
}
