//! The `profile` layer: decoding profile.proto files into a validated, immutable model
//! (pprof's `profile` package). Knows nothing of reports or terminals.

mod decode;
pub mod diff;
mod encode;
mod error;
mod flat_locations;
mod flat_stream;
mod fleet;
pub mod gopath;
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
mod remote;
mod resolve;
mod scan;
mod stream;
mod stream_open;
mod string_arena;
mod used;
pub mod wire;
pub mod wire_flat;

pub use decode::{InputBytes, decode, decode_input, gunzip_if_needed, read_input};
pub use diff::{BaseMode, Bases, diff};
pub use encode::{encode, encode_to_vec};
pub use error::{LoadError, LoadErrorKind};
pub use limits::{ElementCounts, Limits, human_bytes};
pub use model::{Function, Label, Line, Location, Mapping, Profile, Samples, StrId, ValueType};
pub use progress::{LoadProgress, ProgressSnapshot};
pub use prune::simplify_func;
pub use remote::FetchedInput;
pub use scan::{TopLevelScanner, scan_top_level};

use crate::fetch::FetchOptions;

/// Loads and merges `inputs` (paths, or "-" for stdin) the way `go tool pprof` does:
/// decode and validate each, merge them, then apply drop_frames/keep_frames. A directory
/// or a glob pattern stands for its files ([`crate::input_files`]); several local files
/// are decoded and merged in parallel ([`fleet`]). Inputs that name a server are fetched
/// with the default options ([`load_with`]).
pub fn load(inputs: &[String], limits: &Limits) -> Result<Profile, LoadError> {
    load_with(
        inputs,
        limits,
        &FetchOptions::default(),
        &LoadProgress::new(),
    )
    .map(|l| l.profile)
}

/// Whether `input` names a server to fetch from (not stdin, no such file, and a URL or
/// `host:port[/path]`): the rule [`load_with`] follows.
pub fn is_remote(input: &str, fetch: &FetchOptions) -> bool {
    decode::remote_input(input, fetch).is_some()
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
/// each fetched profile as pprof does, and counting bytes read, bytes decompressed and
/// samples decoded of the local inputs in `progress` (read from another thread to show
/// how far loading has got).
pub fn load_with(
    inputs: &[String],
    limits: &Limits,
    fetch: &FetchOptions,
    progress: &LoadProgress,
) -> Result<Loaded, LoadError> {
    let inputs = crate::input_files::expand(inputs)
        .map_err(|e| LoadError::new(&e.input, LoadErrorKind::Read, e.message))?;
    if inputs.len() > 1 && !inputs.iter().any(|i| is_remote(i, fetch)) {
        let merged = fleet::load_merged(&inputs, limits, progress)?;
        return Ok(Loaded {
            profile: finish_loaded(&inputs[0], merged)?,
            fetched: Vec::new(),
        });
    }
    let mut decoded = Vec::with_capacity(inputs.len());
    let mut fetched = Vec::new();
    for input in &inputs {
        let p = match decode::remote_input(input, fetch) {
            Some(remote) => {
                let read = remote::fetch_input(input, &remote, limits, fetch)?;
                let p = decode(input, &read.data, limits)?;
                let url = read.url.unwrap_or_else(|| remote.url.clone());
                fetched.push(remote::save_fetched(input, url, &read.data, &p));
                p
            }
            None => decode_input(input, limits, progress)?,
        };
        decoded.push((input.clone(), p));
    }
    Ok(Loaded {
        profile: load_decoded(decoded)?,
        fetched,
    })
}

/// Loads `inputs` like [`load_with`], then, when `bases` names base profiles, loads and
/// merges those the same way (URLs fetched too) and subtracts them ([`diff()`], pprof's
/// `-diff_base`/`-base`). The fetched inputs of both are listed, the profile's first.
pub fn load_with_bases(
    inputs: &[String],
    bases: Option<&Bases>,
    limits: &Limits,
    fetch: &FetchOptions,
    progress: &LoadProgress,
) -> Result<Loaded, LoadError> {
    let loaded = load_with(inputs, limits, fetch, progress)?;
    let Some(bases) = bases.filter(|b| !b.paths.is_empty()) else {
        return Ok(loaded);
    };
    let base = load_with(&bases.paths, limits, fetch, progress)?;
    let profile = diff(&loaded.profile, &base.profile, bases.mode, bases.normalize)
        .map_err(|m| LoadError::invalid(&bases.paths.join(" "), m))?;
    let mut fetched = loaded.fetched;
    fetched.extend(base.fetched);
    Ok(Loaded { profile, fetched })
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
    let p = merge::merge(decoded).map_err(|m| LoadError::invalid(&name, m))?;
    finish_loaded(&name, p)
}

/// What pprof does to a profile once merged: names demangled, drop_frames/keep_frames
/// applied (`name` names the inputs in an error).
fn finish_loaded(name: &str, mut p: Profile) -> Result<Profile, LoadError> {
    names::demangle_names(&mut p);
    prune::remove_uninteresting(&mut p).map_err(|m| LoadError::invalid(name, m))?;
    Ok(p)
}

/// Loads testdata/profiles/NAME (for unit tests).
#[cfg(test)]
pub(crate) fn testdata_profile(name: &str) -> Profile {
    let path = format!("{}/testdata/profiles/{name}", env!("CARGO_MANIFEST_DIR"));
    load(&[path], &Limits::default()).expect("load profile")
}
