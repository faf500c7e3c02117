//! Many profiles merged: a fleet of one service from the committed generator
//! (examples/support/heap_gen.rs, each instance loading the binary elsewhere), given as a
//! directory, as a quoted glob and as files, prints exactly what `go tool pprof -top
//! FILES...` prints for every sample type and at line and address granularity (70 files:
//! more than pprof's chunks of 64); a bad or incompatible file among them is named in one
//! line; on a terminal the progress line counts the files.

mod common;

#[path = "../examples/support/heap_gen.rs"]
mod heap_gen;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_memprof-tui")
}

/// A fresh directory holding `n` instances of one small service.
fn fleet_dir(tag: &str, n: usize) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("memprof-fleet-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("fleet dir");
    let opts = heap_gen::FleetOpts {
        instances: n,
        samples: 160,
        functions: 120,
        seed: 7,
        aslr: true,
    };
    heap_gen::fleet(&opts, |i, bytes| {
        std::fs::write(dir.join(format!("heap-{:04}.pb.gz", i + 1)), bytes).expect("write");
    });
    dir
}

/// The files of `dir`, sorted.
fn files(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").path().display().to_string())
        .collect();
    v.sort();
    v
}

fn ours(args: &[String]) -> Output {
    Command::new(bin())
        .args(args)
        .env("TZ", "UTC")
        .output()
        .expect("run memprof-tui")
}

fn pprof(args: &[String]) -> Output {
    Command::new("go")
        .args(["tool", "pprof"])
        .args(args)
        .env("TZ", "UTC")
        .env("PPROF_BINARY_PATH", "/nonexistent/memprof-tui-tests")
        .env_remove("PPROF_TMPDIR")
        .output()
        .expect("run go tool pprof")
}

fn text(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn a_fleet_merges_exactly_like_pprof() {
    if !common::go_or_skip("the comparison of a merged fleet with go tool pprof") {
        return;
    }
    let dir = fleet_dir("pprof", 70);
    let all = files(&dir);
    let mut compared = 0;
    let cases: [(&str, &[&str]); 6] = [
        ("alloc_objects", &[]),
        ("alloc_space", &[]),
        ("inuse_objects", &[]),
        (
            "inuse_space",
            &["-nodefraction=0", "-edgefraction=0", "-nodecount=100000"],
        ),
        ("alloc_space", &["-lines", "-nodecount=200"]),
        ("alloc_space", &["-addresses", "-nodecount=200"]),
    ];
    for (t, extra) in cases {
        let mut theirs = vec!["-top".to_string(), format!("-sample_index={t}")];
        theirs.extend(extra.iter().map(|s| s.to_string()));
        // pprof's own spellings, which memprof-tui reads too.
        let mut args = theirs.clone();
        args.push(dir.display().to_string());
        let want = pprof(&[theirs.clone(), all.clone()].concat());
        assert!(
            want.status.success(),
            "{}",
            String::from_utf8_lossy(&want.stderr)
        );
        let got = ours(&args);
        assert!(
            got.status.success(),
            "{}",
            String::from_utf8_lossy(&got.stderr)
        );
        assert_eq!(text(&got), text(&want), "{t} {extra:?}");
        compared += 1;
    }
    // The same merge given as a glob (quoted: expanded by memprof-tui) and as files.
    let glob = format!("{}/heap-*.pb.gz", dir.display());
    let by_glob = ours(&["--top".into(), glob]);
    let by_files = ours(&[vec!["--top".to_string()], all.clone()].concat());
    let by_dir = ours(&["--top".into(), dir.display().to_string()]);
    assert_eq!(text(&by_glob), text(&by_dir));
    assert_eq!(text(&by_files), text(&by_dir));
    assert!(
        text(&by_dir).starts_with("File: svc\n"),
        "{}",
        text(&by_dir)
    );
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(compared, 6);
}

#[test]
fn a_bad_file_in_a_fleet_is_named_in_one_line() {
    let dir = fleet_dir("bad", 12);
    let all = files(&dir);
    // Two broken files: the first in order is the one named.
    std::fs::write(&all[9], b"not a profile").expect("break");
    std::fs::write(&all[4], b"\x1f\x8bnot gzip either").expect("break");
    let out = ours(&["--top".into(), dir.display().to_string()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(4), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(
        err.contains(&all[4]) && err.contains("decompressing"),
        "{err}"
    );
    // A profile of other sample types cannot be merged: named, exit 4.
    let cpu = std::fs::read(common::testdata("profiles/seed-cpu.prof")).expect("cpu profile");
    std::fs::write(&all[4], heap_gen_bytes(&dir)).expect("restore");
    std::fs::write(&all[9], cpu).expect("cpu");
    let out = ours(&["--top".into(), dir.display().to_string()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(4), "{err}");
    assert!(
        err.contains(&all[9]) && err.contains("sample types differ"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A valid instance's bytes (the first file of `dir`).
fn heap_gen_bytes(dir: &Path) -> Vec<u8> {
    std::fs::read(&files(dir)[0]).expect("first file")
}

#[test]
fn the_progress_line_counts_the_files() {
    let script_works = Command::new("script")
        .args(["-qec", "true", "/dev/null"])
        .stdin(Stdio::null())
        .output()
        .is_ok_and(|o| o.status.success());
    if !script_works {
        eprintln!("SKIPPED: `script` cannot run a command on a pty");
        return;
    }
    let dir = fleet_dir("progress", 40);
    let out = dir.with_extension("txt");
    let cmd = format!("{} --top {} > {}", bin(), dir.display(), out.display());
    let tty = Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .stdin(Stdio::null())
        .env("TERM", "xterm-256color")
        .env("MEMPROF_TUI_PROGRESS_DELAY_MS", "0")
        .output()
        .expect("script");
    let terminal = String::from_utf8_lossy(&tty.stdout).into_owned();
    let report = std::fs::read_to_string(&out).expect("report");
    let _ = std::fs::remove_file(&out);
    let _ = std::fs::remove_dir_all(&dir);
    assert!(report.starts_with("File: svc\n"), "{report}");
    assert!(
        terminal.contains(" of 40 files merged"),
        "no count of files: {terminal:?}"
    );
    assert!(!terminal.contains('\n'), "{terminal:?}");
}
