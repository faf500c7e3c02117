//! How the explorer shows values: scaled per value (the default, always fits its column),
//! in one unit for the whole report like pprof, or as exact integers.

/// The value display mode, cycled by a key and set by `--unit`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum UnitMode {
    /// Each value in its own unit, at most four integer digits ("1.72MB", "310ms").
    #[default]
    PerValue,
    /// One unit for the report, as pprof prints it: its choice ("minimum") or the unit
    /// given with `--unit` ("MB", "s", …).
    Report(String),
    /// Exact integers in the sample type's unit.
    Exact,
}

impl UnitMode {
    /// The mode `--unit UNIT` asks for: pprof's default ("minimum") keeps per-value units.
    pub fn from_flag(unit: &str) -> Self {
        match unit {
            "" | "minimum" => Self::PerValue,
            u => Self::Report(u.to_string()),
        }
    }

    /// The next mode (per value → report-wide → exact → per value).
    pub fn next(&self) -> Self {
        match self {
            Self::PerValue => Self::Report("minimum".into()),
            Self::Report(_) => Self::Exact,
            Self::Exact => Self::PerValue,
        }
    }

    /// A short name for the header.
    pub fn label(&self) -> String {
        match self {
            Self::PerValue => "units per value".into(),
            Self::Report(u) if u == "minimum" => "units: pprof's".into(),
            Self::Report(u) => format!("unit {u}"),
            Self::Exact => "exact values".into(),
        }
    }
}
