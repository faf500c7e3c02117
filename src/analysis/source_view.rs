//! What the source pane shows for one function: its file found wherever it lives, the
//! whole text, and per line the flat and cum of every sample type, with the calls inlined
//! at each line (the list report's numbers, pprof's -list).

use std::path::PathBuf;

use super::filter::{Filters, Pattern};
use super::list::{InlinedCall, LineValue, list};
use super::options::ReportOptions;
use super::source_file::read_source;
use super::source_locate::{Located, SourceLocator};
use crate::profile::Profile;

/// Where the file came from, or why it is missing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SourceText {
    /// Read from this path; one string per line.
    Found(PathBuf, Vec<String>),
    /// Not found: the paths tried.
    Missing(Vec<PathBuf>),
    /// Found but unreadable (not a regular file, too large, I/O error).
    Unreadable(PathBuf, String),
}

/// The source pane's data for one function.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceData {
    /// Function name.
    pub func: String,
    /// The file as the profile records it.
    pub recorded: String,
    /// The text (or why there is none).
    pub text: SourceText,
    /// Per sample type: lines with samples, ascending.
    pub values: Vec<Vec<LineValue>>,
    /// Per sample type: calls inlined at the function's lines.
    pub inlined: Vec<Vec<InlinedCall>>,
    /// First and last line of the function's window (pprof's margin around its samples).
    pub window: (i64, i64),
}

impl SourceData {
    /// Flat and cum of line `n` for sample type `t`.
    pub fn value_at(&self, t: usize, n: i64) -> (i64, i64) {
        let Some(v) = self.values.get(t) else {
            return (0, 0);
        };
        match v.binary_search_by_key(&n, |l| l.line) {
            Ok(i) => (v[i].flat, v[i].cum),
            Err(_) => (0, 0),
        }
    }

    /// Number of lines to show: the file's, or up to the last sampled line without it.
    /// Lines with a value for type `t`, in line order.
    pub fn lines_of(&self, t: usize) -> &[LineValue] {
        self.values.get(t).map_or(&[], Vec::as_slice)
    }

    /// Calls inlined at some line, for type `t`.
    pub fn inlined_of(&self, t: usize) -> &[InlinedCall] {
        self.inlined.get(t).map_or(&[], Vec::as_slice)
    }

    /// Number of lines of the file (0 when it was not found).
    pub fn line_count(&self) -> usize {
        match &self.text {
            SourceText::Found(_, lines) => lines.len(),
            _ => 0,
        }
    }
}

/// Computes the source data of the function named `name` in `p` (which is `unfiltered`
/// after `filters`); `None` when the function has no samples.
pub fn source_data(
    unfiltered: &Profile,
    p: &Profile,
    filters: &Filters,
    name: &str,
    locator: &SourceLocator,
) -> Option<SourceData> {
    let re = Pattern::new(&format!("^{}$", regex::escape(name))).ok()?;
    let mut values = Vec::new();
    let mut inlined = Vec::new();
    let mut first_block = None;
    for t in 0..p.sample_types.len() {
        let o = ReportOptions {
            filters: filters.clone(),
            ..ReportOptions::untrimmed(t)
        };
        let report = list(unfiltered, p, &o, &re).ok();
        // The file with the most lines sampled for this function (usually the only one).
        let block = report.and_then(|r| {
            r.blocks
                .into_iter()
                .max_by_key(|b| (b.lines.len(), b.cum.wrapping_abs()))
        });
        match block {
            Some(b) => {
                values.push(b.lines.clone());
                inlined.push(b.inlined.clone());
                if first_block
                    .as_ref()
                    .is_none_or(|f: &super::list::ListBlock| f.lines.len() < b.lines.len())
                {
                    first_block = Some(b);
                }
            }
            None => {
                values.push(Vec::new());
                inlined.push(Vec::new());
            }
        }
    }
    let block = first_block?;
    let text = match locator.locate(&block.recorded_file, &block.file) {
        Located::Found(path) => match read_source(&path) {
            Ok(f) => SourceText::Found(path, f.lines),
            Err(e) => SourceText::Unreadable(path, e),
        },
        Located::NotFound(tried) => SourceText::Missing(tried),
    };
    Some(SourceData {
        func: name.to_string(),
        recorded: block.recorded_file.clone(),
        text,
        values,
        inlined,
        window: (block.first, block.last),
    })
}
