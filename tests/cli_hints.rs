//! The empty-heap gotcha on the command line: `--list`, `--peek` and a refined `--top`
//! that find nothing in the chosen sample type (or, in a heap profile's in-use type, a
//! tenth of what the alloc type holds) print pprof's report on stdout, unchanged, and one
//! hint line on stderr naming the function, its amount in the other type and the flag —
//! in pprof's spelling when the command line used it. No hint where there is nothing to
//! say (a CPU profile, the alloc type, a report that finds what it looks for).

#[path = "support/goldens.rs"]
mod goldens;

use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_memprof-tui"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run")
}

fn hints(out: &Output) -> Vec<String> {
    String::from_utf8_lossy(&out.stderr)
        .lines()
        .filter(|l| l.starts_with("memprof-tui: hint: "))
        .map(String::from)
        .collect()
}

const SEED: &str = "testdata/profiles/seed-default.prof";

#[test]
fn list_main_main_on_the_end_of_program_profile_prints_pprofs_report_and_the_hint() {
    // As the golden was recorded: pprof's flags, verbatim.
    let out = run(&[
        "-list",
        "^main\\.main$",
        "-sample_index=inuse_space",
        "-unit=B",
        SEED,
    ]);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        out.stdout,
        goldens::read_golden("seed-default.prof.inuse_space.list.main.main.nosource")
    );
    assert_eq!(
        hints(&out),
        [
            "memprof-tui: hint: main.main has 82.3MB flat in alloc_space (nothing in inuse_space): add -sample_index=alloc_space"
        ]
    );
    // memprof-tui's own spelling: the same report, the hint in kind.
    let own = run(&["--list", "main.main", "--unit", "B", SEED]);
    assert!(own.status.success());
    assert_eq!(own.stdout, out.stdout);
    assert_eq!(
        hints(&own),
        [
            "memprof-tui: hint: main.main has 82.3MB flat in alloc_space (nothing in inuse_space): add -i alloc_space"
        ]
    );
    // With the flag the hint names, the allocating lines and no hint.
    let alloc = run(&[
        "--list",
        "main.main",
        "-i",
        "alloc_space",
        "--unit",
        "B",
        SEED,
    ]);
    assert_eq!(
        alloc.stdout,
        goldens::read_golden("seed-default.prof.alloc_space.list.main.main.nosource")
    );
    assert!(hints(&alloc).is_empty(), "{alloc:?}");
}

#[test]
fn no_matches_then_the_hint() {
    // Every allocation recorded and freed: main.main is not in the in-use view at all.
    let out = run(&["--list", "main.main", "testdata/profiles/seed-rate1.prof"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert_eq!(
        lines[0],
        "memprof-tui: no matches found for regexp: main.main"
    );
    assert!(
        lines[1].starts_with("memprof-tui: hint: main.main has ")
            && lines[1]
                .ends_with(" flat in alloc_space (nothing in inuse_space): add -i alloc_space"),
        "{err}"
    );
}

#[test]
fn peek_and_refined_top() {
    let out = run(&["--peek", "main.main", SEED]);
    assert!(out.status.success());
    assert_eq!(
        hints(&out),
        [
            "memprof-tui: hint: main.main has 84MB cum in alloc_space (1.72MB in inuse_space): add -i alloc_space"
        ]
    );
    let out = run(&["-top", "-focus=main\\.main", SEED]);
    assert!(out.status.success());
    assert_eq!(
        hints(&out),
        [
            "memprof-tui: hint: -focus=main\\.main keeps 84MB in alloc_space (1.72MB in inuse_space): add -sample_index=alloc_space"
        ]
    );
    // An unrefined --top says nothing (the explorer's notice is the place for that).
    assert!(hints(&run(&["--top", SEED])).is_empty());
}

#[test]
fn nothing_to_say() {
    // A CPU profile has no other type; a miss stays pprof's one line.
    let out = run(&["--list", "nothing_here", "testdata/profiles/seed-cpu.prof"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "memprof-tui: no matches found for regexp: nothing_here\n"
    );
    assert!(
        hints(&run(&[
            "--peek",
            "main.main",
            "testdata/profiles/seed-cpu.prof"
        ]))
        .is_empty()
    );
    // A cache kept in use: in-use holds more than a tenth of what was allocated.
    assert!(
        hints(&run(&[
            "--list",
            "Put",
            "--source-path",
            "testdata/src",
            "testdata/profiles/retain-mid.prof"
        ]))
        .is_empty()
    );
    // The alloc type chosen: nothing hidden.
    assert!(hints(&run(&["--peek", "main.main", "-i", "alloc_space", SEED])).is_empty());
}
