//! The explorer's profile state and its background work: snapshots (a profile and what is
//! computed from it), self-contained jobs (each carries its inputs and its identity), the
//! reports they produce, the one cache per snapshot that holds them, and the worker that
//! computes them — all without a terminal, so tests and fuzzing drive them directly.

mod cache;
mod filtered;
mod job;
pub mod series;
mod snapshot;
mod worker;

pub use cache::{DEFAULT_BUDGET, JobCache};
pub use filtered::Filtered;
pub use job::{
    Done, FilterSetId, Generation, Job, JobKey, Report, SnapshotId, SourceReady, Ticket, Trim,
    ViewKey,
};
pub use series::{Series, SeriesInput, SeriesPoint};
pub use snapshot::Snapshot;
pub use worker::Worker;
