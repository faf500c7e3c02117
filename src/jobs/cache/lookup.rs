//! Reading the cache: each kind of report by its key, once computed.

use std::sync::Arc;

use super::super::filtered::Filtered;
use super::super::job::{FilterSetId, JobKey, Report, SourceReady, ViewKey};
use super::JobCache;
use crate::analysis::butterfly::Butterfly;
use crate::analysis::call_tree::{CallTree, Direction};
use crate::analysis::edges::EdgeIndex;
use crate::analysis::facts::Facts;
use crate::analysis::histogram::Histogram;
use crate::analysis::traces_listing::TracesListing;
use crate::analysis::view::TopView;
use crate::analysis::{FuncId, SampleIndex};

impl JobCache {
    /// The growth suspects of the series for `t`, `g` and filter set `f`, once computed.
    pub fn growth(
        &self,
        t: SampleIndex,
        g: crate::analysis::Granularity,
        f: FilterSetId,
    ) -> Option<&Arc<Result<crate::analysis::growth::GrowthReport, String>>> {
        match self.done.get(&JobKey::Growth(t, g, f)) {
            Some(Report::Growth(x)) => Some(x),
            _ => None,
        }
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

    /// A function's butterfly.
    pub fn butterfly(&self, func: FuncId, f: FilterSetId) -> Option<&Arc<Butterfly>> {
        match self.done.get(&JobKey::Butterfly(func, f)) {
            Some(Report::Butterfly(x)) => Some(x),
            _ => None,
        }
    }

    /// The samples through a function.
    pub fn traces(&self, key: &JobKey) -> Option<&Arc<TracesListing>> {
        match self.done.get(key) {
            Some(Report::Traces(x)) => Some(x),
            _ => None,
        }
    }

    /// The numbers about the whole profile.
    pub fn facts(&self) -> Option<&Arc<Facts>> {
        match self.done.get(&JobKey::Facts) {
            Some(Report::Facts(x)) => Some(x),
            _ => None,
        }
    }
}
