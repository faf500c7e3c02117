//! Reading one input in chunks: the open file (or bytes) is gunzipped as it is read (every
//! member, like Go's reader), each chunk goes through the top-level scan and into memory
//! only while it may still be needed, so a bomb is refused without ever holding it.

use std::borrow::Cow;
use std::io::{self, Read};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};

use flate2::read::MultiGzDecoder;

use super::error::{LoadError, LoadErrorKind, over_memory, over_size};
use super::flat_stream::StreamDecoder;
use super::legacy;
use super::limits::{ElementCounts, Limits};
use super::progress::LoadProgress;
use super::scan::TopLevelScanner;

/// How much of an input is kept and decoded ahead while it is read. The defaults keep
/// every input up to 64 MiB whole (checked once read, as before the chunked reader); tests
/// use small sizes to reach the other paths.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReadPolicy {
    /// Inputs up to this size are kept whole and scanned once read; past it the scan runs
    /// as the bytes arrive, and data that is neither profile.proto nor possibly legacy
    /// (or a concatenation) is dropped from memory at once.
    pub scan_after: usize,
    /// Decompressed bytes kept at most; past this a large input is only scanned, and read
    /// a second time if it turns out to be a profile to decode.
    pub keep_limit: u64,
    /// What may be decoded ahead while the input is still being read (estimated like the
    /// memory cap): enough for large real profiles, nothing a bomb can abuse.
    pub decode_ahead: u64,
    /// How much of the start the legacy check looks at.
    pub legacy_prefix: usize,
    /// Bytes decompressed per step.
    pub chunk: usize,
}

impl Default for ReadPolicy {
    fn default() -> Self {
        Self {
            scan_after: 64 << 20,
            keep_limit: 128 << 20,
            decode_ahead: 64 << 20,
            legacy_prefix: 64 << 10,
            chunk: 256 << 10,
        }
    }
}

/// Where an input's bytes come from (the `input` layer opens files and reads pipes).
#[derive(Clone, Copy, Debug)]
pub enum Source<'a> {
    /// An open regular file, read from its start (again, if need be) by position.
    File(&'a std::fs::File),
    /// Bytes in memory (stdin, pipes, fetched bodies, tests).
    Bytes(&'a [u8]),
}

/// Reads a file from `pos` on by position, so it can be read again from the start
/// without reopening it.
struct FileAt<'a> {
    file: &'a std::fs::File,
    pos: u64,
}

impl Read for FileAt<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        use std::os::unix::fs::FileExt;
        let n = self.file.read_at(buf, self.pos)?;
        self.pos += n as u64;
        Ok(n)
    }
}

/// What reading an input found.
pub struct Scanned<'a> {
    /// The decompressed bytes, unless they were not kept.
    pub data: Option<Cow<'a, [u8]>>,
    /// Decompressed size.
    pub total: u64,
    /// The top-level scan: element counts, or why the data is not profile.proto.
    pub scan: Result<ElementCounts, String>,
    /// Encoded size of all samples.
    pub sample_bytes: u64,
    /// The data was dropped because no legacy parser can read it.
    pub not_legacy: bool,
    /// The decode that followed the bytes as they arrived, when the bytes are kept.
    pub decoder: Option<StreamDecoder>,
}

/// The input's bytes, decompressed when they start with the gzip magic. I/O errors of
/// the file are kept apart from decompression errors.
struct Opened<'a> {
    reader: Box<dyn Read + Send + 'a>,
    io_error: Arc<Mutex<Option<String>>>,
    /// Decompressed size announced by a gzip trailer (a hint only).
    size_hint: u64,
    gzip: bool,
}

/// Counts the bytes read and remembers an I/O error.
struct Counting<'p, R> {
    inner: R,
    progress: Option<&'p LoadProgress>,
    error: Arc<Mutex<Option<String>>>,
}

impl<R: Read> Read for Counting<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self.inner.read(buf) {
            Ok(n) => {
                if let Some(p) = self.progress {
                    p.add_read(n as u64);
                }
                Ok(n)
            }
            Err(e) => {
                if let Ok(mut slot) = self.error.lock() {
                    *slot = Some(e.to_string());
                }
                Err(e)
            }
        }
    }
}

fn read_error(input: &str, e: impl ToString) -> LoadError {
    LoadError::new(input, LoadErrorKind::Read, e.to_string())
}

fn open<'a>(
    input: &str,
    source: Source<'a>,
    limits: &Limits,
    progress: Option<&'a LoadProgress>,
) -> Result<Opened<'a>, LoadError> {
    let io_error = Arc::new(Mutex::new(None));
    let (raw, head, tail): (Box<dyn Read + Send + 'a>, Vec<u8>, [u8; 4]) = match source {
        Source::Bytes(b) => {
            let t = b.len().saturating_sub(4);
            let mut tail = [0; 4];
            tail[..b.len() - t].copy_from_slice(&b[t..]);
            (Box::new(b), b[..b.len().min(2)].to_vec(), tail)
        }
        Source::File(file) => {
            let len = file.metadata().map_err(|e| read_error(input, e))?.len();
            if len > limits.max_decompressed {
                return Err(over_size(input, limits.max_decompressed));
            }
            if let Some(p) = progress {
                p.add_input_bytes(len);
            }
            let mut head = [0u8; 2];
            let mut tail = [0u8; 4];
            use std::os::unix::fs::FileExt;
            let n = file.read_at(&mut head, 0).unwrap_or(0);
            if len >= 4 {
                let _ = file.read_at(&mut tail, len - 4);
            }
            (Box::new(FileAt { file, pos: 0 }), head[..n].to_vec(), tail)
        }
    };
    let counting = Counting {
        inner: raw,
        progress,
        error: Arc::clone(&io_error),
    };
    let gzip = head == [0x1f, 0x8b];
    let reader: Box<dyn Read + Send + 'a> = if gzip {
        Box::new(MultiGzDecoder::new(io::BufReader::with_capacity(
            256 << 10,
            counting,
        )))
    } else {
        Box::new(counting)
    };
    Ok(Opened {
        reader,
        io_error,
        size_hint: if gzip {
            u64::from(u32::from_le_bytes(tail))
        } else {
            0
        },
        gzip,
    })
}

impl Opened<'_> {
    /// Reads the next chunk into `buf`; 0 at the end.
    fn next(&mut self, input: &str, buf: &mut [u8]) -> Result<usize, LoadError> {
        loop {
            match self.reader.read(buf) {
                Ok(n) => return Ok(n),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    let io = self.io_error.lock().ok().and_then(|mut slot| slot.take());
                    return Err(match io {
                        Some(m) => read_error(input, m),
                        None if self.gzip => {
                            LoadError::invalid(input, format!("decompressing profile: {e}"))
                        }
                        None => read_error(input, e),
                    });
                }
            }
        }
    }
}

/// Reads `source` through, scanning as it goes; fails on I/O and decompression errors
/// and when the data is over the cap (these come first, whatever the data holds).
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
    let mut data = Some(Vec::with_capacity(hint as usize));
    let mut decoder = Some(StreamDecoder::new(hint));
    let budget = limits.max_memory.min(policy.decode_ahead);
    let (mut total, mut scanning, mut not_legacy) = (0u64, false, false);
    let mut legacy_possible = None;
    // Gunzip on a thread of its own, decoding here what has arrived: the two overlap.
    std::thread::scope(|scope| -> Result<(), LoadError> {
        let (tx, rx) = mpsc::sync_channel::<Result<Vec<u8>, LoadError>>(2);
        scope.spawn(move || {
            let mut read = 0u64;
            while read <= cap {
                let mut buf =
                    vec![0u8; (cap.saturating_add(1) - read).min(policy.chunk as u64) as usize];
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
            total += chunk.len() as u64;
            progress.add_decompressed(chunk.len() as u64);
            if total > cap {
                return Err(over_size(input, cap));
            }
            if scanning {
                scanner.feed(&chunk);
                refuse_early(input, &scanner, total, limits)?;
            }
            let Some(kept) = data.as_mut() else { continue };
            kept.extend_from_slice(&chunk);
            if let Some(d) = decoder.as_mut() {
                d.advance(kept, budget, progress);
            }
            if !scanning {
                if kept.len() <= policy.scan_after {
                    continue;
                }
                // Large: scan what is kept, and every chunk from now on, to decide
                // whether to keep the bytes at all.
                scanner.feed(kept);
                scanning = true;
                refuse_early(input, &scanner, total, limits)?;
            }
            let drop = match scanner.error() {
                None => kept.len() as u64 > policy.keep_limit,
                Some(e) if e.contains("concatenated profiles") => true,
                Some(_) => {
                    let possible = *legacy_possible.get_or_insert_with(|| {
                        legacy::may_be_legacy(&kept[..policy.legacy_prefix.min(kept.len())])
                    });
                    not_legacy = !possible;
                    not_legacy || kept.len() as u64 > policy.keep_limit
                }
            };
            if drop {
                data = None;
                decoder = None;
            }
        }
        Ok(())
    })?;
    if !scanning && let Some(kept) = &data {
        scanner.feed(kept);
    }
    let mut scanned = finish(scanner, data.map(Cow::Owned), total, not_legacy, progress);
    scanned.decoder = decoder;
    Ok(scanned)
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
    }
}

/// Reads all of `source`, decompressed, into memory (a second reading, after a scan
/// found a large input worth decoding); `total` is the size the scan found.
pub fn read_all(
    input: &str,
    source: Source<'_>,
    limits: &Limits,
    total: u64,
) -> Result<Vec<u8>, LoadError> {
    let mut opened = open(input, source, limits, None)?;
    let cap = limits.max_decompressed;
    let mut out = Vec::with_capacity(total.min(cap) as usize);
    (&mut opened.reader)
        .take(cap.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|e| LoadError::invalid(input, format!("decompressing profile: {e}")))?;
    if out.len() as u64 > cap {
        return Err(over_size(input, cap));
    }
    Ok(out)
}

#[cfg(test)]
#[path = "stream_tests.rs"]
mod tests;
