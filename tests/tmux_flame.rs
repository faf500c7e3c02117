//! The flame graph as a new user meets it, in a real terminal (tmux), on the generated
//! 200k-sample heap profile (`examples/gen_profile.rs`, made here in a temporary
//! directory): at 80×24 the first screen of pane 4 shows labelled frames from the top,
//! and after walking 25 levels down to a deep, narrow frame the top rows stay, a marker
//! row names the hidden callers, and the selection is drawn magnified with its label.
//! Skipped (and says so) without tmux, or fails under `MEMPROF_TUI_REQUIRE_TMUX=1`.

mod common;

#[path = "../examples/gen_profile.rs"]
#[allow(dead_code)]
mod gen_profile;

use std::time::Duration;

use common::tmux::Tmux;
use prost::Message;

/// The debug build computes the call tree of 200k samples in seconds, more on a busy
/// machine.
const T: Duration = Duration::from_secs(120);

/// The graph's rows: the lines between the pane's top border and its legend.
fn graph_rows(screen: &str) -> Vec<String> {
    screen
        .lines()
        .skip_while(|l| !l.contains("Flame graph —"))
        .skip(1)
        .take_while(|l| !l.contains("still in use") && !l.starts_with('└'))
        .map(|l| l.trim_matches('│').to_string())
        .collect()
}

/// The selected frame's full name, from the line below the legend.
fn selected_name(screen: &str) -> String {
    let line = screen
        .lines()
        .skip_while(|l| !l.contains("still in use"))
        .nth(1)
        .expect("the selected frame's line");
    line.trim_matches('│')
        .split("  cum ")
        .next()
        .expect("name")
        .trim()
        .to_string()
}

/// A label no user can read: nothing but an edge, an ellipsis and a few characters
/// (`▏…173`), or digits only.
fn unreadable(label: &str) -> bool {
    let text = label.trim_start_matches('▏').trim();
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    !text.is_empty() && !text.starts_with('░') && letters < 3
}

#[test]
fn the_200k_profile_shows_labelled_frames_at_80x24_and_a_deep_selection_magnified() {
    let Some(t) = Tmux::start_or_skip("flame200k", 80, 24) else {
        return;
    };
    let dir = std::env::temp_dir().join(format!("memprof-flame-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("large.pb");
    let (p, _) = gen_profile::generate(&gen_profile::Opts::default());
    assert_eq!(p.sample.len(), 200_000);
    std::fs::write(&path, p.encode_to_vec()).expect("write the profile");
    t.type_line(&format!(
        "{} {}; echo EXIT=$?",
        env!("CARGO_BIN_EXE_memprof-tui"),
        path.display()
    ));
    t.wait_for("Top (functions)", T);
    t.keys(&["4"]);
    t.wait_for("still in use", T);
    let s = t.settled(T);
    let rows = graph_rows(&s);
    assert_eq!(rows.len(), 17, "{s}");
    assert!(rows[0].starts_with("▏runtime.goexit"), "{s}");
    assert!(rows[1].starts_with("▏runtime.main"), "{s}");
    // The selected function (the table's first row) has a readable label on screen.
    let sel = selected_name(&s);
    let own = sel.rsplit('.').next().expect("own name").to_string();
    assert!(
        rows.iter().any(|r| r.contains(&own)),
        "{own} not drawn:\n{s}"
    );
    for r in &rows {
        for label in r.split('▏').filter(|l| !l.trim().is_empty()) {
            assert!(!unreadable(label), "unreadable label {label:?}:\n{s}");
        }
    }

    // Down 25 times (the heaviest callee each time): deep and narrow.
    for _ in 0..25 {
        t.keys(&["j"]);
    }
    std::thread::sleep(Duration::from_millis(300));
    let s = t.settled(T);
    let rows = graph_rows(&s);
    assert!(
        rows[0].starts_with("▏runtime.goexit"),
        "the top rows stay:\n{s}"
    );
    let marker = rows
        .iter()
        .position(|r| r.starts_with("┄┄ "))
        .unwrap_or_else(|| panic!("no marker row:\n{s}"));
    assert!(rows[marker].contains(" levels: "), "{s}");
    assert!(rows[marker].contains("below ×"), "{s}");
    let sel = selected_name(&s);
    let own = sel.rsplit('.').next().expect("own name").to_string();
    assert!(
        rows[marker + 1..].iter().any(|r| r.contains(&own)),
        "the selection {own} is not drawn below the marker:\n{s}"
    );
    // Esc is not a zoom here: the marker stays; q quits.
    t.keys(&["q"]);
    t.wait_for("EXIT=0", T);
    let _ = std::fs::remove_dir_all(&dir);
}
