//! `App::update` driven by key sequences, without a terminal: view changes start at the
//! biggest entry, sorting, scrolling, overlays, quitting.

mod common;

use common::{Harness, key};
use memprof_tui::analysis::view::TableSort;
use memprof_tui::app::input::{Key, KeyCode, Mouse};
use memprof_tui::app::{Event, Overlay};

fn selected_name(h: &Harness) -> String {
    let v = h.app.view().expect("view");
    v.report.rows[h.app.top().table.selected].name.clone()
}

fn type_name(h: &Harness) -> String {
    h.app.profile().sample_types[h.app.view_key().sample.index()]
        .ty
        .clone()
}

#[test]
fn first_view_is_pprofs_default() {
    let h = Harness::new("seed-default.prof", 100, 30);
    assert_eq!(type_name(&h), "inuse_space");
    let h = Harness::new("kinds-allocs.prof", 100, 30);
    assert_eq!(type_name(&h), "alloc_space");
}

#[test]
fn a_toggles_inuse_and_alloc_and_o_space_and_objects() {
    let mut h = Harness::new("seed-default.prof", 100, 30);
    h.type_str("a");
    assert_eq!(type_name(&h), "alloc_space");
    h.type_str("o");
    assert_eq!(type_name(&h), "alloc_objects");
    h.type_str("a");
    assert_eq!(type_name(&h), "inuse_objects");
    h.type_str("o");
    assert_eq!(type_name(&h), "inuse_space");
}

#[test]
fn t_cycles_every_sample_type() {
    let mut h = Harness::new("seed-cpu.prof", 100, 30);
    let first = type_name(&h);
    h.type_str("t");
    assert_ne!(type_name(&h), first);
    h.type_str("t");
    assert_eq!(type_name(&h), first);
    // a and o do nothing on a CPU profile.
    h.type_str("ao");
    assert_eq!(type_name(&h), first);
}

/// The first row of the table and its scroll position: the view shows its biggest entry.
fn at_first_row(h: &Harness) -> bool {
    h.app.top().table.selected == 0 && h.app.top().table.offset == 0
}

#[test]
fn every_view_change_starts_at_the_biggest_entry() {
    let mut h = Harness::new("retain-mid.prof", 100, 30);
    for keys in ["a", "o", "t", "S", "d", "a"] {
        h.type_str("G");
        assert!(!at_first_row(&h));
        h.type_str(keys);
        assert!(at_first_row(&h), "after {keys}");
        if h.app.view_key().granularity == memprof_tui::analysis::Granularity::Functions {
            let first = h.app.view().expect("view").report.rows[0].node;
            assert_eq!(
                h.app.selection().map(|f| f.0),
                Some(first),
                "the selection is the first row after {keys}"
            );
        }
    }
    // A refinement and its undo too.
    h.type_str("dddd");
    h.type_str("G");
    h.type_str("f");
    assert!(at_first_row(&h));
    h.type_str("G");
    h.press(&[key(KeyCode::Backspace)]);
    assert!(at_first_row(&h));
}

#[test]
fn a_on_the_seed_profile_then_enter_opens_main_go_at_line_21() {
    let mut h = Harness::new("seed-default.prof", 120, 40);
    h.type_str("a");
    assert_eq!(selected_name(&h), "main.main");
    h.press(&[key(KeyCode::Enter)]);
    let src = h.app.source();
    assert_eq!(
        src.func().map(|f| h.app.func_name(f)).as_deref(),
        Some("main.main")
    );
    assert_eq!(src.cursor_line(), 21);
    assert!(h.screen().contains("main.go"), "{}", h.screen());
}

#[test]
fn other_panes_follow_the_selection_of_a_new_view() {
    let mut h = Harness::new("seed-default.prof", 120, 40);
    h.type_str("2");
    h.type_str("a");
    let tree = h.app.tree();
    let t = tree.tree().expect("tree");
    let row = tree.rows()[tree.table().selected];
    assert_eq!(
        t.frame(row.node).map(|f| h.app.func_name(f)).as_deref(),
        Some("main.main")
    );
}

#[test]
fn sort_by_name_orders_rows_alphabetically() {
    let mut h = Harness::new("retain-mid.prof", 100, 30);
    h.type_str("SS");
    assert_eq!(h.app.view_key().sort, TableSort::Name);
    let v = h.app.view().expect("view");
    let names: Vec<&str> = v.report.rows.iter().map(|r| r.name.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
}

#[test]
fn scrolling_keys_move_and_clamp() {
    let mut h = Harness::new("retain-mid.prof", 100, 30);
    h.type_str("a");
    let len = h.app.view().expect("view").report.rows.len();
    h.press(&[key(KeyCode::End)]);
    assert_eq!(h.app.top().table.selected, len - 1);
    h.press(&[key(KeyCode::Home)]);
    assert_eq!(h.app.top().table.selected, 0);
    h.press(&[key(KeyCode::PageDown)]);
    let page = usize::from(h.app.layout().body.height);
    assert_eq!(h.app.top().table.selected, page);
    h.press(&[Key::ctrl('u')]);
    assert_eq!(h.app.top().table.selected, page - page / 2);
    h.type_str("G");
    assert_eq!(h.app.top().table.selected, len - 1);
    assert!(h.app.top().table.offset + page >= len);
    h.type_str("g");
    assert_eq!(
        (h.app.top().table.selected, h.app.top().table.offset),
        (0, 0)
    );
    h.type_str("k");
    assert_eq!(h.app.top().table.selected, 0);
}

#[test]
fn help_opens_and_closes_and_q_quits() {
    let mut h = Harness::new("seed-default.prof", 100, 30);
    h.type_str("?");
    assert_eq!(h.app.overlay().map(|o| o.0), Some(Overlay::Help));
    assert!(h.screen().contains("switch in-use ↔ alloc"));
    // Keys of the panes do not leak through an overlay.
    h.type_str("a");
    assert_eq!(type_name(&h), "inuse_space");
    h.press(&[key(KeyCode::Esc)]);
    assert_eq!(h.app.overlay().map(|o| o.0), None);
    assert!(!h.app.should_quit());
    h.type_str("i");
    assert_eq!(h.app.overlay().map(|o| o.0), Some(Overlay::Details));
    h.type_str("q");
    assert_eq!(h.app.overlay().map(|o| o.0), None, "q closes an overlay");
    assert!(!h.app.should_quit());
    h.type_str("q");
    assert!(h.app.should_quit());
}

#[test]
fn ctrl_c_quits_from_an_overlay() {
    let mut h = Harness::new("seed-default.prof", 100, 30);
    h.type_str("?");
    h.press(&[Key::ctrl('c')]);
    assert!(h.app.should_quit());
}

#[test]
fn mouse_click_selects_and_wheel_scrolls() {
    let mut h = Harness::new("retain-mid.prof", 100, 30);
    h.type_str("a");
    let r = h.app.layout().body;
    h.event(Event::Mouse(Mouse::Click(r.x + 5, r.y + 3)));
    assert_eq!(h.app.top().table.selected, 3);
    h.event(Event::Mouse(Mouse::ScrollDown(r.x + 5, r.y + 3)));
    assert_eq!(h.app.top().table.offset, 3);
    h.event(Event::Mouse(Mouse::ScrollUp(r.x + 5, r.y + 3)));
    assert_eq!(h.app.top().table.offset, 0);
}

#[test]
fn notice_shows_both_totals_and_hides_with_x() {
    let mut h = Harness::new("seed-default.prof", 120, 40);
    let s = h.screen();
    assert!(s.contains("2.72MB is in use"), "{s}");
    assert!(s.contains("85MB allocated"), "{s}");
    assert!(s.contains("MemProfileRate"), "{s}");
    h.type_str("x");
    assert!(!h.screen().contains("Why does this look empty"));
}

#[test]
fn side_by_side_shows_retained_share() {
    let mut h = Harness::new("retain-mid.prof", 140, 40);
    h.type_str("b");
    let v = h.app.view().expect("view");
    let pairs = v.pairs.as_ref().expect("pairs");
    let fill = v
        .report
        .rows
        .iter()
        .position(|r| r.name == "main.fill")
        .expect("main.fill");
    let pv = pairs[fill];
    assert!(pv.alloc_flat >= pv.inuse_flat && pv.inuse_flat > 0);
    assert!(h.screen().contains("kept cum"));
}

#[test]
fn overlays_scroll_with_the_list_moves_and_esc_never_quits() {
    let mut h = Harness::new("seed-default.prof", 80, 24);
    h.type_str("?");
    let (lines, rows) = h.app.layout().overlay;
    let max = lines - usize::from(rows);
    assert!(max > 0, "the help is longer than 24 rows");
    h.type_str("G");
    assert_eq!(h.app.overlay().map_or(0, |o| o.1), max);
    h.type_str("k");
    assert_eq!(h.app.overlay().map_or(0, |o| o.1), max - 1);
    h.press(&[Key::ctrl('u')]);
    let half = (usize::from(rows) / 2).max(1);
    assert_eq!(h.app.overlay().map_or(0, |o| o.1), max - 1 - half);
    h.type_str("g");
    assert_eq!(h.app.overlay().map_or(0, |o| o.1), 0);
    h.press(&[key(KeyCode::PageDown)]);
    assert_eq!(
        h.app.overlay().map_or(0, |o| o.1),
        usize::from(rows).min(max)
    );
    assert_eq!(h.app.top().table.selected, 0, "the list behind stays put");
    h.press(&[key(KeyCode::Esc)]);
    assert_eq!(h.app.overlay().map(|o| o.0), None);
    h.press(&[
        key(KeyCode::Esc),
        key(KeyCode::Esc),
        key(KeyCode::Backspace),
    ]);
    assert!(!h.app.should_quit(), "Esc and Backspace never quit");
    h.type_str("4");
    h.press(&[key(KeyCode::Enter)]);
    assert!(h.app.flame().is_zoomed());
    h.press(&[key(KeyCode::Esc)]);
    assert!(!h.app.flame().is_zoomed(), "Esc leaves the zoom");
    h.press(&[key(KeyCode::Backspace), key(KeyCode::Esc)]);
    assert!(!h.app.should_quit());
    h.type_str("q");
    assert!(h.app.should_quit());
}
