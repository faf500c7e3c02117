//! Where a search that finds nothing in the chosen sample type would find something: the
//! functions whose names match, their cum value in each sample type (a function counted
//! once per sample however often it recurs), and the heaviest of them in another type —
//! the empty-heap gotcha again, at the explorer's `/` prompt.

use std::collections::HashMap;

use super::heap::HeapTypes;
use crate::profile::Profile;

/// A matching function with value in another sample type than the chosen one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchElsewhere {
    /// The function (the heaviest match there).
    pub name: String,
    /// The other sample type's index.
    pub other: usize,
    /// Its cum value there.
    pub there: i64,
}

/// The cum value of every function named as `matches` accepts, per sample type, by name;
/// the names in the profile's order of functions.
fn cum_by_name(p: &Profile, matches: &dyn Fn(&str) -> bool) -> Vec<(String, Vec<i64>)> {
    let mut group: HashMap<&str, usize> = HashMap::new();
    let mut names: Vec<&str> = Vec::new();
    // Per function index: its name's group, if the name matches.
    let of_function: Vec<Option<usize>> = p
        .functions
        .iter()
        .map(|f| {
            if let Some(&g) = group.get(f.name.as_str()) {
                return Some(g);
            }
            if !matches(&f.name) {
                return None;
            }
            group.insert(&f.name, names.len());
            names.push(&f.name);
            Some(names.len() - 1)
        })
        .collect();
    let types = p.sample_types.len();
    let mut cum = vec![vec![0i64; types]; names.len()];
    if names.is_empty() {
        return Vec::new();
    }
    let mut seen: Vec<usize> = Vec::new();
    for i in 0..p.samples.len() {
        seen.clear();
        for &loc in p.samples.locations(i) {
            let Some(l) = p.locations.get(loc as usize) else {
                continue;
            };
            let lines = p.lines.get(l.lines.0 as usize..l.lines.1 as usize);
            for ln in lines.into_iter().flatten() {
                if let Some(Some(g)) = of_function.get(ln.function as usize)
                    && !seen.contains(g)
                {
                    seen.push(*g);
                }
            }
        }
        let values = p.samples.values(i);
        for &g in &seen {
            for (t, v) in values.iter().enumerate().take(types) {
                cum[g][t] = cum[g][t].wrapping_add(*v);
            }
        }
    }
    names.into_iter().map(str::to_string).zip(cum).collect()
}

/// The other sample types worth naming for type `t`: a heap profile's alloc counterpart
/// of an in-use type, else every other type.
fn others(p: &Profile, t: usize) -> Vec<usize> {
    let h = HeapTypes::of(p);
    if h.is_inuse(t)
        && let Some(alloc) = h.toggle_family(t)
    {
        return vec![alloc];
    }
    (0..p.sample_types.len()).filter(|&i| i != t).collect()
}

/// When no function named as `matches` accepts has a value in sample type `t` but one has
/// in another type: the heaviest of them there (the first such type in the profile's
/// order, a heap in-use type's alloc counterpart only).
pub fn elsewhere(p: &Profile, t: usize, matches: &dyn Fn(&str) -> bool) -> Option<SearchElsewhere> {
    let found = cum_by_name(p, matches);
    if found.iter().any(|(_, v)| v.get(t).is_some_and(|&x| x != 0)) {
        return None;
    }
    others(p, t).into_iter().find_map(|other| {
        found
            .iter()
            .filter(|(_, v)| v.get(other).is_some_and(|&x| x != 0))
            .max_by_key(|(_, v)| v[other].unsigned_abs())
            .map(|(name, v)| SearchElsewhere {
                name: name.clone(),
                other,
                there: v[other],
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A heap-like profile: main.keep holds 1 in use of 10 allocated; main.gone 0 of 80
    /// (called from main.main, which recurses).
    fn profile() -> Profile {
        let names: Vec<String> = ["main.main", "main.keep", "main.gone"]
            .map(String::from)
            .to_vec();
        Profile::synthetic(
            &names,
            &[(vec![1, 0], vec![10, 1]), (vec![2, 0, 0], vec![80, 0])],
            &[("alloc_space", "bytes"), ("inuse_space", "bytes")],
        )
    }

    #[test]
    fn names_the_heaviest_match_in_alloc_when_in_use_has_none() {
        let p = profile();
        let re = regex::Regex::new("gone").unwrap();
        let e = elsewhere(&p, 1, &|n| re.is_match(n)).expect("in alloc_space");
        assert_eq!(
            e,
            SearchElsewhere {
                name: "main.gone".into(),
                other: 0,
                there: 80
            }
        );
        // Recursion counts once: main.main has 90, not 170.
        let e = elsewhere(&p, 1, &|n| n == "main.main" || n == "main.gone");
        assert_eq!(e, None, "main.main holds 1 in use");
        let re = regex::Regex::new("main").unwrap();
        assert_eq!(elsewhere(&p, 0, &|n| re.is_match(n)), None);
        let e = elsewhere(&p, 1, &|n| n.ends_with("gone") || n == "main.nothing").unwrap();
        assert_eq!(e.there, 80);
        // Nothing matches anywhere: nothing to say.
        assert_eq!(elsewhere(&p, 1, &|n| n == "main.nothing"), None);
    }

    #[test]
    fn recursion_counts_once_per_sample() {
        let p = profile();
        let got = cum_by_name(&p, &|n| n == "main.main");
        assert_eq!(got, vec![("main.main".to_string(), vec![90, 1])]);
    }
}
