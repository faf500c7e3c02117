//! The search says what it looks through and what it found, where the user types it: at
//! the `/` prompt the rows it searches and the keys that keep or cancel it, then how many
//! rows match; when none does but a function would in the heap profile's alloc type, its
//! value there and the key that shows it — again in the status bar after `Enter`.

mod common;

use common::{Harness, key};
use memprof_tui::analysis::search_elsewhere::SearchElsewhere;
use memprof_tui::app::input::KeyCode;
use memprof_tui::app::{PaneId, Status};

fn status_line(h: &Harness) -> String {
    h.screen().lines().last().unwrap_or_default().to_string()
}

fn enter(h: &mut Harness) {
    h.press(&[key(KeyCode::Enter)]);
}

#[test]
fn the_prompt_says_what_the_search_looks_through_then_how_many_rows_match() {
    let mut h = Harness::new("seed-default.prof", 80, 24);
    h.type_str("/");
    let s = status_line(&h);
    assert!(
        s.contains("regex on the table's names; Enter keeps it, Esc cancels"),
        "{s}"
    );
    h.type_str("runtime");
    let s = status_line(&h);
    assert!(s.contains("6 of 7 rows match"), "{s}");
    insta::assert_snapshot!("search_prompt_matches_80x24", h.screen());
    enter(&mut h);
    assert_eq!(h.app.status(), None, "matches: nothing to say");
    // In the tree the search looks through the rows shown.
    h.type_str("2/");
    assert!(status_line(&h).contains("regex on the names of the rows shown"));
    // In the flame graph, through every frame; nothing found is said after Enter.
    h.press(&[key(KeyCode::Esc)]);
    h.type_str("4/runtime\\.main");
    let s = status_line(&h);
    assert!(s.contains("1 of 7 frames match"), "{s}");
    h.type_str("zz");
    enter(&mut h);
    assert_eq!(
        h.app.status(),
        Some(&Status::SearchFoundNothing("runtime\\.mainzz".into(), None))
    );
    assert_eq!(
        status_line(&h),
        "/runtime\\.mainzz: no match in the frames' names"
    );
}

#[test]
fn a_search_with_nothing_in_use_names_the_alloc_value_and_the_key() {
    // seed-rate1: main.main allocated 84MB and holds nothing at the end.
    let mut h = Harness::new("seed-rate1.prof", 80, 24);
    h.type_str("/main\\.main");
    let s = status_line(&h);
    assert!(
        s.contains("no match here; main.main has 84MB in alloc_space: a shows it"),
        "{s}"
    );
    insta::assert_snapshot!("search_prompt_elsewhere_80x24", h.screen());
    enter(&mut h);
    match h.app.status() {
        Some(Status::SearchFoundNothing(text, Some(SearchElsewhere { name, .. }))) => {
            assert_eq!(text, "main\\.main");
            assert_eq!(name, "main.main");
        }
        other => panic!("{other:?}"),
    }
    let s = status_line(&h);
    assert_eq!(
        s,
        "/main\\.main: no match here; main.main has 84MB in alloc_space: a shows it"
    );
    // The key it names shows the function.
    h.type_str("a/main\\.main");
    assert!(status_line(&h).contains("1 of "), "{}", status_line(&h));
}

#[test]
fn at_60x15_the_hint_is_cut_not_the_text() {
    let mut h = Harness::new("seed-rate1.prof", 60, 15);
    h.type_str("/main\\.main");
    let s = status_line(&h);
    assert!(s.starts_with("/main\\.main█  no match"), "{s}");
    assert!(s.ends_with('…'), "{s}");
    insta::assert_snapshot!("search_prompt_elsewhere_60x15", h.screen());
}

#[test]
fn nothing_anywhere_says_no_match_and_the_source_pane_searches_lines() {
    let mut h = Harness::new("seed-rate1.prof", 80, 24);
    h.type_str("/zzz_nowhere");
    assert!(status_line(&h).contains("no match in the table's names"));
    enter(&mut h);
    assert_eq!(
        h.app.status(),
        Some(&Status::SearchFoundNothing("zzz_nowhere".into(), None))
    );
    // A refinement in force: the profile's numbers are not the view's, nothing named.
    let mut h = Harness::new("seed-rate1.prof", 80, 24);
    h.type_str(":focus runtime");
    enter(&mut h);
    h.type_str("/main\\.main");
    enter(&mut h);
    assert!(
        matches!(h.app.status(), Some(Status::SearchFoundNothing(_, None))),
        "{:?}",
        h.app.status()
    );
    // The source pane searches its lines; a missing line names no function.
    let mut h = Harness::new("seed-default.prof", 80, 24);
    h.type_str("5/");
    assert_eq!(h.app.focus(), PaneId::Source);
    assert!(status_line(&h).contains("regex on the source lines"));
}
