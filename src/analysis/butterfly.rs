//! The butterfly (speedscope's sandwich, Firefox's butterfly) of one function, merged
//! over all its call sites: its callers as a tree above it (who calls it, who calls them,
//! …) and its callees as a tree below it, with flat and cum for every sample type, made
//! lazily like the call tree.
//!
//! A sample is read at each *anchor*: an occurrence of the function that starts a run of
//! it (the outermost frame of the run, for the callers; the innermost, for the callees),
//! so `f → f → f` is one call site and a recursive `f → g → f` two. From an anchor the
//! callers' sequence runs to the root, the callees' to the leaf. A node is a sequence
//! prefix (the function first); a sample adds its value to a node once, however many of
//! its sequences pass through it, as pprof counts cum. So the root's cum is the
//! function's cum, and the first level is pprof's `-peek`: each caller's (callee's) cum is
//! the weight of its edge to the function, and its inline mark is that of the edge.
//!
//! Flat is the function's own cost: at the root its flat; a caller node has the part of
//! it whose innermost call site passes through the node (the run of the function at the
//! leaf, read from its anchor), a callee node what was taken in that callee at the end
//! of the path.

mod half;

pub use half::{Half, Side};

use std::sync::Arc;

use super::call_paths::CallPaths;
use super::ids::FuncId;
use super::stop::Stop;

/// The callers and callees of one function.
#[derive(Debug)]
pub struct Butterfly {
    focus: FuncId,
    callers: Half,
    callees: Half,
}

impl Butterfly {
    /// The butterfly of `focus` (a frame id of the table `paths` were read with).
    pub fn build(paths: Arc<CallPaths>, focus: FuncId) -> Self {
        Self::build_until(paths, focus, Stop::NEVER)
    }

    /// [`Self::build`], given up (partial) once `stop` is requested.
    pub fn build_until(paths: Arc<CallPaths>, focus: FuncId, stop: Stop<'_>) -> Self {
        Self {
            focus,
            callers: Half::build_until(paths.clone(), focus, Side::Callers, stop),
            callees: Half::build_until(paths, focus, Side::Callees, stop),
        }
    }

    /// The function.
    pub fn focus(&self) -> FuncId {
        self.focus
    }

    /// The tree of callers (`Side::Callers`) or callees.
    pub fn half(&self, side: Side) -> &Half {
        match side {
            Side::Callers => &self.callers,
            Side::Callees => &self.callees,
        }
    }
}

#[cfg(test)]
mod tests;

impl crate::profile::HeapSize for Butterfly {
    /// Both halves; not the call paths they share with the trees.
    fn heap_bytes(&self) -> usize {
        self.callers.heap_bytes() + self.callees.heap_bytes()
    }
}

impl Butterfly {
    /// The call paths it reads (shared with the trees).
    pub fn paths(&self) -> &Arc<CallPaths> {
        self.callers.paths()
    }
}
