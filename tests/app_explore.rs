//! The explorer's issue-21 actions driven as a user drives them, without a terminal: the
//! butterfly pane (open, close, centre), the flame graph's bottom-up toggle and its linked
//! selection, the transforms as keys and prompt words (breadcrumbs, undo, totals kept),
//! the samples overlay, saved views (save, recall, `--view`), the export keys and copy as
//! command. Screens of the new panes and overlays are insta snapshots.

mod common;

use common::{Harness, key};
use memprof_tui::analysis::call_tree::Direction;
use memprof_tui::analysis::filter::{FilterKind, Recursion};
use memprof_tui::app::butterfly_pane::Role;
use memprof_tui::app::input::KeyCode;
use memprof_tui::app::{Action, Overlay, PaneId};
use memprof_tui::export::Export;

/// A directory of its own under the system's temporary directory, removed at the end.
struct TempDir(std::path::PathBuf);

impl TempDir {
    fn new(what: &str) -> Self {
        let p = std::env::temp_dir().join(format!("memprof-tui-{what}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).expect("temporary directory");
        Self(p)
    }

    fn path(&self) -> &std::path::Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn selected_name(h: &Harness) -> String {
    h.app.func_name(h.app.selection().expect("a selection"))
}

/// The sum of the top table's flat values: the refined profile's total.
fn flat_sum(h: &Harness) -> i64 {
    let v = h.app.view().expect("view");
    v.report.rows.iter().map(|r| r.flat).sum()
}

fn total(h: &Harness) -> i64 {
    h.app.view().expect("view").report.total
}

/// The butterfly's rows as (role, depth, function name).
fn fly_rows(h: &Harness) -> Vec<(Role, u32, String)> {
    let p = h.app.butterfly();
    p.rows()
        .iter()
        .map(|r| (r.role, r.depth, h.app.func_name(p.frame(r).expect("frame"))))
        .collect()
}

#[test]
fn butterfly_opens_closes_and_centres() {
    let mut h = Harness::new("retain-mid.prof", 120, 30);
    h.type_str("a");
    h.select_row("main.decodeAll");
    h.type_str("3");
    assert_eq!(h.app.focus(), PaneId::Peek);
    let first = fly_rows(&h);
    assert!(
        first.iter().all(|r| r.1 <= 1),
        "first level only: {first:?}"
    );
    assert_eq!(
        first.iter().filter(|r| r.0 == Role::Focus).count(),
        1,
        "{first:?}"
    );
    // Go to the first callee with callees of its own and open it.
    let p = h.app.butterfly();
    let at = p
        .rows()
        .iter()
        .position(|r| r.role == Role::Callee && r.has_children)
        .expect("a callee with callees");
    h.type_str("g");
    h.type_str(&"j".repeat(at));
    h.press(&[key(KeyCode::Right)]);
    let opened = fly_rows(&h);
    assert!(opened.len() > first.len(), "{opened:?}");
    assert_eq!(opened[at + 1].0, Role::Callee);
    assert_eq!(opened[at + 1].1, 2, "one level deeper: {opened:?}");
    // Each opened callee's value is at most what flows through the row above it.
    let p = h.app.butterfly();
    let t = h.app.view_key().sample.index();
    let parent = p.rows()[at];
    let half = p.half_of(&parent).expect("half");
    let sum: i64 = half.children(parent.node).map(|c| half.cum(c, t)).sum();
    assert!(sum <= half.cum(parent.node, t), "{sum} > parent");
    // Left closes it again, from the child too (first to the parent, then closes).
    h.press(&[key(KeyCode::Right)]);
    assert_eq!(h.app.butterfly().table.selected, at + 1);
    h.press(&[key(KeyCode::Left)]);
    assert_eq!(h.app.butterfly().table.selected, at);
    h.press(&[key(KeyCode::Left)]);
    assert_eq!(fly_rows(&h), first);
    // e opens everything below, c closes all.
    h.type_str("e");
    assert!(fly_rows(&h).len() > opened.len());
    h.type_str("c");
    assert_eq!(fly_rows(&h), first);
    // Enter on a caller centres the pane on it: it becomes the selected function.
    let caller = first
        .iter()
        .position(|r| r.0 == Role::Caller)
        .expect("a caller");
    h.type_str("g");
    h.type_str(&"j".repeat(caller));
    h.press(&[key(KeyCode::Enter)]);
    assert_eq!(selected_name(&h), first[caller].2);
    let centred = fly_rows(&h);
    let focus = centred.iter().find(|r| r.0 == Role::Focus).expect("focus");
    assert_eq!(focus.2, first[caller].2);
    assert!(
        centred
            .iter()
            .any(|r| r.0 == Role::Callee && r.2 == "main.decodeAll"),
        "the function it came from is among its callees: {centred:?}"
    );
}

#[test]
fn butterfly_expanded_120x30() {
    let mut h = Harness::new("retain-mid.prof", 120, 30);
    h.type_str("a");
    h.select_row("main.decodeAll");
    h.type_str("3g");
    h.type_str("e");
    let at = h
        .app
        .butterfly()
        .rows()
        .iter()
        .position(|r| r.role == Role::Callee && r.has_children)
        .expect("a callee with callees");
    h.type_str(&"j".repeat(at));
    h.type_str("e");
    let s = h.screen();
    assert!(s.contains("▾↑ main.main") && s.contains("▾↓"), "{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn icicle_toggles_and_keeps_the_selected_function() {
    let mut h = Harness::new("retain-mid.prof", 120, 30);
    h.type_str("a");
    h.select_row("main.decodeAll");
    h.type_str("4");
    assert_eq!(h.app.flame().direction(), Direction::TopDown);
    h.type_str("r");
    assert_eq!(h.app.flame().direction(), Direction::BottomUp);
    assert_eq!(selected_name(&h), "main.decodeAll");
    let tree = h.app.flame().tree().expect("bottom-up tree").clone();
    let node = h.app.flame().selected().expect("a frame selected");
    assert_eq!(
        tree.frame(node).map(|f| h.app.func_name(f)).as_deref(),
        Some("main.decodeAll"),
        "the icicle's selected frame is the selected function"
    );
    let s = h.screen();
    assert!(s.contains("Icicle (bottom-up)"), "{s}");
    insta::assert_snapshot!("icicle_120x30", s);
    // Moving in the icicle moves the selection every pane shares.
    h.press(&[key(KeyCode::Up)]);
    let moved = selected_name(&h);
    h.type_str("r");
    assert_eq!(h.app.flame().direction(), Direction::TopDown);
    assert_eq!(selected_name(&h), moved);
    h.type_str("1");
    let v = h.app.view().expect("view");
    assert_eq!(v.report.rows[h.app.top().table.selected].name, moved);
}

#[test]
fn icicle_at_80x24_and_160x48() {
    for (w, ht) in [(80, 24), (160, 48)] {
        let mut h = Harness::new("seed-cpu.prof", w, ht);
        h.type_str("4r");
        let s = h.screen();
        assert!(s.contains("Icicle"), "{s}");
        insta::assert_snapshot!(format!("icicle_seed_cpu_{w}x{ht}"), s);
    }
}

#[test]
fn recursion_keys_push_a_step_shown_as_a_breadcrumb_and_undone() {
    let mut h = Harness::new("realworld/go-cpu-fib.pb.gz", 120, 30);
    let before = total(&h);
    h.type_str("z");
    assert_eq!(h.app.filters().collapse_recursion, Some(Recursion::Direct));
    assert_eq!(total(&h), before, "a transform keeps the total");
    let s = h.screen();
    assert!(s.contains("refined › collapse_recursion=direct"), "{s}");
    // No function calls itself directly any more: no tree row's child has its name.
    h.type_str("2e");
    let tree = h.app.tree().tree().expect("tree").clone();
    for n in tree.node_ids() {
        if let (Some(p), Some(f)) = (tree.parent(n), tree.frame(n)) {
            assert_ne!(
                tree.frame(p),
                Some(f),
                "{} under itself",
                h.app.func_name(f)
            );
        }
    }
    // Z switches to all recursion, a second step; z again stops it (a third).
    h.type_str("Z");
    assert_eq!(
        h.app.filters().collapse_recursion,
        Some(Recursion::Indirect)
    );
    h.type_str("Z");
    assert_eq!(h.app.filters().collapse_recursion, None);
    assert!(!h.screen().contains("collapse_recursion"));
    // Backspace walks the steps back.
    h.press(&[key(KeyCode::Backspace)]);
    assert_eq!(
        h.app.filters().collapse_recursion,
        Some(Recursion::Indirect)
    );
    h.press(&[key(KeyCode::Backspace)]);
    h.press(&[key(KeyCode::Backspace)]);
    assert!(!h.app.filters().is_active());
    assert_eq!(total(&h), before);
}

#[test]
fn package_key_collapses_the_selected_functions_package_in_every_pane() {
    let mut h = Harness::new("realworld/go-cpu-fib.pb.gz", 120, 30);
    let before = total(&h);
    h.select_row("math/big.addVV");
    h.type_str("p");
    assert_eq!(
        h.app.filters().get(FilterKind::CollapsePackage),
        Some("^math/big$")
    );
    assert_eq!(total(&h), before);
    assert_eq!(selected_name(&h), "math/big.*", "the selection follows");
    let v = h.app.view().expect("view");
    assert!(v.report.rows.iter().any(|r| r.name == "math/big.*"));
    assert!(
        !v.report
            .rows
            .iter()
            .any(|r| r.name.starts_with("math/big.a"))
    );
    // The butterfly and the flame graph see the collapsed frame too.
    h.type_str("3");
    assert_eq!(
        h.app
            .butterfly()
            .func()
            .map(|f| h.app.func_name(f))
            .as_deref(),
        Some("math/big.*")
    );
    h.type_str("4");
    let s = h.screen();
    assert!(s.contains("math/big.*"), "{s}");
    assert!(s.contains("refined › collapse_package=^math/big$"), "{s}");
    // The source pane says why the collapsed frame has no file.
    h.type_str("5");
    let s = h.screen();
    assert!(
        s.contains("math/big.* stands for a collapsed package"),
        "{s}"
    );
    // Pressed again: said, nothing pushed.
    h.type_str("p");
    let status = format!("{:?}", h.app.status());
    assert!(status.contains("collapsed already"), "{status}");
    h.press(&[key(KeyCode::Backspace)]);
    assert!(!h.app.filters().is_active());
}

#[test]
fn prompt_words_take_the_transforms_and_merge() {
    let mut h = Harness::new("realworld/go-cpu-fib.pb.gz", 120, 30);
    h.type_str(":collapse_recursion indirect");
    h.press(&[key(KeyCode::Enter)]);
    assert_eq!(
        h.app.filters().collapse_recursion,
        Some(Recursion::Indirect)
    );
    h.type_str(":collapse_package ^runtime$");
    h.press(&[key(KeyCode::Enter)]);
    assert_eq!(
        h.app.filters().get(FilterKind::CollapsePackage),
        Some("^runtime$")
    );
    h.type_str(":merge ^math/big\\.nat\\.add$");
    h.press(&[key(KeyCode::Enter)]);
    assert_eq!(
        h.app.filters().get(FilterKind::Hide),
        Some("^math/big\\.nat\\.add$")
    );
    let v = h.app.view().expect("view");
    assert!(!v.report.rows.iter().any(|r| r.name == "math/big.nat.add"));
    // The crumbs in the order they were added.
    let kinds: Vec<FilterKind> = h.app.crumbs().into_iter().map(|(k, _)| k).collect();
    assert_eq!(
        kinds,
        [
            FilterKind::CollapseRecursion,
            FilterKind::CollapsePackage,
            FilterKind::Hide
        ]
    );
    insta::assert_snapshot!(h.screen());
    // m merges the selected function into its callers (pprof's hide).
    let mut h = Harness::new("realworld/go-cpu-fib.pb.gz", 120, 30);
    h.select_row("math/big.nat.add");
    h.type_str("m");
    assert_eq!(
        h.app.filters().get(FilterKind::Hide),
        Some("^math/big\\.nat\\.add$")
    );
}

#[test]
fn breadcrumbs_fold_on_a_narrow_terminal() {
    let mut h = Harness::new("realworld/go-cpu-fib.pb.gz", 60, 20);
    h.type_str("z");
    h.type_str(":collapse_package ^runtime$");
    h.press(&[key(KeyCode::Enter)]);
    h.type_str(":focus ^main\\.calculateFib$");
    h.press(&[key(KeyCode::Enter)]);
    let line = h
        .screen()
        .lines()
        .find(|l| l.starts_with("refined"))
        .expect("the breadcrumb line")
        .to_string();
    assert!(line.chars().count() <= 60, "{line}");
    assert!(line.contains("focus="), "the newest step stays: {line}");
}

#[test]
fn samples_overlay_lists_the_traces_through_the_selected_function() {
    let mut h = Harness::new("retain-mid.prof", 120, 30);
    h.type_str("a");
    h.select_row("main.decodeAll");
    let cum = {
        let v = h.app.view().expect("view");
        v.report.rows[h.app.top().table.selected].cum
    };
    h.type_str("w");
    assert!(matches!(h.app.overlay(), Some((Overlay::Traces, _))));
    let listing = h.app.traces().expect("listing computed").clone();
    assert_eq!(listing.total, cum, "the samples through it sum to its cum");
    assert!(!listing.is_empty());
    assert!(
        listing
            .traces()
            .all(|t| { t.frames.iter().any(|f| listing.name(f) == "main.decodeAll") })
    );
    let s = h.screen();
    assert!(s.contains("Samples through main.decodeAll"), "{s}");
    insta::assert_snapshot!(s);
    h.type_str("q");
    assert_eq!(h.app.overlay(), None);
}

#[test]
fn a_saved_view_is_recalled_whole_and_by_name() {
    let mut h = Harness::new("realworld/go-cpu-fib.pb.gz", 120, 30);
    h.type_str("z4r");
    h.type_str("M");
    h.type_str("fib folded");
    h.press(&[key(KeyCode::Enter)]);
    assert_eq!(h.saved_views.len(), 1);
    let v = h.saved_views[0].clone();
    assert_eq!(v.name, "fib folded");
    assert_eq!(v.collapse_recursion, "direct");
    assert_eq!((v.pane.as_str(), v.flame.as_str()), ("flame", "bottom-up"));
    // Away from it, then back through the list.
    h.type_str("X1r");
    h.type_str("4r");
    assert_eq!(h.app.flame().direction(), Direction::TopDown);
    assert!(!h.app.filters().is_active());
    h.type_str("'");
    assert!(matches!(h.app.overlay(), Some((Overlay::Views, _))));
    insta::assert_snapshot!(h.screen());
    h.press(&[key(KeyCode::Enter)]);
    assert_eq!(h.app.overlay(), None);
    assert_eq!(h.app.focus(), PaneId::Flame);
    assert_eq!(h.app.flame().direction(), Direction::BottomUp);
    assert_eq!(h.app.filters().collapse_recursion, Some(Recursion::Direct));
    // Its refinements were one step.
    h.press(&[key(KeyCode::Backspace)]);
    assert!(!h.app.filters().is_active());
    // By name (--view), and a name not saved says which are.
    let mut h2 = Harness::new("realworld/go-cpu-fib.pb.gz", 120, 30);
    h2.app.set_views(vec![v], None);
    h2.app.recall_named("fib folded").expect("recalled");
    assert_eq!(h2.app.filters().collapse_recursion, Some(Recursion::Direct));
    let e = h2.app.recall_named("nope").expect_err("not saved");
    assert!(e.contains("fib folded"), "{e}");
}

#[test]
fn views_cannot_be_saved_without_a_config_directory() {
    let mut h = Harness::new("seed-cpu.prof", 100, 30);
    h.app.set_views(Vec::new(), Some("--no-config".into()));
    h.type_str("M");
    assert!(h.app.prompt().is_none());
    let status = format!("{:?}", h.app.status());
    assert!(status.contains("--no-config"), "{status}");
}

#[test]
fn a_view_from_another_profile_says_what_it_lacks() {
    let mut h = Harness::new("seed-cpu.prof", 100, 30);
    let v = memprof_tui::config::views::SavedView {
        name: "heap".into(),
        sample_type: "inuse_space".into(),
        pane: "tree".into(),
        ..Default::default()
    };
    h.app.recall(&v);
    let status = format!("{:?}", h.app.status());
    assert!(status.contains("no sample type inuse_space"), "{status}");
    assert_eq!(h.app.focus(), PaneId::Tree);
}

#[test]
fn export_keys_write_the_refined_profile_and_the_pane() {
    let dir = TempDir::new("export");
    let mut h = Harness::new("realworld/go-cpu-fib.pb.gz", 120, 30);
    h.write_exports = true;
    h.type_str(":focus ^log\\.Println$");
    h.press(&[key(KeyCode::Enter)]);
    let refined_total = flat_sum(&h);
    let out = dir.path().join("fib.pb.gz");
    h.type_str("E");
    let p = h.app.prompt().expect("prompt").text.clone();
    assert_eq!(p, "go-cpu-fib.refined.pb.gz", "a default name");
    for _ in 0..p.chars().count() {
        h.press(&[key(KeyCode::Backspace)]);
    }
    h.type_str(&out.display().to_string());
    h.press(&[key(KeyCode::Enter)]);
    assert!(matches!(h.exports[0].what, Export::Profile { .. }));
    let status = format!("{:?}", h.app.status());
    assert!(status.contains("wrote the refined profile"), "{status}");
    // What was written reads back with the refined total, unrefined.
    let back = Harness::open(&out, 120, 30);
    assert_eq!(flat_sum(&back), refined_total);
    assert_eq!(total(&back), refined_total);
    // The pane as TSV; JSON only for the top table.
    let tsv = dir.path().join("top.tsv");
    h.type_str("1O");
    let p = h.app.prompt().expect("prompt").text.clone();
    for _ in 0..p.chars().count() {
        h.press(&[key(KeyCode::Backspace)]);
    }
    h.type_str(&tsv.display().to_string());
    h.press(&[key(KeyCode::Enter)]);
    let text = std::fs::read_to_string(&tsv).expect("written");
    assert!(text.starts_with("flat\tflat%"), "{text}");
    assert!(text.contains("log.Println"), "{text}");
    h.type_str("3O");
    let p = h.app.prompt().expect("prompt").text.clone();
    for _ in 0..p.chars().count() {
        h.press(&[key(KeyCode::Backspace)]);
    }
    h.type_str("x.json");
    h.press(&[key(KeyCode::Enter)]);
    let err = h.app.prompt().and_then(|p| p.error.clone());
    assert!(
        err.as_deref().is_some_and(|e| e.contains("JSON")),
        "{err:?}"
    );
    h.press(&[key(KeyCode::Esc)]);
    // Never under /proc, /sys or /dev.
    h.type_str("E");
    let p = h.app.prompt().expect("prompt").text.clone();
    for _ in 0..p.chars().count() {
        h.press(&[key(KeyCode::Backspace)]);
    }
    h.type_str("/proc/self/x");
    h.press(&[key(KeyCode::Enter)]);
    assert!(h.app.prompt().and_then(|p| p.error.clone()).is_some());
    assert_eq!(h.exports.len(), 2, "the refused names asked for nothing");
}

#[test]
fn copy_as_command_puts_the_command_on_the_clipboard() {
    let mut h = Harness::new("realworld/go-cpu-fib.pb.gz", 120, 30);
    h.select_row("math/big.nat.add");
    h.type_str("f");
    h.type_str("y");
    assert!(matches!(h.app.overlay(), Some((Overlay::Commands, _))));
    let s = h.screen();
    assert!(s.contains("Enter copies"), "{s}");
    insta::assert_snapshot!(s);
    h.press(&[key(KeyCode::Down)]);
    h.press(&[key(KeyCode::Enter)]);
    assert_eq!(h.app.overlay(), None);
    assert_eq!(h.copied.len(), 1);
    let c = &h.copied[0];
    assert!(c.starts_with("memprof-tui "), "{c}");
    assert!(c.contains("--focus"), "{c}");
    assert!(
        c.contains("testdata/profiles/realworld/go-cpu-fib.pb.gz"),
        "{c}"
    );
    assert_eq!(h.app.commands()[1].text, *c);
}

#[test]
fn the_new_actions_do_not_crash_with_nothing_selected_or_overlays_open() {
    let mut h = Harness::new("kinds-mutex.prof", 80, 24);
    for a in [
        Action::ShowTraces,
        Action::ShowViews,
        Action::ShowCommands,
        Action::CollapsePackage,
        Action::CollapseRecursion,
        Action::CollapseIndirectRecursion,
        Action::Activate,
        Action::Down,
        Action::Activate,
        Action::Back,
    ] {
        h.act(a);
        for p in PaneId::ALL {
            h.act(Action::FocusPane(p));
            h.act(a);
        }
    }
}

#[test]
fn view_is_for_the_explorer_and_print_config_lists_the_views() {
    let dir = TempDir::new("views-cli");
    let profile = common::testdata("profiles/seed-cpu.prof");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_memprof-tui"))
            .args(args)
            .env("XDG_CONFIG_HOME", dir.path())
            .stdin(std::process::Stdio::null())
            .output()
            .expect("run")
    };
    // A text report refuses --view (it would print the unrefined report).
    let out = run(&["--top", "--view", "x", profile.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--view x opens the explorer"), "{err}");
    assert!(out.stdout.is_empty());
    // Saved views are printed back as saved.
    let v = memprof_tui::config::views::SavedView {
        name: "cpu folded".into(),
        sample_type: "cpu".into(),
        collapse_recursion: "direct".into(),
        ..Default::default()
    };
    let file = dir.path().join("memprof-tui/views.toml");
    memprof_tui::config::views::save(&file, &v).expect("saved");
    let out = run(&["--print-config", "views"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    let back = memprof_tui::config::views::parse(&text, "stdout").expect("parses");
    assert_eq!(back, vec![v]);
}

#[test]
fn a_diffs_notice_names_the_change_order_key_from_every_pane() {
    let mut h = Harness::diff(
        "growth-end.prof",
        "growth-mid.prof",
        memprof_tui::profile::BaseMode::DiffBase,
        110,
        30,
    );
    // The notice's words, whatever the wrapping.
    let words = |h: &Harness| {
        h.screen()
            .replace('│', " ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let s = words(&h);
    assert!(s.contains("Press C to sort by growth"), "{s}");
    h.type_str("3");
    let s = words(&h);
    assert!(!s.contains("(unbound)"), "{s}");
    assert!(s.contains("In the table (1), C sorts by growth"), "{s}");
}
