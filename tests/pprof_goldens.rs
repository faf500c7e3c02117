//! Differential test: every golden that `scripts/make-goldens.sh` recorded from
//! `go tool pprof` (testdata/golden/MANIFEST.tsv) is reproduced byte for byte by the
//! memprof-tui binary given the equivalent flags.

use std::path::Path;
use std::process::Command;

/// Translates pprof's flags into memprof-tui's; `None` when a flag belongs to a report
/// this build does not offer yet.
fn translate(pprof_flags: &[&str]) -> Option<Vec<String>> {
    let mut out = Vec::new();
    let mut it = pprof_flags.iter();
    while let Some(&f) = it.next() {
        let (name, value) = match f.split_once('=') {
            Some((n, v)) => (n, Some(v)),
            None => (f, None),
        };
        match (name, value) {
            ("-top", None) => out.push("--top".into()),
            ("-cum", None) => out.push("--cum".into()),
            ("-functions" | "-filefunctions" | "-files" | "-lines" | "-addresses", None) => {
                out.push("--granularity".into());
                out.push(name[1..].into());
            }
            ("-sample_index", Some(v)) => out.extend(["--sample-index".into(), v.into()]),
            ("-nodefraction", Some(v)) => out.extend(["--node-fraction".into(), v.into()]),
            ("-edgefraction", Some(v)) => out.extend(["--edge-fraction".into(), v.into()]),
            ("-nodecount", Some(v)) => out.extend(["--nodecount".into(), v.into()]),
            ("-unit", Some(v)) => out.extend(["--unit".into(), v.into()]),
            (
                "-focus" | "-ignore" | "-hide" | "-show" | "-show_from" | "-prune_from"
                | "-tagfocus" | "-tagignore",
                Some(v),
            ) => out.push(format!("--{}={v}", name[1..].replace('_', "-"))),
            ("-relative_percentages", None) => out.push("--relative-percentages".into()),
            ("-peek" | "-list", None) => out.push(format!("--{}={}", &name[1..], it.next()?)),
            // Relative to the repo root, which the binary runs in.
            ("-source_path", Some(v)) => out.push(format!("--source-path={v}")),
            _ => return None,
        }
    }
    Some(out)
}

#[test]
fn every_supported_golden_matches_pprof_byte_for_byte() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata");
    let manifest = std::fs::read_to_string(root.join("golden/MANIFEST.tsv"))
        .expect("testdata/golden/MANIFEST.tsv");
    let (mut compared, mut skipped, mut failures) = (0, 0, Vec::new());
    for line in manifest.lines().filter(|l| !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (golden, profile, flags, exit) = (cols[0], cols[1], cols[2], cols[3]);
        let Some(args) = translate(&flags.split(' ').collect::<Vec<_>>()) else {
            skipped += 1;
            continue;
        };
        // pprof ran from the repo root: -source_path is relative to it, and without it
        // -list searches the working directory.
        let out = Command::new(env!("CARGO_BIN_EXE_memprof-tui"))
            .args(&args)
            .arg(root.join("profiles").join(profile))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("TZ", "UTC")
            .output()
            .expect("run memprof-tui");
        let want = std::fs::read_to_string(root.join("golden").join(golden)).expect(golden);
        let got = String::from_utf8_lossy(&out.stdout);
        compared += 1;
        if exit != "exit=0" {
            // pprof failed: we must fail too, print nothing, and say what pprof said.
            let want_err =
                std::fs::read_to_string(root.join("golden").join(format!("{golden}.stderr")))
                    .unwrap_or_default();
            let err = String::from_utf8_lossy(&out.stderr);
            let said = want_err.lines().all(|l| err.contains(l.trim()));
            if out.status.success() || !got.is_empty() || !said {
                failures.push(format!(
                    "{golden} ({flags}): pprof {exit} {want_err:?}; ours status {:?}, stdout {} bytes, stderr {err:?}",
                    out.status.code(),
                    got.len()
                ));
            }
            continue;
        }
        if !out.status.success() || got != want {
            let diff: Vec<String> = got
                .lines()
                .zip(want.lines())
                .filter(|(a, b)| a != b)
                .take(3)
                .map(|(a, b)| format!("    ours:  {a}\n    pprof: {b}"))
                .collect();
            failures.push(format!(
                "{golden} ({flags}): status {:?}, {} vs {} lines\n{}{}",
                out.status.code(),
                got.lines().count(),
                want.lines().count(),
                diff.join("\n"),
                String::from_utf8_lossy(&out.stderr)
            ));
        }
    }
    eprintln!("compared {compared} goldens, {skipped} belong to reports not compared here");
    assert!(compared >= 300, "only {compared} goldens compared");
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Every -top golden with a filter (-focus, -ignore, …, -relative_percentages) is among
/// the compared ones.
#[test]
fn every_top_filter_golden_is_compared() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata");
    let manifest = std::fs::read_to_string(root.join("golden/MANIFEST.tsv"))
        .expect("testdata/golden/MANIFEST.tsv");
    const FILTERS: [&str; 9] = [
        "-focus=",
        "-ignore=",
        "-hide=",
        "-show=",
        "-show_from=",
        "-prune_from=",
        "-tagfocus=",
        "-tagignore=",
        "-relative_percentages",
    ];
    let mut n = 0;
    for line in manifest.lines().filter(|l| !l.trim().is_empty()) {
        let flags: Vec<&str> = line.split('\t').nth(2).expect("flags").split(' ').collect();
        let filtered = flags
            .iter()
            .any(|f| FILTERS.iter().any(|p| f.starts_with(p)));
        if filtered && flags.contains(&"-top") {
            assert!(translate(&flags).is_some(), "not compared: {line}");
            n += 1;
        }
    }
    assert!(n >= 50, "only {n} filter goldens");
}

/// Every -peek and -list golden (with or without -source_path, filters, or a regex that
/// matches nothing) is among the compared ones.
#[test]
fn every_peek_and_list_golden_is_compared() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata");
    let manifest = std::fs::read_to_string(root.join("golden/MANIFEST.tsv"))
        .expect("testdata/golden/MANIFEST.tsv");
    let mut n = 0;
    for line in manifest.lines().filter(|l| !l.trim().is_empty()) {
        let flags: Vec<&str> = line.split('\t').nth(2).expect("flags").split(' ').collect();
        if flags.contains(&"-peek") || flags.contains(&"-list") {
            assert!(translate(&flags).is_some(), "not compared: {line}");
            n += 1;
        }
    }
    assert!(n >= 45, "only {n} peek/list goldens");
}
