//! The empty-heap gotcha on the command line: when `--list`, `--peek` or a refined
//! `--top` finds nothing in the chosen sample type (or, for a heap profile's in-use type,
//! under a tenth of what the alloc type holds) but would in another, one line for stderr
//! naming the function, its amount there and the flag that shows it. Stdout stays what
//! pprof prints.

use super::reports::ReportKind;
use crate::analysis::filter;
use crate::analysis::heap::HeapTypes;
use crate::analysis::{NodeTable, ReportOptions, compact, list, peek, totals};
use crate::profile::Profile;

/// What the chosen sample type hides and where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Elsewhere {
    /// The function that holds the value; "" for a refined `--top`.
    pub what: String,
    /// A refined `--top`'s refinements, pprof's `option=value` (`focus=main.main`).
    pub refinements: Vec<String>,
    /// The other sample type.
    pub other: String,
    /// Its amount there, formatted with its unit.
    pub there: String,
    /// The amount in the chosen type ("" when nothing).
    pub here: String,
    /// The chosen type.
    pub chosen: String,
    /// Which value: "flat " or "cum " for a function, "" for what refinements keep.
    pub measure: &'static str,
}

impl Elsewhere {
    /// The line to print (without the program name): the flag in pprof's spelling when
    /// the command line used pprof's spellings, else memprof-tui's.
    pub fn line(&self, pprof_style: bool) -> String {
        let flag = if pprof_style {
            format!("-sample_index={}", self.other)
        } else {
            format!("-i {}", self.other)
        };
        let here = if self.here.is_empty() {
            format!("nothing in {}", self.chosen)
        } else {
            format!("{} in {}", self.here, self.chosen)
        };
        let (what, verb) = if self.refinements.is_empty() {
            (self.what.clone(), "has")
        } else {
            let spell = |r: &String| match r.split_once('=') {
                Some((k, v)) if !pprof_style => format!("--{}={v}", k.replace('_', "-")),
                _ => format!("-{r}"),
            };
            let words: Vec<String> = self.refinements.iter().map(spell).collect();
            (words.join(" "), "keeps")
        };
        format!(
            "hint: {what} {verb} {} {}in {} ({here}): add {flag}",
            self.there, self.measure, self.other
        )
    }
}

/// What a report shows for its matches in sample type `t`: (what, flat, cum), or `None`
/// when nothing matches there. `--list` and `--peek` name the heaviest matching function
/// (by cum), a refined `--top` the total the refinements keep (as cum).
fn shown(
    unfiltered: &Profile,
    p: &Profile,
    o: &ReportOptions,
    kind: &ReportKind,
    t: usize,
) -> Option<(String, i64, i64)> {
    let o = ReportOptions {
        sample_index: t,
        ..o.clone()
    };
    let heaviest = |v: Vec<(String, i64, i64)>| v.into_iter().max_by_key(|e| e.2.wrapping_abs());
    match kind {
        ReportKind::List(re) => {
            let r = list(unfiltered, p, &o, re).ok()?;
            let mut by_name: Vec<(String, i64, i64)> = Vec::new();
            for b in &r.blocks {
                match by_name.iter_mut().find(|(n, _, _)| *n == b.name) {
                    Some(e) => {
                        e.1 = e.1.wrapping_add(b.flat);
                        e.2 = e.2.wrapping_add(b.cum);
                    }
                    None => by_name.push((b.name.clone(), b.flat, b.cum)),
                }
            }
            heaviest(by_name)
        }
        ReportKind::Peek(re) => {
            let table = NodeTable::build(p, o.granularity, &o.trim_path, &o.source_path, false);
            let r = peek(unfiltered, p, &o, &table, re).ok()?;
            heaviest(
                r.entries
                    .iter()
                    .map(|e| (e.name.clone(), e.flat, e.cum))
                    .collect(),
            )
        }
        ReportKind::Top | ReportKind::Traces => {
            let total = totals::total(p, t);
            Some((String::new(), total, total))
        }
    }
}

/// The other sample types worth naming for type `t`: a heap profile's alloc counterpart
/// of an in-use type, else every other type.
fn candidates(p: &Profile, t: usize) -> (Vec<usize>, bool) {
    let h = HeapTypes::of(p);
    if h.is_inuse(t)
        && let Some(alloc) = h.toggle_family(t)
    {
        return (vec![alloc], true);
    }
    (
        (0..p.sample_types.len()).filter(|&i| i != t).collect(),
        false,
    )
}

/// Where the run's matches are, when the chosen type hides them (see the module); `None`
/// for reports it does not concern (an unrefined `--top`) or when there is nothing to say.
pub fn elsewhere(p: &Profile, o: &ReportOptions, kind: &ReportKind) -> Option<Elsewhere> {
    if matches!(kind, ReportKind::Top | ReportKind::Traces) && !o.filters.is_active() {
        return None;
    }
    let filtered = if o.filters.is_active() {
        std::borrow::Cow::Owned(filter::apply(p, &o.filters).ok()?.0)
    } else {
        std::borrow::Cow::Borrowed(p)
    };
    let t = o.sample_index;
    let (others, heap_pair) = candidates(p, t);
    if others.is_empty() {
        return None;
    }
    let here = shown(p, &filtered, o, kind, t);
    // Outside a heap profile's in-use type, only a report with nothing to show asks.
    if !heap_pair && here.as_ref().is_some_and(|h| h.1 != 0 || h.2 != 0) {
        return None;
    }
    for other in others {
        let Some((name, flat, cum)) = shown(p, &filtered, o, kind, other) else {
            continue;
        };
        // A listing is about the function's own lines: flat, unless it has none there.
        let list_flat = matches!(kind, ReportKind::List(_)) && flat != 0;
        let pick = |f: i64, c: i64| if list_flat { f } else { c };
        let there = pick(flat, cum);
        let here_value = here.as_ref().map_or(0, |h| pick(h.1, h.2));
        let hides =
            here_value == 0 || (heap_pair && here_value.wrapping_abs() < there.wrapping_abs() / 10);
        if there == 0 || !hides {
            continue;
        }
        let unit = |i: usize| p.sample_types[i].unit.as_str();
        let clean = |s: &str| crate::sanitize::sanitize(s).into_owned();
        return Some(Elsewhere {
            what: clean(&name),
            refinements: match kind {
                ReportKind::Top | ReportKind::Traces => {
                    o.filters.active().iter().map(|r| clean(r)).collect()
                }
                _ => Vec::new(),
            },
            other: p.sample_types[other].ty.clone(),
            there: compact::value(there, unit(other)),
            here: if here_value == 0 {
                String::new()
            } else {
                compact::value(here_value, unit(t))
            },
            chosen: p.sample_types[t].ty.clone(),
            measure: match kind {
                ReportKind::Top | ReportKind::Traces => "",
                _ if list_flat => "flat ",
                _ => "cum ",
            },
        });
    }
    None
}

/// Whether the command line used pprof's spellings (`-list=RE`, `-sample_index=X`: one
/// dash and a long name), so the hint answers in kind.
pub fn pprof_style(argv: impl IntoIterator<Item = std::ffi::OsString>) -> bool {
    argv.into_iter().skip(1).any(|a| {
        let a = a.to_string_lossy();
        let name = a.strip_prefix('-').unwrap_or("");
        !name.starts_with('-')
            && name.split('=').next().is_some_and(|n| {
                n.len() > 1 && n.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::filter::Pattern;

    fn pattern(s: &str) -> Pattern {
        Pattern::new(s).expect("regex")
    }
    use std::path::PathBuf;

    fn load(name: &str) -> Profile {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("testdata/profiles")
            .join(name);
        crate::input::load(&[path.display().to_string()], &Default::default()).expect(name)
    }

    fn opts(p: &Profile, t: &str) -> ReportOptions {
        ReportOptions {
            sample_index: p.sample_types.iter().position(|s| s.ty == t).expect("type"),
            ..Default::default()
        }
    }

    #[test]
    fn list_on_the_end_of_program_profile_names_alloc_space() {
        let p = load("seed-default.prof");
        let o = opts(&p, "inuse_space");
        let e = elsewhere(&p, &o, &ReportKind::List(pattern("main.main"))).expect("hint");
        assert_eq!(
            e.line(true),
            "hint: main.main has 82.3MB flat in alloc_space (nothing in inuse_space): add -sample_index=alloc_space"
        );
        assert_eq!(
            e.line(false),
            "hint: main.main has 82.3MB flat in alloc_space (nothing in inuse_space): add -i alloc_space"
        );
        // Nothing to say where alloc_space is chosen, or for a CPU profile.
        let o = opts(&p, "alloc_space");
        assert_eq!(
            elsewhere(&p, &o, &ReportKind::List(pattern("main.main"))),
            None
        );
        let cpu = load("seed-cpu.prof");
        let o = opts(&cpu, "cpu");
        assert_eq!(
            elsewhere(&cpu, &o, &ReportKind::List(pattern("nothing_here"))),
            None
        );
    }

    #[test]
    fn peek_and_refined_top_and_no_matches() {
        let p = load("seed-rate1.prof");
        let o = opts(&p, "inuse_space");
        let e = elsewhere(&p, &o, &ReportKind::Peek(pattern("main\\."))).expect("hint");
        assert!(e.line(false).contains("(nothing in inuse_space)"), "{e:?}");
        assert_eq!(e.other, "alloc_space");
        // An unrefined --top says nothing; refined, it names the refinement.
        assert_eq!(elsewhere(&p, &o, &ReportKind::Top), None);
        let mut o = o;
        o.filters
            .set(crate::analysis::FilterKind::Focus, "main\\.")
            .expect("focus");
        let e = elsewhere(&p, &o, &ReportKind::Top).expect("hint");
        assert_eq!(
            e.line(false),
            "hint: --focus=main\\. keeps 84MB in alloc_space (nothing in inuse_space): add -i alloc_space"
        );
        assert!(
            e.line(true).starts_with("hint: -focus=main\\. keeps"),
            "{e:?}"
        );
    }

    #[test]
    fn pprof_spellings_are_recognised() {
        let a = |v: &[&str]| pprof_style(v.iter().map(std::ffi::OsString::from));
        assert!(a(&["memprof-tui", "-list=main.main", "x.prof"]));
        assert!(a(&[
            "memprof-tui",
            "-sample_index",
            "alloc_space",
            "x.prof"
        ]));
        assert!(!a(&["memprof-tui", "--list", "main.main", "x.prof"]));
        assert!(!a(&["memprof-tui", "-i", "alloc_space", "--top", "x.prof"]));
        assert!(!a(&["memprof-tui", "-", "--top"]));
    }
}
