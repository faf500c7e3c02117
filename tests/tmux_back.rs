//! Back navigation in a real terminal (tmux), as a new user tries it: `Enter` opens the
//! selected function's source, `Esc` returns to the table with the same row selected
//! and the same scroll (the screen as it was, the status bar now offering `Esc back`
//! no more), `Esc` again says there is nothing to go back to, and `q` quits. Skipped
//! (and says so) without tmux, or fails under `MEMPROF_TUI_REQUIRE_TMUX=1`.

mod common;

use std::time::Duration;

use common::tmux::Tmux;

const T: Duration = Duration::from_secs(20);

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_memprof-tui")
}

/// Every line but the status bar (the last).
fn above_status(screen: &str) -> Vec<&str> {
    let lines: Vec<&str> = screen.lines().collect();
    lines[..lines.len().saturating_sub(1)].to_vec()
}

#[test]
fn enter_then_esc_returns_to_the_table_with_the_same_selection() {
    let Some(t) = Tmux::start_or_skip("back", 80, 24) else {
        return;
    };
    let profile = common::testdata("profiles/retain-mid.prof");
    let src = common::testdata("src");
    t.type_line(&format!(
        "{} --source-path {} {}; echo EXIT=$?",
        bin(),
        src.display(),
        profile.display()
    ));
    t.wait_for("Top (functions)", T);
    t.keys(&["a"]);
    t.wait_for("— alloc_space", T);
    // Far enough down that the table scrolls.
    for _ in 0..14 {
        t.keys(&["j"]);
    }
    let table = t.settled(T);
    assert!(
        !table.contains("Esc back"),
        "nothing to go back to yet: {table}"
    );
    t.keys(&["Enter"]);
    t.wait_gone("Top (functions)", T);
    let source = t.settled(T);
    assert!(source.contains("Esc back"), "{source}");
    t.keys(&["Escape"]);
    t.wait_for("Top (functions)", T);
    let back = t.settled(T);
    assert_eq!(
        above_status(&back),
        above_status(&table),
        "the same rows, selection and scroll;\nbefore:\n{table}\nafter:\n{back}"
    );
    t.keys(&["Escape"]);
    t.wait_for("nothing to go back to (q quits)", T);
    t.keys(&["q"]);
    t.wait_for("EXIT=0", T);
}
