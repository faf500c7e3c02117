//! Fetching in a real terminal (tmux) from the live Go server: the `--top` progress line
//! counts on stderr and is cleared before "Saved profile in"; the explorer shows the
//! fetch on its loading screen, when the profile was fetched, `R` refetches it and
//! `--watch` refetches periodically.
//! Skipped without tmux or Go (failures under `MEMPROF_TUI_REQUIRE_TMUX` /
//! `MEMPROF_TUI_REQUIRE_GO`).

mod common;

use std::time::Duration;

use common::live::{saved_count, start_server, temp_dir, wait_saved};
use common::tmux::Tmux;

const T: Duration = Duration::from_secs(15);

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_memprof-tui")
}

#[test]
fn top_progress_line_counts_then_is_cleared() {
    if !Tmux::available_or_skip("the fetch progress test") {
        return;
    }
    let Some(server) = start_server() else { return };
    let t = Tmux::start("fetch-top", 160, 30);
    let dir = temp_dir("tmux-top");
    t.type_line(&format!(
        "PPROF_TMPDIR={} {} --top --seconds 2 127.0.0.1:{} >/dev/null; echo EXIT=$?",
        dir.display(),
        bin(),
        server.port
    ));
    // --seconds 2: the deadline is 2 × 1.5 + 5 = 8 s. A bare host:port asks for the CPU
    // profile: the line says so, and where the heap is.
    t.wait_for(
        &format!(
            "fetching a 2-second CPU profile from 127.0.0.1:{}, 1 s / 8 s (add /debug/pprof/heap for the heap)",
            server.port
        ),
        T,
    );
    let s = t.wait_for("\nEXIT=", T);
    assert!(s.contains("EXIT=0"), "{s}");
    assert!(
        !s.contains("fetching a"),
        "the progress line is cleared:\n{s}"
    );
    let saved = dir.join("pprof.liveserver.samples.cpu.001.pb.gz");
    assert!(
        s.contains(&format!("Saved profile in {}", saved.display())),
        "{s}"
    );
    assert_eq!(saved_count(&dir), 1);
}

#[test]
fn explorer_shows_the_fetch_then_refetches_with_r() {
    if !Tmux::available_or_skip("the explorer fetch test") {
        return;
    }
    let Some(server) = start_server() else { return };
    let t = Tmux::start("fetch-explorer", 160, 40);
    let dir = temp_dir("tmux-explorer");
    t.type_line(&format!(
        "PPROF_TMPDIR={} {} --seconds 2 127.0.0.1:{}; echo EXIT=$?",
        dir.display(),
        bin(),
        server.port
    ));
    t.wait_for("fetching a 2-second CPU profile from 127.0.0.1", T);
    t.wait_for("Top (functions)", T);
    let s = t.settled(T);
    assert!(s.contains("fetched "), "the header says when:\n{s}");
    assert!(s.contains("main.burnCPU"), "{s}");
    assert_eq!(saved_count(&dir), 1);
    t.keys(&["R"]);
    t.wait_for("refetching", T);
    t.wait_gone("refetching", T);
    let s = t.settled(T);
    assert!(s.contains("main.burnCPU"), "{s}");
    assert!(!s.contains("refetch failed"), "{s}");
    assert_eq!(saved_count(&dir), 2, "the refetched copy is saved too");
    t.keys(&["q"]);
    let s = t.wait_for("\nEXIT=", T);
    assert!(s.contains("EXIT=0"), "{s}");
}

/// The leak hunt: a heap fetched, fetched again with `R`, and `D` shows what grew in
/// between (the server's retained list keeps growing), then the latest fetch again.
#[test]
fn d_shows_what_grew_since_the_previous_fetch() {
    if !Tmux::available_or_skip("the change-since-previous test") {
        return;
    }
    let Some(server) = start_server() else { return };
    let t = Tmux::start("fetch-change", 160, 40);
    let dir = temp_dir("tmux-change");
    t.type_line(&format!(
        "PPROF_TMPDIR={} {} http://127.0.0.1:{}/debug/pprof/heap; echo EXIT=$?",
        dir.display(),
        bin(),
        server.port
    ));
    t.wait_for("Top (functions)", T);
    t.settled(T);
    std::thread::sleep(Duration::from_millis(1500));
    t.keys(&["R"]);
    let start = std::time::Instant::now();
    while saved_count(&dir) < 2 {
        assert!(start.elapsed() < T, "no second fetch");
        std::thread::sleep(Duration::from_millis(100));
    }
    t.settled(T);
    t.keys(&["D"]);
    t.wait_for("Reading a diff", T);
    t.wait_for("main.growRetained", T);
    let s = t.settled(T);
    assert!(
        s.contains("001.pb.gz"),
        "the previous fetch is the base:\n{s}"
    );
    let grew = s
        .lines()
        .find(|l| l.contains("main.growRetained"))
        .unwrap_or_else(|| panic!("no growRetained row:\n{s}"));
    assert!(grew.contains('+'), "the retained list grew: {grew}");
    t.keys(&["D"]);
    t.wait_gone("Reading a diff", T);
    let s = t.settled(T);
    assert!(s.contains("main.growRetained"), "{s}");
    t.keys(&["q"]);
    let s = t.wait_for("\nEXIT=", T);
    assert!(s.contains("EXIT=0"), "{s}");
}

#[test]
fn watch_refetches_periodically() {
    if !Tmux::available_or_skip("the --watch test") {
        return;
    }
    let Some(server) = start_server() else { return };
    let t = Tmux::start("fetch-watch", 160, 40);
    let dir = temp_dir("tmux-watch");
    t.type_line(&format!(
        "PPROF_TMPDIR={} {} --watch 1 http://127.0.0.1:{}/debug/pprof/heap; echo EXIT=$?",
        dir.display(),
        bin(),
        server.port
    ));
    t.wait_for("Top (functions)", T);
    // One second after each fetch ends, the next starts; each saves a copy.
    let start = std::time::Instant::now();
    while saved_count(&dir) < 3 {
        assert!(
            start.elapsed() < T,
            "{} copies after {T:?}",
            saved_count(&dir)
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(
        start.elapsed() >= Duration::from_millis(1500),
        "not sooner than --watch allows: {:?}",
        start.elapsed()
    );
    // The screen changes every second: no waiting for it to settle.
    let s = t.wait_for("fetched ", T);
    assert!(!s.contains("refetch failed"), "{s}");
    t.keys(&["q"]);
    let s = t.wait_for("\nEXIT=", T);
    assert!(s.contains("EXIT=0"), "{s}");
}

/// The rows of the pane on `screen` from its column header down: the name column only
/// (values change from fetch to fetch), and the bottom border's name (the selected row).
fn tree_rows(screen: &str) -> (Vec<String>, String) {
    let lines: Vec<&str> = screen.lines().collect();
    let head = lines
        .iter()
        .position(|l| l.contains("cum%") && l.contains("name"))
        .unwrap_or_else(|| panic!("no column header:\n{screen}"));
    let at = lines[head].find("name").expect("name column");
    let at = lines[head][..at].chars().count();
    let mut rows = Vec::new();
    let mut bottom = String::new();
    for l in &lines[head + 1..] {
        if l.starts_with('└') {
            bottom = l
                .trim_matches(|c| c == '└' || c == '┘' || c == '─' || c == ' ')
                .into();
            break;
        }
        let name: String = l.chars().skip(at).collect();
        let name = name.trim_end_matches('│').trim().to_string();
        if !name.is_empty() {
            rows.push(name);
        }
    }
    (rows, bottom)
}

/// Waits until `n` more copies are saved in `dir` (each fetch saves one).
fn wait_fetches(dir: &std::path::Path, n: usize) {
    wait_saved(dir, saved_count(dir) + n, T);
    // The new profile is shown once its table is drawn.
    std::thread::sleep(Duration::from_millis(400));
}

/// `--watch 1` refetches every second: the tree keeps its expanded nodes, selection and
/// scroll, the flame graph its zoom and selected frame, across the ticks. (`--no-gc`: a GC
/// before each fetch changes the rows around the expanded ones from tick to tick, which is
/// not what this test is about.)
#[test]
fn watch_keeps_the_tree_expansion_and_the_flame_zoom() {
    if !Tmux::available_or_skip("the --watch place test") {
        return;
    }
    let Some(server) = start_server() else { return };
    let t = Tmux::start("fetch-watch-place", 120, 24);
    let dir = temp_dir("tmux-watch-place");
    t.type_line(&format!(
        "PPROF_TMPDIR={} {} --watch 1 --no-gc http://127.0.0.1:{}/debug/pprof/heap; echo EXIT=$?",
        dir.display(),
        bin(),
        server.port
    ));
    t.wait_for("Top (functions)", T);
    t.keys(&["a", "2"]);
    t.wait_for("Call tree — top-down — alloc_space", T);
    // Open the HTTP server's subtree (the profile handler's own allocations: deep) and
    // scroll down into it.
    t.keys(&["g", "j", "j", "e"]);
    for _ in 0..14 {
        t.keys(&["j"]);
    }
    // Between two ticks the screen holds still: a capture is whole once two agree.
    let (before, selected) = tree_rows(&t.settled(T));
    let open = |rows: &[String]| -> std::collections::BTreeSet<String> {
        rows.iter()
            .filter(|r| r.starts_with('▾'))
            .cloned()
            .collect()
    };
    assert!(open(&before).len() >= 3, "expanded:\n{}", t.screen());
    assert!(
        !before[0].starts_with('▾') || before[0].len() > 2,
        "{before:?}"
    );
    wait_fetches(&dir, 2);
    let s = t.settled(T);
    let (after, selected_after) = tree_rows(&s);
    assert_eq!(selected_after, selected, "the selection stays:\n{s}");
    assert_eq!(open(&before), open(&after), "the expansion stays:\n{s}");
    // (Other rows come and go with what the server allocated between the fetches.)
    // The flame graph, zoomed twice: into the heap profile handler the server ran for
    // the fetches so far, then into its heaviest callee.
    t.keys(&["4"]);
    t.wait_for("Flame graph —", T);
    t.keys(&["/"]);
    t.type_line("writeHeapInternal");
    t.wait_for("runtime/pprof.writeHeapInternal  cum", T);
    t.keys(&["Enter", "j", "Enter"]);
    t.wait_for("zoom: runtime/pprof.writeHeapInternal ›", T);
    let zoom = |s: &str| {
        s.lines()
            .find_map(|l| {
                l.split_once("zoom: ")
                    .map(|(_, z)| z.split(" — ").next().unwrap_or("").to_string())
            })
            .unwrap_or_default()
    };
    let s = t.settled(T);
    let before = zoom(&s);
    assert!(before.contains('›'), "zoomed twice:\n{s}");
    wait_fetches(&dir, 2);
    let s = t.settled(T);
    assert_eq!(zoom(&s), before, "the zoom stays:\n{s}");
    assert!(!s.contains("refetch failed"), "{s}");
    t.keys(&["q"]);
    let s = t.wait_for("\nEXIT=", T);
    assert!(s.contains("EXIT=0"), "{s}");
}
