//! The hot path of decoding: varints and packed location ids read straight from the
//! bytes into their column ([`LocIds`]), giving up (None) on anything unusual so prost's
//! decoder handles and names it.

/// The location ids of all samples: 4 bytes each while every id fits in a u32 (as Go's
/// do), 8 bytes each from the first one that does not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LocIds {
    /// Every id so far fits in a u32.
    Narrow(Vec<u32>),
    /// Some id does not.
    Wide(Vec<u64>),
}

impl Default for LocIds {
    fn default() -> Self {
        Self::Narrow(Vec::new())
    }
}

impl LocIds {
    /// Appends an id, widening the storage when it needs more than 32 bits.
    pub fn push(&mut self, id: u64) {
        match self {
            Self::Narrow(v) => match u32::try_from(id) {
                Ok(narrow) => v.push(narrow),
                Err(_) => {
                    let mut wide: Vec<u64> = v.iter().map(|&x| u64::from(x)).collect();
                    wide.push(id);
                    *self = Self::Wide(wide);
                }
            },
            Self::Wide(v) => v.push(id),
        }
    }

    /// Number of ids.
    pub fn len(&self) -> usize {
        match self {
            Self::Narrow(v) => v.len(),
            Self::Wide(v) => v.len(),
        }
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Id `i`.
    pub fn get(&self, i: usize) -> u64 {
        match self {
            Self::Narrow(v) => u64::from(v[i]),
            Self::Wide(v) => v[i],
        }
    }

    /// All ids, widened.
    pub fn to_vec(&self) -> Vec<u64> {
        (0..self.len()).map(|i| self.get(i)).collect()
    }
}

/// A varint from the front of `b`, or None when it is cut off or longer than 10 bytes
/// (the caller then lets prost's decoder name the error).
#[inline(always)]
pub fn fast_varint(b: &mut &[u8]) -> Option<u64> {
    let (&first, rest) = b.split_first()?;
    if first < 0x80 {
        *b = rest;
        return Some(u64::from(first));
    }
    let mut v = u64::from(first & 0x7f);
    for (i, &byte) in rest.iter().enumerate().take(9) {
        v |= u64::from(byte & 0x7f) << (7 * (i + 1));
        if byte < 0x80 {
            // A tenth byte may only carry the top bit, as prost requires.
            if i == 8 && byte > 1 {
                return None;
            }
            *b = &rest[i + 1..];
            return Some(v);
        }
    }
    None
}

/// The packed location ids of one sample, the first `n` bytes of `data` (more bytes may
/// follow: words are read across the end), appended in a tight loop while every id fits
/// in 32 bits; None (with nothing appended) sends the field to the general path.
pub fn fast_packed_ids(data: &[u8], n: usize, ids: &mut LocIds) -> Option<()> {
    let LocIds::Narrow(v) = ids else { return None };
    let before = v.len();
    v.reserve(n);
    let mut pos = 0;
    // Eight bytes at a time while they last: the id's length from its stop bit, its
    // 7-bit groups put together without a branch per byte.
    while pos < n {
        let Some(word) = data[pos..]
            .first_chunk::<8>()
            .map(|w| u64::from_le_bytes(*w))
        else {
            break;
        };
        let stops = !word & 0x8080_8080_8080_8080;
        let len = (stops.trailing_zeros() / 8 + 1) as usize;
        if len > 5 || pos + len > n {
            break;
        }
        let x = word & (u64::MAX >> (64 - 8 * len));
        let id = (x & 0x7f)
            | ((x >> 1) & (0x7f << 7))
            | ((x >> 2) & (0x7f << 14))
            | ((x >> 3) & (0x7f << 21))
            | ((x >> 4) & (0x7f << 28));
        let Ok(id) = u32::try_from(id) else { break };
        v.push(id);
        pos += len;
    }
    let mut b = &data[pos..n];
    while !b.is_empty() {
        match fast_varint(&mut b).and_then(|id| u32::try_from(id).ok()) {
            Some(id) => v.push(id),
            None => {
                v.truncate(before);
                return None;
            }
        }
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_ids_like_one_varint_at_a_time() {
        let ids: Vec<u32> = vec![
            0,
            1,
            127,
            128,
            300,
            16_383,
            16_384,
            1 << 21,
            1 << 28,
            u32::MAX,
            5,
            6,
            7,
        ];
        let mut packed = Vec::new();
        for &id in &ids {
            let mut v = u64::from(id);
            while v >= 0x80 {
                packed.push((v as u8) | 0x80);
                v >>= 7;
            }
            packed.push(v as u8);
        }
        let mut out = LocIds::default();
        assert_eq!(fast_packed_ids(&packed, packed.len(), &mut out), Some(()));
        assert_eq!(out, LocIds::Narrow(ids.clone()));
        // Bytes after the field are never taken for ids.
        let mut tailed = packed.clone();
        tailed.extend_from_slice(&[0x05; 9]);
        let mut out = LocIds::default();
        assert_eq!(fast_packed_ids(&tailed, packed.len(), &mut out), Some(()));
        assert_eq!(out, LocIds::Narrow(ids));
        // An id over 32 bits, a cut-off varint, an 11-byte one: nothing is appended.
        for bad in [
            &[0x80, 0x80, 0x80, 0x80, 0x10][..],
            &[0x05, 0x80],
            &[0xff; 11],
        ] {
            let mut out = LocIds::default();
            assert_eq!(fast_packed_ids(bad, bad.len(), &mut out), None, "{bad:?}");
            assert!(out.is_empty());
        }
        let mut b = &[0xac, 0x02, 0x07][..];
        assert_eq!((fast_varint(&mut b), b), (Some(300), &[0x07][..]));
    }
}
