//! The top-level pass over an encoded profile, fed in chunks as it is decompressed:
//! counts the repeated elements (for the memory cap) and finds concatenated profiles,
//! without decoding or keeping the bytes it has passed.

use super::limits::ElementCounts;

/// Where the scanner is inside the current top-level field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// Reading a field key (a varint).
    Key,
    /// Reading the value of a varint field with this tag.
    Value(u64),
    /// Reading the length of a length-delimited field with this tag.
    Length(u64),
    /// Skipping this many more bytes of the current field.
    Skip(u64),
}

/// Scans the top level of a profile.proto message from consecutive chunks.
#[derive(Clone, Debug)]
pub struct TopLevelScanner {
    counts: ElementCounts,
    /// Bytes of all sample messages (an upper bound on their location ids).
    sample_bytes: u64,
    /// Offset of the next byte to scan.
    pos: u64,
    /// Offset where the current field started.
    field_start: u64,
    /// Offset where the current varint started.
    varint_start: u64,
    state: State,
    varint: u64,
    varint_len: u32,
    time_seen: bool,
    error: Option<String>,
}

impl Default for TopLevelScanner {
    fn default() -> Self {
        Self::new()
    }
}

impl TopLevelScanner {
    /// A scanner at the start of a message.
    pub fn new() -> Self {
        Self {
            counts: ElementCounts::default(),
            sample_bytes: 0,
            pos: 0,
            field_start: 0,
            varint_start: 0,
            state: State::Key,
            varint: 0,
            varint_len: 0,
            time_seen: false,
            error: None,
        }
    }

    /// The first error found so far (the data is not a valid top level from there on).
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// Element counts so far.
    pub fn counts(&self) -> ElementCounts {
        self.counts
    }

    /// Total encoded size of the sample messages so far.
    pub fn sample_bytes(&self) -> u64 {
        self.sample_bytes
    }

    /// Scans the next chunk of the message. After an error, further chunks are ignored.
    pub fn feed(&mut self, mut chunk: &[u8]) {
        while !chunk.is_empty() && self.error.is_none() {
            if let State::Skip(n) = self.state {
                let step = n.min(chunk.len() as u64);
                chunk = &chunk[step as usize..];
                self.pos += step;
                self.state = if step == n {
                    State::Key
                } else {
                    State::Skip(n - step)
                };
                continue;
            }
            let b = chunk[0];
            chunk = &chunk[1..];
            if let Some(v) = self.varint_byte(b) {
                self.varint_done(v);
            }
        }
    }

    /// Ends the scan: the element counts, or the first error (a field cut off by the end
    /// of the data included).
    pub fn finish(mut self) -> Result<ElementCounts, String> {
        if self.error.is_none() {
            match self.state {
                State::Key if self.varint_len == 0 => {}
                State::Skip(_) => self.error = Some(past_end(self.field_start)),
                _ => {
                    self.error = Some(format!(
                        "parsing profile: truncated varint at byte {}",
                        self.pos
                    ))
                }
            }
        }
        match self.error {
            Some(e) => Err(e),
            None => Ok(self.counts),
        }
    }

    /// Adds one byte to the current varint; its value once complete.
    fn varint_byte(&mut self, b: u8) -> Option<u64> {
        if self.varint_len == 0 {
            self.varint_start = self.pos;
            if self.state == State::Key {
                self.field_start = self.pos;
            }
            self.varint = 0;
        }
        self.pos += 1;
        self.varint |= u64::from(b & 0x7f) << (7 * self.varint_len);
        self.varint_len += 1;
        if b < 0x80 {
            self.varint_len = 0;
            return Some(self.varint);
        }
        if self.varint_len == 10 {
            self.error = Some(format!(
                "parsing profile: varint too long at byte {}",
                self.pos
            ));
        }
        None
    }

    fn varint_done(&mut self, v: u64) {
        let start = self.field_start;
        match self.state {
            State::Key => {
                let (tag, wire_type) = (v >> 3, v & 7);
                if tag == 0 {
                    self.error = Some(format!("parsing profile: field number 0 at byte {start}"));
                    return;
                }
                self.state = match wire_type {
                    0 => State::Value(tag),
                    1 => State::Skip(8),
                    5 => State::Skip(4),
                    2 => State::Length(tag),
                    _ => {
                        self.error = Some(format!(
                            "parsing profile: unsupported wire type {wire_type} for field {tag} at byte {start}"
                        ));
                        return;
                    }
                };
            }
            State::Value(tag) => {
                if tag == 9 {
                    if self.time_seen {
                        self.error = Some("parsing profile: concatenated profiles detected".into());
                        return;
                    }
                    self.time_seen = v != 0;
                }
                self.state = State::Key;
            }
            State::Length(tag) => {
                if usize::try_from(v).is_err() {
                    self.error = Some(past_end(start));
                    return;
                }
                let c = &mut self.counts;
                match tag {
                    1 => c.sample_types += 1,
                    2 => {
                        c.samples += 1;
                        self.sample_bytes += v;
                    }
                    3 => c.mappings += 1,
                    4 => c.locations += 1,
                    5 => c.functions += 1,
                    6 => c.strings += 1,
                    _ => {}
                }
                self.state = if v == 0 { State::Key } else { State::Skip(v) };
            }
            State::Skip(_) => unreachable!("skipping is handled before varints"),
        }
    }
}

fn past_end(start: u64) -> String {
    format!("parsing profile: field at byte {start} runs past the end of the data")
}

/// Scans a whole message at once (see [`TopLevelScanner`]).
pub fn scan_top_level(buf: &[u8]) -> Result<ElementCounts, String> {
    let mut s = TopLevelScanner::new();
    s.feed(buf);
    s.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same result whatever the chunk boundaries.
    fn scan_in_chunks(data: &[u8], size: usize) -> Result<ElementCounts, String> {
        let mut s = TopLevelScanner::new();
        for c in data.chunks(size.max(1)) {
            s.feed(c);
        }
        s.finish()
    }

    #[test]
    fn chunk_boundaries_do_not_change_the_result() {
        let cases: [&[u8]; 9] = [
            // two samples, a string, time_nanos, a fixed64 and a fixed32 field
            &[
                0x12, 0x02, 0x08, 0x01, 0x12, 0x00, 0x32, 0x01, b'a', 0x48, 0x05, 0x39, 1, 2, 3, 4,
                5, 6, 7, 8, 0x45, 1, 2, 3, 4,
            ],
            &[0x00],
            &[0x12, 0x05, 0x01],
            &[0x48, 0x01, 0x48, 0x02],
            &[0x48, 0x00, 0x48, 0x02],
            &[0x83, 0x01],
            &[0x12, 0x80],
            &[
                0x12, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
            ],
            &[0x22, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f],
        ];
        for data in cases {
            let whole = scan_top_level(data);
            for size in 1..=data.len() {
                assert_eq!(
                    scan_in_chunks(data, size),
                    whole,
                    "{data:?} in chunks of {size}"
                );
            }
        }
        let ok = scan_top_level(cases[0]).expect("valid");
        assert_eq!((ok.samples, ok.strings), (2, 1));
        assert!(
            scan_top_level(cases[1])
                .unwrap_err()
                .contains("field number 0 at byte 0")
        );
        assert!(
            scan_top_level(cases[2])
                .unwrap_err()
                .contains("field at byte 0 runs past")
        );
        assert!(
            scan_top_level(cases[3])
                .unwrap_err()
                .contains("concatenated")
        );
        assert!(scan_top_level(cases[4]).is_ok());
        assert!(
            scan_top_level(cases[5])
                .unwrap_err()
                .contains("wire type 3 for field 16")
        );
        assert!(
            scan_top_level(cases[6])
                .unwrap_err()
                .contains("truncated varint at byte 2")
        );
        assert!(
            scan_top_level(cases[7])
                .unwrap_err()
                .contains("varint too long at byte 11")
        );
    }
}
