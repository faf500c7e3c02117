//! The filters as memprof-tui applied them before refinements shared the profile: every
//! location's lines and every kept sample's stack copied into vectors of their own, then
//! a whole new profile written (tables cloned, columns filled). A reference for
//! tests/filter_sharing.rs, kept independent of the sharing code it checks.

use memprof_tui::analysis::filter::{Filters, NumLabelUnits, Pattern, transform};
use memprof_tui::profile::{Line, Location, Profile, SampleColumns, simplify_func};

/// Whether a location matches `pat`: one of its current lines' function name or file
/// name, or its mapping's file.
fn matches(p: &Profile, pat: &Pattern, loc: usize, lines: &[Line]) -> bool {
    maps(p, pat, loc) || lines.iter().any(|l| line_matches(p, pat, l))
}

fn line_matches(p: &Profile, pat: &Pattern, l: &Line) -> bool {
    let f = &p.functions[l.function as usize];
    pat.is_match(&f.name) || pat.is_match(&f.filename)
}

fn maps(p: &Profile, pat: &Pattern, loc: usize) -> bool {
    p.locations[loc]
        .mapping
        .is_some_and(|m| pat.is_match(&p.mappings[m as usize].file))
}

/// `p` under `f`, copied the old way (see the module documentation).
pub fn filter_copy(p: &Profile, f: &Filters) -> Profile {
    let nloc = p.locations.len();
    let mut live = vec![false; nloc];
    for s in 0..p.samples.len() {
        for &l in p.samples.locations(s) {
            live[l as usize] = true;
        }
    }
    let mut lines: Vec<Vec<Line>> = (0..nloc)
        .map(|l| p.location_lines(l as u32).to_vec())
        .collect();
    // Some(true): focused, Some(false): ignored.
    let mut mark: Vec<Option<bool>> = vec![None; nloc];
    let mut hidden = vec![false; nloc];
    for loc in (0..nloc).filter(|&l| live[l]) {
        if f.ignore
            .as_ref()
            .is_some_and(|m| matches(p, m, loc, &lines[loc]))
        {
            mark[loc] = Some(false);
        } else if f
            .focus
            .as_ref()
            .is_none_or(|m| matches(p, m, loc, &lines[loc]))
        {
            mark[loc] = Some(true);
        }
        if let Some(m) = &f.hide
            && matches(p, m, loc, &lines[loc])
        {
            if maps(p, m, loc) {
                lines[loc].clear();
            } else {
                lines[loc].retain(|l| !line_matches(p, m, l));
            }
            hidden[loc] |= lines[loc].is_empty();
        }
        if let Some(m) = &f.show {
            if !maps(p, m, loc) {
                lines[loc].retain(|l| line_matches(p, m, l));
            }
            hidden[loc] |= lines[loc].is_empty();
        }
    }
    let mut kept: Vec<(usize, Vec<u32>)> = Vec::new();
    for s in 0..p.samples.len() {
        let locs = p.samples.locations(s);
        let marks = locs.iter().map(|&l| mark[l as usize]);
        if marks.clone().any(|m| m == Some(false)) || !marks.into_iter().any(|m| m == Some(true)) {
            continue;
        }
        let stack: Vec<u32> = locs
            .iter()
            .copied()
            .filter(|&l| !hidden[l as usize])
            .collect();
        if !stack.is_empty() {
            kept.push((s, stack));
        }
    }
    if let Some(m) = &f.show_from {
        let mut from = vec![false; nloc];
        for loc in (0..nloc).filter(|&l| live[l]) {
            if maps(p, m, loc) {
                from[loc] = true;
            } else if let Some(i) = lines[loc].iter().rposition(|l| line_matches(p, m, l)) {
                lines[loc].truncate(i + 1);
                from[loc] = true;
            }
        }
        kept.retain_mut(|(_, stack)| {
            let Some(i) = stack.iter().rposition(|&l| from[l as usize]) else {
                return false;
            };
            stack.truncate(i + 1);
            true
        });
    }
    if f.tag_focus.is_some() || f.tag_ignore.is_some() {
        let units = NumLabelUnits::of(p);
        kept.retain(|(s, _)| {
            let labels = p.samples.labels(*s);
            f.tag_focus
                .as_ref()
                .is_none_or(|t| t.matches(p, labels, &units))
                && !f
                    .tag_ignore
                    .as_ref()
                    .is_some_and(|t| t.matches(p, labels, &units))
        });
    }
    if let Some(pat) = &f.prune_from {
        let prunes = |l: &Line| {
            let name = &p.functions[l.function as usize].name;
            !name.is_empty() && pat.is_match(simplify_func(name))
        };
        let mut beneath = vec![false; nloc];
        for loc in (0..nloc).filter(|&l| live[l]) {
            if let Some(i) = lines[loc].iter().position(prunes) {
                lines[loc].drain(..i);
                beneath[loc] = true;
            }
        }
        for (_, stack) in &mut kept {
            if let Some(i) = stack.iter().position(|&l| beneath[l as usize]) {
                stack.drain(..i);
            }
        }
    }
    let mut all_lines: Vec<Line> = Vec::new();
    let locations: Vec<Location> = (p.locations.iter().zip(&lines))
        .map(|(l, ls)| {
            let start = all_lines.len() as u32;
            all_lines.extend_from_slice(ls);
            Location {
                lines: (start, all_lines.len() as u32),
                ..l.clone()
            }
        })
        .collect();
    let mut samples = SampleColumns::new(p.samples.num_types());
    for (s, stack) in &kept {
        samples.push(stack, p.samples.values(*s), p.samples.labels(*s));
    }
    let out = Profile {
        strings: p.strings.to_vec().into(),
        samples: samples.into(),
        locations: locations.into(),
        lines: all_lines.into(),
        functions: p.functions.to_vec().into(),
        mappings: p.mappings.to_vec().into(),
        comments: p.comments.to_vec().into(),
        ..p.clone()
    };
    if !f.transforms() {
        return out;
    }
    transform::apply(out, f.collapse_package.as_ref(), f.collapse_recursion).0
}
