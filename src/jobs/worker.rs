//! Runs jobs: each is self-contained, so the worker keeps nothing but where to find
//! source files; every result goes back to the one cache ([`super::JobCache`]).

use std::sync::Arc;
use std::time::Duration;

use super::filtered::Filtered;
use super::job::{Done, Job, JobKey, Report, SourceReady};
use crate::analysis::butterfly::Butterfly;
use crate::analysis::facts::Facts;
use crate::analysis::source_view::{SourceText, source_data};
use crate::analysis::traces_listing::traces_through;
use crate::analysis::view::top_view;
use crate::analysis::{Granularity, ReportOptions, SourceLocator, call_tree, edges, histogram};
use crate::highlight::highlight;

/// The growth suspects of `job`'s series for sample type `t` of the snapshot asked for
/// (the same type, by name, in every snapshot), `granularity` and the job's filters.
fn growth_of(
    job: &Job,
    t: usize,
    granularity: Granularity,
) -> Result<crate::analysis::growth::GrowthReport, String> {
    use crate::analysis::growth::{GrowthOptions, Snapshot, growth};
    let series = job.series.as_ref().ok_or("no series: one profile only")?;
    let sample_type = job
        .input
        .unfiltered_profile()
        .sample_types
        .get(t)
        .map(|st| st.ty.clone())
        .unwrap_or_default();
    let snaps: Vec<Snapshot<'_>> = series
        .iter()
        .map(|p| Snapshot {
            profile: &p.profile,
            at_nanos: p.at_nanos,
        })
        .collect();
    let options = GrowthOptions {
        sample_type,
        granularity,
        filters: (*job.filters).clone(),
        ..GrowthOptions::default()
    };
    growth(&snaps, &options).map_err(|e| match e {
        crate::analysis::growth::GrowthError::MissingType { index, ty, has } => format!(
            "{}: no {ty} samples (it has {has})",
            series[index - 1].label
        ),
        e => e.to_string(),
    })
}

/// Computes jobs.
pub struct Worker {
    locator: SourceLocator,
}

impl Worker {
    /// A worker finding source files with `locator`.
    pub fn new(locator: SourceLocator) -> Self {
        Self { locator }
    }

    /// Runs `job`; None when it was withdrawn meanwhile (the report being built stops
    /// then, and any result is no longer wanted).
    pub fn compute(&self, job: &Job) -> Option<Done> {
        let on = &job.input;
        let stop = job.ticket.stop();
        let report = match job.key {
            JobKey::Filter(_) => {
                let f = Filtered::filter(on, job.filters.clone());
                // The explorer names functions from this table: built here, off the UI
                // thread.
                f.functions();
                Report::Filtered(f)
            }
            JobKey::View(key) => {
                let table = on.table(key.granularity);
                let opts = ReportOptions {
                    filters: (*job.filters).clone(),
                    node_count: key.trim.node_count,
                    node_fraction: key.trim.node_fraction(),
                    ..ReportOptions::untrimmed(key.sample.index())
                };
                let mut view = top_view(
                    on.unfiltered_profile(),
                    &on.profile,
                    &table,
                    &opts,
                    key.sort,
                    key.side_by_side,
                    stop,
                );
                view.warnings = on.warnings.clone();
                Report::View(Arc::new(view))
            }
            JobKey::Tree(d, _) => Report::Tree(Arc::new(call_tree::build_until(
                on.paths_until(stop),
                d,
                stop,
            ))),
            JobKey::Edges(i, _) => {
                let table = on.table(Granularity::Functions);
                Report::Edges(Arc::new(edges::build(&on.profile, &table, i.index())))
            }
            JobKey::Histogram(func, _) => {
                let table = on.table(Granularity::Functions);
                Report::Histogram(Arc::new(histogram::build(&on.profile, &table, func)))
            }
            JobKey::Source(func, _) => {
                let table = on.table(Granularity::Functions);
                let name = table
                    .infos
                    .get(func.index())
                    .map(|i| i.name.clone())
                    .unwrap_or_default();
                let data = source_data(
                    on.unfiltered_profile(),
                    &on.profile,
                    &job.filters,
                    &name,
                    &self.locator,
                );
                let highlighted = match data.as_ref().map(|d| &d.text) {
                    Some(SourceText::Found(path, lines)) => {
                        highlight(&path.to_string_lossy(), lines, Duration::from_secs(2))
                    }
                    _ => None,
                };
                Report::Source(Arc::new(SourceReady { data, highlighted }))
            }
            JobKey::Facts => Report::Facts(Arc::new(Facts::of(on.unfiltered_profile()))),
            JobKey::Growth(t, granularity, _) => {
                Report::Growth(Arc::new(growth_of(job, t.index(), granularity)))
            }
            JobKey::Butterfly(func, _) => Report::Butterfly(Arc::new(Butterfly::build_until(
                on.paths_until(stop),
                func,
                stop,
            ))),
            JobKey::Traces(func, _, t, g) => {
                let info = on.functions().infos.get(func.index()).cloned();
                let listing = traces_through(
                    on.unfiltered_profile(),
                    Some(&on.profile),
                    &job.filters,
                    t.index(),
                    g,
                    &info.unwrap_or_default(),
                    stop,
                );
                Report::Traces(Arc::new(listing))
            }
        };
        if job.is_withdrawn() {
            return None;
        }
        Some(Done {
            snapshot: job.snapshot,
            generation: job.generation,
            key: job.key,
            report,
        })
    }
}
