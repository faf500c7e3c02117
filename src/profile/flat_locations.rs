//! Location messages decoded without a vector per location: every location's lines go
//! into one column. Anything unusual in a location (another wire type, a malformed
//! field) is decoded again by prost's derived decoder, which names the error.

use prost::encoding::{DecodeContext, WireType, decode_key, skip_field};

use super::packed::fast_varint;
use super::wire::{Line, Location};

/// A location without its lines (they are in [`FlatLocations::lines`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[allow(missing_docs)]
pub struct FlatLocation {
    pub id: u64,
    pub mapping_id: u64,
    pub address: u64,
    pub is_folded: bool,
    /// End of its lines in [`FlatLocations::lines`] (they start where the previous
    /// location's end).
    pub lines_end: u32,
}

/// All locations of a profile, in order, with their lines in one column.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FlatLocations {
    /// The locations.
    pub locs: Vec<FlatLocation>,
    /// The lines of all locations.
    pub lines: Vec<Line>,
}

impl FlatLocations {
    /// Number of locations.
    pub fn len(&self) -> usize {
        self.locs.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.locs.is_empty()
    }

    /// The lines of location `i`.
    pub fn lines_of(&self, i: usize) -> &[Line] {
        let start = if i == 0 {
            0
        } else {
            self.locs[i - 1].lines_end
        };
        &self.lines[start as usize..self.locs[i].lines_end as usize]
    }

    /// Appends a location.
    pub fn push(&mut self, l: &Location) {
        self.lines.extend_from_slice(&l.line);
        self.locs.push(FlatLocation {
            id: l.id,
            mapping_id: l.mapping_id,
            address: l.address,
            is_folded: l.is_folded,
            lines_end: self.lines.len() as u32,
        });
    }

    /// Decodes one `Profile.location` field (its key already read, wire type `wt`) from
    /// the front of `buf`.
    pub fn merge(&mut self, wt: WireType, buf: &mut &[u8]) -> Result<(), String> {
        let before = (self.locs.len(), self.lines.len());
        let start = *buf;
        if wt == WireType::LengthDelimited
            && let Some(rest) = self.fast(buf)
        {
            *buf = rest;
            return Ok(());
        }
        // The general path, for its errors (or a form the fast path leaves alone).
        self.locs.truncate(before.0);
        self.lines.truncate(before.1);
        *buf = start;
        let mut one: Vec<Location> = Vec::new();
        prost::encoding::message::merge_repeated(wt, &mut one, buf, DecodeContext::default())
            .map_err(|e| e.to_string())?;
        for l in &one {
            self.push(l);
        }
        Ok(())
    }

    /// The common form: a length, then varint fields and line messages. None (with
    /// nothing kept) for anything else.
    fn fast<'a>(&mut self, buf: &'a [u8]) -> Option<&'a [u8]> {
        let mut b = buf;
        let len = fast_varint(&mut b)?;
        if len > b.len() as u64 {
            return None;
        }
        let (mut msg, rest) = b.split_at(len as usize);
        let mut l = FlatLocation::default();
        while !msg.is_empty() {
            let (tag, wt) = decode_key(&mut msg).ok()?;
            match (tag, wt) {
                (1, WireType::Varint) => l.id = fast_varint(&mut msg)?,
                (2, WireType::Varint) => l.mapping_id = fast_varint(&mut msg)?,
                (3, WireType::Varint) => l.address = fast_varint(&mut msg)?,
                (5, WireType::Varint) => l.is_folded = fast_varint(&mut msg)? != 0,
                (4, WireType::LengthDelimited) => {
                    let n = fast_varint(&mut msg)?;
                    if n > msg.len() as u64 {
                        return None;
                    }
                    let (line, after) = msg.split_at(n as usize);
                    self.lines.push(fast_line(line)?);
                    msg = after;
                }
                (1..=5, _) => return None,
                _ => skip_field(wt, tag, &mut msg, DecodeContext::default()).ok()?,
            }
        }
        l.lines_end = self.lines.len() as u32;
        self.locs.push(l);
        Some(rest)
    }
}

/// A line message of varint fields only (Go's form); None for anything else.
fn fast_line(mut b: &[u8]) -> Option<Line> {
    let mut line = Line::default();
    while let Some(&key) = b.first() {
        b = &b[1..];
        let v = fast_varint(&mut b)?;
        match key {
            0x08 => line.function_id = v,
            0x10 => line.line = v as i64,
            0x18 => line.column = v as i64,
            _ => return None,
        }
    }
    Some(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_like_prost_and_fails_like_it() {
        let locs = vec![
            Location {
                id: 3,
                mapping_id: 1,
                address: 0x4000,
                line: vec![
                    Line {
                        function_id: 2,
                        line: 7,
                        column: 1,
                    },
                    Line {
                        function_id: 1,
                        line: 9,
                        column: 0,
                    },
                ],
                is_folded: true,
            },
            Location {
                id: 1 << 40,
                ..Default::default()
            },
        ];
        let mut bytes = Vec::new();
        use prost::Message;
        assert_eq!(
            fast_line(&locs[0].line[0].encode_to_vec()),
            Some(locs[0].line[0])
        );
        for l in &locs {
            prost::encoding::message::encode(4, l, &mut bytes);
        }
        let mut flat = FlatLocations::default();
        let mut b = &bytes[..];
        while !b.is_empty() {
            let (tag, wt) = decode_key(&mut b).expect("key");
            assert_eq!(tag, 4);
            flat.merge(wt, &mut b).expect("location");
        }
        let mut expected = FlatLocations::default();
        for l in &locs {
            expected.push(l);
        }
        assert_eq!(flat, expected);
        assert_eq!(flat.lines_of(0).len(), 2);
        assert!(flat.lines_of(1).is_empty());
        // A cut-off location: prost's error, nothing kept.
        let mut flat = FlatLocations::default();
        let cut = [0x05, 0x08, 0x01, 0x22, 0x09];
        let err = flat.merge(WireType::LengthDelimited, &mut &cut[..]);
        let mut one: Vec<Location> = Vec::new();
        let want = prost::encoding::message::merge_repeated(
            WireType::LengthDelimited,
            &mut one,
            &mut &cut[..],
            DecodeContext::default(),
        );
        assert_eq!(err, want.map_err(|e| e.to_string()));
        assert!(err.is_err() && flat.is_empty());
    }
}
