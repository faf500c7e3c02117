//! Background computation off the UI thread: filtered profiles, node tables, tables, call
//! trees, callers/callees and size histograms, each cached by its inputs.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender};

use crate::analysis::filter::{self, Filters};
use crate::analysis::source_view::{SourceText, source_data};
use crate::analysis::view::top_view;
use crate::analysis::{
    Granularity, NodeTable, ReportOptions, SourceLocator, call_tree, edges, histogram,
};
use crate::app::{Action, Job, SourceReady};
use crate::highlight::highlight;
use crate::profile::Profile;

/// A filtered profile with its node tables (ids shared with the unfiltered tables).
struct Filtered {
    profile: Arc<Profile>,
    warnings: Vec<String>,
    tables: HashMap<Granularity, Arc<NodeTable>>,
    /// When it was last used (the worker's job counter).
    used: u64,
}

/// Filtered profiles kept at once; the least recently used goes first. The explorer keeps
/// the reports of the current and the previous filter set (`App::kept_filter_sets`).
const MAX_FILTERED: usize = 3;

/// The worker's caches.
pub struct Worker {
    profile: Arc<Profile>,
    locator: SourceLocator,
    tables: HashMap<Granularity, Arc<NodeTable>>,
    filtered: HashMap<u32, Filtered>,
    tick: u64,
}

impl Worker {
    /// A worker over `profile`, finding source files with `locator`.
    pub fn new(profile: Arc<Profile>, locator: SourceLocator) -> Self {
        Self {
            profile,
            locator,
            tables: HashMap::new(),
            filtered: HashMap::new(),
            tick: 0,
        }
    }

    fn table(&mut self, g: Granularity) -> Arc<NodeTable> {
        let p = &self.profile;
        self.tables
            .entry(g)
            .or_insert_with(|| Arc::new(NodeTable::build(p, g, "", "", false)))
            .clone()
    }

    /// The profile under filter set `fid` and its table at `g`, plus the filters' warnings.
    fn filtered(
        &mut self,
        fid: u32,
        f: &Filters,
        g: Granularity,
    ) -> (Arc<Profile>, Arc<NodeTable>, Vec<String>) {
        let base = self.table(g);
        if fid == 0 || !f.is_active() {
            return (self.profile.clone(), base, Vec::new());
        }
        self.tick += 1;
        if !self.filtered.contains_key(&fid) && self.filtered.len() >= MAX_FILTERED {
            let oldest = self
                .filtered
                .iter()
                .min_by_key(|(_, e)| e.used)
                .map(|(&k, _)| k);
            if let Some(k) = oldest {
                self.filtered.remove(&k);
            }
        }
        let p = &self.profile;
        let entry = self.filtered.entry(fid).or_insert_with(|| {
            let (fp, outcome) = filter::filter_profile(p, f);
            Filtered {
                profile: Arc::new(fp),
                warnings: outcome.warnings(),
                tables: HashMap::new(),
                used: 0,
            }
        });
        entry.used = self.tick;
        let fp = entry.profile.clone();
        let table = entry
            .tables
            .entry(g)
            .or_insert_with(|| Arc::new(filter::restrict_table(&base, p, &fp)))
            .clone();
        (fp, table, entry.warnings.clone())
    }

    /// Runs `job` under `filters` (used by the worker thread and by synchronous tests).
    pub fn compute(&mut self, job: Job, filters: &Filters) -> Action {
        let fid = job.filters();
        match job {
            Job::View(key) => {
                let (fp, table, warnings) = self.filtered(fid, filters, key.granularity);
                let opts = ReportOptions {
                    filters: filters.clone(),
                    ..ReportOptions::untrimmed(key.sample_index)
                };
                let mut view = top_view(
                    &self.profile,
                    &fp,
                    &table,
                    &opts,
                    key.sort,
                    key.side_by_side,
                );
                view.warnings = warnings;
                Action::ViewReady(key, Arc::new(view))
            }
            Job::Tree(d, _) => {
                let (fp, table, _) = self.filtered(fid, filters, Granularity::Functions);
                Action::TreeReady(d, fid, Arc::new(call_tree::build(&fp, &table, d)))
            }
            Job::Edges(i, _) => {
                let (fp, table, _) = self.filtered(fid, filters, Granularity::Functions);
                Action::EdgesReady(i, fid, Arc::new(edges::build(&fp, &table, i)))
            }
            Job::Source(func, _) => {
                let (fp, table, _) = self.filtered(fid, filters, Granularity::Functions);
                let name = table
                    .infos
                    .get(func as usize)
                    .map(|i| i.name.clone())
                    .unwrap_or_default();
                let data = source_data(&self.profile, &fp, filters, &name, &self.locator);
                let highlighted = match data.as_ref().map(|d| &d.text) {
                    Some(SourceText::Found(path, lines)) => highlight(
                        &path.to_string_lossy(),
                        lines,
                        std::time::Duration::from_secs(2),
                    ),
                    _ => None,
                };
                Action::SourceReady(func, fid, Arc::new(SourceReady { data, highlighted }))
            }
            Job::Histogram(func, _) => {
                let (fp, table, _) = self.filtered(fid, filters, Granularity::Functions);
                Action::HistogramReady(func, fid, Arc::new(histogram::build(&fp, &table, func)))
            }
        }
    }
}

/// Runs until `jobs` closes, answering each job with an action sent through `out`.
pub fn run(mut w: Worker, jobs: Receiver<(Job, Arc<Filters>)>, out: Sender<super::Event>) {
    while let Ok((job, filters)) = jobs.recv() {
        super::terminal::test_panic("worker");
        let action = w.compute(job, &filters);
        if out.send(super::Event::Action(action)).is_err() {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::call_tree::Direction;
    use crate::analysis::filter::FilterKind;

    #[test]
    fn keeps_only_the_most_recently_used_filtered_profiles() {
        let p = Arc::new(crate::profile::testdata_profile("retain-mid.prof"));
        let mut w = Worker::new(p, SourceLocator::new("", "", std::path::Path::new(".")));
        let names = ["main", "runtime", "bytes", "encoding", "strings"];
        for (i, name) in names.iter().enumerate() {
            let mut f = Filters::default();
            f.set(FilterKind::Focus, name).expect("regex");
            let fid = i as u32 + 1;
            assert!(matches!(
                w.compute(Job::Tree(Direction::TopDown, fid), &f),
                Action::TreeReady(..)
            ));
            assert!(w.filtered.len() <= MAX_FILTERED);
            assert!(w.filtered.contains_key(&fid));
        }
        let mut kept: Vec<u32> = w.filtered.keys().copied().collect();
        kept.sort_unstable();
        assert_eq!(kept, [3, 4, 5]);
    }
}
