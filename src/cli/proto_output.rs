//! `--proto FILE` (pprof's `-proto`): the refined profile written as gzipped
//! profile.proto. Like pprof, every sample type is kept (the sample index only has to
//! name one), the granularity does not apply (pprof writes at address granularity, as
//! loaded), and the profile is the one the reports see: filters and transforms applied,
//! a diff's base subtracted, samples without a stack dropped (as pprof's filtering always
//! does). A file is written under a temporary name in its directory
//! and renamed into place, so it appears whole (an existing file is replaced, as pprof's
//! -output does), never under /proc, /sys or /dev ([`crate::export`], which the
//! explorer's export shares); `-` writes to stdout, never to a terminal.

use std::borrow::Cow;
use std::io::{IsTerminal, Write};
use std::path::Path;

use super::{Args, EXIT_FAILURE, Failure, OutputFormat, apply_filters};
use crate::profile::Profile;

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
    let ran = matches!(filtered, Cow::Owned(_));
    crate::export::proto_bytes(&filtered, ran).map_err(Failure::unexpected)
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
    crate::safe_write::write_atomic(Path::new(dest), &bytes).map_err(|e| Failure {
        message: format!("cannot write {dest}: {e}"),
        code: EXIT_FAILURE,
    })
}
