//! A snapshot: one profile and everything computed from it — its functions, whether it
//! is a heap profile or a diff (and against what), its filtered profiles and reports
//! (the job cache), its facts. The explorer's UI state lives apart (`app`), so a refetch
//! swaps the snapshot and keeps the view; several snapshots can be alive at once (the
//! one shown, the latest fetch while its change is shown), each cheap to keep parked.

use std::sync::Arc;

use super::cache::JobCache;
use super::filtered::Filtered;
use super::job::SnapshotId;
use crate::analysis::facts::Facts;
use crate::analysis::heap::{Diagnosis, HeapTypes};
use crate::analysis::stacks::Truncation;
use crate::analysis::{Granularity, NodeTable};
use crate::profile::{Bases, Profile};

/// A profile and its computed state.
#[derive(Debug)]
pub struct Snapshot {
    id: SnapshotId,
    frames: Arc<NodeTable>,
    heap: HeapTypes,
    base: Option<Bases>,
    jobs: JobCache,
}

impl Snapshot {
    /// A snapshot of `unfiltered` (see [`Filtered::unfiltered`]); `base`: what it is a
    /// diff against, when it is one. Reads only the sample types: every scan of the
    /// samples is a job.
    pub fn new(unfiltered: Arc<Filtered>, base: Option<Bases>) -> Self {
        let id = SnapshotId::fresh();
        Self {
            id,
            frames: unfiltered.table(Granularity::Functions),
            heap: HeapTypes::of(&unfiltered.profile),
            base,
            jobs: JobCache::new(id, unfiltered),
        }
    }

    /// Its identity, unique in the process.
    pub fn id(&self) -> SnapshotId {
        self.id
    }

    /// The profile (unfiltered).
    pub fn profile(&self) -> &Arc<Profile> {
        &self.jobs.unfiltered().profile
    }

    /// The unfiltered profile with its tables.
    pub fn unfiltered(&self) -> &Arc<Filtered> {
        self.jobs.unfiltered()
    }

    /// Every function (functions granularity): the ids the selection uses.
    pub fn frames(&self) -> &Arc<NodeTable> {
        &self.frames
    }

    /// Heap sample types, if this is a heap profile.
    pub fn heap(&self) -> HeapTypes {
        self.heap
    }

    /// What the profile is a diff against, when it is one.
    pub fn base(&self) -> Option<&Bases> {
        self.base.as_ref()
    }

    /// The reports computed so far.
    pub fn jobs(&self) -> &JobCache {
        &self.jobs
    }

    /// The reports, to ask for more or take results.
    pub fn jobs_mut(&mut self) -> &mut JobCache {
        &mut self.jobs
    }

    /// The numbers about the whole profile, once computed.
    pub fn facts(&self) -> Option<&Arc<Facts>> {
        self.jobs.facts()
    }

    /// The heap diagnosis, once computed (none for a diff: it is no snapshot of a heap).
    pub fn diagnosis(&self) -> Option<&Diagnosis> {
        self.facts()?
            .diagnosis
            .as_ref()
            .filter(|_| self.base.is_none())
    }

    /// Stacks cut at the producer's depth limit, once computed.
    pub fn truncation(&self) -> Option<Truncation> {
        self.facts()?.truncation
    }

    /// In-use and alloc side by side mean something here: a heap profile, not a diff.
    pub fn has_side_by_side(&self) -> bool {
        self.heap.is_heap() && self.base.is_none()
    }

    /// No longer shown: keeps only the profile and its facts, withdraws queued jobs.
    pub fn park(&mut self) {
        self.jobs.park();
    }
}
