//! The `profile` layer: profile bytes (gzipped or raw profile.proto, or a legacy format)
//! decoded into a validated, immutable model (pprof's `profile` package). Which input a
//! name means, and fetching, are the `input` layer's; this one knows no network, reports
//! or terminals.

pub mod compact;
mod decode;
pub mod diff;
mod encode;
mod error;
mod flat_locations;
mod flat_stream;
pub mod fleet;
pub mod gopath;
mod label;
mod legacy;
mod limits;
pub mod lossless;
mod merge;
mod merge_fold;
mod model;
pub mod names;
mod packed;
mod progress;
mod prune;
mod resolve;
mod sample_columns;
pub mod sample_groups;
mod samples;
mod scan;
mod shared;
pub mod sniff;
mod stream;
mod stream_open;
mod string_arena;
mod used;
pub mod wire;
pub mod wire_flat;

pub use decode::{decode, decode_from, gunzip_if_needed};
pub use diff::{BaseMode, Bases, diff, diff_owned};
pub use encode::{encode, encode_to_vec};
pub use error::{LoadError, LoadErrorKind, io_error, over_size};
pub use limits::{ElementCounts, Limits, human_bytes};
pub use model::{Function, Label, Line, Location, Mapping, Profile, StrId, ValueType};
pub use progress::{LoadProgress, ProgressSnapshot};
pub use prune::simplify_func;
pub use sample_columns::SampleColumns;
pub use samples::{SampleSelection, Samples};
pub use scan::{TopLevelScanner, scan_top_level};
pub use shared::{HeapSize, Shared};
pub use stream::Source;

/// Decodes one in-memory profile and prepares it like a loaded input ([`prepare`]).
pub fn load_bytes(name: &str, data: &[u8], limits: &Limits) -> Result<Profile, LoadError> {
    let p = decode(name, data, limits)?;
    prepare(vec![(name.to_string(), p)])
}

/// Decoded inputs (each with its name) made into the profile pprof shows: merged,
/// names demangled, drop_frames/keep_frames applied.
pub fn prepare(decoded: Vec<(String, Profile)>) -> Result<Profile, LoadError> {
    let name = decoded
        .iter()
        .map(|(n, _)| n.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let p = merge::merge(decoded).map_err(|m| LoadError::invalid(&name, m))?;
    finish_merged(&name, p)
}

/// What pprof does to a profile once merged: names demangled, drop_frames/keep_frames
/// applied (`name` names the inputs in an error).
pub fn finish_merged(name: &str, mut p: Profile) -> Result<Profile, LoadError> {
    names::demangle_names(&mut p);
    prune::remove_uninteresting(&mut p).map_err(|m| LoadError::invalid(name, m))?;
    Ok(p)
}

/// Loads testdata/profiles/NAME (for unit tests).
#[cfg(test)]
pub(crate) fn testdata_profile(name: &str) -> Profile {
    let path = format!("{}/testdata/profiles/{name}", env!("CARGO_MANIFEST_DIR"));
    let data = std::fs::read(&path).expect("read profile");
    load_bytes(&path, &data, &Limits::default()).expect("load profile")
}
