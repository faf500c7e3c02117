//! pprof's flag spellings at the command line: warnings pprof would print, pprof flags
//! that are not offered refused by name, `--help` saying so; completions and the manual
//! page generated from the flags.

use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_memprof-tui"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run memprof-tui")
}

const PROFILE: &str = "testdata/profiles/retain-mid.prof";

#[test]
fn a_second_sample_type_selection_is_ignored_with_pprofs_warning() {
    let out = run(&[
        "-top",
        "-sample_index=alloc_space",
        "-inuse_objects",
        PROFILE,
    ]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        err.trim(),
        "Multiple value selections, ignoring -inuse_objects"
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("Type: alloc_space"), "{stdout}");
}

#[test]
fn pprof_flags_not_offered_are_refused_in_one_line_with_their_name() {
    for (flag, name) in [
        ("-svg", "-svg"),
        ("-http=:8080", "-http"),
        ("-raw", "-raw"),
        ("-output=out.txt", "-output"),
        ("-tagshow=bytes", "-tagshow"),
        ("-cum=perhaps", "-cum"),
    ] {
        let out = run(&[flag, PROFILE]);
        assert_eq!(out.status.code(), Some(2), "{flag}");
        assert!(out.stdout.is_empty(), "{flag}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.lines().count(), 1, "{flag}: {err}");
        assert!(err.starts_with("memprof-tui: "), "{flag}: {err}");
        assert!(err.contains(name), "{flag}: {err}");
    }
}

#[test]
fn unknown_single_dash_words_are_still_refused_by_clap() {
    let out = run(&["-frobnicate", PROFILE]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn help_names_pprofs_spellings() {
    let out = run(&["--help"]);
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    for s in [
        "-sample_index=X",
        "-inuse_space",
        "-focus=",
        "-trim=false",
        "-svg",
    ] {
        assert!(help.contains(s), "--help lacks {s}");
    }
    // pprof's -help is --help.
    assert_eq!(run(&["-help"]).stdout, out.stdout);
}

#[test]
fn completion_scripts_are_generated_for_bash_zsh_and_fish() {
    for shell in ["bash", "zsh", "fish"] {
        let out = run(&["--completions", shell]);
        assert!(out.status.success(), "{shell}");
        let script = String::from_utf8_lossy(&out.stdout);
        for flag in ["sample-index", "granularity", "completions", "no-trim"] {
            assert!(script.contains(flag), "{shell} completion lacks {flag}");
        }
    }
    assert_eq!(run(&["--completions", "tcsh"]).status.code(), Some(2));
}

#[test]
fn the_manual_page_is_roff_with_every_flag() {
    let out = run(&["--man"]);
    assert!(out.status.success());
    let page = String::from_utf8_lossy(&out.stdout);
    assert!(
        page.starts_with(".ie") || page.contains(".TH memprof-tui"),
        "{page:.200}"
    );
    for flag in [
        "\\-\\-sample\\-index",
        "\\-\\-top",
        "\\-\\-man",
        "EXIT CODES",
    ] {
        assert!(page.contains(flag), "man page lacks {flag}");
    }
}
