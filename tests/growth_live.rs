//! Leak hunting on a running service: testdata's leakserver (it leaks in main.recordSession,
//! warms a cache once, churns short-lived buffers, grows and releases a batch) is watched
//! by `--growth --watch 1 --count 14` and, in a real terminal (tmux), by the explorer's
//! `--watch 1`: the leak ranks first on text and in the Growth pane, and `D` after fetches
//! with `gc=1` shows the leak's growth, never "changed by 0".
//! Needs Go (and tmux for the explorer): skipped without them, failures under
//! `MEMPROF_TUI_REQUIRE_GO` / `MEMPROF_TUI_REQUIRE_TMUX`.

mod common;

use std::time::Duration;

use common::live::{start_leak_server, temp_dir, wait_saved};
use common::tmux::Tmux;

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_memprof-tui")
}

/// Where a function ranks in TSV rows (rank, name, trend, …), if it does.
fn rank_of(tsv: &str, name: &str) -> Option<usize> {
    tsv.lines()
        .skip(1)
        .position(|l| l.split('\t').nth(1) == Some(name))
}

#[test]
fn growth_watch_ranks_the_leak_first() {
    let Some(server) = start_leak_server() else {
        return;
    };
    let dir = temp_dir("growth-watch");
    let url = format!("http://127.0.0.1:{}/debug/pprof/heap", server.port);
    let out = std::process::Command::new(bin())
        .args(["--growth", "--watch", "1", "--count", "14"])
        .args(["--format", "tsv", &url])
        .env("PPROF_TMPDIR", &*dir)
        .output()
        .expect("run memprof-tui");
    let tsv = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}\n{tsv}",
        String::from_utf8_lossy(&out.stderr)
    );
    let first = tsv.lines().nth(1).unwrap_or_default();
    assert!(
        first.starts_with("1\tmain.recordSession\tgrowing\t"),
        "the leak first:\n{tsv}"
    );
    for other in ["main.warmCache", "main.batchBuffer", "main.churnBuffers"] {
        if let Some(r) = rank_of(&tsv, other) {
            assert!(r > 0, "{other} above the leak:\n{tsv}");
        }
    }
    // Every fetch asked for a GC first (on by default with --growth --watch).
    let saved: Vec<_> = std::fs::read_dir(&*dir).expect("saved copies").collect();
    assert_eq!(saved.len(), 14, "one saved copy a fetch");
}

#[test]
fn growth_watch_asks_for_a_count_and_urls() {
    let run = |args: &[&str]| {
        std::process::Command::new(bin())
            .args(args)
            .output()
            .expect("run memprof-tui")
    };
    let out = run(&[
        "--growth",
        "--watch",
        "1",
        "http://127.0.0.1:1/debug/pprof/heap",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("needs --count N"), "{err}");
    let dir = common::testdata("profiles/series/leak")
        .display()
        .to_string();
    let out = run(&["--growth", "--watch", "1", "--count", "3", &dir]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("fetches URLs"), "{err}");
    let out = run(&["--growth", "--count", "3", &dir]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["--growth", "--watch", "1", "--count", "1", &dir]);
    assert_eq!(out.status.code(), Some(2), "one snapshot is no series");
}

const T: Duration = Duration::from_secs(30);

#[test]
fn the_growth_pane_ranks_the_leak_first_while_watching() {
    if !Tmux::available_or_skip("the Growth pane test") {
        return;
    }
    let Some(server) = start_leak_server() else {
        return;
    };
    let t = Tmux::start("growth-live", 160, 48);
    let dir = temp_dir("tmux-growth");
    t.type_line(&format!(
        "PPROF_TMPDIR={} {} --watch 1 http://127.0.0.1:{}/debug/pprof/heap; echo EXIT=$?",
        dir.display(),
        bin(),
        server.port
    ));
    t.wait_for("Top (functions)", T);
    // Fourteen snapshots, about a second apart (the first when the explorer opened).
    wait_saved(&dir, 14, Duration::from_secs(60));
    t.settled(T);
    t.keys(&["D"]);
    let s = t.wait_for("Reading a diff", T);
    assert!(!s.contains("changed by 0 in all"), "{s}");
    let grew = s
        .lines()
        .find(|l| l.contains("main.recordSession"))
        .unwrap_or_else(|| panic!("no recordSession row:\n{s}"));
    assert!(
        grew.contains('+'),
        "the leak grew since the previous fetch: {grew}"
    );
    t.keys(&["D", "6"]);
    t.wait_for("Growth over the snapshots", T);
    let s = t.wait_for("growth/min", T);
    let rows: Vec<&str> = s
        .lines()
        .skip_while(|l| !l.contains("growth/min"))
        .filter(|l| l.contains("main."))
        .collect();
    assert!(
        rows.first()
            .is_some_and(|r| r.contains("main.recordSession")),
        "the leak first:\n{s}"
    );
    t.keys(&["q"]);
    let s = t.wait_for("\nEXIT=", T);
    assert!(s.contains("EXIT=0"), "{s}");
}
