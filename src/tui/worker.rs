//! Background computation of tables, off the UI thread; node tables are built once per
//! granularity and reused.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender};

use crate::analysis::view::top_view;
use crate::analysis::{Granularity, NodeTable, ReportOptions, call_tree, edges};
use crate::app::{Action, Job};
use crate::profile::Profile;

/// Runs `job` (used by the worker and by tests that run synchronously).
pub fn compute(p: &Profile, tables: &mut HashMap<Granularity, Arc<NodeTable>>, job: Job) -> Action {
    let mut table = |g: Granularity| {
        tables.entry(g).or_insert_with(|| Arc::new(NodeTable::build(p, g, "", "", false))).clone()
    };
    match job {
        Job::View(key) => {
            let opts = ReportOptions::untrimmed(key.sample_index);
            let view = top_view(p, &table(key.granularity), &opts, key.sort, key.side_by_side);
            Action::ViewReady(key, Arc::new(view))
        }
        Job::Tree(d) => Action::TreeReady(d, Arc::new(call_tree::build(p, &table(Granularity::Functions), d))),
        Job::Edges(i) => Action::EdgesReady(i, Arc::new(edges::build(p, &table(Granularity::Functions), i))),
    }
}

/// Runs until `jobs` closes, answering each job with an action sent through `out`.
pub fn run(p: Arc<Profile>, jobs: Receiver<Job>, out: Sender<super::Event>) {
    let mut tables = HashMap::new();
    while let Ok(job) = jobs.recv() {
        let action = compute(&p, &mut tables, job);
        if out.send(super::Event::Action(action)).is_err() {
            break;
        }
    }
}
