//! Input → profile: read and gunzip in chunks under the caps while scanning the top level
//! (counts, concatenation), then the flat decode (or a legacy format) and resolution.

use std::io::Read;

use flate2::read::MultiGzDecoder;

use super::error::{LoadError, over_memory, over_size};
use super::limits::Limits;
use super::model::Profile;
use super::progress::LoadProgress;
use super::resolve::resolve;
use super::stream::{self, ReadPolicy, Source};
use super::wire_flat::Sizes;

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
        .take(cap.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|e| LoadError::invalid(input, format!("decompressing profile: {e}")))?;
    if out.len() as u64 > cap {
        return Err(over_size(input, cap));
    }
    Ok(std::borrow::Cow::Owned(out))
}

/// Decodes one profile from its bytes (gzipped or raw profile.proto) and validates it.
pub fn decode(input: &str, data: &[u8], limits: &Limits) -> Result<Profile, LoadError> {
    decode_source(
        input,
        Source::Bytes(data),
        limits,
        &LoadProgress::new(),
        &ReadPolicy::default(),
    )
}

/// Reads `source` (an open regular file, read in place, a stream read as it arrives, or
/// bytes) and decodes it like [`decode`], counting progress.
pub fn decode_from(
    input: &str,
    source: Source<'_>,
    limits: &Limits,
    progress: &LoadProgress,
) -> Result<Profile, LoadError> {
    decode_source(input, source, limits, progress, &ReadPolicy::default())
}

/// Reads `source` in chunks (scanning the top level as it goes), checks the caps, then
/// decodes it as profile.proto or, like pprof, as a legacy format.
pub(super) fn decode_source(
    input: &str,
    source: Source<'_>,
    limits: &Limits,
    progress: &LoadProgress,
    policy: &ReadPolicy,
) -> Result<Profile, LoadError> {
    let mut scanned = stream::read_scanned(input, source, limits, progress, policy)?;
    if scanned.total == 0 {
        return Err(LoadError::invalid(
            input,
            "parsing profile: empty input file",
        ));
    }
    let counts = match &scanned.scan {
        Ok(c) => *c,
        Err(m) if m.contains("concatenated profiles") => {
            return Err(LoadError::invalid(input, m.clone()));
        }
        Err(m) if scanned.not_legacy => return Err(not_legacy(input, m)),
        Err(m) => return legacy_whole(input, source, limits, &scanned, m),
    };
    if counts.estimated_memory(scanned.total) > limits.max_memory {
        return Err(over_memory(input, counts, scanned.total, limits, true));
    }
    let decoder = scanned.decoder.take();
    let failed = decoder.as_ref().and_then(|d| d.error().map(str::to_string));
    let decoded = match (&scanned.data, failed) {
        (None, Some(e)) => Err(e),
        (Some(raw), _) => match decoder {
            Some(d) => d.finish(raw, progress),
            None => super::wire_flat::decode_sized(raw, sizes(counts, &scanned), progress),
        },
        (None, None) => {
            let raw = stream::read_all(input, source, limits, scanned.total)?;
            super::wire_flat::decode_sized(&raw, sizes(counts, &scanned), progress)
        }
    };
    let msg = match decoded {
        Ok(m) => m,
        Err(e) => {
            let proto_error = format!("parsing profile: {e}");
            return legacy_whole(input, source, limits, &scanned, &proto_error);
        }
    };
    // The bytes are decoded: free them before building the model.
    drop(scanned);
    resolve(msg).map_err(|m| LoadError::invalid(input, format!("malformed profile: {m}")))
}

fn sizes(counts: super::limits::ElementCounts, scanned: &stream::Scanned<'_>) -> Sizes {
    Sizes {
        samples: counts.samples,
        sample_bytes: scanned.sample_bytes,
    }
}

/// The data is not profile.proto (`proto_error` says why): reads all of it as a legacy
/// format — the bytes kept when they are whole, else read again; a stream whose decoded
/// bytes were dropped (they did not look like a legacy format) is not one.
fn legacy_whole(
    input: &str,
    source: Source<'_>,
    limits: &Limits,
    scanned: &stream::Scanned<'_>,
    proto_error: &str,
) -> Result<Profile, LoadError> {
    match &scanned.data {
        Some(raw) if !scanned.trimmed => legacy(input, raw, proto_error),
        _ if source.rereadable() => {
            let raw = stream::read_all(input, source, limits, scanned.total)?;
            legacy(input, &raw, proto_error)
        }
        _ => Err(not_legacy(input, proto_error)),
    }
}

fn not_legacy(input: &str, proto_error: &str) -> LoadError {
    LoadError::invalid(
        input,
        format!(
            "{proto_error}; not a legacy profile either ({})",
            super::legacy::TRIED
        ),
    )
}

/// Reads `raw`, which is not profile.proto (`proto_error` says why), as a legacy format;
/// data that matches none gets one line naming every format tried.
fn legacy(input: &str, raw: &[u8], proto_error: &str) -> Result<Profile, LoadError> {
    match super::legacy::parse(raw) {
        Ok(p) => Ok(p),
        Err(super::legacy::Failure::Malformed(m)) => {
            Err(LoadError::invalid(input, format!("parsing profile: {m}")))
        }
        Err(super::legacy::Failure::Unrecognized) => Err(not_legacy(input, proto_error)),
    }
}
