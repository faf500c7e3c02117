//! The terminal is restored on every way out, in a real terminal (tmux): SIGTERM, SIGHUP
//! and SIGINT sent from outside with `kill`, a panic in either thread (asked for with
//! `MEMPROF_TUI_TEST_PANIC`), a profile the explorer refuses, Ctrl-Z then `fg`, and a
//! storm of resizes. After each, `stty -g` is what it was before, the alternate screen and
//! mouse reporting are off (`#{alternate_on} #{mouse_any_flag}` is "0 0") and the shell
//! prompt is back.
//!
//! Skipped, and says so, when tmux is not installed (a failure instead under
//! `MEMPROF_TUI_REQUIRE_TMUX=1`).

mod common;

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use common::tmux::Tmux;

const T: Duration = Duration::from_secs(15);

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_memprof-tui")
}

fn skip() -> bool {
    !Tmux::available_or_skip("the signal, suspend and resize terminal tests")
}

/// A copy of a testdata profile under a name no other process has on its command line,
/// so `pgrep -f` finds exactly this run.
fn unique_profile(tag: &str) -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let dir = std::env::temp_dir().join(format!("memprof-signals-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(format!("sig-{tag}-{nanos}.prof"));
    std::fs::copy(common::testdata("profiles/seed-default.prof"), &path).expect("copy");
    path
}

fn wait_modes(t: &Tmux, want: &str) {
    let start = Instant::now();
    loop {
        let m = t.modes();
        if m == want {
            return;
        }
        if start.elapsed() > T {
            panic!(
                "terminal modes are {m:?}, want {want:?}; screen:\n{}",
                t.screen()
            );
        }
        std::thread::sleep(Duration::from_millis(30));
    }
}

/// The pid of the explorer started on `profile`.
fn pid_of(profile: &PathBuf) -> u32 {
    let start = Instant::now();
    loop {
        let out = Command::new("pgrep")
            .arg("-f")
            .arg(profile)
            .output()
            .expect("pgrep");
        let pids: Vec<u32> = String::from_utf8_lossy(&out.stdout)
            .split_whitespace()
            .filter_map(|p| p.parse().ok())
            .collect();
        if pids.len() == 1 {
            return pids[0];
        }
        assert!(pids.len() < 2, "several processes match: {pids:?}");
        assert!(start.elapsed() < T, "no process runs {}", profile.display());
        std::thread::sleep(Duration::from_millis(30));
    }
}

/// Starts the explorer on a fresh profile copy after saving `stty -g` in $S1; returns
/// the copy once the table is on screen.
fn start_explorer(t: &Tmux, tag: &str) -> PathBuf {
    let profile = unique_profile(tag);
    t.type_line("S1=$(stty -g); clear");
    t.type_line(&format!("{} {}", bin(), profile.display()));
    wait_modes(t, "1 1");
    t.wait_for("main.main", T);
    profile
}

/// After the explorer ended: its exit status, whether `stty -g` matches $S1, the modes,
/// and the prompt. The markers are computed so the typed line never contains them.
fn check_restored(t: &Tmux, want_exit: i32) {
    wait_modes(t, "0 0");
    t.type_line(
        "echo EXIT=$?; echo STTY_$([ \"$S1\" = \"$(stty -g)\" ] && echo SAME || echo DIFF); \
         echo END$((6*7))",
    );
    let s = t.wait_for("END42", T);
    assert!(
        s.contains(&format!("EXIT={want_exit}")),
        "want EXIT={want_exit}:\n{s}"
    );
    assert!(s.contains("STTY_SAME"), "stty -g changed:\n{s}");
    assert!(!s.contains("panicked"), "{s}");
    assert_eq!(
        t.modes(),
        "0 0",
        "alternate screen or mouse reporting left on"
    );
    // The prompt comes back after the markers.
    let start = Instant::now();
    loop {
        let s = t.screen();
        if s.trim_end().ends_with("PROMPT$") {
            break;
        }
        assert!(start.elapsed() < T, "no prompt:\n{s}");
        std::thread::sleep(Duration::from_millis(30));
    }
}

fn killed_by(signal: &str, number: i32) {
    if skip() {
        return;
    }
    let t = Tmux::start(&format!("kill-{signal}"), 100, 30);
    let profile = start_explorer(&t, signal);
    let pid = pid_of(&profile);
    let ok = Command::new("kill")
        .args(["-s", signal, &pid.to_string()])
        .status()
        .expect("kill");
    assert!(ok.success(), "kill -s {signal} {pid}");
    check_restored(&t, 128 + number);
    let _ = std::fs::remove_file(&profile);
}

#[test]
fn sigterm_restores_the_terminal() {
    killed_by("TERM", 15);
}

#[test]
fn sighup_restores_the_terminal() {
    killed_by("HUP", 1);
}

#[test]
fn sigint_restores_the_terminal() {
    killed_by("INT", 2);
}

/// Runs the explorer on `profile` with `env`, its stderr in a file; once that file holds
/// `want_stderr`, checks the terminal came back with exit code `want_exit`.
fn ends_with_error(
    tag: &str,
    env: &str,
    profile: &std::path::Path,
    want_exit: i32,
    want_stderr: &str,
) {
    if skip() {
        return;
    }
    let t = Tmux::start(tag, 100, 30);
    let dir = std::env::temp_dir().join(format!("memprof-signals-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let err = dir.join(format!("{tag}.stderr"));
    t.type_line("S1=$(stty -g); clear");
    t.type_line(&format!(
        "{env} {} {} 2>{}",
        bin(),
        profile.display(),
        err.display()
    ));
    let start = Instant::now();
    let text = loop {
        let text = std::fs::read_to_string(&err).unwrap_or_default();
        if text.contains(want_stderr) {
            break text;
        }
        assert!(
            start.elapsed() < T,
            "stderr never said {want_stderr:?}: {text:?}"
        );
        std::thread::sleep(Duration::from_millis(30));
    };
    check_restored(&t, want_exit);
    assert!(
        !text.contains('\x1b'),
        "escape sequences in stderr: {text:?}"
    );
    let _ = std::fs::remove_file(&err);
}

#[test]
fn panic_in_the_interface_thread_restores_the_terminal() {
    let profile = unique_profile("panic-ui");
    ends_with_error(
        "panic-ui",
        "MEMPROF_TUI_TEST_PANIC=ui",
        &profile,
        101,
        "panicking on purpose",
    );
    let _ = std::fs::remove_file(&profile);
}

#[test]
fn panic_in_the_worker_thread_restores_the_terminal_and_exits() {
    let profile = unique_profile("panic-worker");
    ends_with_error(
        "panic-worker",
        "MEMPROF_TUI_TEST_PANIC=worker",
        &profile,
        101,
        "panicking on purpose",
    );
    let _ = std::fs::remove_file(&profile);
}

#[test]
fn a_profile_without_sample_types_is_refused_like_the_cli() {
    // Found by fuzzing (testdata/fuzz-regressions/explorer-no-sample-types.pb): the
    // explorer used to panic drawing its first frame.
    let profile = common::testdata("fuzz-regressions/explorer-no-sample-types.pb");
    ends_with_error(
        "no-types",
        "",
        &profile,
        4,
        "explorer-no-sample-types.pb: profile has no samples",
    );
}

#[test]
fn ctrl_z_then_fg_restores_and_resumes() {
    if skip() {
        return;
    }
    let t = Tmux::start("suspend", 100, 30);
    let profile = start_explorer(&t, "suspend");
    t.keys(&["C-z"]);
    wait_modes(&t, "0 0");
    t.wait_for("Stopped", T);
    // While stopped, the shell has its own terminal modes back.
    t.type_line("echo SUSP_$([ \"$S1\" = \"$(stty -g)\" ] && echo SAME || echo DIFF)");
    let s = t.wait_for("SUSP_", T);
    let s = if s.contains("SUSP_SAME") || s.contains("SUSP_DIFF") {
        s
    } else {
        t.wait_for("SUSP_S", T)
    };
    assert!(
        s.contains("SUSP_SAME"),
        "stty -g differs while suspended:\n{s}"
    );
    t.type_line("fg");
    wait_modes(&t, "1 1");
    t.wait_for("main.main", T);
    // It still responds after resuming.
    t.keys(&["?"]);
    t.wait_for("Keys (", T);
    t.keys(&["q"]);
    t.wait_gone("Keys (", T);
    t.keys(&["q"]);
    check_restored(&t, 0);
    let _ = std::fs::remove_file(&profile);
}

#[test]
fn resize_storm_then_still_responds_and_exits_cleanly() {
    if skip() {
        return;
    }
    let t = Tmux::start("resize", 100, 30);
    let profile = start_explorer(&t, "resize");
    let mut sizes = Vec::new();
    for i in 0..300u32 {
        // From 1×1 up to 500×200, with jumps back down in between.
        let w = 1 + (i * 499 / 299) as u16;
        let h = 1 + (i * 199 / 299) as u16;
        sizes.push((w, h));
        if i % 7 == 0 {
            sizes.push((1 + (i % 13) as u16, 1 + (i % 5) as u16));
        }
    }
    for (w, h) in sizes {
        t.resize(w, h);
    }
    t.run(&["resize-window", "-t", "0", "-x", "100", "-y", "30"]);
    // Still alive, still drawing, still taking keys.
    assert_eq!(t.modes(), "1 1", "the explorer is gone:\n{}", t.screen());
    t.wait_for("main.main", T);
    t.keys(&["?"]);
    t.wait_for("Keys (", T);
    t.keys(&["q"]);
    t.wait_gone("Keys (", T);
    t.keys(&["q"]);
    check_restored(&t, 0);
    let _ = std::fs::remove_file(&profile);
}
