//! Differential test: every golden that `scripts/make-goldens.sh` recorded from
//! `go tool pprof` (testdata/golden/MANIFEST.tsv) is reproduced byte for byte by the
//! memprof-tui binary given the same flags: every other golden in pprof's own spelling,
//! passed verbatim, the rest in memprof-tui's.

#[path = "support/goldens.rs"]
mod goldens;

use goldens::{manifest, needs_raw, read_golden, run, translate};

#[test]
fn every_supported_golden_matches_pprof_byte_for_byte() {
    let (mut compared, mut skipped, mut failures) = (0, 0, Vec::new());
    for g in manifest() {
        let (golden, flags) = (&g.file, g.flags.join(" "));
        // Goldens named `.spelling.` use pprof flags that only the binary's own rewriting
        // knows (-alloc_space, -text, -trim=false …); they always run verbatim.
        let spelling = g.file.contains(".spelling.");
        let Some(ours) = translate(&g.flags).or_else(|| spelling.then(|| g.flags.clone())) else {
            skipped += 1;
            continue;
        };
        // Every other golden runs with pprof's own flags exactly as pprof got them
        // (-sample_index=…, -peek RE, -lines …), the rest in memprof-tui's spelling.
        let mut args = if spelling || compared % 2 == 1 {
            g.flags.clone()
        } else {
            ours
        };
        let want = read_golden(golden);
        // Names with control characters or bytes that are not UTF-8 are escaped unless
        // --raw asks for pprof's bytes.
        if needs_raw(&want) {
            args.push("--raw".into());
        }
        // pprof ran from the repo root: -source_path is relative to it, and without it
        // -list searches the working directory.
        let out = run(&args, &g.profile);
        // Bytes, not text: under --raw names that are not UTF-8 reach a pipe as they are.
        let got = &out.stdout;
        compared += 1;
        if g.exit != "exit=0" {
            // pprof failed: we must fail too, print nothing, and say what pprof said.
            let want_err =
                String::from_utf8(read_golden(&format!("{golden}.stderr"))).expect("stderr golden");
            let err = String::from_utf8_lossy(&out.stderr);
            let said = want_err.lines().all(|l| err.contains(l.trim()));
            if out.status.success() || !got.is_empty() || !said {
                failures.push(format!(
                    "{golden} ({flags}): pprof {} {want_err:?}; ours status {:?}, stdout {} bytes, stderr {err:?}",
                    g.exit,
                    out.status.code(),
                    got.len()
                ));
            }
            continue;
        }
        if !out.status.success() || *got != want {
            let (got, want) = (String::from_utf8_lossy(got), String::from_utf8_lossy(&want));
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
    assert!(compared >= 600, "only {compared} goldens compared");
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
    for g in manifest() {
        let filtered = g
            .flags
            .iter()
            .any(|f| FILTERS.iter().any(|p| f.starts_with(p)));
        if filtered && g.flags.iter().any(|f| f == "-top") {
            let spelling = g.file.contains(".spelling.");
            assert!(
                spelling || translate(&g.flags).is_some(),
                "not compared: {}",
                g.file
            );
            n += 1;
        }
    }
    assert!(n >= 50, "only {n} filter goldens");
}

/// Every -peek and -list golden (with or without -source_path, filters, or a regex that
/// matches nothing) is among the compared ones.
#[test]
fn every_peek_and_list_golden_is_compared() {
    let mut n = 0;
    for g in manifest() {
        if g.flags.iter().any(|f| f == "-peek" || f == "-list") {
            assert!(translate(&g.flags).is_some(), "not compared: {}", g.file);
            n += 1;
        }
    }
    assert!(n >= 45, "only {n} peek/list goldens");
}

/// Every -traces golden (sample types, granularities, every filter, a diff, labels of
/// other producers, profiles whose identical samples pprof merges) is among the compared
/// ones.
#[test]
fn every_traces_golden_is_compared() {
    let mut n = 0;
    for g in manifest() {
        if g.flags.iter().any(|f| f == "-traces") {
            assert!(translate(&g.flags).is_some(), "not compared: {}", g.file);
            n += 1;
        }
    }
    assert!(n >= 29, "only {n} traces goldens");
}
