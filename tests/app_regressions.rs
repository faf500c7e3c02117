//! One test for each way the explorer could once be crashed or mislead by keys (issue
//! "The explorer's state machine, rebuilt …"), driven through the keymap like a user.

mod common;

use common::{Harness, key};
use memprof_tui::app::PaneId;
use memprof_tui::app::input::{Key, KeyCode};

fn keys(h: &mut Harness, seq: &[&str]) {
    for k in seq {
        match *k {
            "Esc" => h.press(&[key(KeyCode::Esc)]),
            "Bksp" => h.press(&[key(KeyCode::Backspace)]),
            "Enter" => h.press(&[key(KeyCode::Enter)]),
            "Tab" => h.press(&[key(KeyCode::Tab)]),
            "PgDn" => h.press(&[key(KeyCode::PageDown)]),
            s => h.type_str(s),
        }
    }
}

#[test]
fn refining_from_the_tree_or_the_flame_graph_does_not_crash() {
    for profile in ["retain-mid.prof", "seed-cpu.prof", "kinds-heap.prof"] {
        for seq in [
            &["2", "f"][..],
            &["4", "f"],
            &["4", "v"],
            &["4", ">"],
            &["2", "j", "f"],
            &["4", "j", "P"],
            &["2", "e", "G", "H"],
        ] {
            let mut h = Harness::new(profile, 100, 30);
            keys(&mut h, seq);
            // The panes are on the refined tree, and the selection names a function.
            let f = h.app.selection().expect("a selection");
            assert!(f.index() < h.app.frames().infos.len(), "{profile} {seq:?}");
            h.type_str("2");
            h.type_str("4");
            assert!(!h.app.should_quit(), "{profile} {seq:?}");
        }
    }
}

#[test]
fn esc_and_backspace_never_quit() {
    let mut h = Harness::new("retain-mid.prof", 100, 30);
    for pane in ["1", "2", "3", "4", "5"] {
        h.type_str(pane);
        keys(&mut h, &["Esc", "Esc", "Bksp", "Bksp"]);
        assert!(!h.app.should_quit(), "pane {pane}");
    }
    // With a refinement, Backspace in the unzoomed flame graph undoes it.
    keys(&mut h, &["1", "f", "4"]);
    assert!(h.app.filters().is_active());
    keys(&mut h, &["Bksp"]);
    assert!(!h.app.filters().is_active());
    assert!(!h.app.should_quit());
    // Zoomed: Backspace zooms out first.
    keys(&mut h, &["Enter"]);
    assert!(h.app.flame().is_zoomed());
    keys(&mut h, &["Bksp"]);
    assert!(!h.app.flame().is_zoomed());
    keys(&mut h, &["q"]);
    assert!(h.app.should_quit());
}

#[test]
fn after_a_the_table_shows_its_first_rows() {
    let mut h = Harness::new("retain-end.prof", 100, 30);
    keys(&mut h, &["G", "a"]);
    assert_eq!(h.app.top().table.selected, 0);
    assert_eq!(h.app.top().table.offset, 0);
    let first = h.app.view().expect("view").report.rows[0].name.clone();
    assert!(h.screen().contains(&first[..first.len().min(20)]));
}

#[test]
fn tab_leaves_the_source_pane_and_brackets_move_between_costly_lines() {
    let mut h = Harness::new("kinds-heap.prof", 120, 40);
    keys(&mut h, &["a", "5"]);
    assert_eq!(h.app.focus(), PaneId::Source);
    let line = h.app.source().cursor_line();
    keys(&mut h, &["]"]);
    assert_ne!(
        h.app.source().cursor_line(),
        line,
        "] moves to the next costly line"
    );
    keys(&mut h, &["Tab"]);
    assert_eq!(
        h.app.focus(),
        PaneId::Source.next(),
        "Tab cycles panes from the source too"
    );
}

#[test]
fn search_in_the_source_pane_moves_with_n() {
    let mut h = Harness::new("kinds-heap.prof", 120, 40);
    keys(&mut h, &["a"]);
    h.select_row("main.grow");
    keys(&mut h, &["s", "g", "/grow", "Enter"]);
    let first = h.app.source().cursor_line();
    assert!(first > 1, "the search moved to a line with grow");
    keys(&mut h, &["n"]);
    let second = h.app.source().cursor_line();
    assert_ne!(second, first, "n moves to the next match");
    keys(&mut h, &["N"]);
    assert_eq!(h.app.source().cursor_line(), first, "N moves back");
}

#[test]
fn the_search_prompt_starts_empty_with_history() {
    let mut h = Harness::new("retain-mid.prof", 100, 30);
    keys(&mut h, &["/json", "Enter", "/"]);
    assert_eq!(h.app.prompt().map(|p| p.text.as_str()), Some(""));
    h.press(&[key(KeyCode::Up)]);
    assert_eq!(h.app.prompt().map(|p| p.text.as_str()), Some("json"));
    h.press(&[key(KeyCode::Down)]);
    assert_eq!(h.app.prompt().map(|p| p.text.as_str()), Some(""));
    keys(&mut h, &["Esc"]);
    assert!(h.app.prompt().is_none());
    // Esc again clears the search.
    assert!(h.app.search().is_some());
    keys(&mut h, &["Esc"]);
    assert!(h.app.search().is_none());
}

#[test]
fn the_help_overlay_scrolls_like_a_list_and_is_clamped() {
    let mut h = Harness::new("seed-default.prof", 80, 24);
    keys(&mut h, &["?"]);
    let (lines, rows) = h.app.layout().overlay;
    let max = lines - usize::from(rows);
    h.type_str(&"j".repeat(100));
    assert_eq!(h.app.overlay().map(|o| o.1), Some(max.min(100)));
    h.type_str(&"k".repeat(21));
    assert_eq!(h.app.overlay().map(|o| o.1), Some(max.min(100) - 21));
    keys(&mut h, &["g", "PgDn"]);
    assert_eq!(
        h.app.overlay().map(|o| o.1),
        Some(usize::from(rows).min(max))
    );
    keys(&mut h, &["G"]);
    assert_eq!(h.app.overlay().map(|o| o.1), Some(max));
    h.press(&[Key::ctrl('c')]);
    assert!(h.app.should_quit());
}

#[test]
fn esc_then_a_key_typed_quickly_reads_as_both_keys() {
    // Terminals send Esc followed at once by `q` as Alt-q.
    let mut h = Harness::new("retain-mid.prof", 100, 30);
    keys(&mut h, &["?"]);
    h.press(&[Key {
        alt: true,
        ..Key::ch('q')
    }]);
    assert!(h.app.overlay().is_none());
    assert!(h.app.should_quit(), "Esc closed the help, q quit");
}

#[test]
fn a_rebound_key_shows_in_the_notice_the_hints_and_the_help() {
    use memprof_tui::app::Keymap;
    let user = "[[binding]]\nscope = \"global\"\naction = \"toggle_inuse_alloc\"\nkeys = [\"A\"]\n";
    let km = Keymap::from_toml(user, "test keymap").expect("override");
    let mut h = Harness::new("seed-default.prof", 120, 40);
    h.app.set_keymap(km);
    h.draw();
    let s = h.screen();
    assert!(s.contains("Press A"), "{s}");
    assert!(s.contains("A inuse/alloc"), "{s}");
    assert!(!s.contains("a inuse/alloc"), "{s}");
    h.type_str("a");
    assert_eq!(h.app.view_key().sample.index(), 3, "a is unbound now");
    h.type_str("A");
    assert_ne!(h.app.view_key().sample.index(), 3, "A switches to alloc");
    h.type_str("?");
    let help = h.screen();
    assert!(help.contains("  A   "), "{help}");
}
