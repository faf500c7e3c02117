//! The explorer's loading screen shows how far loading has got: a profile piped on stdin
//! arrives in two parts, and the test lets the second part through only once the screen
//! shows the bytes of the first (no timing involved). Skipped (and says so) without tmux,
//! or fails under `MEMPROF_TUI_REQUIRE_TMUX=1`.

mod common;

use std::time::Duration;

use common::tmux::Tmux;

const T: Duration = Duration::from_secs(20);

#[test]
fn loading_screen_counts_the_bytes_read() {
    let Some(t) = Tmux::start_or_skip("loading", 100, 30) else {
        return;
    };
    let profile = common::testdata("profiles/kinds-heap.prof");
    let size = std::fs::metadata(&profile).expect("profile").len();
    assert!(
        size > 8192,
        "the profile must be larger than its first part"
    );
    let gate = std::env::temp_dir().join(format!("memprof-loading-gate-{}", std::process::id()));
    let _ = std::fs::remove_file(&gate);
    t.type_line(&format!(
        "(head -c 8192 {p}; while [ ! -e {g} ]; do sleep 0.05; done; tail -c +8193 {p}) | {bin} -; echo EXIT=$?; echo DONE",
        p = profile.display(),
        g = gate.display(),
        bin = env!("CARGO_BIN_EXE_memprof-tui"),
    ));
    let s = t.wait_for("read 8.0 KiB", T);
    assert!(s.contains("loading -"), "{s}");
    std::fs::write(&gate, b"").expect("open the gate");
    t.wait_for("Top (functions)", T);
    t.keys(&["q"]);
    let s = t.wait_for("\nDONE", T);
    let _ = std::fs::remove_file(&gate);
    assert!(s.contains("EXIT=0"), "{s}");
}
