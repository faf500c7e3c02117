//! The explorer on profiles with many distinct paths: the panes make only the call-tree
//! nodes they show (not the whole tree), and while a job runs the status bar says what is
//! computed, with a spinner once the runtime turns it on.

mod common;

use std::sync::Arc;

use common::{Harness, key};
use memprof_tui::analysis::call_tree::{Direction, build};
use memprof_tui::analysis::{Granularity, NodeTable};
use memprof_tui::app::input::KeyCode;
use memprof_tui::app::{App, Event};
use memprof_tui::jobs::Filtered;
use memprof_tui::ui::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// 5,000 random stacks of depth 8–24 over 200 functions from 3 roots (fixed seed): tens of
/// thousands of distinct paths.
fn many_paths() -> Arc<memprof_tui::profile::Profile> {
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = |n: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % n
    };
    let stacks: Vec<(Vec<u32>, Vec<i64>)> = (0..5_000)
        .map(|_| {
            let depth = 8 + next(17) as usize;
            let mut s: Vec<u32> = (0..depth - 1).map(|_| 3 + next(197) as u32).collect();
            s.push(next(3) as u32);
            let v = 1 + next(4096) as i64;
            (s, vec![v, v * 10])
        })
        .collect();
    Arc::new(common::synthetic_profile(
        200,
        &stacks,
        &["alloc_objects", "alloc_space"],
    ))
}

fn screen(term: &Terminal<TestBackend>) -> String {
    let buf = term.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

#[test]
fn panes_make_only_the_nodes_they_show() {
    let p = many_paths();
    let table = NodeTable::build(&p, Granularity::Functions, "", "", false);
    let whole = build(&p, &table, Direction::TopDown).node_ids().count();
    assert!(whole > 40_000, "the profile has {whole} paths");
    let mut h = Harness::from_profile(p, "many-paths", 120, 40);
    h.type_str("2");
    h.press(&[key(KeyCode::Enter), key(KeyCode::Down), key(KeyCode::Enter)]);
    h.press(&[key(KeyCode::End), key(KeyCode::Home)]);
    h.type_str("r");
    h.press(&[key(KeyCode::Down), key(KeyCode::Enter)]);
    h.type_str("4");
    h.press(&[key(KeyCode::Right), key(KeyCode::Down), key(KeyCode::End)]);
    h.press(&[key(KeyCode::Home), key(KeyCode::Right)]);
    let made = |t: Option<&Arc<memprof_tui::analysis::call_tree::CallTree>>| {
        t.expect("tree computed").made()
    };
    let flame = made(h.app.flame().tree());
    assert!(
        flame < whole / 10,
        "flame graph made {flame} of {whole} nodes"
    );
    h.type_str("2");
    let up = made(h.app.tree().tree());
    assert!(up < whole / 10, "bottom-up tree made {up} nodes");
    assert!(h.screen().contains("f"), "{}", h.screen());
}

#[test]
fn status_bar_names_the_job_and_spins_when_told() {
    let (mut app, cmds) = App::new(Filtered::unfiltered(many_paths()), "x".into(), 1);
    assert!(!cmds.is_empty(), "the table is computed first");
    let _ = app.handle(Event::Resize(120, 30));
    let mut term = Terminal::new(TestBackend::new(120, 30)).expect("terminal");
    let theme = Theme::new(false);
    memprof_tui::tui::draw(&mut term, &mut app, &theme).expect("draw");
    let s = screen(&term);
    assert!(s.contains(" computing… the table (alloc_space)"), "{s}");
    assert!(
        !s.contains("| computing"),
        "no spinner before the runtime asks: {s}"
    );
    app.set_spinner(Some(1));
    memprof_tui::tui::draw(&mut term, &mut app, &theme).expect("draw");
    let s = screen(&term);
    assert!(s.contains("/ computing… the table (alloc_space)"), "{s}");
}

#[test]
fn a_refinement_frees_the_old_trees_and_undo_brings_the_places_back() {
    let mut h = Harness::from_profile(many_paths(), "many-paths", 120, 40);
    h.type_str("2");
    h.press(&[key(KeyCode::Enter)]);
    // Rows as (call path, expanded) and the cursor: the scroll may differ.
    let places = |h: &Harness| {
        let pane = h.app.tree();
        let t = pane.tree().expect("tree bound");
        let rows: Vec<_> = pane
            .rows()
            .iter()
            .map(|r| (t.path(r.node), r.expanded))
            .collect();
        (rows, pane.table().selected)
    };
    let before = places(&h);
    let tree = |h: &Harness| Arc::downgrade(h.app.tree().tree().expect("tree bound"));
    let top_down = tree(&h);
    h.type_str("r");
    let bottom_up = tree(&h);
    h.type_str("r4f");
    assert!(h.app.filters().is_active(), "focus applied");
    assert!(
        h.app.flame().tree().is_some(),
        "the flame graph shows the new tree"
    );
    assert!(
        top_down.upgrade().is_none() && bottom_up.upgrade().is_none(),
        "the trees of the previous filter set are freed"
    );
    h.press(&[key(KeyCode::Backspace)]);
    h.type_str("2");
    assert_eq!(
        places(&h),
        before,
        "same rows, expansion and cursor after undo"
    );
}
