//! Back navigation through `App::update`, no terminal: `Esc` (the `back` action) closes
//! what is open, else returns to the previous place — the pane, the selection and the
//! pane's own position (the table's scroll, the callers/callees row, the flame graph's
//! frame and zoom, the source line) — like a browser's back; `q` still quits; the places
//! survive a refetch; the status bar offers `Esc back` exactly where it goes back.

mod common;

use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use common::{Harness, key};
use memprof_tui::app::input::KeyCode;
use memprof_tui::app::live::change_since;
use memprof_tui::app::places::MAX_PLACES;
use memprof_tui::app::{Action, Command, Event, Fetch, PaneId, Status};
use memprof_tui::input::FetchedInput;
use memprof_tui::jobs::Filtered;

fn esc(h: &mut Harness) {
    h.press(&[key(KeyCode::Esc)]);
}

fn enter(h: &mut Harness) {
    h.press(&[key(KeyCode::Enter)]);
}

fn selected(h: &Harness) -> String {
    h.app
        .selection()
        .map(|f| h.app.func_name(f))
        .unwrap_or_default()
}

/// The top table's cursor and scroll.
fn table(h: &Harness) -> (usize, usize) {
    (h.app.top().table.selected, h.app.top().table.offset)
}

/// The status bar: the screen's last line.
fn status_line(h: &Harness) -> String {
    h.screen().lines().last().unwrap_or_default().to_string()
}

#[test]
fn enter_then_esc_returns_to_the_table_with_the_same_selection() {
    let mut h = Harness::new("retain-mid.prof", 100, 20);
    h.type_str("a");
    // A row below the first page, so the table is scrolled.
    h.type_str(&"j".repeat(17));
    let (name, at) = (selected(&h), table(&h));
    assert!(at.1 > 0, "scrolled: {at:?}");
    enter(&mut h);
    assert_eq!(h.app.focus(), PaneId::Source);
    assert!(
        status_line(&h).contains("Esc back"),
        "the status bar offers Esc: {}",
        status_line(&h)
    );
    esc(&mut h);
    assert_eq!(h.app.focus(), PaneId::Top);
    assert_eq!(selected(&h), name);
    assert_eq!(table(&h), at, "same row, same scroll");
    // Nothing left to go back to: Esc says so, and never quits.
    esc(&mut h);
    assert_eq!(h.app.status(), Some(&Status::NothingToGoBackTo));
    assert!(status_line(&h).contains("nothing to go back to (q quits)"));
    assert!(!h.app.should_quit());
    h.type_str("q");
    assert!(h.app.should_quit(), "q quits as before");
}

#[test]
fn esc_walks_back_through_every_pane_visited() {
    let mut h = Harness::new("retain-mid.prof", 120, 30);
    h.type_str("aj");
    let start = selected(&h);
    h.type_str("2");
    h.type_str("jj");
    let in_tree = selected(&h);
    assert_ne!(in_tree, start);
    h.type_str("3");
    h.type_str("4");
    h.type_str("5");
    assert_eq!(h.app.focus(), PaneId::Source);
    let mut seen = Vec::new();
    for _ in 0..4 {
        esc(&mut h);
        seen.push((h.app.focus(), selected(&h)));
    }
    assert_eq!(
        seen,
        vec![
            (PaneId::Flame, in_tree.clone()),
            (PaneId::Peek, in_tree.clone()),
            (PaneId::Tree, in_tree.clone()),
            (PaneId::Top, start),
        ]
    );
}

#[test]
fn a_caller_entered_from_callers_callees_and_back() {
    let mut h = Harness::new("retain-mid.prof", 120, 30);
    h.type_str("a");
    h.select_row("main.makeRecord");
    h.type_str("3");
    let rows = h.app.butterfly().rows().to_vec();
    let caller = rows
        .iter()
        .position(|r| r.role == memprof_tui::app::butterfly_pane::Role::Caller)
        .expect("a caller");
    h.type_str("g");
    h.type_str(&"j".repeat(caller));
    let row_before = h.app.butterfly().table;
    enter(&mut h);
    let went_to = selected(&h);
    assert_ne!(went_to, "main.makeRecord");
    assert_eq!(
        h.app.butterfly().func().map(|f| h.app.func_name(f)),
        Some(went_to)
    );
    esc(&mut h);
    assert_eq!(h.app.focus(), PaneId::Peek);
    assert_eq!(selected(&h), "main.makeRecord");
    assert_eq!(h.app.butterfly().table, row_before, "the same caller row");
}

/// The flame graph's selected frame and zoom roots as names.
fn flame(h: &Harness) -> (String, Vec<String>) {
    let pane = h.app.flame();
    let tree = pane.tree().expect("tree");
    let name = |n| {
        tree.frame(n)
            .map(|f| h.app.func_name(f))
            .unwrap_or_default()
    };
    (
        pane.selected().map(name).unwrap_or_default(),
        pane.zoom().iter().map(|&n| name(n)).collect(),
    )
}

#[test]
fn a_flame_zoom_is_a_place_and_esc_leaves_the_zoom_first() {
    let mut h = Harness::new("retain-mid.prof", 120, 30);
    h.type_str("a4");
    h.type_str("jj");
    let before = flame(&h);
    enter(&mut h);
    h.type_str("j");
    let zoomed = flame(&h);
    assert_eq!(zoomed.1.len(), 1, "{zoomed:?}");
    h.type_str("5");
    esc(&mut h);
    assert_eq!(h.app.focus(), PaneId::Flame);
    assert_eq!(flame(&h), zoomed, "the zoomed graph, on the same frame");
    // Esc closes the zoom first (as before), then goes back to before the zoom.
    esc(&mut h);
    assert!(!h.app.flame().is_zoomed());
    esc(&mut h);
    assert_eq!(flame(&h), before);
    esc(&mut h);
    assert_eq!(h.app.focus(), PaneId::Top);
}

#[test]
fn the_source_line_is_a_place() {
    let mut h = Harness::new("seed-default.prof", 120, 30);
    h.type_str("a");
    h.select_row("main.main");
    enter(&mut h);
    h.type_str("jjj");
    let line = h.app.source().cursor_line();
    let offset = h.app.source().offset();
    h.type_str("3k");
    enter(&mut h); // to main.main's caller
    h.type_str("5");
    assert_ne!(selected(&h), "main.main");
    esc(&mut h); // the caller's callers/callees
    esc(&mut h); // main.main's callers/callees
    esc(&mut h); // main.main's source
    assert_eq!(h.app.focus(), PaneId::Source);
    assert_eq!(selected(&h), "main.main");
    assert_eq!(
        (h.app.source().cursor_line(), h.app.source().offset()),
        (line, offset)
    );
}

#[test]
fn esc_closes_what_is_open_before_going_back() {
    let mut h = Harness::new("retain-mid.prof", 120, 30);
    h.type_str("a");
    let first = selected(&h);
    // A search: accepted, it moved the selection — a jump of its own.
    h.type_str("/");
    h.type_str("makeRecord");
    h.press(&[key(KeyCode::Enter)]);
    assert!(h.app.search().is_some());
    assert_eq!(selected(&h), "main.makeRecord");
    h.type_str("?");
    esc(&mut h);
    assert!(h.app.overlay().is_none(), "the overlay first");
    esc(&mut h);
    assert!(h.app.search().is_none(), "then the search");
    assert_eq!(selected(&h), "main.makeRecord");
    esc(&mut h);
    assert_eq!(selected(&h), first, "then where the search started");
    // A search given up (Esc in the prompt) returns to where it started, and is no
    // jump.
    h.type_str("/");
    h.type_str("encodeAll");
    assert_eq!(
        selected(&h),
        "main.encodeAll",
        "the search moves as it is typed"
    );
    esc(&mut h);
    assert!(h.app.prompt().is_none());
    assert_eq!(selected(&h), first);
    esc(&mut h);
    assert_eq!(h.app.status(), Some(&Status::NothingToGoBackTo));
}

#[test]
fn the_status_bar_offers_esc_only_where_it_goes_back() {
    let mut h = Harness::new("retain-mid.prof", 120, 30);
    assert!(!status_line(&h).contains("Esc back"), "{}", status_line(&h));
    h.type_str("2");
    assert!(status_line(&h).contains("Esc back"), "{}", status_line(&h));
    esc(&mut h);
    assert!(!status_line(&h).contains("Esc back"), "{}", status_line(&h));
}

#[test]
fn the_places_are_bounded() {
    let mut h = Harness::new("seed-default.prof", 100, 30);
    for _ in 0..(MAX_PLACES * 2) {
        h.act(Action::NextPane);
    }
    assert_eq!(h.app.places().len(), MAX_PLACES);
}

#[test]
fn a_place_that_no_longer_shows_is_still_reached_safely() {
    // Back to a flame frame and a selection a refinement has dropped: the pane falls
    // back to what it can show, nothing breaks.
    let mut h = Harness::new("retain-mid.prof", 120, 30);
    h.type_str("a");
    h.select_row("main.makeRecord");
    h.type_str("4");
    h.type_str("5");
    h.type_str("1");
    h.select_row("main.encodeAll");
    h.type_str("f"); // keep only samples through main.encodeAll
    esc(&mut h); // the source of main.makeRecord (no samples left)
    esc(&mut h); // the flame graph at main.makeRecord
    assert_eq!(h.app.focus(), PaneId::Flame);
    let shown = flame(&h).0;
    assert!(!shown.is_empty());
    memprof_tui_testkit::reference::check_bound(&h.app).expect("bound");
}

const URL: &str = "http://127.0.0.1:6060/debug/pprof/heap";

fn fetched(n: u32) -> Vec<FetchedInput> {
    vec![FetchedInput {
        input: URL.to_string(),
        url: URL.to_string(),
        saved: Ok(PathBuf::from(format!("/tmp/pprof/pprof.heap.{n:03}.pb.gz"))),
    }]
}

#[test]
fn the_places_survive_a_refetch() {
    let mut h = Harness::new("growth-mid.prof", 140, 36);
    h.app
        .set_fetched(fetched(1), SystemTime::UNIX_EPOCH + Duration::from_secs(60));
    h.type_str("a");
    h.select_row("main.addEntry");
    h.type_str("4");
    h.type_str("k");
    let frame = flame(&h);
    enter(&mut h); // zoom
    h.type_str("1");
    h.select_row("main.handleRequests");
    h.type_str("5");
    // The next fetch: another snapshot, other function ids.
    let cmds = h.app.update(Action::Refetch);
    assert!(cmds.contains(&Command::Refetch));
    let latest = common::profile("growth-end.prof");
    let change = h
        .app
        .refetch_base()
        .map(|previous| change_since(&latest, &previous));
    h.event(Event::Refetched(Box::new(Ok(Fetch {
        unfiltered: Filtered::unfiltered(latest),
        fetched: fetched(2),
        at: SystemTime::UNIX_EPOCH + Duration::from_secs(120),
        change,
        unchanged: false,
    }))));
    for p in h.app.places().iter() {
        for f in p.funcs() {
            assert!(f.index() < h.app.frames().infos.len(), "{p:?}");
        }
    }
    esc(&mut h);
    assert_eq!(
        (h.app.focus(), selected(&h)),
        (PaneId::Top, "main.handleRequests".into())
    );
    esc(&mut h);
    assert_eq!(h.app.focus(), PaneId::Flame);
    let back = flame(&h);
    assert_eq!(back.1, vec![frame.0.clone()], "zoomed into the same frame");
    esc(&mut h); // out of the zoom
    esc(&mut h);
    assert_eq!(flame(&h), frame, "the frame before the zoom, by name");
}

#[test]
fn r_on_a_file_says_it_refetches_urls_only() {
    let mut h = Harness::new("seed-default.prof", 100, 30);
    let cmds = h.app.update(Action::Refetch);
    assert!(!cmds.contains(&Command::Refetch));
    assert_eq!(
        h.app.status(),
        Some(&Status::RefetchNeedsUrl { stdin: false })
    );
    h.draw();
    assert!(
        status_line(&h).contains("R refetches URLs; this profile is a file"),
        "{}",
        status_line(&h)
    );
    // --watch with files only: said once, at the start.
    let mut h = Harness::new("seed-default.prof", 100, 30);
    h.app.watch_requested();
    h.draw();
    assert!(
        status_line(&h).contains("--watch refetches URLs"),
        "{}",
        status_line(&h)
    );
    h.type_str("j");
    assert!(!status_line(&h).contains("--watch"));
    // A fetched profile is not told so.
    let mut h = Harness::new("seed-default.prof", 100, 30);
    h.app
        .set_fetched(fetched(1), SystemTime::UNIX_EPOCH + Duration::from_secs(60));
    h.app.watch_requested();
    assert_eq!(h.app.status(), None);
}
