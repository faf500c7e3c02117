//! Every number the explorer draws carries its unit, fits its column and is never in
//! scientific notation — on production-scale profiles (gigabytes, hours, deep stacks,
//! a real diff with signed values) at 80×24, 100×30 and 160×48, in every pane and unit mode.

mod common;

use std::sync::Arc;

use common::Harness;
use memprof_tui::profile::BaseMode::DiffBase;
use memprof_tui::profile::Profile;
use regex::Regex;

/// Long Go-like names: an import path, a type and a method.
fn names(p: &mut Profile) {
    for (i, f) in p.functions.iter_mut().enumerate() {
        f.name = format!(
            "github.com/acme-corp/platform/internal/service{}/queue.(*T{i}).Method{}",
            i % 7,
            i * 37
        );
    }
}

/// Stacks over `funcs` functions (leaf first), deep and varied.
fn stacks(
    funcs: u32,
    n: usize,
    depth: usize,
    value: impl Fn(usize) -> Vec<i64>,
) -> Vec<(Vec<u32>, Vec<i64>)> {
    (0..n)
        .map(|s| {
            let d = 2 + (s * 7) % depth.max(1);
            let stack = (0..d).map(|k| ((s * 31 + k * 17) as u32) % funcs).collect();
            (stack, value(s))
        })
        .collect()
}

fn heap_gb() -> Profile {
    let st = stacks(60, 400, 30, |s| {
        let objs = 1 + (s as i64 * 977) % 50_000;
        let bytes = objs * 1_048_576 * (1 + s as i64 % 9);
        vec![objs * 40, bytes * 40, objs, bytes / 7]
    });
    let mut p = common::synthetic_profile(
        60,
        &st,
        &[
            "alloc_objects",
            "alloc_space",
            "inuse_objects",
            "inuse_space",
        ],
    );
    p.period = 524_288;
    names(&mut p);
    p
}

fn cpu_hours() -> Profile {
    let st = stacks(40, 300, 20, |s| {
        let n = 1 + (s as i64 * 7919) % 400_000;
        vec![n, n * 10_000_000]
    });
    let mut p = common::synthetic_profile(40, &st, &["samples", "cpu"]);
    p.sample_types[0].unit = "count".into();
    p.sample_types[1].unit = "nanoseconds".into();
    p.duration_nanos = 7_200_000_000_000;
    names(&mut p);
    p
}

fn deep() -> Profile {
    let st = stacks(80, 200, 32, |s| {
        vec![1 + s as i64 % 5, (1 + s as i64) * 4096]
    });
    let mut p = common::synthetic_profile(80, &st, &["objects", "space"]);
    p.sample_types[1].unit = "bytes".into();
    names(&mut p);
    p
}

/// The unit a value column of type `unit` must show.
fn value_re(unit: &str) -> Regex {
    let suffix = match unit {
        "bytes" => "(B|kB|MB|GB|TB|PB|EB)",
        "nanoseconds" => "(ns|µs|ms|s|min|h|d)",
        _ => "(k|M|G|T|P|E)?",
    };
    Regex::new(&format!(r"^(0|[-+]?\d{{1,4}}(\.\d{{1,2}})?{suffix})$")).expect("regex")
}

/// Checks the table of the screen: the column header row (with "name"), then each row's
/// cells left of the name, one token per column, each in its column's format.
fn check_table(screen: &str, unit: &str, what: &str) -> Result<(), String> {
    let pct = Regex::new(r"^(0%|[-+]?(<0\.01|\d{1,4}(\.\d{1,2})?)%|>9999%)$").expect("regex");
    let val = value_re(unit);
    let other = Regex::new(r"^(!?\d+(\.\d+)?[kMG]?|!?<1|-|\d+(\.\d)?%)$").expect("regex");
    let lines: Vec<&str> = screen.lines().collect();
    let Some(h) = lines.iter().position(|l| {
        l.contains(" name") && (l.contains("flat") || l.contains("cum") || l.contains("value"))
    }) else {
        return Ok(()); // not a table pane
    };
    let head = lines[h].trim_start_matches('│');
    let name_at = head.find("name").expect("name column");
    let cols: Vec<&str> = head[..name_at].split_whitespace().collect();
    // Column titles of two words ("inuse cum", "of func", "kept cum") are one column.
    let titles = head[..name_at]
        .replace("inuse cum", "inuse_cum")
        .replace("alloc cum", "alloc_cum")
        .replace("of func", "of_func")
        .replace("of total", "of_total")
        .replace("kept cum", "kept_cum");
    let cols: Vec<&str> = if titles.split_whitespace().count() != cols.len() {
        titles.split_whitespace().collect()
    } else {
        cols
    };
    for l in &lines[h + 1..] {
        let Some(body) = l.strip_prefix('│') else {
            continue; // borders, status line
        };
        if body.trim().is_empty() || body.len() < name_at {
            continue;
        }
        let cut = body
            .char_indices()
            .nth(head[..name_at].chars().count())
            .map_or(body.len(), |(i, _)| i);
        let cells: Vec<&str> = body[..cut].split_whitespace().collect();
        for (c, title) in cells.iter().zip(&cols) {
            let ok = if title.contains('%') || *title == "of_func" || *title == "of_total" {
                pct.is_match(c)
            } else if *title == "~smpl" || *title == "kept_cum" {
                other.is_match(c)
            } else {
                c.is_empty() || val.is_match(c)
            };
            if !ok {
                return Err(format!(
                    "{what}: cell {c:?} of column {title} in {l:?}\n{screen}"
                ));
            }
        }
        if cells.len() > cols.len() {
            return Err(format!("{what}: more cells than columns in {l:?}"));
        }
    }
    Ok(())
}

fn no_scientific(screen: &str, what: &str) -> Result<(), String> {
    let sci = Regex::new(r"\d\.?\d*e[+-]?\d").expect("regex");
    match sci.find(screen) {
        Some(m) => Err(format!(
            "{what}: scientific notation {:?}\n{screen}",
            m.as_str()
        )),
        None => Ok(()),
    }
}

#[test]
fn every_number_fits_with_its_unit() {
    let mut failures = Vec::new();
    // A diff: the growth pair of testdata (end minus mid, pprof's -diff_base), signed.
    let synthetic = [
        ("heap-gb", Some(heap_gb())),
        ("cpu-hours", Some(cpu_hours())),
        ("deep", Some(deep())),
        ("diff", None),
    ];
    for (name, p) in synthetic {
        let p = p.map(Arc::new);
        for (w, h) in [(80, 24), (100, 30), (160, 48)] {
            let mut harness = match &p {
                Some(p) => Harness::from_profile(p.clone(), name, w, h),
                None => Harness::diff("growth-end.prof", "growth-mid.prof", DiffBase, w, h),
            };
            let p = harness.app.profile().clone();
            for keys in ["", "t", "b", "2", "3", "4", "1u", "u", "u"] {
                harness.type_str(keys);
                let s = harness.screen();
                let key = harness.app.view_key();
                let unit = p.sample_types[key.sample.index()].unit.clone();
                let what = format!("{name} {w}×{h} after {keys:?}");
                let exact = *harness.app.units() == memprof_tui::app::UnitMode::Exact;
                let report = matches!(harness.app.units(), memprof_tui::app::UnitMode::Report(_));
                if !exact
                    && !report
                    && let Err(e) = check_table(&s, &unit, &what)
                {
                    failures.push(e);
                }
                if let Err(e) = no_scientific(&s, &what) {
                    failures.push(e);
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
