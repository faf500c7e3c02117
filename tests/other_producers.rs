//! Profiles from other producers (testdata/profiles/realworld/), legacy formats
//! (testdata/profiles/legacy/) and synthetic names (testdata/profiles/synthetic/): their
//! `--top --format tsv` tables hold exactly pprof's values, names and order; provenance
//! is recorded for every copied file; bytes that are not UTF-8 reach a pipe as they are
//! under `--raw`.
//! (`tests/pprof_goldens.rs` compares the text of the same goldens byte for byte.)

#[path = "support/goldens.rs"]
mod goldens;
#[path = "support/names_profile.rs"]
mod names_profile;

#[path = "support/top_rows.rs"]
mod top_rows;

use goldens::{Golden, manifest, run, testdata};
use top_rows::tsv_against_golden;

/// The folders under testdata/profiles/ that this file covers.
const FOLDERS: [&str; 3] = ["realworld/", "legacy/", "synthetic/"];

fn covered(g: &Golden) -> bool {
    FOLDERS.iter().any(|f| g.profile.starts_with(f))
}

#[test]
fn tsv_tables_hold_pprofs_exact_values() {
    let (mut compared, mut failures) = (0, Vec::new());
    for g in manifest().iter().filter(|g| covered(g)) {
        if g.exit != "exit=0" || !g.flags.iter().any(|f| f == "-nodefraction=0") {
            continue;
        }
        let (got, want, out) = tsv_against_golden(g);
        compared += 1;
        if !out.status.success() || got != want {
            let first = got.iter().zip(&want).find(|(a, b)| a != b);
            failures.push(format!(
                "{}: {} rows vs pprof's {}; first difference {first:?}; {}",
                g.file,
                got.len(),
                want.len(),
                String::from_utf8_lossy(&out.stderr)
            ));
        }
    }
    eprintln!("compared {compared} TSV tables with pprof's");
    assert!(compared >= 250, "only {compared} tables compared");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_copied_profile_has_provenance_and_goldens() {
    let goldens = manifest();
    for folder in ["realworld", "legacy"] {
        let dir = testdata().join("profiles").join(folder);
        let sources = std::fs::read_to_string(dir.join("SOURCES.tsv")).expect("SOURCES.tsv");
        let listed: Vec<&str> = sources
            .lines()
            .skip(1)
            .filter_map(|l| l.split('\t').next())
            .collect();
        let mut files = 0;
        for entry in std::fs::read_dir(&dir).expect("profiles folder") {
            let name = entry
                .expect("entry")
                .file_name()
                .into_string()
                .expect("name");
            if name == "SOURCES.tsv" {
                continue;
            }
            files += 1;
            assert!(
                listed.contains(&name.as_str()),
                "{folder}/{name}: no provenance"
            );
            let profile = format!("{folder}/{name}");
            let tables = goldens.iter().filter(|g| g.profile == profile).count();
            assert!(tables >= 2, "{profile}: {tables} goldens");
        }
        assert_eq!(
            files,
            listed.len(),
            "{folder}/SOURCES.tsv lists missing files"
        );
    }
}

#[test]
fn the_names_profile_is_what_its_generator_writes() {
    let committed =
        std::fs::read(testdata().join("profiles/synthetic/names.pb")).expect("names.pb");
    assert!(
        committed == names_profile::bytes(),
        "testdata/profiles/synthetic/names.pb is stale: cargo run --example gen_names_profile"
    );
}

#[test]
fn names_that_are_not_utf8_reach_a_pipe_as_bytes_under_raw() {
    let profile = "realworld/invalid-utf8.pb.gz";
    let args = |extra: &[&str]| -> Vec<String> {
        let mut a = vec!["--top".to_string()];
        a.extend(extra.iter().map(|s| s.to_string()));
        a
    };
    let text = run(&args(&["--raw"]), profile);
    assert!(text.status.success());
    assert!(
        std::str::from_utf8(&text.stdout).is_err(),
        "raw bytes expected"
    );
    assert!(text.stdout.windows(2).any(|w| w == [0xfe, 0xff]));

    // TSV: the same bytes; the name's tab, CR and LF became spaces.
    let tsv = run(&args(&["--format", "tsv", "--raw"]), profile);
    assert!(tsv.stdout.windows(2).any(|w| w == [0xfe, 0xff]));
    assert!(!tsv.stdout.contains(&b'\r'), "raw CR in TSV");
    for line in tsv.stdout.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
        assert_eq!(line.iter().filter(|&&b| b == b'\t').count(), 5, "{line:?}");
    }

    // Without --raw each such byte is U+FFFD and the text is UTF-8, in every format.
    for extra in [&[][..], &["--format", "tsv"], &["--format", "json"]] {
        let out = run(&args(extra), profile);
        let text = String::from_utf8(out.stdout).expect("UTF-8 without --raw");
        assert!(
            text.contains('\u{fffd}') || text.contains("\\ufffd"),
            "{extra:?}"
        );
    }
}

/// Files `go tool pprof` refuses (testdata/profiles/reject/, provenance in its
/// SOURCES.tsv) are refused in one line naming the input and the cause — for data that is
/// neither profile.proto nor a legacy format, the formats tried — with exit code 4.
#[test]
fn what_pprof_refuses_is_refused_in_one_line() {
    let dir = testdata().join("profiles/reject");
    let sources = std::fs::read_to_string(dir.join("SOURCES.tsv")).expect("SOURCES.tsv");
    let mut files = 0;
    for entry in std::fs::read_dir(&dir).expect("reject folder") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("name")
            .to_string();
        if name == "SOURCES.tsv" {
            continue;
        }
        files += 1;
        assert!(
            sources.lines().any(|l| l.starts_with(&format!("{name}\t"))),
            "reject/{name}: no provenance"
        );
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_memprof-tui"))
            .arg("--top")
            .arg(&path)
            .output()
            .expect("run");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(4), "{name}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{name}: {err}");
        assert!(err.starts_with("memprof-tui: "), "{name}: {err}");
        assert!(err.contains(&name), "{name}: {err}");
        assert!(
            err.contains("malformed profile") || err.contains("tried the legacy"),
            "{name}: {err}"
        );
    }
    assert_eq!(files, 4, "the four files pprof refuses");
}
