//! The sections `--help` prints after the flags (exit codes, pprof's spellings) written
//! once, and the manual page made from the same flags and the same sections — each a
//! section of its own there, so `man memprof-tui` carries everything `--help` says.

use std::io::Write;

/// One section: its title and its entries (`(term, text)`; an empty term is a
/// paragraph).
pub struct Section {
    /// The title, as `--help` prints it before a colon.
    pub title: &'static str,
    /// The entries.
    pub entries: &'static [(&'static str, &'static str)],
}

/// The sections after the flags, in order.
pub const SECTIONS: [Section; 2] = [
    Section {
        title: "EXIT CODES",
        entries: &[
            ("0", "success"),
            (
                "1",
                "failure (terminal or output error, a --proto file not written; --peek/--list regex matched nothing)",
            ),
            ("2", "usage error (bad flag, value or sample type)"),
            (
                "3",
                "cannot read or fetch an input (no such file, permission denied, I/O error; connection refused, DNS failure, timeout, HTTP status other than 2xx)",
            ),
            (
                "4",
                "not a valid profile (corrupt, truncated, fails validation; a file of another kind — an image, an executable, JSON, an HTML page, …; a base of other sample types)",
            ),
            (
                "5",
                "over a resource limit (--max-decompressed-mib, --max-memory-mib)",
            ),
        ],
    },
    Section {
        title: "PPROF'S SPELLINGS",
        entries: &[(
            "",
            "go tool pprof's flags are accepted as pprof spells them and mean what they mean there: -sample_index=X (or -sample_index X), -inuse_space, -inuse_objects, -alloc_space, -alloc_objects, -total_delay, -contentions, -top, -text, -peek=RE, -list=RE, -focus=, -ignore=, -hide=, -show=, -show_from=, -prune_from=, -tagfocus=, -tagignore=, -nodecount=, -nodefraction=, -edgefraction=, -cum, -flat, -unit=, -functions, -filefunctions, -files, -lines, -addresses, -trim=false, -relative_percentages, -diff_base=, -base=, -normalize, -seconds=, -timeout=, -trim_path=, -source_path=, -symbolize=none, -traces, -proto (to stdout, or -output=FILE). pprof flags not offered here (-svg, -http, -raw, …) are refused with their name and the reason.",
        )],
    },
];

/// What `--help` prints after the flags: each section's title and a colon, then its
/// entries indented (terms in a column), paragraphs wrapped at 84 columns.
pub fn after_help() -> String {
    let mut out = Vec::new();
    for s in &SECTIONS {
        let mut text = format!("{}:\n", s.title);
        for (term, body) in s.entries {
            if term.is_empty() {
                for line in wrap(body, 84) {
                    text.push_str(&format!("  {line}\n"));
                }
            } else {
                text.push_str(&format!("  {term}  {body}\n"));
            }
        }
        out.push(text.trim_end().to_string());
    }
    out.join("\n\n")
}

fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split(' ') {
        let line = lines.last_mut().expect("a line");
        if !line.is_empty() && line.len() + 1 + word.len() > width {
            lines.push(word.to_string());
        } else {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines
}

/// `s` for roff: backslashes, dashes and quotes escaped, no control word at a line start.
fn roff(s: &str) -> String {
    let t = s
        .replace('\\', "\\e")
        .replace('-', "\\-")
        .replace('\'', "\\(aq");
    if t.starts_with('.') {
        format!("\\&{t}")
    } else {
        t
    }
}

/// The manual page of `cmd`: clap_mangen's title, name, synopsis, description, options
/// and version, with [`SECTIONS`] as sections of their own (instead of clap's one
/// "EXTRA" block of the `--help` text).
pub fn man_page(cmd: clap::Command) -> std::io::Result<String> {
    let cmd = cmd.after_help("").after_long_help("");
    let man = clap_mangen::Man::new(cmd.clone());
    let mut out: Vec<u8> = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    man.render_options_section(&mut out)?;
    for s in &SECTIONS {
        writeln!(out, ".SH \"{}\"", roff(s.title))?;
        for (term, body) in s.entries {
            if term.is_empty() {
                writeln!(out, ".PP\n{}", roff(body))?;
            } else {
                writeln!(out, ".TP\n\\fB{}\\fR\n{}", roff(term), roff(body))?;
            }
        }
    }
    if cmd.get_version().is_some() {
        man.render_version_section(&mut out)?;
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_text_has_every_section_and_entry() {
        let h = after_help();
        assert!(
            h.starts_with("EXIT CODES:\n  0  success\n  1  failure"),
            "{h}"
        );
        assert!(
            h.contains("\n\nPPROF'S SPELLINGS:\n  go tool pprof's flags"),
            "{h}"
        );
        assert!(h.lines().all(|l| l.len() <= 200), "{h}");
    }

    #[test]
    fn roff_escapes() {
        assert_eq!(roff("--peek"), "\\-\\-peek");
        assert_eq!(roff("pprof's"), "pprof\\(aqs");
        assert_eq!(roff(".hidden"), "\\&.hidden");
        assert_eq!(roff("a\\b"), "a\\eb");
    }
}
