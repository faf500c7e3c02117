//! Resource caps applied before allocating: decompressed size and an estimate of the
//! memory the decoded elements would take.

/// Caps on what a profile may make the loader allocate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Largest decompressed profile accepted, in bytes.
    pub max_decompressed: u64,
    /// Largest estimated memory for the decoded elements, in bytes.
    pub max_memory: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_decompressed: 1 << 30,
            max_memory: 4 << 30,
        }
    }
}

/// Counts of the top-level elements of an encoded profile, found without decoding them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ElementCounts {
    /// Sample messages.
    pub samples: u64,
    /// Location messages.
    pub locations: u64,
    /// Function messages.
    pub functions: u64,
    /// Mapping messages.
    pub mappings: u64,
    /// Strings.
    pub strings: u64,
    /// Sample types.
    pub sample_types: u64,
}

impl ElementCounts {
    /// Upper estimate of the bytes decoding needs: per-element struct sizes of the wire
    /// messages and the model, plus twice the encoded size for the variable-length parts.
    pub fn estimated_memory(&self, encoded_len: u64) -> u64 {
        let per_element = self.samples.saturating_mul(72 + 24)
            + self.locations.saturating_mul(64 + 40)
            + self.functions.saturating_mul(48 + 100)
            + self.mappings.saturating_mul(96 + 80)
            + self.strings.saturating_mul(24 + 24)
            + self.sample_types.saturating_mul(16 + 48);
        per_element.saturating_add(encoded_len.saturating_mul(2))
    }
}

/// Formats a byte count for limit messages ("1.5 GiB").
pub fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut v = n as f64;
    let mut u = 0;
    while v >= 1024.0 && u + 1 < UNITS.len() {
        v /= 1024.0;
        u += 1;
    }
    if u == 0 {
        format!("{n} B")
    } else {
        format!("{v:.1} {}", UNITS[u])
    }
}
