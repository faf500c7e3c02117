//! Reading one input in chunks: the input ([`super::stream_open`]) is gunzipped as it is
//! read, on a thread of its own; each chunk goes through the top-level scan and into the
//! decode that follows the bytes, and stays in memory only while it may still be needed —
//! decoded bytes are dropped unless a legacy parser may want them — so a bomb is refused
//! without ever holding it, and stdin or a pipe is decoded as it arrives.

use std::borrow::Cow;
use std::sync::mpsc;

use super::error::{LoadError, over_memory, over_size};
use super::flat_stream::StreamDecoder;
use super::legacy;
use super::limits::{ElementCounts, Limits};
use super::progress::LoadProgress;
use super::scan::TopLevelScanner;
pub use super::stream_open::Source;
use super::stream_open::open;

/// How much of an input is kept and decoded ahead while it is read. The defaults keep
/// a small input whole until it is checked and decode a large one as it arrives; tests
/// use small sizes to reach the other paths.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReadPolicy {
    /// Past this many bytes read, absurd counts are refused as they are seen and data
    /// that is neither profile.proto nor possibly legacy (or a concatenation) is dropped
    /// from memory at once; before, every error waits for the end of the input.
    pub scan_after: usize,
    /// Bytes kept at most when the decode cannot follow them (data a legacy parser may
    /// want, or a decode that stopped); past this a file is only scanned, and read a
    /// second time if it turns out to be a profile to decode. A stream is kept whole.
    pub keep_limit: u64,
    /// What may be decoded ahead while the input is still being read (estimated like the
    /// memory cap); past it, only what is estimated at a few times its size (a real
    /// profile, decoded as it arrives; a bomb needs tens of times its size, and stops).
    pub decode_ahead: u64,
    /// How much of the start the legacy check looks at.
    pub legacy_prefix: usize,
    /// Bytes decompressed per step.
    pub chunk: usize,
    /// Decoded bytes are dropped from memory once there are this many (and they are at
    /// least half of what is held), when no legacy parser can want them.
    pub trim_after: usize,
}

impl Default for ReadPolicy {
    fn default() -> Self {
        Self {
            scan_after: 64 << 20,
            keep_limit: 128 << 20,
            decode_ahead: 64 << 20,
            legacy_prefix: 64 << 10,
            chunk: 64 << 10,
            trim_after: 1 << 20,
        }
    }
}

/// What reading an input found.
pub struct Scanned<'a> {
    /// The decompressed bytes kept: all of them, or when `trimmed` those the decode had
    /// not passed; None when none were kept.
    pub data: Option<Cow<'a, [u8]>>,
    /// Decoded bytes were dropped from the front of `data`.
    pub trimmed: bool,
    /// Decompressed size.
    pub total: u64,
    /// The top-level scan: element counts, or why the data is not profile.proto.
    pub scan: Result<ElementCounts, String>,
    /// Encoded size of all samples.
    pub sample_bytes: u64,
    /// The data was dropped because no legacy parser can read it.
    pub not_legacy: bool,
    /// The decode that followed the bytes as they arrived (positions in `data`), or
    /// the error it stopped at.
    pub decoder: Option<StreamDecoder>,
    /// The most decompressed bytes held at once.
    pub peak_held: usize,
}

/// Reads `source` through, scanning and decoding as it goes; fails on I/O and
/// decompression errors and when the data is over the cap (these come first, whatever
/// the data holds).
pub fn read_scanned<'a>(
    input: &str,
    source: Source<'a>,
    limits: &Limits,
    progress: &'a LoadProgress,
    policy: &ReadPolicy,
) -> Result<Scanned<'a>, LoadError> {
    let cap = limits.max_decompressed;
    let mut opened = open(input, source, limits, Some(progress))?;
    let mut scanner = TopLevelScanner::new();
    if let (Source::Bytes(b), false) = (source, opened.gzip) {
        // Already in memory as it is: scan it there.
        if b.len() as u64 > cap {
            return Err(over_size(input, cap));
        }
        progress.add_decompressed(b.len() as u64);
        scanner.feed(b);
        return Ok(finish(
            scanner,
            Some(Cow::Borrowed(b)),
            b.len() as u64,
            false,
            progress,
        ));
    }
    let hint = opened.size_hint.min(cap).min(policy.keep_limit);
    let mut held = Held {
        data: Some(Vec::with_capacity(hint as usize)),
        decoder: Some(StreamDecoder::new(hint)),
        scanner,
        max_memory: limits.max_memory,
        ..Held::default()
    };
    // Gunzip on a thread of its own, decoding here what has arrived: the two overlap.
    // Chunk buffers go back to the reader to be filled again.
    std::thread::scope(|scope| -> Result<(), LoadError> {
        let (tx, rx) = mpsc::sync_channel::<Result<Vec<u8>, LoadError>>(2);
        let (give_back, returned) = mpsc::channel::<Vec<u8>>();
        scope.spawn(move || {
            let mut read = 0u64;
            while read <= cap {
                let want = (cap + 1 - read).min(policy.chunk as u64) as usize;
                let mut buf = returned.try_recv().unwrap_or_default();
                buf.resize(want, 0);
                let sent = match opened.next(input, &mut buf) {
                    Ok(0) => break,
                    Ok(n) => {
                        read += n as u64;
                        buf.truncate(n);
                        tx.send(Ok(buf))
                    }
                    Err(e) => tx.send(Err(e)),
                };
                if sent.is_err() {
                    break;
                }
            }
        });
        for chunk in rx {
            let chunk = chunk?;
            held.total += chunk.len() as u64;
            progress.add_decompressed(chunk.len() as u64);
            if held.total > cap {
                return Err(over_size(input, cap));
            }
            held.take(&chunk, source, policy, progress);
            if held.total > policy.scan_after as u64 {
                refuse_early(input, &held.scanner, held.total, limits)?;
            }
            let _ = give_back.send(chunk);
        }
        Ok(())
    })?;
    if let Some(d) = &held.data {
        held.scanner.feed(&d[held.fed..]);
        if held.legacy_possible.is_none() {
            let prefix = &d[..policy.legacy_prefix.min(d.len())];
            held.legacy_possible = Some(legacy::may_be_legacy(prefix));
        }
    }
    let mut scanned = finish(
        held.scanner,
        held.data.map(Cow::Owned),
        held.total,
        held.not_legacy,
        progress,
    );
    scanned.decoder = held.decoder;
    scanned.trimmed = held.trimmed;
    scanned.peak_held = held.peak;
    Ok(scanned)
}

/// The bytes held while an input is read, the decode that follows them and the scan,
/// which sees every byte once: bytes held are scanned when they are about to be dropped,
/// past the scan threshold as they arrive, or at the end.
#[derive(Default)]
struct Held {
    data: Option<Vec<u8>>,
    /// Bytes of `data` already scanned.
    fed: usize,
    scanner: TopLevelScanner,
    decoder: Option<StreamDecoder>,
    /// Decoded bytes were dropped from the front of `data`.
    trimmed: bool,
    /// Whether a legacy parser may read the data (decided from its first bytes).
    legacy_possible: Option<bool>,
    not_legacy: bool,
    total: u64,
    peak: usize,
    /// The memory cap (what is decoded ahead stays under it).
    max_memory: u64,
}

impl Held {
    /// Takes the next chunk: keeps it, decodes what it completes, drops what is no
    /// longer needed.
    fn take(
        &mut self,
        chunk: &[u8],
        source: Source<'_>,
        policy: &ReadPolicy,
        progress: &LoadProgress,
    ) {
        let scanning = self.total > policy.scan_after as u64;
        let Some(kept) = self.data.as_mut() else {
            self.scanner.feed(chunk);
            return;
        };
        kept.extend_from_slice(chunk);
        self.peak = self.peak.max(kept.len());
        if scanning {
            self.scanner.feed(&kept[self.fed..]);
            self.fed = kept.len();
        }
        if self.legacy_possible.is_none() && kept.len() >= policy.legacy_prefix {
            self.legacy_possible = Some(legacy::may_be_legacy(&kept[..policy.legacy_prefix]));
        }
        if let Some(d) = self.decoder.as_mut() {
            let ahead = policy.decode_ahead.min(self.max_memory);
            d.advance(kept, ahead, self.max_memory, progress);
            // Nothing but the decode reads these bytes again: drop what it has passed.
            let pos = d.pos();
            if self.legacy_possible == Some(false)
                && pos >= policy.trim_after
                && pos * 2 >= kept.len()
            {
                if self.fed < pos {
                    self.scanner.feed(&kept[self.fed..pos]);
                    self.fed = pos;
                }
                kept.drain(..pos);
                self.fed -= pos;
                d.rebase();
                self.trimmed = true;
            }
        }
        if !scanning {
            return;
        }
        let over = kept.len() as u64 > policy.keep_limit && source.rereadable();
        let failed = self.decoder.as_ref().is_some_and(|d| d.error().is_some());
        let drop = match self.scanner.error() {
            None => over || (failed && self.legacy_possible == Some(false)),
            Some(e) if e.contains("concatenated profiles") => true,
            Some(_) => {
                self.not_legacy = self.legacy_possible == Some(false);
                self.not_legacy || over
            }
        };
        if drop {
            self.data = None;
            self.fed = 0;
            if !failed {
                self.decoder = None;
            }
        }
    }
}

/// Refuses a profile whose elements so far already need more memory than the cap allows
/// (absurd counts are refused as soon as they are seen, not at the end of the data).
fn refuse_early(
    input: &str,
    scanner: &TopLevelScanner,
    total: u64,
    limits: &Limits,
) -> Result<(), LoadError> {
    let counts = scanner.counts();
    if scanner.error().is_none() && counts.estimated_memory(total) > limits.max_memory {
        return Err(over_memory(input, counts, total, limits, false));
    }
    Ok(())
}

fn finish<'a>(
    scanner: TopLevelScanner,
    data: Option<Cow<'a, [u8]>>,
    total: u64,
    not_legacy: bool,
    progress: &LoadProgress,
) -> Scanned<'a> {
    let sample_bytes = scanner.sample_bytes();
    let scan = scanner.finish();
    if let Ok(c) = &scan {
        progress.add_samples_total(c.samples);
    }
    Scanned {
        data,
        total,
        scan,
        sample_bytes,
        not_legacy,
        decoder: None,
        trimmed: false,
        peak_held: 0,
    }
}

/// Reads all of `source`, decompressed, into memory a second time (after a scan found
/// a large input worth decoding, or a failed decode wants the legacy parsers);
/// `total` is the size the scan found. A stream cannot be read again.
pub fn read_all(
    input: &str,
    source: Source<'_>,
    limits: &Limits,
    total: u64,
) -> Result<Vec<u8>, LoadError> {
    if !source.rereadable() {
        return Err(LoadError::invalid(
            input,
            "cannot be read a second time (a stream)",
        ));
    }
    let mut opened = open(input, source, limits, None)?;
    let cap = limits.max_decompressed;
    let mut out = Vec::with_capacity(total.min(cap) as usize);
    opened.read_rest(input, &mut out, cap)?;
    Ok(out)
}

#[cfg(test)]
#[path = "stream_tests.rs"]
mod tests;
