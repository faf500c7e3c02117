//! Opening one input for the chunked reader: a file (whose first and last bytes are read
//! in place), bytes in memory, or a stream that can be read only once (stdin, a pipe)
//! whose first two bytes are read ahead; gunzipped (every member) when they are the gzip
//! magic, bytes read counted, I/O errors kept apart from decompression errors.

use std::io::{self, Read};
use std::sync::{Arc, Mutex};

use flate2::read::MultiGzDecoder;

use super::error::{LoadError, LoadErrorKind, over_size};
use super::limits::Limits;
use super::progress::LoadProgress;

/// Where an input's bytes come from (the input layer opens them; this one knows no file
/// names).
#[derive(Clone, Copy, Debug)]
pub enum Source<'a> {
    /// An open regular file, read in place by position (again from the start if need be).
    File(&'a std::fs::File),
    /// Bytes in memory (fetched bodies, tests).
    Bytes(&'a [u8]),
    /// An input that can be read only once, as it arrives: stdin or a pipe (a FIFO such as
    /// the `/dev/fd/63` of `<(gzip -c …)`), opened as a file.
    Stream(&'a std::fs::File),
}

impl Source<'_> {
    /// Whether the bytes can be read a second time.
    pub fn rereadable(&self) -> bool {
        !matches!(self, Source::Stream(_))
    }
}

/// The input's bytes, decompressed when they start with the gzip magic.
pub struct Opened<'a> {
    reader: Box<dyn Read + Send + 'a>,
    io_error: Arc<Mutex<Option<String>>>,
    /// Decompressed size announced by a gzip trailer (a hint only; 0 for a stream).
    pub size_hint: u64,
    /// Whether the bytes are gzipped.
    pub gzip: bool,
}

/// An open file read from its start by position, whatever its offset (the file may be
/// read again from the start).
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

/// A read error of `input`, in one line.
pub fn read_error(input: &str, e: impl ToString) -> LoadError {
    LoadError::new(input, LoadErrorKind::Read, e.to_string())
}

/// Opens `source` for reading in chunks.
pub fn open<'a>(
    input: &str,
    source: Source<'a>,
    limits: &Limits,
    progress: Option<&'a LoadProgress>,
) -> Result<Opened<'a>, LoadError> {
    let io_error = Arc::new(Mutex::new(None));
    let count = |inner: Box<dyn Read + Send + 'a>| Counting {
        inner,
        progress,
        error: Arc::clone(&io_error),
    };
    let (raw, head, tail): (Box<dyn Read + Send + 'a>, Vec<u8>, [u8; 4]) = match source {
        Source::Bytes(b) => {
            let t = b.len().saturating_sub(4);
            let mut tail = [0; 4];
            tail[..b.len() - t].copy_from_slice(&b[t..]);
            (
                Box::new(count(Box::new(b))),
                b[..b.len().min(2)].to_vec(),
                tail,
            )
        }
        Source::File(file) => {
            let meta = file
                .metadata()
                .map_err(|e| super::error::io_error(input, &e))?;
            if meta.len() > limits.max_decompressed {
                return Err(over_size(input, limits.max_decompressed));
            }
            if let Some(p) = progress {
                p.add_input_bytes(meta.len());
            }
            let mut head = [0u8; 2];
            let mut tail = [0u8; 4];
            use std::os::unix::fs::FileExt;
            let n = file.read_at(&mut head, 0).unwrap_or(0);
            if meta.len() >= 4 {
                let _ = file.read_at(&mut tail, meta.len() - 4);
            }
            let at = FileAt { file, pos: 0 };
            (Box::new(count(Box::new(at))), head[..n].to_vec(), tail)
        }
        Source::Stream(file) => {
            let mut counted = count(Box::new(file));
            // The gzip magic is read ahead, then put back in front of the rest.
            let head = read_ahead(&mut counted, 2).map_err(|e| read_error(input, e))?;
            let rest: Box<dyn Read + Send + 'a> = Box::new(counted);
            (
                Box::new(io::Cursor::new(head.clone()).chain(rest)),
                head,
                [0; 4],
            )
        }
    };
    let gzip = head == [0x1f, 0x8b];
    let reader: Box<dyn Read + Send + 'a> = if gzip {
        Box::new(MultiGzDecoder::new(io::BufReader::with_capacity(
            256 << 10,
            raw,
        )))
    } else {
        raw
    };
    let size_hint = match source {
        Source::Stream(_) => 0,
        _ if gzip => u64::from(u32::from_le_bytes(tail)),
        _ => 0,
    };
    Ok(Opened {
        reader,
        io_error,
        size_hint,
        gzip,
    })
}

/// Up to `n` bytes from the front of `r` (fewer only at its end).
fn read_ahead(r: &mut impl Read, n: usize) -> io::Result<Vec<u8>> {
    let mut head = Vec::with_capacity(n);
    r.by_ref().take(n as u64).read_to_end(&mut head)?;
    Ok(head)
}

impl Opened<'_> {
    /// Reads the next chunk into `buf`; 0 at the end.
    pub fn next(&mut self, input: &str, buf: &mut [u8]) -> Result<usize, LoadError> {
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

    /// Reads everything left into `out`, refusing more than `cap` bytes in all.
    pub fn read_rest(&mut self, input: &str, out: &mut Vec<u8>, cap: u64) -> Result<(), LoadError> {
        (&mut self.reader)
            .take(cap.saturating_add(1))
            .read_to_end(out)
            .map_err(|e| LoadError::invalid(input, format!("decompressing profile: {e}")))?;
        if out.len() as u64 > cap {
            return Err(over_size(input, cap));
        }
        Ok(())
    }
}
