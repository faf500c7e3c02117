//! The diff flags (`--diff-base`, `--base`, `--normalize`): bad bases fail in one line
//! with the documented exit code, several bases are merged, the explorer gets the bases,
//! `--format json` names them; several bases equal go tool pprof on the bases merged
//! first (needs Go).

mod common;
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

/// `go tool pprof ARGS` run from the repo root like the goldens (UTC, no local binaries).
fn pprof(args: &[String]) -> std::process::Output {
    std::process::Command::new("go")
        .args(["tool", "pprof"])
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("TZ", "UTC")
        .env("LC_ALL", "C")
        .env("PPROF_BINARY_PATH", "/nonexistent/memprof-tui-goldens")
        .output()
        .expect("go tool pprof")
}

/// Several bases are merged as pprof merges several inputs: the report equals
/// `go tool pprof -diff_base=MERGED` where MERGED is `go tool pprof -proto BASE1 BASE2`.
/// (Go 1.19's `go tool pprof` keeps only the last of repeated -diff_base flags; the
/// standalone pprof merges them, and so does memprof-tui.)
#[test]
fn several_bases_equal_pprof_on_the_bases_merged_first() {
    if !common::go_or_skip("the comparison of several bases with go tool pprof") {
        return;
    }
    let bases = [
        "testdata/profiles/growth-mid.prof",
        "testdata/profiles/retain-mid.prof",
    ];
    let merged =
        std::env::temp_dir().join(format!("memprof-tui-bases-{}.pb.gz", std::process::id()));
    let proto = pprof(&["-proto".into(), bases[0].into(), bases[1].into()]);
    assert!(
        proto.status.success(),
        "{}",
        String::from_utf8_lossy(&proto.stderr)
    );
    std::fs::write(&merged, &proto.stdout).expect("merged base");
    let mut compared = 0;
    for (mode, normalize) in [("diff_base", false), ("base", true), ("diff_base", true)] {
        for t in [
            "alloc_objects",
            "alloc_space",
            "inuse_objects",
            "inuse_space",
        ] {
            let common_flags = [
                format!("-sample_index={t}"),
                "-nodefraction=0".into(),
                "-edgefraction=0".into(),
                "-nodecount=10000000".into(),
                "-unit=B".into(),
            ];
            let mut theirs = vec!["-top".to_string(), format!("-{mode}={}", merged.display())];
            let mut ours = vec!["--top".to_string()];
            for b in bases {
                ours.push(format!("--{}={b}", mode.replace('_', "-")));
            }
            if normalize {
                theirs.push("-normalize".into());
                ours.push("--normalize".into());
            }
            theirs.extend(common_flags.iter().cloned());
            theirs.push("testdata/profiles/growth-end.prof".into());
            ours.extend(goldens::translate(&common_flags).expect("flags"));
            let want = pprof(&theirs);
            let got = run(&ours, "growth-end.prof");
            assert!(
                want.status.success(),
                "{}",
                String::from_utf8_lossy(&want.stderr)
            );
            assert!(!want.stdout.is_empty(), "pprof printed nothing");
            assert_eq!(
                String::from_utf8_lossy(&got.stdout),
                String::from_utf8_lossy(&want.stdout),
                "{mode} normalize={normalize} {t}"
            );
            compared += 1;
        }
    }
    let _ = std::fs::remove_file(&merged);
    assert_eq!(compared, 12);
}
