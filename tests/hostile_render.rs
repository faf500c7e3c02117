//! Every hostile-string profile of testdata/bad/ (escape sequences, C1 controls, bidi
//! overrides, zero-width characters, invalid UTF-8 in names, files, labels, comments,
//! mappings and sample types) opened in the explorer on a TestBackend: no cell of any
//! frame may hold a control, bidi or invisible character — on every pane, with the help
//! (`?`) and details (`i`) overlays open, side by side (`b`), with the histogram, at every
//! granularity and sample type, and on a tiny terminal.

mod common;

use common::Harness;
use memprof_tui::app::input::Key;
use memprof_tui::app::{Action, PaneId};
use memprof_tui::sanitize::is_unsafe;

fn hostile_files() -> Vec<std::path::PathBuf> {
    let dir = common::testdata("bad");
    let mut v: Vec<_> = std::fs::read_dir(&dir)
        .expect("testdata/bad")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("hostile-"))
        })
        .collect();
    v.sort();
    v
}

/// Every unsafe character on the screen, with its position.
fn leaks(h: &Harness) -> Vec<(u16, u16, String)> {
    let buf = h.term.backend().buffer();
    let mut out = Vec::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let sym = buf[(x, y)].symbol();
            if sym.chars().any(is_unsafe) {
                out.push((x, y, sym.escape_unicode().to_string()));
            }
        }
    }
    out
}

fn check(h: &Harness, file: &str, state: &str, failures: &mut Vec<String>) {
    let l = leaks(h);
    if !l.is_empty() {
        failures.push(format!(
            "{file} [{state}]: {} unsafe cells, first {:?}\n{}",
            l.len(),
            &l[..l.len().min(5)],
            h.screen()
        ));
    }
}

fn press(h: &mut Harness, c: char) {
    h.press(&[Key::ch(c)]);
}

#[test]
fn hostile_profiles_render_without_control_characters() {
    let files = hostile_files();
    assert!(files.len() >= 8, "hostile profiles: {files:?}");
    let mut failures = Vec::new();
    for path in &files {
        let file = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let mut h = Harness::open(path, 120, 40);
        let f = &mut failures;
        check(&h, &file, "first view", f);
        // The hostile names are on screen, made visible rather than dropped.
        if file.contains("function-names") {
            let s = h.screen();
            if !(s.contains("\\x1b") || s.contains("<U+202E>") || s.contains("\\x9b")) {
                f.push(format!("{file}: no escaped name on screen:\n{s}"));
            }
        }
        press(&mut h, '?');
        check(&h, &file, "help overlay", f);
        h.act(Action::Back);
        press(&mut h, 'i');
        check(&h, &file, "details overlay", f);
        h.act(Action::PageDown);
        check(&h, &file, "details overlay scrolled", f);
        h.act(Action::Back);
        press(&mut h, 'b');
        check(&h, &file, "side by side", f);
        press(&mut h, 'b');
        for pane in PaneId::ALL {
            h.act(Action::FocusPane(pane));
            check(&h, &file, pane.title(), f);
            h.act(Action::Activate);
            check(&h, &file, &format!("{} activated", pane.title()), f);
        }
        h.act(Action::FocusPane(PaneId::Top));
        h.act(Action::ShowHistogram);
        check(&h, &file, "histogram", f);
        h.act(Action::Back);
        // The overlays that show names, labels and command lines made of them.
        for (open, what) in [
            (Action::ShowTraces, "samples overlay"),
            (Action::ShowCommands, "commands overlay"),
        ] {
            h.act(open);
            check(&h, &file, what, f);
            h.act(Action::PageDown);
            check(&h, &file, &format!("{what} scrolled"), f);
            h.act(Action::Back);
        }
        h.act(Action::CollapsePackage);
        h.act(Action::CollapseRecursion);
        check(&h, &file, "transformed (breadcrumbs)", f);
        h.act(Action::FocusPane(PaneId::Peek));
        h.act(Action::ExpandSubtree);
        check(&h, &file, "butterfly opened", f);
        h.act(Action::FocusPane(PaneId::Flame));
        h.act(Action::ToggleDirection);
        check(&h, &file, "icicle", f);
        h.act(Action::ClearRefinements);
        h.act(Action::FocusPane(PaneId::Top));
        for g in 0..5 {
            h.act(Action::CycleGranularity);
            check(&h, &file, &format!("granularity step {g}"), f);
        }
        for t in 0..2 {
            h.act(Action::NextSampleType);
            check(&h, &file, &format!("sample type step {t}"), f);
        }
        h.act(Action::Last);
        check(&h, &file, "last row", f);
        h.resize(30, 8);
        check(&h, &file, "30x8", f);
        press(&mut h, 'i');
        check(&h, &file, "30x8 details", f);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
