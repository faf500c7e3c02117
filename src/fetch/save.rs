//! The copy of every fetched profile, named like pprof's: in $PPROF_TMPDIR, else
//! $HOME/pprof, else the system's temporary directory, as
//! `pprof.PROGRAM.TYPE1.TYPE2….NNN.pb.gz`, written whole before it appears.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use flate2::Compression;
use flate2::write::GzEncoder;

/// The directory fetched profiles are saved in (created when missing), with pprof's
/// order of preference; a directory that cannot be created is skipped.
pub fn save_dir() -> io::Result<PathBuf> {
    let mut candidates = Vec::new();
    if let Some(d) = std::env::var_os("PPROF_TMPDIR").filter(|d| !d.is_empty()) {
        candidates.push(PathBuf::from(d));
    }
    if let Some(h) = std::env::var_os("HOME").filter(|h| !h.is_empty()) {
        candidates.push(Path::new(&h).join("pprof"));
    }
    candidates.push(std::env::temp_dir());
    let mut last = None;
    for dir in candidates {
        match std::fs::create_dir_all(&dir) {
            Ok(()) => return Ok(dir),
            Err(e) => last = Some(e),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::other("no directory to save the profile in")))
}

/// pprof's file-name prefix: `pprof.`, the program's base name when known, then every
/// sample type, each followed by a dot. Characters a file name cannot hold safely
/// (separators, controls) become `_`, and each part is cut to 64 characters.
pub fn save_prefix(program: Option<&str>, sample_types: &[&str]) -> String {
    let mut prefix = String::from("pprof.");
    for part in program.into_iter().chain(sample_types.iter().copied()) {
        let safe: String = part
            .chars()
            .take(64)
            .map(|c| {
                if c == '/' || c == '\\' || c.is_control() || !c.is_ascii() && !c.is_alphanumeric()
                {
                    '_'
                } else {
                    c
                }
            })
            .collect();
        prefix.push_str(&safe);
        prefix.push('.');
    }
    prefix
}

/// Saves `body` (gzip-compressed first unless it already is) in `dir` as
/// `PREFIX.NNN.pb.gz` with the first free counter from 001, like pprof. The file is
/// written under a temporary name and linked into place, so it appears whole and an
/// existing file is never replaced.
pub fn save(dir: &Path, prefix: &str, body: &[u8]) -> io::Result<PathBuf> {
    let tmp = dir.join(format!(".{prefix}{}.tmp", std::process::id()));
    let written = write_gzipped(&tmp, body).and_then(|()| link_free_name(dir, prefix, &tmp));
    let _ = std::fs::remove_file(&tmp);
    written
}

fn write_gzipped(path: &Path, body: &[u8]) -> io::Result<()> {
    let mut file = std::fs::File::create(path)?;
    if body.starts_with(&[0x1f, 0x8b]) {
        file.write_all(body)?;
    } else {
        let mut gz = GzEncoder::new(&mut file, Compression::default());
        gz.write_all(body)?;
        gz.finish()?;
    }
    file.sync_all()
}

fn link_free_name(dir: &Path, prefix: &str, tmp: &Path) -> io::Result<PathBuf> {
    for index in 1..10000 {
        let path = dir.join(format!("{prefix}{index:03}.pb.gz"));
        match std::fs::hard_link(tmp, &path) {
            Ok(()) => return Ok(path),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other(format!(
        "could not create a file of the form {prefix}001.pb.gz"
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_names_program_and_every_sample_type() {
        assert_eq!(
            save_prefix(Some("server"), &["alloc_objects", "alloc_space"]),
            "pprof.server.alloc_objects.alloc_space."
        );
        assert_eq!(save_prefix(None, &["samples", "cpu"]), "pprof.samples.cpu.");
        assert_eq!(
            save_prefix(Some("a/b\x1b[31m"), &["x\u{202e}"]),
            "pprof.a_b_[31m.x_."
        );
    }

    #[test]
    fn counter_takes_the_first_free_number_and_body_is_gzip() {
        let dir = std::env::temp_dir().join(format!("memprof-save-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("dir");
        let first = save(&dir, "pprof.p.t.", b"raw").expect("save");
        let second = save(&dir, "pprof.p.t.", b"\x1f\x8bgz").expect("save");
        assert_eq!(first, dir.join("pprof.p.t.001.pb.gz"));
        assert_eq!(second, dir.join("pprof.p.t.002.pb.gz"));
        let mut text = String::new();
        let bytes = std::fs::read(&first).expect("read");
        io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&bytes[..]), &mut text)
            .expect("gunzip");
        assert_eq!(text, "raw");
        assert_eq!(std::fs::read(&second).expect("read"), b"\x1f\x8bgz");
        let left: Vec<_> = std::fs::read_dir(&dir).expect("ls").collect();
        assert_eq!(left.len(), 2, "no temporary file left");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
