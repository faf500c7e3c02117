//! What a new user sees first, in a real terminal (tmux): the help overlay at 80x24 wraps
//! every description (none cut), page after page; at 60x15 the notice is one line that
//! `x` shows whole and hides, and the table keeps its rows; the legend explains the
//! markers under the table; the `/` prompt says what the search looks through, what it
//! found, and where a function missing from the in-use view is. Skipped (and says so)
//! without tmux, or fails under `MEMPROF_TUI_REQUIRE_TMUX=1`.

mod common;

use std::time::Duration;

use common::tmux::Tmux;

const T: Duration = Duration::from_secs(20);

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_memprof-tui")
}

fn open(t: &Tmux, profile: &str) {
    let profile = common::testdata(&format!("profiles/{profile}"));
    t.type_line(&format!("{} {}; echo EXIT=$?", bin(), profile.display()));
    t.wait_for("Top (functions)", T);
}

fn status(screen: &str) -> &str {
    screen.lines().last().unwrap_or_default()
}

/// The text inside the help overlay at 80 columns (x 3..77, rows 2..22 of 24).
fn overlay_text(screen: &str) -> Vec<String> {
    screen
        .lines()
        .skip(2)
        .take(20)
        .map(|l| l.chars().skip(3).take(74).collect::<String>())
        .collect()
}

#[test]
fn help_at_80x24_wraps_every_description_on_every_page() {
    let Some(t) = Tmux::start_or_skip("help80", 80, 24) else {
        return;
    };
    open(&t, "seed-default.prof");
    t.keys(&["?"]);
    t.wait_for("Keys (q/Esc closes", T);
    let mut pages = Vec::new();
    loop {
        let s = t.settled(T);
        if pages.last() == Some(&s) {
            break;
        }
        for line in overlay_text(&s) {
            // A cut ends in "…" (a range such as "B…EB" is not one).
            assert!(
                !line.trim_end().ends_with('…'),
                "a cut line {line:?} in:\n{s}"
            );
        }
        pages.push(s);
        assert!(pages.len() < 40, "the help never ends");
        t.keys(&["PageDown"]);
    }
    let all: String = pages.iter().flat_map(|p| overlay_text(p)).collect();
    // The longest descriptions are there to their last word.
    for words in [
        "(inuse_space ↔ alloc_space)",
        "tagfocus, tagignore",
        "shown again",
    ] {
        assert!(all.contains(words), "{words:?} missing from the help");
    }
    assert!(pages.len() >= 3, "{} pages", pages.len());
    t.keys(&["Escape", "q"]);
    t.wait_for("EXIT=0", T);
}

#[test]
fn at_60x15_the_notice_is_one_line_that_x_expands_and_hides() {
    let Some(t) = Tmux::start_or_skip("notice60", 60, 15) else {
        return;
    };
    open(&t, "seed-default.prof");
    let s = t.settled(T);
    assert!(
        s.contains("2.72MB in use of 85MB allocated: a shows allocations  x more"),
        "{s}"
    );
    // Every row of the table shows: the last one too.
    assert!(s.contains("runtime.systemstack"), "{s}");
    t.keys(&["x"]);
    let s = t.wait_for("Why does this look empty? (x hides, i details)", T);
    assert!(s.contains("Press a to see allocations"), "{s}");
    t.keys(&["x"]);
    let s = t.wait_gone("Why does this look empty?", T);
    assert!(!s.contains("x more"), "hidden:\n{s}");
    t.keys(&["x"]);
    t.wait_for("x more", T);
    t.keys(&["q"]);
    t.wait_for("EXIT=0", T);
}

#[test]
fn the_legend_and_the_search_hint_are_where_the_user_looks() {
    let Some(t) = Tmux::start_or_skip("firstsight", 80, 24) else {
        return;
    };
    open(&t, "seed-rate1.prof");
    let s = t.settled(T);
    // seed-rate1 samples every allocation: no extrapolation marker, no legend for it;
    // the inline marker is explained under the table.
    assert!(s.contains("(inline): inlined into its caller"), "{s}");
    t.keys(&["/"]);
    let s = t.wait_for("regex on the table's names; Enter keeps it, Esc cancels", T);
    assert!(status(&s).starts_with('/'), "{s}");
    t.keys(&["-l", "main\\.main"]);
    let s = t.wait_for("a shows it", T);
    assert!(
        status(&s).contains("no match here; main.main has 84MB in alloc_space: a shows it"),
        "{s}"
    );
    t.keys(&["Enter"]);
    let s = t.wait_for("/main\\.main: no match here;", T);
    assert!(!s.contains('█'), "the prompt is closed:\n{s}");
    t.keys(&["a"]);
    t.wait_for("— alloc_space", T);
    t.keys(&["n"]);
    let s = t.settled(T);
    assert!(s.contains("main.main"), "{s}");
    t.keys(&["q"]);
    t.wait_for("EXIT=0", T);
}
