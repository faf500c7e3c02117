//! Sentences that are true for the profile at hand: the notice on end-of-program,
//! mid-run and MemProfileRate = 1 profiles, the retained share against hand-computed
//! values, keys not advertised where they do nothing, cut stacks reported, and the
//! command line reaching the explorer.

mod common;

use clap::Parser;
use common::Harness;
use memprof_tui::analysis::view::TableSort;
use memprof_tui::analysis::{Granularity, heap::Diagnosis};
use memprof_tui::app::{Notice, UnitMode};
use memprof_tui::cli::Args;

#[test]
fn end_of_program_profile_explains_the_empty_view_with_both_totals() {
    let h = Harness::new("seed-default.prof", 120, 40);
    let notices = h.app.notices();
    assert!(
        matches!(notices[0], Notice::EndOfProgram { .. }),
        "{notices:?}"
    );
    let s = h.screen();
    assert!(s.contains("Why does this look empty?"), "{s}");
    assert!(s.contains("2.72MB is in use"), "{s}");
    assert!(s.contains("85MB allocated"), "{s}");
    assert!(s.contains("program end"), "{s}");
}

#[test]
fn mid_run_profile_gets_a_neutral_line() {
    let h = Harness::new("retain-mid.prof", 120, 40);
    let d = Diagnosis::of(h.app.profile()).expect("heap");
    assert!(d.looks_empty, "retain-mid keeps 3% in use");
    assert!(d.runtime_share < 0.5, "{}", d.runtime_share);
    assert!(matches!(h.app.notices()[0], Notice::MostlyFreed { .. }));
    let s = h.screen();
    assert!(s.contains("most allocations were freed again"), "{s}");
    assert!(!s.contains("program end"), "{s}");
    assert!(!s.contains("Why does this look empty?"), "{s}");
}

#[test]
fn exact_profiles_claim_no_sampling_estimate() {
    let h = Harness::new("seed-rate1.prof", 120, 40);
    assert!(
        h.app
            .notices()
            .iter()
            .all(|n| !matches!(n, Notice::FewSamples { .. }))
    );
    let s = h.screen();
    assert!(!s.contains("~smpl"), "{s}");
    assert!(!s.contains(" !1 ") && !s.contains(" !2 "), "{s}");
    // The sampled one says so.
    let h = Harness::new("seed-default.prof", 120, 40);
    assert!(h.screen().contains("~smpl"));
}

#[test]
fn retained_share_is_in_use_cum_over_alloc_cum() {
    let mut h = Harness::new("retain-mid.prof", 160, 48);
    h.type_str("b");
    let v = h.app.view().expect("view");
    let pairs = v.pairs.as_ref().expect("pairs");
    let golden = |ty: &str, name: &str| -> i64 {
        let text = std::fs::read_to_string(common::testdata(&format!(
            "golden/retain-mid.prof.{ty}.functions.top"
        )))
        .expect("golden");
        let l = text
            .lines()
            .find(|l| l.trim_end().ends_with(&format!(" {name}")))
            .unwrap_or_else(|| panic!("{name} in {ty}"));
        let cum = l.split_whitespace().nth(3).expect("cum");
        let n: f64 = cum
            .trim_end_matches(char::is_alphabetic)
            .parse()
            .expect("number");
        let scale = if cum.ends_with("MB") {
            1024.0 * 1024.0
        } else if cum.ends_with("kB") {
            1024.0
        } else {
            1.0
        };
        (n * scale) as i64
    };
    for name in ["main.fill", "main.main", "runtime.main"] {
        let i = v
            .report
            .rows
            .iter()
            .position(|r| r.name == name)
            .expect(name);
        let (inuse, alloc) = (golden("inuse_space", name), golden("alloc_space", name));
        let want = inuse as f64 / alloc as f64 * 100.0;
        let got = pairs[i].retained_pct().expect("share");
        // The goldens print two decimals of a scaled unit: compare to a tenth of a percent.
        assert!((got - want).abs() < 0.1, "{name}: {got} vs {want}");
    }
    // runtime.main keeps about 3% of what it and its callees allocated (not 100%, as a
    // flat ratio of 4.05kB/4.05kB would say).
    let rm = v
        .report
        .rows
        .iter()
        .position(|r| r.name == "runtime.main")
        .expect("row");
    assert!(pairs[rm].retained_pct().expect("share") < 5.0);
    assert!(h.screen().contains("kept cum"));
}

#[test]
fn keys_that_do_nothing_here_are_not_advertised_and_say_why() {
    let mut h = Harness::new("seed-cpu.prof", 160, 48);
    let s = h.screen();
    let status = s.lines().last().expect("status");
    assert!(!status.contains("inuse/alloc"), "{status}");
    assert!(!status.contains("side-by-side"), "{status}");
    h.type_str("a");
    assert!(
        h.screen().contains("works on heap profiles only"),
        "{}",
        h.screen()
    );
    let h = Harness::new("seed-default.prof", 160, 48);
    assert!(
        h.screen()
            .lines()
            .last()
            .expect("status")
            .contains("inuse/alloc")
    );
}

#[test]
fn stacks_cut_at_the_depth_limit_are_reported() {
    let stacks: Vec<(Vec<u32>, Vec<i64>)> = (0..10)
        .map(|s| {
            let depth = if s < 4 { 32 } else { 5 };
            ((0..depth).map(|k| (k % 6) as u32).collect(), vec![1])
        })
        .collect();
    let p = common::synthetic_profile(6, &stacks, &["v"]);
    let mut h = Harness::from_profile(std::sync::Arc::new(p), "deep.pb", 160, 40);
    let t = h.app.truncation().expect("truncated");
    assert_eq!((t.depth, t.samples), (32, 4));
    assert!(
        h.screen().contains("40% of stacks cut at 32 frames"),
        "{}",
        h.screen()
    );
    h.type_str("i");
    assert!(h.screen().contains("stop at 32 frames"), "{}", h.screen());
}

#[test]
fn the_command_line_reaches_the_explorer() {
    let args = Args::try_parse_from([
        "memprof-tui",
        "-i",
        "alloc_space",
        "-g",
        "lines",
        "--cum",
        "--unit",
        "MB",
        "--nodecount",
        "5",
        "--focus",
        "main",
        "--relative-percentages",
        "testdata/profiles/retain-mid.prof",
    ])
    .expect("flags");
    let opts = args.explorer_options().expect("options");
    assert_eq!(opts.granularity, "lines");
    let start = memprof_tui::app::Start {
        sample_index: 1,
        granularity: Granularity::parse(&opts.granularity).expect("granularity"),
        cum: opts.cum,
        units: UnitMode::from_flag(&opts.unit),
        trim: memprof_tui::jobs::Trim::new(opts.node_count, opts.node_fraction),
        filters: opts.filters.clone(),
        base: opts.bases.clone(),
    };
    let h = Harness::with_start("retain-mid.prof", 160, 48, start);
    let key = h.app.view_key();
    assert_eq!(key.granularity, Granularity::Lines);
    assert_eq!(key.sort, TableSort::Cum);
    assert_eq!(key.trim.node_count, 5);
    assert_eq!(*h.app.units(), UnitMode::Report("MB".into()));
    assert!(h.app.filters().is_active() && h.app.filters().relative_percentages);
    assert!(h.app.view().expect("view").report.rows.len() <= 5);
    let s = h.screen();
    for shown in [
        "refined",
        "relative %",
        "lines",
        "sort cum",
        "at most 5 rows",
        "unit MB",
        "MB",
    ] {
        assert!(s.contains(shown), "{shown} not in\n{s}");
    }
}
