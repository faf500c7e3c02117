//! A new snapshot keeps the view: after `R` and after each `--watch` tick the tree's
//! expansion, direction and scroll, the flame graph's zoom, side by side, the callers
//! list's and the source's cursors, and every undo step are as before; `D D` drops
//! nothing. And no late result of a replaced snapshot or filter set is ever shown: what
//! is shown equals a fresh computation of its key (the test kit's reference model).

mod common;

use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use common::Harness;
use memprof_tui::analysis::call_tree::Direction;
use memprof_tui::app::input::{Key, KeyCode};
use memprof_tui::app::live::change_since;
use memprof_tui::app::{Action, Command, Event, Fetch, PaneId};
use memprof_tui::input::FetchedInput;
use memprof_tui::jobs::Filtered;
use memprof_tui_testkit::reference::{Reference, check_bound};

const URL: &str = "http://127.0.0.1:6060/debug/pprof/heap";

fn fetched(n: u32) -> Vec<FetchedInput> {
    vec![FetchedInput {
        input: URL.to_string(),
        url: URL.to_string(),
        saved: Ok(PathBuf::from(format!(
            "/tmp/pprof/pprof.growth.alloc_objects.{n:03}.pb.gz"
        ))),
    }]
}

/// NAME shown as fetched from [`URL`], at 140×36.
fn live(name: &str) -> Harness {
    let mut h = Harness::new(name, 140, 36);
    h.app
        .set_fetched(fetched(1), SystemTime::UNIX_EPOCH + Duration::from_secs(60));
    h.draw();
    h
}

/// The refetch (asked for by `ask`: `R` or a `--watch` tick) answering with NAME and its
/// change since the latest fetch, computed as the loader thread does.
fn refetch_by(h: &mut Harness, ask: Event, name: &str, n: u32) {
    let cmds = h.app.handle(ask);
    assert!(cmds.contains(&Command::Refetch), "a refetch starts");
    let latest = common::profile(name);
    let change = h
        .app
        .refetch_base()
        .map(|previous| change_since(&latest, &previous));
    h.event(Event::Refetched(Box::new(Ok(Fetch {
        unfiltered: Filtered::unfiltered(latest),
        fetched: fetched(n),
        at: SystemTime::UNIX_EPOCH + Duration::from_secs(60 * u64::from(n)),
        change,
        unchanged: false,
    }))));
}

fn refetch(h: &mut Harness, name: &str, n: u32) {
    refetch_by(h, Event::Key(Key::ch('R')), name, n);
}

/// What is shown is bound to its key and equals a fresh computation of it.
fn shown_is_fresh(h: &Harness) {
    assert!(h.app.busy().is_none(), "nothing left to compute");
    check_bound(&h.app).expect("bound to the current key");
    Reference::default()
        .check(&h.app, &h.worker)
        .expect("what is shown equals a fresh computation");
}

/// The tree pane's rows as call paths of names, with the expansion marks, and the
/// cursor and scroll.
fn tree_state(h: &Harness) -> (Vec<String>, usize, usize) {
    let pane = h.app.tree();
    let tree = pane.tree().expect("tree");
    let rows = pane
        .rows()
        .iter()
        .map(|r| {
            let mut names = Vec::new();
            let mut at = Some(r.node);
            while let Some(n) = at {
                names.push(
                    tree.frame(n)
                        .map(|f| h.app.func_name(f))
                        .unwrap_or_default(),
                );
                at = tree.parent(n);
            }
            names.reverse();
            format!(
                "{} {}",
                if r.expanded { "▾" } else { "▸" },
                names.join(" > ")
            )
        })
        .collect();
    (rows, pane.table().selected, pane.table().offset)
}

/// The flame graph's zoom and selected frame as call paths of names.
fn flame_state(h: &Harness) -> (Vec<String>, Option<String>) {
    let pane = h.app.flame();
    let tree = pane.tree().expect("tree");
    let path = |n| {
        let mut names = Vec::new();
        let mut at = Some(n);
        while let Some(x) = at {
            names.push(
                tree.frame(x)
                    .map(|f| h.app.func_name(f))
                    .unwrap_or_default(),
            );
            at = tree.parent(x);
        }
        names.reverse();
        names.join(" > ")
    };
    (
        pane.zoom().iter().map(|&z| path(z)).collect(),
        pane.selected().map(path),
    )
}

#[test]
fn a_refetch_keeps_the_tree_expansion_direction_and_scroll() {
    for ask in [Event::Key(Key::ch('R')), Event::WatchTick] {
        let mut h = live("growth-mid.prof");
        h.act(Action::ToggleInuseAlloc);
        h.act(Action::FocusPane(PaneId::Tree));
        // Open the heaviest subtrees and move down so the view scrolls.
        h.act(Action::ExpandSubtree);
        h.resize(140, 16);
        for _ in 0..14 {
            h.act(Action::Down);
        }
        let before = tree_state(&h);
        assert!(before.2 > 0, "scrolled: {before:?}");
        assert!(before.0.iter().filter(|r| r.starts_with('▾')).count() > 3);
        refetch_by(&mut h, ask.clone(), "growth-mid.prof", 2);
        assert_eq!(h.app.live().refetches(), 1);
        assert_eq!(tree_state(&h), before, "after {ask:?}");
        shown_is_fresh(&h);
        // Bottom-up too, and the direction stays.
        h.act(Action::ToggleDirection);
        h.act(Action::Right);
        h.act(Action::Down);
        let up = tree_state(&h);
        refetch_by(&mut h, ask.clone(), "growth-mid.prof", 3);
        assert_eq!(h.app.tree().direction(), Direction::BottomUp);
        assert_eq!(tree_state(&h), up, "bottom-up after {ask:?}");
        shown_is_fresh(&h);
    }
}

#[test]
fn a_refetch_of_a_grown_program_keeps_the_places_that_still_exist() {
    let mut h = live("growth-mid.prof");
    h.act(Action::ToggleInuseAlloc);
    h.select_row("main.growIndex");
    h.act(Action::FocusPane(PaneId::Tree));
    h.act(Action::Right);
    let before = tree_state(&h);
    refetch(&mut h, "growth-end.prof", 2);
    let after = tree_state(&h);
    // The same function selected, the same node open: its call path exists there too.
    assert_eq!(after.0[after.1], before.0[before.1]);
    assert_eq!(
        h.app.func_name(h.app.selection().expect("selection")),
        "main.growIndex"
    );
    shown_is_fresh(&h);
}

#[test]
fn a_refetch_keeps_the_flame_zoom_and_the_selected_frame() {
    for ask in [Event::Key(Key::ch('R')), Event::WatchTick] {
        let mut h = live("growth-mid.prof");
        h.act(Action::ToggleInuseAlloc);
        h.act(Action::FocusPane(PaneId::Flame));
        h.act(Action::Down);
        h.act(Action::Activate);
        h.act(Action::Down);
        h.act(Action::Activate);
        h.act(Action::Down);
        let before = flame_state(&h);
        assert_eq!(before.0.len(), 2, "zoomed twice: {before:?}");
        refetch_by(&mut h, ask.clone(), "growth-end.prof", 2);
        assert_eq!(flame_state(&h), before, "after {ask:?}");
        shown_is_fresh(&h);
        // Backspace still leaves the zoom, one level at a time.
        h.act(Action::ZoomOut);
        assert_eq!(flame_state(&h).0, before.0[..1]);
    }
}

#[test]
fn every_undo_step_survives_a_refetch() {
    let mut h = live("growth-mid.prof");
    h.act(Action::ToggleInuseAlloc);
    h.select_row("main.main");
    h.type_str("f");
    let one = (*h.app.filters()).clone();
    h.select_row("main.fillScratch");
    h.type_str("H");
    let two = (*h.app.filters()).clone();
    assert_ne!(one, two);
    refetch(&mut h, "growth-end.prof", 2);
    assert_eq!(*h.app.filters(), two, "the refinements stay");
    shown_is_fresh(&h);
    h.press(&[common::key(KeyCode::Backspace)]);
    assert_eq!(*h.app.filters(), one, "one Backspace undoes the hide only");
    shown_is_fresh(&h);
    h.press(&[common::key(KeyCode::Backspace)]);
    assert!(!h.app.filters().is_active(), "the second undoes the focus");
    shown_is_fresh(&h);
    assert!(!h.app.applies(&Action::UndoRefine));
}

#[test]
fn d_twice_keeps_side_by_side_and_the_change_keeps_the_rest() {
    let mut h = live("growth-mid.prof");
    refetch(&mut h, "growth-end.prof", 2);
    h.act(Action::ToggleSideBySide);
    assert!(h.app.view_key().side_by_side);
    h.act(Action::ToggleChange);
    assert!(h.app.diff().is_some());
    assert!(!h.app.view_key().side_by_side, "a diff has no side by side");
    shown_is_fresh(&h);
    h.act(Action::ToggleChange);
    assert!(h.app.diff().is_none());
    assert!(h.app.view_key().side_by_side, "back with the latest fetch");
    shown_is_fresh(&h);
}

#[test]
fn a_refetch_keeps_the_callers_and_source_cursors() {
    let mut h = live("growth-mid.prof");
    h.act(Action::ToggleInuseAlloc);
    h.select_row("main.addEntry");
    h.act(Action::FocusPane(PaneId::Peek));
    h.act(Action::Last);
    let shown = |h: &Harness| {
        let pane = h.app.butterfly();
        let row = pane.current().expect("a row");
        (
            row.role,
            h.app.func_name(pane.frame(&row).expect("its function")),
        )
    };
    let before = shown(&h);
    refetch(&mut h, "growth-end.prof", 2);
    assert_eq!(shown(&h), before);
    shown_is_fresh(&h);

    h.act(Action::FocusPane(PaneId::Source));
    if h.app.source().ready().is_some_and(|r| r.data.is_some()) {
        h.act(Action::Down);
        h.act(Action::Down);
        let line = h.app.source().cursor_line();
        refetch(&mut h, "growth-end.prof", 3);
        assert_eq!(h.app.source().cursor_line(), line);
        shown_is_fresh(&h);
    }
}

/// The stale path of issue #19: after a refetch, refining (set 1), clearing, refining
/// something else, then `D` twice once made a new cache over the same snapshot whose set
/// 1 was the other refinement; a late result of the first set 1 was filed under it and
/// the table showed the wrong filter's rows. Each result now carries its snapshot and
/// generation, the caches live with their snapshots, and the table equals a fresh one.
#[test]
fn a_late_result_of_an_old_filter_set_is_never_shown() {
    let mut h = live("growth-mid.prof");
    refetch(&mut h, "growth-end.prof", 2);
    h.act(Action::ToggleInuseAlloc);
    h.select_row("main.addEntry");
    // Focus on main.addEntry: its jobs are held back (they end late).
    let mut held = h.app.handle(Event::Key(Key::ch('f')));
    assert!(
        held.iter().any(|c| matches!(c, Command::Compute(_))),
        "jobs held back"
    );
    held.extend(h.app.handle(Event::Key(Key::ch('X'))));
    h.settle();
    h.draw();
    h.select_row("main.handleRequests");
    h.type_str("I");
    h.act(Action::ToggleChange);
    h.act(Action::ToggleChange);
    assert!(h.app.diff().is_none());
    for c in held {
        if let Command::Compute(job) = c {
            h.deliver_late(&job);
        }
    }
    shown_is_fresh(&h);
    // A new table of the refinement in force: computed on its own filtered profile.
    h.act(Action::ToggleInuseAlloc);
    shown_is_fresh(&h);
    let rows: Vec<String> = h
        .app
        .view()
        .expect("view")
        .report
        .rows
        .iter()
        .map(|r| r.name.clone())
        .collect();
    assert!(
        !rows.contains(&"main.handleRequests".to_string()),
        "ignore main.handleRequests is shown, not the late focus: {rows:?}"
    );
    assert!(rows.contains(&"main.openSessions".to_string()), "{rows:?}");
}

/// The jobs in `cmds`.
fn jobs_of(cmds: Vec<Command>) -> Vec<memprof_tui::jobs::Job> {
    cmds.into_iter()
        .filter_map(|c| match c {
            Command::Compute(j) => Some(j),
            _ => None,
        })
        .collect()
}

/// A job queued for a filter set that is no longer kept is withdrawn: a worker skips
/// it, and its result would be dropped anyway.
#[test]
fn queued_jobs_of_a_dropped_filter_set_are_withdrawn() {
    let mut h = live("growth-mid.prof");
    h.act(Action::ToggleInuseAlloc);
    h.select_row("main.addEntry");
    let jobs = jobs_of(h.app.handle(Event::Key(Key::ch('f'))));
    assert!(!jobs.is_empty() && jobs.iter().all(|j| !j.is_withdrawn()));
    // X: none in force, the focus kept to return to; its jobs are still wanted.
    h.type_str("X");
    assert!(jobs.iter().all(|j| !j.is_withdrawn()));
    // Another refinement: the focus is neither shown nor what Backspace returns to.
    h.select_row("main.handleRequests");
    h.type_str("I");
    assert!(jobs.iter().all(|j| j.is_withdrawn()), "{jobs:?}");
    shown_is_fresh(&h);
}

/// A refetch replaces the snapshot: every job queued for the old one is withdrawn.
#[test]
fn queued_jobs_of_a_replaced_snapshot_are_withdrawn() {
    let mut h = live("growth-mid.prof");
    h.act(Action::ToggleInuseAlloc);
    h.select_row("main.addEntry");
    let jobs = jobs_of(h.app.handle(Event::Key(Key::ch('f'))));
    assert!(!jobs.is_empty() && jobs.iter().all(|j| !j.is_withdrawn()));
    refetch(&mut h, "growth-end.prof", 2);
    assert!(jobs.iter().all(|j| j.is_withdrawn()), "{jobs:?}");
    // Their results, delivered anyway, change nothing.
    for j in &jobs {
        h.deliver_late(j);
    }
    shown_is_fresh(&h);
}
