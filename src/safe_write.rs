//! Writing a file the user named (an export, the saved views): under a temporary name in
//! its directory, renamed into place so it appears whole (an existing file is replaced),
//! and never under /proc, /sys or /dev (after following symlinks).

use std::io::Write;
use std::path::{Path, PathBuf};

/// Why `path` may not be written: a name that is no file name, or a directory under
/// /proc, /sys or /dev (after following symlinks).
pub fn refuse(path: &Path) -> Option<String> {
    if path.as_os_str().is_empty() {
        return Some("no file name given".into());
    }
    if path.file_name().is_none() || path.to_string_lossy().ends_with('/') {
        return Some(format!("{}: not a file name", path.display()));
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let resolved = std::fs::canonicalize(&dir).unwrap_or(dir);
    let system = crate::safe_file::SYSTEM_DIRS
        .iter()
        .any(|d| resolved.starts_with(d) || path.starts_with(d));
    system.then(|| {
        format!(
            "{}: nothing is written under /proc, /sys or /dev",
            path.display()
        )
    })
}

/// Writes `bytes` to `path` through a temporary file in the same directory, renamed into
/// place (the directory must exist); refuses what [`refuse`] refuses.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(why) = refuse(path) {
        return Err(std::io::Error::other(why));
    }
    if path.is_dir() {
        return Err(std::io::Error::other("is a directory"));
    }
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::other("not a file name"))?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(name);
    tmp_name.push(format!(".{}.tmp", std::process::id()));
    let tmp = dir.join(tmp_name);
    let result = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&tmp)
        .and_then(|mut f| f.write_all(bytes).and_then(|()| f.sync_all()))
        .and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_is_written_under_system_directories() {
        for p in [
            "/proc/self/x",
            "/sys/x.pb.gz",
            "/dev/shm/x.txt",
            "/dev/null",
        ] {
            assert!(refuse(Path::new(p)).is_some(), "{p}");
            assert!(write_atomic(Path::new(p), b"x").is_err(), "{p}");
        }
        assert!(refuse(Path::new("")).is_some());
        assert!(refuse(Path::new("dir/")).is_some());
        assert!(refuse(Path::new("x.pb.gz")).is_none());
    }

    #[test]
    fn files_appear_whole_and_replace_what_was_there() {
        let dir = std::env::temp_dir().join(format!("memprof-export-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let path = dir.join("out.txt");
        std::fs::write(&path, "old").expect("write");
        write_atomic(&path, b"new").expect("replace");
        assert_eq!(std::fs::read(&path).expect("read"), b"new");
        let left: Vec<_> = std::fs::read_dir(&dir).expect("list").collect();
        assert_eq!(left.len(), 1, "no temporary file left");
        assert!(write_atomic(&dir.join("missing/x"), b"x").is_err());
        assert!(write_atomic(&dir, b"x").is_err(), "a directory");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
