//! Profile strings that are not valid UTF-8, kept losslessly in a Rust `String`.
//!
//! profile.proto strings are bytes, and pprof writes them to a pipe as they are. The model
//! keeps `String`s, so a byte sequence that is not UTF-8 is stored with each offending
//! byte `b` (always 0x80..=0xFF) replaced by the private-use character U+10FF00 + `b`
//! (U+10FF80..=U+10FFFF, the *byte escapes*). So that the mapping stays one-to-one, a
//! genuine U+10FF80..=U+10FFFF in the profile (valid UTF-8, but never used by real
//! producers) is stored as the byte escapes of its four UTF-8 bytes.
//!
//! [`decode`] builds the stored form from the wire bytes, [`encode`] gives the original
//! bytes back (text output to a pipe, re-encoding a profile), [`for_display`] replaces
//! each byte escape by U+FFFD for a terminal or JSON. Valid UTF-8 without those rare
//! characters is stored unchanged, so every ordinary name is its own stored form.

use std::borrow::Cow;

/// The first of the byte escapes (U+10FF00 + 0x80).
const FIRST: u32 = 0x10_FF80;
/// Byte escapes are U+10FF00 + byte.
const BASE: u32 = 0x10_FF00;

/// Whether `c` stands for one raw byte of the original string.
pub fn is_byte_escape(c: char) -> bool {
    c as u32 >= FIRST
}

fn push_escaped_bytes(out: &mut String, bytes: &[u8]) {
    for &b in bytes {
        out.extend(char::from_u32(BASE + u32::from(b)));
    }
}

/// The stored form of the wire bytes `raw` (borrowed when it is ordinary UTF-8).
pub fn decode(raw: &[u8]) -> Cow<'_, str> {
    // A byte escape's UTF-8 starts with 0xF4: without one, valid UTF-8 is stored as is.
    if let Ok(s) = std::str::from_utf8(raw)
        && (!raw.contains(&0xf4) || !s.chars().any(is_byte_escape))
    {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(raw.len() + 8);
    for chunk in raw.utf8_chunks() {
        for c in chunk.valid().chars() {
            if is_byte_escape(c) {
                push_escaped_bytes(&mut out, c.encode_utf8(&mut [0; 4]).as_bytes());
            } else {
                out.push(c);
            }
        }
        push_escaped_bytes(&mut out, chunk.invalid());
    }
    Cow::Owned(out)
}

/// The original bytes of a stored string (borrowed when it holds no byte escape).
pub fn encode(s: &str) -> Cow<'_, [u8]> {
    if !s.chars().any(is_byte_escape) {
        return Cow::Borrowed(s.as_bytes());
    }
    let mut out = Vec::with_capacity(s.len());
    for c in s.chars() {
        if is_byte_escape(c) {
            out.push((c as u32 - BASE) as u8);
        } else {
            out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
        }
    }
    Cow::Owned(out)
}

/// `s` with each byte escape shown as U+FFFD (what a lossy UTF-8 reading would show).
pub fn for_display(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_byte_escape) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| if is_byte_escape(c) { '\u{fffd}' } else { c })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_byte_sequence() {
        let cases: Vec<Vec<u8>> = vec![
            b"main.main".to_vec(),
            Vec::new(),
            (0..=255u8).collect(),
            b"main.\xff\xfe".to_vec(),
            b"\xc3(lone".to_vec(),
            b"\xed\xa0\x80surrogate".to_vec(),
            "genuine \u{10ff80} and \u{10ffff} and \u{10ff7f}"
                .as_bytes()
                .to_vec(),
            b"\xf4\x8f\xbe\x80".to_vec(),
            b"truncated \xf4\x8f\xbe".to_vec(),
        ];
        for raw in cases {
            let stored = decode(&raw);
            assert_eq!(encode(&stored).as_ref(), raw.as_slice(), "{raw:?}");
        }
    }

    #[test]
    fn ordinary_text_is_unchanged_and_display_is_lossy() {
        assert!(matches!(decode(b"runtime.mallocgc"), Cow::Borrowed(_)));
        let s = decode(b"a\xffb");
        assert_eq!(s.chars().count(), 3);
        assert_eq!(for_display(&s), "a\u{fffd}b");
        assert_eq!(for_display("plain"), "plain");
    }
}
