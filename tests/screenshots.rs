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

#[test]
fn the_guide_shows_every_guide_screen_and_only_pictures_that_exist() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let guide = std::fs::read_to_string(root.join("docs/GUIDE.md")).expect("docs/GUIDE.md");
    let pictures: Vec<&str> = guide
        .split("](../assets/screenshots/")
        .skip(1)
        .filter_map(|s| s.split(')').next())
        .collect();
    assert!(pictures.len() >= 8, "{pictures:?}");
    for p in &pictures {
        assert!(
            root.join("assets/screenshots").join(p).is_file(),
            "docs/GUIDE.md shows {p}, which is not in assets/screenshots/"
        );
    }
    for (file, ..) in memprof_tui_testkit::screenshot::GUIDE_SCREENS {
        assert!(pictures.contains(&file), "{file} is not in docs/GUIDE.md");
    }
    // The README links the guide.
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    assert!(readme.contains("(docs/GUIDE.md)"));
}
