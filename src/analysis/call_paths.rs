//! Every sample's call path as frame ids, flattened into one array (root first), with an
//! inline mark per frame: the one input both call-tree directions are read from, so the
//! trees themselves keep only a sort order and the nodes someone looked at.

use std::sync::Arc;

use super::nodes::NodeTable;
use crate::profile::Profile;

/// The call paths of a profile's samples that carry a value.
#[derive(Debug)]
pub struct CallPaths {
    profile: Arc<Profile>,
    /// The profile's sample index of each path.
    samples: Vec<u32>,
    /// Frames of path `i`: `frames[start[i]..start[i + 1]]`, root first.
    start: Vec<u32>,
    frames: Vec<u32>,
    /// One bit per entry of `frames`: the frame was inlined into its caller.
    inline: Vec<u64>,
    /// One more than the largest frame id.
    frame_count: usize,
}

impl CallPaths {
    /// The paths of `p`'s samples over `table`: samples whose values are all zero or that
    /// have no frame are left out (they belong to no path).
    pub fn build(p: Arc<Profile>, table: &NodeTable) -> Self {
        let mut out = Self {
            profile: p.clone(),
            samples: Vec::new(),
            start: vec![0],
            frames: Vec::new(),
            inline: Vec::new(),
            frame_count: 0,
        };
        let mut marks: Vec<bool> = Vec::new();
        for s in 0..p.samples.len() {
            if p.samples.values(s).iter().all(|&v| v == 0) {
                continue;
            }
            let before = out.frames.len();
            // Root first, inlined frames after their caller.
            for &loc in p.samples.locations(s).iter().rev() {
                let nodes = table.nodes_of(loc);
                for (i, &n) in nodes.iter().enumerate().rev() {
                    out.frames.push(n);
                    marks.push(i != nodes.len() - 1);
                }
            }
            if out.frames.len() == before || out.frames.len() > u32::MAX as usize {
                out.frames.truncate(before);
                marks.truncate(before);
                continue;
            }
            out.samples.push(s as u32);
            out.start.push(out.frames.len() as u32);
        }
        out.inline = vec![0u64; marks.len().div_ceil(64)];
        for (i, _) in marks.iter().enumerate().filter(|(_, m)| **m) {
            out.inline[i / 64] |= 1 << (i % 64);
        }
        out.frame_count = out.frames.iter().max().map_or(0, |&f| f as usize + 1);
        out.frames.shrink_to_fit();
        out.samples.shrink_to_fit();
        out.start.shrink_to_fit();
        out
    }

    /// Number of paths.
    pub fn len(&self) -> usize {
        self.samples.len()
    }

    /// Whether there is no path.
    pub fn is_empty(&self) -> bool {
        self.samples.is_empty()
    }

    /// One more than the largest frame id of any path.
    pub fn frame_count(&self) -> usize {
        self.frame_count
    }

    /// Number of sample types.
    pub fn num_types(&self) -> usize {
        self.profile.sample_types.len()
    }

    fn span(&self, i: usize) -> (usize, usize) {
        match (self.start.get(i), self.start.get(i + 1)) {
            (Some(&a), Some(&b)) => (a as usize, b as usize),
            _ => (0, 0),
        }
    }

    /// The frames of path `i`, root first (empty for an absent path).
    pub fn frames(&self, i: usize) -> &[u32] {
        let (a, b) = self.span(i);
        &self.frames[a..b]
    }

    /// Whether frame `k` of path `i` (root first) was inlined into its caller.
    pub fn is_inline(&self, i: usize, k: usize) -> bool {
        let (a, b) = self.span(i);
        let at = a + k;
        at < b && self.inline[at / 64] & (1 << (at % 64)) != 0
    }

    /// The values of path `i` (one per sample type; empty for an absent path).
    pub fn values(&self, i: usize) -> &[i64] {
        match self.samples.get(i) {
            Some(&s) => self.profile.samples.values(s as usize),
            None => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Granularity;

    #[test]
    fn paths_run_root_first_and_skip_zero_samples() {
        let names = ["main", "a", "b"].map(String::from);
        let stacks = [(vec![2, 1, 0], vec![5]), (vec![1, 0], vec![0])];
        let p = Arc::new(Profile::synthetic(&names, &stacks, &[("v", "count")]));
        let table = NodeTable::build(&p, Granularity::Functions, "", "", false);
        let paths = CallPaths::build(p, &table);
        assert_eq!(paths.len(), 1);
        let names: Vec<&str> = paths
            .frames(0)
            .iter()
            .map(|&f| table.infos[f as usize].name.as_str())
            .collect();
        assert_eq!(names, ["main", "a", "b"]);
        assert_eq!(paths.values(0), [5]);
        assert!(paths.frames(1).is_empty() && paths.values(1).is_empty());
        assert!(!paths.is_inline(0, 1) && !paths.is_inline(0, 9));
    }
}
