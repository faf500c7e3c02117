//! Every sample's call path as frame ids, flattened into one array (root first), with an
//! inline mark per frame: the one input both call-tree directions are read from, so the
//! trees themselves keep only a sort order and the nodes someone looked at.

mod frames;

use std::sync::Arc;

pub use frames::{Frames, Iter as FramesIter};

use super::nodes::NodeTable;
use super::stop::Stop;
use crate::profile::Profile;

/// The call paths of a profile's samples that carry a value.
#[derive(Debug)]
pub struct CallPaths {
    profile: Arc<Profile>,
    /// The profile's sample index of each path.
    samples: Vec<u32>,
    /// Frames of path `i`: `frames[start[i]..start[i + 1]]`, root first.
    start: Vec<u32>,
    frames: frames::Column,
    /// One bit per entry of `frames`: the frame was inlined into its caller.
    inline: Vec<u64>,
    /// One more than the largest frame id.
    frame_count: usize,
}

impl CallPaths {
    /// The paths of `p`'s samples over `table`: samples whose values are all zero or that
    /// have no frame are left out (they belong to no path).
    pub fn build(p: Arc<Profile>, table: &NodeTable) -> Self {
        Self::build_until(p, table, Stop::NEVER)
    }

    /// [`Self::build`], given up (partial) once `stop` is requested.
    pub fn build_until(p: Arc<Profile>, table: &NodeTable, stop: Stop<'_>) -> Self {
        let mut out = Self {
            profile: p.clone(),
            samples: Vec::new(),
            start: vec![0],
            frames: frames::Column::for_ids(table.infos.len()),
            inline: Vec::new(),
            frame_count: 0,
        };
        let mark = |at: usize, inline: &mut Vec<u64>| {
            if inline.len() <= at / 64 {
                inline.resize(at / 64 + 1, 0);
            }
            inline[at / 64] |= 1 << (at % 64);
        };
        for s in 0..p.samples.len() {
            if stop.at(s) {
                break;
            }
            if p.samples.values(s).iter().all(|&v| v == 0) {
                continue;
            }
            let before = out.frames.len();
            // Root first, inlined frames after their caller.
            for &loc in p.samples.locations(s).iter().rev() {
                let nodes = table.nodes_of(loc);
                for (i, &n) in nodes.iter().enumerate().rev() {
                    if i != nodes.len() - 1 {
                        mark(out.frames.len(), &mut out.inline);
                    }
                    out.frames.push(n);
                }
            }
            if out.frames.len() == before || out.frames.len() > u32::MAX as usize {
                // The path is left out: its marks are cleared (a later path reuses them).
                for at in before..out.frames.len() {
                    if let Some(w) = out.inline.get_mut(at / 64) {
                        *w &= !(1 << (at % 64));
                    }
                }
                out.frames.truncate(before);
                continue;
            }
            out.samples.push(s as u32);
            out.start.push(out.frames.len() as u32);
        }
        out.inline.resize(out.frames.len().div_ceil(64), 0);
        out.inline.shrink_to_fit();
        out.frame_count = out.frames.max().map_or(0, |f| f as usize + 1);
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
    pub fn frames(&self, i: usize) -> Frames<'_> {
        let (a, b) = self.span(i);
        self.frames.slice(a, b)
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

impl crate::profile::HeapSize for CallPaths {
    /// The paths' columns; not the profile they were read from.
    fn heap_bytes(&self) -> usize {
        use crate::analysis::mem_size::vec_cap;
        vec_cap(&self.samples)
            + vec_cap(&self.start)
            + self.frames.heap_bytes()
            + vec_cap(&self.inline)
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
            .map(|f| table.infos[f as usize].name.as_str())
            .collect();
        assert_eq!(names, ["main", "a", "b"]);
        assert_eq!(paths.values(0), [5]);
        assert!(paths.frames(1).is_empty() && paths.values(1).is_empty());
        assert!(!paths.is_inline(0, 1) && !paths.is_inline(0, 9));
    }
}
