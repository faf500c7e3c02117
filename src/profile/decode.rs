//! Bytes → profile: gzip detection and decompression under a cap, a cheap pass over the
//! top-level fields (counts, concatenation), prost decoding, then resolution.

use std::io::Read;

use flate2::read::MultiGzDecoder;

use super::error::{LoadError, LoadErrorKind};
use super::limits::{ElementCounts, Limits, human_bytes};
use super::model::Profile;
use super::resolve::resolve;
use crate::fetch::FetchOptions;

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
    if input != "-"
        && std::fs::metadata(input).is_err()
        && let Some(remote) = crate::fetch::remote_source(input, fetch.seconds, fetch.timeout)
    {
        return super::remote::fetch_input(input, &remote, limits, fetch);
    }
    read_local(input, limits).map(|data| InputBytes { data, url: None })
}

fn read_local(input: &str, limits: &Limits) -> Result<Vec<u8>, LoadError> {
    let read_err = |e: std::io::Error| LoadError::new(input, LoadErrorKind::Read, e.to_string());
    let mut buf = Vec::new();
    let cap = limits.max_decompressed;
    if input == "-" {
        std::io::stdin()
            .lock()
            .take(cap + 1)
            .read_to_end(&mut buf)
            .map_err(read_err)?;
    } else {
        let meta = std::fs::metadata(input).map_err(read_err)?;
        if meta.is_dir() {
            return Err(LoadError::new(
                input,
                LoadErrorKind::Read,
                "is a directory, not a profile file",
            ));
        }
        let file = std::fs::File::open(input).map_err(read_err)?;
        file.take(cap + 1).read_to_end(&mut buf).map_err(read_err)?;
    }
    if buf.len() as u64 > cap {
        return Err(over_size(input, cap));
    }
    Ok(buf)
}

pub(super) fn over_size(input: &str, cap: u64) -> LoadError {
    LoadError::new(
        input,
        LoadErrorKind::Limit,
        format!(
            "profile is larger than {} decompressed (raise the cap with --max-decompressed-mib)",
            human_bytes(cap)
        ),
    )
}

/// Decompresses `data` when it starts with the gzip magic (every member, like Go's reader),
/// refusing output beyond the cap; other data is returned as is.
pub fn gunzip_if_needed<'a>(
    input: &str,
    data: &'a [u8],
    limits: &Limits,
) -> Result<std::borrow::Cow<'a, [u8]>, LoadError> {
    if data.len() < 2 || data[0] != 0x1f || data[1] != 0x8b {
        return Ok(std::borrow::Cow::Borrowed(data));
    }
    let cap = limits.max_decompressed;
    // The trailer's size (mod 2^32) is only a hint for the first allocation.
    let hint = if data.len() >= 4 {
        let t = &data[data.len() - 4..];
        u32::from_le_bytes([t[0], t[1], t[2], t[3]]) as u64
    } else {
        0
    };
    let mut out = Vec::with_capacity(hint.min(cap).min(64 << 20) as usize);
    MultiGzDecoder::new(data)
        .take(cap + 1)
        .read_to_end(&mut out)
        .map_err(|e| LoadError::invalid(input, format!("decompressing profile: {e}")))?;
    if out.len() as u64 > cap {
        return Err(over_size(input, cap));
    }
    Ok(std::borrow::Cow::Owned(out))
}

/// Decodes one profile from its bytes (gzipped or raw profile.proto) and validates it.
pub fn decode(input: &str, data: &[u8], limits: &Limits) -> Result<Profile, LoadError> {
    let raw = gunzip_if_needed(input, data, limits)?;
    decode_uncompressed(input, &raw, limits)
}

/// Like [`decode`], taking the bytes by value so the compressed copy is freed as soon as
/// it is decompressed (lower peak memory).
pub fn decode_owned(input: &str, data: Vec<u8>, limits: &Limits) -> Result<Profile, LoadError> {
    let raw = match gunzip_if_needed(input, &data, limits)? {
        std::borrow::Cow::Owned(v) => v,
        std::borrow::Cow::Borrowed(_) => return decode_uncompressed(input, &data, limits),
    };
    drop(data);
    decode_uncompressed(input, &raw, limits)
}

/// Decodes an uncompressed profile.proto and validates it.
fn decode_uncompressed(input: &str, raw: &[u8], limits: &Limits) -> Result<Profile, LoadError> {
    if raw.is_empty() {
        return Err(LoadError::invalid(
            input,
            "parsing profile: empty input file",
        ));
    }
    // Like pprof: profile.proto first; data it cannot parse may be a legacy format.
    let counts = match scan_top_level(raw) {
        Ok(c) => c,
        Err(m) if m.contains("concatenated profiles") => return Err(LoadError::invalid(input, m)),
        Err(m) => return legacy(input, raw, &m),
    };
    let need = counts.estimated_memory(raw.len() as u64);
    if need > limits.max_memory {
        return Err(LoadError::new(
            input,
            LoadErrorKind::Limit,
            format!(
                "profile would need about {} of memory ({} samples, {} locations, {} strings), over the {} cap (raise it with --max-memory-mib)",
                human_bytes(need),
                counts.samples,
                counts.locations,
                counts.strings,
                human_bytes(limits.max_memory)
            ),
        ));
    }
    let msg = match super::wire_flat::decode(raw) {
        Ok(m) => m,
        Err(e) => return legacy(input, raw, &format!("parsing profile: {e}")),
    };
    resolve(msg).map_err(|m| LoadError::invalid(input, format!("malformed profile: {m}")))
}

/// Reads `raw`, which is not profile.proto (`proto_error` says why), as a legacy format;
/// data that matches none gets one line naming every format tried.
fn legacy(input: &str, raw: &[u8], proto_error: &str) -> Result<Profile, LoadError> {
    match super::legacy::parse(raw) {
        Ok(p) => Ok(p),
        Err(super::legacy::Failure::Malformed(m)) => {
            Err(LoadError::invalid(input, format!("parsing profile: {m}")))
        }
        Err(super::legacy::Failure::Unrecognized) => Err(LoadError::invalid(
            input,
            format!(
                "{proto_error}; not a legacy profile either ({})",
                super::legacy::TRIED
            ),
        )),
    }
}

fn read_varint(buf: &[u8], pos: &mut usize) -> Result<u64, String> {
    let mut v: u64 = 0;
    for i in 0..10 {
        let Some(&b) = buf.get(*pos) else {
            return Err(format!(
                "parsing profile: truncated varint at byte {}",
                *pos
            ));
        };
        *pos += 1;
        v |= u64::from(b & 0x7f) << (7 * i);
        if b < 0x80 {
            return Ok(v);
        }
    }
    Err(format!("parsing profile: varint too long at byte {}", *pos))
}

/// Walks the top-level fields without decoding them: counts the repeated elements (for the
/// memory cap) and rejects concatenated profiles the way pprof does (a second non-zero
/// `time_nanos`).
pub fn scan_top_level(buf: &[u8]) -> Result<ElementCounts, String> {
    let mut c = ElementCounts::default();
    let mut pos = 0;
    let mut time_seen = false;
    while pos < buf.len() {
        let start = pos;
        let key = read_varint(buf, &mut pos)?;
        let tag = key >> 3;
        let wire_type = key & 7;
        if tag == 0 {
            return Err(format!("parsing profile: field number 0 at byte {start}"));
        }
        match wire_type {
            0 => {
                let v = read_varint(buf, &mut pos)?;
                if tag == 9 {
                    if time_seen {
                        return Err("parsing profile: concatenated profiles detected".into());
                    }
                    time_seen = v != 0;
                }
            }
            1 => pos = skip(buf, pos, 8, start)?,
            5 => pos = skip(buf, pos, 4, start)?,
            2 => {
                let len = read_varint(buf, &mut pos)?;
                let len = usize::try_from(len).map_err(|_| past_end(start))?;
                pos = skip(buf, pos, len, start)?;
                match tag {
                    1 => c.sample_types += 1,
                    2 => c.samples += 1,
                    3 => c.mappings += 1,
                    4 => c.locations += 1,
                    5 => c.functions += 1,
                    6 => c.strings += 1,
                    _ => {}
                }
            }
            _ => {
                return Err(format!(
                    "parsing profile: unsupported wire type {wire_type} for field {tag} at byte {start}"
                ));
            }
        }
    }
    Ok(c)
}

fn past_end(start: usize) -> String {
    format!("parsing profile: field at byte {start} runs past the end of the data")
}

fn skip(buf: &[u8], pos: usize, len: usize, start: usize) -> Result<usize, String> {
    match pos.checked_add(len) {
        Some(end) if end <= buf.len() => Ok(end),
        _ => Err(past_end(start)),
    }
}
