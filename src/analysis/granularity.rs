//! The level nodes are aggregated at: pprof's -functions, -filefunctions, -files, -lines,
//! -addresses.

/// The level nodes are aggregated at (pprof's -functions, -lines, …).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Granularity {
    /// One node per function.
    #[default]
    Functions,
    /// One node per function and source file.
    FileFunctions,
    /// One node per source file.
    Files,
    /// One node per source line.
    Lines,
    /// One node per instruction address (and inlined line).
    Addresses,
}

impl Granularity {
    /// All granularities, coarse to fine.
    pub const ALL: [Self; 5] = [
        Self::Functions,
        Self::FileFunctions,
        Self::Files,
        Self::Lines,
        Self::Addresses,
    ];

    /// pprof's name for it ("functions", "filefunctions", …).
    pub fn name(self) -> &'static str {
        match self {
            Self::Functions => "functions",
            Self::FileFunctions => "filefunctions",
            Self::Files => "files",
            Self::Lines => "lines",
            Self::Addresses => "addresses",
        }
    }

    /// Parses pprof's name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|g| g.name() == s)
    }
}
