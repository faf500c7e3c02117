//! The report cache's byte budget as a user meets it (`--cache-mib`): with room for
//! little, the reports of panes left behind go and are computed again on return, at the
//! place the user left; with the default budget they stay; the work under way takes its
//! room before it runs.

use memprof_tui::analysis::call_tree::Direction;
use memprof_tui::app::input::KeyCode;
use memprof_tui::jobs::FilterSetId;
use memprof_tui_testkit::harness::{Harness, key};

/// The call tree opened, a row expanded and the cursor moved down twice; then the top
/// table; returns the tree's screen before leaving.
fn tree_then_table(h: &mut Harness) -> String {
    h.type_str("2");
    h.press(&[key(KeyCode::Right), key(KeyCode::Down), key(KeyCode::Down)]);
    let tree = h.screen();
    h.type_str("1");
    tree
}

#[test]
fn a_tree_left_behind_goes_past_the_budget_and_comes_back_where_it_was() {
    let mut h = Harness::new("kinds-heap.prof", 120, 30);
    h.app.set_cache_budget(1);
    let tree = tree_then_table(&mut h);
    let jobs = h.app.jobs();
    assert!(
        jobs.tree(Direction::TopDown, FilterSetId(0)).is_none(),
        "the tree is not on screen: it went"
    );
    assert!(
        jobs.bytes() > jobs.budget(),
        "what is shown stays, over the budget"
    );
    assert!(jobs.evicted() > 0);
    h.type_str("i");
    let details = h.screen();
    assert!(
        details.contains("(--cache-mib), all on screen"),
        "{details}"
    );
    assert!(details.contains("computed again when asked for"));
    h.press(&[key(KeyCode::Esc)]);
    assert!(h.app.view().is_some(), "the table on screen stays");
    h.type_str("2");
    assert!(
        h.app
            .jobs()
            .tree(Direction::TopDown, FilterSetId(0))
            .is_some(),
        "computed again"
    );
    assert_eq!(h.screen(), tree, "the tree comes back as it was left");
}

#[test]
fn with_the_default_budget_a_tree_left_behind_stays() {
    let mut h = Harness::new("kinds-heap.prof", 120, 30);
    assert_eq!(h.app.jobs().budget(), memprof_tui::jobs::DEFAULT_BUDGET);
    tree_then_table(&mut h);
    let jobs = h.app.jobs();
    assert!(jobs.tree(Direction::TopDown, FilterSetId(0)).is_some());
    assert_eq!(jobs.evicted(), 0);
    assert!(jobs.bytes() > 0 && jobs.bytes() < jobs.budget());
}

/// The work under way takes its room from the reports kept before it runs: with tables at
/// every granularity kept and a budget that holds just those, asking for the call tree
/// lets some go while its job waits in the queue; once it is done, nothing is under way
/// and the tree is shown.
#[test]
fn a_call_tree_asked_for_makes_room_before_its_job_runs() {
    use memprof_tui::app::Event;
    use memprof_tui::app::input::Key;
    let mut h = Harness::new("kinds-heap.prof", 120, 30);
    h.type_str("dddd");
    let jobs = h.app.jobs();
    assert_eq!(jobs.under_way_bytes(), 0);
    let (kept, evicted) = (jobs.bytes(), jobs.evicted());
    h.app.set_cache_budget(kept);
    // The key handled, its jobs held as a busy worker would hold them.
    let cmds = h.app.handle(Event::Key(Key::ch('2')));
    h.take(cmds);
    let jobs = h.app.jobs();
    assert!(jobs.under_way_bytes() > 0, "the tree's work is counted");
    assert!(jobs.evicted() > evicted, "tables let go of for it");
    assert!(
        jobs.bytes() + jobs.under_way_bytes() <= kept,
        "the reports kept and the work under way fit the budget"
    );
    assert!(h.app.view().is_some(), "the table shown stays");
    // The details say so, the jobs still held.
    let cmds = h.app.handle(Event::Key(Key::ch('i')));
    h.take(cmds);
    let cmds = h.draw_once();
    h.take(cmds);
    let details = h.screen();
    assert!(details.contains("work under way") && details.contains("counted in the budget"));
    assert!(details.contains("let go of"), "{details}");
    h.settle();
    h.draw();
    assert!(!h.screen().contains("work under way"), "done");
    let jobs = h.app.jobs();
    assert_eq!(jobs.under_way_bytes(), 0, "done: nothing under way");
    assert!(jobs.tree(Direction::TopDown, FilterSetId(0)).is_some());
}
