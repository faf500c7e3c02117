//! Refetching profiles of running programs in the explorer, without a terminal or a
//! server: `R` and `--watch` ticks start one refetch at a time and only for fetched
//! inputs; the new profile keeps the sample type, refinements, selection and pane; a
//! failed refetch keeps the old profile and says why; the old profile stays available.

mod common;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use common::Harness;
use memprof_tui::app::input::KeyCode;
use memprof_tui::app::{Action, Command, Event, Fetch, Overlay, PaneId, Status};
use memprof_tui::fetch::Progress;
use memprof_tui::input::FetchedInput;
use memprof_tui::jobs::Filtered;

const URL: &str = "http://127.0.0.1:6060/debug/pprof/heap";

fn fetched() -> Vec<FetchedInput> {
    vec![FetchedInput {
        input: URL.to_string(),
        url: URL.to_string(),
        saved: Ok(PathBuf::from(
            "/tmp/pprof/pprof.kinds.alloc_objects.001.pb.gz",
        )),
    }]
}

/// kinds-heap.prof, shown as if fetched from [`URL`].
fn live_harness() -> Harness {
    let mut h = Harness::new("kinds-heap.prof", 160, 40);
    h.app.set_fetched(
        fetched(),
        SystemTime::UNIX_EPOCH + Duration::from_secs(3723),
    );
    h.draw();
    h
}

fn snapshot(name: &str) -> Fetch {
    Fetch {
        unfiltered: Filtered::unfiltered(common::profile(name)),
        fetched: fetched(),
        at: SystemTime::UNIX_EPOCH + Duration::from_secs(7384),
        change: None,
        unchanged: false,
    }
}

fn asks_refetch(cmds: &[Command]) -> bool {
    cmds.contains(&Command::Refetch)
}

fn sample_type(h: &Harness) -> String {
    let p = h.app.profile();
    p.sample_types[h.app.view_key().sample.index()].ty.clone()
}

/// Every page of the help overlay (opened, read down to its end, closed).
fn help_text(h: &mut Harness) -> String {
    h.act(Action::ShowHelp);
    let mut text = String::new();
    for _ in 0..8 {
        text.push_str(&h.screen());
        h.act(Action::PageDown);
    }
    h.act(Action::Back);
    text
}

#[test]
fn refetch_is_neither_offered_nor_done_for_files() {
    let mut h = Harness::new("kinds-heap.prof", 160, 40);
    assert!(!h.app.applies(&Action::Refetch));
    assert!(!asks_refetch(&h.app.update(Action::Refetch)));
    assert!(!asks_refetch(&h.app.handle(Event::WatchTick)));
    h.act(Action::ShowHelp);
    assert!(
        !h.screen().contains("fetch the URL inputs again"),
        "{}",
        h.screen()
    );
}

#[test]
fn one_refetch_at_a_time_from_the_key_or_a_watch_tick() {
    let mut h = live_harness();
    assert!(h.app.applies(&Action::Refetch));
    assert!(h.screen().contains("fetched 01:02:03"), "{}", h.screen());
    assert!(asks_refetch(&h.app.update(Action::Refetch)));
    assert!(h.app.live().is_fetching());
    assert!(
        !asks_refetch(&h.app.update(Action::Refetch)),
        "already under way"
    );
    assert!(
        !asks_refetch(&h.app.handle(Event::WatchTick)),
        "already under way"
    );
    h.event(Event::FetchProgress(Progress {
        url: URL.to_string(),
        elapsed: Duration::from_secs(3),
        limit: Duration::from_secs(65),
        done: false,
    }));
    let line = "fetching the heap profile (as of the last GC) from 127.0.0.1:6060, 3 s / 65 s";
    assert_eq!(h.app.status(), Some(&Status::Fetching(line.to_string())));
    let screen = h.screen();
    assert!(screen.contains("refetching 3 s / 65 s"), "{screen}");
    assert!(screen.contains(line), "{screen}");
    h.event(Event::Refetched(Box::new(Ok(snapshot("kinds-heap.prof")))));
    assert!(!h.app.live().is_fetching());
    assert!(
        help_text(&mut h).contains("fetch the URL inputs again"),
        "offered for a fetched profile"
    );
    assert!(
        asks_refetch(&h.app.handle(Event::WatchTick)),
        "the next tick fetches"
    );
}

#[test]
fn new_profile_keeps_type_refinement_selection_and_pane() {
    let mut h = live_harness();
    h.act(Action::ToggleInuseAlloc);
    assert_eq!(sample_type(&h), "alloc_space");
    h.type_str(":focus main");
    h.press(&[common::key(KeyCode::Enter)]);
    let filters = h.app.filters();
    assert!(filters.is_active(), "refined");
    h.act(Action::Down);
    h.act(Action::Down);
    let selected = h.app.func_name(h.app.selection().expect("selection"));
    h.act(Action::FocusPane(PaneId::Tree));
    let old = h.app.jobs().unfiltered().clone();

    h.app.update(Action::Refetch);
    // kinds-allocs.prof: the same program's functions, another default sample type.
    h.event(Event::Refetched(Box::new(Ok(snapshot(
        "kinds-allocs.prof",
    )))));

    assert!(
        !Arc::ptr_eq(h.app.jobs().unfiltered(), &old),
        "the new profile is shown"
    );
    assert!(Arc::ptr_eq(
        h.app.live().previous().expect("previous"),
        &old
    ));
    assert!(h.app.view().is_some(), "the new table is computed");
    assert!(h.app.busy().is_none(), "nothing left pending");
    assert_eq!(h.app.live().refetches(), 1);
    assert_eq!(sample_type(&h), "alloc_space");
    assert_eq!(*h.app.filters(), *filters);
    assert_eq!(h.app.focus(), PaneId::Tree);
    let now = h.app.func_name(h.app.selection().expect("selection kept"));
    assert_eq!(now, selected);
    assert!(h.screen().contains("fetched 02:03:04"), "{}", h.screen());
}

#[test]
fn failed_refetch_keeps_the_profile_and_says_why() {
    let mut h = live_harness();
    let old = h.app.jobs().unfiltered().clone();
    h.app.update(Action::Refetch);
    let error = format!("{URL}: connection refused");
    h.event(Event::Refetched(Box::new(Err(error.clone()))));
    assert!(Arc::ptr_eq(h.app.jobs().unfiltered(), &old));
    assert_eq!(h.app.status(), Some(&Status::RefetchFailed(error)));
    assert!(h.screen().contains("refetch failed"), "{}", h.screen());
    assert!(h.app.live().previous().is_none());
    assert!(
        asks_refetch(&h.app.update(Action::Refetch)),
        "can try again"
    );
}

#[test]
fn details_name_the_url_and_the_saved_copy() {
    let mut h = live_harness();
    h.act(Action::ShowDetails);
    assert_eq!(h.app.overlay().map(|o| o.0), Some(Overlay::Details));
    let screen = h.screen();
    assert!(screen.contains("fetched from"), "{screen}");
    assert!(
        screen.contains("/tmp/pprof/pprof.kinds.alloc_objects.001.pb.gz"),
        "{screen}"
    );
}
