//! What a report is computed for: sample type, granularity, sort, trimming and the output
//! unit (pprof's report options and their command-line defaults).

use super::filter::Filters;
pub use super::granularity::Granularity;

/// How rows are ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum SortOrder {
    /// By flat value, then name (pprof's default).
    #[default]
    Flat,
    /// By cumulative value, then name (pprof's -cum).
    Cum,
}

/// Options of one report.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportOptions {
    /// Index of the sample type whose values are reported.
    pub sample_index: usize,
    /// Node granularity.
    pub granularity: Granularity,
    /// Row order.
    pub sort: SortOrder,
    /// Keep at most this many nodes (0 = all).
    pub node_count: usize,
    /// Drop nodes whose cum is below this fraction of the total.
    pub node_fraction: f64,
    /// Drop edges below this fraction of the total.
    pub edge_fraction: f64,
    /// Output unit: "minimum" (pprof's default), "auto", or a unit such as "B", "ns".
    pub output_unit: String,
    /// pprof's -trim_path: prefixes removed from recorded source paths (':'-separated).
    pub trim_path: String,
    /// pprof's -source_path (its base names also trim recorded paths).
    pub source_path: String,
    /// Sample filters (-focus, -ignore, -hide, …) and -relative_percentages.
    pub filters: Filters,
}

impl Default for ReportOptions {
    fn default() -> Self {
        Self {
            sample_index: 0,
            granularity: Granularity::Functions,
            sort: SortOrder::Flat,
            node_count: 0,
            node_fraction: 0.005,
            edge_fraction: 0.001,
            output_unit: "minimum".into(),
            trim_path: String::new(),
            source_path: String::new(),
            filters: Filters::default(),
        }
    }
}

impl ReportOptions {
    /// Options that keep every node (what the interactive panes show).
    pub fn untrimmed(sample_index: usize) -> Self {
        Self {
            sample_index,
            node_fraction: 0.0,
            edge_fraction: 0.0,
            ..Self::default()
        }
    }
}
