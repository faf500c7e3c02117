//! The filtering itself, step by step as pprof's applyFocus runs it on a profile:
//! FilterSamplesByName (focus, ignore, hide, show), ShowFrom, FilterSamplesByTag,
//! PruneFrom; then memprof-tui's transforms ([`super::transform`]). pprof mutates shared Location objects; here each location's current lines
//! are tracked and a new profile is built at the end.

use super::tags::NumLabelUnits;
use super::{FilterKind, FilterOutcome, Filters, Pattern};
use crate::analysis::nodes::NodeTable;
use crate::profile::{Line, Profile, Samples, simplify_func};

/// Which functions and mappings a pattern matches (pprof tests a location's function
/// names, file names and mapping file); computed once per pattern.
struct Matches {
    /// By function index: the name or the file name matches.
    func: Vec<bool>,
    /// By mapping index: the file matches.
    mapping: Vec<bool>,
}

impl Matches {
    fn new(p: &Profile, pat: &Pattern) -> Self {
        Self {
            func: p
                .functions
                .iter()
                .map(|f| pat.is_match(&f.name) || pat.is_match(&f.filename))
                .collect(),
            mapping: p.mappings.iter().map(|m| pat.is_match(&m.file)).collect(),
        }
    }

    fn line(&self, l: &Line) -> bool {
        self.func[l.function as usize]
    }

    fn mapping(&self, p: &Profile, loc: usize) -> bool {
        p.locations[loc]
            .mapping
            .is_some_and(|m| self.mapping[m as usize])
    }

    /// pprof's Location.matchesName.
    fn location(&self, p: &Profile, loc: usize, lines: &[Line]) -> bool {
        lines.iter().any(|l| self.line(l)) || self.mapping(p, loc)
    }
}

/// Applies `f` to `p` (see [`super::apply`]).
pub fn filter_profile(p: &Profile, f: &Filters) -> (Profile, FilterOutcome) {
    let mut unmatched = Vec::new();
    let nloc = p.locations.len();
    // pprof's profile holds only the locations its (non-zero) samples use.
    let mut live = vec![false; nloc];
    for &l in &p.samples.locs {
        live[l as usize] = true;
    }
    let mut lines: Vec<Vec<Line>> = (0..nloc)
        .map(|l| p.location_lines(l as u32).to_vec())
        .collect();

    // FilterSamplesByName.
    let focus = f.focus.as_ref().map(|x| Matches::new(p, x));
    let ignore = f.ignore.as_ref().map(|x| Matches::new(p, x));
    let hide = f.hide.as_ref().map(|x| Matches::new(p, x));
    let show = f.show.as_ref().map(|x| Matches::new(p, x));
    let (mut fm, mut im, mut hm, mut hnm) = (false, false, false, false);
    // Some(true): focused, Some(false): ignored, None: neither.
    let mut focus_or_ignore: Vec<Option<bool>> = vec![None; nloc];
    let mut hidden = vec![false; nloc];
    for loc in (0..nloc).filter(|&l| live[l]) {
        if let Some(m) = &ignore
            && m.location(p, loc, &lines[loc])
        {
            im = true;
            focus_or_ignore[loc] = Some(false);
        } else if focus
            .as_ref()
            .is_none_or(|m| m.location(p, loc, &lines[loc]))
        {
            fm = true;
            focus_or_ignore[loc] = Some(true);
        }
        if let Some(m) = &hide
            && m.location(p, loc, &lines[loc])
        {
            hm = true;
            if m.mapping(p, loc) {
                lines[loc].clear();
            } else {
                lines[loc].retain(|l| !m.line(l));
            }
            if lines[loc].is_empty() {
                hidden[loc] = true;
            }
        }
        if let Some(m) = &show {
            if !m.mapping(p, loc) {
                lines[loc].retain(|l| m.line(l));
            }
            if lines[loc].is_empty() {
                hidden[loc] = true;
            } else {
                hnm = true;
            }
        }
    }
    let warn = |cond: bool, kind: FilterKind, unmatched: &mut Vec<FilterKind>| {
        if !cond {
            unmatched.push(kind);
        }
    };
    warn(f.focus.is_none() || fm, FilterKind::Focus, &mut unmatched);
    warn(f.ignore.is_none() || im, FilterKind::Ignore, &mut unmatched);
    warn(f.hide.is_none() || hm, FilterKind::Hide, &mut unmatched);
    warn(f.show.is_none() || hnm, FilterKind::Show, &mut unmatched);

    let mut kept: Vec<(usize, Vec<u32>)> = Vec::with_capacity(p.samples.len());
    let any_hidden = hidden.iter().any(|&h| h);
    for s in 0..p.samples.len() {
        let locs = p.samples.locations(s);
        if !focused_and_not_ignored(locs, &focus_or_ignore) {
            continue;
        }
        let locs: Vec<u32> = if any_hidden {
            locs.iter()
                .copied()
                .filter(|&l| !hidden[l as usize])
                .collect()
        } else {
            locs.to_vec()
        };
        if !locs.is_empty() {
            kept.push((s, locs));
        }
    }

    // ShowFrom.
    if let Some(pat) = &f.show_from {
        let m = Matches::new(p, pat);
        let mut from = vec![false; nloc];
        let mut matched = false;
        for loc in (0..nloc).filter(|&l| live[l]) {
            if m.mapping(p, loc) {
                from[loc] = true;
            } else if let Some(i) = lines[loc].iter().rposition(|l| m.line(l)) {
                lines[loc].truncate(i + 1);
                from[loc] = true;
            }
            matched |= from[loc];
        }
        kept.retain_mut(
            |(_, locs)| match locs.iter().rposition(|&l| from[l as usize]) {
                Some(i) => {
                    locs.truncate(i + 1);
                    true
                }
                None => false,
            },
        );
        warn(matched, FilterKind::ShowFrom, &mut unmatched);
    }

    // FilterSamplesByTag.
    if f.tag_focus.is_some() || f.tag_ignore.is_some() {
        let units = NumLabelUnits::of(p);
        let (mut tfm, mut tim) = (false, false);
        kept.retain(|(s, _)| {
            let labels = p.samples.labels(*s);
            let focused = f
                .tag_focus
                .as_ref()
                .is_none_or(|t| t.matches(p, labels, &units));
            let ignored = f
                .tag_ignore
                .as_ref()
                .is_some_and(|t| t.matches(p, labels, &units));
            tfm |= focused;
            tim |= ignored;
            focused && !ignored
        });
        warn(
            f.tag_focus.is_none() || tfm,
            FilterKind::TagFocus,
            &mut unmatched,
        );
        warn(
            f.tag_ignore.is_none() || tim,
            FilterKind::TagIgnore,
            &mut unmatched,
        );
    }

    // PruneFrom.
    if let Some(pat) = &f.prune_from {
        let func: Vec<bool> = p
            .functions
            .iter()
            .map(|f| !f.name.is_empty() && pat.is_match(simplify_func(&f.name)))
            .collect();
        let mut beneath = vec![false; nloc];
        for loc in (0..nloc).filter(|&l| live[l]) {
            if let Some(i) = lines[loc].iter().position(|l| func[l.function as usize]) {
                lines[loc].drain(..i);
                beneath[loc] = true;
            }
        }
        for (_, locs) in &mut kept {
            if let Some(i) = locs.iter().position(|&l| beneath[l as usize]) {
                locs.drain(..i);
            }
        }
    }

    let mut out = Profile {
        strings: p.strings.clone(),
        sample_types: p.sample_types.clone(),
        default_sample_type: p.default_sample_type.clone(),
        samples: Samples::new(p.samples.num_types),
        locations: p.locations.clone(),
        lines: Vec::with_capacity(p.lines.len()),
        functions: p.functions.clone(),
        mappings: p.mappings.clone(),
        drop_frames: p.drop_frames.clone(),
        keep_frames: p.keep_frames.clone(),
        time_nanos: p.time_nanos,
        duration_nanos: p.duration_nanos,
        period_type: p.period_type.clone(),
        period: p.period,
        comments: p.comments.clone(),
        doc_url: p.doc_url.clone(),
    };
    for (loc, ls) in out.locations.iter_mut().zip(&lines) {
        let start = out.lines.len() as u32;
        out.lines.extend_from_slice(ls);
        loc.lines = (start, out.lines.len() as u32);
    }
    for (s, locs) in &kept {
        out.samples
            .push(locs, p.samples.values(*s), p.samples.labels(*s));
    }
    if f.transforms() {
        let (t, matched) =
            super::transform::apply(out, f.collapse_package.as_ref(), f.collapse_recursion);
        out = t;
        warn(matched, FilterKind::CollapsePackage, &mut unmatched);
    }
    let outcome = FilterOutcome {
        unmatched,
        notes: f.notes(),
    };
    (out, outcome)
}

/// pprof's focusedAndNotIgnored: some location focused and none ignored.
fn focused_and_not_ignored(locs: &[u32], m: &[Option<bool>]) -> bool {
    let mut focused = false;
    for &l in locs {
        match m[l as usize] {
            Some(true) => focused = true,
            Some(false) => return false,
            None => {}
        }
    }
    focused
}

/// The node table of `filtered` (made by [`filter_profile`] from `unfiltered`), derived
/// from `table`, the table of `unfiltered`: each location keeps the nodes of its remaining
/// lines, so node ids are the same in both. Locations a transform added (past the end of
/// `unfiltered`'s, with the frames it made) get their nodes after all of `table`'s.
pub fn restrict_table(table: &NodeTable, unfiltered: &Profile, filtered: &Profile) -> NodeTable {
    let mut t = NodeTable {
        infos: table.infos.clone(),
        loc_nodes: Vec::with_capacity(table.loc_nodes.len()),
        loc_start: Vec::with_capacity(table.loc_start.len()),
        function_of: table.function_of.clone(),
        params: table.params.clone(),
    };
    t.loc_start.push(0);
    let kept = unfiltered.locations.len().min(filtered.locations.len());
    for loc in 0..kept as u32 {
        let nodes = table.nodes_of(loc);
        let before = unfiltered.location_lines(loc);
        let after = filtered.location_lines(loc);
        if before.is_empty() || before.len() == after.len() {
            t.loc_nodes.extend_from_slice(nodes);
        } else {
            // `after` is a subsequence of `before`; equal lines have equal nodes.
            let mut j = 0;
            for l in after {
                while j < before.len() && before[j] != *l {
                    j += 1;
                }
                if j < before.len() {
                    t.loc_nodes.push(nodes[j]);
                    j += 1;
                }
            }
        }
        t.loc_start.push(t.loc_nodes.len() as u32);
    }
    if filtered.locations.len() > kept {
        t.extend(filtered, kept);
    }
    t
}
