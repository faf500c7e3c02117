//! `App::update` driven by key sequences, without a terminal: sample-type switches keep
//! the selected function, sorting, scrolling, overlays, quitting.

mod common;

use common::{Harness, key};
use memprof_tui::analysis::view::TableSort;
use memprof_tui::app::input::{Key, KeyCode};
use memprof_tui::app::{Action, Overlay};

fn selected_name(h: &Harness) -> String {
    let v = h.app.view().expect("view");
    v.report.rows[h.app.table.selected].name.clone()
}

fn type_name(h: &Harness) -> String {
    h.app.profile.sample_types[h.app.key.sample_index]
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

#[test]
fn selection_stays_on_the_same_function_across_switches() {
    let mut h = Harness::new("retain-mid.prof", 100, 30);
    h.type_str("a");
    // main.fill allocates and retains: it is in both the alloc and the in-use views.
    let fill = h
        .app
        .view()
        .expect("view")
        .report
        .rows
        .iter()
        .position(|r| r.name == "main.fill");
    h.type_str("g");
    h.type_str(&"j".repeat(fill.expect("main.fill")));
    let name = selected_name(&h);
    assert_eq!(name, "main.fill");
    let before = h.app.table.selected;
    h.type_str("a");
    assert_eq!(selected_name(&h), name);
    h.type_str("o");
    assert_eq!(selected_name(&h), name);
    h.type_str("S");
    assert_eq!(h.app.key.sort, TableSort::Cum);
    assert_eq!(selected_name(&h), name);
    h.type_str("SS");
    assert_eq!(h.app.key.sort, TableSort::Flat);
    h.type_str("oa");
    assert_eq!(selected_name(&h), name);
    assert_eq!(h.app.table.selected, before);
}

#[test]
fn a_function_missing_from_one_view_is_found_again_on_the_way_back() {
    let mut h = Harness::new("retain-end.prof", 100, 30);
    h.type_str("a");
    let v = h.app.view().expect("view");
    let name = "encoding/json.(*Decoder).refill";
    let i = v
        .report
        .rows
        .iter()
        .position(|r| r.name == name)
        .expect(name);
    h.type_str("g");
    h.type_str(&"j".repeat(i));
    h.type_str("a");
    assert!(
        h.app
            .view()
            .expect("view")
            .report
            .rows
            .iter()
            .all(|r| r.name != name)
    );
    h.type_str("a");
    assert_eq!(selected_name(&h), name);
}

#[test]
fn sort_by_name_orders_rows_alphabetically() {
    let mut h = Harness::new("retain-mid.prof", 100, 30);
    h.type_str("SS");
    assert_eq!(h.app.key.sort, TableSort::Name);
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
    assert_eq!(h.app.table.selected, len - 1);
    h.press(&[key(KeyCode::Home)]);
    assert_eq!(h.app.table.selected, 0);
    h.press(&[key(KeyCode::PageDown)]);
    let page = usize::from(h.app.layout.list_rows.height);
    assert_eq!(h.app.table.selected, page);
    h.press(&[Key::ctrl('u')]);
    assert_eq!(h.app.table.selected, page - page / 2);
    h.type_str("G");
    assert_eq!(h.app.table.selected, len - 1);
    assert!(h.app.table.offset + page >= len);
    h.type_str("g");
    assert_eq!((h.app.table.selected, h.app.table.offset), (0, 0));
    h.type_str("k");
    assert_eq!(h.app.table.selected, 0);
}

#[test]
fn help_opens_and_closes_and_q_quits() {
    let mut h = Harness::new("seed-default.prof", 100, 30);
    h.type_str("?");
    assert_eq!(h.app.overlay, Some(Overlay::Help));
    assert!(h.screen().contains("switch in-use ↔ alloc"));
    // Keys of the panes do not leak through an overlay.
    h.type_str("a");
    assert_eq!(type_name(&h), "inuse_space");
    h.press(&[key(KeyCode::Esc)]);
    assert_eq!(h.app.overlay, None);
    assert!(!h.app.should_quit);
    h.type_str("i");
    assert_eq!(h.app.overlay, Some(Overlay::Details));
    h.type_str("q");
    assert_eq!(h.app.overlay, None);
    h.type_str("q");
    assert!(h.app.should_quit);
}

#[test]
fn ctrl_c_quits_from_an_overlay() {
    let mut h = Harness::new("seed-default.prof", 100, 30);
    h.type_str("?");
    h.press(&[Key::ctrl('c')]);
    assert!(h.app.should_quit);
}

#[test]
fn mouse_click_selects_and_wheel_scrolls() {
    let mut h = Harness::new("retain-mid.prof", 100, 30);
    h.type_str("a");
    let r = h.app.layout.list_rows;
    h.act(Action::Click(r.x + 5, r.y + 3));
    assert_eq!(h.app.table.selected, 3);
    h.act(Action::WheelDown(r.x + 5, r.y + 3));
    assert_eq!(h.app.table.offset, 3);
    h.act(Action::WheelUp(r.x + 5, r.y + 3));
    assert_eq!(h.app.table.offset, 0);
}

#[test]
fn notice_shows_both_totals_and_hides_with_x() {
    let mut h = Harness::new("seed-default.prof", 120, 40);
    let s = h.screen();
    assert!(s.contains("2787.19kB is in use"), "{s}");
    assert!(s.contains("87057.95kB allocated"), "{s}");
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
    assert!(h.screen().contains("retained"));
}

#[test]
fn overlays_scroll_with_the_list_moves_and_esc_never_quits() {
    let mut h = Harness::new("seed-default.prof", 80, 24);
    h.type_str("?");
    let max = usize::from(h.app.layout.overlay_max_scroll);
    assert!(max > 0, "the help is longer than 24 rows");
    h.type_str("G");
    assert_eq!(h.app.overlay_scroll, max);
    h.type_str("k");
    assert_eq!(h.app.overlay_scroll, max - 1);
    h.press(&[Key::ctrl('u')]);
    assert_eq!(h.app.overlay_scroll, max - 6);
    h.type_str("g");
    assert_eq!(h.app.overlay_scroll, 0);
    h.press(&[key(KeyCode::PageDown)]);
    assert_eq!(h.app.overlay_scroll, 10.min(max));
    assert_eq!(h.app.table.selected, 0, "the list behind stays put");
    h.press(&[key(KeyCode::Esc)]);
    assert_eq!(h.app.overlay, None);
    h.press(&[
        key(KeyCode::Esc),
        key(KeyCode::Esc),
        key(KeyCode::Backspace),
    ]);
    assert!(!h.app.should_quit, "Esc and Backspace never quit");
    h.type_str("4");
    h.press(&[key(KeyCode::Enter)]);
    assert!(!h.app.flame.zoom.is_empty());
    h.press(&[key(KeyCode::Esc)]);
    assert!(h.app.flame.zoom.is_empty(), "Esc leaves the zoom");
    h.press(&[key(KeyCode::Backspace), key(KeyCode::Esc)]);
    assert!(!h.app.should_quit);
    h.type_str("q");
    assert!(h.app.should_quit);
}
