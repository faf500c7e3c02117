//! The sample columns a loader, merge or parser builds: every sample's locations, values
//! and labels, each kind in one vector.

use super::label::Label;
use super::shared::HeapSize;

/// Samples as built, column-wise: sample `i` has locations `locs[loc_start[i]..loc_start[i+1]]`
/// (leaf first), values `values[i*n..(i+1)*n]` and labels likewise. What decoders,
/// merges and parsers fill; a profile reads them through [`Samples`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SampleColumns {
    /// Location indices of all samples, leaf first within a sample.
    pub locs: Vec<u32>,
    /// Start of each sample in `locs`, plus a final end.
    pub loc_start: Vec<u32>,
    /// `len() * num_types` values.
    pub values: Vec<i64>,
    /// Labels of all samples.
    pub labels: Vec<Label>,
    /// Start of each sample in `labels`, plus a final end.
    pub label_start: Vec<u32>,
    /// Number of values per sample.
    pub num_types: usize,
}

impl SampleColumns {
    /// Empty columns for `num_types` values per sample.
    pub fn new(num_types: usize) -> Self {
        Self {
            loc_start: vec![0],
            label_start: vec![0],
            num_types,
            ..Self::default()
        }
    }

    /// Number of samples.
    pub fn len(&self) -> usize {
        self.loc_start.len().saturating_sub(1)
    }

    /// Whether there are no samples.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The range of `locs` holding row `r`'s locations.
    pub(super) fn loc_range(&self, r: usize) -> (u32, u32) {
        (self.loc_start[r], self.loc_start[r + 1])
    }

    /// Location indices of sample `i`, leaf first.
    pub fn locations(&self, i: usize) -> &[u32] {
        &self.locs[self.loc_start[i] as usize..self.loc_start[i + 1] as usize]
    }

    /// Values of sample `i`, one per sample type.
    pub fn values(&self, i: usize) -> &[i64] {
        &self.values[i * self.num_types..(i + 1) * self.num_types]
    }

    /// Labels of sample `i`.
    pub fn labels(&self, i: usize) -> &[Label] {
        &self.labels[self.label_start[i] as usize..self.label_start[i + 1] as usize]
    }

    /// Appends a sample.
    pub fn push(&mut self, locs: &[u32], values: &[i64], labels: &[Label]) {
        self.locs.extend_from_slice(locs);
        self.loc_start.push(self.locs.len() as u32);
        self.values.extend_from_slice(values);
        self.labels.extend_from_slice(labels);
        self.label_start.push(self.labels.len() as u32);
    }
}

impl HeapSize for SampleColumns {
    fn heap_bytes(&self) -> usize {
        self.locs.heap_bytes()
            + self.loc_start.heap_bytes()
            + self.values.heap_bytes()
            + self.labels.heap_bytes()
            + self.label_start.heap_bytes()
    }
}
