//! pprof's RemoveUninteresting: drop_frames/keep_frames applied at load, and samples whose
//! values are all zero removed (as pprof's merge does).

use regex::Regex;

use super::model::Profile;
use super::sample_columns::SampleColumns;

/// pprof's simplifyFunc: the name up to its first "(" that does not belong to
/// "(anonymous namespace)" or "operator()", without a leading ".".
pub fn simplify_func(name: &str) -> &str {
    let name = name.strip_prefix('.').unwrap_or(name);
    let mut i = 0;
    let bytes = name.as_bytes();
    while i < bytes.len() {
        // Bytes, not `&name[i..]`: `i` may fall inside a multi-byte character (a name with
        // "λ" or U+202E panicked here). '(' is ASCII, so `&name[..i]` below is on a boundary.
        let rest = &bytes[i..];
        if rest.starts_with(b"(anonymous namespace)") {
            i += "(anonymous namespace)".len();
        } else if rest.starts_with(b"operator()") {
            i += "operator()".len();
        } else if bytes[i] == b'(' {
            return &name[..i];
        } else {
            i += 1;
        }
    }
    name
}

/// Compiles a frame regex anchored as pprof anchors drop/keep frames.
fn anchored(re: &str) -> Result<Regex, String> {
    Regex::new(&format!("^({re})$")).map_err(|e| format!("failed to compile regexp {re}: {e}"))
}

/// Applies the profile's drop_frames/keep_frames and removes all-zero samples.
pub fn remove_uninteresting(p: &mut Profile) -> Result<(), String> {
    if !p.drop_frames.is_empty() {
        let drop = anchored(&p.drop_frames)?;
        let keep = if p.keep_frames.is_empty() {
            None
        } else {
            Some(anchored(&p.keep_frames)?)
        };
        prune(p, &drop, keep.as_ref());
    }
    drop_zero_samples(p);
    Ok(())
}

fn prune(p: &mut Profile, drop: &Regex, keep: Option<&Regex>) {
    let n = p.locations.len();
    let mut prune = vec![false; n];
    let mut beneath = vec![false; n];
    for li in 0..n {
        let (start, end) = p.locations[li].lines;
        let lines = &p.lines[start as usize..end as usize];
        let hit = lines.iter().rposition(|ln| {
            let name = &p.functions[ln.function as usize].name;
            if name.is_empty() {
                return false;
            }
            let f = simplify_func(name);
            drop.is_match(f) && !keep.is_some_and(|k| k.is_match(f))
        });
        if let Some(i) = hit {
            beneath[li] = true;
            if i == lines.len() - 1 {
                prune[li] = true;
            } else {
                p.locations[li].lines.0 = start + i as u32 + 1;
            }
        }
    }
    let old = &p.samples;
    let mut samples = SampleColumns::new(old.num_types());
    for s in 0..old.len() {
        let mut locs = old.locations(s);
        let mut found_user = false;
        for i in (0..locs.len()).rev() {
            let id = locs[i] as usize;
            if !prune[id] && !beneath[id] {
                found_user = true;
                continue;
            }
            if !found_user {
                continue;
            }
            locs = if prune[id] {
                &locs[i + 1..]
            } else {
                &locs[i..]
            };
            break;
        }
        samples.push(locs, old.values(s), old.labels(s));
    }
    p.samples = samples.into();
}

fn drop_zero_samples(p: &mut Profile) {
    let s = &p.samples;
    if (0..s.len()).all(|i| s.values(i).iter().any(|&v| v != 0)) {
        return;
    }
    let old = &p.samples;
    let mut samples = SampleColumns::new(old.num_types());
    for i in 0..old.len() {
        if old.values(i).iter().any(|&v| v != 0) {
            samples.push(old.locations(i), old.values(i), old.labels(i));
        }
    }
    p.samples = samples.into();
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Stacks (leaf first) over functions main, a, runtime.mallocgc, runtime.memmove.
    fn profile(drop: &str, keep: &str) -> Profile {
        let names = ["main", "a", "runtime.mallocgc", "runtime.memmove"].map(String::from);
        let stacks = [
            (vec![2, 1, 0], vec![5]),    // mallocgc ← a ← main
            (vec![3, 2, 1, 0], vec![7]), // memmove ← mallocgc ← a ← main
            (vec![1, 0], vec![0]),       // all zero: removed
        ];
        Profile {
            drop_frames: drop.into(),
            keep_frames: keep.into(),
            ..Profile::synthetic(&names, &stacks, &[("v", "count")])
        }
    }

    #[test]
    fn drop_frames_prunes_from_the_first_matching_frame_down() {
        let mut p = profile("runtime\\..*", "");
        remove_uninteresting(&mut p).expect("prune");
        assert_eq!(p.samples.len(), 2);
        assert_eq!(p.samples.locations(0), [1, 0]);
        assert_eq!(p.samples.locations(1), [1, 0]);
    }

    #[test]
    fn keep_frames_spares_matching_frames() {
        let mut p = profile("runtime\\..*", "runtime\\.memmove");
        remove_uninteresting(&mut p).expect("prune");
        assert_eq!(p.samples.locations(0), [1, 0]);
        // memmove itself is spared, but it sits beneath mallocgc, which is dropped with
        // everything under it.
        assert_eq!(p.samples.locations(1), [1, 0]);
    }

    #[test]
    fn no_drop_frames_changes_nothing_but_zero_samples() {
        let mut p = profile("", "");
        remove_uninteresting(&mut p).expect("prune");
        assert_eq!(p.samples.len(), 2);
        assert_eq!(p.samples.locations(1), [3, 2, 1, 0]);
    }

    #[test]
    fn simplify_func_cuts_arguments_but_not_reserved_names() {
        assert_eq!(simplify_func("main.(*T).m"), "main.");
        assert_eq!(simplify_func(".foo(int)"), "foo");
        assert_eq!(
            simplify_func("(anonymous namespace)::f(int)"),
            "(anonymous namespace)::f"
        );
        assert_eq!(simplify_func("F::operator()(int)"), "F::operator()");
    }
}
