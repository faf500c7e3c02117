//! Which text report a run prints (--top, --peek, --list, --traces), its regex, and the
//! source locator.

use super::{Args, EXIT_FAILURE, Failure, OutputFormat};
use crate::analysis::filter::Pattern;
use crate::analysis::{NoMatches, ReportOptions, SourceLocator};

/// The report a non-interactive run prints.
#[derive(Clone, Debug)]
pub enum ReportKind {
    /// `--top` (also the default when stdout is not a terminal).
    Top,
    /// `--peek REGEX`.
    Peek(Pattern),
    /// `--list REGEX`.
    List(Pattern),
    /// `--traces`.
    Traces,
}

impl Args {
    /// Whether the flags ask for a text report rather than the explorer.
    pub fn wants_text_report(&self) -> bool {
        self.top
            || self.peek.is_some()
            || self.list.is_some()
            || self.traces
            || self.proto.is_some()
            || self.growth
    }

    /// The report the flags select; a bad regex or an unsupported format is a usage error.
    pub fn report_kind(&self) -> Result<ReportKind, Failure> {
        let compile = |text: &str| {
            Pattern::new(text)
                .map_err(|e| Failure::usage(format!("parsing argument regexp {text}: {e}")))
        };
        let kind = match (&self.peek, &self.list) {
            (Some(re), _) => ReportKind::Peek(compile(re)?),
            (None, Some(re)) => ReportKind::List(compile(re)?),
            (None, None) if self.traces => ReportKind::Traces,
            (None, None) => ReportKind::Top,
        };
        if self.format == OutputFormat::Json && !matches!(kind, ReportKind::Top) {
            return Err(Failure::usage(
                "--format json is only available with --top; use text or tsv",
            ));
        }
        Ok(kind)
    }
}

impl From<NoMatches> for Failure {
    fn from(e: NoMatches) -> Self {
        Self {
            message: e.to_string(),
            code: EXIT_FAILURE,
        }
    }
}

/// The source locator for `o`'s --source-path and --trim-path, in the working directory
/// (pprof's search path when no --source-path is given).
pub fn source_locator(o: &ReportOptions) -> Result<SourceLocator, Failure> {
    let cwd = std::env::current_dir().map_err(|e| Failure {
        message: format!("could not stat current dir: {e}"),
        code: EXIT_FAILURE,
    })?;
    Ok(SourceLocator::new(&o.source_path, &o.trim_path, &cwd))
}
