//! Reading a response body under a size cap: in chunks, the buffer grown only as far as
//! the data (never doubled past the cap), the read stopped as soon as the body is over the
//! cap; an error says how much had been read.

use std::io::Read;

/// The piece read at a time.
const CHUNK: usize = 256 << 10;

/// A read error and how many bytes of the body had arrived.
#[derive(Debug)]
pub struct BodyError {
    /// What went wrong.
    pub error: std::io::Error,
    /// Bytes read before it.
    pub read: u64,
}

/// Reads all of `reader`: `Ok(None)` as soon as more than `cap` bytes arrived. Memory
/// holds at most the cap and one chunk; `announced` (the Content-Length, when the server
/// gave one within the cap) sizes the buffer from the start.
pub fn read_capped(
    reader: &mut impl Read,
    cap: u64,
    announced: Option<u64>,
) -> Result<Option<Vec<u8>>, BodyError> {
    let limit = usize::try_from(cap.saturating_add(1)).unwrap_or(usize::MAX);
    let first = announced.map_or(CHUNK as u64, |n| n.saturating_add(1).min(cap));
    let mut body: Vec<u8> = Vec::with_capacity(usize::try_from(first).unwrap_or(CHUNK));
    let mut chunk = vec![0u8; CHUNK];
    loop {
        let n = match reader.read(&mut chunk) {
            Ok(0) => return Ok(Some(body)),
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(error) => {
                return Err(BodyError {
                    error,
                    read: body.len() as u64,
                });
            }
        };
        let take = n.min(limit - body.len());
        if body.capacity() - body.len() < take {
            // Grow by doubling, and once that would reach the cap straight to one byte
            // past it: no step of a byte past a full buffer, which a heap allocator may
            // make by copying it (twice the cap held at once).
            let doubled = (body.capacity() * 2).max(body.len() + take);
            let want = if doubled >= limit - 1 { limit } else { doubled };
            body.reserve_exact(want - body.len());
        }
        body.extend_from_slice(&chunk[..take]);
        if body.len() as u64 > cap {
            return Ok(None);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stops_past_the_cap_with_memory_within_it() {
        let mut endless = std::io::repeat(7);
        assert!(
            read_capped(&mut endless, 3 << 20, None)
                .expect("read")
                .is_none()
        );
        let mut small = &b"profile"[..];
        let got = read_capped(&mut small, 7, Some(7))
            .expect("read")
            .expect("within");
        assert_eq!(got, b"profile");
        assert_eq!(got.capacity(), 7);
        let mut over = &b"profile!"[..];
        assert!(read_capped(&mut over, 7, None).expect("read").is_none());
    }

    #[test]
    fn an_error_says_how_much_was_read() {
        struct Dies(usize);
        impl Read for Dies {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                if self.0 == 0 {
                    return Err(std::io::ErrorKind::UnexpectedEof.into());
                }
                let n = self.0.min(buf.len());
                self.0 -= n;
                Ok(n)
            }
        }
        let e = read_capped(&mut Dies(1000), 1 << 20, Some(5000)).expect_err("dies");
        assert_eq!(e.read, 1000);
        assert_eq!(e.error.kind(), std::io::ErrorKind::UnexpectedEof);
    }
}
