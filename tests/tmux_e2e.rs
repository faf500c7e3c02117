//! End-to-end in a real terminal (tmux): open the end-of-program heap profile, read the
//! notice, press `a`, compare main.main's alloc_space flat with go tool pprof's, quit and
//! check the shell and the terminal modes are back; open a diff. Skipped (and says so) without tmux,
//! or fails under `MEMPROF_TUI_REQUIRE_TMUX=1`.

mod common;

use std::time::Duration;

use common::tmux::Tmux;

const T: Duration = Duration::from_secs(10);

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_memprof-tui")
}

/// main.main's flat in pprof's own formatting, read from the committed golden.
fn pprof_flat(golden: &str, name: &str) -> String {
    let text =
        std::fs::read_to_string(common::testdata(&format!("golden/{golden}"))).expect(golden);
    text.lines()
        .find(|l| l.split_whitespace().nth(5) == Some(name))
        .and_then(|l| l.split_whitespace().next())
        .expect("row in golden")
        .to_string()
}

#[test]
fn heap_notice_then_alloc_view_then_quit() {
    let Some(t) = Tmux::start_or_skip("heap", 120, 40) else {
        return;
    };
    let profile = common::testdata("profiles/seed-default.prof");
    t.type_line(&format!(
        "stty -g; {} {}; echo EXIT=$?; stty -g; echo DONE",
        bin(),
        profile.display()
    ));
    t.wait_for("Why does this look empty?", T);
    t.wait_gone("computing…", T);
    let s = t.settled(T);
    assert!(s.contains("2.72MB is in use"), "{s}");
    assert!(s.contains("85MB allocated"), "{s}");
    assert!(
        s.contains("Top (functions) │") || s.contains("Top (functions) — inuse_space"),
        "{s}"
    );
    t.keys(&["a"]);
    t.wait_for("— alloc_space", T);
    t.wait_gone("computing…", T);
    // In pprof's units the row reads as pprof's -top prints it.
    t.keys(&["u"]);
    t.wait_for("units: pprof's", T);
    let s = t.settled(T);
    let want = pprof_flat(
        "seed-default.prof.alloc_space.functions.top.default",
        "main.main",
    );
    let row = s
        .lines()
        .find(|l| l.contains("main.main"))
        .expect("main.main row");
    assert_eq!(
        row.trim_start_matches('│').split_whitespace().next(),
        Some(want.as_str()),
        "row: {row}"
    );
    t.keys(&["q"]);
    let s = t.wait_for("\nDONE", T);
    assert!(s.contains("EXIT=0"), "{s}");
    let stty: Vec<&str> = s
        .lines()
        .filter(|l| l.contains(':') && !l.contains(' '))
        .collect();
    assert_eq!(stty.len(), 2, "stty lines: {s}");
    assert_eq!(stty[0], stty[1], "terminal modes changed");
    assert!(s.trim_end().ends_with("PROMPT$"), "{s}");
}

#[test]
fn tree_down_to_main_then_flame_zoom() {
    let Some(t) = Tmux::start_or_skip("tree", 120, 40) else {
        return;
    };
    let profile = common::testdata("profiles/seed-default.prof");
    t.type_line(&format!(
        "{} --no-mouse {}; echo EXIT=$?",
        bin(),
        profile.display()
    ));
    t.wait_for("Why does this look empty?", T);
    // alloc view, then the call tree from the roots: collapse all, expand runtime.main.
    t.keys(&["a"]);
    t.wait_for("— alloc_space", T);
    t.keys(&["2"]);
    t.wait_for("Call tree — top-down", T);
    // u: values in pprof's units, as its reports print them.
    t.keys(&["c", "g", "Enter", "u"]);
    t.wait_for("▾ runtime.main", T);
    t.wait_for("units: pprof's", T);
    let s = t.settled(T);
    assert!(s.contains("main.main"), "{s}");
    let row = s
        .lines()
        .find(|l| l.contains("main.main"))
        .expect("main.main row");
    // cum of main.main in the tree equals pprof's cum for it.
    let want = std::fs::read_to_string(common::testdata(
        "golden/seed-default.prof.alloc_space.functions.top.default",
    ))
    .expect("golden");
    let cum = want
        .lines()
        .find(|l| l.ends_with(" main.main"))
        .and_then(|l| l.split_whitespace().nth(3))
        .expect("cum");
    assert!(
        row.contains(cum),
        "tree row {row:?} lacks pprof's cum {cum}"
    );
    // Select main.main (the row below runtime.main) and open the flame graph there.
    t.keys(&["j", "4"]);
    t.wait_for("Flame graph", T);
    t.keys(&["Enter"]);
    t.wait_for("zoom: main.main", T);
    let s = t.settled(T);
    assert!(s.contains("▏main.main"), "{s}");
    t.keys(&["BSpace"]);
    t.wait_gone("zoom: main.main", T);
    t.keys(&["q"]);
    t.wait_for("EXIT=0", T);
}

#[test]
fn source_line_21_with_pprofs_alloc_value() {
    let Some(t) = Tmux::start_or_skip("source", 130, 40) else {
        return;
    };
    let profile = common::testdata("profiles/seed-default.prof");
    let src = common::testdata("src");
    t.type_line(&format!(
        "{} --source-path {} {}; echo EXIT=$?",
        bin(),
        src.display(),
        profile.display()
    ));
    t.open_alloc_view(T);
    t.keys(&["g", "Enter"]);
    t.wait_for("x = append(x, \"my string\")", T);
    // Each value in its own unit first; u shows pprof's.
    let s = t.settled(T);
    assert!(s.contains("82.3MB"), "{s}");
    t.keys(&["u"]);
    t.wait_for("units: pprof's", T);
    let s = t.settled(T);
    // pprof -list prints line 21's alloc_space as 82.30MB (its default units).
    let text = std::fs::read_to_string(common::testdata(
        "golden/seed-default.prof.alloc_space.list.main.main",
    ))
    .expect("golden");
    let flat: i64 = text
        .lines()
        .find(|l| l.contains(" 21:"))
        .and_then(|l| l.split_whitespace().next())
        .and_then(|v| v.trim_end_matches('B').parse().ok())
        .expect("line 21 in golden");
    let want = memprof_tui::analysis::units::label(flat, "bytes");
    let row = s
        .lines()
        .find(|l| l.contains("x = append(x, \"my string\")"))
        .expect("row");
    assert!(
        row.contains(" 21 ") && row.contains(&want),
        "row {row:?} lacks {want}"
    );
    t.keys(&["q"]);
    t.wait_for("EXIT=0", T);
}

#[test]
fn search_focus_and_undo() {
    let Some(t) = Tmux::start_or_skip("refine", 130, 40) else {
        return;
    };
    let profile = common::testdata("profiles/retain-mid.prof");
    t.type_line(&format!("{} {}; echo EXIT=$?", bin(), profile.display()));
    t.wait_for("Top (functions)", T);
    t.wait_gone("computing…", T);
    t.keys(&["a"]);
    t.wait_for("— alloc_space", T);
    t.wait_gone("computing…", T);
    // Incremental search lands on main.decodeAll; Enter keeps the search.
    t.keys(&["/"]);
    t.keys(&["-l", "decodeAll"]);
    t.keys(&["Enter"]);
    t.wait_for("search decodeAll", T);
    let s = t.settled(T);
    assert!(s.contains("main.decodeAll"), "{s}");
    // Focus on it: the header says so and the total of shown rows drops.
    t.keys(&["f"]);
    t.wait_for("focus=^main\\.decodeAll$", T);
    let s = t.settled(T);
    assert!(!s.contains("main.encodeAll"), "{s}");
    // Backspace undoes the refinement.
    t.keys(&["BSpace"]);
    t.wait_gone("focus=^main\\.decodeAll$", T);
    let s = t.settled(T);
    assert!(s.contains("main.encodeAll"), "{s}");
    t.keys(&["q"]);
    t.wait_for("EXIT=0", T);
}

#[test]
fn e_opens_the_editor_at_the_line_and_the_ui_comes_back() {
    if !Tmux::available_or_skip("the end-to-end terminal test") {
        return;
    }
    let dir = std::env::temp_dir().join(format!("memprof-editor-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let log = dir.join("args");
    let editor = dir.join("editor.sh");
    std::fs::write(
        &editor,
        format!("#!/bin/sh\necho \"$@\" > {}\n", log.display()),
    )
    .expect("editor");
    std::fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755))
        .expect("chmod");
    let t = Tmux::start("editor", 130, 40);
    let profile = common::testdata("profiles/seed-default.prof");
    let src = common::testdata("src");
    t.type_line(&format!(
        "EDITOR={} {} --source-path {} {}; echo EXIT=$?",
        editor.display(),
        bin(),
        src.display(),
        profile.display()
    ));
    t.open_alloc_view(T);
    t.keys(&["g", "Enter"]);
    t.wait_for("x = append(x, \"my string\")", T);
    t.keys(&["e"]);
    // The editor ran with +21 and the file; the explorer is back.
    let start = std::time::Instant::now();
    while !log.exists() && start.elapsed() < T {
        std::thread::sleep(Duration::from_millis(50));
    }
    let args = std::fs::read_to_string(&log).expect("editor ran");
    assert!(
        args.starts_with("+21 ") && args.trim_end().ends_with("seed/main.go"),
        "{args}"
    );
    t.wait_for("x = append(x, \"my string\")", T);
    t.keys(&["q"]);
    t.wait_for("EXIT=0", T);
}

#[test]
fn a_diff_opens_with_its_notice_signs_and_change_sort() {
    let Some(t) = Tmux::start_or_skip("diff", 120, 40) else {
        return;
    };
    t.type_line(&format!(
        "{} --diff-base {} {}; echo EXIT=$?; echo DONE",
        bin(),
        common::testdata("profiles/growth-mid.prof").display(),
        common::testdata("profiles/growth-end.prof").display()
    ));
    t.wait_for("Reading a diff", T);
    t.wait_gone("computing…", T);
    let s = t.settled(T);
    assert!(s.contains("minus growth-mid.prof (diff base)"), "{s}");
    assert!(s.contains("shrank since the base"), "{s}");
    t.keys(&["C"]);
    t.wait_for("sort growth", T);
    // In pprof's units the row reads as pprof's -top -diff_base prints it, with a "+".
    t.keys(&["u"]);
    t.wait_for("units: pprof's", T);
    let s = t.settled(T);
    let want = pprof_flat(
        "growth-end.prof.diff_base.inuse_space.functions.top.default",
        "main.addEntry",
    );
    let row = s
        .lines()
        .find(|l| l.contains("main.addEntry"))
        .expect("main.addEntry row");
    assert_eq!(
        row.trim_start_matches('│').split_whitespace().next(),
        Some(format!("+{want}").as_str()),
        "row: {row}"
    );
    t.keys(&["q"]);
    let s = t.wait_for("\nDONE", T);
    assert!(s.contains("EXIT=0"), "{s}");
}
