//! The string table as decoded: every string's bytes in one buffer, each behind its
//! length, and none made into a `String` until resolution asks for the ones in use — a
//! profile with millions of strings that no sample uses costs one byte per empty string,
//! not a vector each.

/// The strings of a profile's string table, in order, packed into one buffer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StringArena {
    /// For each string: its length as a varint, then its bytes.
    buf: Vec<u8>,
    count: usize,
}

impl StringArena {
    /// An empty table.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends a string.
    pub fn push(&mut self, s: &[u8]) {
        let mut n = s.len() as u64;
        while n >= 0x80 {
            self.buf.push((n as u8) | 0x80);
            n >>= 7;
        }
        self.buf.push(n as u8);
        self.buf.extend_from_slice(s);
        self.count += 1;
    }

    /// Number of strings.
    pub fn len(&self) -> usize {
        self.count
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Bytes held (lengths included).
    pub fn size(&self) -> usize {
        self.buf.len()
    }

    /// The strings in order.
    pub fn iter(&self) -> Strings<'_> {
        Strings { rest: &self.buf }
    }

    /// The strings at the indices `wanted` (ascending, no duplicates, each below
    /// [`StringArena::len`]), in that order, from one pass over the table.
    pub fn pick(&self, wanted: &[u32]) -> Vec<&[u8]> {
        let mut out = Vec::with_capacity(wanted.len());
        let mut strings = self.iter();
        let mut at = 0u32;
        for &w in wanted {
            debug_assert!(w >= at, "indices ascending");
            // `nth` skips over the strings in between without looking at their bytes.
            match strings.nth((w - at) as usize) {
                Some(s) => out.push(s),
                None => break,
            }
            at = w + 1;
        }
        out
    }
}

impl<T: AsRef<[u8]>> FromIterator<T> for StringArena {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut a = Self::new();
        for s in iter {
            a.push(s.as_ref());
        }
        a
    }
}

/// Iterator over the strings of a [`StringArena`].
pub struct Strings<'a> {
    rest: &'a [u8],
}

impl<'a> Iterator for Strings<'a> {
    type Item = &'a [u8];

    fn next(&mut self) -> Option<&'a [u8]> {
        let mut n = 0usize;
        let mut shift = 0;
        loop {
            let (&b, rest) = self.rest.split_first()?;
            self.rest = rest;
            n |= usize::from(b & 0x7f) << shift;
            if b < 0x80 {
                break;
            }
            shift += 7;
        }
        let (s, rest) = self.rest.split_at(n);
        self.rest = rest;
        Some(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_come_back_in_order_and_by_index() {
        let long = vec![b'x'; 300];
        let a: StringArena = [&b""[..], b"a", &long, b"bc", b""].into_iter().collect();
        assert_eq!(a.len(), 5);
        assert_eq!(
            a.iter().collect::<Vec<_>>(),
            vec![&b""[..], b"a", &long, b"bc", b""]
        );
        assert_eq!(a.pick(&[1, 2, 4]), vec![&b"a"[..], &long, b""]);
        assert_eq!(a.pick(&[0]), vec![&b""[..]]);
        assert!(a.pick(&[]).is_empty());
        // 300 bytes behind a two-byte length; an empty string costs one byte.
        assert_eq!(a.size(), 1 + 2 + 302 + 3 + 1);
    }
}
