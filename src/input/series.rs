//! A series of snapshots of one program named on the command line: profile files,
//! folders and patterns of them (their files, by name), each loaded on its own — not merged — and put
//! in time order (the profile's time, else the file's modification time).

use std::time::UNIX_EPOCH;

use crate::profile::{Limits, LoadError, LoadErrorKind, Profile};

/// One loaded snapshot.
#[derive(Debug)]
pub struct SeriesEntry {
    /// The file it was read from.
    pub name: String,
    /// The profile.
    pub profile: Profile,
    /// When it was taken: the profile's `time_nanos`, else the file's modification time
    /// (ns since the epoch).
    pub at_nanos: i64,
}

/// The files `inputs` name: a folder stands for its regular files (hidden ones left
/// out), sorted by name, a pattern for the files it matches ([`super::files::expand`]).
pub fn expand(inputs: &[String]) -> Result<Vec<String>, LoadError> {
    super::files::expand(inputs)
        .map_err(|e| LoadError::new(&e.input, LoadErrorKind::Read, e.message))
}

/// When the file at `path` was last modified (ns since the epoch), if known.
fn modified_nanos(path: &str) -> Option<i64> {
    let t = std::fs::metadata(path).ok()?.modified().ok()?;
    i64::try_from(t.duration_since(UNIX_EPOCH).ok()?.as_nanos()).ok()
}

/// Loads every file `inputs` name ([`expand`]) on its own and orders them by time (files
/// taken at the same time keep their order).
pub fn load_series(inputs: &[String], limits: &Limits) -> Result<Vec<SeriesEntry>, LoadError> {
    let mut entries = Vec::new();
    for name in expand(inputs)? {
        let profile = super::load(std::slice::from_ref(&name), limits)?;
        let at_nanos = if profile.time_nanos != 0 {
            profile.time_nanos
        } else {
            modified_nanos(&name).unwrap_or(0)
        };
        entries.push(SeriesEntry {
            name,
            profile,
            at_nanos,
        });
    }
    entries.sort_by_key(|e| e.at_nanos);
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_stands_for_its_files_in_name_order() {
        let dir = format!(
            "{}/testdata/profiles/series/leak",
            env!("CARGO_MANIFEST_DIR")
        );
        let files = expand(std::slice::from_ref(&dir)).expect("listed");
        assert!(files.len() >= 10);
        assert!(files.windows(2).all(|w| w[0] < w[1]));
        assert!(files[0].ends_with("heap-01.pb.gz"), "{}", files[0]);
    }

    #[test]
    fn an_empty_folder_is_an_error_naming_it() {
        let dir = std::env::temp_dir().join(format!("memprof-series-empty-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let name = dir.display().to_string();
        let e = expand(std::slice::from_ref(&name)).expect_err("empty");
        assert!(e.to_string().contains(&name), "{e}");
        let _ = std::fs::remove_dir(&dir);
    }
}
