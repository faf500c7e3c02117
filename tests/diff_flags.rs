//! The diff flags (`--diff-base`, `--base`, `--normalize`): bad bases fail in one line
//! with the documented exit code, several bases are merged, the explorer gets the bases,
//! `--format json` names them.

#[path = "support/goldens.rs"]
mod goldens;
#[path = "support/top_rows.rs"]
mod top_rows;

use goldens::run;
use top_rows::{Row, tsv_rows};

/// Runs the binary with `args` (paths relative to the repo root) on growth-end.prof.
fn run_on_growth(args: &[&str]) -> std::process::Output {
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    run(&args, "growth-end.prof")
}

/// The one line on stderr, and the exit code.
fn failure(out: &std::process::Output) -> (String, Option<i32>) {
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(err.lines().count(), 1, "one line: {err:?}");
    assert!(out.stdout.is_empty());
    (err, out.status.code())
}

#[test]
fn a_missing_base_is_a_read_error() {
    let out = run_on_growth(&["--top", "--diff-base", "testdata/profiles/no-such.prof"]);
    let (err, code) = failure(&out);
    assert_eq!(code, Some(3));
    assert!(err.contains("testdata/profiles/no-such.prof"), "{err}");
}

#[test]
fn an_incompatible_base_is_refused_naming_it() {
    let out = run_on_growth(&["--top", "--base", "testdata/profiles/kinds-mutex.prof"]);
    let (err, code) = failure(&out);
    assert_eq!(code, Some(4));
    assert!(
        err.contains("testdata/profiles/kinds-mutex.prof: incompatible base"),
        "{err}"
    );
}

#[test]
fn a_corrupt_base_is_invalid() {
    let out = run_on_growth(&["--top", "--base", "testdata/src/growth/main.go"]);
    let (err, code) = failure(&out);
    assert_eq!(code, Some(4));
    assert!(err.contains("testdata/src/growth/main.go"), "{err}");
}

#[test]
fn normalize_without_a_base_and_both_modes_are_usage_errors() {
    let out = run_on_growth(&["--top", "--normalize"]);
    assert_eq!(out.status.code(), Some(2));
    let mid = "testdata/profiles/growth-mid.prof";
    let out = run_on_growth(&["--top", "--base", mid, "--diff-base", mid]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn several_bases_are_merged_into_one() {
    // The mid profile twice as base equals pprof's -base with the mid profile's values
    // doubled: every row of the end profile minus twice the mid one.
    let mid = "testdata/profiles/growth-mid.prof";
    let twice = run_on_growth(&[
        "--top",
        "--format",
        "tsv",
        "-i",
        "inuse_space",
        "--node-fraction",
        "0",
        "--base",
        mid,
        "--base",
        mid,
    ]);
    let once = run_on_growth(&[
        "--top",
        "--format",
        "tsv",
        "-i",
        "inuse_space",
        "--node-fraction",
        "0",
        "--base",
        mid,
    ]);
    let plain = run(
        &[
            "--top",
            "--format",
            "tsv",
            "-i",
            "inuse_space",
            "--node-fraction",
            "0",
        ]
        .map(String::from),
        "growth-mid.prof",
    );
    let rows = |o: &std::process::Output| tsv_rows(&String::from_utf8_lossy(&o.stdout));
    let flat_of = |rows: &[Row], name: &str| rows.iter().find(|r| r.2 == name).map_or(0, |r| r.0);
    let (twice, once, mid) = (rows(&twice), rows(&once), rows(&plain));
    assert!(!twice.is_empty());
    for name in ["main.fillScratch", "main.openSessions", "main.addEntry"] {
        assert_eq!(
            flat_of(&twice, name),
            flat_of(&once, name) - flat_of(&mid, name),
            "{name}"
        );
    }
}

#[test]
fn the_explorer_opens_the_diff_the_flags_ask_for() {
    use clap::Parser;
    use memprof_tui::profile::{BaseMode, Bases};
    let parse = |args: &[&str]| {
        memprof_tui::cli::Args::try_parse_from(args)
            .expect("flags")
            .explorer_options()
            .expect("options")
            .bases
    };
    let args = [
        "memprof-tui",
        "--diff-base",
        "a.prof",
        "--diff-base",
        "b.prof",
    ];
    let want = Bases {
        paths: vec!["a.prof".into(), "b.prof".into()],
        mode: BaseMode::DiffBase,
        normalize: true,
    };
    assert_eq!(
        parse(&[&args[..], &["--normalize", "end.prof"]].concat()),
        Some(want)
    );
    let subtract = parse(&["memprof-tui", "--base", "a.prof", "end.prof"]).expect("bases");
    assert_eq!(
        (subtract.mode, subtract.normalize),
        (BaseMode::Subtract, false)
    );
    assert_eq!(parse(&["memprof-tui", "end.prof"]), None);
}

#[test]
fn json_says_what_the_diff_is_against() {
    let mid = "testdata/profiles/growth-mid.prof";
    let out = run_on_growth(&["--top", "--format", "json", "--diff-base", mid]);
    let text = String::from_utf8_lossy(&out.stdout);
    let want = format!(
        "\"diff\": {{\"mode\": \"diff_base\", \"bases\": [\"{mid}\"], \"normalize\": false, \"total\": \"base_total\"}},"
    );
    assert!(text.contains(&want), "{text}");
    let plain = run_on_growth(&["--top", "--format", "json"]);
    assert!(String::from_utf8_lossy(&plain.stdout).contains("\"diff\": null,"));
}
