//! The `profile` layer: decoding profile.proto files into a validated, immutable model
//! (pprof's `profile` package). Knows nothing of reports or terminals.

mod decode;
pub mod diff;
mod encode;
mod error;
pub mod gopath;
mod legacy;
mod limits;
pub mod lossless;
mod merge;
mod model;
pub mod names;
mod prune;
mod resolve;
pub mod wire;
pub mod wire_flat;

pub use decode::{decode, decode_owned, gunzip_if_needed, read_input, scan_top_level};
pub use diff::{BaseMode, Bases, diff};
pub use encode::{encode, encode_to_vec};
pub use error::{LoadError, LoadErrorKind};
pub use limits::{ElementCounts, Limits, human_bytes};
pub use model::{Function, Label, Line, Location, Mapping, Profile, Samples, StrId, ValueType};
pub use prune::simplify_func;

/// Loads and merges `inputs` (paths, or "-" for stdin) the way `go tool pprof` does:
/// decode and validate each, merge them, then apply drop_frames/keep_frames.
pub fn load(inputs: &[String], limits: &Limits) -> Result<Profile, LoadError> {
    let mut decoded = Vec::with_capacity(inputs.len());
    for input in inputs {
        let data = read_input(input, limits)?;
        decoded.push((input.clone(), decode_owned(input, data, limits)?));
    }
    load_decoded(decoded)
}

/// Loads `inputs` like [`load`], then, when `bases` names base profiles, loads and merges
/// those the same way and subtracts them ([`diff()`], pprof's `-diff_base`/`-base`).
pub fn load_with_bases(
    inputs: &[String],
    bases: Option<&Bases>,
    limits: &Limits,
) -> Result<Profile, LoadError> {
    let p = load(inputs, limits)?;
    let Some(bases) = bases.filter(|b| !b.paths.is_empty()) else {
        return Ok(p);
    };
    let base = load(&bases.paths, limits)?;
    diff(&p, &base, bases.mode, bases.normalize)
        .map_err(|m| LoadError::invalid(&bases.paths.join(" "), m))
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
