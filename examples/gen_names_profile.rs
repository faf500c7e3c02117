//! Writes testdata/profiles/synthetic/names.pb from tests/support/names_profile.rs.
//!
//! ```text
//! cargo run --example gen_names_profile
//! ```

#[path = "../tests/support/names_profile.rs"]
mod names_profile;

use std::path::Path;

fn main() -> std::io::Result<()> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/profiles/synthetic");
    std::fs::create_dir_all(&dir)?;
    let path = dir.join("names.pb");
    std::fs::write(&path, names_profile::bytes())?;
    println!("wrote {}", path.display());
    Ok(())
}
