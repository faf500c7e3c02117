//! pprof's sample filters (-focus, -ignore, -hide, -show, -show_from, -prune_from,
//! -tagfocus, -tagignore) with its exact semantics (`driver.applyFocus` and the
//! `profile` package's FilterSamplesByName, ShowFrom, FilterSamplesByTag, PruneFrom), the
//! "Active filters:" header lines and the "... expression matched no samples" warnings.
//!
//! Filtering makes a new [`Profile`]: samples are dropped or have frames removed, and
//! locations may lose inlined lines (-hide, -show, -show_from, -prune_from). It shares
//! the unfiltered profile's tables and sample columns, holding only what it changed
//! ([`Samples`](crate::profile::Samples) says what that costs per filter). Location
//! indices are kept, so a node table of the unfiltered profile can be restricted to the
//! filtered one ([`restrict_table`]) with the same node ids.
//!
//! Percentages: pprof computes a report's total *before* filtering, so filtered reports
//! show shares of the whole profile, unless -relative_percentages ([`percentage_total`]).
//!
//! The same filter sets carry memprof-tui's transforms (collapse_package,
//! collapse_recursion; see [`transform`]), applied after all of pprof's filters, so a
//! refinement history holds both and every report sees both.

mod apply;
pub mod go_regex;
mod loc_lines;
pub mod tags;
#[cfg(test)]
mod tests;
pub mod transform;

use regex::Regex;

pub use apply::{filter_profile, restrict_table};
pub use tags::{NumLabelUnits, NumRange, RangeBounds, TagFilter};
pub use transform::{Recursion, package_of};

use crate::analysis::totals::total;
use crate::profile::Profile;

/// A compiled regular expression (Go syntax, as pprof reads it) with its source text.
#[derive(Clone, Debug)]
pub struct Pattern {
    text: String,
    regex: Regex,
}

impl Pattern {
    /// Compiles Go-syntax `text`.
    pub fn new(text: &str) -> Result<Self, String> {
        Ok(Self {
            text: text.to_string(),
            regex: go_regex::compile(text)?,
        })
    }

    /// The source text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The compiled expression.
    pub fn regex(&self) -> &Regex {
        &self.regex
    }

    /// Whether it matches anywhere in `s` (Go's MatchString).
    pub fn is_match(&self, s: &str) -> bool {
        self.regex.is_match(s)
    }
}

impl PartialEq for Pattern {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

/// One kind of filter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FilterKind {
    /// Keep samples with a frame matching (-focus).
    Focus,
    /// Drop samples with a frame matching (-ignore).
    Ignore,
    /// Remove matching frames (-hide).
    Hide,
    /// Keep only matching frames (-show).
    Show,
    /// Remove frames above the highest matching one (-show_from).
    ShowFrom,
    /// Remove frames below the lowest matching one (-prune_from).
    PruneFrom,
    /// Keep samples whose labels match (-tagfocus).
    TagFocus,
    /// Drop samples whose labels match (-tagignore).
    TagIgnore,
    /// Collapse each run of frames of a matching package into one frame (a transform).
    CollapsePackage,
    /// Collapse direct or indirect recursion (a transform; "direct" or "indirect").
    CollapseRecursion,
}

impl FilterKind {
    /// pprof's filters, in the order pprof applies them.
    pub const ALL: [Self; 8] = [
        Self::Focus,
        Self::Ignore,
        Self::Hide,
        Self::Show,
        Self::ShowFrom,
        Self::TagFocus,
        Self::TagIgnore,
        Self::PruneFrom,
    ];

    /// memprof-tui's transforms, in the order they are applied (after all filters).
    pub const TRANSFORMS: [Self; 2] = [Self::CollapsePackage, Self::CollapseRecursion];

    /// Every kind, in the order applied: [`Self::ALL`], then [`Self::TRANSFORMS`].
    pub const EVERY: [Self; 10] = [
        Self::Focus,
        Self::Ignore,
        Self::Hide,
        Self::Show,
        Self::ShowFrom,
        Self::TagFocus,
        Self::TagIgnore,
        Self::PruneFrom,
        Self::CollapsePackage,
        Self::CollapseRecursion,
    ];

    /// The kind a command word names: its option name, without underscores too
    /// ("showfrom"), or "merge" (merging a function into its caller is pprof's hide).
    pub fn named(word: &str) -> Option<Self> {
        if word == "merge" {
            return Some(Self::Hide);
        }
        Self::EVERY
            .into_iter()
            .find(|k| k.option() == word || k.option().replace('_', "") == word)
    }

    /// pprof's option name ("focus", "show_from", "tagfocus", …).
    pub fn option(self) -> &'static str {
        match self {
            Self::Focus => "focus",
            Self::Ignore => "ignore",
            Self::Hide => "hide",
            Self::Show => "show",
            Self::ShowFrom => "show_from",
            Self::PruneFrom => "prune_from",
            Self::TagFocus => "tagfocus",
            Self::TagIgnore => "tagignore",
            Self::CollapsePackage => "collapse_package",
            Self::CollapseRecursion => "collapse_recursion",
        }
    }

    /// The name in pprof's "<Name> expression matched no samples" warning.
    pub fn warning_name(self) -> &'static str {
        match self {
            Self::Focus => "Focus",
            Self::Ignore => "Ignore",
            Self::Hide => "Hide",
            Self::Show => "Show",
            Self::ShowFrom => "ShowFrom",
            Self::PruneFrom => "PruneFrom",
            Self::TagFocus => "TagFocus",
            Self::TagIgnore => "TagIgnore",
            Self::CollapsePackage => "CollapsePackage",
            Self::CollapseRecursion => "CollapseRecursion",
        }
    }

    /// Whether it is a transform of memprof-tui's rather than a filter of pprof's.
    pub fn is_transform(self) -> bool {
        matches!(self, Self::CollapsePackage | Self::CollapseRecursion)
    }

    /// Whether it is a tag (label) filter.
    pub fn is_tag(self) -> bool {
        matches!(self, Self::TagFocus | Self::TagIgnore)
    }
}

/// The filters of a report, compiled. `Default` filters nothing.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filters {
    /// -focus.
    pub focus: Option<Pattern>,
    /// -ignore.
    pub ignore: Option<Pattern>,
    /// -hide.
    pub hide: Option<Pattern>,
    /// -show.
    pub show: Option<Pattern>,
    /// -show_from.
    pub show_from: Option<Pattern>,
    /// -prune_from.
    pub prune_from: Option<Pattern>,
    /// -tagfocus.
    pub tag_focus: Option<TagFilter>,
    /// -tagignore.
    pub tag_ignore: Option<TagFilter>,
    /// --collapse-package: packages whose frames collapse into one.
    pub collapse_package: Option<Pattern>,
    /// --collapse-recursion / --collapse-indirect-recursion.
    pub collapse_recursion: Option<Recursion>,
    /// -relative_percentages: percentages of the filtered total instead of the whole
    /// profile's.
    pub relative_percentages: bool,
}

/// Filters as text (pprof's option values; "" = not set).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FilterSpec {
    /// -focus.
    pub focus: String,
    /// -ignore.
    pub ignore: String,
    /// -hide.
    pub hide: String,
    /// -show.
    pub show: String,
    /// -show_from.
    pub show_from: String,
    /// -prune_from.
    pub prune_from: String,
    /// -tagfocus.
    pub tag_focus: String,
    /// -tagignore.
    pub tag_ignore: String,
    /// --collapse-package.
    pub collapse_package: String,
    /// --collapse-recursion: "direct", "indirect" or "".
    pub collapse_recursion: String,
    /// -relative_percentages.
    pub relative_percentages: bool,
}

impl Filters {
    /// Compiles `spec`; the first invalid value (in pprof's order) is the error, worded
    /// like pprof's ("parsing focus regexp: error parsing regexp: …").
    pub fn parse(spec: &FilterSpec) -> Result<Self, String> {
        let mut f = Self {
            relative_percentages: spec.relative_percentages,
            ..Self::default()
        };
        for kind in FilterKind::EVERY {
            let text = match kind {
                FilterKind::Focus => &spec.focus,
                FilterKind::Ignore => &spec.ignore,
                FilterKind::Hide => &spec.hide,
                FilterKind::Show => &spec.show,
                FilterKind::ShowFrom => &spec.show_from,
                FilterKind::PruneFrom => &spec.prune_from,
                FilterKind::TagFocus => &spec.tag_focus,
                FilterKind::TagIgnore => &spec.tag_ignore,
                FilterKind::CollapsePackage => &spec.collapse_package,
                FilterKind::CollapseRecursion => &spec.collapse_recursion,
            };
            f.set(kind, text)?;
        }
        Ok(f)
    }

    /// Sets (or with "" clears) one filter from its text.
    pub fn set(&mut self, kind: FilterKind, text: &str) -> Result<(), String> {
        let name = kind.option();
        if kind == FilterKind::CollapseRecursion {
            self.collapse_recursion = if text.is_empty() {
                None
            } else {
                Some(Recursion::parse(text)?)
            };
            return Ok(());
        }
        if kind.is_tag() {
            let v = if text.is_empty() {
                None
            } else {
                Some(TagFilter::parse(name, text)?)
            };
            match kind {
                FilterKind::TagFocus => self.tag_focus = v,
                _ => self.tag_ignore = v,
            }
            return Ok(());
        }
        let v = if text.is_empty() {
            None
        } else {
            Some(Pattern::new(text).map_err(|e| format!("parsing {name} regexp: {e}"))?)
        };
        match kind {
            FilterKind::Focus => self.focus = v,
            FilterKind::Ignore => self.ignore = v,
            FilterKind::Hide => self.hide = v,
            FilterKind::Show => self.show = v,
            FilterKind::ShowFrom => self.show_from = v,
            FilterKind::CollapsePackage => self.collapse_package = v,
            _ => self.prune_from = v,
        }
        Ok(())
    }

    /// The text of one filter, if set.
    pub fn get(&self, kind: FilterKind) -> Option<&str> {
        fn pat(p: &Option<Pattern>) -> Option<&str> {
            p.as_ref().map(Pattern::as_str)
        }
        fn tag(t: &Option<TagFilter>) -> Option<&str> {
            t.as_ref().map(TagFilter::as_str)
        }
        match kind {
            FilterKind::Focus => pat(&self.focus),
            FilterKind::Ignore => pat(&self.ignore),
            FilterKind::Hide => pat(&self.hide),
            FilterKind::Show => pat(&self.show),
            FilterKind::ShowFrom => pat(&self.show_from),
            FilterKind::PruneFrom => pat(&self.prune_from),
            FilterKind::TagFocus => tag(&self.tag_focus),
            FilterKind::TagIgnore => tag(&self.tag_ignore),
            FilterKind::CollapsePackage => pat(&self.collapse_package),
            FilterKind::CollapseRecursion => self.collapse_recursion.map(Recursion::name),
        }
    }

    /// Whether a transform is set.
    pub fn transforms(&self) -> bool {
        self.collapse_package.is_some() || self.collapse_recursion.is_some()
    }

    /// Whether any filter is set.
    pub fn any(&self) -> bool {
        FilterKind::EVERY.iter().any(|&k| self.get(k).is_some())
    }

    /// Whether reports differ from unfiltered ones (a filter, or relative percentages).
    pub fn is_active(&self) -> bool {
        self.any() || self.relative_percentages
    }

    /// The filters pprof lists under "Active filters:", as "focus=main\.fill", in its
    /// order (-prune_from is applied but not listed), then the transforms
    /// ("collapse_recursion=direct").
    pub fn active(&self) -> Vec<String> {
        [
            FilterKind::Focus,
            FilterKind::Ignore,
            FilterKind::Hide,
            FilterKind::Show,
            FilterKind::ShowFrom,
            FilterKind::TagFocus,
            FilterKind::TagIgnore,
            FilterKind::CollapsePackage,
            FilterKind::CollapseRecursion,
        ]
        .into_iter()
        .filter_map(|k| self.get(k).map(|v| format!("{}={v}", k.option())))
        .collect()
    }

    /// The header lines pprof prints for the active filters ("Active filters:", then each
    /// indented by three spaces and cut after 80 bytes with "…"); empty without filters.
    pub fn legend(&self) -> Vec<String> {
        let active = self.active();
        if active.is_empty() {
            return Vec::new();
        }
        let mut out = Vec::with_capacity(active.len() + 1);
        out.push("Active filters:".to_string());
        for s in active {
            let s = if s.len() > 80 {
                // Go cuts at byte 80, even inside a character.
                format!("{}…", String::from_utf8_lossy(&s.as_bytes()[..80]))
            } else {
                s
            };
            out.push(format!("   {s}"));
        }
        out
    }

    /// What pprof prints on stderr while compiling the filters ("tagfocus:Interpreted
    /// '1kb:' as range, not regexp").
    pub fn notes(&self) -> Vec<String> {
        [
            (FilterKind::TagFocus, &self.tag_focus),
            (FilterKind::TagIgnore, &self.tag_ignore),
        ]
        .into_iter()
        .filter_map(|(k, t)| t.as_ref().and_then(|t| t.note(k.option())))
        .collect()
    }
}

/// What filtering found, for pprof's stderr messages.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FilterOutcome {
    /// Filters that matched nothing, in pprof's order (a -prune_from never warns).
    pub unmatched: Vec<FilterKind>,
    /// Notes from compiling the filters ([`Filters::notes`]).
    pub notes: Vec<String>,
}

impl FilterOutcome {
    /// pprof's warnings: "Focus expression matched no samples", …
    pub fn warnings(&self) -> Vec<String> {
        self.unmatched
            .iter()
            .map(|k| format!("{} expression matched no samples", k.warning_name()))
            .collect()
    }

    /// Everything pprof prints on stderr for these filters, in its order: the notes, then
    /// the warnings.
    pub fn messages(&self) -> Vec<String> {
        let mut m = self.notes.clone();
        m.extend(self.warnings());
        m
    }
}

/// Applies `f` to `p` as pprof's applyFocus does; returns the filtered profile and what
/// matched nothing. Never fails for filters built by [`Filters::parse`]/[`Filters::set`]
/// today; the `Result` leaves room for filters that depend on the profile.
pub fn apply(p: &Profile, f: &Filters) -> Result<(Profile, FilterOutcome), String> {
    Ok(filter_profile(p, f))
}

/// The total percentages are computed against: the whole (unfiltered) profile's, or with
/// -relative_percentages the filtered one's (pprof's computeTotal before/after
/// applyFocus).
pub fn percentage_total(
    unfiltered: &Profile,
    filtered: &Profile,
    f: &Filters,
    sample_index: usize,
) -> i64 {
    if f.relative_percentages {
        total(filtered, sample_index)
    } else {
        total(unfiltered, sample_index)
    }
}
