//! What the explorer and `--proto` write: the refined profile as gzipped profile.proto,
//! and a pane's report as pprof's text, TSV or JSON (the renderers the text reports use,
//! profile strings escaped as they are there). Files are written under a temporary name
//! in their directory and renamed into place (they appear whole; an existing file is
//! replaced), never under /proc, /sys or /dev.

use std::io::Write;
use std::path::{Path, PathBuf};

use std::sync::Arc;

use flate2::Compression;
use flate2::write::GzEncoder;

use crate::analysis::filter::{self, Filters, Pattern};
use crate::analysis::{self, NodeTable, ReportOptions, SourceLocator};
use crate::profile::{self, Bases, Profile};
use crate::report_text::{self, Escaping, OutputFormat};

/// Which report of a pane is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReportWhat {
    /// pprof's -top (the top table).
    Top,
    /// pprof's -peek REGEX (the butterfly's first level).
    Peek(String),
    /// pprof's -list REGEX (the source pane).
    List(String),
    /// pprof's -traces (the samples behind the call tree and the flame graph).
    Traces,
}

/// What to write.
#[derive(Clone, Debug)]
pub enum Export {
    /// The profile the reports see: a filter set's filtered profile; `filtered` when its
    /// filters ran (otherwise it is the loaded profile, whose samples without a stack go,
    /// as pprof's -proto drops them).
    Profile {
        /// The profile.
        profile: Arc<Profile>,
        /// Whether the filters already ran on it.
        filtered: bool,
    },
    /// A report of `profile` (as loaded: before the refinements in `opts`).
    Report {
        /// The loaded profile (a diff's base already subtracted).
        profile: Arc<Profile>,
        /// Sample type, granularity, order, unit and the refinements.
        opts: Box<ReportOptions>,
        /// Which report.
        what: ReportWhat,
        /// Text, TSV or JSON (JSON for the top table only).
        format: OutputFormat,
        /// A diff's bases (the top table's JSON names them).
        bases: Option<Bases>,
    },
}

/// A file to write and what goes in it.
#[derive(Clone, Debug)]
pub struct ExportRequest {
    /// Where (relative to the working directory, or absolute).
    pub path: PathBuf,
    /// What.
    pub what: Export,
}

impl PartialEq for ExportRequest {
    fn eq(&self, other: &Self) -> bool {
        self.path == other.path && self.describe() == other.describe()
    }
}

impl ExportRequest {
    /// What is written, in a few words ("the refined profile", "the top table (TSV)").
    pub fn describe(&self) -> String {
        match &self.what {
            Export::Profile { .. } => "the refined profile".into(),
            Export::Report { what, format, .. } => {
                let report = match what {
                    ReportWhat::Top => "pprof's -top",
                    ReportWhat::Peek(_) => "pprof's -peek",
                    ReportWhat::List(_) => "pprof's -list",
                    ReportWhat::Traces => "pprof's -traces",
                };
                let format = match format {
                    OutputFormat::Text => "text",
                    OutputFormat::Tsv => "TSV",
                    OutputFormat::Json => "JSON",
                };
                format!("{report} ({format})")
            }
        }
    }
}

/// The format a file name asks for: `.tsv` TSV, `.json` JSON, anything else text.
pub fn format_for(path: &Path) -> OutputFormat {
    match path.extension().and_then(|e| e.to_str()) {
        Some(e) if e.eq_ignore_ascii_case("tsv") => OutputFormat::Tsv,
        Some(e) if e.eq_ignore_ascii_case("json") => OutputFormat::Json,
        _ => OutputFormat::Text,
    }
}

/// The gzipped profile.proto of `p`; `filtered`: pprof's filtering already ran on it
/// (else it does now, with no filter, which drops the samples without a stack: pprof's
/// -proto never writes them).
pub fn proto_bytes(p: &Profile, filtered: bool) -> Result<Vec<u8>, String> {
    let owned;
    let p = if filtered {
        p
    } else {
        owned = filter::filter_profile(p, &Filters::default()).0;
        &owned
    };
    let raw = profile::encode_to_vec(p);
    let mut gz = GzEncoder::new(Vec::with_capacity(raw.len() / 4), Compression::default());
    gz.write_all(&raw)
        .and_then(|()| gz.finish())
        .map_err(|e| format!("compressing the profile: {e}"))
}

/// The text of a report as the command line prints it (strings escaped, as without
/// `--raw`); `locator` finds sources for -list.
pub fn report_text(
    profile: &Profile,
    opts: &ReportOptions,
    what: &ReportWhat,
    format: OutputFormat,
    bases: Option<&Bases>,
    locator: &SourceLocator,
) -> Result<String, String> {
    if format == OutputFormat::Json && *what != ReportWhat::Top {
        return Err("JSON is written for the top table only: use .txt or .tsv".into());
    }
    let esc = Escaping::of(false);
    // -traces prints samples one by one, as pprof's merge leaves them.
    let compacted;
    let p = if *what == ReportWhat::Traces {
        compacted = profile::compact::compact(profile);
        compacted.as_ref()
    } else {
        profile
    };
    let filtered_owned;
    let filtered = if opts.filters.is_active() {
        filtered_owned = filter::apply(p, &opts.filters)?.0;
        &filtered_owned
    } else {
        p
    };
    let table = || {
        NodeTable::build(
            filtered,
            opts.granularity,
            &opts.trim_path,
            &opts.source_path,
            false,
        )
    };
    let pattern = |re: &str| Pattern::new(re).map_err(|e| format!("bad regex {re}: {e}"));
    let text = match what {
        ReportWhat::Top => {
            let r = analysis::top::top_filtered(p, filtered, opts, &table());
            report_text::top::render(&r, p, bases, format, esc)
        }
        ReportWhat::Peek(re) => {
            let r = analysis::peek(p, filtered, opts, &table(), &pattern(re)?)
                .map_err(|e| e.to_string())?;
            report_text::peek::render(&r, format, esc)
        }
        ReportWhat::List(re) => {
            let r = analysis::list(p, filtered, opts, &pattern(re)?).map_err(|e| e.to_string())?;
            report_text::list::render_with(&r, locator, format, esc, false)
        }
        ReportWhat::Traces => {
            let table = analysis::traces::traces_table(filtered, opts);
            let r = analysis::traces(p, filtered, opts, &table);
            report_text::traces::render(&r, format, esc)
        }
    };
    Ok(text)
}

/// The bytes of `what`.
pub fn bytes(what: &Export, locator: &SourceLocator) -> Result<Vec<u8>, String> {
    match what {
        Export::Profile { profile, filtered } => proto_bytes(profile, *filtered),
        Export::Report {
            profile,
            opts,
            what,
            format,
            bases,
        } => {
            let text = report_text(profile, opts, what, *format, bases.as_ref(), locator)?;
            Ok(Escaping::of(false).bytes(&text))
        }
    }
}

/// Makes and writes `req`; returns the status line's words ("wrote … to PATH") or the
/// one-line reason it was not written.
pub fn run(req: &ExportRequest, locator: &SourceLocator) -> Result<String, String> {
    let path = crate::sanitize::sanitize(&req.path.display().to_string()).into_owned();
    if let Some(why) = crate::safe_write::refuse(&req.path) {
        return Err(crate::sanitize::sanitize(&why).into_owned());
    }
    let bytes = bytes(&req.what, locator).map_err(|e| format!("{path} not written: {e}"))?;
    crate::safe_write::write_atomic(&req.path, &bytes)
        .map_err(|e| format!("cannot write {path}: {e}"))?;
    Ok(format!(
        "wrote {} to {path} ({})",
        req.describe(),
        analysis::compact::value(bytes.len() as i64, "bytes")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_follow_the_extension() {
        assert_eq!(format_for(Path::new("a.TSV")), OutputFormat::Tsv);
        assert_eq!(format_for(Path::new("a.json")), OutputFormat::Json);
        assert_eq!(format_for(Path::new("a.txt")), OutputFormat::Text);
        assert_eq!(format_for(Path::new("a")), OutputFormat::Text);
    }
}
