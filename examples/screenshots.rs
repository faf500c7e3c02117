//! Writes the README's pictures of the explorer, drawn by the real renderer from the
//! committed profiles, to assets/screenshots/ (`tests/screenshots.rs` fails when they
//! are stale):
//!
//! cargo run --example screenshots

use std::path::Path;

fn main() {
    // Profiles print their time in local time: pictures are made in UTC.
    // SAFETY: set before any other thread exists.
    unsafe { std::env::set_var("TZ", "UTC") };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::env::set_current_dir(root).expect("cd to the repository");
    let dir = root.join("assets/screenshots");
    std::fs::create_dir_all(&dir).expect("assets/screenshots");
    let screens =
        memprof_tui_testkit::screenshot::screens(&root.join("testdata")).unwrap_or_else(|e| {
            eprintln!("screenshots: {e}");
            std::process::exit(1);
        });
    for (name, svg) in screens {
        let path = dir.join(name);
        std::fs::write(&path, svg).expect("write");
        println!("wrote {}", path.display());
    }
}
