//! Honest live heap views, without a terminal or a server: two identical fetches of a heap
//! URL without `gc=1` say that no GC ran between them and offer `F` (a refetch with a GC
//! first); with `gc=1` no such reason is given; a delta profile (`--seconds` on heap) is
//! explained as what was allocated during its window; the few-samples advice fits the
//! source (MemProfileRate for a file, more fetches for a running program); no estimate
//! prints as "-0".

mod common;

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use common::Harness;
use memprof_tui::app::live::change_since;
use memprof_tui::app::live_unchanged::{UnchangedReason, same_samples};
use memprof_tui::app::{Action, Command, Event, Fetch, Notice};
use memprof_tui::input::FetchedInput;
use memprof_tui::jobs::Filtered;
use memprof_tui::profile::Profile;

fn fetched(url: &str) -> Vec<FetchedInput> {
    vec![FetchedInput {
        input: "127.0.0.1:6060/debug/pprof/heap".into(),
        url: url.into(),
        saved: Err("not saved".into()),
    }]
}

/// `name` shown as fetched from `url`, then fetched again with the same samples, stamped a
/// minute later (a heap profile between two GCs), and `D` pressed.
fn same_heap_twice(name: &str, url: &str) -> Harness {
    let first = common::profile(name);
    let mut h = Harness::from_profile(first.clone(), url, 140, 36);
    h.app.set_fetched(fetched(url), SystemTime::UNIX_EPOCH);
    h.draw();
    assert_eq!(h.app.update(Action::Refetch), vec![Command::Refetch]);
    let mut again: Profile = (*first).clone();
    again.time_nanos = first.time_nanos + 60_000_000_000;
    let again = Arc::new(again);
    h.event(Event::Refetched(Box::new(Ok(Fetch {
        unfiltered: Filtered::unfiltered(again.clone()),
        fetched: fetched(url),
        at: SystemTime::UNIX_EPOCH + Duration::from_secs(60),
        change: Some(change_since(&again, &first)),
        unchanged: same_samples(&again, &first),
    }))));
    h.act(Action::ToggleChange);
    h
}

#[test]
fn identical_heap_fetches_without_gc_say_why_and_offer_f() {
    let mut h = same_heap_twice("retain-mid.prof", "http://127.0.0.1:6060/debug/pprof/heap");
    let u = h.app.unchanged_fetch().expect("unchanged");
    assert_eq!(u.reason, Some(UnchangedReason::NoGc));
    let s = h.screen();
    assert!(s.contains("none ran between the two fetches"), "{s}");
    assert!(s.contains("Press F to fetch again with a GC first"), "{s}");
    assert!(!s.contains("changed by 0"), "{s}");
    // F: a refetch that asks for a GC first.
    let cmds = h.app.update(Action::RefetchWithGc);
    assert_eq!(cmds, vec![Command::Refetch]);
    assert!(h.app.live().gc_next());
}

#[test]
fn identical_fetches_after_a_gc_give_no_gc_reason() {
    let h = same_heap_twice(
        "retain-mid.prof",
        "http://127.0.0.1:6060/debug/pprof/heap?gc=1",
    );
    let u = h.app.unchanged_fetch().expect("unchanged");
    assert_eq!(u.reason, None);
    let s = h.screen();
    assert!(s.contains("No change since the previous fetch"), "{s}");
    assert!(!s.contains("none ran between"), "{s}");
}

#[test]
fn a_delta_heap_profile_is_explained_for_what_it_is() {
    let mut p: Profile = (*common::profile("retain-mid.prof")).clone();
    p.duration_nanos = 2_000_000_000;
    // A delta's in-use values are differences: some negative.
    let types = p.samples.num_types();
    let inuse = p
        .sample_types
        .iter()
        .position(|t| t.ty == "inuse_space")
        .expect("inuse_space");
    for (i, v) in p.samples.columns_mut().values.iter_mut().enumerate() {
        if i % types == inuse && i % 3 == 0 {
            *v = -*v;
        }
    }
    let h = Harness::from_profile(Arc::new(p), "delta", 140, 40);
    let notices = h.app.notices();
    assert!(
        notices.iter().any(|n| matches!(
            n,
            Notice::Delta {
                nanos: 2_000_000_000,
                ..
            }
        )),
        "{notices:?}"
    );
    assert!(
        notices
            .iter()
            .all(|n| !matches!(n, Notice::FewSamples { .. } | Notice::EndOfProgram { .. })),
        "{notices:?}"
    );
    let s = h.screen();
    assert!(s.contains("A delta profile"), "{s}");
    assert!(s.contains("during the 2s window"), "{s}");
    assert!(!s.contains("-0 "), "{s}");
}

#[test]
fn the_few_samples_advice_fits_the_source() {
    // A file: set MemProfileRate in a short program.
    let h = Harness::new("seed-default.prof", 140, 40);
    let s = h.screen();
    assert!(
        prose(&s).contains("set runtime.MemProfileRate = 1 at the start of main"),
        "{s}"
    );
    assert!(
        h.app
            .notices()
            .iter()
            .any(|n| matches!(n, Notice::FewSamples { live: false, .. })),
        "{s}"
    );
    // A running program: more fetches, not a lower rate.
    let mut h = Harness::from_profile(common::profile("seed-default.prof"), "live", 140, 40);
    h.app.set_fetched(
        fetched("http://127.0.0.1:6060/debug/pprof/heap?gc=1"),
        SystemTime::UNIX_EPOCH,
    );
    h.draw();
    let notices = h.app.notices();
    assert!(
        notices
            .iter()
            .any(|n| matches!(n, Notice::FewSamples { live: true, .. })),
        "{notices:?}"
    );
    let text = prose(&h.screen());
    assert!(
        text.contains("keep watching, or fetch again later"),
        "{text}"
    );
    assert!(!text.contains("at the start of main"), "{text}");
}

/// The screen's words in one line: box borders dropped, lines joined, spaces collapsed
/// (so a sentence wrapped over lines reads whole).
fn prose(screen: &str) -> String {
    screen
        .replace(['│', '┌', '┐', '└', '┘', '─'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
