//! The `profile` layer: decoding profile.proto files into a validated, immutable model
//! (pprof's `profile` package). Knows nothing of reports or terminals.

mod decode;
mod encode;
mod error;
mod flat_stream;
pub mod gopath;
mod legacy;
mod limits;
pub mod lossless;
mod merge;
mod model;
pub mod names;
mod packed;
mod progress;
mod prune;
mod resolve;
mod scan;
mod stream;
pub mod wire;
pub mod wire_flat;

pub use decode::{decode, decode_input, gunzip_if_needed, read_input};
pub use encode::{encode, encode_to_vec};
pub use error::{LoadError, LoadErrorKind};
pub use limits::{ElementCounts, Limits, human_bytes};
pub use model::{Function, Label, Line, Location, Mapping, Profile, Samples, StrId, ValueType};
pub use progress::{LoadProgress, ProgressSnapshot};
pub use prune::simplify_func;
pub use scan::{TopLevelScanner, scan_top_level};

/// Loads and merges `inputs` (paths, or "-" for stdin) the way `go tool pprof` does:
/// decode and validate each, merge them, then apply drop_frames/keep_frames.
pub fn load(inputs: &[String], limits: &Limits) -> Result<Profile, LoadError> {
    load_with_progress(inputs, limits, &LoadProgress::new())
}

/// Like [`load`], counting bytes read, bytes decompressed and samples decoded in
/// `progress` (read from another thread to show how far loading has got).
pub fn load_with_progress(
    inputs: &[String],
    limits: &Limits,
    progress: &LoadProgress,
) -> Result<Profile, LoadError> {
    let mut decoded = Vec::with_capacity(inputs.len());
    for input in inputs {
        decoded.push((input.clone(), decode_input(input, limits, progress)?));
    }
    load_decoded(decoded)
}

/// Decodes one in-memory profile and prepares it like [`load`].
pub fn load_bytes(name: &str, data: &[u8], limits: &Limits) -> Result<Profile, LoadError> {
    let p = decode(name, data, limits)?;
    load_decoded(vec![(name.to_string(), p)])
}

fn load_decoded(decoded: Vec<(String, Profile)>) -> Result<Profile, LoadError> {
    let name = decoded
        .iter()
        .map(|(n, _)| n.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let mut p = merge::merge(decoded).map_err(|m| LoadError::invalid(&name, m))?;
    names::demangle_names(&mut p);
    prune::remove_uninteresting(&mut p).map_err(|m| LoadError::invalid(&name, m))?;
    Ok(p)
}

/// Loads testdata/profiles/NAME (for unit tests).
#[cfg(test)]
pub(crate) fn testdata_profile(name: &str) -> Profile {
    let path = format!("{}/testdata/profiles/{name}", env!("CARGO_MANIFEST_DIR"));
    load(&[path], &Limits::default()).expect("load profile")
}
