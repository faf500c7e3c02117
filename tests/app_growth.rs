//! The Growth pane over a real series (testdata's leakserver, 14 snapshots one second
//! apart), as a user drives it without a terminal: the leak ranked first on screen at
//! 80×24 and 160×48, Enter opening the call tree at the suspect with the change since the
//! first snapshot, the timeline cursor and `B` picking the base, `B` elsewhere cycling it.

mod common;

use std::sync::Arc;

use memprof_tui::app::input::{Key, KeyCode};
use memprof_tui::app::timeline::BaseChoice;
use memprof_tui::app::{PaneId, Status};
use memprof_tui::profile::Limits;
use memprof_tui_testkit::walk::Walker;

fn series(w: u16, h: u16) -> Walker {
    common::utc();
    let dir = common::testdata("profiles/series/leak")
        .display()
        .to_string();
    let entries =
        memprof_tui::input::series::load_series(&[dir], &Limits::default()).expect("series");
    let profiles: Vec<_> = entries.into_iter().map(|e| Arc::new(e.profile)).collect();
    let mut w = Walker::series_named(profiles, "testdata/profiles/series/leak", w, h);
    w.settle();
    w
}

fn key(c: char) -> Key {
    Key::ch(c)
}

#[test]
fn the_growth_pane_ranks_the_leak_first_on_screen() {
    for (w, h) in [(80, 24), (160, 48)] {
        let mut walker = series(w, h);
        walker.press(&[key('6')]);
        assert_eq!(walker.app().focus(), PaneId::Growth);
        let screen = walker.screen();
        let rows: Vec<&str> = screen
            .lines()
            .skip_while(|l| !l.contains("growth/min"))
            .skip(1)
            .collect();
        assert!(
            rows[0].contains("main.recordSession") && rows[0].contains("growing"),
            "{screen}"
        );
        assert!(screen.contains("14 snapshots"), "{screen}");
        insta::assert_snapshot!(format!("growth_pane_{w}x{h}"), screen);
        // With the change shown behind it (D), the pane's totals keep their own signs.
        walker.press(&[key('D')]);
        let with_change = walker.screen();
        assert!(walker.app().live().showing_change());
        assert!(!with_change.contains("│+40.5MB"), "{with_change}");
        assert!(!with_change.contains("++"), "{with_change}");
    }
}

#[test]
fn enter_opens_the_tree_at_the_suspect_with_the_change_since_the_first_snapshot() {
    let mut walker = series(140, 40);
    walker.press(&[key('6'), Key::plain(KeyCode::Enter)]);
    let app = walker.app();
    assert_eq!(app.focus(), PaneId::Tree);
    assert!(app.live().showing_change());
    assert_eq!(app.base_choice(), BaseChoice::First);
    let selected = app.selection().map(|f| app.func_name(f));
    assert_eq!(selected.as_deref(), Some("main.recordSession"));
    let screen = walker.screen();
    assert!(screen.contains("minus snapshot-01.pb.gz"), "{screen}");
    let row = screen
        .lines()
        .find(|l| l.contains("main.recordSession"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(
        row.contains("+4.1MB"),
        "the leak's growth over the series: {row}"
    );
    // Esc goes back to the suspect.
    walker.press(&[Key::plain(KeyCode::Esc)]);
    assert_eq!(walker.app().focus(), PaneId::Growth);
    assert_eq!(
        walker
            .app()
            .growth()
            .selected()
            .map(|s| s.name.clone())
            .as_deref(),
        Some("main.recordSession")
    );
}

#[test]
fn the_timeline_cursor_picks_the_base_and_b_cycles_it() {
    let mut walker = series(140, 40);
    walker.press(&[
        key('6'),
        Key::plain(KeyCode::Left),
        Key::plain(KeyCode::Left),
    ]);
    walker.press(&[key('B')]);
    let app = walker.app();
    let BaseChoice::Picked(t) = app.base_choice() else {
        panic!("{:?}", app.base_choice());
    };
    let times: Vec<i64> = app.series().points().iter().map(|p| p.at_nanos).collect();
    assert_eq!(t, times[times.len() - 3], "two snapshots before the latest");
    assert!(matches!(app.status(), Some(Status::BaseSet(_))));
    // Enter keeps the chosen base.
    walker.press(&[Key::plain(KeyCode::Enter)]);
    assert_eq!(walker.app().base_choice(), BaseChoice::Picked(t));
    assert!(walker.screen().contains("minus snapshot-12.pb.gz"));
    // B elsewhere: previous → first → picked → previous.
    walker.press(&[key('1'), key('B')]);
    assert_eq!(walker.app().base_choice(), BaseChoice::Previous);
    walker.press(&[key('B')]);
    assert_eq!(walker.app().base_choice(), BaseChoice::First);
    walker.press(&[key('B')]);
    assert_eq!(walker.app().base_choice(), BaseChoice::Picked(t));
}

#[test]
fn hostile_times_and_values_rank_and_draw_without_a_panic() {
    // Time stamps at both ends of i64, one equal pair, and values at i64's ends: the
    // ranking and the pane (chart axes, clock times, sparklines) must cope.
    let base = common::profile("retain-mid.prof");
    let stamps = [i64::MIN, 0, 0, i64::MAX];
    let profiles: Vec<_> = stamps
        .iter()
        .enumerate()
        .map(|(k, &t)| {
            let mut p = (*base).clone();
            p.time_nanos = t;
            if k == 3 {
                for v in p.samples.columns_mut().values.iter_mut() {
                    *v = if *v % 2 == 0 { i64::MAX } else { i64::MIN };
                }
            }
            Arc::new(p)
        })
        .collect();
    for (w, h) in [(80, 24), (160, 48), (20, 8)] {
        let mut walker = Walker::series(profiles.clone(), w, h);
        walker.settle();
        walker.press(&[key('6'), Key::plain(KeyCode::Left), key('B'), key('D')]);
        walker.press(&[Key::plain(KeyCode::Enter)]);
        assert!(walker.app().series_len() == 4);
    }
}
