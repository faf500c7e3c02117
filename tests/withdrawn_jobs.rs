//! Reports asked for instead of others withdraw the ones they replace, as a user meets
//! it: pressing a key again before its report arrives (another sample type, the other
//! direction, another function) skips the queued job or stops the large report being
//! built, so the report asked for last starts at once and only what is asked for
//! computes; a pane left behind lets its report come; the view settles on fresh reports.

use memprof_tui::analysis::call_tree::Direction;
use memprof_tui::app::{Action, Command, PaneId};
use memprof_tui::jobs::{FilterSetId, Job, JobKey};
use memprof_tui_testkit::harness::Harness;

/// The jobs among `cmds`, held (not run).
fn jobs_of(cmds: Vec<Command>) -> Vec<Job> {
    cmds.into_iter()
        .filter_map(|c| match c {
            Command::Compute(j) => Some(j),
            _ => None,
        })
        .collect()
}

fn only(jobs: &[Job], what: fn(&JobKey) -> bool) -> &Job {
    let mut found = jobs.iter().filter(|j| what(&j.key));
    let job = found.next().expect("a job of that kind");
    assert!(found.next().is_none(), "one job of that kind: {jobs:?}");
    job
}

#[test]
fn a_table_asked_for_instead_withdraws_the_one_it_replaces() {
    let mut h = Harness::new("kinds-heap.prof", 120, 30);
    let is_view = |k: &JobKey| matches!(k, JobKey::View(_));
    let first = jobs_of(h.app.update(Action::NextSampleType));
    let first = only(&first, is_view).clone();
    assert!(!first.is_withdrawn());
    let second = h.app.update(Action::NextSampleType);
    let second_job = only(&jobs_of(second.clone()), is_view).clone();
    assert!(first.is_withdrawn(), "the first type's table is replaced");
    assert!(!second_job.is_withdrawn());
    assert!(!h.app.jobs().is_pending(&first.key));
    assert!(h.app.jobs().is_pending(&second_job.key));
    assert!(
        h.worker.compute(&first).is_none(),
        "a worker skips it (no result)"
    );
    // Delivered anyway (it finished just before), it is not taken.
    h.deliver_late(&first);
    assert!(!h.app.jobs().has(&first.key));
    h.run(second);
    let JobKey::View(shown) = second_job.key else {
        unreachable!("a table")
    };
    assert_eq!(h.app.view_key(), shown);
    assert!(h.app.view().is_some(), "the table asked for last is shown");
}

#[test]
fn the_other_direction_stops_the_tree_being_built_and_a_pane_left_keeps_its_own() {
    let mut h = Harness::new("kinds-heap.prof", 120, 30);
    let is_tree = |k: &JobKey| matches!(k, JobKey::Tree(..));
    let top_down = jobs_of(h.app.update(Action::FocusPane(PaneId::Tree)));
    let top_down = only(&top_down, is_tree).clone();
    assert_eq!(
        top_down.key,
        JobKey::Tree(Direction::TopDown, FilterSetId(0))
    );
    // Back to the table: the tree keeps coming (the user may return to it).
    let none = jobs_of(h.app.update(Action::FocusPane(PaneId::Top)));
    assert!(none.iter().all(|j| !is_tree(&j.key)));
    assert!(
        !top_down.is_withdrawn(),
        "a pane left behind keeps its report"
    );
    // In the tree, the other direction replaces it.
    h.app.update(Action::FocusPane(PaneId::Tree));
    let bottom_up = jobs_of(h.app.update(Action::ToggleDirection));
    let bottom_up = only(&bottom_up, is_tree).clone();
    assert_eq!(
        bottom_up.key,
        JobKey::Tree(Direction::BottomUp, FilterSetId(0))
    );
    assert!(top_down.is_withdrawn(), "the other direction replaces it");
    assert!(h.worker.compute(&top_down).is_none());
    // And back: the bottom-up tree is withdrawn, the top-down one asked for again.
    let again = jobs_of(h.app.update(Action::ToggleDirection));
    assert!(bottom_up.is_withdrawn());
    let again = only(&again, is_tree);
    assert_eq!(again.key, top_down.key);
    assert!(!again.is_withdrawn());
    h.run(vec![Command::Compute(again.clone())]);
    h.draw();
    assert!(
        h.app
            .jobs()
            .tree(Direction::TopDown, FilterSetId(0))
            .is_some()
    );
    assert!(h.screen().contains("main.main"), "{}", h.screen());
    // Toggled back to the tree at hand before the other is built: that one is withdrawn
    // too (what computes is what is asked for), and asked for again on the next toggle.
    let up = jobs_of(h.app.update(Action::ToggleDirection));
    let up = only(&up, is_tree).clone();
    let back = jobs_of(h.app.update(Action::ToggleDirection));
    assert!(back.iter().all(|j| !is_tree(&j.key)), "the tree at hand");
    assert!(up.is_withdrawn());
    assert!(h.app.busy().is_none(), "{:?}", h.app.busy());
    let again = jobs_of(h.app.update(Action::ToggleDirection));
    assert_eq!(only(&again, is_tree).key, up.key);
}

#[test]
fn the_butterfly_of_another_function_withdraws_the_one_it_replaces() {
    let mut h = Harness::new("kinds-heap.prof", 120, 30);
    let is_butterfly = |k: &JobKey| matches!(k, JobKey::Butterfly(..));
    let first = jobs_of(h.app.update(Action::FocusPane(PaneId::Peek)));
    let first = only(&first, is_butterfly).clone();
    // To the table, one row down, back to the butterfly: the next function's.
    h.app.update(Action::FocusPane(PaneId::Top));
    h.app.update(Action::Down);
    assert!(!first.is_withdrawn(), "no butterfly asked for meanwhile");
    let next = h.app.update(Action::FocusPane(PaneId::Peek));
    let second = only(&jobs_of(next.clone()), is_butterfly).clone();
    assert_ne!(first.key, second.key);
    // While it is computed, the pane names the function asked for.
    h.draw();
    let name = h.app.func_name(h.app.selection().expect("a function"));
    assert!(
        h.screen().contains(&format!("Butterfly — {name} — ")),
        "{}",
        h.screen()
    );
    assert!(
        first.is_withdrawn(),
        "the other function's butterfly replaces it"
    );
    assert!(h.worker.compute(&first).is_none());
    h.run(next);
    h.draw();
    assert!(h.app.busy().is_none(), "{:?}", h.app.busy());
    assert!(h.app.jobs().has(&second.key) && !h.app.jobs().has(&first.key));
}
