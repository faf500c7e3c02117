//! The source pane: opened from any pane, per-line values equal pprof's -list, hottest
//! line, lines with cost, inlined calls, position kept across sample types, and a helpful
//! pane when the file is missing.

mod common;

use common::{Harness, key};
use memprof_tui::analysis::source_view::SourceText;
use memprof_tui::analysis::{compact, units};
use memprof_tui::app::PaneId;
use memprof_tui::app::input::KeyCode;

/// Flat and cum (bytes) of `line` in a -list golden made with -unit=B.
fn golden_line(golden: &str, line: i64) -> (i64, i64) {
    let text =
        std::fs::read_to_string(common::testdata(&format!("golden/{golden}"))).expect(golden);
    let num = |s: &str| {
        if s == "." {
            0
        } else {
            s.trim_end_matches('B').parse().expect("value")
        }
    };
    text.lines()
        .find_map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            (f.len() >= 3 && f[2] == format!("{line}:")).then(|| (num(f[0]), num(f[1])))
        })
        .expect("line in golden")
}

/// The source pane's loaded data.
fn source_data(h: &Harness) -> memprof_tui::analysis::source_view::SourceData {
    h.app
        .source()
        .ready()
        .and_then(|r| r.data.clone())
        .expect("source")
}

#[test]
fn main_main_line_21_has_pprofs_alloc_value() {
    let mut h = Harness::new("seed-default.prof", 120, 40);
    h.type_str("a");
    h.select_row("main.main");
    h.press(&[key(KeyCode::Enter)]);
    assert_eq!(h.app.focus(), PaneId::Source);
    // The cursor starts on the hottest line.
    assert_eq!(h.app.source().cursor_line(), 21);
    let (flat, cum) = golden_line("seed-default.prof.alloc_space.list.main.main", 21);
    let data = source_data(&h);
    let t = h.app.view_key().sample.index();
    assert_eq!(data.value_at(t, 21), (flat, cum));
    let s = h.screen();
    let row = s
        .lines()
        .find(|l| l.contains("x = append(x, \"my string\")"))
        .expect("line 21");
    assert!(row.contains(&compact::value(flat, "bytes")), "{row}");
    insta::assert_snapshot!(s);
    // In pprof's unit mode the line reads as pprof's -list prints it.
    h.type_str("u");
    let s = h.screen();
    let row = s
        .lines()
        .find(|l| l.contains("x = append(x, \"my string\")"))
        .expect("line 21");
    assert!(row.contains(&units::label(flat, "bytes")), "{row}");
}

#[test]
fn every_line_value_equals_the_list_golden() {
    for (profile, ty, func, golden) in [
        (
            "seed-default.prof",
            "alloc_space",
            "main.main",
            "seed-default.prof.alloc_space.list.main.main",
        ),
        (
            "seed-default.prof",
            "inuse_space",
            "main.main",
            "seed-default.prof.inuse_space.list.main.main",
        ),
        (
            "retain-mid.prof",
            "alloc_space",
            "main.makeRecord",
            "retain-mid.prof.alloc_space.list.main.makeRecord",
        ),
        (
            "retain-mid.prof",
            "alloc_space",
            "main.fill",
            "retain-mid.prof.alloc_space.list.main.fill",
        ),
    ] {
        let mut h = Harness::new(profile, 120, 40);
        while h.app.profile().sample_types[h.app.view_key().sample.index()].ty != ty {
            h.type_str("t");
        }
        h.select_row(func);
        h.type_str("s");
        let data = source_data(&h);
        let t = h.app.view_key().sample.index();
        assert!(!data.values[t].is_empty());
        for v in &data.values[t] {
            assert_eq!(
                golden_line(golden, v.line),
                (v.flat, v.cum),
                "{golden} line {}",
                v.line
            );
        }
    }
}

#[test]
fn moves_between_costly_lines_and_follows_the_new_view() {
    let mut h = Harness::new("retain-mid.prof", 120, 40);
    h.type_str("a");
    h.select_row("main.makeRecord");
    h.type_str("s");
    let hot = h.app.source().cursor_line();
    h.type_str("g");
    assert_eq!(h.app.source().cursor_line(), 1);
    h.type_str("]");
    let data = source_data(&h);
    let t = h.app.view_key().sample.index();
    assert_eq!(h.app.source().cursor_line(), data.values[t][0].line);
    h.type_str("][");
    assert_eq!(h.app.source().cursor_line(), data.values[t][0].line);
    h.type_str("H");
    assert_eq!(h.app.source().cursor_line(), hot);
    // Another sample type: the source follows the new view's biggest entry.
    h.type_str("o");
    let first = h.app.view().expect("view").report.rows[0].name.clone();
    let shown = h.app.source().func().map(|f| h.app.func_name(f));
    assert_eq!(shown.as_deref(), Some(first.as_str()));
    // Without a search, n/N move between lines with cost too.
    h.type_str("g");
    h.type_str("n");
    let data = source_data(&h);
    let t = h.app.view_key().sample.index();
    assert_eq!(h.app.source().cursor_line(), data.lines_of(t)[0].line);
}

#[test]
fn inlined_calls_expand_under_their_line() {
    let mut h = Harness::new("retain-mid.prof", 140, 40);
    h.type_str("a");
    h.select_row("main.decodeAll");
    h.type_str("s");
    let data = source_data(&h);
    let t = h.app.view_key().sample.index();
    let line = data.inlined[t].first().expect("an inlined call").line;
    h.type_str("g");
    h.type_str(&"j".repeat(line as usize - 1));
    assert!(!h.screen().contains("↳ inlined"));
    h.press(&[key(KeyCode::Enter)]);
    let s = h.screen();
    assert!(s.contains("↳ inlined"), "{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn a_missing_file_says_what_was_tried_and_how_to_fix_it() {
    let nowhere = std::env::temp_dir().join(format!("memprof-no-src-{}", std::process::id()));
    let locator =
        memprof_tui::analysis::SourceLocator::new("", "", &nowhere).with_go_dirs(None, None);
    let mut h = Harness::with_locator("seed-default.prof", 120, 40, locator);
    h.type_str("a");
    h.select_row("main.main");
    h.type_str("s");
    let data = h
        .app
        .source()
        .ready()
        .and_then(|r| r.data.clone())
        .expect("data");
    assert!(matches!(data.text, SourceText::Missing(_)), "found a file");
    let s = h.screen();
    assert!(
        s.contains("Source not found") && s.contains("--source-path"),
        "{s}"
    );
}
