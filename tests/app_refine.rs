//! Refinements, search and granularity in the explorer, driven by keys: values after a
//! refinement equal go tool pprof's for the same filter; Backspace undoes; search moves
//! through matches in every pane.

mod common;

use common::{Harness, key};
use memprof_tui::analysis::Granularity;
use memprof_tui::app::PaneId;
use memprof_tui::app::input::KeyCode;

/// (name with inline mark, flat, cum) rows of a pprof -top golden with exact values.
fn golden_rows(name: &str) -> Vec<(String, i64, i64)> {
    let text = std::fs::read_to_string(common::testdata(&format!("golden/{name}"))).expect(name);
    let num = |s: &str| s.trim_end_matches('B').parse::<i64>().expect("value");
    text.lines()
        .skip_while(|l| !l.trim_start().starts_with("flat"))
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            (f[5..].join(" "), num(f[0]), num(f[3]))
        })
        .collect()
}

fn got_first_name(h: &Harness) -> Option<String> {
    h.app
        .view()
        .and_then(|v| v.report.rows.first())
        .map(|r| r.name.clone())
}

fn view_rows(h: &Harness) -> Vec<(String, i64, i64)> {
    let v = h.app.view().expect("view");
    let top = h.app.top();
    (0..top.len())
        .filter_map(|i| v.report.rows.get(top.row_index(i)?))
        .map(|r| {
            let name = if r.inline.is_empty() {
                r.name.clone()
            } else {
                format!("{} {}", r.name, r.inline)
            };
            (name, r.flat, r.cum)
        })
        .collect()
}

#[test]
fn focus_on_the_selected_function_equals_pprof_then_backspace_undoes() {
    let mut h = Harness::new("retain-mid.prof", 120, 40);
    h.type_str("a");
    let before = view_rows(&h);
    h.select_row("main.decodeAll");
    h.type_str("f");
    let mut got = view_rows(&h);
    let mut want = golden_rows("retain-mid.prof.alloc_space.functions.top.focus.decodeAll");
    got.sort();
    want.sort();
    assert_eq!(got, want);
    assert!(
        h.screen().contains("focus=^main\\.decodeAll$"),
        "{}",
        h.screen()
    );
    // The table starts at its biggest entry, which is selected.
    assert_eq!(h.app.top().table.selected, 0);
    assert_eq!(
        h.app.selection().map(|f| h.app.func_name(f)),
        got_first_name(&h)
    );
    h.press(&[key(KeyCode::Backspace)]);
    assert_eq!(view_rows(&h), before);
    assert!(!h.screen().contains("refined"));
}

#[test]
fn refinements_stack_and_x_clears_them() {
    let mut h = Harness::new("retain-mid.prof", 120, 40);
    h.type_str("a");
    h.select_row("main.encodeAll");
    h.type_str("I");
    assert!(view_rows(&h).iter().all(|(n, _, _)| n != "main.encodeAll"));
    h.select_row("main.decodeAll");
    h.type_str("H");
    assert!(view_rows(&h).iter().all(|(n, _, _)| n != "main.decodeAll"));
    assert_eq!(h.app.filters().active().len(), 2);
    h.type_str("X");
    assert!(!h.app.filters().is_active());
    // Clearing is itself undoable.
    h.press(&[key(KeyCode::Backspace)]);
    assert_eq!(h.app.filters().active().len(), 2);
}

#[test]
fn typed_refinements_and_tag_filters_match_pprof() {
    let mut h = Harness::new("retain-mid.prof", 120, 40);
    h.type_str("a:tagfocus bytes=1kb:");
    h.press(&[key(KeyCode::Enter)]);
    let mut got = view_rows(&h);
    let mut want = golden_rows("retain-mid.prof.alloc_space.functions.top.tagfocus.bytes_ge_1kb");
    got.sort();
    want.sort();
    assert_eq!(got, want);
    // A bad command keeps the prompt open with the reason.
    h.type_str(":bogus x");
    h.press(&[key(KeyCode::Enter)]);
    assert!(h.app.prompt().is_some_and(|p| p.error.is_some()));
    h.press(&[key(KeyCode::Esc)]);
    assert!(h.app.prompt().is_none());
}

#[test]
fn a_focus_that_matches_nothing_says_so() {
    let mut h = Harness::new("retain-mid.prof", 120, 40);
    h.type_str(":focus nomatch_xyz");
    h.press(&[key(KeyCode::Enter)]);
    let s = h.screen();
    assert!(
        s.contains("focus nomatch_xyz matched no samples")
            || s.contains("Focus expression matched no samples"),
        "{s}"
    );
}

#[test]
fn relative_percentages_toggle() {
    let mut h = Harness::new("retain-mid.prof", 120, 40);
    h.type_str("a");
    let total = h.app.view().expect("view").report.total;
    h.select_row("main.fill");
    h.type_str("f%");
    let v = h.app.view().expect("view");
    assert!(v.report.total < total);
    assert_eq!(
        v.report.total,
        v.report.rows.iter().map(|r| r.flat).sum::<i64>()
    );
}

#[test]
fn search_is_incremental_and_n_moves_between_matches_in_every_pane() {
    let mut h = Harness::new("retain-mid.prof", 120, 40);
    h.type_str("a/json");
    let v = h.app.view().expect("view");
    assert!(
        v.report.rows[h.app.top().table.selected]
            .name
            .contains("json")
    );
    h.press(&[key(KeyCode::Enter)]);
    let first = h.app.top().table.selected;
    h.type_str("n");
    assert!(h.app.top().table.selected != first);
    assert!(
        h.app.view().expect("v").report.rows[h.app.top().table.selected]
            .name
            .contains("json")
    );
    h.type_str("N");
    assert_eq!(h.app.top().table.selected, first);
    // Only matching rows.
    h.type_str("&");
    assert!(view_rows(&h).iter().all(|(n, _, _)| n.contains("json")));
    h.type_str("&");
    // The same search in the tree and the flame graph.
    h.type_str("2n");
    let name = h.app.selection().map(|f| h.app.func_name(f)).expect("func");
    assert!(name.contains("json"), "{name}");
    h.type_str("4n");
    assert_eq!(h.app.focus(), PaneId::Flame);
    let name = h.app.selection().map(|f| h.app.func_name(f)).expect("func");
    assert!(name.contains("json"), "{name}");
}

#[test]
fn granularity_cycles_and_each_starts_at_its_biggest_entry() {
    let mut h = Harness::new("retain-mid.prof", 120, 40);
    h.type_str("a");
    for g in [
        Granularity::FileFunctions,
        Granularity::Files,
        Granularity::Lines,
        Granularity::Addresses,
        Granularity::Functions,
    ] {
        h.select_row(&got_first_name(&h).expect("rows"));
        h.type_str("G");
        h.type_str("d");
        assert_eq!(h.app.view_key().granularity, g);
        assert_eq!(h.app.top().table.selected, 0, "{g:?}");
    }
    // Back at functions, the biggest function is selected.
    assert_eq!(
        h.app.selection().map(|f| h.app.func_name(f)),
        got_first_name(&h)
    );
}

#[test]
fn at_files_granularity_a_function_chosen_elsewhere_selects_its_file() {
    let mut h = Harness::new("retain-mid.prof", 120, 40);
    h.type_str("a");
    h.type_str("dd");
    assert_eq!(h.app.view_key().granularity, Granularity::Files);
    // Choose main.makeRecord in the flame graph (search), then back to the table.
    h.type_str("4/makeRecord");
    h.press(&[key(KeyCode::Enter)]);
    assert_eq!(
        h.app.selection().map(|f| h.app.func_name(f)).as_deref(),
        Some("main.makeRecord")
    );
    h.type_str("1");
    let v = h.app.view().expect("view");
    let row = &v.report.rows[h.app.top().table.selected].name;
    assert!(row.ends_with("retain/main.go"), "{row}");
}

#[test]
fn size_histogram_of_the_selected_function() {
    let mut h = Harness::new("retain-mid.prof", 120, 40);
    h.type_str("a");
    h.select_row("main.makeRecord");
    h.type_str("#");
    let hist = h.app.histogram().expect("histogram");
    let sum: i64 = hist
        .buckets
        .iter()
        .map(|b| b.values[h.app.view_key().sample.index()])
        .sum::<i64>()
        + hist.unlabeled[h.app.view_key().sample.index()];
    let flat = h.app.view().expect("view").report.rows[h.app.top().table.selected].flat;
    assert_eq!(sum, flat);
    insta::assert_snapshot!(h.screen());
}

#[test]
fn refined_screen_snapshot_120x30() {
    let mut h = Harness::new("retain-mid.prof", 120, 30);
    h.type_str("a");
    h.select_row("main.fill");
    h.type_str("f/Put");
    h.press(&[key(KeyCode::Enter)]);
    insta::assert_snapshot!(h.screen());
}

#[test]
fn old_refinements_are_dropped_from_the_caches_and_recomputed_on_undo() {
    let mut h = Harness::new("retain-mid.prof", 120, 40);
    h.type_str("a2");
    let before = {
        h.type_str("1");
        view_rows(&h)
    };
    // Each % is a new filter set; the tree pane computes a tree under each.
    for _ in 0..5 {
        h.type_str("%2");
        // None, the current set and the one Backspace returns to.
        let sets = h.app.jobs().filter_sets();
        assert!(sets.len() <= 3, "{sets:?}");
        assert!(sets.contains(&h.app.view_key().filters));
    }
    h.type_str("1");
    for _ in 0..5 {
        h.press(&[key(KeyCode::Backspace)]);
        assert!(h.app.view().is_some(), "the table comes back after undo");
    }
    assert!(!h.app.filters().is_active());
    assert_eq!(view_rows(&h), before);
}
