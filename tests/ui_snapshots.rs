//! Whole-screen snapshots of the explorer on TestBackend (insta), at 80×24 and 160×48,
//! for the blog post's end-of-program heap profile and other kinds.

mod common;

use common::Harness;
use memprof_tui::app::input::KeyCode;
use memprof_tui::profile::BaseMode::{DiffBase, Subtract};

#[test]
fn end_of_program_heap_first_view_80x24() {
    // A short terminal: the notice is one line, its key first, and x shows it whole.
    let mut h = Harness::new("seed-default.prof", 80, 24);
    let s = h.screen();
    assert!(
        s.contains("2.72MB in use of 85MB allocated: a shows allocations"),
        "{s}"
    );
    assert!(s.contains("x more"), "{s}");
    insta::assert_snapshot!(s);
    h.type_str("x");
    assert!(h.screen().contains("Why does this look empty?"));
}

#[test]
fn a_notice_on_a_60x15_terminal_leaves_the_table_its_rows() {
    let mut h = Harness::new("seed-default.prof", 60, 15);
    let s = h.screen();
    let rows = h.app.layout().body.height;
    assert!(rows >= 8, "{rows} table rows:\n{s}");
    assert!(
        s.contains("runtime.systemstack"),
        "every row of 7 shows:\n{s}"
    );
    insta::assert_snapshot!("notice_one_line_60x15", s);
    // x: the whole notice (as much as fits, the cut marked), then hidden, then one line.
    h.type_str("x");
    let s = h.screen();
    assert!(s.contains("Why does this look empty?"), "{s}");
    assert!(s.contains('…'), "the cut is marked:\n{s}");
    assert!(h.app.layout().body.height >= 1, "{s}");
    insta::assert_snapshot!("notice_expanded_60x15", s);
    h.type_str("x");
    assert!(!h.screen().contains("x more") && !h.screen().contains("Why does"));
    h.type_str("x");
    assert!(h.screen().contains("x more"));
}

#[test]
fn end_of_program_heap_after_a_80x24() {
    let mut h = Harness::new("seed-default.prof", 80, 24);
    h.type_str("a");
    insta::assert_snapshot!(h.screen());
}

#[test]
fn end_of_program_heap_first_view_160x48() {
    let h = Harness::new("seed-default.prof", 160, 48);
    insta::assert_snapshot!(h.screen());
}

#[test]
fn end_of_program_heap_after_a_160x48() {
    let mut h = Harness::new("seed-default.prof", 160, 48);
    h.type_str("a");
    insta::assert_snapshot!(h.screen());
}

#[test]
fn side_by_side_160x48() {
    let mut h = Harness::new("retain-mid.prof", 160, 48);
    h.type_str("b");
    insta::assert_snapshot!(h.screen());
}

#[test]
fn help_overlay_80x24() {
    let mut h = Harness::new("seed-default.prof", 80, 24);
    h.type_str("?");
    insta::assert_snapshot!(h.screen());
}

#[test]
fn details_overlay_120x40() {
    let mut h = Harness::new("seed-default.prof", 120, 40);
    h.type_str("i");
    insta::assert_snapshot!(h.screen());
}

#[test]
fn cpu_profile_has_no_heap_notice_120x30() {
    let h = Harness::new("seed-cpu.prof", 120, 30);
    let s = h.screen();
    assert!(!s.contains("Why does this look empty"), "{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn notice_shows_exactly_when_inuse_is_under_a_tenth_of_alloc() {
    // kinds-heap keeps 12.5% of what it allocated; the others keep under 4%: at the end
    // of the program (what remains is the runtime's) the notice explains the empty view,
    // mid-run (the program's cache is alive) it only says most was freed again.
    for (name, empty, freed) in [
        ("kinds-heap.prof", false, false),
        ("retain-mid.prof", false, true),
        ("retain-end.prof", true, false),
    ] {
        let h = Harness::new(name, 120, 30);
        let s = h.screen();
        assert_eq!(s.contains("Why does this look empty"), empty, "{name}\n{s}");
        assert_eq!(
            s.contains("most allocations were freed again"),
            freed,
            "{name}\n{s}"
        );
    }
    // With every allocation recorded, the sampling explanation does not apply.
    let h = Harness::new("seed-rate1.prof", 120, 30);
    assert!(!h.screen().contains("MemProfileRate"), "{}", h.screen());
    assert!(h.screen().contains("Why does this look empty"));
}

#[test]
fn scrolled_and_sorted_by_cum_120x30() {
    let mut h = Harness::new("retain-mid.prof", 120, 30);
    h.type_str("S");
    h.press(&[common::key(KeyCode::PageDown), common::key(KeyCode::Down)]);
    insta::assert_snapshot!(h.screen());
}

#[test]
fn tiny_terminal_says_so() {
    let h = Harness::new("seed-default.prof", 30, 6);
    assert_eq!(
        h.screen().lines().next(),
        Some("too small: 30×6, need 40×10")
    );
    // Whole, on one line, down to 10 columns.
    let h = Harness::new("seed-default.prof", 10, 3);
    assert_eq!(h.screen().lines().next(), Some("need 40×10"));
    assert_eq!(memprof_tui::ui::too_small_message(12, 3), "12×3 < 40×10");
}

#[test]
fn render_sweep_never_panics() {
    let mut h = Harness::new("retain-mid.prof", 1, 1);
    for w in (1..=300).step_by(23) {
        for ht in (1..=100).step_by(9) {
            h.resize(w, ht);
        }
    }
    for keys in ["?", "q", "i", "q", "b", "S"] {
        h.type_str(keys);
        for (w, ht) in [(1, 1), (2, 50), (300, 3), (41, 10), (300, 100), (80, 24)] {
            h.resize(w, ht);
        }
    }
}

#[test]
fn call_tree_pane_reveals_the_selected_function_120x30() {
    let mut h = Harness::new("retain-mid.prof", 120, 30);
    h.type_str("a");
    let i = h
        .app
        .view()
        .expect("view")
        .report
        .rows
        .iter()
        .position(|r| r.name == "main.makeRecord");
    h.type_str("g");
    h.type_str(&"j".repeat(i.expect("main.makeRecord")));
    h.type_str("2");
    let s = h.screen();
    assert!(
        s.contains("▾ main.encodeAll") || s.contains("▾ main.decodeAll"),
        "{s}"
    );
    insta::assert_snapshot!(s);
}

#[test]
fn bottom_up_tree_120x30() {
    let mut h = Harness::new("retain-mid.prof", 120, 30);
    h.type_str("a2rc");
    insta::assert_snapshot!(h.screen());
}

#[test]
fn callers_callees_pane_120x30() {
    let mut h = Harness::new("retain-mid.prof", 120, 30);
    h.type_str("a");
    let i = h
        .app
        .view()
        .expect("view")
        .report
        .rows
        .iter()
        .position(|r| r.name == "main.decodeAll");
    h.type_str("g");
    h.type_str(&"j".repeat(i.expect("main.decodeAll")));
    h.type_str("3");
    insta::assert_snapshot!(h.screen());
}

#[test]
fn flame_graph_zoomed_into_main_120x30() {
    let mut h = Harness::new("seed-default.prof", 120, 30);
    h.type_str("ag4");
    // From main.main (the heaviest frame of the selected function) zoom in.
    h.press(&[common::key(KeyCode::Enter)]);
    let s = h.screen();
    assert!(s.contains("zoom: main.main"), "{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn diff_base_first_view_120x30() {
    let h = Harness::diff("growth-end.prof", "growth-mid.prof", DiffBase, 120, 30);
    let s = h.screen();
    assert!(s.contains("Reading a diff"), "{s}");
    assert!(s.contains("minus growth-mid.prof (diff base)"), "{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn base_sorted_by_shrinkage_120x30() {
    let mut h = Harness::diff("growth-end.prof", "growth-mid.prof", Subtract, 120, 30);
    h.type_str("CC");
    let s = h.screen();
    assert!(s.contains("sort shrinkage"), "{s}");
    // With --base, percentages are shares of all changes counted positive.
    assert!(s.contains("% of all changes 31.1MB"), "{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn a_diff_base_header_says_the_percentages_are_of_the_bases_total() {
    let h = Harness::diff("growth-end.prof", "growth-mid.prof", DiffBase, 120, 30);
    let s = h.screen();
    assert!(s.contains(" base total 24.2MB  change +10.9MB"), "{s}");
}

#[test]
fn diff_tree_80x24() {
    let mut h = Harness::diff("retain-end.prof", "retain-mid.prof", DiffBase, 80, 24);
    // On a short terminal x expands the one-line notice, and again hides it.
    h.type_str("xx2");
    insta::assert_snapshot!(h.screen());
}

#[test]
fn diff_flame_graph_100x30() {
    let mut h = Harness::diff("growth-end.prof", "growth-mid.prof", DiffBase, 100, 30);
    h.type_str("x4");
    let s = h.screen();
    assert!(s.contains("+grew / -shrank"), "{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn the_legend_explains_the_markers_on_screen_in_the_helps_words() {
    let bottom = |s: &str| {
        s.lines()
            .rfind(|l| l.starts_with('└'))
            .unwrap_or_default()
            .to_string()
    };
    // The selected row rests on two sampled allocations: that first, then the column.
    let h = Harness::new("seed-default.prof", 160, 48);
    let b = bottom(&h.screen());
    let few = "!1 !2: 1–2 samples, mostly extrapolated";
    let smpl = "~smpl: allocations sampled (estimate)";
    assert!(b.contains(few) && b.contains(smpl), "{b}");
    assert!(b.find(few) < b.find(smpl), "{b}");
    // At 80 columns, the selected row's marker (the one that fits).
    let mut h = Harness::new("seed-default.prof", 80, 24);
    h.type_str("x");
    assert!(bottom(&h.screen()).contains(few), "{}", h.screen());
    // The help says the same in more words: every marker the legend explains.
    let mut h = Harness::new("seed-default.prof", 100, 400);
    h.type_str("?");
    let help: String = h
        .screen()
        .replace('│', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for start in [
        "~smpl (heap profiles sampled with MemProfileRate > 1)",
        "!1 or !2 in ~smpl marks rows",
        "(inline) after a name: the compiler inlined",
        "kept cum (side by side): in-use cum ÷ alloc cum",
        "⋯N before a name in the call tree",
        "Butterfly: the selected function (●) merged over all its call sites",
        "▸/▾ in the butterfly: under a caller, who calls it",
        "░N more░: N frames side by side",
        "┄┄ N levels: … ┄┄ below ×M ┄┄",
    ] {
        assert!(help.contains(start), "{start:?} not in the help:\n{help}");
    }
    // The butterfly names its arrows.
    let mut h = Harness::new("seed-cpu.prof", 120, 30);
    h.type_str("3");
    assert!(bottom(&h.screen()).contains("↑ ● ↓: callers, the function, callees"));
    // In the flame graph, the blocks of narrow frames.
    let mut h = Harness::new("seed-default.prof", 120, 30);
    h.type_str("a4");
    assert!(
        bottom(&h.screen()).contains("░N more: frames too narrow to label"),
        "{}",
        h.screen()
    );
}

#[test]
fn a_diff_notice_in_the_tree_names_the_tables_change_sort_key() {
    // C sorts by change in the table only: elsewhere the notice says where, never
    // "(unbound)".
    let mut h = Harness::diff("retain-end.prof", "retain-mid.prof", DiffBase, 80, 24);
    let s = h.screen();
    h.type_str("x");
    assert!(h.screen().contains("Press C to sort by growth"), "{s}");
    h.type_str("2");
    let s = h.screen();
    assert!(s.contains("In the table (1), C sorts by growth or"), "{s}");
    assert!(!s.contains("(unbound)"), "{s}");
    insta::assert_snapshot!("diff_tree_notice_expanded_80x24", s);
}
