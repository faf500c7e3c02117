//! A sample's label and the ids of the strings it names.

use super::shared::HeapSize;

/// Index into [`Profile::strings`](super::Profile::strings).
pub type StrId = u32;

/// A label on a sample: a string value or a number with an optional unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Label {
    /// Key.
    pub key: StrId,
    /// String value (0 = none).
    pub str: StrId,
    /// Numeric value.
    pub num: i64,
    /// Unit of the numeric value (0 = none).
    pub unit: StrId,
}

impl HeapSize for Label {
    fn heap_bytes(&self) -> usize {
        0
    }
}
