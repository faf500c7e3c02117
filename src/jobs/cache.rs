//! The one cache of computed reports: what is done, what is under way, what waits for its
//! filtered profile; reports of filter sets the app no longer keeps are dropped together,
//! filtered profile included, and call trees are kept for the current set only.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::filtered::Filtered;
use super::job::{Done, FilterSetId, Job, JobKey, Report, SourceReady, ViewKey};
use crate::analysis::call_tree::{CallTree, Direction};
use crate::analysis::edges::EdgeIndex;
use crate::analysis::filter::Filters;
use crate::analysis::histogram::Histogram;
use crate::analysis::view::TopView;
use crate::analysis::{FuncId, SampleIndex};

/// Reports by key, jobs under way, jobs waiting for their input.
#[derive(Debug)]
pub struct JobCache {
    done: HashMap<JobKey, Report>,
    pending: HashSet<JobKey>,
    /// Jobs whose filtered profile is being computed, with their filters.
    waiting: Vec<(JobKey, Arc<Filters>)>,
    unfiltered: Arc<Filtered>,
}

impl JobCache {
    /// A cache over the unfiltered profile (filter set 0, always present).
    pub fn new(unfiltered: Arc<Filtered>) -> Self {
        let mut done = HashMap::new();
        done.insert(
            JobKey::Filter(FilterSetId(0)),
            Report::Filtered(unfiltered.clone()),
        );
        Self {
            done,
            pending: HashSet::new(),
            waiting: Vec::new(),
            unfiltered,
        }
    }

    /// The unfiltered profile.
    pub fn unfiltered(&self) -> &Arc<Filtered> {
        &self.unfiltered
    }

    /// Whether `key` is computed.
    pub fn has(&self, key: &JobKey) -> bool {
        self.done.contains_key(key)
    }

    /// Whether `key` is being computed.
    pub fn is_pending(&self, key: &JobKey) -> bool {
        self.pending.contains(key)
    }

    /// What is being computed, if anything (one job, for the status line).
    pub fn busy(&self) -> Option<JobKey> {
        self.pending.iter().min_by_key(|k| k.describe()).copied()
    }

    /// The filtered profile of set `f`.
    pub fn filtered(&self, f: FilterSetId) -> Option<&Arc<Filtered>> {
        match self.done.get(&JobKey::Filter(f)) {
            Some(Report::Filtered(x)) => Some(x),
            _ => None,
        }
    }

    /// A top table.
    pub fn view(&self, k: &ViewKey) -> Option<&Arc<TopView>> {
        match self.done.get(&JobKey::View(*k)) {
            Some(Report::View(x)) => Some(x),
            _ => None,
        }
    }

    /// A call tree.
    pub fn tree(&self, d: Direction, f: FilterSetId) -> Option<&Arc<CallTree>> {
        match self.done.get(&JobKey::Tree(d, f)) {
            Some(Report::Tree(x)) => Some(x),
            _ => None,
        }
    }

    /// Callers and callees for sample type `t`.
    pub fn edges(&self, t: SampleIndex, f: FilterSetId) -> Option<&Arc<EdgeIndex>> {
        match self.done.get(&JobKey::Edges(t, f)) {
            Some(Report::Edges(x)) => Some(x),
            _ => None,
        }
    }

    /// A function's size histogram.
    pub fn histogram(&self, func: FuncId, f: FilterSetId) -> Option<&Arc<Histogram>> {
        match self.done.get(&JobKey::Histogram(func, f)) {
            Some(Report::Histogram(x)) => Some(x),
            _ => None,
        }
    }

    /// A function's source.
    pub fn source(&self, func: FuncId, f: FilterSetId) -> Option<&Arc<SourceReady>> {
        match self.done.get(&JobKey::Source(func, f)) {
            Some(Report::Source(x)) => Some(x),
            _ => None,
        }
    }

    /// Asks for `key` (its filter set being `filters`); returns the jobs to start now. A
    /// job whose filtered profile is not computed yet waits for it.
    pub fn ensure(&mut self, key: JobKey, filters: &Arc<Filters>) -> Vec<Job> {
        if self.done.contains_key(&key) || self.pending.contains(&key) {
            return Vec::new();
        }
        if let JobKey::Filter(_) = key {
            self.pending.insert(key);
            return vec![Job {
                key,
                input: self.unfiltered.clone(),
                filters: filters.clone(),
            }];
        }
        let fid = key.filters();
        match self.filtered(fid).cloned() {
            Some(input) => {
                self.pending.insert(key);
                vec![Job {
                    key,
                    input,
                    filters: filters.clone(),
                }]
            }
            None => {
                self.pending.insert(key);
                self.waiting.push((key, filters.clone()));
                self.ensure(JobKey::Filter(fid), filters)
            }
        }
    }

    /// Stores a finished job if its filter set is in `keep` (a call tree only if it is of
    /// the `current` set); returns the jobs that were waiting for it (a filtered profile).
    pub fn finish(&mut self, done: Done, keep: &[FilterSetId], current: FilterSetId) -> Vec<Job> {
        if !Arc::ptr_eq(&done.root, self.unfiltered.unfiltered_profile()) {
            return Vec::new();
        }
        self.pending.remove(&done.key);
        let fid = done.key.filters();
        let kept = keep.contains(&fid) && (fid == current || !matches!(done.key, JobKey::Tree(..)));
        let input = match &done.report {
            Report::Filtered(f) => Some(f.clone()),
            _ => None,
        };
        if kept {
            self.done.insert(done.key, done.report);
        }
        let Some(input) = input else {
            return Vec::new();
        };
        let (ready, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut self.waiting)
            .into_iter()
            .partition(|(k, _)| k.filters() == fid);
        self.waiting = rest;
        let mut jobs = Vec::new();
        for (key, filters) in ready {
            if kept {
                jobs.push(Job {
                    key,
                    input: input.clone(),
                    filters,
                });
            } else {
                self.pending.remove(&key);
            }
        }
        jobs
    }

    /// Drops every report of the filter sets not in `keep` (set 0 always stays), and the
    /// call trees of every set but `current` (the largest reports; recomputed on return).
    pub fn retain(&mut self, keep: &[FilterSetId], current: FilterSetId) {
        self.done.retain(|k, _| match k {
            JobKey::Tree(_, f) => *f == current,
            _ => k.filters() == FilterSetId(0) || keep.contains(&k.filters()),
        });
    }

    /// Number of reports held (for tests of the eviction).
    pub fn len(&self) -> usize {
        self.done.len()
    }

    /// Whether nothing but the unfiltered profile is held.
    pub fn is_empty(&self) -> bool {
        self.done.len() <= 1
    }

    /// Filter sets that have a report.
    pub fn filter_sets(&self) -> Vec<FilterSetId> {
        let mut v: Vec<FilterSetId> = self.done.keys().map(JobKey::filters).collect();
        v.sort_unstable();
        v.dedup();
        v
    }
}
