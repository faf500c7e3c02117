//! The text reports as `go tool pprof` prints them (`-top`, `-peek`, `-list`, `-traces`),
//! and as TSV or JSON: the renderers the command line's reports and the explorer's
//! exports share, and the escaping every profile string goes through on its way out.

pub mod escaping;
pub mod list;
pub mod peek;
pub mod top;
pub mod traces;

pub use escaping::Escaping;

/// How `--top` (and the other text reports) are printed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// The layout of `go tool pprof -top`.
    #[default]
    Text,
    /// Tab-separated rows with exact integer values.
    Tsv,
    /// Rows and profile metadata as JSON.
    Json,
}

/// Erases the current terminal line and returns to its start.
pub(crate) const ERASE: &str = "\r\x1b[2K";
