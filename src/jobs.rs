//! Background work of the explorer: self-contained jobs (each carries its inputs), the
//! reports they produce, the one cache that holds them, and the worker that computes them
//! — all without a terminal, so tests and fuzzing drive them directly.

mod cache;
mod filtered;
mod job;
mod worker;

pub use cache::JobCache;
pub use filtered::Filtered;
pub use job::{Done, FilterSetId, Job, JobKey, Report, SourceReady, Trim, ViewKey};
pub use worker::Worker;
