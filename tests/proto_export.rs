//! `--proto FILE` (pprof's `-proto`): the refined profile written as gzipped
//! profile.proto. `go tool pprof -top` of the file equals `go tool pprof -top` of the
//! original with the same refinements (with -relative_percentages, since the file's total
//! is the refined one, and without the "Active filters:" lines), for heap, CPU, mutex,
//! diff, legacy and other producers' profiles (needs Go); the file loads back into the
//! very profile the refinements made; bad destinations fail in one line.

mod common;
#[path = "support/goldens.rs"]
mod goldens;

use std::path::{Path, PathBuf};
use std::process::Command;

use memprof_tui::analysis::filter::{self, FilterSpec, Filters};
use memprof_tui::input::load;
use memprof_tui::profile::Limits;

/// A fresh temporary directory for one test.
fn tmp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("memprof-proto-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

/// Runs memprof-tui with `args` from the repo root.
fn ours(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_memprof-tui"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("TZ", "UTC")
        .output()
        .expect("run memprof-tui")
}

/// `go tool pprof ARGS` from the repo root, stdout only (no local binaries).
fn pprof(args: &[&str]) -> String {
    let out = Command::new("go")
        .args(["tool", "pprof"])
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("TZ", "UTC")
        .env("LC_ALL", "C")
        .env("PPROF_BINARY_PATH", "/nonexistent/memprof-tui-proto")
        .output()
        .expect("run go tool pprof");
    assert!(out.status.success(), "pprof {args:?}: {:?}", out);
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A report without its "Active filters:" block (the exported file has no filters).
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

/// Exports `profile` (under testdata/profiles) with `refine` to a file in `dir`.
fn export(dir: &Path, profile: &str, refine: &[&str]) -> PathBuf {
    let file = dir.join(format!("{}.pb.gz", profile.replace('/', "_")));
    let input = format!("testdata/profiles/{profile}");
    let mut args = vec!["--proto", file.to_str().expect("utf-8 path")];
    args.extend_from_slice(refine);
    args.push(&input);
    let out = ours(&args);
    assert!(out.status.success(), "{args:?}: {out:?}");
    assert!(out.stdout.is_empty(), "nothing on stdout");
    file
}

/// The profiles and refinements exported (pprof's spelling of each refinement).
const CASES: &[(&str, &[&str])] = &[
    ("retain-mid.prof", &["-focus=json"]),
    ("retain-mid.prof", &["-ignore=encoding/json"]),
    ("retain-mid.prof", &["-hide=^runtime\\."]),
    ("retain-mid.prof", &["-show=^main\\."]),
    ("retain-mid.prof", &["-show_from=^main\\.decodeAll$"]),
    ("retain-mid.prof", &["-prune_from=^encoding/json\\."]),
    ("retain-mid.prof", &["-tagfocus=bytes=1kb:"]),
    ("retain-mid.prof", &["-tagignore=bytes=:64b"]),
    ("retain-mid.prof", &["-focus=^main\\.", "-ignore=json"]),
    ("kinds-heap.prof", &["-hide=^main\\.grow$"]),
    ("kinds-heap.prof", &["-focus=^main\\.label$"]),
    ("kinds-mutex.prof", &["-focus=main\\.bank"]),
    ("kinds-block.prof", &["-hide=^sync\\."]),
    ("seed-cpu.prof", &["-focus=^main\\."]),
    ("kinds-goroutine.prof", &[]),
    ("legacy/gobench.heap", &["-ignore=runtime"]),
    // It has a sample without a stack, which pprof's filtering drops even with no filter.
    ("legacy/gobench.heap", &[]),
    ("realworld/go-cpu-labels.pb.gz", &["-tagfocus=api=query"]),
    ("realworld/java-cpu.pb.gz", &["-focus=regex"]),
];

/// pprof's exact top table for `args` plus a profile path.
fn exact_top<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let mut a = vec![
        "-top",
        "-nodefraction=0",
        "-edgefraction=0",
        "-nodecount=100000",
    ];
    a.extend_from_slice(extra);
    a
}

#[test]
fn pprof_reads_the_export_as_the_refined_original() {
    if !common::go_or_skip("the --proto round trip through go tool pprof") {
        return;
    }
    let dir = tmp_dir("pprof");
    for (profile, refine) in CASES {
        let file = export(&dir, profile, refine);
        let original = format!("testdata/profiles/{profile}");
        for gran in ["-functions", "-lines"] {
            let mut theirs = exact_top(&[gran, "-relative_percentages"]);
            theirs.extend_from_slice(refine);
            theirs.push(&original);
            let want = without_active_filters(&pprof(&theirs));
            let mut args = exact_top(&[gran]);
            args.push(file.to_str().expect("utf-8"));
            let got = pprof(&args);
            assert_eq!(got, want, "{profile} {refine:?} {gran}");
        }
        // pprof's default trimming too (the same "Dropped" lines).
        let mut theirs = vec!["-top", "-relative_percentages"];
        theirs.extend_from_slice(refine);
        theirs.push(&original);
        let want = without_active_filters(&pprof(&theirs));
        assert_eq!(pprof(&["-top", file.to_str().expect("utf-8")]), want);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_diff_is_exported_with_its_base_and_pprof_reads_the_same_change() {
    if !common::go_or_skip("the --proto diff round trip") {
        return;
    }
    let dir = tmp_dir("diff");
    let base = "-diff_base=testdata/profiles/growth-mid.prof";
    let file = export(&dir, "growth-end.prof", &[base]);
    for t in ["-sample_index=inuse_space", "-sample_index=alloc_objects"] {
        let want = pprof(&exact_top(&[t, base, "testdata/profiles/growth-end.prof"]));
        let got = pprof(&exact_top(&[t, file.to_str().expect("utf-8")]));
        assert_eq!(got, want, "{t}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// The filters of pprof-spelled `refine` (e.g. "-focus=json"), compiled.
fn filters_of(refine: &[&str]) -> Filters {
    let mut spec = FilterSpec::default();
    for r in refine {
        let (name, value) = r
            .trim_start_matches('-')
            .split_once('=')
            .expect("name=value");
        let v = value.to_string();
        match name {
            "focus" => spec.focus = v,
            "ignore" => spec.ignore = v,
            "hide" => spec.hide = v,
            "show" => spec.show = v,
            "show_from" => spec.show_from = v,
            "prune_from" => spec.prune_from = v,
            "tagfocus" => spec.tag_focus = v,
            "tagignore" => spec.tag_ignore = v,
            other => panic!("unexpected refinement {other}"),
        }
    }
    Filters::parse(&spec).expect("filters")
}

#[test]
fn the_export_loads_back_into_the_refined_profile() {
    common::utc();
    let dir = tmp_dir("self");
    for (profile, refine) in CASES {
        let file = export(&dir, profile, refine);
        let original = load(
            &[goldens::testdata()
                .join("profiles")
                .join(profile)
                .display()
                .to_string()],
            &Limits::default(),
        )
        .expect(profile);
        let (refined, _) = filter::apply(&original, &filters_of(refine)).expect("filter");
        let mut again = load(&[file.display().to_string()], &Limits::default()).expect("reload");
        // The decoder keeps what the samples use, as pprof's merge does: the label strings
        // first, in the written order.
        let refined = memprof_tui_testkit::used_only::used_only(&refined);
        assert!(again.strings.starts_with(&refined.strings), "{profile}");
        again.strings.truncate(refined.strings.len());
        assert_eq!(again, refined, "{profile} {refine:?}");
        // And our own top table of the file is the refined one's.
        let file = file.to_str().expect("utf-8");
        let got = ours(&["--top", "--no-trim", file]);
        let mut args = vec!["--top", "--no-trim", "-relative_percentages"];
        args.extend_from_slice(refine);
        let input = format!("testdata/profiles/{profile}");
        args.push(&input);
        let want = ours(&args);
        assert_eq!(
            String::from_utf8_lossy(&got.stdout),
            without_active_filters(&String::from_utf8_lossy(&want.stdout)),
            "{profile} {refine:?}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn pprof_spelling_writes_to_stdout_or_to_its_output_file() {
    let dir = tmp_dir("spelling");
    let piped = ours(&["-proto", "-focus=json", "testdata/profiles/retain-mid.prof"]);
    assert!(piped.status.success(), "{piped:?}");
    assert_eq!(&piped.stdout[..2], [0x1f, 0x8b], "gzip on stdout");
    let file = dir.join("out.pb.gz");
    let output = format!("-output={}", file.display());
    let out = ours(&[
        "-proto",
        &output,
        "-focus=json",
        "testdata/profiles/retain-mid.prof",
    ]);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(std::fs::read(&file).expect("written"), piped.stdout);
    // An existing file is replaced, and no temporary file is left behind.
    let again = ours(&["-proto", &output, "testdata/profiles/retain-mid.prof"]);
    assert!(again.status.success());
    assert_ne!(std::fs::read(&file).expect("written"), piped.stdout);
    let names: Vec<_> = std::fs::read_dir(&dir).expect("dir").flatten().collect();
    assert_eq!(names.len(), 1, "{names:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_destinations_and_formats_fail_in_one_line() {
    for (args, code, says) in [
        (
            vec!["--proto", "/nonexistent-dir/x.pb.gz"],
            1,
            "cannot write /nonexistent-dir/x.pb.gz",
        ),
        (vec!["--proto", "x.pb.gz", "--format", "tsv"], 2, "--format"),
        (vec!["-output=x.txt", "-top"], 2, "-output"),
        (
            vec!["--proto", "x.pb.gz", "-i", "nosuchtype"],
            2,
            "nosuchtype",
        ),
    ] {
        let mut a = args.clone();
        a.push("testdata/profiles/retain-mid.prof");
        let out = ours(&a);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(out.stdout.is_empty());
    }
    // clap's own refusal of two outputs at once.
    let out = ours(&[
        "--proto",
        "x.pb.gz",
        "--top",
        "testdata/profiles/retain-mid.prof",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--top"));
    assert!(
        !Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("x.pb.gz")
            .exists()
    );
}
