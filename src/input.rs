//! The `input` layer, between fetching and decoding: what each input name means — stdin,
//! a pipe (a FIFO, `<(gzip -c …)`), a regular file, or a server (pprof's URL rules) — its
//! bytes read or fetched under the caps and handed to [`crate::profile`] to decode; several
//! inputs merged and prepared as pprof does, and each fetched copy saved.

pub mod files;
mod local;
mod remote;
pub mod series;

pub use local::{decode_local, read_local};
pub use remote::FetchedInput;

use crate::fetch::FetchOptions;
use crate::profile::{
    Bases, Limits, LoadError, LoadErrorKind, LoadProgress, Profile, decode, diff_owned, prepare,
    sniff,
};

/// Loads and merges `inputs` (paths, or "-" for stdin) the way `go tool pprof` does:
/// decode and validate each, merge them, then apply drop_frames/keep_frames. Inputs
/// that name a server are fetched with the default options ([`load_with`]).
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
    remote_input(input, fetch).is_some()
}

/// The server `input` names: not stdin, no such file, and a URL or `host:port[/path]`.
fn remote_input(input: &str, fetch: &FetchOptions) -> Option<crate::fetch::Remote> {
    if input == "-" || std::fs::metadata(input).is_ok() {
        return None;
    }
    let mut remote = crate::fetch::remote_source(input, fetch.seconds, fetch.timeout)?;
    if fetch.gc {
        remote.url = crate::fetch::with_gc(&remote.url);
    }
    Some(remote)
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
    let inputs = files::expand(inputs)
        .map_err(|e| LoadError::new(&e.input, LoadErrorKind::Read, e.message))?;
    if inputs.len() > 1 && !inputs.iter().any(|i| is_remote(i, fetch)) {
        // A fleet: decoded on worker threads and merged as they come.
        let decode = |name: &str| {
            decode_local(name, limits, progress).map_err(|e| local::explain_file(e, name))
        };
        let merged = crate::profile::fleet::load_merged(&inputs, &decode, progress)?;
        return Ok(Loaded {
            profile: crate::profile::finish_merged(&inputs[0], merged)?,
            fetched: Vec::new(),
        });
    }
    let mut decoded = Vec::with_capacity(inputs.len());
    let mut fetched = Vec::new();
    for input in &inputs {
        let p = match remote_input(input, fetch) {
            Some(remote) => {
                let read = remote::fetch_input(input, &remote, limits, fetch)?;
                let p = decode(input, &read.data, limits).map_err(|e| {
                    let d = &read.data;
                    let head = &d[..d.len().min(sniff::SNIFF_BYTES)];
                    sniff::explain(e, head, &d[d.len().saturating_sub(sniff::SNIFF_BYTES)..])
                })?;
                let url = read.url.unwrap_or_else(|| remote.url.clone());
                fetched.push(remote::save_fetched(input, url, &read.data, &p));
                p
            }
            // What a file that is not a profile is, when its bytes say so.
            None => {
                decode_local(input, limits, progress).map_err(|e| local::explain_file(e, input))?
            }
        };
        decoded.push((input.clone(), p));
    }
    Ok(Loaded {
        profile: prepare(decoded)?,
        fetched,
    })
}

/// Loads `inputs` like [`load_with`], then, when `bases` names base profiles, loads and
/// merges those the same way (URLs fetched too) and subtracts them ([`crate::profile::diff()`], pprof's
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
    let profile = diff_owned(loaded.profile, base.profile, bases.mode, bases.normalize)
        .map_err(|m| LoadError::invalid(&bases.paths.join(" "), m))?;
    let mut fetched = loaded.fetched;
    fetched.extend(base.fetched);
    Ok(Loaded { profile, fetched })
}

/// An input's bytes, and the URL they were fetched from when the input named a server.
#[derive(Clone, Debug)]
pub struct InputBytes {
    /// The bytes as read (compressed or not).
    pub data: Vec<u8>,
    /// The URL requested, for an input fetched over HTTP(S).
    pub url: Option<String>,
}

/// Reads all of `input`, refusing more than the decompressed-size cap: "-" is stdin, an
/// existing file is read, else a URL or `host:port[/path]` is fetched ([`crate::fetch`]).
pub fn read_input(
    input: &str,
    limits: &Limits,
    fetch: &FetchOptions,
) -> Result<InputBytes, LoadError> {
    if let Some(remote) = remote_input(input, fetch) {
        return remote::fetch_input(input, &remote, limits, fetch);
    }
    read_local(input, limits).map(|data| InputBytes { data, url: None })
}
