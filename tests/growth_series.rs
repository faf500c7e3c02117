//! Leak hunting over the committed series of heap snapshots of testdata's leakserver
//! (testdata/profiles/series/leak, fetched with `gc=1` one second apart): the leaking
//! function ranks first, the warm-up, the grow-and-release buffer and the churn below it.

mod common;

use memprof_tui::analysis::growth::{GrowthOptions, Snapshot, TrendClass, growth};

fn series() -> Vec<std::sync::Arc<memprof_tui::profile::Profile>> {
    let dir = common::testdata("profiles/series/leak");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("series folder")
        .map(|e| e.expect("entry").file_name().into_string().expect("utf-8 name"))
        .collect();
    names.sort();
    names
        .iter()
        .map(|n| common::profile(&format!("series/leak/{n}")))
        .collect()
}

#[test]
fn the_leak_ranks_first_and_the_others_are_told_apart() {
    let profiles = series();
    assert!(profiles.len() >= 10, "{} snapshots", profiles.len());
    let snaps: Vec<Snapshot<'_>> = profiles
        .iter()
        .map(|p| Snapshot {
            profile: p,
            at_nanos: p.time_nanos,
        })
        .collect();
    let r = growth(&snaps, &GrowthOptions::default()).expect("ranked");
    assert_eq!(r.sample_type, "inuse_space");
    let find = |name: &str| {
        r.suspects
            .iter()
            .position(|s| s.name == name)
            .unwrap_or_else(|| panic!("{name} not ranked: {:#?}", r.suspects))
    };
    for s in &r.suspects[..6.min(r.suspects.len())] {
        eprintln!(
            "{:<30} {:<14} {:>12.0}/min recent {:>12.0}/min tau {:.2} p {:.4} {:?}",
            s.name,
            s.trend.class.label(),
            s.trend.slope_per_min,
            s.trend.recent_per_min,
            s.trend.tau,
            s.trend.p_rise,
            s.trend.confidence
        );
    }
    let leak = find("main.recordSession");
    assert_eq!(leak, 0, "{:#?}", &r.suspects[..3]);
    assert_eq!(r.suspects[0].trend.class, TrendClass::Growing);
    assert_eq!(
        r.suspects[find("main.warmCache")].trend.class,
        TrendClass::LevelledOff
    );
    assert_eq!(
        r.suspects[find("main.batchBuffer")].trend.class,
        TrendClass::GrowsAndReleases
    );
    // 32 KiB every 100 ms, about 19 MB a minute.
    let per_min = r.suspects[0].trend.recent_per_min;
    assert!((15e6..23e6).contains(&per_min), "{per_min}");
    assert!(r.alloc_rate.as_ref().is_some_and(|v| v.len() == snaps.len() - 1));
}
