//! The transforms on the command line: `--merge RE` is pprof's -hide (every -hide golden
//! reproduced with it), `--collapse-recursion` leaves every function's flat and cum as
//! they were (the top table of every testdata profile unchanged but for its "Active
//! filters" lines), the transforms work with --peek, --list, --traces and --proto (a
//! transformed export reads in go tool pprof as our own transformed top table), bad
//! values are usage errors.

mod common;
#[path = "support/goldens.rs"]
mod goldens;

use goldens::{manifest, read_golden, run, translate};
use memprof_tui::analysis::filter::FilterKind;

fn args(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

fn stdout(out: &std::process::Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Drops the "Active filters:" block of a report.
fn without_active_filters(text: &str) -> String {
    let mut out = String::new();
    let mut in_block = false;
    for line in text.lines() {
        if line == "Active filters:" {
            in_block = true;
            continue;
        }
        if in_block && line.starts_with("   ") {
            continue;
        }
        in_block = false;
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[test]
fn merge_is_pprofs_hide_for_every_hide_golden() {
    let mut n = 0;
    for g in manifest() {
        if !g.flags.iter().any(|f| f.starts_with("-hide=")) || g.exit != "exit=0" {
            continue;
        }
        let Some(ours) = translate(&g.flags) else {
            continue;
        };
        let ours: Vec<String> = ours
            .into_iter()
            .map(|a| a.replace("--hide=", "--merge="))
            .collect();
        assert!(ours.iter().any(|a| a.starts_with("--merge=")));
        let got = run(&ours, &g.profile);
        assert_eq!(got.stdout, read_golden(&g.file), "{} ({ours:?})", g.file);
        n += 1;
    }
    assert!(n >= 14, "only {n} hide goldens");
}

#[test]
fn direct_recursion_keeps_every_functions_flat_and_cum() {
    let profiles = [
        "kinds-heap.prof",
        "kinds-allocs.prof",
        "retain-mid.prof",
        "seed-cpu.prof",
        "kinds-block.prof",
        "realworld/go-cpu-fib.pb.gz",
        "realworld/rust-cpu-big.pb",
        "realworld/java-cpu.pb.gz",
    ];
    for p in profiles {
        for g in ["functions", "filefunctions"] {
            let plain = stdout(&run(&args(&["--top", "--no-trim", "-g", g]), p));
            let collapsed = stdout(&run(
                &args(&["--top", "--no-trim", "-g", g, "--collapse-recursion"]),
                p,
            ));
            assert!(collapsed.contains("   collapse_recursion=direct\n"), "{p}");
            assert_eq!(without_active_filters(&collapsed), plain, "{p} {g}");
        }
    }
}

#[test]
fn recursion_and_packages_fold_deep_stacks() {
    // kinds-heap: main.grow recurses 17 deep, main.label/main.countdown 200 deep.
    let traces = stdout(&run(
        &args(&[
            "--traces",
            "--collapse-indirect-recursion",
            "-i",
            "alloc_space",
        ]),
        "kinds-heap.prof",
    ));
    for block in traces.split("-----------+") {
        let frames: Vec<&str> = block
            .lines()
            .skip(1)
            .filter(|l| l.len() > 13 && !l.contains(":  "))
            .map(|l| l[13..].trim_end_matches(" (inline)"))
            .collect();
        let mut seen = std::collections::HashSet::new();
        assert!(
            frames.iter().all(|f| seen.insert(*f)),
            "a function twice: {frames:?}"
        );
    }
    let peek = stdout(&run(
        &args(&[
            "--peek",
            "^compress/flate",
            "--collapse-package",
            "^compress/flate$",
            "-i",
            "alloc_space",
        ]),
        "kinds-heap.prof",
    ));
    assert!(peek.contains("| compress/flate.*\n"), "{peek}");
    assert!(!peek.contains("compress/flate.NewWriter"), "{peek}");
    let list = stdout(&run(
        &args(&[
            "--list",
            "^main\\.grow$",
            "--collapse-recursion",
            "--source-path",
            "testdata/src",
        ]),
        "kinds-heap.prof",
    ));
    assert!(
        list.contains("ROUTINE ======================== main.grow"),
        "{list}"
    );
    // Flat is the leaf's: the same with and without the collapse.
    let flat = |text: &str| -> String {
        text.lines()
            .find(|l| l.contains("(flat, cum)"))
            .map(|l| l.split_whitespace().next().unwrap_or("").to_string())
            .unwrap_or_default()
    };
    let plain = stdout(&run(
        &args(&["--list", "^main\\.grow$", "--source-path", "testdata/src"]),
        "kinds-heap.prof",
    ));
    assert_eq!(flat(&list), flat(&plain));
}

#[test]
fn pprof_reads_a_transformed_export_as_our_transformed_top() {
    if !common::go_or_skip("a transformed --proto read by go tool pprof") {
        return;
    }
    let dir = std::env::temp_dir().join(format!("memprof-transform-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    for (p, t) in [
        ("kinds-heap.prof", vec!["--collapse-indirect-recursion"]),
        (
            "kinds-heap.prof",
            vec!["--collapse-package", "^(runtime|compress/flate)$"],
        ),
        (
            "retain-mid.prof",
            vec!["--collapse-package", "json", "--collapse-recursion"],
        ),
    ] {
        let file = dir.join("t.pb.gz");
        let file_s = file.display().to_string();
        let mut a = vec!["--proto", file_s.as_str()];
        a.extend(t.iter().copied());
        stdout(&run(&args(&a), p));
        for gran in ["functions", "lines"] {
            let mut ours = vec!["--top", "--no-trim", "-i", "alloc_space", "-g", gran];
            ours.extend(t.iter().copied());
            let want = without_active_filters(&stdout(&run(&args(&ours), p)));
            let pprof = std::process::Command::new("go")
                .args([
                    "tool",
                    "pprof",
                    "-top",
                    "-nodefraction=0",
                    "-edgefraction=0",
                ])
                .args(["-nodecount=1000000", "-sample_index=alloc_space"])
                .arg(format!("-{gran}"))
                .arg(&file)
                .env("TZ", "UTC")
                .env("PPROF_BINARY_PATH", "/nonexistent/memprof-tui")
                .output()
                .expect("go tool pprof");
            assert_eq!(stdout(&pprof), want, "{p} {t:?} {gran}");
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_transform_values_are_usage_errors() {
    let out = run(
        &args(&["--top", "--collapse-package", "("]),
        "kinds-heap.prof",
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("collapse_package"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    let out = run(
        &args(&["--top", "--collapse-package", "^nomatch$"]),
        "kinds-heap.prof",
    );
    assert!(out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("CollapsePackage expression matched no samples")
    );
}

#[test]
fn the_explorer_takes_every_transform() {
    use clap::Parser;
    use memprof_tui::cli::Args;
    let opts = Args::parse_from(["memprof-tui", "--collapse-indirect-recursion", "p.prof"])
        .explorer_options()
        .expect("recursion in the explorer");
    assert_eq!(
        opts.filters.collapse_recursion,
        Some(memprof_tui::analysis::filter::Recursion::Indirect)
    );
    let opts = Args::parse_from(["memprof-tui", "--collapse-package", "^net/", "p.prof"])
        .explorer_options()
        .expect("collapse-package in the explorer");
    assert_eq!(opts.filters.get(FilterKind::CollapsePackage), Some("^net/"));
}
