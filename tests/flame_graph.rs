//! The flame graph on a bushy, deep profile (made by `examples/gen_profile.rs` in memory:
//! 20,000 samples, stacks 10–40 deep): snapshots of the first screen and of a deep,
//! narrow selection at 80×24 and 160×48, and clicks on what the layout placed — a block
//! of narrow frames selects the heaviest of them, the marker row walks up.

mod common;

#[path = "../examples/gen_profile.rs"]
#[allow(dead_code)]
mod gen_profile;

use std::sync::Arc;

use common::Harness;
use memprof_tui::app::Event;
use memprof_tui::app::flame_layout::Piece;
use memprof_tui::app::input::Mouse;
use memprof_tui::input::load;
use memprof_tui::profile::Limits;
use prost::Message;

fn bushy(w: u16, h: u16) -> Harness {
    let opts = gen_profile::Opts {
        samples: 20_000,
        functions: 400,
        min_depth: 10,
        max_depth: 40,
        seed: 7,
        ..Default::default()
    };
    let (p, _) = gen_profile::generate(&opts);
    let dir = std::env::temp_dir().join(format!("memprof-flame-snap-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(format!("bushy-{w}x{h}.pb"));
    std::fs::write(&path, p.encode_to_vec()).expect("write");
    let name = path.display().to_string();
    let loaded = load(std::slice::from_ref(&name), &Limits::default()).expect("load");
    let _ = std::fs::remove_file(&path);
    Harness::from_profile(Arc::new(loaded), "bushy.pb", w, h)
}

/// The graph rows of the screen (between the pane's top border and the legend).
fn graph(screen: &str) -> Vec<&str> {
    screen
        .lines()
        .skip_while(|l| !l.contains("Flame graph —"))
        .skip(1)
        .take_while(|l| !l.contains("still in use"))
        .collect()
}

#[test]
fn first_screen_80x24() {
    let mut h = bushy(80, 24);
    h.type_str("4");
    let s = h.screen();
    let rows = graph(&s);
    assert!(rows[0].starts_with("│▏runtime.goexit"), "{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn deep_selection_80x24() {
    let mut h = bushy(80, 24);
    // Up to the root (runtime.goexit), then down the heaviest callees.
    h.type_str(&format!("4{}", "k".repeat(40)));
    h.type_str(&"j".repeat(20));
    let s = h.screen();
    let rows = graph(&s);
    assert!(rows[0].starts_with("│▏runtime.goexit"), "{s}");
    assert!(
        rows.iter()
            .any(|r| r.contains("┄┄ ") && r.contains("below ×")),
        "{s}"
    );
    insta::assert_snapshot!(s);
}

#[test]
fn deep_selection_160x48() {
    let mut h = bushy(160, 48);
    h.type_str(&format!("4{}", "k".repeat(40)));
    h.type_str(&"j".repeat(30));
    insta::assert_snapshot!(h.screen());
}

#[test]
fn clicks_select_what_the_layout_placed() {
    let mut h = bushy(80, 24);
    h.type_str("4");
    let r = h.app.layout().body;
    let pane = h.app.flame();
    let tree = pane.tree().expect("tree").clone();
    let t = h.app.view_key().sample.index();
    let l = pane
        .layout(h.app.frames(), t, r.width, r.height)
        .expect("layout");
    // A block of narrow frames: the click selects the heaviest of them, which is then
    // drawn alone.
    let (cell, heaviest) = l
        .cells
        .iter()
        .find_map(|c| match c.piece {
            Piece::More { heaviest, .. } => Some((*c, heaviest)),
            Piece::Frame(_) => None,
        })
        .expect("a block of narrow frames");
    let cmds = h
        .app
        .handle(Event::Mouse(Mouse::Click(r.x + cell.x, r.y + cell.row)));
    h.run(cmds);
    h.draw();
    assert_eq!(h.app.flame().selected(), Some(heaviest));
    let siblings = tree.sorted_children(tree.parent(heaviest), t);
    assert_eq!(siblings.iter().find(|&&n| n == heaviest), Some(&heaviest));
    let l = h
        .app
        .flame()
        .layout(h.app.frames(), t, r.width, r.height)
        .expect("layout");
    assert!(l.cells.iter().any(|c| c.node() == Some(heaviest)));

    // Deep down, a click on the marker row selects the deepest caller it hides (the one
    // just above the rows below it).
    h.type_str(&"k".repeat(40));
    h.type_str(&"j".repeat(20));
    let l = h
        .app
        .flame()
        .layout(h.app.frames(), t, r.width, r.height)
        .expect("layout");
    let row = l.window.marker_row().expect("marker row");
    let hidden = *l.hidden_path.last().expect("hidden callers");
    assert_eq!(l.above_marker, Some(hidden));
    let cmds = h.app.handle(Event::Mouse(Mouse::Click(r.x + 3, r.y + row)));
    h.run(cmds);
    assert_eq!(h.app.flame().selected(), Some(hidden));
}
