//! The filter flags (pprof's -focus, -ignore, -hide, -show, -show_from, -prune_from,
//! -tagfocus, -tagignore, -relative_percentages), the transforms (--collapse-recursion,
//! --collapse-indirect-recursion, --collapse-package; --merge is pprof's -hide) and pprof's
//! messages about them on stderr.

use std::borrow::Cow;

use clap::Args;

use super::Failure;
use crate::analysis::ReportOptions;
use crate::analysis::filter::{self, FilterSpec, Filters, NumLabelUnits};
use crate::profile::Profile;
use crate::sanitize::sanitize;

/// The --help section of the filter flags.
const HEADING: &str = "Filters (go tool pprof's)";
/// The --help section of the transforms.
const TRANSFORMS: &str = "Transforms (applied after the filters)";

/// Sample filters, with `go tool pprof`'s semantics. REGEX is Go regexp syntax, matched
/// anywhere in a function name, a source file name or the mapped binary's file name.
#[derive(Clone, Debug, Default, Args)]
pub struct FilterArgs {
    /// Keep only samples with a frame matching REGEX (pprof's -focus).
    #[arg(long, value_name = "REGEX", help_heading = HEADING)]
    pub focus: Option<String>,

    /// Drop samples with a frame matching REGEX (pprof's -ignore).
    #[arg(long, value_name = "REGEX", help_heading = HEADING)]
    pub ignore: Option<String>,

    /// Remove the frames matching REGEX from every stack, and the samples left without
    /// frames (pprof's -hide): their cost is merged into their callers (--merge).
    #[arg(long, visible_alias = "merge", value_name = "REGEX", help_heading = HEADING)]
    pub hide: Option<String>,

    /// Keep only the frames matching REGEX in every stack (pprof's -show).
    #[arg(long, value_name = "REGEX", help_heading = HEADING)]
    pub show: Option<String>,

    /// Remove the frames above the outermost frame matching REGEX, and the samples without
    /// one (pprof's -show_from).
    #[arg(
        long = "show-from",
        visible_alias = "show_from",
        value_name = "REGEX",
        help_heading = HEADING
    )]
    pub show_from: Option<String>,

    /// Remove the frames below (called by) the innermost frame whose function name matches
    /// REGEX (pprof's -prune_from; not listed under "Active filters").
    #[arg(
        long = "prune-from",
        visible_alias = "prune_from",
        help_heading = HEADING,
        value_name = "REGEX"
    )]
    pub prune_from: Option<String>,

    /// Keep only samples whose labels match: a numeric range with units on a numeric label
    /// ("bytes=1kb:", "bytes=:64b", "64b:1kb", "bytes=704512b"), or "key=re1,re2" (a value
    /// of label key matches one of them) or "re1,re2" (each matches some "key:value")
    /// (pprof's -tagfocus).
    #[arg(long = "tagfocus", value_name = "[KEY=]RANGE|REGEX", help_heading = HEADING)]
    pub tag_focus: Option<String>,

    /// Drop samples whose labels match, like --tagfocus (pprof's -tagignore).
    #[arg(long = "tagignore", value_name = "[KEY=]RANGE|REGEX", help_heading = HEADING)]
    pub tag_ignore: Option<String>,

    /// Show percentages of the filtered total instead of the whole profile's (pprof's
    /// -relative_percentages).
    #[arg(
        long = "relative-percentages",
        visible_alias = "relative_percentages",
        help_heading = HEADING
    )]
    pub relative_percentages: bool,

    /// Collapse direct recursion: each run of frames of the same function (f → f → f)
    /// becomes one frame, the innermost.
    #[arg(long = "collapse-recursion", help_heading = TRANSFORMS)]
    pub collapse_recursion: bool,

    /// Collapse all recursion: from the root, a function met again cuts the stack back to
    /// where it was first met (main → f → g → f → h becomes main → f → h), so no function
    /// is on a stack twice.
    #[arg(long = "collapse-indirect-recursion", help_heading = TRANSFORMS)]
    pub collapse_indirect_recursion: bool,

    /// Collapse each run of frames of one package matching REGEX into one frame, PKG.*
    /// (PKG::* for C++/Rust). A package is a Go import path (net/http, main), a Java
    /// package (java/util, com.example), or a C++/Rust name's first "::" component (std,
    /// tokio); names without one (malloc) never collapse.
    #[arg(long = "collapse-package", value_name = "REGEX", help_heading = TRANSFORMS)]
    pub collapse_package: Option<String>,
}

impl FilterArgs {
    /// The flags as text.
    pub fn spec(&self) -> FilterSpec {
        let s = |o: &Option<String>| o.clone().unwrap_or_default();
        FilterSpec {
            focus: s(&self.focus),
            ignore: s(&self.ignore),
            hide: s(&self.hide),
            show: s(&self.show),
            show_from: s(&self.show_from),
            prune_from: s(&self.prune_from),
            tag_focus: s(&self.tag_focus),
            tag_ignore: s(&self.tag_ignore),
            collapse_package: s(&self.collapse_package),
            collapse_recursion: if self.collapse_indirect_recursion {
                "indirect".into()
            } else if self.collapse_recursion {
                "direct".into()
            } else {
                String::new()
            },
            relative_percentages: self.relative_percentages,
        }
    }

    /// The compiled filters; an invalid value is a usage error.
    pub fn filters(&self) -> Result<Filters, Failure> {
        Filters::parse(&self.spec()).map_err(Failure::usage)
    }
}

/// Applies `o.filters` to `p` as pprof does before a report, printing pprof's messages on
/// stderr (label unit conflicts, "tagfocus:Interpreted … as range", "Focus expression
/// matched no samples"). Returns `p` itself when nothing is filtered.
pub fn apply_filters<'a>(p: &'a Profile, o: &ReportOptions) -> Result<Cow<'a, Profile>, Failure> {
    let mut messages = NumLabelUnits::of(p).conflict_messages();
    let filtered = if o.filters.is_active() {
        let (filtered, outcome) = filter::apply(p, &o.filters).map_err(Failure::usage)?;
        messages.extend(outcome.messages());
        Cow::Owned(filtered)
    } else {
        Cow::Borrowed(p)
    };
    for m in messages {
        eprintln!("{}", sanitize(&m));
    }
    Ok(filtered)
}
