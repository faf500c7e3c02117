//! The `analysis` layer: reports computed from a profile and options (pprof's `graph` and
//! `report` packages). Pure functions; knows nothing of terminals.

pub mod graph;
pub mod header;
pub mod nodes;
pub mod options;
pub mod top;
pub mod units;

pub use nodes::{NodeInfo, NodeTable};
pub use options::{Granularity, ReportOptions, SortOrder};
pub use top::{TopReport, TopRow, top};
