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
//!
//! ```text
//! cargo run --example gen_bad_corpus -- --bombs DIR   # bombs for the default caps
//! ```
//!
//! writes bombs sized for the default caps (1 GiB decompressed, 4 GiB estimated memory)
//! instead, for `scripts/memory.sh`, and a valid profile with 30 million unused strings;
//! they are not committed (about 8 MB together).

#[path = "../tests/support/bad_corpus.rs"]
mod bad_corpus;

use std::path::PathBuf;
use std::process::ExitCode;

/// Files in the directory that the generator does not write but keeps.
const KEEP: [&str; 2] = ["EXPECT.tsv", "README.md"];

/// Bombs for the default caps: (file, unit repeated, MiB decompressed).
const DEFAULT_CAP_BOMBS: [(&str, &[u8], u64); 6] = [
    // Over the 1 GiB cap: refused by size.
    ("zeros-1200mib.pb.gz", &[0x00], 1200),
    ("samples-1200mib.pb.gz", &[0x12, 0x00], 1200),
    // Under the size cap, but hundreds of millions of elements: refused by the estimate.
    ("samples-600mib.pb.gz", &[0x12, 0x00], 600),
    ("locations-600mib.pb.gz", &[0x22, 0x00], 600),
    ("functions-600mib.pb.gz", &[0x2a, 0x00], 600),
    ("strings-900mib.pb.gz", &[0x32, 0x00], 900),
];

fn write_bombs(dir: &std::path::Path) -> std::io::Result<usize> {
    std::fs::create_dir_all(dir)?;
    for (name, unit, mib) in DEFAULT_CAP_BOMBS {
        std::fs::write(dir.join(name), bad_corpus::gzip_bomb(unit, mib))?;
    }
    // Eleven members of 100 MiB: the cap counts all members together.
    let member = bad_corpus::gzip_bomb(&[0x12, 0x00], 100);
    std::fs::write(dir.join("multi-member-1100mib.pb.gz"), member.repeat(11))?;
    // Not a bomb: a valid two-function profile with 30 million empty strings that no
    // sample uses (60 MiB decompressed), accepted by the default caps; what it costs is
    // what scripts/memory.sh measures.
    std::fs::write(
        dir.join("unused-strings-30m.pb.gz"),
        bad_corpus::unused_strings(60),
    )?;
    Ok(DEFAULT_CAP_BOMBS.len() + 2)
}

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    if args.next().is_some_and(|a| a == "--bombs") {
        let dir = args
            .next()
            .map_or_else(|| PathBuf::from("bench-out/bombs"), PathBuf::from);
        return match write_bombs(&dir) {
            Ok(n) => {
                println!("wrote {n} bombs to {}", dir.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("gen_bad_corpus: {}: {e}", dir.display());
                ExitCode::FAILURE
            }
        };
    }
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
