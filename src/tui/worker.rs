//! Background computation of tables, off the UI thread; node tables are built once per
//! granularity and reused.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender};

use crate::analysis::view::top_view;
use crate::analysis::{Granularity, NodeTable, ReportOptions};
use crate::app::{Action, ViewKey};
use crate::profile::Profile;

/// Computes the table for `key` (used by the worker and by tests that run synchronously).
pub fn compute(p: &Profile, tables: &mut HashMap<Granularity, Arc<NodeTable>>, key: ViewKey) -> Action {
    let table = tables
        .entry(key.granularity)
        .or_insert_with(|| Arc::new(NodeTable::build(p, key.granularity, "", "", false)))
        .clone();
    let opts = ReportOptions::untrimmed(key.sample_index);
    let view = top_view(p, &table, &opts, key.sort, key.side_by_side);
    Action::ViewReady(key, Arc::new(view))
}

/// Runs until `jobs` closes, answering each key with an action sent through `out`.
pub fn run(p: Arc<Profile>, jobs: Receiver<ViewKey>, out: Sender<super::Event>) {
    let mut tables = HashMap::new();
    while let Ok(key) = jobs.recv() {
        let action = compute(&p, &mut tables, key);
        if out.send(super::Event::Action(action)).is_err() {
            break;
        }
    }
}
