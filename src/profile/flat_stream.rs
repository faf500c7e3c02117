//! Decoding while the input is still being decompressed: the complete top-level fields
//! of the bytes read so far go through the flat decoder as they arrive (within a memory
//! budget, so a bomb is never decoded ahead of the caps), and the rest once all is in.
//! Top-level fields decode independently, so the result is the one-pass result.

use super::limits::ElementCounts;
use super::progress::LoadProgress;
use super::wire_flat::{FlatProfile, Sizes};

/// How much an estimate may exceed the bytes decoded for the decode to go on past its
/// budget: a heap profile's estimate is about 3.7 times its size.
const AHEAD_PER_BYTE: u64 = 6;

/// A flat decode that follows the bytes as they are read.
#[derive(Debug)]
pub struct StreamDecoder {
    profile: FlatProfile,
    /// Offset of the first byte not decoded yet.
    pos: usize,
    /// Decoded bytes dropped from the front of the data (see [`StreamDecoder::rebase`]).
    dropped: u64,
    /// The decode failed here; the same error comes back from [`StreamDecoder::finish`].
    error: Option<String>,
    reported: u64,
}

impl StreamDecoder {
    /// A decoder for data of about `size_hint` bytes (its location ids are reserved).
    pub fn new(size_hint: u64) -> Self {
        Self {
            profile: FlatProfile::sized(Sizes {
                samples: 0,
                sample_bytes: size_hint,
            }),
            pos: 0,
            dropped: 0,
            error: None,
            reported: 0,
        }
    }

    /// Decodes the complete fields of `data` (the bytes read so far) not decoded yet,
    /// while what is decoded is estimated to need at most `budget` bytes — or, up to
    /// `limit`, at most [`AHEAD_PER_BYTE`] times the bytes decoded (a real profile; a
    /// bomb of empty elements needs tens of times its size).
    pub fn advance(&mut self, data: &[u8], budget: u64, limit: u64, progress: &LoadProgress) {
        loop {
            let estimate = self.estimate();
            let decoded = self.dropped + self.pos as u64;
            let within = estimate <= budget
                || (estimate <= limit && estimate <= decoded.saturating_mul(AHEAD_PER_BYTE));
            if self.error.is_some() || !within {
                return;
            }
            let rest = &data[self.pos..];
            let Some(len) = complete_field_len(rest) else {
                return;
            };
            // The field is complete; the bytes after it may be read across, never taken.
            let mut field = rest;
            if let Err(e) = self.profile.decode_field(&mut field) {
                self.error = Some(e);
                return;
            }
            debug_assert_eq!(rest.len() - field.len(), len);
            self.pos += rest.len() - field.len();
            self.profile.report(&mut self.reported, progress);
        }
    }

    /// Offset in the data of the first byte not decoded yet.
    pub fn pos(&self) -> usize {
        self.pos
    }

    /// The bytes before [`StreamDecoder::pos`] were dropped from the front of the data:
    /// positions count from the first byte not decoded.
    pub fn rebase(&mut self) {
        self.dropped += self.pos as u64;
        self.pos = 0;
    }

    /// The error the decode stopped at, if any.
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// Decodes what is left of `data`, now complete.
    pub fn finish(mut self, data: &[u8], progress: &LoadProgress) -> Result<FlatProfile, String> {
        if let Some(e) = self.error {
            return Err(e);
        }
        let mut b = &data[self.pos..];
        while !b.is_empty() {
            self.profile.decode_field(&mut b)?;
            self.profile.report(&mut self.reported, progress);
        }
        progress.add_samples_decoded(self.profile.samples.len() as u64 - self.reported);
        Ok(self.profile)
    }

    /// The memory cap's estimate for what is decoded, except that strings count what
    /// they take: their bytes in the arena (a string becomes a `String` only if used).
    fn estimate(&self) -> u64 {
        let p = &self.profile;
        ElementCounts {
            samples: p.samples.len() as u64,
            locations: p.location.len() as u64,
            functions: p.function.len() as u64,
            mappings: p.mapping.len() as u64,
            strings: 0,
            sample_types: p.sample_type.len() as u64,
        }
        .estimated_memory(self.dropped + self.pos as u64)
        .saturating_add(p.string_table.size() as u64)
    }
}

/// A varint at the front of `b` and its length, when it is complete (and at most 10
/// bytes).
fn peek_varint(b: &[u8]) -> Option<(u64, usize)> {
    let mut v = 0u64;
    for (i, &byte) in b.iter().enumerate().take(10) {
        v |= u64::from(byte & 0x7f) << (7 * i);
        if byte < 0x80 {
            return Some((v, i + 1));
        }
    }
    None
}

/// The length of the first top-level field of `b` when all of it is there; None when it
/// is cut off, or of a kind left to the final decode (groups, bad wire types).
fn complete_field_len(b: &[u8]) -> Option<usize> {
    let (key, k) = peek_varint(b)?;
    let rest = &b[k..];
    let body = match key & 7 {
        0 => peek_varint(rest)?.1,
        1 => 8,
        5 => 4,
        2 => {
            let (len, n) = peek_varint(rest)?;
            n.checked_add(usize::try_from(len).ok()?)?
        }
        _ => return None,
    };
    (body <= rest.len()).then_some(k + body)
}

#[cfg(test)]
mod tests {
    use prost::Message;

    use super::*;
    use crate::profile::wire;
    use crate::profile::wire_flat::decode;

    #[test]
    fn decoding_in_pieces_equals_decoding_at_once() {
        let p = wire::Profile {
            sample_type: vec![wire::ValueType { r#type: 1, unit: 2 }],
            sample: (0..50)
                .map(|i| wire::Sample {
                    location_id: vec![i + 1, 300 + i, 1 << 40],
                    value: vec![i as i64 - 7],
                    label: vec![],
                })
                .collect(),
            string_table: vec![b"".to_vec(), b"a".to_vec(), b"b".to_vec()],
            time_nanos: 5,
            period: 3,
            ..Default::default()
        };
        let bytes = p.encode_to_vec();
        let whole = decode(&bytes).expect("decode");
        for step in [1, 2, 7, 64, bytes.len()] {
            let progress = LoadProgress::new();
            let mut d = StreamDecoder::new(0);
            let mut end = 0;
            while end < bytes.len() {
                end = (end + step).min(bytes.len());
                d.advance(&bytes[..end], u64::MAX, u64::MAX, &progress);
            }
            assert_eq!(
                d.finish(&bytes, &progress).expect("finish"),
                whole,
                "steps of {step}"
            );
            assert_eq!(progress.snapshot().samples_decoded, 50);
        }
        // A budget stops decoding ahead; the rest is decoded at the end.
        let mut d = StreamDecoder::new(0);
        d.advance(&bytes, 0, 0, &LoadProgress::new());
        assert!(0 < d.pos && d.pos < bytes.len(), "stopped at {}", d.pos);
        assert_eq!(
            d.finish(&bytes, &LoadProgress::new()).expect("finish"),
            whole
        );
        // An error while following the bytes is the error of the final decode.
        let bad = [0x12, 0x02, 0x0a, 0x05, 0x08];
        let mut d = StreamDecoder::new(0);
        d.advance(&bad, u64::MAX, u64::MAX, &LoadProgress::new());
        assert_eq!(d.finish(&bad, &LoadProgress::new()), decode(&bad));
        assert_eq!(complete_field_len(&[0x12, 0x03, 1, 2]), None);
        assert_eq!(complete_field_len(&[0x12, 0x02, 1, 2, 9]), Some(4));
    }
}
