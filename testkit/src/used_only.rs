//! A model profile reduced to what its samples use — the locations they name, the
//! functions and mappings those name (the first mapping stays), the strings their labels
//! name ("" first), renumbered in order — the way the decoder keeps a profile, so a
//! written and reloaded profile compares equal.

use memprof_tui::profile::{Line, Location, Profile};

/// `p` with every location, function and mapping no sample uses dropped.
pub fn used_only(p: &Profile) -> Profile {
    let mut loc_used = vec![false; p.locations.len()];
    for s in 0..p.samples.len() {
        for &l in p.samples.locations(s) {
            loc_used[l as usize] = true;
        }
    }
    let mut fn_used = vec![false; p.functions.len()];
    let mut map_used = vec![false; p.mappings.len()];
    if let Some(first) = map_used.first_mut() {
        *first = true;
    }
    for (loc, _) in p.locations.iter().zip(&loc_used).filter(|(_, u)| **u) {
        if let Some(m) = loc.mapping {
            map_used[m as usize] = true;
        }
        for line in &p.lines[loc.lines.0 as usize..loc.lines.1 as usize] {
            fn_used[line.function as usize] = true;
        }
    }
    let renumber = |used: &[bool]| -> Vec<u32> {
        let mut next = 0;
        used.iter()
            .map(|&u| {
                let id = next;
                next += u32::from(u);
                id
            })
            .collect()
    };
    let (loc_id, fn_id, map_id) = (renumber(&loc_used), renumber(&fn_used), renumber(&map_used));
    let mut q = p.clone();
    q.lines.clear();
    q.locations.clear();
    for (loc, _) in p.locations.iter().zip(&loc_used).filter(|(_, u)| **u) {
        let start = q.lines.len() as u32;
        for line in &p.lines[loc.lines.0 as usize..loc.lines.1 as usize] {
            q.lines.push(Line {
                function: fn_id[line.function as usize],
                ..*line
            });
        }
        q.locations.push(Location {
            mapping: loc.mapping.map(|m| map_id[m as usize]),
            lines: (start, q.lines.len() as u32),
            ..*loc
        });
    }
    q.functions = p
        .functions
        .iter()
        .zip(&fn_used)
        .filter(|(_, u)| **u)
        .map(|(f, _)| f.clone())
        .collect();
    q.mappings = p
        .mappings
        .iter()
        .zip(&map_used)
        .filter(|(_, u)| **u)
        .map(|(m, _)| m.clone())
        .collect();
    for l in &mut q.samples.columns_mut().locs {
        *l = loc_id[*l as usize];
    }
    let mut str_used = vec![false; p.strings.len().max(1)];
    str_used[0] = true;
    for s in 0..p.samples.len() {
        for l in p.samples.labels(s) {
            for id in [l.key, l.str, l.unit] {
                str_used[id as usize] = true;
            }
        }
    }
    let str_id = renumber(&str_used);
    for l in &mut q.samples.columns_mut().labels {
        l.key = str_id[l.key as usize];
        l.str = str_id[l.str as usize];
        l.unit = str_id[l.unit as usize];
    }
    q.strings = p
        .strings
        .iter()
        .zip(&str_used)
        .filter(|(_, u)| **u)
        .map(|(s, _)| s.clone())
        .collect();
    q
}
