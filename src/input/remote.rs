//! Inputs that name a server: the fetch as a load error of the right kind, and the copy
//! of each fetched profile saved like pprof's (see [`crate::fetch`]).

use std::path::PathBuf;

use super::InputBytes;
use crate::fetch::{self, FetchErrorKind, FetchOptions, Remote};
use crate::profile::{Limits, LoadError, LoadErrorKind, Profile, over_size};

/// A fetched input and where its copy was saved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FetchedInput {
    /// The input as the user named it.
    pub input: String,
    /// The URL requested.
    pub url: String,
    /// The saved copy, or why it could not be saved (not fatal, as in pprof).
    pub saved: Result<PathBuf, String>,
}

/// Fetches `remote` (the server `input` names) under the decompressed-size cap.
pub(super) fn fetch_input(
    input: &str,
    remote: &Remote,
    limits: &Limits,
    opts: &FetchOptions,
) -> Result<InputBytes, LoadError> {
    let cap = limits.max_decompressed;
    match fetch::get(remote, opts.insecure, cap, opts.progress.as_ref()) {
        Ok(data) => Ok(InputBytes {
            data,
            url: Some(remote.url.clone()),
        }),
        Err(e) => {
            // The URL is named when it is not what the user typed.
            let message = if remote.url == input {
                e.cause
            } else {
                format!("fetching {}: {}", remote.url, e.cause)
            };
            Err(match e.kind {
                FetchErrorKind::Unreachable => LoadError::new(input, LoadErrorKind::Read, message),
                FetchErrorKind::NotProfile => LoadError::invalid(input, message),
                FetchErrorKind::TooLarge => over_size(input, cap),
            })
        }
    }
}

/// Saves the fetched bytes `data` of `input` (decoded as `p`) like pprof: named after
/// the program and the sample types, in pprof's directory.
pub(super) fn save_fetched(input: &str, url: String, data: &[u8], p: &Profile) -> FetchedInput {
    let types: Vec<&str> = p.sample_types.iter().map(|t| t.ty.as_str()).collect();
    let prefix = fetch::save_prefix(p.main_binary(), &types);
    let saved = fetch::save_dir()
        .and_then(|dir| fetch::save(&dir, &prefix, data))
        .map_err(|e| e.to_string());
    FetchedInput {
        input: input.to_string(),
        url,
        saved,
    }
}
