//! Issue 21's explorer in a real terminal (tmux), at 80x24 and 160x48: the butterfly pane
//! opened a level, the flame graph turned into an icicle and back with the selection kept,
//! a transform's breadcrumb and its undo, a view saved, recalled from the list and by
//! `--view` in a new run. Skipped (and says so) without tmux, or fails under
//! `MEMPROF_TUI_REQUIRE_TMUX=1`.

mod common;

use std::path::PathBuf;
use std::time::Duration;

use common::tmux::Tmux;

const T: Duration = Duration::from_secs(15);

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_memprof-tui")
}

/// A config directory of its own (removed at the end).
struct ConfigDir(PathBuf);

impl ConfigDir {
    fn new(what: &str) -> Self {
        let p = std::env::temp_dir().join(format!("memprof-tui-{what}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).expect("config directory");
        Self(p)
    }
}

impl Drop for ConfigDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn butterfly_and_icicle_at_80x24_and_160x48() {
    for (w, h) in [(80u16, 24u16), (160, 48)] {
        let Some(t) = Tmux::start_or_skip(&format!("fly{w}"), w, h) else {
            return;
        };
        let profile = common::testdata("profiles/retain-mid.prof");
        t.type_line(&format!(
            "{} --no-mouse {}; echo EXIT=$?",
            bin(),
            profile.display()
        ));
        t.wait_for("Top (functions)", T);
        t.wait_gone("computing…", T);
        t.keys(&["a"]);
        t.wait_for("— alloc_space", T);
        // main.decodeAll is the third row of alloc_space's top table.
        let s = t.settled(T);
        let at = s
            .lines()
            .filter(|l| l.starts_with('│'))
            .skip(1)
            .position(|l| l.contains("main.decodeAll"))
            .expect("main.decodeAll row");
        t.keys(&["g"]);
        for _ in 0..at {
            t.keys(&["j"]);
        }
        t.keys(&["3"]);
        t.wait_for("main.decodeAll  (flat", T);
        let s = t.settled(T);
        assert!(s.contains("▸↑ main.main"), "{s}");
        // Open the caller: who calls main.main.
        t.keys(&["g", "l"]);
        let s = t.wait_for("▾↑ main.main", T);
        assert!(s.contains("↑ runtime.main"), "{s}");
        // The flame graph as an icicle: main.decodeAll stays selected.
        t.keys(&["4"]);
        t.wait_for("Flame graph", T);
        t.keys(&["r"]);
        t.wait_for("Icicle (bottom-up)", T);
        let s = t.settled(T);
        assert!(
            s.lines().any(|l| l.contains("│main.decodeAll  cum")),
            "the selected frame's line names it: {s}"
        );
        t.keys(&["r"]);
        t.wait_gone("Icicle", T);
        let s = t.settled(T);
        assert!(s.lines().any(|l| l.contains("│main.decodeAll  cum")), "{s}");
        t.keys(&["q"]);
        t.wait_for("EXIT=0", T);
    }
}

#[test]
fn a_transform_shows_as_a_breadcrumb_and_backspace_undoes_it() {
    let Some(t) = Tmux::start_or_skip("crumb", 120, 30) else {
        return;
    };
    let profile = common::testdata("profiles/realworld/go-cpu-fib.pb.gz");
    t.type_line(&format!(
        "{} --no-mouse {}; echo EXIT=$?",
        bin(),
        profile.display()
    ));
    t.wait_for("Top (functions)", T);
    t.keys(&["2"]);
    t.wait_for("Call tree — top-down", T);
    // The recursive nat.add is there once the tree is computed.
    t.wait_for("610ms", T);
    t.keys(&["z"]);
    let s = t.wait_for("refined › collapse_recursion=direct", T);
    t.wait_gone("computing…", T);
    let s2 = t.settled(T);
    assert!(
        !s2.contains("610ms"),
        "nat.add under itself is folded: {s}\n{s2}"
    );
    t.keys(&[":"]);
    t.type_line("collapse_package ^math/big$");
    t.wait_for("› collapse_package=^math/big$", T);
    let s = t.settled(T);
    assert!(s.contains("math/big.*"), "{s}");
    t.keys(&["BSpace"]);
    t.wait_gone("collapse_package", T);
    t.keys(&["BSpace"]);
    t.wait_gone("refined", T);
    t.wait_for("610ms", T);
    t.keys(&["q"]);
    t.wait_for("EXIT=0", T);
}

#[test]
fn a_view_is_saved_recalled_and_opened_by_name() {
    let Some(t) = Tmux::start_or_skip("views", 120, 30) else {
        return;
    };
    let dir = ConfigDir::new("views");
    let profile = common::testdata("profiles/realworld/go-cpu-fib.pb.gz");
    let run = |extra: &str, run: u8| {
        t.type_line(&format!(
            "XDG_CONFIG_HOME={} {} --no-mouse {extra} {}; echo EXIT{run}=$?",
            dir.0.display(),
            bin(),
            profile.display()
        ));
    };
    run("", 1);
    t.wait_for("Top (functions)", T);
    t.keys(&["z", "4", "r"]);
    t.wait_for("Icicle (bottom-up)", T);
    t.keys(&["M"]);
    t.wait_for("save view as:", T);
    t.type_line("folded");
    t.wait_for("view folded", T);
    let file = std::fs::read_to_string(dir.0.join("memprof-tui/views.toml")).expect("views.toml");
    assert!(file.contains("name = \"folded\""), "{file}");
    assert!(file.contains("collapse_recursion = \"direct\""), "{file}");
    // Away from it, then back from the list.
    t.keys(&["X", "r", "1"]);
    t.wait_gone("refined", T);
    t.keys(&["'"]);
    t.wait_for("Saved views", T);
    t.keys(&["Enter"]);
    t.wait_for("view folded recalled", T);
    let s = t.wait_for("Icicle (bottom-up)", T);
    assert!(s.contains("collapse_recursion=direct"), "{s}");
    t.keys(&["q"]);
    t.wait_for("EXIT1=0", T);
    // A new run opens on it.
    run("--view folded", 2);
    let s = t.wait_for("Icicle (bottom-up)", T);
    assert!(s.contains("collapse_recursion=direct"), "{s}");
    t.keys(&["q"]);
    t.wait_for("EXIT2=0", T);
    // --print-config views prints the file.
    t.type_line("clear");
    t.type_line(&format!(
        "XDG_CONFIG_HOME={} {} --print-config views | grep -c folded | sed s/^/COUNT=/",
        dir.0.display(),
        bin()
    ));
    t.wait_for("COUNT=1", T);
}
