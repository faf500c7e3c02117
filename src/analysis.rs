//! The `analysis` layer: reports computed from a profile and options (pprof's `graph` and
//! `report` packages). Pure functions; knows nothing of terminals.

pub mod butterfly;
pub mod call_paths;
pub mod call_tree;
pub mod change;
pub mod compact;
pub mod edges;
pub mod facts;
pub mod fast_hash;
pub mod filter;
pub mod granularity;
pub mod graph;
pub mod growth;
pub mod header;
pub mod heap;
pub mod histogram;
pub mod ids;
pub mod list;
pub mod mem_size;
pub mod nodes;
pub mod options;
pub mod peek;
pub mod search_elsewhere;
pub mod source_file;
pub mod source_locate;
pub mod source_view;
pub mod stacks;
pub mod stop;
pub mod top;
pub mod totals;
pub mod traces;
pub mod traces_listing;
pub mod two_thread_sort;
pub mod units;
pub mod view;

pub use filter::{FilterKind, FilterOutcome, FilterSpec, Filters};
pub use ids::{FuncId, SampleIndex, TreeNodeId};
pub use list::{ListBlock, ListReport, list};
pub use nodes::{NodeInfo, NodeTable};
pub use options::{Granularity, ReportOptions, SortOrder};
pub use peek::{NoMatches, PeekReport, peek};
pub use source_locate::{Located, SourceLocator};
pub use top::{TopReport, TopRow, top};
pub use traces::{Trace, TracesReport, traces};
