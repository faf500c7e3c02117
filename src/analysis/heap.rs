//! Heap-profile knowledge: which sample types are in-use vs alloc and space vs objects,
//! how many raw samples back the scaled values (Go's 1/(1−e^(−size/rate)) scaling), and
//! the numbers behind the "why does this look empty?" notice (worded by the `ui`).

use super::units;
use crate::profile::Profile;

/// Indices of the four Go heap sample types, where present.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HeapTypes {
    /// alloc_objects (count).
    pub alloc_objects: Option<usize>,
    /// alloc_space (bytes).
    pub alloc_space: Option<usize>,
    /// inuse_objects (count).
    pub inuse_objects: Option<usize>,
    /// inuse_space (bytes).
    pub inuse_space: Option<usize>,
}

impl HeapTypes {
    /// Finds the heap sample types of `p`.
    pub fn of(p: &Profile) -> Self {
        let find = |n: &str| p.sample_types.iter().position(|t| t.ty == n);
        Self {
            alloc_objects: find("alloc_objects"),
            alloc_space: find("alloc_space"),
            inuse_objects: find("inuse_objects"),
            inuse_space: find("inuse_space"),
        }
    }

    /// Whether both the in-use and the alloc families exist (a Go heap/allocs profile).
    pub fn is_heap(&self) -> bool {
        (self.alloc_space.is_some() && self.inuse_space.is_some())
            || (self.alloc_objects.is_some() && self.inuse_objects.is_some())
    }

    /// Whether `i` is one of the in-use types.
    pub fn is_inuse(&self, i: usize) -> bool {
        Some(i) == self.inuse_space || Some(i) == self.inuse_objects
    }

    /// in-use ↔ alloc counterpart of `i` (inuse_space ↔ alloc_space, …).
    pub fn toggle_family(&self, i: usize) -> Option<usize> {
        let pairs = [
            (self.inuse_space, self.alloc_space),
            (self.inuse_objects, self.alloc_objects),
        ];
        pairs.iter().find_map(|&(a, b)| match (a, b) {
            (Some(a), Some(b)) if a == i => Some(b),
            (Some(a), Some(b)) if b == i => Some(a),
            _ => None,
        })
    }

    /// space ↔ objects counterpart of `i` (alloc_space ↔ alloc_objects, …).
    pub fn toggle_measure(&self, i: usize) -> Option<usize> {
        let pairs = [
            (self.inuse_space, self.inuse_objects),
            (self.alloc_space, self.alloc_objects),
        ];
        pairs.iter().find_map(|&(a, b)| match (a, b) {
            (Some(a), Some(b)) if a == i => Some(b),
            (Some(a), Some(b)) if b == i => Some(a),
            _ => None,
        })
    }

    /// The (in-use, alloc) pair that `i` belongs to, for side-by-side views.
    pub fn pair_of(&self, i: usize) -> Option<(usize, usize)> {
        let other = self.toggle_family(i)?;
        if self.is_inuse(i) {
            Some((i, other))
        } else {
            Some((other, i))
        }
    }
}

/// The retained share: in use ÷ allocated (cum values of the same node), `None` when
/// nothing was allocated there.
pub fn retained(inuse: i64, alloc: i64) -> Option<f64> {
    (alloc != 0).then(|| inuse as f64 / alloc as f64)
}

/// Go's heap sample scaling undone: how many allocations were really recorded for a value
/// of `count` objects totalling `size` bytes at sampling `rate` (runtime.MemProfileRate).
pub fn raw_samples(count: i64, size: i64, rate: i64) -> f64 {
    if count <= 0 || size <= 0 {
        return 0.0;
    }
    if rate <= 1 {
        return count as f64;
    }
    let avg = size as f64 / count as f64;
    count as f64 * (1.0 - (-avg / rate as f64).exp())
}

/// Estimated raw samples behind each sample's alloc and in-use values.
pub fn raw_per_sample(p: &Profile, h: &HeapTypes) -> Option<(Vec<f64>, Vec<f64>)> {
    let (ao, asp) = (h.alloc_objects?, h.alloc_space?);
    let (io, isp) = (h.inuse_objects?, h.inuse_space?);
    let rate = p.period;
    let n = p.samples.len();
    let mut alloc = Vec::with_capacity(n);
    let mut inuse = Vec::with_capacity(n);
    for i in 0..n {
        let v = p.samples.values(i);
        alloc.push(raw_samples(v[ao], v[asp], rate));
        inuse.push(raw_samples(v[io], v[isp], rate));
    }
    Some((alloc, inuse))
}

/// The numbers behind "why does this look empty?".
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnosis {
    /// inuse_space total (bytes).
    pub inuse_total: i64,
    /// alloc_space total (bytes).
    pub alloc_total: i64,
    /// Estimated allocations really recorded (all samples, alloc side).
    pub raw_alloc_samples: f64,
    /// Estimated live objects really recorded.
    pub raw_inuse_samples: f64,
    /// Sampling rate in bytes (the profile's period).
    pub rate: i64,
    /// The in-use view holds under 10% of what was allocated.
    pub looks_empty: bool,
    /// Share of the in-use bytes allocated directly by the Go runtime (`runtime`,
    /// `runtime/pprof`, …) rather than the program: near 1 when the program's own
    /// memory was freed before the profile was written, as at program end.
    pub runtime_share: f64,
    /// The profile rests on few raw samples.
    pub few_samples: bool,
    /// A delta profile (a heap profile with a duration, as `?seconds=N` gives): what was
    /// allocated and freed during the window, not the heap in use.
    pub delta_nanos: Option<i64>,
}

/// Share of `total` (type `t`) in samples taken in the Go runtime's own packages.
fn runtime_share(p: &Profile, t: usize, total: i64) -> f64 {
    if total == 0 {
        return 0.0;
    }
    let runtime: i64 = (0..p.samples.len())
        .filter(|&s| {
            super::stacks::leaf_function(p, s)
                .is_some_and(|f| f.starts_with("runtime.") || f.starts_with("runtime/"))
        })
        .map(|s| p.samples.values(s)[t].wrapping_abs())
        .fold(0i64, i64::wrapping_add);
    runtime as f64 / total as f64
}

/// The runtime's share of what is in use above which an empty-looking profile is taken
/// for one written after the program freed its memory.
pub const END_OF_PROGRAM_SHARE: f64 = 0.5;

/// Fewer raw samples than this and the notice explains MemProfileRate.
pub const FEW_SAMPLES: f64 = 1000.0;

impl Diagnosis {
    /// Diagnoses a heap profile; `None` for other kinds.
    pub fn of(p: &Profile) -> Option<Self> {
        let h = HeapTypes::of(p);
        let (isp, asp) = (h.inuse_space?, h.alloc_space?);
        let total = |i: usize| super::top::total(p, i);
        let (inuse_total, alloc_total) = (total(isp), total(asp));
        let (alloc, inuse) = raw_per_sample(p, &h).unwrap_or_default();
        // A delta profile's differences can be negative: no count is below zero.
        let raw_alloc: f64 = alloc.iter().sum::<f64>().max(0.0);
        let raw_inuse: f64 = inuse.iter().sum::<f64>().max(0.0);
        let delta_nanos = (p.duration_nanos > 0).then_some(p.duration_nanos);
        Some(Self {
            inuse_total,
            alloc_total,
            raw_alloc_samples: raw_alloc,
            raw_inuse_samples: raw_inuse,
            rate: p.period,
            looks_empty: delta_nanos.is_none()
                && alloc_total > 0
                && (inuse_total as f64) < 0.1 * alloc_total as f64,
            runtime_share: runtime_share(p, isp, inuse_total),
            few_samples: delta_nanos.is_none() && p.period > 1 && raw_alloc < FEW_SAMPLES,
            delta_nanos,
        })
    }

    /// in-use as a share of alloc, as pprof prints percentages ("2.53%").
    pub fn inuse_share(&self) -> String {
        units::percentage(self.inuse_total, self.alloc_total)
            .trim()
            .to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_samples_undoes_go_scaling() {
        // One 1 MiB allocation at rate 512 KiB is scaled by 1/(1-e^-2).
        let scale = 1.0 / (1.0 - (-2.0f64).exp());
        let count = scale.round() as i64;
        let est = raw_samples(count, count * 1_048_576, 524_288);
        assert!((est - 1.0).abs() < 0.2, "{est}");
        assert_eq!(raw_samples(7, 700, 1), 7.0);
        assert_eq!(raw_samples(0, 0, 524_288), 0.0);
    }
}
