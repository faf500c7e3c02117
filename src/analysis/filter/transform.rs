//! Transforms of the stacks, applied after pprof's filters: collapsing a package into one
//! frame (Firefox's "collapse resource") and collapsing recursion (speedscope's and
//! Firefox's "merge recursion"). Values and samples are never changed — only frames go —
//! so totals, and the flat of the frame where a sample was taken, stay what they were
//! (a collapsed package's frame takes the flat of its functions).
//!
//! Frames are the lines of each sample's locations, leaf first. A transform drops
//! frames, keeping the innermost (leafward) frame of what it merges, so the frame that
//! calls the next one and the line it does so at are kept:
//!
//! - **collapse_package RE**: each run of consecutive frames whose function belongs to
//!   the same package, when that package matches RE, becomes one frame named `PKG.*`
//!   (`PKG::*` for `::` names), a function of its own ([`package_of`] says what a
//!   package is);
//! - **collapse_recursion direct**: each run of consecutive frames of the same function
//!   (by name) becomes one: `f → f → f` is `f`;
//! - **collapse_recursion indirect**: read from the root, a function met again cuts the
//!   stack back to where it was first met (everything called in between goes): `main →
//!   f → g → f → h` is `main → f → h`, so no function is on a stack twice.
//!
//! Packages are collapsed before recursion, so a collapsed package entered again and
//! again collapses as recursion. Locations that lose some of their lines are written as
//! new locations after the profile's (same address and mapping); untouched ones keep
//! their index.

use std::collections::HashMap;

use super::Pattern;
use crate::profile::{Function, Line, Location, Profile};

/// Which recursion is collapsed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Recursion {
    /// A function calling itself directly: `f → f → f` becomes `f`.
    Direct,
    /// A function anywhere above itself: `f → g → f → h` becomes `f → h`.
    Indirect,
}

impl Recursion {
    /// The word for it ("direct", "indirect").
    pub fn name(self) -> &'static str {
        match self {
            Self::Direct => "direct",
            Self::Indirect => "indirect",
        }
    }

    /// Reads "direct" or "indirect".
    pub fn parse(s: &str) -> Result<Self, String> {
        match s.trim() {
            "direct" => Ok(Self::Direct),
            "indirect" => Ok(Self::Indirect),
            other => Err(format!(
                "collapse_recursion {other:?}: use direct (f → f) or indirect (f → … → f)"
            )),
        }
    }
}

/// The package of a function name, and the name of its collapsed frame. Only the part
/// of the name before any `(` or `[` (receivers, type arguments) is read.
///
/// - A name with `::` (C++, Rust): the leading identifier — the crate or top-level
///   namespace — when `::` follows it, after any leading `<`: `std::vector<int>::push_back`
///   → `std`, `<alloc::vec::Vec<T> as Drop>::drop` → `alloc`; collapsed as `std::*`.
/// - A name with `/` (Go import paths, Java's `java/util/HashMap.get`): up to the first
///   `.` after the last `/` — `net/http.(*conn).serve` → `net/http` — unless what follows
///   the last `/` starts with a capital letter (a Java class): then up to the last `/`,
///   `java/util/regex/Pattern$Slice.match` → `java/util/regex`.
/// - A dotted name: the components before the first capitalized one (a class), else the
///   first: `main.(*Cache[...]).Put` → `main`, `runtime.mallocgc` → `runtime`,
///   `com.example.Foo.bar` → `com.example`, `System.Text.Encoding.GetBytes` → `System`.
///   Collapsed as `PKG.*`.
/// - Anything else (`malloc`, `<module>`, `(idle)`) has no package and never collapses.
pub fn package_of(name: &str) -> Option<(&str, String)> {
    if name.contains("::") {
        let rest = name.trim_start_matches('<');
        let end = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        if end == 0 || !rest[end..].starts_with("::") {
            return None;
        }
        let pkg = &rest[..end];
        return Some((pkg, format!("{pkg}::*")));
    }
    let head = &name[..name.find(['(', '[']).unwrap_or(name.len())];
    let capital = |s: &str| s.starts_with(|c: char| c.is_ascii_uppercase());
    let end = if let Some(slash) = head.rfind('/') {
        let dot = slash + 1 + head[slash + 1..].find('.')?;
        if capital(&head[slash + 1..]) {
            slash
        } else {
            dot
        }
    } else {
        let parts: Vec<&str> = head.split('.').collect();
        if parts.len() < 2 {
            return None;
        }
        let lead = parts.iter().take_while(|p| !capital(p)).count();
        let n = if lead == 0 || lead == parts.len() {
            1
        } else {
            lead
        };
        parts[..n].iter().map(|p| p.len()).sum::<usize>() + n - 1
    };
    let pkg = &name[..end];
    if pkg.is_empty() {
        return None;
    }
    Some((pkg, format!("{pkg}.*")))
}

/// One frame of a sample being transformed.
#[derive(Clone, Copy)]
struct Frame {
    /// Which location of the sample (its position, leaf first) the frame is in.
    inst: u32,
    /// The location.
    loc: u32,
    /// The line's index in the location (None: a location without lines).
    line: Option<u32>,
    /// The frame's function (a collapsed package's own, once collapsed).
    func: Option<u32>,
}

/// What the transforms need per function, computed once.
struct Plan {
    /// By function: the collapsed function of its package, if the package matches.
    package: Vec<Option<u32>>,
    /// By function (new ones included): an id shared by every function of that name.
    ident: Vec<u32>,
    /// The collapsed packages' functions, appended after the profile's.
    added: Vec<Function>,
}

impl Plan {
    fn new(p: &Profile, package: Option<&Pattern>) -> Self {
        let mut added: Vec<Function> = Vec::new();
        let mut by_pkg: HashMap<String, u32> = HashMap::new();
        let n = p.functions.len() as u32;
        let package = p
            .functions
            .iter()
            .map(|f| {
                let pat = package?;
                let (pkg, collapsed) = package_of(&f.name)?;
                if !pat.is_match(pkg) {
                    return None;
                }
                Some(*by_pkg.entry(pkg.to_string()).or_insert_with(|| {
                    added.push(Function {
                        name: collapsed.clone(),
                        system_name: collapsed,
                        filename: String::new(),
                        start_line: 0,
                    });
                    n + added.len() as u32 - 1
                }))
            })
            .collect();
        let mut names: HashMap<&str, u32> = HashMap::new();
        let ident = p
            .functions
            .iter()
            .chain(&added)
            .map(|f| {
                let next = names.len() as u32;
                *names.entry(f.name.as_str()).or_insert(next)
            })
            .collect();
        Self {
            package,
            ident,
            added,
        }
    }

    /// The recursion identity of a frame (None: never equal to another).
    fn ident(&self, f: &Frame) -> Option<u32> {
        f.func.map(|x| self.ident[x as usize])
    }
}

/// Collapses the runs of frames of one matching package into their innermost frame.
fn collapse_packages(plan: &Plan, frames: &mut Vec<Frame>) {
    let mut out: Vec<Frame> = Vec::with_capacity(frames.len());
    for f in frames.iter() {
        let pkg = f
            .func
            .and_then(|x| plan.package.get(x as usize).copied().flatten());
        match (pkg, out.last()) {
            // The same package as the frame below: part of its run.
            (Some(k), Some(last)) if last.func == Some(k) => {}
            (Some(k), _) => out.push(Frame {
                func: Some(k),
                ..*f
            }),
            (None, _) => out.push(*f),
        }
    }
    *frames = out;
}

/// Drops each frame of the same function as the kept frame below it.
fn collapse_direct(plan: &Plan, frames: &mut Vec<Frame>) {
    let mut out: Vec<Frame> = Vec::with_capacity(frames.len());
    for f in frames.iter() {
        let same = out
            .last()
            .is_some_and(|l| plan.ident(l).is_some() && plan.ident(l) == plan.ident(f));
        if !same {
            out.push(*f);
        }
    }
    *frames = out;
}

/// Loop erasure from the root: a function met again replaces the stack from its first
/// occurrence on. `pos` (by identity, all `u32::MAX`) is scratch space, left clean.
fn collapse_indirect(plan: &Plan, frames: &mut Vec<Frame>, pos: &mut [u32]) {
    let mut kept: Vec<Frame> = Vec::with_capacity(frames.len());
    for f in frames.iter().rev() {
        if let Some(id) = plan.ident(f) {
            let at = pos[id as usize];
            if at != u32::MAX {
                for gone in kept.drain(at as usize..) {
                    if let Some(g) = plan.ident(&gone) {
                        pos[g as usize] = u32::MAX;
                    }
                }
            }
            pos[id as usize] = kept.len() as u32;
        }
        kept.push(*f);
    }
    for f in &kept {
        if let Some(g) = plan.ident(f) {
            pos[g as usize] = u32::MAX;
        }
    }
    kept.reverse();
    *frames = kept;
}

/// Applies the transforms to `p`; also says whether the package pattern matched some
/// frame (always true without one). The result shares `p`'s sample columns: a sample
/// whose frames change gets a location list of its own (values and labels stay shared),
/// the others keep theirs; the location and line tables are copied once if a location
/// is added, the function table if a package is collapsed.
pub fn apply(
    mut p: Profile,
    package: Option<&Pattern>,
    recursion: Option<Recursion>,
) -> (Profile, bool) {
    if package.is_none() && recursion.is_none() {
        return (p, true);
    }
    let plan = Plan::new(&p, package);
    let first_new = p.functions.len() as u32;
    let mut matched = package.is_none();
    let mut pos = vec![u32::MAX; plan.ident.len()];
    let mut new_locs: HashMap<(u32, Vec<(u32, u32)>), u32> = HashMap::new();
    let (locations, lines) = (&mut p.locations, &mut p.lines);
    let old_samples = &p.samples;
    let mut samples = old_samples.select();
    let mut frames: Vec<Frame> = Vec::new();
    let mut locs: Vec<u32> = Vec::new();
    for s in 0..old_samples.len() {
        frames.clear();
        for (inst, &loc) in old_samples.locations(s).iter().enumerate() {
            let (a, b) = locations[loc as usize].lines;
            if a == b {
                frames.push(Frame {
                    inst: inst as u32,
                    loc,
                    line: None,
                    func: None,
                });
            }
            for k in a..b {
                frames.push(Frame {
                    inst: inst as u32,
                    loc,
                    line: Some(k - a),
                    func: Some(lines[k as usize].function),
                });
            }
        }
        let before = frames.len();
        if package.is_some() {
            collapse_packages(&plan, &mut frames);
            matched |= frames
                .iter()
                .any(|f| f.func.is_some_and(|x| x >= first_new));
        }
        match recursion {
            Some(Recursion::Direct) => collapse_direct(&plan, &mut frames),
            Some(Recursion::Indirect) => collapse_indirect(&plan, &mut frames, &mut pos),
            None => {}
        }
        if frames.len() == before
            && !frames
                .iter()
                .any(|f| f.func.is_some_and(|x| x >= first_new))
        {
            samples.keep(s);
            continue;
        }
        locs.clear();
        let mut i = 0;
        while i < frames.len() {
            let inst = frames[i].inst;
            let j = frames[i..]
                .iter()
                .position(|f| f.inst != inst)
                .map_or(frames.len(), |k| i + k);
            let group = &frames[i..j];
            let loc = group[0].loc;
            let (a, b) = locations[loc as usize].lines;
            let whole = group.len() as u32 == b - a
                && group.iter().all(|f| f.func.is_none_or(|x| x < first_new));
            if whole || group[0].line.is_none() {
                locs.push(loc);
            } else {
                let key: Vec<(u32, u32)> = group
                    .iter()
                    .map(|f| (f.line.unwrap_or(0), f.func.unwrap_or(u32::MAX)))
                    .collect();
                let next = locations.len() as u32;
                let id = *new_locs.entry((loc, key)).or_insert_with_key(|(_, key)| {
                    let start = lines.len() as u32;
                    for &(k, func) in key {
                        let orig = lines[(a + k) as usize];
                        lines.push(if func >= first_new {
                            Line {
                                function: func,
                                line: 0,
                                column: 0,
                            }
                        } else {
                            orig
                        });
                    }
                    let location = Location {
                        lines: (start, lines.len() as u32),
                        ..locations[loc as usize].clone()
                    };
                    locations.push(location);
                    next
                });
                locs.push(id);
            }
            i = j;
        }
        samples.keep_written(s, &locs);
    }
    p.samples = samples.finish();
    if !plan.added.is_empty() {
        // drop_frames and keep_frames were applied at load; a collapsed frame's new name
        // must not be pruned by them when the profile is read again (--proto).
        p.drop_frames.clear();
        p.keep_frames.clear();
        p.functions.extend(plan.added);
    }
    (p, matched)
}

#[cfg(test)]
#[path = "transform_tests.rs"]
mod tests;
