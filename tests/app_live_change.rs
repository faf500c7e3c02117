//! `D` in the explorer of a running program, without a terminal or a server: after a
//! refetch the change since the previous fetch is shown as a diff against it (the same
//! rows as `--diff-base PREVIOUS LATEST`, itself equal to pprof's goldens), the view is
//! kept both ways, a further refetch keeps showing the change, and `D` says why when
//! there is nothing to compare.

mod common;

use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use common::Harness;
use memprof_tui::app::input::{Key, KeyCode};
use memprof_tui::app::live::change_since;
use memprof_tui::app::{Action, Command, Event, Fetch, PaneId, Status};
use memprof_tui::input::FetchedInput;
use memprof_tui::jobs::Filtered;
use memprof_tui::profile::BaseMode;

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

fn at(secs: u64) -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(secs)
}

/// growth-mid.prof shown as fetched from [`URL`].
fn live_mid() -> Harness {
    let mut h = Harness::new("growth-mid.prof", 140, 36);
    h.app.set_fetched(fetched(1), at(3600));
    h.draw();
    h
}

/// The refetch answering with `name`, with its change since what the app shows now
/// (computed as the loader thread does).
fn refetch(h: &mut Harness, name: &str, n: u32) {
    let cmds = h.app.update(Action::Refetch);
    assert!(!cmds.is_empty(), "a refetch starts");
    let latest = common::profile(name);
    let previous = h.app.latest_fetch().clone();
    let change = Some(change_since(&latest, &previous.profile));
    h.event(Event::Refetched(Box::new(Ok(Fetch {
        unfiltered: Filtered::unfiltered(latest),
        fetched: fetched(n),
        at: at(3600 + 60 * u64::from(n)),
        change,
        unchanged: false,
    }))));
    h.draw();
}

/// (name, flat, cum) of every row of the table shown.
fn rows(h: &Harness) -> Vec<(String, i64, i64)> {
    let v = h.app.view().expect("view");
    v.report
        .rows
        .iter()
        .map(|r| (r.name.clone(), r.flat, r.cum))
        .collect()
}

#[test]
fn d_shows_the_change_since_the_previous_fetch_as_diff_base_does() {
    let mut h = live_mid();
    assert!(
        !h.app.applies(&Action::ToggleChange),
        "nothing to compare yet"
    );
    refetch(&mut h, "growth-end.prof", 2);
    assert!(h.app.applies(&Action::ToggleChange));
    assert!(h.app.diff().is_none(), "the latest fetch is shown first");
    let latest_rows = rows(&h);

    h.act(Action::ToggleChange);
    assert!(h.app.live().showing_change());
    let diff = h.app.diff().expect("a diff is shown");
    assert_eq!(diff.mode, BaseMode::DiffBase);
    assert_eq!(
        diff.paths,
        ["/tmp/pprof/pprof.growth.alloc_objects.001.pb.gz"],
        "against the previous fetch's saved copy"
    );
    // The same table as `--diff-base growth-mid.prof growth-end.prof` (whose numbers
    // tests/diff_reports.rs holds equal to pprof's).
    let cli = Harness::diff(
        "growth-end.prof",
        "growth-mid.prof",
        BaseMode::DiffBase,
        140,
        36,
    );
    assert_eq!(h.app.view_key().sample, cli.app.view_key().sample);
    assert_eq!(rows(&h), rows(&cli));
    let screen = h.screen();
    assert!(
        screen.contains("pprof.growth.alloc_objects.001.pb.gz"),
        "{screen}"
    );
    assert!(
        screen.contains('+') && screen.contains("fetched"),
        "{screen}"
    );

    h.act(Action::ToggleChange);
    assert!(!h.app.live().showing_change());
    assert!(h.app.diff().is_none());
    assert_eq!(rows(&h), latest_rows, "back to the latest fetch");
}

#[test]
fn the_view_is_kept_across_d_and_a_refetch_keeps_showing_the_change() {
    let mut h = live_mid();
    refetch(&mut h, "growth-end.prof", 2);
    h.act(Action::ToggleInuseAlloc);
    let sample = h.app.view_key().sample;
    h.act(Action::Down);
    let selected = h.app.func_name(h.app.selection().expect("selection"));
    h.act(Action::FocusPane(PaneId::Tree));

    h.act(Action::ToggleChange);
    assert_eq!(h.app.view_key().sample, sample);
    assert_eq!(h.app.focus(), PaneId::Tree);
    assert_eq!(h.app.func_name(h.app.selection().expect("kept")), selected);

    // The program runs on: the next fetch is compared with the one before it.
    refetch(&mut h, "growth-end.prof", 3);
    assert!(h.app.live().showing_change(), "still the change");
    let diff = h.app.diff().expect("diff");
    assert_eq!(
        diff.paths,
        ["/tmp/pprof/pprof.growth.alloc_objects.002.pb.gz"]
    );
    // The same profile twice: nothing changed.
    let changes = h.app.diff_summary().expect("computed").changes;
    assert!(changes.iter().all(|c| c.net == 0), "{changes:?}");
    assert_eq!(h.app.view_key().sample, sample);
    assert_eq!(h.app.focus(), PaneId::Tree);
}

/// A job started on the old profile that ends after a refetch replaced it must not land
/// in the new profile's views (it once did: a table of the old profile, or a sample index
/// past the new profile's types and a panic).
#[test]
fn a_late_result_of_the_replaced_profile_is_dropped() {
    let mut h = Harness::new("kinds-mutex.prof", 140, 36);
    h.app.set_fetched(fetched(1), at(3600));
    h.draw();
    // A refinement's jobs start on kinds-mutex.prof and are held back.
    let mut held = Vec::new();
    for k in ":focus main".chars() {
        held.extend(h.app.handle(Event::Key(Key::ch(k))));
    }
    held.extend(h.app.handle(Event::Key(common::key(KeyCode::Enter))));
    assert!(
        held.iter().any(|c| matches!(c, Command::Compute(_))),
        "jobs held back"
    );
    h.act(Action::Refetch);
    h.event(Event::Refetched(Box::new(Ok(Fetch {
        unfiltered: Filtered::unfiltered(common::profile("kinds-heap.prof")),
        fetched: fetched(2),
        at: at(3700),
        change: None,
        unchanged: false,
    }))));
    // The old profile's filtered profile arrives now, for the same refinement.
    // (The refetch withdrew it: it comes as from a worker that finished it before.)
    for c in held {
        if let Command::Compute(job) = c {
            h.deliver_late(&job);
        }
    }
    h.act(Action::NextSampleType);
    let mut fresh = Harness::new("kinds-heap.prof", 140, 36);
    fresh.type_str(":focus main");
    fresh.press(&[common::key(KeyCode::Enter)]);
    fresh.act(Action::NextSampleType);
    assert_eq!(h.app.view_key().sample, fresh.app.view_key().sample);
    assert_eq!(
        rows(&h),
        rows(&fresh),
        "the old profile's result was dropped"
    );
}

#[test]
fn d_says_why_when_there_is_nothing_to_compare() {
    let mut h = live_mid();
    h.act(Action::ToggleChange);
    assert_eq!(h.app.status(), Some(&Status::NoChangeYet { live: true }));
    assert!(h.screen().contains("no change yet"), "{}", h.screen());

    let mut file = Harness::new("growth-mid.prof", 140, 36);
    file.act(Action::ToggleChange);
    assert_eq!(
        file.app.status(),
        Some(&Status::NoChangeYet { live: false })
    );
    assert!(!file.app.applies(&Action::ToggleChange));

    // A program whose profile changed kind: the two fetches cannot be compared.
    refetch(&mut h, "kinds-mutex.prof", 2);
    h.act(Action::ToggleChange);
    match h.app.status() {
        Some(Status::ChangeUnavailable(why)) => assert!(why.contains("incompatible"), "{why}"),
        other => panic!("{other:?}"),
    }
    assert!(h.app.diff().is_none());
}
