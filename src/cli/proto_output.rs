//! `--proto FILE` (pprof's `-proto`): the refined profile written as gzipped
//! profile.proto. Like pprof, every sample type is kept (the sample index only has to
//! name one), the granularity does not apply (pprof writes at address granularity, as
//! loaded), and the profile is the one the reports see: filters and transforms applied,
//! a diff's base subtracted, samples without a stack dropped (as pprof's filtering always
//! does). A file is written under a temporary name in its directory
//! and renamed into place, so it appears whole (an existing file is replaced, as pprof's
//! -output does); `-` writes to stdout, never to a terminal.

use std::borrow::Cow;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use flate2::Compression;
use flate2::write::GzEncoder;

use super::{Args, EXIT_FAILURE, Failure, OutputFormat, apply_filters};
use crate::analysis::filter::{self, Filters};
use crate::profile::{self, Profile};

/// Refuses what cannot work before anything is loaded: binary output to a terminal, an
/// output format (there is no text to format).
pub fn check(args: &Args) -> Result<(), Failure> {
    let Some(dest) = args.proto.as_deref() else {
        return Ok(());
    };
    if args.format != OutputFormat::Text {
        return Err(Failure::usage(
            "--format applies to text reports; --proto writes profile.proto",
        ));
    }
    if dest == "-" && std::io::stdout().is_terminal() {
        return Err(Failure::usage(
            "--proto - would write a binary profile to the terminal: give a file, or redirect stdout",
        ));
    }
    if dest.is_empty() {
        return Err(Failure::usage(
            "--proto needs a file name (or - for stdout)",
        ));
    }
    Ok(())
}

/// The gzipped profile.proto of `p` after the flags' refinements (pprof's messages about
/// them on stderr, as for the text reports).
pub fn refined_bytes(args: &Args, p: &Profile) -> Result<Vec<u8>, Failure> {
    let opts = args.report_options(p)?;
    let filtered = apply_filters(p, &opts)?;
    // pprof filters by name even with no filter set, which drops the samples without a
    // stack: its -proto never writes them.
    let filtered = match filtered {
        Cow::Borrowed(p) => Cow::Owned(filter::filter_profile(p, &Filters::default()).0),
        owned => owned,
    };
    let raw = profile::encode_to_vec(&filtered);
    let mut gz = GzEncoder::new(Vec::with_capacity(raw.len() / 4), Compression::default());
    gz.write_all(&raw)
        .and_then(|()| gz.finish())
        .map_err(|e| Failure::unexpected(format!("compressing the profile: {e}")))
}

/// Writes the refined profile to `dest` (`-`: stdout).
pub fn write(args: &Args, p: &Profile, dest: &str) -> Result<(), Failure> {
    let bytes = refined_bytes(args, p)?;
    if dest == "-" {
        let mut out = std::io::stdout().lock();
        return out
            .write_all(&bytes)
            .and_then(|()| out.flush())
            .map_err(|e| Failure::unexpected(format!("writing output: {e}")));
    }
    write_file(Path::new(dest), &bytes).map_err(|e| Failure {
        message: format!("cannot write {dest}: {e}"),
        code: EXIT_FAILURE,
    })
}

/// Writes `bytes` to `path` through a temporary file in the same directory, renamed into
/// place (the directory must exist).
fn write_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
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
