//! Model-based test of the explorer: random sequences of every action, key, mouse event,
//! resize and late or reordered job result, on every loadable profile of testdata/, with
//! the invariants checked after every step and a frame drawn at a random size; on diffs
//! of the heap pairs (`--diff-base`, `--base --normalize`); and on generated profiles.

mod common;

use std::sync::Arc;

use memprof_tui::app::Overlay;
use memprof_tui::input::{load, load_with_bases};
use memprof_tui::profile::{BaseMode, Bases, Limits};
use memprof_tui_testkit::walk::Walker;
use proptest::prelude::{Just, Strategy};

/// A deterministic byte stream (splitmix64).
fn bytes(seed: u64, n: usize) -> Vec<u8> {
    let mut s = seed;
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        s = s.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = s;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        out.extend_from_slice(&z.to_le_bytes());
    }
    out.truncate(n);
    out
}

/// Every profile under `dir` that loads and has a sample type.
fn profiles(dir: &str) -> Vec<(String, Arc<memprof_tui::profile::Profile>)> {
    let mut out = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(common::testdata(dir))
        .expect("testdata dir")
        .map(|e| e.expect("entry").path())
        .collect();
    paths.sort();
    for p in paths {
        let name = p.display().to_string();
        if let Ok(mut prof) = load(std::slice::from_ref(&name), &Limits::default())
            && !prof.sample_types.is_empty()
        {
            memprof_tui_testkit::walk::tame_sources(&mut prof);
            out.push((name, Arc::new(prof)));
        }
    }
    out
}

fn walk_all(dir: &str, seeds: u64, len: usize) -> u64 {
    common::utc();
    let mut steps = 0;
    let list = profiles(dir);
    assert!(!list.is_empty(), "no profile under {dir}");
    for (name, p) in list {
        for seed in 0..seeds {
            let (w, h) = if seed % 2 == 0 { (80, 24) } else { (160, 48) };
            let mut walker = Walker::new(p.clone(), w, h);
            let input = bytes(seed ^ 0x5EED, len);
            let t0 = std::time::Instant::now();
            if let Err(e) = walker.walk(&input) {
                panic!(
                    "{name}, seed {seed}, after {} steps: {e}\n(reproduce: Walker::walk on bytes(seed ^ 0x5EED, {len}))",
                    walker.steps
                );
            }
            steps += walker.steps;
            eprintln!(
                "{name} seed {seed}: {} steps in {:?}",
                walker.steps,
                t0.elapsed()
            );
        }
    }
    steps
}

/// With a report budget of one byte every report not on screen is let go of at once: the
/// panes left behind release theirs and must find them computed again, at the places
/// they were (the walk's reference model checks what is shown after every step).
#[test]
fn random_walks_with_a_budget_that_keeps_only_what_is_shown() {
    common::utc();
    let mut steps = 0;
    let mut evicted = 0;
    for name in ["kinds-heap.prof", "retain-end.prof", "seed-cpu.prof"] {
        let path = common::testdata(&format!("profiles/{name}"))
            .display()
            .to_string();
        let mut p = load(std::slice::from_ref(&path), &Limits::default()).expect(name);
        memprof_tui_testkit::walk::tame_sources(&mut p);
        let p = Arc::new(p);
        for seed in 0..2u64 {
            let (w, h) = if seed % 2 == 0 { (80, 24) } else { (160, 48) };
            let mut walker = Walker::new(p.clone(), w, h);
            walker.set_cache_budget(1);
            if let Err(e) = walker.walk(&bytes(seed ^ 0xB0D6, 1200)) {
                panic!("{name}, seed {seed}, after {} steps: {e}", walker.steps);
            }
            steps += walker.steps;
            evicted += walker.app().jobs().evicted();
        }
    }
    assert!(steps > 2_000, "{steps} steps");
    assert!(evicted > 100, "only {evicted} reports were let go of");
}

#[test]
fn random_walks_on_the_real_go_profiles() {
    let steps = walk_all("profiles", 2, 1500);
    assert!(steps > 10_000, "{steps} steps");
}

#[test]
fn random_walks_on_diffs_of_the_heap_pairs() {
    common::utc();
    let mut steps = 0;
    for pair in ["growth", "retain"] {
        for mode in [BaseMode::DiffBase, BaseMode::Subtract] {
            let path = |which: &str| {
                common::testdata(&format!("profiles/{pair}-{which}.prof"))
                    .display()
                    .to_string()
            };
            let bases = Bases {
                paths: vec![path("mid")],
                mode,
                normalize: mode == BaseMode::Subtract,
            };
            let mut p = load_with_bases(
                &[path("end")],
                Some(&bases),
                &Limits::default(),
                &Default::default(),
                &Default::default(),
            )
            .map(|l| l.profile)
            .expect("diff");
            memprof_tui_testkit::walk::tame_sources(&mut p);
            let p = Arc::new(p);
            for seed in 0..2u64 {
                let start = memprof_tui::app::Start {
                    sample_index: p.default_sample_index(),
                    base: Some(bases.clone()),
                    ..Default::default()
                };
                let (w, h) = if seed % 2 == 0 { (80, 24) } else { (160, 48) };
                let mut walker = Walker::with_start(p.clone(), start, w, h);
                assert!(walker.app().diff().is_some());
                if let Err(e) = walker.walk(&bytes(seed ^ 0xD1FF, 1500)) {
                    panic!(
                        "{pair} {mode:?} seed {seed}, after {} steps: {e}",
                        walker.steps
                    );
                }
                steps += walker.steps;
            }
        }
    }
    assert!(steps > 4_000, "{steps} steps");
}

/// A program profiled again and again: refetches (`R`, `--watch` ticks) answered late,
/// failed or with the next profile of the sequence and its change since the one shown;
/// `D` among the actions; the last pair cannot be compared (other sample types).
#[test]
fn random_walks_on_live_refetches_and_changes() {
    common::utc();
    let load_one = |name: &str| {
        let path = common::testdata(&format!("profiles/{name}"))
            .display()
            .to_string();
        let mut p = load(&[path], &Limits::default()).expect(name);
        memprof_tui_testkit::walk::tame_sources(&mut p);
        Arc::new(p)
    };
    let (mut steps, mut refetches) = (0, 0);
    for sequence in [
        ["growth-mid.prof", "growth-end.prof", "growth-mid.prof"],
        ["retain-mid.prof", "retain-end.prof", "retain-end.prof"],
        ["kinds-heap.prof", "kinds-allocs.prof", "kinds-mutex.prof"],
    ] {
        let profiles: Vec<_> = sequence.iter().map(|n| load_one(n)).collect();
        for seed in 0..2u64 {
            let (w, h) = if seed % 2 == 0 { (80, 24) } else { (160, 48) };
            let mut walker = Walker::live(profiles.clone(), w, h);
            if let Err(e) = walker.walk(&bytes(seed ^ 0x11FE, 2500)) {
                panic!(
                    "{sequence:?} seed {seed}, after {} steps: {e}",
                    walker.steps
                );
            }
            steps += walker.steps;
            refetches += walker.refetches();
        }
    }
    assert!(steps > 3_000, "{steps} steps");
    assert!(refetches > 20, "only {refetches} refetches answered");
}

/// A series of snapshots of one program (`--series` of testdata's leakserver): the
/// Growth pane, its timeline and base picks, `B` and `D` among the actions.
#[test]
fn random_walks_on_a_series_of_snapshots() {
    common::utc();
    let dir = common::testdata("profiles/series/leak");
    let files = memprof_tui::input::series::expand(&[dir.display().to_string()]).expect("series");
    let profiles: Vec<_> = files
        .iter()
        .map(|f| {
            let mut p = load(std::slice::from_ref(f), &Limits::default()).expect(f);
            memprof_tui_testkit::walk::tame_sources(&mut p);
            Arc::new(p)
        })
        .collect();
    let mut steps = 0;
    for seed in 0..2u64 {
        let (w, h) = if seed % 2 == 0 { (80, 24) } else { (160, 48) };
        let mut walker = Walker::series(profiles.clone(), w, h);
        if let Err(e) = walker.walk(&bytes(seed ^ 0x5E1E5, 2500)) {
            panic!("series seed {seed}, after {} steps: {e}", walker.steps);
        }
        steps += walker.steps;
    }
    assert!(steps > 1_500, "{steps} steps");
}

#[test]
fn random_walks_on_hostile_and_huge_profiles() {
    let steps = walk_all("bad", 1, 600);
    assert!(steps > 1_000, "{steps} steps");
}

#[test]
fn random_walks_on_other_producers_and_legacy_formats() {
    let mut steps = 0;
    for dir in [
        "profiles/realworld",
        "profiles/legacy",
        "profiles/synthetic",
    ] {
        steps += walk_all(dir, 1, 400);
    }
    assert!(steps > 5_000, "{steps} steps");
}

#[test]
fn random_walks_on_fuzz_regressions() {
    walk_all("fuzz-regressions", 2, 600);
}

#[test]
fn a_walker_reaches_every_pane_and_overlay() {
    // The byte stream decides; a long walk must have visited every pane and gone back
    // (sanity check that the walk explores rather than idles).
    common::utc();
    let mut p = (*common::profile("retain-mid.prof")).clone();
    memprof_tui_testkit::walk::tame_sources(&mut p);
    let p = Arc::new(p);
    let mut seen = std::collections::HashSet::new();
    let mut overlays: Vec<Overlay> = Vec::new();
    let (mut transformed, mut butterfly_opened, mut backs) = (false, false, 0);
    // Two walks: opening the butterfly past its first level takes focusing it, then
    // opening a row with callers of its own — rare enough that one walk may miss it.
    for seed in [7, 4] {
        let mut w = Walker::new(p.clone(), 120, 40);
        for chunk in bytes(seed, 8_000).chunks(64) {
            w.walk(chunk).expect("invariants");
            let app = w.app();
            seen.insert(app.focus());
            if let Some((o, _)) = app.overlay()
                && !overlays.contains(&o)
            {
                overlays.push(o);
            }
            let f = app.filters();
            transformed |= f.collapse_recursion.is_some() || f.collapse_package.is_some();
            butterfly_opened |= app.butterfly().rows().iter().any(|r| r.depth > 1);
        }
        backs += w.backs;
    }
    assert_eq!(seen.len(), memprof_tui::app::PaneId::ALL.len(), "{seen:?}");
    assert!(backs > 0, "back returned to a place");
    // Issue 21's overlays, a transform and a butterfly opened past its first level are
    // among the states walked (the icicle is rarer: a toggle in the flame pane, undone by
    // the next quit; tests/app_explore drives it).
    for o in [Overlay::Traces, Overlay::Views, Overlay::Commands] {
        assert!(overlays.contains(&o), "{o:?} never opened: {overlays:?}");
    }
    assert!(
        transformed && butterfly_opened,
        "transformed {transformed}, butterfly opened {butterfly_opened}"
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]

    /// Generated heap-like profiles (recursion, zero and negative values) walked at random.
    #[test]
    fn random_walks_on_generated_profiles(
        (funcs, stacks) in (2usize..9).prop_flat_map(|funcs| {
            let values = proptest::collection::vec(-50i64..5000, 4);
            let stack = (proptest::collection::vec(0..funcs as u32, 1..9), values);
            (Just(funcs), proptest::collection::vec(stack, 1..40))
        }),
        seed in 0u64..1000,
    ) {
        common::utc();
        let types = ["alloc_objects", "alloc_space", "inuse_objects", "inuse_space"];
        let p = common::synthetic_profile(funcs, &stacks, &types);
        let mut walker = Walker::new(Arc::new(p), 100, 30);
        let input = bytes(seed, 400);
        let outcome = walker.walk(&input);
        proptest::prop_assert!(outcome.is_ok(), "{:?} after {} steps", outcome, walker.steps);
    }
}
