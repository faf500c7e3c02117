//! What the integration tests share: the test kit's harness (load testdata profiles,
//! drive the app with keys synchronously, render it on ratatui's TestBackend), the tmux
//! driver, the live server, and the rules for tools a test needs.
#![allow(dead_code)]

pub mod live;
pub mod tmux;

/// Whether the environment variable `var` asks for a tool to be there ("1", or any value
/// but "" and "0"): CI sets `MEMPROF_TUI_REQUIRE_TMUX=1` and `MEMPROF_TUI_REQUIRE_GO=1`
/// so that a missing tool fails the run instead of skipping tests silently.
pub fn required(var: &str) -> bool {
    std::env::var(var).is_ok_and(|v| !v.is_empty() && v != "0")
}

/// A test cannot run because `why` (a tool is missing): prints "SKIPPED: why", or panics
/// when `var` (e.g. `MEMPROF_TUI_REQUIRE_TMUX`) requires the tool.
pub fn skip_or_fail(var: &str, why: &str) {
    assert!(
        !required(var),
        "{why}, and {var} is set: this test must run here (install the tool, or unset {var} \
         to skip it)"
    );
    eprintln!("SKIPPED: {why}");
}

/// Whether the `go` command runs; when it does not, says the test is skipped, or panics
/// under `MEMPROF_TUI_REQUIRE_GO`. For tests that need Go: the live server of the fetch
/// tests, several diff bases merged by pprof first (most tests compare with the
/// committed pprof goldens).
pub fn go_or_skip(what: &str) -> bool {
    let ok = std::process::Command::new("go")
        .arg("version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        skip_or_fail(
            "MEMPROF_TUI_REQUIRE_GO",
            &format!("go is not installed; {what} did not run"),
        );
    }
    ok
}

#[allow(unused_imports)]
pub use memprof_tui_testkit::harness::{
    Harness, key, profile, source_locator, synthetic_profile, testdata, utc,
};
