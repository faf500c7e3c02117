//! The filtering itself, step by step as pprof's applyFocus runs it on a profile:
//! FilterSamplesByName (focus, ignore, hide, show), ShowFrom, FilterSamplesByTag,
//! PruneFrom; then memprof-tui's transforms ([`super::transform`]). pprof mutates shared
//! Location objects; here each location's current lines are tracked, and the filtered
//! profile shares the profile's tables and sample columns, writing only what changed.

use super::loc_lines::LocLines;
use super::tags::NumLabelUnits;
use super::{FilterKind, FilterOutcome, Filters, Pattern};
use crate::analysis::nodes::NodeTable;
use crate::profile::{Line, Profile, simplify_func};

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

/// A sample kept while filtering: its index in the profile and the part of its locations
/// kept, `start..end`, hidden locations included (they go when the stack is written).
struct Kept {
    sample: u32,
    start: u32,
    end: u32,
}

impl Kept {
    fn locs<'a>(&self, p: &'a Profile) -> &'a [u32] {
        &p.samples.locations(self.sample as usize)[self.start as usize..self.end as usize]
    }
}

/// Applies `f` to `p` (see [`super::apply`]). The result shares `p`'s tables and sample
/// columns (see [`Samples`](crate::profile::Samples)): focus, ignore and the tag filters
/// keep rows; show_from and prune_from narrow each kept stack to a range; hide and show
/// write the stacks they change, and a new location table when they change a
/// location's lines; the transforms write the stacks and locations they change.
pub fn filter_profile(p: &Profile, f: &Filters) -> (Profile, FilterOutcome) {
    let mut unmatched = Vec::new();
    let nloc = p.locations.len();
    // pprof's profile holds only the locations its (non-zero) samples use.
    let mut live = vec![false; nloc];
    for s in 0..p.samples.len() {
        for &l in p.samples.locations(s) {
            live[l as usize] = true;
        }
    }
    let mut lines = LocLines::new(p);

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
            && m.location(p, loc, lines.get(loc))
        {
            im = true;
            focus_or_ignore[loc] = Some(false);
        } else if focus
            .as_ref()
            .is_none_or(|m| m.location(p, loc, lines.get(loc)))
        {
            fm = true;
            focus_or_ignore[loc] = Some(true);
        }
        if let Some(m) = &hide
            && m.location(p, loc, lines.get(loc))
        {
            hm = true;
            if m.mapping(p, loc) {
                lines.truncate(loc, 0);
            } else {
                lines.retain(loc, |l| !m.line(l));
            }
            if lines.get(loc).is_empty() {
                hidden[loc] = true;
            }
        }
        if let Some(m) = &show {
            if !m.mapping(p, loc) {
                lines.retain(loc, |l| m.line(l));
            }
            if lines.get(loc).is_empty() {
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

    // The stacks are cut as pprof cuts them once the hidden locations are gone: at the
    // shown locations only.
    let shown = |l: u32| !hidden[l as usize];
    let any_hidden = hidden.iter().any(|&h| h);
    // Whether a stack loses locations when it is written.
    let loses = |locs: &[u32]| any_hidden && !locs.iter().all(|&l| shown(l));
    let mut kept: Vec<Kept> = Vec::new();
    for s in 0..p.samples.len() {
        let locs = p.samples.locations(s);
        if focused_and_not_ignored(locs, &focus_or_ignore)
            && (!any_hidden || locs.iter().any(|&l| shown(l)))
        {
            kept.push(Kept {
                sample: s as u32,
                start: 0,
                end: locs.len() as u32,
            });
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
            } else if let Some(i) = lines.get(loc).iter().rposition(|l| m.line(l)) {
                lines.truncate(loc, i + 1);
                from[loc] = true;
            }
            matched |= from[loc];
        }
        kept.retain_mut(|k| {
            match k
                .locs(p)
                .iter()
                .rposition(|&l| shown(l) && from[l as usize])
            {
                Some(i) => {
                    k.end = k.start + i as u32 + 1;
                    true
                }
                None => false,
            }
        });
        warn(matched, FilterKind::ShowFrom, &mut unmatched);
    }

    // FilterSamplesByTag.
    if f.tag_focus.is_some() || f.tag_ignore.is_some() {
        let units = NumLabelUnits::of(p);
        let (mut tfm, mut tim) = (false, false);
        kept.retain(|k| {
            let labels = p.samples.labels(k.sample as usize);
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
            if let Some(i) = lines
                .get(loc)
                .iter()
                .position(|l| func[l.function as usize])
            {
                lines.drop_first(loc, i);
                beneath[loc] = true;
            }
        }
        for k in &mut kept {
            if let Some(i) = k
                .locs(p)
                .iter()
                .position(|&l| shown(l) && beneath[l as usize])
            {
                k.start += i as u32;
            }
        }
    }

    let mut samples = p.samples.select();
    samples.reserve(kept.len());
    if any_hidden {
        // The room the written stacks take, so that it is allocated once.
        let shown_of = |k: &Kept| k.locs(p).iter().filter(|&&l| shown(l)).count();
        let len_of = |k: &Kept| (k.end - k.start) as usize;
        let written = kept.iter().map(|k| (shown_of(k), len_of(k)));
        samples.reserve_written(written.filter(|(n, len)| n < len).map(|(n, _)| n).sum());
    }
    let mut stack: Vec<u32> = Vec::new();
    for k in &kept {
        let (s, locs) = (k.sample as usize, k.locs(p));
        if !loses(locs) {
            samples.keep_part(s, k.start as usize..k.end as usize);
        } else {
            stack.clear();
            stack.extend(locs.iter().copied().filter(|&l| shown(l)));
            samples.keep_written(s, &stack);
        }
    }
    drop(kept);
    let mut out = p.refined(samples.finish());
    lines.write_into(&mut out);
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
