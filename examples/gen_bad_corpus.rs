//! Writes the bad-input corpus, testdata/bad/ (every file and EXPECT.tsv), from the
//! generator in tests/support/bad_corpus.rs. Files no longer generated are removed.
//!
//! ```text
//! cargo run --example gen_bad_corpus            # writes testdata/bad/
//! cargo run --example gen_bad_corpus -- DIR     # writes DIR instead
//! ```
//!
//! `cargo test --test bad_corpus` fails when the committed files differ from what this
//! writes, so run it after changing the generator and commit the result.

#[path = "../tests/support/bad_corpus.rs"]
mod bad_corpus;

use std::path::PathBuf;
use std::process::ExitCode;

/// Files in the directory that the generator does not write but keeps.
const KEEP: [&str; 2] = ["EXPECT.tsv", "README.md"];

fn main() -> ExitCode {
    let dir = std::env::args_os().nth(1).map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("testdata/bad"),
        PathBuf::from,
    );
    match write(&dir) {
        Ok(n) => {
            println!("wrote {n} files and EXPECT.tsv to {}", dir.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen_bad_corpus: {}: {e}", dir.display());
            ExitCode::FAILURE
        }
    }
}

fn write(dir: &std::path::Path) -> std::io::Result<usize> {
    std::fs::create_dir_all(dir)?;
    let entries = bad_corpus::corpus();
    for e in &entries {
        std::fs::write(dir.join(&e.name), &e.bytes)?;
    }
    std::fs::write(dir.join("EXPECT.tsv"), bad_corpus::manifest(&entries))?;
    for f in std::fs::read_dir(dir)? {
        let name = f?.file_name().to_string_lossy().into_owned();
        if !KEEP.contains(&name.as_str()) && !entries.iter().any(|e| e.name == name) {
            std::fs::remove_file(dir.join(&name))?;
            println!("removed {name}");
        }
    }
    Ok(entries.len())
}
