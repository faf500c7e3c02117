//! The README's pictures (assets/screenshots/) are what the renderer draws today:
//! regenerate them with `cargo run --example screenshots` when this fails.

mod common;

#[test]
fn screenshots_are_up_to_date() {
    common::utc();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let screens =
        memprof_tui_testkit::screenshot::screens(&root.join("testdata")).expect("screens");
    let mut stale = Vec::new();
    for (name, svg) in screens {
        let path = root.join("assets/screenshots").join(name);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(svg.as_str()) {
            stale.push(name);
        }
    }
    assert!(
        stale.is_empty(),
        "stale pictures {stale:?}: run `cargo run --example screenshots` and commit assets/screenshots/"
    );
}
