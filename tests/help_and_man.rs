//! `--man` carries every section `--help` has — the flag groups, the exit codes and
//! pprof's spellings — each as a section of its own, from the same definitions.

use std::process::Command;

fn run(flag: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_memprof-tui"))
        .arg(flag)
        .output()
        .expect("run");
    assert!(out.status.success(), "{flag}: {out:?}");
    String::from_utf8(out.stdout).expect("utf-8")
}

/// `--help`'s section titles: lines at the margin ending in a colon ("Usage:" aside).
fn help_sections(help: &str) -> Vec<String> {
    help.lines()
        .filter(|l| !l.starts_with(' ') && l.ends_with(':') && !l.starts_with("Usage"))
        .map(|l| l.trim_end_matches(':').to_string())
        .collect()
}

/// The manual page's section titles, unescaped.
fn man_sections(man: &str) -> Vec<String> {
    man.lines()
        .filter_map(|l| l.strip_prefix(".SH "))
        .map(|t| {
            t.trim_matches('"')
                .replace("\\(aq", "'")
                .replace("\\*(Aq", "'")
                .replace("\\-", "-")
        })
        .collect()
}

#[test]
fn the_manual_page_has_every_section_of_the_help() {
    let help = run("--help");
    let man = run("--man");
    let in_help = help_sections(&help);
    let in_man = man_sections(&man);
    assert!(in_help.len() >= 6, "{in_help:?}");
    for s in &in_help {
        // Clap's "Arguments" and "Options" are the manual's OPTIONS.
        let want = match s.as_str() {
            "Arguments" | "Options" => "OPTIONS".to_string(),
            other => other.to_uppercase(),
        };
        assert!(
            in_man.contains(&want),
            "{s:?} is not in the manual: {in_man:?}"
        );
    }
    assert!(!in_man.iter().any(|s| s == "EXTRA"), "{in_man:?}");
    // Every exit code --help lists is a term of the manual's EXIT CODES.
    let codes: Vec<&str> = help
        .lines()
        .skip_while(|l| *l != "EXIT CODES:")
        .skip(1)
        .take_while(|l| !l.is_empty())
        .filter_map(|l| {
            l.split_whitespace()
                .next()
                .filter(|w| w.parse::<u8>().is_ok())
        })
        .collect();
    assert_eq!(codes, ["0", "1", "2", "3", "4", "5"]);
    let exit = man.split(".SH \"EXIT CODES\"").nth(1).expect("EXIT CODES");
    for c in codes {
        assert!(exit.contains(&format!("\\fB{c}\\fR")), "exit code {c}");
    }
    // The short help has the same sections after the flags.
    let short = run("-h");
    assert!(short.contains("EXIT CODES:") && short.contains("PPROF'S SPELLINGS:"));
}
