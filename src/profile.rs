//! The `profile` layer: decoding profile.proto files into a validated, immutable model
//! (pprof's `profile` package). Knows nothing of reports or terminals.

mod decode;
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
mod remote;
mod resolve;
pub mod wire;
pub mod wire_flat;

pub use decode::{InputBytes, decode, decode_owned, gunzip_if_needed, read_input, scan_top_level};
pub use encode::{encode, encode_to_vec};
pub use error::{LoadError, LoadErrorKind};
pub use limits::{ElementCounts, Limits, human_bytes};
pub use model::{Function, Label, Line, Location, Mapping, Profile, Samples, StrId, ValueType};
pub use prune::simplify_func;
pub use remote::FetchedInput;

use crate::fetch::FetchOptions;

/// Loads and merges `inputs` (paths, or "-" for stdin) the way `go tool pprof` does:
/// decode and validate each, merge them, then apply drop_frames/keep_frames. Inputs
/// that name a server are fetched with the default options ([`load_with`]).
pub fn load(inputs: &[String], limits: &Limits) -> Result<Profile, LoadError> {
    load_with(inputs, limits, &FetchOptions::default()).map(|l| l.profile)
}

/// A loaded profile and the fetched inputs, with where each was saved.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// The merged profile.
    pub profile: Profile,
    /// The inputs fetched from servers, in command-line order.
    pub fetched: Vec<FetchedInput>,
}

/// Like [`load`], fetching URL and `host:port` inputs with `fetch` and saving a copy of
/// each fetched profile as pprof does.
pub fn load_with(
    inputs: &[String],
    limits: &Limits,
    fetch: &FetchOptions,
) -> Result<Loaded, LoadError> {
    let mut decoded = Vec::with_capacity(inputs.len());
    let mut fetched = Vec::new();
    for input in inputs {
        let read = read_input(input, limits, fetch)?;
        let p = match read.url {
            Some(url) => {
                let p = decode(input, &read.data, limits)?;
                fetched.push(remote::save_fetched(input, url, &read.data, &p));
                p
            }
            None => decode_owned(input, read.data, limits)?,
        };
        decoded.push((input.clone(), p));
    }
    Ok(Loaded {
        profile: load_decoded(decoded)?,
        fetched,
    })
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
