//! Leak hunting over the committed series of heap snapshots of testdata's leakserver
//! (testdata/profiles/series/leak, fetched with `gc=1` one second apart): the leaking
//! function ranks first, the warm-up, the grow-and-release buffer and the churn below it.

mod common;

use memprof_tui::analysis::growth::{GrowthOptions, Snapshot, TrendClass, growth};

fn series() -> Vec<std::sync::Arc<memprof_tui::profile::Profile>> {
    let dir = common::testdata("profiles/series/leak");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("series folder")
        .map(|e| {
            e.expect("entry")
                .file_name()
                .into_string()
                .expect("utf-8 name")
        })
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
    assert!(
        r.alloc_rate
            .as_ref()
            .is_some_and(|v| v.len() == snaps.len() - 1)
    );
}

fn growth_cli(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_memprof-tui"))
        .arg("--growth")
        .args(args)
        .output()
        .expect("run memprof-tui")
}

#[test]
fn growth_on_the_command_line_names_the_leak_first_in_every_format() {
    let dir = common::testdata("profiles/series/leak")
        .display()
        .to_string();
    let out = growth_cli(&[&dir]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let rows: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.contains("growth/min"))
        .skip(1)
        .collect();
    assert!(rows[0].ends_with("main.recordSession"), "{text}");
    assert!(
        rows[0].contains("growing") && rows[0].contains("high"),
        "{text}"
    );
    assert!(
        text.contains("Series: 14 snapshots of inuse_space"),
        "{text}"
    );

    let tsv = growth_cli(&["--format", "tsv", &dir]);
    let tsv = String::from_utf8(tsv.stdout).expect("utf-8");
    assert!(
        tsv.lines()
            .nth(1)
            .expect("row")
            .starts_with("1\tmain.recordSession\tgrowing\thigh\t"),
        "{tsv}"
    );

    let json = growth_cli(&["--format", "json", &dir]);
    let json = String::from_utf8(json.stdout).expect("utf-8");
    let first = json.find("\"name\": ").expect("a suspect");
    assert!(
        json[first..].starts_with("\"name\": \"main.recordSession\""),
        "{json}"
    );
}

#[test]
fn growth_refinements_and_sample_types_apply_to_every_snapshot() {
    let dir = common::testdata("profiles/series/leak")
        .display()
        .to_string();
    // Without the leak, the warm-up is what is left: it levelled off, nothing grows.
    let out = growth_cli(&["--format", "tsv", "--ignore", "recordSession", &dir]);
    let tsv = String::from_utf8(out.stdout).expect("utf-8");
    assert!(!tsv.contains("main.recordSession"), "{tsv}");
    assert!(
        tsv.lines()
            .nth(1)
            .expect("row")
            .contains("main.warmCache\tlevelled_off"),
        "{tsv}"
    );
    // Objects in use rank the same leak first.
    let out = growth_cli(&["--format", "tsv", "-i", "inuse_objects", &dir]);
    let tsv = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        tsv.lines()
            .nth(1)
            .expect("row")
            .starts_with("1\tmain.recordSession\tgrowing"),
        "{tsv}"
    );
    // A CPU profile has no inuse_space: the first snapshot decides, a mixed series is refused.
    let cpu = common::testdata("profiles/seed-cpu.prof")
        .display()
        .to_string();
    let heap = common::testdata("profiles/series/leak/heap-01.pb.gz")
        .display()
        .to_string();
    let out = growth_cli(&[&heap, &cpu]);
    assert_eq!(out.status.code(), Some(4));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("heap-01.pb.gz: no cpu samples"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}
