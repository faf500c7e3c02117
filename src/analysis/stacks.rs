//! What a profile's stacks say about how it was written: stacks cut at the producer's
//! depth limit (Go records at most 32 frames in heap, block and mutex profiles and 64 in
//! CPU profiles), so their outermost frames are not real roots.

use crate::profile::Profile;

/// Depth limits of known producers (Go's runtime: 32 for memory, block, mutex and
/// goroutine records; 64 for CPU samples).
const LIMITS: [usize; 2] = [32, 64];

/// Stacks cut at a depth limit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Truncation {
    /// The depth the stacks stop at (in locations).
    pub depth: usize,
    /// Samples whose stack reaches it.
    pub samples: usize,
    /// Their share of all samples.
    pub share: f64,
}

/// The truncation of `p`'s stacks, if the deepest stacks stop exactly at a known limit.
pub fn truncation(p: &Profile) -> Option<Truncation> {
    let n = p.samples.len();
    let depth = (0..n).map(|s| p.samples.locations(s).len()).max()?;
    if !LIMITS.contains(&depth) {
        return None;
    }
    let samples = (0..n)
        .filter(|&s| p.samples.locations(s).len() == depth)
        .count();
    Some(Truncation {
        depth,
        samples,
        share: samples as f64 / n as f64,
    })
}

/// The function name of sample `s`'s leaf frame (where it was taken), if any.
pub fn leaf_function(p: &Profile, s: usize) -> Option<&str> {
    let loc = p.locations.get(*p.samples.locations(s).first()? as usize)?;
    let line = p
        .lines
        .get(loc.lines.0 as usize)
        .filter(|_| loc.lines.0 < loc.lines.1)?;
    p.functions
        .get(line.function as usize)
        .map(|f| f.name.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(depths: &[usize]) -> Profile {
        let stacks: Vec<(Vec<u32>, Vec<i64>)> = depths
            .iter()
            .map(|&d| ((0..d as u32).map(|i| i % 2).collect(), vec![1]))
            .collect();
        let names = ["runtime.mallocgc".to_string(), "main.main".to_string()];
        Profile::synthetic(&names, &stacks, &[("v", "count")])
    }

    #[test]
    fn stacks_at_the_limit_are_reported() {
        let t = truncation(&profile(&[3, 32, 32, 10])).expect("truncated");
        assert_eq!((t.depth, t.samples), (32, 2));
        assert!((t.share - 0.5).abs() < 1e-9);
        assert_eq!(truncation(&profile(&[3, 31, 10])), None);
        assert_eq!(truncation(&profile(&[3, 33])), None);
        assert_eq!(leaf_function(&profile(&[3]), 0), Some("runtime.mallocgc"));
    }
}
